//! `GET /api/v1/search?q=…`: the search language of `gazette-search`, with
//! snippets, facets and cursor paging, or every result as CSV.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use gazette_archive::listing::{self, cursor_key, decode_cursor, encode_cursor, Sort};
use serde::Deserialize;

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Params;
use crate::state::AppState;
use crate::views::{FacetCounts, SearchHit, SearchPage};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/search", get(search))
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    cursor: Option<String>,
    format: Option<String>,
}

async fn search(
    State(state): State<AppState>,
    Params(params): Params<SearchQuery>,
) -> ApiResult<Response> {
    let query = params
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::BadQuery,
                "the parameter q (the query) is missing",
            )
        })?
        .to_owned();
    if super::wants_csv(params.format.as_deref())? {
        return crate::csv::export(&state, query, Sort::Relevance, "search.csv").await;
    }
    let key = cursor_key(&query, Sort::Relevance);
    let offset = match &params.cursor {
        Some(cursor) => decode_cursor(cursor, &key)?,
        None => 0,
    };
    let limit = listing::page_size(params.limit);
    let for_page = query.clone();
    let page = state
        .read(move |reader| {
            Ok(listing::page(
                reader,
                &for_page,
                Sort::Relevance,
                offset,
                limit,
            )?)
        })
        .await?;
    Ok(Json(SearchPage {
        total: page.total,
        hits: page.hits.iter().map(SearchHit::of).collect(),
        facets: FacetCounts::of(&page.facets),
        next_cursor: page.next_offset.map(|next| encode_cursor(next, &key)),
        query,
    })
    .into_response())
}
