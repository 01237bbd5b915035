//! The issues: a list, latest ingested first, and each issue's table of
//! contents in printed order.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{page, Frame};
use crate::error::ApiResult;
use crate::extract::{Key, Params};
use crate::reads::{issue_detail, issue_page};
use crate::state::AppState;
use crate::urls;
use crate::views::{IssueDetail, IssueList};

/// Issues per page.
const PER_PAGE: usize = 50;

#[derive(Debug, Deserialize)]
pub(super) struct ListParams {
    start: Option<usize>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    Params(params): Params<ListParams>,
) -> ApiResult<Response> {
    let start = params.start.unwrap_or(0);
    let list = state
        .read(move |reader| issue_page(reader, start, PER_PAGE))
        .await?;
    Ok(super::html(StatusCode::OK, render_list(&list, start)))
}

fn render_list(list: &IssueList, start: usize) -> Markup {
    let main = html! {
        h1 { "公报期次" }
        p { "共 " (list.total) " 期，按收录时间由近及远排列。" }
        ol class="results" {
            @for issue in &list.items {
                li {
                    h2 { a href=(issue.url) { (issue.label) } }
                    p class="meta" {
                        (issue.issue.documents) " 件公文"
                        @if let (Some(first), Some(last)) = (issue.first_date, issue.last_date) {
                            " · " (first.to_string()) " 至 " (last.to_string())
                        }
                        " · 收录于 " (issue.issue.ingested_at)
                    }
                }
            }
        }
        @if start > 0 || list.next_cursor.is_some() {
            nav class="pager" aria-label="分页" {
                @if start > 0 {
                    a rel="prev" href=(format!("/issues?start={}", start.saturating_sub(PER_PAGE))) { "上一页" }
                }
                @if list.next_cursor.is_some() {
                    a rel="next" href=(format!("/issues?start={}", start + PER_PAGE)) { "下一页" }
                }
            }
        }
    };
    page(
        &Frame {
            title: "公报期次",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

pub(super) async fn issue(State(state): State<AppState>, Key(key): Key) -> ApiResult<Response> {
    let detail = state.read(move |reader| issue_detail(reader, &key)).await?;
    Ok(super::html(StatusCode::OK, render_issue(&detail)))
}

fn render_issue(detail: &IssueDetail) -> Markup {
    let issue = &detail.summary.issue;
    let title = detail.summary.label.clone();
    let main = html! {
        h1 { (title) }
        p class="meta" {
            "文件：" (crate::gazettes::base_name(&issue.file_name)) " · " (issue.documents) " 件公文"
            @if let (Some(first), Some(last)) = (detail.summary.first_date, detail.summary.last_date) {
                " · " (first.to_string()) " 至 " (last.to_string())
            }
        }
        section aria-labelledby="contents-title" {
            h2 id="contents-title" { "目录" }
            ol class="results" {
                @for doc in &detail.contents {
                    li {
                        h3 { a href=(doc.url) { (doc.title) } }
                        p class="meta" {
                            (doc.doc_number.as_deref().unwrap_or("无文号"))
                            @if let Some(date) = doc.date { " · " (date.to_string()) }
                            @if let Some(kind) = &doc.doc_type { " · " (kind) }
                            " · " (doc.status_label)
                        }
                    }
                }
            }
        }
        @if let Some(p) = &issue.publication {
            @if let (false, Some(year), Some(number)) = (p.gazette.collection, p.year, p.number) {
                p { a href=(urls::gazette_issue_page(&p.gazette.slug, year, number)) { "按刊期查看：" (p.gazette.name) " " (year) "年第" (number) "期" } }
            }
        }
        p { a href=(urls::issue_api(issue.id)) { "本期的结构化数据（JSON）" } }
    };
    page(
        &Frame {
            title: &title,
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}
