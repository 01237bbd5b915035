//! Errors at the HTTP edge: [`ApiError`], sent as RFC 7807 problem JSON
//! (`application/problem+json`) with a stable `code`, and [`ServerError`]
//! for what can fail before the server answers anything.
//!
//! Every failure is mapped to a status here, once: a bad query, cursor or
//! id is the client's (400/404), a failing store or index is ours (500),
//! and its details go to the log, never to the client. Pages turn the same
//! problems into HTML (see `pages`): a problem response carries its
//! [`Problem`] as a response extension for that.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use gazette_archive::types::{DatabaseFailure, SearchError, StoreError};
use gazette_archive::{ArchiveError, InvalidInput};
use serde::Serialize;

pub use crate::error_code::ErrorCode;

/// Why the server could not start or stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The archive could not give a reader.
    #[error("opening a reader of the archive: {0}")]
    Archive(#[from] ArchiveError),
    /// Listening or serving failed.
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// A problem as RFC 7807 describes it, plus a stable `code`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:gazette:problem:` + code.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem, the same for every instance.
    pub title: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong this time, for a person.
    pub detail: String,
    /// A stable code for programs: `not_found`, `bad_query` …
    pub code: &'static str,
}

/// An error answered to a client.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    detail: String,
    headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl ApiError {
    /// A problem of `code` (whose status and title go with it).
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError {
            code,
            detail: detail.into(),
            headers: Vec::new(),
        }
    }

    /// What went wrong this time, for people.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The problem's code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// 404: nothing with this id.
    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::NotFound, detail.into())
    }

    /// 401: no valid token; `error` is RFC 6750's error code when a token
    /// was given.
    pub fn unauthorized(detail: impl Into<String>, invalid_token: bool) -> Self {
        let challenge = if invalid_token {
            "Bearer realm=\"gazette\", error=\"invalid_token\""
        } else {
            "Bearer realm=\"gazette\""
        };
        ApiError::new(ErrorCode::Unauthorized, detail.into()).with_header(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        )
    }

    /// 403: the token is valid but lacks `scope`.
    pub fn forbidden(scope: &'static str) -> Self {
        let challenge = match scope {
            "admin" => "Bearer realm=\"gazette\", error=\"insufficient_scope\", scope=\"admin\"",
            _ => "Bearer realm=\"gazette\", error=\"insufficient_scope\", scope=\"write\"",
        };
        ApiError::new(
            ErrorCode::InsufficientScope,
            format!("this token does not have the “{scope}” scope"),
        )
        .with_header(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        )
    }

    /// 429: too many writes; retry after `seconds`.
    pub fn rate_limited(seconds: u64) -> Self {
        ApiError::new(
            ErrorCode::RateLimited,
            format!("too many writes with this token; retry in {seconds} s"),
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from(seconds))
    }

    /// 429: too many reads from this client address; retry after `seconds`.
    pub fn read_rate_limited(seconds: u64) -> Self {
        ApiError::new(
            ErrorCode::RateLimited,
            format!("too many requests from this address; retry in {seconds} s"),
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from(seconds))
    }

    /// 503: every worker is busy and the wait was too long.
    pub fn busy() -> Self {
        ApiError::new(
            ErrorCode::Busy,
            "the server is busy; retry in a moment".to_owned(),
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from_static("1"))
    }

    /// 503: the archive's store changed under the server (replaced by a
    /// backup, deleted, rolled back): its indexes no longer match it, so
    /// the server answers nothing from them until restarted.
    pub fn store_changed() -> Self {
        ApiError::new(
            ErrorCode::StoreChanged,
            "the archive's store was replaced or rolled back while the server ran; the server \
             must be restarted to rebuild its indexes from it"
                .to_owned(),
        )
    }

    /// 503: the store cannot be reached now (its database server is
    /// restarting, the connection was cut); the next request reconnects.
    pub fn store_unavailable() -> Self {
        ApiError::new(
            ErrorCode::StoreUnavailable,
            "the archive's database cannot be reached now; retry in a moment".to_owned(),
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from_static("2"))
    }

    /// 413: the body is larger than allowed.
    pub fn too_large(limit: usize) -> Self {
        ApiError::new(
            ErrorCode::BodyTooLarge,
            format!("the request body is larger than {limit} bytes"),
        )
    }

    /// 415: the body is sent in a form the route does not take.
    pub fn unsupported_media_type(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::UnsupportedMediaType, detail.into())
    }

    /// 414: the query string is longer than allowed.
    pub fn uri_too_long(limit: usize) -> Self {
        ApiError::new(
            ErrorCode::QueryTooLong,
            format!("the query string is longer than {limit} bytes"),
        )
    }

    /// 405: the path exists, not with this method.
    pub fn method_not_allowed() -> Self {
        ApiError::new(
            ErrorCode::MethodNotAllowed,
            "this address does not answer this method".to_owned(),
        )
    }

    /// 408: the answer took longer than `limit`. For a write (`write`:
    /// any method but GET and HEAD) the detail says that it may still
    /// complete: the work runs on a thread of its own that the timeout
    /// does not stop.
    pub fn timeout(limit: std::time::Duration, write: bool) -> Self {
        let detail = if write {
            format!(
                "no answer within {} s; the write may still complete: look (GET the thing written, or /api/v1/audit) before sending it again. An upload whose body arrived whole is answered 202 with its job instead, so an upload answered 408 was not received whole and is not stored",
                limit.as_secs()
            )
        } else {
            format!(
                "no answer within {} s; try a narrower request",
                limit.as_secs()
            )
        };
        ApiError::new(ErrorCode::Timeout, detail)
    }

    /// 409: the thing exists already.
    pub fn conflict(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Conflict, detail.into())
    }

    /// 500: our failure. `cause` is logged here and not sent.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        ApiError::new(
            ErrorCode::Internal,
            "something went wrong on the server; it has been logged".to_owned(),
        )
    }

    fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.code.status()
    }

    /// The problem as sent.
    pub fn problem(&self) -> Problem {
        Problem {
            kind: format!("urn:gazette:problem:{}", self.code),
            title: self.code.title(),
            status: self.status().as_u16(),
            detail: self.detail.clone(),
            code: self.code.as_str(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status().as_u16(),
            self.code,
            self.detail
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (
            self.status(),
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/problem+json"),
            )],
            body,
        )
            .into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response.extensions_mut().insert(problem);
        response
    }
}

