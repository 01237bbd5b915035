//! `/ledger`: the normative-document ledger (规范性文件台账) — the list of
//! issuing bodies (制发主体清单) with how many 规范性文件 of each status,
//! then per body a table of its 规范性文件: 发文字号, title, 成文日期,
//! 发布日期, 施行日期, status with its evidence, and each status change with
//! its day; links to the CSV and JSON exports.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gazette_archive::{Ledger, LedgerEntry};
use gazette_model::NaiveDate;
use maud::{html, Markup};

use super::layout::{page, Frame};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::urls;

pub(super) async fn ledger(State(state): State<AppState>) -> ApiResult<Response> {
    let ledger = state.read(crate::ledger::read).await?;
    Ok(super::html(StatusCode::OK, render(&ledger)))
}

fn render(ledger: &Ledger) -> Markup {
    let main = html! {
        h1 { "规范性文件台账" }
        p {
            "本库所收规范性文件共 " (ledger.total) " 件，制发主体 " (ledger.bodies.len())
            " 个；效力状态截至 " (ledger.day) "。"
            "规范性文件指有发文字号、由行政机关以通知、意见、决定、公告、通告、方案、办法、规定、细则、规则等文种制发的文件，不含任免、批复、函、答复、解读。"
        }
        p {
            a href="/api/v1/ledger?format=csv" { "导出 CSV" } " · "
            a href="/api/v1/ledger" { "结构化数据（JSON）" }
        }
        h2 id="bodies" { "制发主体清单" }
        @if ledger.bodies.is_empty() {
            p { "暂无。" }
        } @else {
            table class="ledger-bodies" {
                thead { tr { th scope="col" { "制发主体" } th scope="col" { "文件数" } th scope="col" { "效力状态" } } }
                tbody {
                    @for (index, body) in ledger.bodies.iter().enumerate() {
                        tr {
                            td { a href=(format!("#body-{}", index + 1)) { (body.body) } }
                            td { (body.documents.len()) }
                            td {
                                @for (code, count) in &body.statuses {
                                    span class="status-count" data-status=(code) { (status_label(code)) " " (count) } " "
                                }
                            }
                        }
                    }
                }
            }
        }
        @for (index, body) in ledger.bodies.iter().enumerate() {
            section class="ledger-body" aria-labelledby=(format!("body-{}", index + 1)) {
                h2 id=(format!("body-{}", index + 1)) { (body.body) }
                table class="ledger" {
                    thead { tr {
                        th scope="col" { "发文字号" } th scope="col" { "标题" }
                        th scope="col" { "成文日期" } th scope="col" { "发布日期" } th scope="col" { "施行日期" }
                        th scope="col" { "效力状态及依据" } th scope="col" { "状态变更" }
                    } }
                    tbody { @for entry in &body.documents { (row(entry)) } }
                }
            }
        }
    };
    page(
        &Frame {
            title: "规范性文件台账",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

fn row(entry: &LedgerEntry) -> Markup {
    let validity = &entry.validity;
    html! {
        tr {
            td { (entry.document.doc_number.as_deref().unwrap_or("")) }
            td { a href=(urls::document_page(&entry.document.slug)) { (entry.document.title) } }
            td { (day(entry.dates.written)) }
            td { (day(entry.dates.published)) }
            td { (day(entry.dates.takes_effect)) }
            td data-status=(validity.status.code()) {
                (validity.summary)
                " （" (crate::ledger::source_label(validity.source)) "）"
                @for evidence in validity.evidence.iter().filter(|e| e.applies) {
                    p class="evidence" {
                        a href=(urls::document_page(&evidence.document.slug)) {
                            (evidence.document.doc_number.as_deref().unwrap_or(&evidence.document.title))
                        }
                        "：「" (evidence.clause) "」"
                    }
                }
            }
            td {
                @if entry.changes.is_empty() { "—" }
                ul class="changes" {
                    @for change in &entry.changes {
                        li {
                            @if let Some(effective) = change.effective { (effective) " 起 " }
                            (change.status.label())
                            @if !change.summary.is_empty() { "（" (change.summary) "）" }
                        }
                    }
                }
            }
        }
    }
}

fn day(day: Option<NaiveDate>) -> String {
    day.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned())
}

fn status_label(code: &str) -> &'static str {
    gazette_model::Status::parse(code).map_or("未核实", |s| s.label())
}
