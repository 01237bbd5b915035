//! The linked archive over HTTP: what a document cites and what cites it
//! (`/documents/{id}/links`, `/documents/{id}/graph`), the tasks of units
//! (`/units`, `/units/{unit}`), people's appointments (`/people`,
//! `/people/{name}`), calendars of deadlines (`/calendar`, `/calendar.ics`)
//! and provisions as of a day (`/provisions`).
//!
//! The reads that pages share (a unit, a person, a calendar, provisions)
//! are functions here, as `issue_detail` is for issues: each turns an
//! unknown name into a 404 and a malformed parameter into a 400 naming it.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use gazette_archive::{
    ArchiveReader, CalendarFilter, CalendarPage, DocumentLinks, ProvisionReport, UnitReport,
};
use gazette_model::PageLimits;
use serde::{Deserialize, Serialize};

use crate::cache::{cached, CachePolicy};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Key, Params};
use crate::listing;
use crate::state::AppState;
use crate::urls;
use crate::views::{CalendarView, KeyedList, PersonReport};

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
    reader.links(key)?.ok_or_else(|| ApiError::no_document(key))
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
        Some(other) => Err(ApiError::bad_request(
            "bad_parameter",
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
        .read(move |reader| {
            reader
                .graph_within(&key, depth, limits)?
                .ok_or_else(|| ApiError::no_document(&key))
        })
        .await?;
    Ok(Json(graph).into_response())
}

/// Every unit named as responsible, most tasks first.
pub fn unit_list(reader: &ArchiveReader) -> ApiResult<KeyedList> {
    Ok(KeyedList::new(
        reader.units()?,
        urls::unit_page,
        urls::unit_api,
    ))
}

async fn units(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(unit_list).await?;
    Ok(Json(list).into_response())
}

/// Which page of a long list: `offset` items skipped, at most `limit`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct PageParams {
    offset: Option<usize>,
    limit: Option<usize>,
}

impl PageParams {
    /// Items to skip.
    pub fn offset(&self) -> usize {
        self.offset.unwrap_or(0)
    }

    /// Items on the page: [`LIST_PAGE`] unless asked, at most [`LIST_MAX_PAGE`].
    pub fn limit(&self) -> usize {
        page_limit(self.limit)
    }
}

fn page_limit(limit: Option<usize>) -> usize {
    PageLimits {
        default: LIST_PAGE,
        max: LIST_MAX_PAGE,
    }
    .size(limit)
}

/// The tasks of a unit, by its normal or short name (one page of them);
/// 404 when none names it.
pub fn unit_report(reader: &ArchiveReader, name: &str, page: PageParams) -> ApiResult<UnitReport> {
    reader
        .unit_page(name, page.offset(), page.limit())?
        .ok_or_else(|| {
            ApiError::not_found(format!("no task in the archive names the unit “{name}”"))
        })
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

/// Every person appointed or removed, most records first.
pub fn people_list(reader: &ArchiveReader) -> ApiResult<KeyedList> {
    Ok(KeyedList::new(
        reader.people()?,
        urls::person_page,
        urls::person_api,
    ))
}

async fn people(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(people_list).await?;
    Ok(Json(list).into_response())
}

/// The histories of the people of a name; 404 when no record names it.
pub fn person_report(reader: &ArchiveReader, name: &str) -> ApiResult<PersonReport> {
    let histories = reader.person(name)?;
    if histories.is_empty() {
        return Err(ApiError::not_found(format!(
            "no appointment or removal in the archive names “{name}”"
        )));
    }
    Ok(PersonReport {
        name: name.trim().to_owned(),
        homonym: histories.len() > 1,
        histories,
    })
}

async fn person(State(state): State<AppState>, Key(name): Key) -> ApiResult<Response> {
    let report = state
        .read(move |reader| person_report(reader, &name))
        .await?;
    Ok(Json(report).into_response())
}

/// Items a page of a long list (a calendar, a unit's tasks) holds unless
/// `limit` says otherwise.
pub const LIST_PAGE: usize = 500;
/// The most items one page of a long list holds.
pub const LIST_MAX_PAGE: usize = 2000;

/// The parameters of a calendar; empty values count as absent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CalendarParams {
    document: Option<String>,
    unit: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
}

