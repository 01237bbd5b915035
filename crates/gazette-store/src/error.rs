//! The errors of the store.
//!
//! One enum for every backend. Apart from [`StoreError::NotFound`],
//! [`StoreError::Conflict`] and [`StoreError::BadSpan`], which a caller can
//! act on, they are internal
//! errors: to be logged, never shown to a client as they are.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a later version of `gazette` with a
    /// schema this binary does not know.
    #[error(
        "the archive has schema version {found}, but this gazette only knows versions up to \
         {supported}: it was written by a newer gazette, and this binary cannot open it \
         (upgrade gazette; the archive was left untouched)"
    )]
    SchemaTooNew {
        /// The schema version found in the database.
        found: i64,
        /// The newest schema version this binary knows ([`crate::SCHEMA_VERSION`]).
        supported: i64,
    },
    /// The database refused or failed an operation.
    #[error("SQLite: {0}")]
    Sqlite(rusqlite::Error),
    /// A document could not be written as JSON or read back from it.
    #[error("stored document JSON: {0}")]
    Json(serde_json::Error),
    /// No issue or document has this id (or slug).
    #[error("{0} not found")]
    NotFound(String),
    /// The record exists already (a token name in use).
    #[error("{0}")]
    Conflict(String),
    /// A document's span does not cut a slice out of the issue text, so its
    /// text as published cannot be stored.
    #[error(
        "document {ordinal} of the issue ({title}) has span {start}..{end}, which is not a \
         slice of the issue text ({len} bytes)"
    )]
    BadSpan {
        /// Position of the document in the issue, from 1.
        ordinal: usize,
        /// Its title.
        title: String,
        /// First byte of the span.
        start: usize,
        /// One past its last byte.
        end: usize,
        /// Length of the issue text.
        len: usize,
    },
    /// A file beside the database (a backup's) could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A stored value is not what this version of the store writes.
    #[error("corrupt archive: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether the database file itself is damaged: not an SQLite database,
    /// or one SQLite finds corrupt, or holding what this version does not
    /// write. A busy, locked, read-only or missing file is not damaged.
    pub fn is_damaged_file(&self) -> bool {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(error, _)) => matches!(
                error.code,
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
            ),
            StoreError::Corrupt(_) => true,
            _ => false,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Sqlite(error)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> StoreError {
        StoreError::Json(error)
    }
}

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
