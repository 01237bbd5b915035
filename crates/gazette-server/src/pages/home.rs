//! The home page: the search box, the latest documents and issues, and
//! counts by year, issuer and type that link to searches.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gazette_archive::listing::{self, match_all, Page, Sort};
use gazette_archive::types::{Counts as ArchiveCounts, Facets};
use maud::{html, Markup};

use super::layout::{page, search_form, Frame};
use super::search::facet_term;
use crate::error::ApiResult;
use crate::reads::issue_page;
use crate::site::SITE_NAME;
use crate::state::AppState;
use crate::urls;
use crate::views::IssueList;

/// Latest documents shown.
const LATEST_DOCUMENTS: usize = 10;
/// Latest issues shown.
const LATEST_ISSUES: usize = 8;
/// Values shown per facet.
const FACET_VALUES: usize = 12;

pub(super) async fn home(State(state): State<AppState>) -> ApiResult<Response> {
    let (counts, latest, issues) = state
        .read(|reader| {
            let counts = reader.counts()?;
            let latest = listing::page(reader, &match_all(), Sort::DateDesc, 0, LATEST_DOCUMENTS)?;
            let issues = issue_page(reader, 0, LATEST_ISSUES)?;
            Ok((counts, latest, issues))
        })
        .await?;
    Ok(super::html(
        StatusCode::OK,
        render(&counts, &latest, &issues),
    ))
}

fn render(counts: &ArchiveCounts, latest: &Page, issues: &IssueList) -> Markup {
    let main = html! {
        h1 { (SITE_NAME) }
        p { "检索政府公报刊登的公文：按标题、正文、发文字号、发文机关、文种、年份与效力状态查找。" }
        p.hint { "现收录 " (counts.issues) " 期公报、" (counts.documents) " 件公文。" }
        (search_form("home-q", "", false))
        p class="hint" {
            "语法：空格分隔表示同时包含；" code { "\"精确短语\"" } "；" code { "OR" } "；"
            code { "-排除" } "；字段 " code { "type:通知" } " " code { "year:2019" } " "
            code { "issuer:市政府" } " " code { "number:青政办字〔2019〕31号" } " " code { "status:repealed" } "。"
        }
        div.overview {
            section aria-labelledby="latest-docs" {
                h2 id="latest-docs" { "最新文件" }
                @if latest.hits.is_empty() {
                    p { "档案中还没有文件。" }
                }
                ol class="plain-list" {
                    @for hit in &latest.hits {
                        li {
                            a href=(urls::document_page(&hit.slug)) { (hit.title) }
                            br;
                            span class="meta" {
                                (hit.doc_number.as_deref().unwrap_or("无文号"))
                                @if let Some(date) = hit.date { " · " (date.to_string()) }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="latest-issues" {
                h2 id="latest-issues" { "最近收录的公报" }
                ol class="plain-list" {
                    @for issue in &issues.items {
                        li {
                            a href=(issue.url) { (issue.label) }
                            " "
                            span class="meta" {
                                (issue.issue.documents) " 件"
                                @if let (Some(first), Some(last)) = (issue.first_date, issue.last_date) {
                                    " · " (first.to_string()) " 至 " (last.to_string())
                                }
                            }
                        }
                    }
                }
                p { a href="/issues" { "全部期次" } }
            }
        }
        (facet_overview(&latest.facets))
    };
    page(
        &Frame {
            title: "首页",
            ..Frame::default()
        },
        main,
    )
}

/// Counts of one facet: value and matching documents.
type Counts = [(String, u64)];

fn facet_overview(facets: &Facets) -> Markup {
    let groups: [(&str, &str, &Counts); 3] = [
        ("year", "按年份", &facets.year),
        ("issuer", "按发文机关", &facets.issuer),
        ("type", "按文种", &facets.doc_type),
    ];
    html! {
        div.overview {
            @for (field, heading, counts) in groups {
                section aria-labelledby=(format!("by-{field}")) {
                    h2 id=(format!("by-{field}")) { (heading) }
                    ul class="plain-list" {
                        @for (value, count) in counts.iter().take(FACET_VALUES) {
                            li {
                                a href=(urls::search_page(&facet_term(field, value), 0)) { (value) }
                                " " span class="count" { "(" (count) ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}
