//! `GET /api/v1/openapi.json`: the OpenAPI 3 description of the API,
//! written by hand in `openapi.json` beside this file and compiled in.
//! The integration tests hold the API to it: every answer they receive is
//! validated against it (`tests/integration/contract.rs`), every route
//! under `/api/v1` must be in it, and a test calls every GET path it lists.

use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use crate::cache::{cached, CachePolicy};
use crate::state::AppState;

/// The OpenAPI document.
pub const OPENAPI: &str = include_str!("openapi.json");

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(openapi))
}

async fn openapi(headers: HeaderMap) -> Response {
    cached(&headers, "application/json", CachePolicy::Content, OPENAPI)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_is_json_of_openapi_3() {
        let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        let version = doc["openapi"].as_str().expect("an openapi version");
        assert!(version.starts_with("3."), "{version}");
        assert!(doc["paths"].as_object().is_some_and(|p| !p.is_empty()));
    }
}