impl From<ArchiveError> for ApiError {
    fn from(error: ArchiveError) -> Self {
        match error {
            ArchiveError::UnknownDocument(_) => ApiError::not_found(error.to_string()),
            ArchiveError::Search(error) if error.is_user_error() => search_error(&error),
            ArchiveError::Invalid(invalid) => ApiError::from(invalid),
            ArchiveError::Store(StoreError::NotFound(what)) => {
                ApiError::not_found(format!("{what} not found"))
            }
            ArchiveError::Store(StoreError::Conflict(what)) => ApiError::conflict(what),
            ArchiveError::Store(StoreError::Database {
                failure: DatabaseFailure::Unavailable,
                ref source,
                ..
            }) => {
                // Logged once per outage by the store follower, not per request.
                tracing::debug!(%source, "the archive's store cannot be reached");
                ApiError::store_unavailable()
            }
            ArchiveError::StoreChanged(reason) => {
                tracing::error!(%reason, "the archive's store changed under the server");
                ApiError::store_changed()
            }
            other => ApiError::internal(other),
        }
    }
}

/// A user error of the search crate as a 400.
fn search_error(error: &SearchError) -> ApiError {
    match error {
        SearchError::Cursor(_) => ApiError::new(ErrorCode::BadCursor, error.to_string()),
        _ => ApiError::new(ErrorCode::BadQuery, error.to_string()),
    }
}

impl From<InvalidInput> for ApiError {
    fn from(invalid: InvalidInput) -> Self {
        let code = match &invalid {
            InvalidInput::Field(_) => ErrorCode::BadField,
            InvalidInput::Value(_) => ErrorCode::BadValue,
            InvalidInput::Parameter(_) => ErrorCode::BadParameter,
            InvalidInput::Cursor(_) => ErrorCode::BadCursor,
        };
        ApiError::new(code, invalid.to_string())
    }
}

/// The result of handlers.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use gazette_archive::listing::Filters;

    use super::*;

    #[test]
    fn an_unknown_document_is_a_404_and_an_internal_error_says_nothing() {
        let error = ApiError::from(ArchiveError::UnknownDocument("x".to_owned()));
        assert_eq!(error.status(), StatusCode::NOT_FOUND);
        assert_eq!(error.problem().code, "not_found");
        let internal = ApiError::internal("disk on fire at /secret/path");
        assert_eq!(internal.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!internal.problem().detail.contains("/secret/path"));
    }

    #[test]
    fn bad_filters_are_400() {
        for filters in [
            Filters {
                year: Some("twenty".into()),
                ..Filters::default()
            },
            Filters {
                to: Some("2019-13-01".into()),
                ..Filters::default()
            },
            Filters {
                issuer: Some("a\"b".into()),
                ..Filters::default()
            },
            Filters {
                status: Some("maybe".into()),
                ..Filters::default()
            },
        ] {
            let error = ApiError::from(filters.query().expect_err("refused"));
            assert_eq!(error.status().as_u16(), 400, "{filters:?}");
        }
    }

    #[test]
    fn a_problem_is_problem_json_with_its_headers() {
        let response = ApiError::rate_limited(3).into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE),
            Some(&HeaderValue::from_static("application/problem+json"))
        );
        assert_eq!(
            response.headers().get(header::RETRY_AFTER),
            Some(&HeaderValue::from(3u64))
        );
        assert!(response.extensions().get::<Problem>().is_some());
    }
}
