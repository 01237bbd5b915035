//! `/units`: every unit the archive names as responsible, with its count
//! of tasks; `/units/{unit}`: every task that names one unit (a short
//! name like 市财政局 finds 青岛市财政局), with document, section, row
//! and role.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gazette_archive::UnitReport;
use maud::{html, Markup};

use super::layout::{page, Frame};
use super::linked::{name_list, tasks_table, Row};
use crate::error::ApiResult;
use crate::extract::{Key, Params};
use crate::reads::{unit_list, unit_report, PageParams};
use crate::state::AppState;
use crate::urls;
use crate::views::KeyedList;

pub(super) async fn list(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(unit_list).await?;
    Ok(super::html(StatusCode::OK, render_list(&list)))
}

fn render_list(list: &KeyedList) -> Markup {
    let main = html! {
        h1 { "责任单位" }
        p { "公文的任务表、“（责任单位：…）”等条款中列明的责任单位，共 " (list.total) " 个，按任务数由多到少排列。" }
        (name_list(list, "项任务"))
        p { a href="/api/v1/units" { "结构化数据（JSON）" } }
    };
    page(
        &Frame {
            title: "责任单位",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

pub(super) async fn unit(
    State(state): State<AppState>,
    Key(name): Key,
    Params(page): Params<PageParams>,
) -> ApiResult<Response> {
    let limit = page.limit();
    let report = state
        .read(move |reader| unit_report(reader, &name, page))
        .await?;
    Ok(super::html(StatusCode::OK, render_unit(&report, limit)))
}

fn render_unit(report: &UnitReport, limit: usize) -> Markup {
    let shown = report.offset + report.tasks.len();
    let rows: Vec<Row<'_, _>> = report
        .tasks
        .iter()
        .map(|task| Row {
            source: Some(&task.source),
            item: &task.mention,
        })
        .collect();
    let main = html! {
        h1 id="unit-title" { (report.unit) }
        p {
            "共 " (report.total) " 项任务，按文件日期由近及远排列"
            @if report.total > report.tasks.len() {
                "，本页为第 " (report.offset + 1) "–" (shown) " 项"
            }
            "。"
        }
        (tasks_table("任务表", &rows))
        @if !report.tasks.is_empty() && shown < report.total {
            nav aria-label="分页" {
                a rel="next" href=(urls::unit_page_from(&report.unit, shown, limit)) { "下一页" }
            }
        }
        p {
            a href=(urls::calendar_page(None, Some(&report.unit))) { "报送给本单位的时间节点" }
            " · "
            a href=(urls::unit_api(&report.unit)) { "结构化数据（JSON）" }
            " · "
            a href="/units" { "全部责任单位" }
        }
    };
    page(
        &Frame {
            title: &report.unit,
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}
