//! The writes, behind a token: `POST /api/v1/issues` (ingest a file, in
//! `upload`), `POST /api/v1/documents/{id}/status`, `POST /api/v1/documents/{id}/corrections`,
//! and `GET /api/v1/audit` (admin scope).
//!
//! Each write goes through the archive exactly as the CLI's does, and
//! lands in the audit log with the token's name, in the write's own store
//! transaction. Authentication (401), scope (403), rate (429), a declared
//! length over the limit (413) and, for uploads, a form instead of a file
//! (415) are checked before the body is read. Every answer here depends on
//! the token, so none may be kept by a cache (`no-store`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use gazette_archive::types::TokenScope;
use gazette_archive::{note, Archive, CorrectionRequest, DocumentView, StatusRequest};
use gazette_model::{PageLimits, Status};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Key, Params};
use crate::request_body::read_limited;
use crate::state::AppState;

/// Pages of the audit log: 100 entries by default, at most 1,000.
const AUDIT_PAGES: PageLimits = PageLimits {
    default: 100,
    max: 1000,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/documents/{id}/status", post(status))
        .route("/api/v1/documents/{id}/corrections", post(correct))
        .route("/api/v1/audit", get(audit))
        .merge(super::upload::routes())
        .route_layer(middleware::from_fn(no_store))
}

/// Keeps every answer of a token's request out of caches.
async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Debug, Deserialize)]
struct StatusBody {
    status: String,
    effective: Option<String>,
    reason: Option<String>,
    by: Option<String>,
}

async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Key(key): Key,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    caller.authorize(&state, TokenScope::Write)?;
    let body: StatusBody = json_body(&headers, body, state.config().max_body_bytes).await?;
    let request = body.into_request(&caller.name)?;
    let view = state
        .write(move |archive| status_and_audit(archive, &caller, &key, request))
        .await?;
    Ok(Json(json!({
        "id": view.record.id,
        "status": view.record.status,
        "status_label": view.record.status.label(),
        "status_history": view.status_history,
    }))
    .into_response())
}

impl StatusBody {
    /// The archive's request for this body, checked.
    fn into_request(self, recorded_by: &str) -> ApiResult<StatusRequest> {
        let status = Status::parse(&self.status).ok_or_else(|| {
            let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
            ApiError::new(
                ErrorCode::BadStatus,
                format!(
                    "unknown status “{}”; one of {}",
                    self.status,
                    codes.join(", ")
                ),
            )
        })?;
        let effective = match self.effective.as_deref().map(str::trim) {
            None | Some("") => gazette_model::china_today(),
            Some(day) => NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                ApiError::new(
                    ErrorCode::BadValue,
                    format!("effective “{day}” is not a date (YYYY-MM-DD)"),
                )
            })?,
        };
        Ok(StatusRequest {
            status,
            effective,
            reason: note("reason", self.reason)?,
            by_document: note("by", self.by)?,
            recorded_by: recorded_by.to_owned(),
        })
    }
}

/// Records a status change as `gazette status --set` does, audited with it.
fn status_and_audit(
    archive: &mut Archive,
    caller: &Caller,
    key: &str,
    request: StatusRequest,
) -> ApiResult<DocumentView> {
    Ok(archive.record_status(key, request, &caller.name)?)
}

#[derive(Debug, Deserialize)]
struct CorrectionBody {
    field: String,
    value: String,
    reason: Option<String>,
}

async fn correct(
    State(state): State<AppState>,
    caller: Caller,
    Key(key): Key,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    caller.authorize(&state, TokenScope::Write)?;
    let body: CorrectionBody = json_body(&headers, body, state.config().max_body_bytes).await?;
    let correction = CorrectionRequest {
        field: body.field,
        value: body.value,
        reason: body.reason,
    }
    .check()?;
    let (id, corrections) = state
        .write(move |archive| Ok(archive.correct(&key, correction, &caller.name)?))
        .await?;
    let body = json!({
        "id": id,
        "corrected": gazette_archive::corrected(&corrections),
        "corrections": corrections,
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Debug, Deserialize)]
struct AuditQuery {
    after: Option<i64>,
    limit: Option<usize>,
}

async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<AuditQuery>,
) -> ApiResult<Response> {
    caller.require(TokenScope::Admin)?;
    let after = params.after.unwrap_or(0).max(0);
    let limit = AUDIT_PAGES.size(params.limit);
    let items = state
        .read(move |reader| Ok(reader.audit_log(after, limit)?))
        .await?;
    let next_after = (items.len() == limit)
        .then(|| items.last().map(|e| e.seq))
        .flatten();
    Ok(Json(json!({ "items": items, "next_after": next_after })).into_response())
}

/// A JSON body as `T`: 413 when too large, 400 when not JSON of that shape.
async fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> ApiResult<T> {
    let bytes = read_limited(headers, body, limit).await?;
    serde_json::from_slice(&bytes).map_err(|error| {
        ApiError::new(
            ErrorCode::BadJson,
            format!("the body is not the JSON expected: {error}"),
        )
    })
}
