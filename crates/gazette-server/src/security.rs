//! Headers and limits every response and request goes through: a strict
//! Content-Security-Policy (no inline script or style, no framing),
//! `nosniff`, a referrer policy, a cap on the query string's length, and a
//! time limit. Authentication is not here (see `auth`).

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The Content-Security-Policy of every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The security headers, each set unless a handler set it.
pub fn headers() -> [(HeaderName, HeaderValue); 4] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ]
}

/// Adds the security headers to a response.
pub async fn set_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in self::headers() {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    }
    response
}

/// Answers 414 to a query string longer than `max` bytes.
pub async fn limit_query(State(max): State<usize>, request: Request, next: Next) -> Response {
    let length = request.uri().query().map_or(0, str::len);
    if length > max {
        return ApiError::uri_too_long(max).into_response();
    }
    next.run(request).await
}

/// Answers 408 (a problem, like every error) to a request not answered
/// within `limit`. A streamed body is timed to its first byte only.
pub async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let write = !matches!(*request.method(), Method::GET | Method::HEAD);
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout(limit, write).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use axum::{middleware, Router};
    use tower::ServiceExt as _;

    use super::*;

    #[tokio::test]
    async fn a_slow_answer_is_a_408_problem() {
        let app = Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    "late"
                }),
            )
            .layer(middleware::from_fn_with_state(
                Duration::from_millis(20),
                time_limit,
            ));
        let request = Request::builder()
            .uri("/slow")
            .body(Body::empty())
            .expect("a request");
        let response = app.oneshot(request).await.expect("an answer");
        assert_eq!(response.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE),
            Some(&HeaderValue::from_static("application/problem+json"))
        );
    }
}
