//! Lists and pages of documents, for both faces: the server's API, exports,
//! feeds and pages, and whatever list the CLI prints.
//!
//! A list is a search: its filters (year, dates, issuer, type, status,
//! unit) become a query of the search language (see
//! [`gazette_search::query`]), so a list and a search filter the same way
//! and count exactly. A query of filters only scores nothing, and the
//! search orders equal scores newest first, so a list comes newest first;
//! oldest first is the same order read from the end.
//!
//! Cursors are made here, not by the search crate: a cursor is an offset
//! bound to its query and order, and the offset is checked against the
//! number of documents before the index sees it (the index reserves memory
//! for offset + limit hits, so a forged cursor must not name a huge
//! offset). A malformed filter, order or cursor is an
//! [`InvalidInput`]. This module does not render anything.

use chrono::NaiveDate;
use gazette_model::Status;
use gazette_search::{Facets, Hit, SearchOptions, DEFAULT_LIMIT, MAX_LIMIT};
use serde::Deserialize;

pub use crate::input::day;
use crate::input::InvalidInput;
use crate::{ArchiveReader, Result};

/// A query every document matches: each has exactly one status.
pub fn match_all() -> String {
    let statuses: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("status:{}", s.code()))
        .collect();
    format!("({})", statuses.join(" OR "))
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (searches).
    Relevance,
    /// Newest first, the undated last.
    DateDesc,
    /// Oldest first, the undated first.
    DateAsc,
}

impl Sort {
    /// Reads `sort=`: `date_desc` (default for lists), `date_asc`,
    /// `relevance`.
    pub fn parse(value: Option<&str>, default: Sort) -> Result<Sort, InvalidInput> {
        match value.map(str::trim) {
            None | Some("") => Ok(default),
            Some("relevance") => Ok(Sort::Relevance),
            Some("date_desc") => Ok(Sort::DateDesc),
            Some("date_asc") => Ok(Sort::DateAsc),
            Some(other) => Err(InvalidInput::Parameter(format!(
                "unknown sort “{other}”; one of relevance, date_desc, date_asc"
            ))),
        }
    }

    /// The order's name in requests.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::DateDesc => "date_desc",
            Sort::DateAsc => "date_asc",
        }
    }
}

/// The filters of `GET /api/v1/documents` and of the CSV export of a list.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Filters {
    /// `2019` or `2018..2019`.
    pub year: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// A part of an issuer's name.
    pub issuer: Option<String>,
    /// The kind of document, exactly.
    pub doc_type: Option<String>,
    /// A status code or label.
    pub status: Option<String>,
    /// A part of a 责任单位's name.
    pub unit: Option<String>,
}

