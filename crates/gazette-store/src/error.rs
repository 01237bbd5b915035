//! The errors of the store.
//!
//! One enum for every backend, without any backend's types: a database's
//! own error is kept as the source of [`StoreError::Database`], with what a
//! caller needs to know of it ([`DatabaseFailure`]). Apart from
//! [`StoreError::NotFound`], [`StoreError::Conflict`] and
//! [`StoreError::BadSpan`], which a caller can act on, they are internal
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
    #[error("{backend}: {source}")]
    Database {
        /// The backend: `SQLite`, `PostgreSQL`.
        backend: &'static str,
        /// What kind of failure it is.
        failure: DatabaseFailure,
        /// The database client's own error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
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

/// What kind of database failure a [`StoreError::Database`] is, as far as
/// a caller acts on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseFailure {
    /// The database (file) itself is damaged: not a database, or one the
    /// backend finds corrupt.
    Damaged,
    /// The database cannot be reached now (server down, connection lost):
    /// trying again later may succeed.
    Unavailable,
    /// Anything else: a constraint, a busy file, a bad statement.
    Other,
}

impl StoreError {
    /// [`StoreError::Conflict`]: a token of this name exists already
    /// (token names are unique in every backend).
    pub fn token_exists(name: &str) -> StoreError {
        StoreError::Conflict(format!("a token named “{name}” already exists"))
    }

    /// A database failure of `backend` of the kind `failure`, caused by
    /// the client's error `source`.
    pub fn database(
        backend: &'static str,
        failure: DatabaseFailure,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> StoreError {
        StoreError::Database {
            backend,
            failure,
            source: source.into(),
        }
    }

    /// Whether the database file itself is damaged: not a database, or
    /// one the backend finds corrupt, or holding what this version does
    /// not write. A busy, locked, read-only or missing file is not damaged.
    pub fn is_damaged_file(&self) -> bool {
        matches!(
            self,
            StoreError::Database {
                failure: DatabaseFailure::Damaged,
                ..
            } | StoreError::Corrupt(_)
        )
    }

    /// Whether the database could not be reached (a server down, a
    /// connection lost): the same call may succeed later.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Database {
                failure: DatabaseFailure::Unavailable,
                ..
            }
        )
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> StoreError {
        StoreError::Json(error)
    }
}

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
