//! `/people`: everyone the archive's 任免 records name, with their count;
//! `/people/{name}`: the history of each person of that name (appointed
//! to X on D by document Y; removed from Z). Records of one name that
//! share neither a document nor an organisation stay apart and are
//! flagged as possible homonyms.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gazette_archive::types::PersonHistory;
use maud::{html, Markup};

use super::layout::{page, Frame};
use super::linked::name_list;
use crate::error::ApiResult;
use crate::extract::Key;
use crate::reads::{people_list, person_report};
use crate::state::AppState;
use crate::urls;
use crate::views::{KeyedList, PersonReport};

pub(super) async fn list(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(people_list).await?;
    Ok(super::html(StatusCode::OK, render_list(&list)))
}

fn render_list(list: &KeyedList) -> Markup {
    let main = html! {
        h1 { "任免人员" }
        p { "公报刊登的任免决定中出现的人员，共 " (list.total) " 人。" }
        (name_list(list, "条记录"))
        p { a href="/api/v1/people" { "结构化数据（JSON）" } }
    };
    page(
        &Frame {
            title: "任免人员",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

pub(super) async fn person(State(state): State<AppState>, Key(name): Key) -> ApiResult<Response> {
    let report = state
        .read(move |reader| person_report(reader, &name))
        .await?;
    Ok(super::html(StatusCode::OK, render_person(&report)))
}

fn render_person(report: &PersonReport) -> Markup {
    let main = html! {
        h1 { (report.name) }
        @if report.homonym {
            p class="notice" {
                "同名提示：以下 " (report.histories.len())
                " 段履历既无共同文件也无共同单位，可能属于不同的人，未予合并。"
            }
        }
        @for (i, history) in report.histories.iter().enumerate() {
            (history_section(i, history, report.histories.len() > 1))
        }
        p {
            a href=(urls::person_api(&report.name)) { "结构化数据（JSON）" }
            " · "
            a href="/people" { "全部任免人员" }
        }
    };
    page(
        &Frame {
            title: &report.name,
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

fn history_section(index: usize, history: &PersonHistory, numbered: bool) -> Markup {
    let id = format!("history-{index}-title");
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) {
                "履历"
                @if numbered { " " (index + 1) }
                @if !history.organisations.is_empty() { "：" (history.organisations.join("、")) }
            }
            ol class="history" {
                @for entry in &history.entries {
                    li {
                        (entry.date.map(|d| d.to_string()).unwrap_or_else(|| "日期不详".to_owned()))
                        " " (entry.action.label()) " " (entry.post)
                        @if let Some(note) = &entry.note { "（" (note) "）" }
                        "，依据 "
                        a href=(urls::document_page(&entry.document)) { (entry.document_title) }
                        @if let Some(number) = &entry.doc_number { "（" (number) "）" }
                        " " span class="meta" { "第 " (entry.line) " 行" }
                    }
                }
            }
        }
    }
}
