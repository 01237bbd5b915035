//! The JSON API under `/api/v1`, described by `openapi.json`: reads are
//! public, writes need a token (see `auth`). Each area merges its own
//! routes here.
//!
//! Handlers parse parameters, run reads on the state's blocking readers,
//! and shape the answer with `views`; they hold no archive logic.

mod admin;
mod backup;
mod documents;
mod gazettes;
mod issues;
mod ledger;
mod links;
mod openapi;
mod review;
mod search;
mod upload;

use axum::Router;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// The routes of the API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(documents::routes())
        .merge(search::routes())
        .merge(issues::routes())
        .merge(gazettes::routes())
        .merge(links::routes())
        .merge(review::routes())
        .merge(ledger::routes())
        .merge(admin::routes())
        .merge(backup::routes())
        .merge(openapi::routes())
}

/// 400 for a `format=` other than json or csv; `true` for csv.
fn wants_csv(format: Option<&str>) -> Result<bool, ApiError> {
    match format.map(str::trim) {
        None | Some("" | "json") => Ok(false),
        Some("csv") => Ok(true),
        Some(other) => Err(ApiError::new(
            ErrorCode::BadParameter,
            format!("unknown format “{other}”; json or csv"),
        )),
    }
}
