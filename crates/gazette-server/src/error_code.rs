//! [`ErrorCode`]: every problem code the server sends, with its HTTP
//! status and title, in one table.
//!
//! A problem's `code` (and the end of its `type` URI) is part of the API:
//! programs match on it, and `openapi.json` lists it. Handlers name a code
//! by its variant, never by a string, so a code cannot be misspelt at one
//! site, and its status and title cannot differ between two sites. This
//! module does not say what went wrong this time: the detail is the
//! caller's.

use axum::http::StatusCode;

/// A stable problem code, with the status and title that go with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// 400: the body could not be read.
    BadBody,
    /// 400: a cursor that is not one, or not of this query and order.
    BadCursor,
    /// 400: a field that cannot be corrected.
    BadField,
    /// 400: an id in the path that is not one.
    BadId,
    /// 400: a body that is not the JSON expected.
    BadJson,
    /// 400: a query parameter that is malformed.
    BadParameter,
    /// 400: a search query that is missing or malformed.
    BadQuery,
    /// 400: an unknown status.
    BadStatus,
    /// 400: a value (a correction, a note, a day) that cannot be used.
    BadValue,
    /// 400: an upload without a body.
    EmptyBody,
    /// 401: no valid token.
    Unauthorized,
    /// 403: the token lacks the scope.
    InsufficientScope,
    /// 404: nothing here.
    NotFound,
    /// 405: the path exists, not with this method.
    MethodNotAllowed,
    /// 408: no answer in time.
    Timeout,
    /// 409: the thing exists already.
    Conflict,
    /// 413: the body is too large.
    BodyTooLarge,
    /// 414: the query string is too long.
    QueryTooLong,
    /// 415: the body is sent in a form the route does not take.
    UnsupportedMediaType,
    /// 422: a file in which no issue is found.
    NotAnIssue,
    /// 429: too many requests.
    RateLimited,
    /// 500: our failure.
    Internal,
    /// 503: every worker is busy.
    Busy,
    /// 503: the store changed under the server.
    StoreChanged,
    /// 503: the store cannot be reached now (a database server restarting).
    StoreUnavailable,
}

impl ErrorCode {
    /// The code as sent (`code`, and the end of `type`).
    pub fn as_str(self) -> &'static str {
        self.row().0
    }

    /// The HTTP status that goes with the code.
    pub fn status(self) -> StatusCode {
        self.row().1
    }

    /// The title that goes with the code: the same for every instance.
    pub fn title(self) -> &'static str {
        self.row().2
    }

    /// The table: code, status, title.
    fn row(self) -> (&'static str, StatusCode, &'static str) {
        const BAD_REQUEST: (StatusCode, &str) = (StatusCode::BAD_REQUEST, "Bad request");
        let bad = |code| (code, BAD_REQUEST.0, BAD_REQUEST.1);
        match self {
            ErrorCode::BadBody => bad("bad_body"),
            ErrorCode::BadCursor => bad("bad_cursor"),
            ErrorCode::BadField => bad("bad_field"),
            ErrorCode::BadId => bad("bad_id"),
            ErrorCode::BadJson => bad("bad_json"),
            ErrorCode::BadParameter => bad("bad_parameter"),
            ErrorCode::BadQuery => bad("bad_query"),
            ErrorCode::BadStatus => bad("bad_status"),
            ErrorCode::BadValue => bad("bad_value"),
            ErrorCode::EmptyBody => bad("empty_body"),
            ErrorCode::Unauthorized => (
                "unauthorized",
                StatusCode::UNAUTHORIZED,
                "Authentication required",
            ),
            ErrorCode::InsufficientScope => {
                ("insufficient_scope", StatusCode::FORBIDDEN, "Forbidden")
            }
            ErrorCode::NotFound => ("not_found", StatusCode::NOT_FOUND, "Not found"),
            ErrorCode::MethodNotAllowed => (
                "method_not_allowed",
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed",
            ),
            ErrorCode::Timeout => ("timeout", StatusCode::REQUEST_TIMEOUT, "Request timeout"),
            ErrorCode::Conflict => ("conflict", StatusCode::CONFLICT, "Conflict"),
            ErrorCode::BodyTooLarge => (
                "body_too_large",
                StatusCode::PAYLOAD_TOO_LARGE,
                "Payload too large",
            ),
            ErrorCode::QueryTooLong => ("query_too_long", StatusCode::URI_TOO_LONG, "URI too long"),
            ErrorCode::UnsupportedMediaType => (
                "unsupported_media_type",
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
            ),
            ErrorCode::NotAnIssue => (
                "not_an_issue",
                StatusCode::UNPROCESSABLE_ENTITY,
                "Unprocessable content",
            ),
            ErrorCode::RateLimited => (
                "rate_limited",
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
            ),
            ErrorCode::Internal => (
                "internal",
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal server error",
            ),
            ErrorCode::Busy => (
                "busy",
                StatusCode::SERVICE_UNAVAILABLE,
                "Service unavailable",
            ),
            ErrorCode::StoreChanged => (
                "store_changed",
                StatusCode::SERVICE_UNAVAILABLE,
                "Service unavailable",
            ),
            ErrorCode::StoreUnavailable => (
                "store_unavailable",
                StatusCode::SERVICE_UNAVAILABLE,
                "Service unavailable",
            ),
        }
    }

    /// Every code, for tests and documentation.
    pub const ALL: [ErrorCode; 25] = [
        ErrorCode::BadBody,
        ErrorCode::BadCursor,
        ErrorCode::BadField,
        ErrorCode::BadId,
        ErrorCode::BadJson,
        ErrorCode::BadParameter,
        ErrorCode::BadQuery,
        ErrorCode::BadStatus,
        ErrorCode::BadValue,
        ErrorCode::EmptyBody,
        ErrorCode::Unauthorized,
        ErrorCode::InsufficientScope,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Timeout,
        ErrorCode::Conflict,
        ErrorCode::BodyTooLarge,
        ErrorCode::QueryTooLong,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::NotAnIssue,
        ErrorCode::RateLimited,
        ErrorCode::Internal,
        ErrorCode::Busy,
        ErrorCode::StoreChanged,
        ErrorCode::StoreUnavailable,
    ];
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_snake_case_and_errors() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(
                code.status().is_client_error() || code.status().is_server_error(),
                "{text}"
            );
        }
    }
}
