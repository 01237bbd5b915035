//! `GET /api/v1/ledger`: the normative-document ledger (规范性文件台账) —
//! per issuing body, every 规范性文件 with its 发文字号, dates, status
//! today, evidence and status changes — as JSON, or with `format=csv` as
//! a CSV for a spreadsheet (`crate::ledger`).

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use crate::error::ApiResult;
use crate::extract::Params;
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/ledger", get(ledger))
}

/// The parameters of the ledger.
#[derive(Debug, Deserialize)]
struct LedgerQuery {
    format: Option<String>,
}

async fn ledger(
    State(state): State<AppState>,
    Params(params): Params<LedgerQuery>,
) -> ApiResult<Response> {
    let csv = super::wants_csv(params.format.as_deref())?;
    let ledger = state.read(crate::ledger::read).await?;
    if !csv {
        return Ok(Json(ledger).into_response());
    }
    let base = state.config().public_url.clone().unwrap_or_default();
    let mut response = (StatusCode::OK, crate::ledger::csv(&ledger, &base)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"ledger.csv\""),
    );
    Ok(response)
}
