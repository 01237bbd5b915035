//! The crate's error type.
//!
//! A [`SearchError::Query`] or [`SearchError::Cursor`] is the user's doing
//! and can be shown to them as it is; every other variant is an internal
//! failure (of the index files, of tantivy) to be logged, not sent.

use std::path::PathBuf;

/// Everything that can go wrong while indexing or searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query text is malformed: unclosed quote, unknown field, bad date …
    #[error("{message} (at character {position})")]
    Query {
        /// What is wrong, for a person.
        message: String,
        /// Where: a character (not byte) index into the query, from 0.
        position: usize,
    },
    /// The `after` cursor of [`SearchOptions`](crate::SearchOptions) was not
    /// made by a previous page of the same query.
    #[error("invalid cursor: {0}")]
    Cursor(String),
    /// The index directory could not be created or opened.
    #[error("cannot open the index directory {path}: {message}")]
    Directory {
        /// The directory.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// The index in the directory was made with another schema (by another
    /// version of this crate): delete it and rebuild.
    #[error("the index in {0} was made with another schema; delete it and reindex")]
    SchemaChanged(PathBuf),
    /// Another process (or another `SearchIndex` of this one) writes to the
    /// index: tantivy allows one writer per directory.
    #[error("the search index in {0} is in use by another gazette process (is `gazette serve` running? Upload through its API, or stop it first)")]
    Busy(PathBuf),
    /// A write to an index opened read-only.
    #[error("the search index was opened read-only")]
    ReadOnly,
    /// The commit payload does not hold what this crate writes there.
    #[error("unreadable index payload {0:?}")]
    Payload(String),
    /// An error of the search engine itself.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

impl SearchError {
    /// A query error at character `position`.
    pub(crate) fn query(message: impl Into<String>, position: usize) -> SearchError {
        SearchError::Query {
            message: message.into(),
            position,
        }
    }

    /// Whether the error is the user's (a bad query or cursor) rather than
    /// an internal failure.
    pub fn is_user_error(&self) -> bool {
        matches!(self, SearchError::Query { .. } | SearchError::Cursor(_))
    }
}

/// The crate's result type.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;