impl Filters {
    /// The query of the search language these filters stand for; every
    /// document when there is none.
    pub fn query(&self) -> Result<String, InvalidInput> {
        let mut parts = Vec::new();
        if let Some(year) = given(&self.year) {
            parts.push(format!("year:{}", year_range(year)?));
        }
        let from = given(&self.from).map(|d| day("from", d)).transpose()?;
        let to = given(&self.to).map(|d| day("to", d)).transpose()?;
        if from.is_some() || to.is_some() {
            let side = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            parts.push(format!("date:{}..{}", side(from), side(to)));
        }
        for (field, value) in [
            ("issuer", &self.issuer),
            ("type", &self.doc_type),
            ("unit", &self.unit),
        ] {
            if let Some(value) = given(value) {
                parts.push(format!("{field}:{}", quoted(field, value)?));
            }
        }
        if let Some(status) = given(&self.status) {
            let status = Status::parse(status)
                .ok_or_else(|| InvalidInput::Parameter(format!("unknown status “{status}”")))?;
            parts.push(format!("status:{}", status.code()));
        }
        Ok(if parts.is_empty() {
            match_all()
        } else {
            parts.join(" ")
        })
    }
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn year_range(value: &str) -> Result<&str, InvalidInput> {
    let year = |y: &str| !y.is_empty() && y.len() <= 4 && y.bytes().all(|b| b.is_ascii_digit());
    let ok = match value.split_once("..") {
        Some((a, b)) => year(a) && year(b),
        None => year(value),
    };
    if ok {
        Ok(value)
    } else {
        Err(InvalidInput::Parameter(format!(
            "year “{value}” is not a year (2019) or a range (2018..2019)"
        )))
    }
}

fn quoted(field: &str, value: &str) -> Result<String, InvalidInput> {
    if value.contains('"') {
        return Err(InvalidInput::Parameter(format!(
            "{field} may not contain a double quote"
        )));
    }
    Ok(format!("\"{value}\""))
}

/// The page size asked for: the default when absent or 0, at most
/// [`MAX_LIMIT`].
pub fn page_size(limit: Option<usize>) -> usize {
    gazette_model::PageLimits {
        default: DEFAULT_LIMIT,
        max: MAX_LIMIT,
    }
    .size(limit)
}

/// What a cursor is bound to: the query and the order.
pub fn cursor_key(query: &str, sort: Sort) -> String {
    format!("{}|{query}", sort.code())
}

pub use gazette_model::encode_cursor;

/// The offset a cursor stands for; [`InvalidInput::Cursor`] when it is not
/// one, or was made for another query or order.
pub fn decode_cursor(cursor: &str, key: &str) -> Result<usize, InvalidInput> {
    gazette_model::decode_cursor(cursor, key)
        .map_err(|why| InvalidInput::Cursor(format!("invalid cursor: {why}")))
}

/// One page of a list or search.
#[derive(Debug, Clone)]
pub struct Page {
    /// Matching documents, exactly.
    pub total: usize,
    /// This page's documents.
    pub hits: Vec<Hit>,
    /// Counts over all matching documents.
    pub facets: Facets,
    /// Where the next page starts, `None` on the last.
    pub next_offset: Option<usize>,
}

/// The page of `query` in `sort` order that starts at `offset`.
pub fn page(
    reader: &ArchiveReader,
    query: &str,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> Result<Page> {
    let limit = page_size(Some(limit));
    // No page starts beyond the last document. Counting the documents is a
    // table scan, so the first page (offset 0, most requests) skips it.
    let offset = match offset {
        0 => 0,
        _ => offset.min(reader.counts()?.documents),
    };
    let (total, mut hits, facets) = match sort {
        Sort::Relevance | Sort::DateDesc => {
            let results = reader.search(query, &options(offset, limit))?;
            (results.total, results.hits, results.facets)
        }
        Sort::DateAsc => {
            let probe = reader.search(query, &options(0, 1))?;
            if offset >= probe.total {
                (probe.total, Vec::new(), probe.facets)
            } else {
                let end = probe.total - offset;
                let start = end.saturating_sub(limit);
                let mut results = reader.search(query, &options(start, end - start))?;
                results.hits.reverse();
                (results.total, results.hits, results.facets)
            }
        }
    };
    hits.truncate(limit);
    let next = offset + hits.len();
    Ok(Page {
        total,
        next_offset: (!hits.is_empty() && next < total).then_some(next),
        hits,
        facets,
    })
}

fn options(offset: usize, limit: usize) -> SearchOptions {
    SearchOptions {
        limit,
        offset,
        after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_a_query_and_none_match_everything() {
        assert_eq!(Filters::default().query().expect("no filter"), match_all());
        let filters = Filters {
            year: Some("2018..2019".into()),
            from: Some("2019-06-01".into()),
            issuer: Some("市政府".into()),
            doc_type: Some("通知".into()),
            status: Some("已废止".into()),
            unit: Some(" 市财政局 ".into()),
            ..Filters::default()
        };
        assert_eq!(
            filters.query().expect("valid"),
            "year:2018..2019 date:2019-06-01.. issuer:\"市政府\" type:\"通知\" unit:\"市财政局\" status:repealed"
        );
    }

    #[test]
    fn cursors_are_bound_to_their_key() {
        let key = cursor_key("社会保险", Sort::DateAsc);
        let cursor = encode_cursor(40, &key);
        assert_eq!(decode_cursor(&cursor, &key).expect("valid"), 40);
        let other = cursor_key("社会保险", Sort::DateDesc);
        assert!(decode_cursor(&cursor, &other).is_err());
        for garbage in [
            "",
            "x",
            "-",
            "40-",
            "40-zz",
            "-1-00",
            "99999999999999999999999-0",
        ] {
            assert!(decode_cursor(garbage, &key).is_err(), "{garbage}");
        }
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(page_size(None), DEFAULT_LIMIT);
        assert_eq!(page_size(Some(0)), DEFAULT_LIMIT);
        assert_eq!(page_size(Some(5)), 5);
        assert_eq!(page_size(Some(usize::MAX)), MAX_LIMIT);
    }
}
