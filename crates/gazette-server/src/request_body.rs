//! Request bodies of the writes, read only once the request may be
//! served: a declared `Content-Length` over the limit is refused before a
//! byte is read, a streamed body is cut at the limit, and an upload sent
//! as a form (multipart or urlencoded) is refused, since the archive would
//! keep the form's encoding as the file "as published".
//!
//! [`close_unread`] tells the client that a connection closes when its
//! request was answered before its body was read to the end (an early
//! 401, 413, 415 or 429): the server cannot read the next request on a
//! connection still carrying the rest of that body.
//!
//! Who may write and how often is not decided here (see `auth`).

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, BodyDataStream, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tokio_stream::{Stream, StreamExt as _};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// 413 when the request declares a body longer than `limit` bytes.
pub fn refuse_declared_over(headers: &HeaderMap, limit: usize) -> ApiResult<()> {
    match declared_length(headers) {
        Some(length) if length > limit as u64 => Err(ApiError::too_large(limit)),
        _ => Ok(()),
    }
}

/// 415 for an issue file sent as a form: `multipart/*` or
/// `application/x-www-form-urlencoded`.
pub fn refuse_form(headers: &HeaderMap) -> ApiResult<()> {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|media| media.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if media.starts_with("multipart/") || media == "application/x-www-form-urlencoded" {
        return Err(ApiError::unsupported_media_type(format!(
            "the issue file must be the raw body, not a form ({media}): send it with \
             `curl --data-binary @FILE -H 'Content-Type: application/octet-stream'` \
             (or the file's own type, such as application/pdf or text/plain)"
        )));
    }
    Ok(())
}

/// The whole body, at most `limit` bytes: 413 past them (reading stops
/// there), 400 when the client breaks off.
pub async fn read_limited(headers: &HeaderMap, body: Body, limit: usize) -> ApiResult<Bytes> {
    refuse_declared_over(headers, limit)?;
    let expected = declared_length(headers)
        .and_then(|length| usize::try_from(length).ok())
        .unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.min(limit));
    let mut chunks = body.into_data_stream();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::new(
                ErrorCode::BadBody,
                format!("the body could not be read: {error}"),
            )
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(ApiError::too_large(limit));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

/// The length a request declares, when it declares one.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Whether the request comes with a body: a length above 0 or chunks.
fn has_body(headers: &HeaderMap) -> bool {
    declared_length(headers).is_some_and(|length| length > 0)
        || headers.contains_key(header::TRANSFER_ENCODING)
}

/// Adds `Connection: close` to the answer of a request whose body was not
/// read to its end.
pub async fn close_unread(request: Request, next: Next) -> Response {
    if !has_body(request.headers()) {
        return next.run(request).await;
    }
    let finished = Arc::new(AtomicBool::new(false));
    let (parts, body) = request.into_parts();
    let watched = Watched {
        chunks: body.into_data_stream(),
        finished: Arc::clone(&finished),
    };
    let request = Request::from_parts(parts, Body::from_stream(watched));
    let mut response = next.run(request).await;
    if !finished.load(Ordering::Acquire) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// A body's chunks that note when the last one has been read.
struct Watched {
    chunks: BodyDataStream,
    finished: Arc<AtomicBool>,
}

impl Stream for Watched {
    type Item = Result<Bytes, axum::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let poll = Pin::new(&mut self.chunks).poll_next(cx);
        if let Poll::Ready(None) = poll {
            self.finished.store(true, Ordering::Release);
        }
        poll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn forms_are_refused_and_files_are_not() {
        for form in [
            "multipart/form-data; boundary=x",
            "Multipart/Mixed",
            "application/x-www-form-urlencoded",
        ] {
            let refused = refuse_form(&headers(&[(header::CONTENT_TYPE, form)]));
            assert_eq!(refused.map_err(|e| e.status().as_u16()), Err(415), "{form}");
        }
        for file in ["application/octet-stream", "application/pdf", "text/plain"] {
            assert!(refuse_form(&headers(&[(header::CONTENT_TYPE, file)])).is_ok());
        }
        assert!(refuse_form(&HeaderMap::new()).is_ok());
    }

    #[tokio::test]
    async fn a_body_is_read_up_to_its_limit_and_no_further() {
        let none = HeaderMap::new();
        let read = read_limited(&none, Body::from("12345"), 5).await;
        assert_eq!(read.ok().as_deref(), Some(&b"12345"[..]));
        let read = read_limited(&none, Body::from("123456"), 5).await;
        assert_eq!(read.map_err(|e| e.status().as_u16()).err(), Some(413));
        let declared = headers(&[(header::CONTENT_LENGTH, "6")]);
        let read = read_limited(&declared, Body::empty(), 5).await;
        assert_eq!(read.map_err(|e| e.status().as_u16()).err(), Some(413));
    }
}
