//! `GET /api/v1/gazettes` (every gazette with its years and the 期号
//! missing from the archive), `GET /api/v1/gazettes/{slug}/{year}` (a
//! year's issues by 期号, and the missing ones) and
//! `GET /api/v1/gazettes/{slug}/{year}/{number}` (an issue as published
//! with its 目录 in issue order). The reads are `crate::gazettes`'.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::gazettes::{gazette_issue, gazette_list, gazette_year};
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/gazettes", get(list))
        .route("/api/v1/gazettes/{slug}/{year}", get(year))
        .route("/api/v1/gazettes/{slug}/{year}/{number}", get(issue))
}

async fn list(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(gazette_list).await?;
    Ok(Json(list).into_response())
}

/// The path's parts, percent-decoded; 400 (bad_id) when one is not UTF-8.
fn bad_path(rejection: axum::extract::rejection::PathRejection) -> ApiError {
    ApiError::new(ErrorCode::BadId, rejection.body_text())
}

async fn year(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Response> {
    let Path((slug, year)) = path.map_err(bad_path)?;
    let detail = state
        .read(move |reader| gazette_year(reader, &slug, &year))
        .await?;
    Ok(Json(detail).into_response())
}

async fn issue(
    State(state): State<AppState>,
    path: Result<Path<(String, String, String)>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Response> {
    let Path((slug, year, number)) = path.map_err(bad_path)?;
    let detail = state
        .read(move |reader| gazette_issue(reader, &slug, &year, &number))
        .await?;
    Ok(Json(detail).into_response())
}
