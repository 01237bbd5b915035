//! The frame of every page: `<html lang="zh-CN">`, a skip link, header
//! with navigation, main, footer; and the error page.

use maud::{html, Markup, DOCTYPE};

use crate::assets;
use crate::error::Problem;
use crate::site::SITE_NAME;

/// What the frame needs to know about a page.
#[derive(Debug, Default)]
pub struct Frame<'a> {
    /// The page's title (the site name is added).
    pub title: &'a str,
    /// The query to show in the header's search box.
    pub query: &'a str,
    /// Whether the header shows a search box (pages with their own leave
    /// it out).
    pub header_search: bool,
    /// An Atom feed of this page's content.
    pub feed: Option<String>,
}

/// A whole page around `main`.
pub fn page(frame: &Frame<'_>, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (frame.title) " · " (SITE_NAME) }
                link rel="stylesheet" href=(assets::style_url());
                link rel="alternate" type="application/atom+xml" title="新发布的文件" href="/feed.atom";
                @if let Some(feed) = &frame.feed {
                    link rel="alternate" type="application/atom+xml" title="本页的订阅" href=(feed);
                }
                script src=(assets::script_url()) defer {}
            }
            body {
                a class="skip-link" href="#main" { "跳到正文" }
                header class="site-header" {
                    a class="site-name" href="/" { (SITE_NAME) }
                    nav class="site-nav" aria-label="网站导航" {
                        ul {
                            li { a href="/" { "首页" } }
                            li { a href="/gazettes" { "公报" } }
                            li { a href="/issues" { "公报期次" } }
                            li { a href="/search" { "检索" } }
                            li { a href="/units" { "责任单位" } }
                            li { a href="/people" { "任免人员" } }
                            li { a href="/calendar" { "时间节点" } }
                            li { a href="/provisions" { "数量规定" } }
                            li { a href="/api/v1/openapi.json" { "API" } }
                        }
                    }
                    @if frame.header_search {
                        (search_form("site-q", frame.query, true))
                    }
                }
                main id="main" tabindex="-1" { (main) }
                footer class="site-footer" {
                    p { "本站文件均摘自政府公报，以公报刊登的文本为准；解析所得的结构与更正另行标注。" }
                    p {
                        a href="/feed.atom" { "订阅新文件（Atom）" }
                        " · "
                        a href="/api/v1/openapi.json" { "API 说明（OpenAPI）" }
                    }
                }
            }
        }
    }
}

/// The search form (a GET form, so every search is a shareable URL).
/// `id` must be unique on the page.
pub fn search_form(id: &str, query: &str, compact: bool) -> Markup {
    html! {
        form class="search-form" role="search" action="/search" method="get" {
            label for=(id) class=[compact.then_some("visually-hidden")] { "检索公文" }
            input id=(id) type="search" name="q" value=(query)
                placeholder="如：社会保险 type:通知 year:2019" autocomplete="off";
            button type="submit" { "检索" }
        }
    }
}

/// The page of an error.
pub fn error_page(problem: &Problem) -> Markup {
    let heading = match problem.status {
        404 => "找不到该页面",
        400 => "请求有误",
        401 | 403 => "无权访问",
        429 | 503 => "请稍后再试",
        _ => "出错了",
    };
    page(
        &Frame {
            title: heading,
            header_search: true,
            ..Frame::default()
        },
        html! {
            h1 { (heading) }
            p { (problem.detail) }
            p class="hint" { "错误代码：" code { (problem.code) } "（HTTP " (problem.status) "）" }
            p { a href="/" { "返回首页" } }
        },
    )
}
