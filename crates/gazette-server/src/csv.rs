//! CSV exports of a list or a search: every result, not one page.
//!
//! The first page is read before the response starts, so a bad query is
//! still a 400; the rest is read page by page from the readers kept for
//! exports and streamed, so an export of any size holds one page in
//! memory, and holds no reader while the client reads. The export stops
//! when the client goes away or stops reading for the stall timeout; an
//! export that stops before its last row ends its response with an error
//! (the chunked body is cut), never as a shorter file that looks whole.
//!
//! Cells that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`) get a leading `'`; everything else is as archived.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use gazette_archive::listing::{self, Page, Sort};
use gazette_archive::types::{Hit, MAX_LIMIT};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_stream::Stream;

use crate::error::ApiResult;
use crate::state::AppState;
use crate::urls;

/// The header line.
const COLUMNS: [&str; 9] = [
    "id",
    "slug",
    "doc_number",
    "date",
    "title",
    "issuer",
    "doc_type",
    "status",
    "url",
];

/// Pages buffered between the reader and the client.
const CHANNEL_PAGES: usize = 2;

type Chunk = Result<Bytes, std::io::Error>;

/// A streamed CSV of every result of `query` in `sort` order.
pub async fn export(
    state: &AppState,
    query: String,
    sort: Sort,
    file_name: &'static str,
) -> ApiResult<Response> {
    let first_query = query.clone();
    let first = state
        .export_read(move |reader| Ok(listing::page(reader, &first_query, sort, 0, MAX_LIMIT)?))
        .await?;
    let base = state.config().public_url.clone().unwrap_or_default();
    let (sender, receiver) = mpsc::channel::<Chunk>(CHANNEL_PAGES);
    let mut head = line(COLUMNS.iter().map(|c| (*c).to_owned()));
    head.push_str(&rows(&first, &base));
    // The channel is new and has room for this first chunk.
    let _ = sender.try_send(Ok(Bytes::from(head)));
    let complete = Arc::new(AtomicBool::new(first.next_offset.is_none()));
    if let Some(next) = first.next_offset {
        let state = state.clone();
        let complete = Arc::clone(&complete);
        tokio::spawn(async move {
            let stall = state.config().stall_timeout;
            let mut offset = Some(next);
            while let Some(at) = offset {
                let query = query.clone();
                let page = match state
                    .export_read(move |reader| {
                        Ok(listing::page(reader, &query, sort, at, MAX_LIMIT)?)
                    })
                    .await
                {
                    Ok(page) => page,
                    Err(error) => {
                        tracing::warn!(%error, "export stopped: a page could not be read");
                        return;
                    }
                };
                let chunk = Ok(Bytes::from(rows(&page, &base)));
                match tokio::time::timeout(stall, sender.send(chunk)).await {
                    Ok(Ok(())) => {}
                    // The client went away, or stopped reading.
                    Ok(Err(_)) | Err(_) => return,
                }
                offset = page.next_offset;
            }
            complete.store(true, Ordering::Release);
        });
    }
    let stream = Export {
        chunks: ReceiverStream::new(receiver),
        complete,
        ended: false,
    };
    let mut response = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The chunks of an export, ended by an error when the export stopped
/// before its last row.
struct Export {
    chunks: ReceiverStream<Chunk>,
    complete: Arc<AtomicBool>,
    ended: bool,
}

impl Stream for Export {
    type Item = Chunk;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
        if self.ended {
            return Poll::Ready(None);
        }
        match Pin::new(&mut self.chunks).poll_next(cx) {
            Poll::Ready(None) => {
                self.ended = true;
                if self.complete.load(Ordering::Acquire) {
                    Poll::Ready(None)
                } else {
                    Poll::Ready(Some(Err(std::io::Error::other(
                        "the export stopped before its last row",
                    ))))
                }
            }
            other => other,
        }
    }
}

fn rows(page: &Page, base: &str) -> String {
    page.hits.iter().map(|hit| row(hit, base)).collect()
}

fn row(hit: &Hit, base: &str) -> String {
    line(
        [
            hit.id.clone(),
            hit.slug.clone(),
            hit.doc_number.clone().unwrap_or_default(),
            hit.date.map(|d| d.to_string()).unwrap_or_default(),
            hit.title.clone(),
            hit.issuer.join("、"),
            hit.doc_type.clone().unwrap_or_default(),
            hit.status.code().to_owned(),
            format!("{base}{}", urls::document_page(&hit.slug)),
        ]
        .into_iter(),
    )
}

/// One CSV line (RFC 4180), ending in CRLF.
pub(crate) fn line(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells.map(|c| cell(&c)).collect();
    let mut out = cells.join(",");
    out.push_str("\r\n");
    out
}

fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_needed_and_formulas_defused() {
        assert_eq!(cell("通知"), "通知");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(
            line(["a".to_owned(), String::new(), "c".to_owned()].into_iter()),
            "a,,c\r\n"
        );
    }
}
