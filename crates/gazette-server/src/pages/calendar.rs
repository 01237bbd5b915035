//! `/calendar?document=&unit=`: the deadlines and periods of the whole
//! archive, of one document or of the unit reports go to, with a link to
//! the same calendar as an iCalendar file.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup};

use super::layout::{page, Frame};
use super::linked::{deadlines_table, Row};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::reads::{calendar_view, CalendarParams};
use crate::state::AppState;
use crate::urls;
use crate::views::CalendarView;

pub(super) async fn calendar(
    State(state): State<AppState>,
    Params(params): Params<CalendarParams>,
) -> ApiResult<Response> {
    let filter = params.filter();
    let view = state
        .read(move |reader| calendar_view(reader, filter))
        .await?;
    Ok(super::html(StatusCode::OK, render(&view)))
}

fn render(view: &CalendarView) -> Markup {
    let title = match (&view.document, &view.unit) {
        (Some(document), _) => format!("时间节点：{document}"),
        (None, Some(unit)) => format!("时间节点：报送{unit}"),
        (None, None) => "时间节点".to_owned(),
    };
    let rows: Vec<Row<'_, _>> = view
        .entries
        .iter()
        .map(|entry| Row {
            source: Some(&entry.source),
            item: &entry.deadline,
        })
        .collect();
    let main = html! {
        h1 id="calendar-title" { (title) }
        p {
            "公文规定的截止日期、定期报送和执行期间，共 " (view.total) " 项"
            @if view.total > view.entries.len() {
                "，本页为第 " (view.offset + 1) "–" (view.offset + view.entries.len()) " 项"
            }
            "。"
            a href=(view.ics_url) { "导入日历（iCalendar .ics）" }
        }
        @if view.document.is_some() || view.unit.is_some() {
            p { a href="/calendar" { "全部时间节点" } }
        }
        @if !rows.is_empty() {
            (deadlines_table("时间节点表", &rows))
        }
        @if let Some(next) = view.next_offset {
            nav aria-label="分页" {
                a rel="next" href=(urls::calendar_page_from(view.document.as_deref(), view.unit.as_deref(), next)) { "下一页" }
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
