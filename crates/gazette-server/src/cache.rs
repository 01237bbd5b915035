//! HTTP caching of documents and assets: a weak ETag from the body's
//! SHA-256, `304 Not Modified` when `If-None-Match` names it, and a
//! `Cache-Control` policy.
//!
//! The ETag is weak (`W/"…"`) because the compression layer may send the
//! same content in another encoding. Only responses whose body is known
//! in full go through here; streams and search pages do not.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// How long a response may be reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Archive content (documents, pages of documents, the API
    /// description): may change (a status, a correction), so caches keep
    /// it a minute, then revalidate with the ETag.
    Content,
    /// An asset whose URL carries a hash of its content: never changes.
    Immutable,
}

impl CachePolicy {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            CachePolicy::Content => "public, max-age=60, must-revalidate",
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
        })
    }
}

/// The weak ETag of `body`.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("W/\"{}\"", hex::encode(&digest[..16]))
}

/// A 200 with `body`, or a 304 when the request's `If-None-Match` already
/// names its ETag.
pub fn cached(
    request: &HeaderMap,
    content_type: &'static str,
    policy: CachePolicy,
    body: impl Into<Vec<u8>>,
) -> Response {
    let body = body.into();
    let tag = etag(&body);
    let tag_value = HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("W/\"\""));
    let headers = [
        (header::ETAG, tag_value),
        (header::CACHE_CONTROL, policy.header()),
    ];
    if matches(request, &tag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let mut response = (StatusCode::OK, headers, Body::from(body)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// Whether `If-None-Match` names `tag` (weak comparison) or is `*`.
fn matches(request: &HeaderMap, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let wanted = bare(tag);
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|candidate| candidate.trim() == "*" || bare(candidate) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_if_none_match(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(value).expect("ascii header"),
        );
        headers
    }

    #[test]
    fn a_matching_etag_gives_304_and_another_200() {
        let tag = etag(b"hello");
        let response = cached(
            &with_if_none_match(&format!("\"x\", {tag}")),
            "text/plain",
            CachePolicy::Content,
            "hello",
        );
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        assert!(response.headers().get(header::ETAG).is_some());
        let strong = tag.trim_start_matches("W/");
        let response = cached(
            &with_if_none_match(strong),
            "text/plain",
            CachePolicy::Content,
            "hello",
        );
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        let response = cached(
            &with_if_none_match("W/\"other\""),
            "text/plain",
            CachePolicy::Immutable,
            "hello",
        );
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers().get(header::CACHE_CONTROL),
            Some(&HeaderValue::from_static(
                "public, max-age=31536000, immutable"
            ))
        );
    }
}
