//! The gazette pages, like the 公报 section of a government portal:
//! `/gazettes` (each gazette with its years, and how many 期号 of each are
//! missing), `/gazettes/{slug}/{year}` (the year's issues by 期号 and the
//! missing ones, listed for an archivist to collect) and
//! `/gazettes/{slug}/{year}/{number}` (the issue as published: gazette,
//! 期号, 总期号, date, where each came from, and its 目录 in issue order).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use gazette_model::ValueSource;
use maud::{html, Markup};

use super::layout::{page, Frame};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::gazettes::{
    gazette_issue, gazette_list, gazette_year, GazetteList, IssueContents, YearDetail,
};
use crate::state::AppState;
use crate::urls;

fn bad_path(rejection: PathRejection) -> ApiError {
    ApiError::new(ErrorCode::BadId, rejection.body_text())
}

pub(super) async fn list(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(gazette_list).await?;
    Ok(super::html(StatusCode::OK, render_list(&list)))
}

fn numbers(missing: &[u32]) -> String {
    missing
        .iter()
        .map(|n| format!("第{n}期"))
        .collect::<Vec<_>>()
        .join("、")
}

fn render_list(list: &GazetteList) -> Markup {
    let main = html! {
        h1 { "公报" }
        @if list.items.is_empty() {
            p { "本库尚未收录注明刊名的公报。" }
        }
        @for gazette in &list.items {
            section class="gazette" {
                h2 { (gazette.gazette.name) }
                p class="meta" {
                    @if gazette.gazette.collection { "网站发布的文件" } @else { "共收录 " (gazette.issues) " 期" }
                    @if let Some(publisher) = &gazette.gazette.publisher { " · 主办：" (publisher) }
                    @if let Some(frequency) = gazette.gazette.frequency { " · " (frequency.label()) }
                }
                ul class="plain-list" {
                    @for year in &gazette.years {
                        li {
                            @match (&year.url, year.year) {
                                (Some(url), Some(y)) => { a href=(url) { (y) "年" } }
                                _ => { "年份不详" }
                            }
                            " " span class="meta" {
                                (year.issues) " 期"
                                @if !year.missing.is_empty() {
                                    " · 缺 " (year.missing.len()) " 期"
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(
        &Frame {
            title: "公报",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

pub(super) async fn year(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> ApiResult<Response> {
    let Path((slug, year)) = path.map_err(bad_path)?;
    let detail = state
        .read(move |reader| gazette_year(reader, &slug, &year))
        .await?;
    Ok(super::html(StatusCode::OK, render_year(&detail)))
}

fn render_year(detail: &YearDetail) -> Markup {
    let title = format!("{} {}年", detail.gazette.name, detail.year);
    let main = html! {
        nav class="breadcrumb" aria-label="位置" {
            a href="/gazettes" { "公报" } " › " (detail.gazette.name) " › " (detail.year) "年"
        }
        h1 { (title) }
        section aria-labelledby="issues-title" {
            h2 id="issues-title" { "已收录的期次" }
            ol class="results" {
                @for issue in &detail.issues {
                    li {
                        h3 { a href=(issue.url) { (issue.label) } }
                        p class="meta" {
                            @if let Some(total) = issue.total_number { "总第" (total) "期 · " }
                            @if let Some(date) = issue.published { (date.to_string()) "出版 · " }
                            (issue.documents) " 件公文"
                        }
                    }
                }
            }
        }
        section aria-labelledby="missing-title" {
            h2 id="missing-title" { "缺期" }
            @if detail.missing.is_empty() {
                p { "本年已收录的期号之间没有缺期。" }
            } @else {
                p class="missing" { "本库未收录：" (numbers(&detail.missing)) "。" }
            }
        }
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

pub(super) async fn issue(
    State(state): State<AppState>,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> ApiResult<Response> {
    let Path((slug, year, number)) = path.map_err(bad_path)?;
    let detail = state
        .read(move |reader| gazette_issue(reader, &slug, &year, &number))
        .await?;
    Ok(super::html(StatusCode::OK, render_issue(&detail)))
}

/// “（上传时注明）” after a value the uploader gave.
fn source_note(detail: &IssueContents, field: &str) -> &'static str {
    match detail.publication.source_of(field) {
        Some(ValueSource::Given) => "（上传时注明）",
        Some(ValueSource::Printed) => "（据本期印载）",
        None => "",
    }
}

fn render_issue(detail: &IssueContents) -> Markup {
    let p = &detail.publication;
    let main = html! {
        nav class="breadcrumb" aria-label="位置" {
            a href="/gazettes" { "公报" } " › " (p.gazette.name) " › "
            a href=(detail.year_url) { (p.year.map(|y| y.to_string()).unwrap_or_default()) "年" }
        }
        h1 { (detail.label) }
        dl class="fields" {
            dt { "刊名" }
            dd { (p.gazette.name) (source_note(detail, "gazette")) }
            @if let (Some(year), Some(number)) = (p.year, p.number) {
                dt { "期号" }
                dd { (year) "年第" (number) "期" (source_note(detail, "number")) }
            }
            @if let Some(total) = p.total_number {
                dt { "总期号" }
                dd { "总第" (total) "期" (source_note(detail, "total_number")) }
            }
            dt { "出版日期" }
            dd {
                @match p.published {
                    Some(date) => { (date.to_string()) (source_note(detail, "published")) }
                    None => { "不详" }
                }
            }
            @if !p.conflicts.is_empty() {
                dt { "印载与注明不一致" }
                dd {
                    ul class="plain-list" {
                        @for c in &p.conflicts {
                            li { (c.field) "：本期印载 " (c.printed) "，上传时注明 " (c.given) "（采用注明值）" }
                        }
                    }
                }
            }
        }
        section aria-labelledby="contents-title" {
            h2 id="contents-title" { "目录" }
            ol class="results contents" {
                @for entry in &detail.contents {
                    li {
                        a href=(entry.url) { (entry.entry.title) }
                        " "
                        span class="meta" {
                            (entry.entry.doc_number.as_deref().unwrap_or("无文号"))
                            @if let Some(page) = entry.entry.page {
                                " · 第" (page) "页"
                            } @else if let Some(pages) = &entry.entry.pages {
                                " · 第" (pages.first) "页"
                            }
                        }
                    }
                }
            }
        }
        @if !detail.printed_only.is_empty() {
            section aria-labelledby="printed-only-title" {
                h2 id="printed-only-title" { "目录列出而正文中未见的文件" }
                ul class="plain-list" {
                    @for entry in &detail.printed_only {
                        li { (entry.title) " · 第" (entry.page) "页" }
                    }
                }
            }
        }
        p {
            a href=(detail.original_url) { "本期原件" }
            " · "
            a href=(urls::issue_page(detail.issue_id)) { "收录信息" }
        }
    };
    page(
        &Frame {
            title: &detail.label,
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}
