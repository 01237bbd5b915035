//! `/provisions`: the subjects of the archive's quantitative provisions
//! (rates, caps, amounts, targets) with a form, and
//! `/provisions?subject=&as_of=`: one subject's provisions and its value on
//! the day asked about — in force, ended (with the document that set it),
//! not yet in force, or unknown.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use gazette_archive::{AsOfAnswer, ProvisionEntry, ProvisionReport};
use maud::{html, Markup};

use super::layout::{page, Frame};
use super::linked::{name_list, provisions_table, Row};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::reads::{provision_answer, ProvisionParams, Provisions};
use crate::state::AppState;
use crate::urls;

pub(super) async fn provisions(
    State(state): State<AppState>,
    Params(params): Params<ProvisionParams>,
) -> ApiResult<Response> {
    params.as_of()?;
    let form = (
        params.subject().unwrap_or_default().to_owned(),
        params.as_of_text().unwrap_or_default().to_owned(),
    );
    let answer = state
        .read(move |reader| provision_answer(reader, &params))
        .await?;
    Ok(super::html(
        StatusCode::OK,
        render(&answer, &form.0, &form.1),
    ))
}

fn render(answer: &Provisions, subject: &str, as_of: &str) -> Markup {
    let main = html! {
        h1 id="provisions-title" { "数量规定" }
        p { "公文规定的费率、比例、金额上限和数量目标，可按日期查询当时的规定。" }
        (form(subject, as_of))
        @match answer {
            Provisions::Subjects(list) => {
                h2 { "全部事项（" (list.total) "）" }
                (name_list(list, "条规定"))
            }
            Provisions::Subject(report) => (subject_report(report, subject, as_of)),
        }
    };
    page(
        &Frame {
            title: "数量规定",
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

/// The query form: a GET form, so every answer is a shareable URL.
fn form(subject: &str, as_of: &str) -> Markup {
    html! {
        form class="search-form" action="/provisions" method="get" {
            label for="provision-subject" { "事项" }
            input id="provision-subject" type="text" name="subject" value=(subject)
                placeholder="如：失业保险费率" autocomplete="off";
            label for="provision-as-of" { "查询日期（可不填）" }
            input id="provision-as-of" type="date" name="as_of" value=(as_of);
            button type="submit" { "查询" }
        }
    }
}

fn subject_report(report: &ProvisionReport, subject: &str, as_of: &str) -> Markup {
    let rows: Vec<Row<'_, _>> = report
        .provisions
        .iter()
        .map(|entry| Row {
            source: Some(&entry.source),
            item: &entry.provision,
        })
        .collect();
    let as_of = (!as_of.is_empty()).then_some(as_of);
    html! {
        h2 id="subject-title" { (subject) }
        @if let Some(answer) = &report.as_of { (answer_markup(answer)) }
        @if rows.is_empty() {
            p { "档案中没有关于该事项的数量规定。" a href="/provisions" { "查看全部事项" } }
        } @else {
            (provisions_table("数量规定表", &rows))
        }
        p { a href=(urls::provisions_api(Some(subject), as_of)) { "结构化数据（JSON）" } }
    }
}

/// The answer for the day, in words.
fn answer_markup(answer: &AsOfAnswer) -> Markup {
    let source = |entry: &ProvisionEntry| {
        html! {
            a href=(urls::document_page(&entry.source.slug)) { (entry.source.title) }
            @if let Some(number) = &entry.source.doc_number { "（" (number) "）" }
        }
    };
    html! {
        p class="notice" role="status" {
            @match answer {
                AsOfAnswer::InForce { day, provisions } => {
                    (day.to_string()) " 施行的规定："
                    @for (i, entry) in provisions.iter().enumerate() {
                        @if i > 0 { "；" }
                        strong { (entry.provision.value_text()) }
                        "（" (entry.provision.effective.describe()) "，" (source(entry)) "）"
                    }
                }
                AsOfAnswer::Ended { day, provision } => {
                    (day.to_string()) " 已无施行中的规定：" (source(provision)) "规定的 "
                    strong { (provision.provision.value_text()) }
                    " 执行期已结束（" (provision.provision.effective.describe()) "）。"
                }
                AsOfAnswer::NotYet { day, provision } => {
                    (day.to_string()) " 规定尚未施行：" (source(provision)) "规定的 "
                    strong { (provision.provision.value_text()) }
                    " 自 " (provision.provision.effective.from.map(|d| d.to_string()).unwrap_or_default()) " 起施行。"
                }
                AsOfAnswer::Unknown { day } => {
                    "档案中没有 " (day.to_string()) " 时关于该事项的规定。"
                }
            }
        }
    }
}
