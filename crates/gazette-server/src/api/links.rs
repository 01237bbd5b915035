//! The linked archive over HTTP: what a document cites and what cites it
//! (`/documents/{id}/links`, `/documents/{id}/graph`), the tasks of units
//! (`/units`, `/units/{unit}`), people's appointments (`/people`,
//! `/people/{name}`), calendars of deadlines (`/calendar`, `/calendar.ics`)
//! and provisions as of a day (`/provisions`).
//!
//! The reads that pages share (a unit, a person, a calendar, provisions)
//! are in `reads`; the handlers here shape them as JSON.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use gazette_archive::{ArchiveReader, CalendarFilter, DocumentLinks};
use serde::Deserialize;

use crate::cache::{cached, CachePolicy};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Key, Params};
use crate::reads::{
    calendar_view, check_document, people_list, person_report, provision_answer, unit_list,
    unit_report, CalendarParams, PageParams, ProvisionParams,
};
use crate::state::AppState;
use crate::urls;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/documents/{id}/links", get(links))
        .route("/api/v1/documents/{id}/graph", get(graph))
        .route("/api/v1/units", get(units))
        .route("/api/v1/units/{unit}", get(unit))
        .route("/api/v1/people", get(people))
        .route("/api/v1/people/{name}", get(person))
        .route("/api/v1/calendar", get(calendar))
        .route("/api/v1/calendar.ics", get(calendar_ics))
        .route("/api/v1/provisions", get(provisions))
}

/// What a document links to and is linked from; 404 for an unknown one.
fn document_links(reader: &ArchiveReader, key: &str) -> ApiResult<DocumentLinks> {
    Ok(reader.links(key)?)
}

async fn links(
    State(state): State<AppState>,
    Key(key): Key,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let body = state
        .read(move |reader| {
            serde_json::to_vec(&document_links(reader, &key)?).map_err(ApiError::internal)
        })
        .await?;
    Ok(cached(
        &headers,
        "application/json",
        CachePolicy::Content,
        body,
    ))
}

#[derive(Debug, Deserialize)]
struct GraphParams {
    depth: Option<String>,
}

/// The depth of a graph: 1 when not given, else 1 or 2.
fn depth(value: Option<&str>) -> ApiResult<usize> {
    match value.map(str::trim) {
        None | Some("" | "1") => Ok(1),
        Some("2") => Ok(2),
        Some(other) => Err(ApiError::new(
            ErrorCode::BadParameter,
            format!("depth “{other}” is not 1 or 2"),
        )),
    }
}

async fn graph(
    State(state): State<AppState>,
    Key(key): Key,
    Params(params): Params<GraphParams>,
) -> ApiResult<Response> {
    let depth = depth(params.depth.as_deref())?;
    let limits = state.config().graph_limits;
    let graph = state
        .read(move |reader| Ok(reader.graph_within(&key, depth, limits)?))
        .await?;
    Ok(Json(graph).into_response())
}

async fn units(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(unit_list).await?;
    Ok(Json(list).into_response())
}

async fn unit(
    State(state): State<AppState>,
    Key(name): Key,
    Params(page): Params<PageParams>,
) -> ApiResult<Response> {
    let report = state
        .read(move |reader| unit_report(reader, &name, page))
        .await?;
    Ok(Json(report).into_response())
}

async fn people(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(people_list).await?;
    Ok(Json(list).into_response())
}

async fn person(State(state): State<AppState>, Key(name): Key) -> ApiResult<Response> {
    let report = state
        .read(move |reader| person_report(reader, &name))
        .await?;
    Ok(Json(report).into_response())
}

async fn calendar(
    State(state): State<AppState>,
    Params(params): Params<CalendarParams>,
) -> ApiResult<Response> {
    let filter = params.filter();
    let view = state
        .read(move |reader| calendar_view(reader, filter))
        .await?;
    Ok(Json(view).into_response())
}

/// The name of a calendar file: the site's, with the document or unit.
fn calendar_name(filter: &CalendarFilter) -> String {
    let site = crate::site::SITE_NAME;
    match (&filter.document, &filter.unit) {
        (Some(document), _) => format!("{site}：{document}"),
        (None, Some(unit)) => format!("{site}：{unit}"),
        (None, None) => site.to_owned(),
    }
}

async fn calendar_ics(
    State(state): State<AppState>,
    Params(params): Params<CalendarParams>,
) -> ApiResult<Response> {
    let filter = params.filter();
    let base = state
        .config()
        .public_url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let ics = state
        .read(move |reader| {
            check_document(reader, &filter)?;
            let name = calendar_name(&filter);
            Ok(reader.calendar_ics(&filter, &name, |source| {
                Some(format!("{base}{}", urls::document_page(&source.slug)))
            })?)
        })
        .await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/calendar; charset=utf-8"),
        )],
        ics,
    )
        .into_response())
}

async fn provisions(
    State(state): State<AppState>,
    Params(params): Params<ProvisionParams>,
) -> ApiResult<Response> {
    params.as_of()?;
    let answer = state
        .read(move |reader| provision_answer(reader, &params))
        .await?;
    Ok(Json(answer).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_one_or_two_and_anything_else_is_a_400() {
        assert_eq!(depth(None).ok(), Some(1));
        assert_eq!(depth(Some(" 2 ")).ok(), Some(2));
        let error = depth(Some("3")).err().map(|e| e.problem());
        assert!(error.is_some_and(|p| p.status == 400 && p.detail.contains("depth")));
    }
}
