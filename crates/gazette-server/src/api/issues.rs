//! `GET /api/v1/issues` (latest ingested first, paged),
//! `GET /api/v1/issues/{id}` (an issue with its documents in printed
//! order) and `GET /api/v1/issues/{id}/original` (the file as published: a
//! PDF, or the text in its own encoding; `?pages=3-5` or `?pages=4`: those
//! pages of a PDF, as a PDF). An original is a file from
//! outside, never a page of this site: it is sent as an attachment, in a
//! CSP sandbox, so that a browser neither shows it inline nor runs it
//! with the site's origin.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use gazette_archive::listing::decode_cursor;
use gazette_archive::PDF_ENCODING;
use gazette_model::PageLimits;
use serde::Deserialize;

use crate::cache::{cached, CachePolicy};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Key, Params};
use crate::reads::{issue_detail, issue_page, ISSUE_CURSOR_KEY};
use crate::state::AppState;

/// Pages of issues: 20 by default, at most 100 (each one query for its
/// first and last dates; no document is read).
const ISSUE_PAGES: PageLimits = PageLimits {
    default: 20,
    max: 100,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/issues", get(list))
        .route("/api/v1/issues/{id}", get(issue))
        .route("/api/v1/issues/{id}/original", get(original))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    limit: Option<usize>,
    cursor: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    Params(params): Params<ListQuery>,
) -> ApiResult<Response> {
    let offset = match &params.cursor {
        Some(cursor) => decode_cursor(cursor, ISSUE_CURSOR_KEY)?,
        None => 0,
    };
    let limit = ISSUE_PAGES.size(params.limit);
    let list = state
        .read(move |reader| issue_page(reader, offset, limit))
        .await?;
    Ok(Json(list).into_response())
}

async fn issue(State(state): State<AppState>, Key(key): Key) -> ApiResult<Response> {
    let detail = state.read(move |reader| issue_detail(reader, &key)).await?;
    Ok(Json(detail).into_response())
}

#[derive(Debug, Deserialize)]
struct OriginalQuery {
    pages: Option<String>,
}

/// A page range as asked for: `4` or `3-5` (1-based, inclusive); 400
/// naming the parameter otherwise.
fn page_range(text: &str) -> ApiResult<(u32, u32)> {
    let bad = || {
        ApiError::new(
            ErrorCode::BadParameter,
            format!("pages: “{text}” is not a page or a range of pages such as 3-5"),
        )
    };
    let (first, last) = text.split_once('-').unwrap_or((text, text));
    let first: u32 = first.trim().parse().map_err(|_| bad())?;
    let last: u32 = last.trim().parse().map_err(|_| bad())?;
    if first == 0 || last < first {
        return Err(bad());
    }
    Ok((first, last))
}

/// The Content-Security-Policy of an original: no script, no plugin, no
/// origin of this site.
const ORIGINAL_CSP: &str = "sandbox; default-src 'none'; frame-ancestors 'none'";

/// An issue's file as published; 404 for an unknown or malformed id.
async fn original(
    State(state): State<AppState>,
    Key(key): Key,
    Params(query): Params<OriginalQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let pages = query.pages.as_deref().map(page_range).transpose()?;
    let (issue, bytes) = state
        .read(move |reader| {
            let missing = || ApiError::not_found(format!("no issue “{key}” in the archive"));
            let id: i64 = key.trim().parse().map_err(|_| missing())?;
            let found = match pages {
                Some((first, last)) => reader.issue_original_pages(id, first, last)?,
                None => reader.issue_original(id)?,
            };
            found.ok_or_else(missing)
        })
        .await?;
    let is_pdf = issue.encoding == PDF_ENCODING;
    let content_type = match issue.encoding.as_str() {
        PDF_ENCODING => "application/pdf",
        // A stored HTML page is served as text, never as a page of this
        // site: its scripts must not run here.
        "UTF-8" | "html" => "text/plain; charset=utf-8",
        "UTF-16LE" | "html/utf-16le" => "text/plain; charset=utf-16le",
        "UTF-16BE" | "html/utf-16be" => "text/plain; charset=utf-16be",
        "html/big5" => "text/plain; charset=big5",
        _ => "text/plain; charset=gb18030",
    };
    let mut response = cached(&headers, content_type, CachePolicy::Content, bytes);
    // The name is made of the id alone: nothing of the upload's own name.
    let part = pages.map_or_else(String::new, |(first, last)| format!("-p{first}-{last}"));
    let file_name = format!(
        "issue-{}{part}.{}",
        issue.id,
        if is_pdf { "pdf" } else { "txt" }
    );
    let disposition = format!("attachment; filename=\"{file_name}\"");
    let response_headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response_headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response_headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(ORIGINAL_CSP),
    );
    Ok(response)
}