impl CalendarParams {
    /// The calendar's filter.
    pub fn filter(&self) -> CalendarFilter {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        CalendarFilter {
            document: given(&self.document),
            unit: given(&self.unit),
            offset: self.offset.unwrap_or(0),
            limit: Some(page_limit(self.limit)),
        }
    }
}

/// 404 when `filter` is of a document the archive does not hold (the
/// archive would answer an empty calendar).
fn check_document(reader: &ArchiveReader, filter: &CalendarFilter) -> ApiResult<()> {
    match &filter.document {
        Some(key) if reader.document(key)?.is_none() => Err(ApiError::no_document(key)),
        _ => Ok(()),
    }
}

/// A calendar; 404 when it is of a document the archive does not hold.
pub fn calendar_view(reader: &ArchiveReader, filter: CalendarFilter) -> ApiResult<CalendarView> {
    check_document(reader, &filter)?;
    let CalendarPage { total, entries } = reader.calendar_page(&filter)?;
    let next_offset = filter.offset + entries.len();
    let next = (!entries.is_empty() && next_offset < total).then(|| {
        urls::calendar_api_page(
            filter.document.as_deref(),
            filter.unit.as_deref(),
            next_offset,
            page_limit(filter.limit),
        )
    });
    Ok(CalendarView {
        ics_url: urls::calendar_ics(filter.document.as_deref(), filter.unit.as_deref()),
        document: filter.document,
        unit: filter.unit,
        total,
        offset: filter.offset,
        next_offset: next.is_some().then_some(next_offset),
        next,
        entries,
    })
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
    let site = crate::pages::SITE_NAME;
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

/// The parameters of the provisions: a subject, and a day to ask about.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProvisionParams {
    subject: Option<String>,
    as_of: Option<String>,
}

impl ProvisionParams {
    /// The subject asked for, when one is.
    pub fn subject(&self) -> Option<&str> {
        self.subject
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The day asked about, as given (for forms and links).
    pub fn as_of_text(&self) -> Option<&str> {
        self.as_of
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The day asked about; 400 naming `as_of` when it is not a date.
    pub fn as_of(&self) -> ApiResult<Option<NaiveDate>> {
        self.as_of_text()
            .map(|value| listing::day("as_of", value))
            .transpose()
    }
}

/// The provisions: every subject with its count, or one subject's
/// provisions with its value on the day asked about.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Provisions {
    /// No subject asked for: the subjects.
    Subjects(KeyedList),
    /// One subject.
    Subject(Box<ProvisionReport>),
}

/// The provisions `params` ask for.
pub fn provision_answer(reader: &ArchiveReader, params: &ProvisionParams) -> ApiResult<Provisions> {
    let as_of = params.as_of()?;
    Ok(match params.subject() {
        Some(subject) => Provisions::Subject(Box::new(reader.provisions(subject, as_of)?)),
        None => Provisions::Subjects(KeyedList::new(
            reader.provision_subjects()?,
            |s| urls::provisions_page(Some(s), None),
            |s| urls::provisions_api(Some(s), None),
        )),
    })
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

    #[test]
    fn a_bad_day_is_a_400_naming_as_of() {
        let params = ProvisionParams {
            subject: Some("失业保险费率".to_owned()),
            as_of: Some("2019-13-01".to_owned()),
        };
        let problem = params.as_of().err().map(|e| e.problem());
        assert!(problem.is_some_and(|p| p.status == 400 && p.detail.starts_with("as_of")));
        let blank = ProvisionParams {
            subject: Some(" ".to_owned()),
            as_of: Some(String::new()),
        };
        assert_eq!(blank.subject(), None);
        assert_eq!(blank.as_of().ok(), Some(None));
    }
}
