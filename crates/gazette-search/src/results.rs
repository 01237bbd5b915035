//! What a search takes and gives: [`SearchOptions`], [`SearchResults`],
//! [`Hit`], [`Facets`], and the paging cursor.
//!
//! The cursor is an offset bound to the query it was made for: it says
//! "the page after the first N hits of this query". It is opaque to callers
//! but not stable across index changes — a document added between two
//! pages can shift the results by one, as with plain offsets.

use chrono::NaiveDate;
use gazette_model::{PageLimits, PageRange, Status};
use serde::Serialize;

use crate::error::{Result, SearchError};
use crate::snippet::Snippet;

/// Page size when [`SearchOptions::limit`] is 0.
pub const DEFAULT_LIMIT: usize = 20;
/// Largest page served.
pub const MAX_LIMIT: usize = 1000;

/// Which page of results to return.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SearchOptions {
    /// Hits per page; 0 means [`DEFAULT_LIMIT`], more than [`MAX_LIMIT`] is
    /// cut to it.
    pub limit: usize,
    /// Hits to skip; ignored when `after` is given.
    pub offset: usize,
    /// The `next_cursor` of the previous page of the same query.
    pub after: Option<String>,
}

/// One page of results with counts over all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many documents match, exactly.
    pub total: usize,
    /// The documents of this page, best first.
    pub hits: Vec<Hit>,
    /// Counts over all matching documents, not only this page.
    pub facets: Facets,
    /// Where the next page starts, `None` on the last page.
    pub next_cursor: Option<String>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The archive's id of the document.
    pub id: String,
    /// Its URL slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its 发文字号 in normal form.
    pub doc_number: Option<String>,
    /// Its date.
    pub date: Option<NaiveDate>,
    /// Its issuing bodies.
    pub issuer: Vec<String>,
    /// Its kind (通知, 意见 …).
    pub doc_type: Option<String>,
    /// Its validity status.
    pub status: Status,
    /// The pages it is printed on, for an issue read from a PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<PageRange>,
    /// The relevance score: BM25 of the query's words in the document;
    /// hits are ordered by tier first (number match, then title matches),
    /// then by this, then by date.
    pub score: f32,
    /// The excerpt around the first match in the body, its matches marked;
    /// `None` when no query text matches the body.
    pub snippet: Option<Snippet>,
    /// The section of the snippet.
    pub section_id: Option<String>,
    /// The heading path of the snippet's section.
    pub heading_path: Vec<String>,
    /// Whether a term of the query occurs in the title.
    pub title_match: bool,
}

/// Counts of matching documents by value, largest count first, then by
/// value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By year of the date.
    pub year: Vec<(String, u64)>,
    /// By issuer; a joint document counts once for each.
    pub issuer: Vec<(String, u64)>,
    /// By kind of document.
    pub doc_type: Vec<(String, u64)>,
    /// By status code (`in_force`, `repealed` …).
    pub status: Vec<(String, u64)>,
}

/// Sorts facet counts: largest count first, then by value.
pub(crate) fn sort_counts(counts: &mut [(String, u64)]) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

/// The page size for `options`.
pub(crate) fn limit(options: &SearchOptions) -> usize {
    PageLimits {
        default: DEFAULT_LIMIT,
        max: MAX_LIMIT,
    }
    .size(Some(options.limit))
}

/// The offset `options` ask for, from the cursor when there is one.
pub(crate) fn offset(options: &SearchOptions, query: &str) -> Result<usize> {
    match &options.after {
        None => Ok(options.offset),
        Some(cursor) => decode_cursor(cursor, query),
    }
}

fn decode_cursor(cursor: &str, query: &str) -> Result<usize> {
    gazette_model::decode_cursor(cursor, query).map_err(|why| SearchError::Cursor(why.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_gives_back_its_offset_for_its_query_only() {
        let cursor = gazette_model::encode_cursor(40, "社会保险");
        let options = SearchOptions {
            after: Some(cursor),
            offset: 7,
            ..SearchOptions::default()
        };
        assert_eq!(offset(&options, "社会保险").expect("valid cursor"), 40);
        assert!(matches!(
            offset(&options, "医疗保险"),
            Err(SearchError::Cursor(_))
        ));
        let garbage = SearchOptions {
            after: Some("zz".to_owned()),
            ..SearchOptions::default()
        };
        assert!(matches!(offset(&garbage, "a"), Err(SearchError::Cursor(_))));
    }

    #[test]
    fn limits() {
        assert_eq!(limit(&SearchOptions::default()), DEFAULT_LIMIT);
        let huge = SearchOptions {
            limit: 1_000_000,
            ..SearchOptions::default()
        };
        assert_eq!(limit(&huge), MAX_LIMIT);
    }

    #[test]
    fn counts_sort_by_count_then_value() {
        let mut counts = vec![
            ("b".to_owned(), 1),
            ("c".to_owned(), 2),
            ("a".to_owned(), 1),
        ];
        sort_counts(&mut counts);
        assert_eq!(
            counts,
            [
                ("c".to_owned(), 2),
                ("a".to_owned(), 1),
                ("b".to_owned(), 1)
            ]
        );
    }
}
