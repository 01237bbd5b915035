//! The search page: a GET form, results with their snippets, facet links
//! that narrow the query, and paging by `start`, so that every state of
//! the page is a URL that can be shared.
//!
//! A malformed query is shown back with what is wrong with it (400), not
//! as an error page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gazette_archive::listing::{self, Page, Sort};
use gazette_archive::types::Hit;
use gazette_model::Status;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{page, search_form, Frame};
use crate::error::{ApiError, ApiResult};
use crate::extract::Params;
use crate::snippet;
use crate::state::AppState;
use crate::urls;

/// Results per page.
const PER_PAGE: usize = 20;

#[derive(Debug, Deserialize)]
pub(super) struct SearchParams {
    q: Option<String>,
    start: Option<usize>,
}

pub(super) async fn search(
    State(state): State<AppState>,
    Params(params): Params<SearchParams>,
) -> ApiResult<Response> {
    let query = params.q.as_deref().map(str::trim).unwrap_or("").to_owned();
    let start = params.start.unwrap_or(0);
    if query.is_empty() {
        return Ok(super::html(StatusCode::OK, render(&query, Ok(None), start)));
    }
    let for_read = query.clone();
    let result = state
        .read(move |reader| {
            Ok(listing::page(
                reader,
                &for_read,
                Sort::Relevance,
                start,
                PER_PAGE,
            )?)
        })
        .await;
    match result {
        Ok(page) => Ok(super::html(
            StatusCode::OK,
            render(&query, Ok(Some(&page)), start),
        )),
        Err(error) if error.status() == StatusCode::BAD_REQUEST => Ok(super::html(
            StatusCode::BAD_REQUEST,
            render(&query, Err(&error), start),
        )),
        Err(error) => Err(error),
    }
}

fn render(query: &str, result: Result<Option<&Page>, &ApiError>, start: usize) -> Markup {
    let title = if query.is_empty() {
        "检索".to_owned()
    } else {
        format!("检索：{query}")
    };
    let feed = (!query.is_empty()).then(|| urls::with_query("/feed.atom", query));
    let main = html! {
        h1 { (title) }
        (search_form("search-q", query, false))
        @match result {
            Err(error) => {
                p class="banner" role="alert" { "检索式有误：" (error.problem().detail) }
                (help())
            }
            Ok(None) => (help()),
            Ok(Some(page)) => (results(query, page, start)),
        }
    };
    page(
        &Frame {
            title: &title,
            query,
            feed,
            ..Frame::default()
        },
        main,
    )
}

fn help() -> Markup {
    html! {
        section aria-labelledby="syntax" {
            h2 id="syntax" { "检索语法" }
            ul {
                li { code { "社会保险 费率" } "：同时包含两个词（标题、正文或发文字号中）" }
                li { code { "\"社会保险 费率\"" } "：精确短语" }
                li { code { "社会保险 OR 医疗保险" } "：任一" }
                li { code { "-试行" } " 或 " code { "NOT 试行" } "：排除" }
                li { code { "title:通知" } " " code { "number:青政办字[2019]31号" } " " code { "issuer:财政局" } " " code { "unit:市财政局" } }
                li { code { "type:通知" } " " code { "year:2019" } " " code { "year:2018..2019" } " " code { "date:2019-06-01..2019-06-30" } " " code { "status:repealed" } " " code { "施行日期:2019..2020" } }
            }
        }
    }
}

fn results(query: &str, page: &Page, start: usize) -> Markup {
    let first = start.saturating_add(1);
    let last = start.saturating_add(page.hits.len());
    html! {
        p role="status" {
            "共 " (page.total) " 件"
            @if !page.hits.is_empty() { "，本页第 " (first) "–" (last) " 件" }
            "。"
        }
        div.search-layout {
            aside class="facets" aria-labelledby="facets-title" {
                h2 id="facets-title" { "筛选" }
                (facet_group(query, "year", "年份", &page.facets.year))
                (facet_group(query, "type", "文种", &page.facets.doc_type))
                (facet_group(query, "issuer", "发文机关", &page.facets.issuer))
                (facet_group(query, "status", "效力状态", &page.facets.status))
            }
            section aria-labelledby="results-title" {
                h2 id="results-title" class="visually-hidden" { "结果" }
                @if page.hits.is_empty() {
                    p { "没有找到符合的公文。" }
                }
                ol class="results" start=(first) {
                    @for hit in &page.hits { (result(hit)) }
                }
                (pager(query, page, start))
                p class="exports" {
                    "导出全部结果："
                    a href=(format!("/api/v1/search?q={}&format=csv", urls::encode(query))) { "CSV" }
                    " · "
                    a href=(urls::with_query("/api/v1/search", query)) { "JSON" }
                    " · "
                    a href=(urls::with_query("/feed.atom", query)) { "订阅（Atom）" }
                }
            }
        }
    }
}

