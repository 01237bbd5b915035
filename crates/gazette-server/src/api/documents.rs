//! `GET /api/v1/documents` (a filtered, sorted, paged list, or all of it
//! as CSV), `GET /api/v1/documents/{id}` (the document in full) and
//! `GET /api/v1/documents/{id}/text` (the text as published).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use gazette_archive::listing::{self, cursor_key, decode_cursor, encode_cursor, Filters, Sort};
use serde::Deserialize;

use crate::cache::{cached, CachePolicy};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Key, Params};
use crate::state::AppState;
use crate::views::{DocumentFull, DocumentList, DocumentSummary};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/documents", get(list))
        .route("/api/v1/documents/{id}", get(document))
        .route("/api/v1/documents/{id}/text", get(text))
}

/// The parameters of the list.
#[derive(Debug, Deserialize)]
struct ListQuery {
    year: Option<String>,
    from: Option<String>,
    to: Option<String>,
    issuer: Option<String>,
    doc_type: Option<String>,
    status: Option<String>,
    unit: Option<String>,
    sort: Option<String>,
    limit: Option<usize>,
    cursor: Option<String>,
    format: Option<String>,
}

impl ListQuery {
    fn filters(&self) -> Filters {
        Filters {
            year: self.year.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            issuer: self.issuer.clone(),
            doc_type: self.doc_type.clone(),
            status: self.status.clone(),
            unit: self.unit.clone(),
        }
    }
}

async fn list(
    State(state): State<AppState>,
    Params(params): Params<ListQuery>,
) -> ApiResult<Response> {
    let query = params.filters().query()?;
    let sort = Sort::parse(params.sort.as_deref(), Sort::DateDesc)?;
    let csv = super::wants_csv(params.format.as_deref())?;
    if csv {
        return crate::csv::export(&state, query, sort, "documents.csv").await;
    }
    let key = cursor_key(&query, sort);
    let offset = match &params.cursor {
        Some(cursor) => decode_cursor(cursor, &key)?,
        None => 0,
    };
    let limit = listing::page_size(params.limit);
    let page = state
        .read(move |reader| Ok(listing::page(reader, &query, sort, offset, limit)?))
        .await?;
    Ok(Json(DocumentList {
        total: page.total,
        items: page.hits.iter().map(DocumentSummary::of_hit).collect(),
        next_cursor: page.next_offset.map(|next| encode_cursor(next, &key)),
    })
    .into_response())
}

async fn document(
    State(state): State<AppState>,
    Key(key): Key,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let body = state
        .read(move |reader| {
            let view = reader.document(&key)?;
            let corrections = reader.corrections(&view.record.id)?;
            serde_json::to_vec(&DocumentFull::new(&view, &corrections)).map_err(ApiError::internal)
        })
        .await?;
    Ok(cached(
        &headers,
        "application/json",
        CachePolicy::Content,
        body,
    ))
}

async fn text(
    State(state): State<AppState>,
    Key(key): Key,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let text = state
        .read(move |reader| Ok(reader.document(&key)?.record.text))
        .await?;
    Ok(cached(
        &headers,
        "text/plain; charset=utf-8",
        CachePolicy::Content,
        text,
    ))
}
