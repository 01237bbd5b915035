//! `POST /api/v1/issues` (ingest a file, behind a write token) and
//! `GET /api/v1/jobs/{id}` (where a long upload is).
//!
//! Authentication, scope and rate (401/403/429), a declared length over the
//! limit (413) and a form instead of a file (415) are checked before the
//! body is read. The body then becomes a job (`jobs`) run by a task of its
//! own: the file is read and its text extracted (a PDF within the
//! configured limits, by at most `extract_workers` at once) *before* the
//! archive's single writer is taken, so a slow PDF never holds back
//! another client's write; then the issue is stored with its audit entry
//! in one transaction. A job done within `job_threshold` is answered
//! directly (201 new, 200 already archived, 422 not an issue); a longer one
//! is answered `202 Accepted` with `Location: /api/v1/jobs/{id}` and goes
//! on whatever the client does, so a write that is stored is never
//! reported as failed.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use gazette_archive::types::{DocumentRecord, IssueRecord, TokenScope};
use gazette_archive::{Archive, FileOutcome, GivenIssue, PreparedIssue};
use serde::Deserialize;
use serde_json::json;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Key, Params};
use crate::jobs::JobState;
use crate::request_body::{read_limited, refuse_declared_over, refuse_form};
use crate::state::AppState;
use crate::views::{DocumentSummary, IssueSummary};

/// Longest file name of an upload, in characters.
const MAX_FILE_NAME_CHARS: usize = 255;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/issues", post(ingest))
        .route("/api/v1/jobs/{id}", get(job))
}

#[derive(Debug, Deserialize)]
struct IngestQuery {
    name: Option<String>,
    gazette: Option<String>,
    issue: Option<String>,
    published: Option<String>,
    frequency: Option<String>,
}

impl IngestQuery {
    /// What the uploader says of the file as published; 400 naming the
    /// parameter that cannot be read.
    fn given(&self) -> ApiResult<GivenIssue> {
        let mut given = GivenIssue::default();
        let read = |result: Result<(), gazette_archive::InvalidInput>| {
            result.map_err(|e| ApiError::new(ErrorCode::BadParameter, e.to_string()))
        };
        if let Some(name) = &self.gazette {
            read(given.set_gazette(name))?;
        }
        if let Some(issue) = self.issue.as_deref().filter(|s| !s.trim().is_empty()) {
            read(given.set_issue(issue))?;
        }
        if let Some(date) = self.published.as_deref().filter(|s| !s.trim().is_empty()) {
            read(given.set_published(date))?;
        }
        if let Some(frequency) = self.frequency.as_deref().filter(|s| !s.trim().is_empty()) {
            read(given.set_frequency(frequency))?;
        }
        Ok(given)
    }
}

async fn ingest(
    State(state): State<AppState>,
    caller: Caller,
    Params(params): Params<IngestQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    caller.authorize(&state, TokenScope::Write)?;
    let limit = state.config().max_upload_bytes;
    refuse_form(&headers)?;
    refuse_declared_over(&headers, limit)?;
    let name = file_name(params.name.as_deref())?;
    let given = params.given()?;
    let bytes = read_limited(&headers, body, limit).await?;
    if bytes.is_empty() {
        return Err(ApiError::new(
            ErrorCode::EmptyBody,
            "the body must be the issue file",
        ));
    }
    let id = state
        .jobs()
        .create(&caller.name, &name, gazette_archive::now());
    let upload = Upload {
        name,
        bytes: bytes.to_vec(),
        given,
    };
    let work = tokio::spawn(run_job(state.clone(), caller, upload, id));
    // The answer waits at most the threshold, and always less than the
    // request's own time limit, so that the client hears of the job.
    let threshold = state
        .config()
        .job_threshold
        .min(state.config().request_timeout / 2);
    match tokio::time::timeout(threshold, work).await {
        Ok(Ok(done)) => done?.into_response(),
        Ok(Err(panicked)) => Err(ApiError::internal(panicked)),
        // The task goes on: dropping its handle does not stop it.
        Err(_) => Ok(accepted(id)),
    }
}

