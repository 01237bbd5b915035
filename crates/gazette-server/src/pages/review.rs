//! `/review`: the statuses derived from the archive's texts that no editor
//! has confirmed yet — document, status and why, and the document that
//! says so — for an editor to confirm or correct.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

use super::layout::{page, Frame};
use crate::error::ApiResult;
use crate::reads::review_list;
use crate::state::AppState;
use crate::urls;
use crate::views::ReviewList;

pub(super) async fn review(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(review_list).await?;
    Ok(super::html(StatusCode::OK, render(&list)))
}

fn render(list: &ReviewList) -> Markup {
    let main = html! {
        h1 { "待核定的效力状态" }
        p { "以下状态由本库所收文件的文字推定（有效期届满、后文废止等），尚未经编辑核定，共 " (list.items.len()) " 件。" }
        @if list.items.is_empty() {
            p { "暂无。" }
        } @else {
            table class="review" {
                thead { tr { th scope="col" { "文件" } th scope="col" { "推定状态" } th scope="col" { "依据" } } }
                tbody {
                    @for item in &list.items {
                        tr {
                            td { a href=(item.document.url) { (item.document.title) } }
                            td data-status=(item.validity.status.code()) { (item.validity.summary) }
                            td {
                                @for evidence in item.validity.evidence.iter().filter(|e| e.applies) {
                                    p {
                                        a href=(urls::document_page(&evidence.document.slug)) {
                                            (evidence.document.doc_number.as_deref().unwrap_or(&evidence.document.title))
                                        }
                                        "：「" (evidence.clause) "」"
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/api/v1/review" { "结构化数据（JSON）" } }
    };
    page(
        &Frame {
            title: "待核定的效力状态",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}