fn result(hit: &Hit) -> Markup {
    let mut href = urls::document_page(&hit.slug);
    if let Some(section) = &hit.section_id {
        href.push('#');
        href.push_str(&urls::encode(section));
    }
    html! {
        li {
            h3 { a href=(href) { (hit.title) } }
            p class="meta" {
                (hit.doc_number.as_deref().unwrap_or("无文号"))
                @if let Some(date) = hit.date { " · " (date.to_string()) }
                @if !hit.issuer.is_empty() { " · " (hit.issuer.join("、")) }
                @if let Some(kind) = &hit.doc_type { " · " (kind) }
                " · "
                span class=(format!("status-tag status-{}", hit.status.code().replace('_', "-"))) { (hit.status.label()) }
            }
            @if let Some(found) = &hit.snippet {
                p class="snippet" { (snippet::markup(found)) }
            }
            @if !hit.heading_path.is_empty() {
                p class="path" { (hit.heading_path.join(" › ")) }
            }
        }
    }
}

fn facet_group(query: &str, field: &str, heading: &str, counts: &[(String, u64)]) -> Markup {
    html! {
        @if !counts.is_empty() {
            h3 { (heading) }
            ul {
                @for (value, count) in counts {
                    @let term = facet_term(field, value);
                    li {
                        @if query.contains(&term) {
                            span aria-current="true" { (display_value(field, value)) }
                        } @else {
                            a href=(urls::search_page(&narrow(query, &term), 0)) { (display_value(field, value)) }
                        }
                        " " span class="count" { "(" (count) ")" }
                    }
                }
            }
        }
    }
}

fn display_value(field: &str, value: &str) -> String {
    if field == "status" {
        status_label(value).to_owned()
    } else {
        value.to_owned()
    }
}

fn pager(query: &str, page: &Page, start: usize) -> Markup {
    let previous = (start > 0).then(|| start.saturating_sub(PER_PAGE));
    html! {
        @if previous.is_some() || page.next_offset.is_some() {
            nav class="pager" aria-label="分页" {
                @if let Some(previous) = previous {
                    a href=(urls::search_page(query, previous)) rel="prev" { "上一页" }
                }
                @if let Some(next) = page.next_offset {
                    a href=(urls::search_page(query, next)) rel="next" { "下一页" }
                }
            }
        }
    }
}

/// `query` narrowed by `term`; a query with a top-level `OR` is grouped
/// first, so the term applies to all of it.
fn narrow(query: &str, term: &str) -> String {
    if query.split_whitespace().any(|word| word == "OR") {
        format!("({query}) {term}")
    } else {
        format!("{query} {term}")
    }
}

/// The term of the query language that selects a facet's value.
pub(super) fn facet_term(field: &str, value: &str) -> String {
    match field {
        "year" | "status" => format!("{field}:{value}"),
        _ if value.contains('"') => format!("{field}:{value}"),
        _ => format!("{field}:\"{value}\""),
    }
}

/// The Chinese label of a status code.
pub(super) fn status_label(code: &str) -> &'static str {
    Status::parse(code).map_or("未知", Status::label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_narrow_the_whole_query() {
        assert_eq!(narrow("社会保险", "year:2019"), "社会保险 year:2019");
        assert_eq!(narrow("a OR b", "year:2019"), "(a OR b) year:2019");
        assert_eq!(facet_term("type", "通知"), "type:\"通知\"");
        assert_eq!(facet_term("year", "2019"), "year:2019");
        assert_eq!(status_label("repealed"), "已废止");
    }
}