/// 202 with the job's address.
fn accepted(id: u64) -> Response {
    let location = crate::urls::job_api(id);
    let body = json!({
        "job": id,
        "status": "running",
        "status_url": location,
        "detail": "the upload is being read and stored; the job's address says when it is done and which issue it is",
    });
    let mut response = (StatusCode::ACCEPTED, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// An upload's file with what the uploader says of it.
struct Upload {
    name: String,
    bytes: Vec<u8>,
    given: GivenIssue,
}

/// Reads, extracts and stores one upload, keeping its job up to date.
async fn run_job(state: AppState, caller: Caller, upload: Upload, id: u64) -> ApiResult<Ingested> {
    let result = prepare_and_store(&state, caller, upload, id).await;
    let finished = match &result {
        Ok(ingested) => JobState::Done {
            outcome: ingested.outcome.clone(),
            issue_id: ingested.issue.as_ref().map(|i| i.id),
            issue_url: ingested
                .issue
                .as_ref()
                .map(|i| crate::urls::issue_api(i.id)),
        },
        Err(error) => JobState::Failed {
            error: error.detail().to_owned(),
        },
    };
    state.jobs().set(id, finished);
    result
}

async fn prepare_and_store(
    state: &AppState,
    caller: Caller,
    upload: Upload,
    id: u64,
) -> ApiResult<Ingested> {
    let Upload { name, bytes, given } = upload;
    let options = state.config().extract.clone();
    let running = state.clone();
    let (prepared, bytes) = state
        .extract(move || {
            running.jobs().set(id, JobState::Running);
            let prepared = PreparedIssue::read(&bytes, &options);
            (prepared, bytes)
        })
        .await?;
    match prepared {
        Err(message) => Ok(Ingested {
            outcome: FileOutcome::Failed { message },
            issue: None,
            documents: Vec::new(),
        }),
        Ok(prepared) => {
            let prepared = prepared.given(&given);
            state
                .write(move |archive| store_and_audit(archive, &caller, &name, &bytes, prepared))
                .await
        }
    }
}

/// What an upload did, with the issue it is (new or already archived).
struct Ingested {
    outcome: FileOutcome,
    issue: Option<IssueRecord>,
    documents: Vec<DocumentRecord>,
}

/// Stores a prepared upload as `gazette ingest` does, audited with it in
/// the same transaction. The indexes are caught up after; if that fails
/// the write still stands (the next write or open catches them up).
fn store_and_audit(
    archive: &mut Archive,
    caller: &Caller,
    name: &str,
    bytes: &[u8],
    prepared: PreparedIssue,
) -> ApiResult<Ingested> {
    let stored = archive.store_prepared(name, bytes, prepared, &caller.name)?;
    if let Err(error) = archive.catch_up() {
        tracing::warn!(%error, "an upload is stored but the indexes did not catch up");
    }
    let reads = archive.reads();
    let issue = match stored.issue_id {
        Some(id) => reads.issue(id)?,
        None => None,
    };
    let documents = match &issue {
        Some(issue) => reads.issue_documents(issue.id)?,
        None => Vec::new(),
    };
    Ok(Ingested {
        outcome: stored.outcome,
        issue,
        documents,
    })
}

impl Ingested {
    /// 201 for a new issue, 200 for one already archived, 422 for a file
    /// that is not an issue.
    fn into_response(self) -> ApiResult<Response> {
        let status = match &self.outcome {
            FileOutcome::Failed { message } => {
                return Err(ApiError::new(ErrorCode::NotAnIssue, message.clone()))
            }
            FileOutcome::Added { .. } => StatusCode::CREATED,
            FileOutcome::AlreadyPresent => StatusCode::OK,
        };
        let issue = self
            .issue
            .ok_or_else(|| ApiError::internal("an ingested issue was not found by its id"))?;
        let location = crate::urls::issue_api(issue.id);
        let body = json!({
            "outcome": self.outcome,
            "issue": IssueSummary::new(issue, &self.documents),
            "contents": self.documents.iter().map(DocumentSummary::of_record).collect::<Vec<_>>(),
        });
        let mut response = (status, Json(body)).into_response();
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        Ok(response)
    }
}

fn file_name(name: Option<&str>) -> ApiResult<String> {
    // The file's own name: a path the client sent says nothing to others.
    let name = name
        .map(|n| crate::gazettes::base_name(n.trim()).trim())
        .filter(|n| !n.is_empty())
        .unwrap_or("upload");
    if name.chars().count() > MAX_FILE_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(ApiError::new(
            ErrorCode::BadParameter,
            format!(
                "name must be at most {MAX_FILE_NAME_CHARS} characters, without control characters"
            ),
        ));
    }
    Ok(name.to_owned())
}

/// A job, for the token that made it or an admin; 404 otherwise, so that
/// job numbers say nothing of other tokens' uploads.
async fn job(State(state): State<AppState>, caller: Caller, Key(key): Key) -> ApiResult<Response> {
    caller.require(TokenScope::Write)?;
    let missing = || ApiError::not_found(format!("no job “{key}” of this token"));
    let id: u64 = key.trim().parse().map_err(|_| missing())?;
    let job = state
        .jobs()
        .get(id)
        .filter(|job| job.owner == caller.name || caller.scope.allows(TokenScope::Admin))
        .ok_or_else(missing)?;
    Ok(Json(job).into_response())
}
