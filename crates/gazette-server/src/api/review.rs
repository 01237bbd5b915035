//! `GET /api/v1/review`: the statuses derived from the archive's texts that
//! no editor has confirmed yet, each with its findings, for an editor to
//! confirm (`POST /api/v1/documents/{id}/status`) or correct.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::error::ApiResult;
use crate::reads::review_list;
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/review", get(review))
}

async fn review(State(state): State<AppState>) -> ApiResult<Response> {
    let list = state.read(review_list).await?;
    Ok(Json(list).into_response())
}
