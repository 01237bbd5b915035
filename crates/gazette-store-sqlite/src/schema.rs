//! The SQLite schema and its migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`: 0 for a new file,
//! `n` once the first `n` steps of [`MIGRATIONS`] are applied. Opening a
//! database applies the missing steps, all in one transaction with the
//! version bump, so a database is never left between two versions. A
//! database whose version is above [`SCHEMA_VERSION`] was written by a newer
//! `gazette`: it is refused with [`StoreError::SchemaTooNew`] and not
//! touched.
//!
//! A step, once released, is never edited: a change to the schema is a new
//! step at the end of the list.
//!
//! ## Version 1
//!
//! - `issues`: one row per ingested file, unique by `hash` (SHA-256 of the
//!   bytes); `issue_sources` beside it holds the bytes and the decoded text
//!   as published, so that listing issues never reads them. The text is
//!   stored as UTF-8 in a BLOB (so that `substr` counts bytes, as spans
//!   do), and is NULL when it equals the bytes (UTF-8 without BOM), which
//!   halves the space of the usual file.
//! - `documents`: one row per document *identity*: its `id`, the `key` it
//!   was derived from (the 发文字号 or `issue-hash:ordinal`) and its `slug`.
//!   Identities are never deleted, so ids, slugs and status histories
//!   survive a reindex.
//! - `versions`: every printing of a document: the issue and the place in
//!   it, the [`gazette_model::Document`] as JSON, the span of its own text
//!   in the issue text, and columns for lookups (number, date, title,
//!   type). The document's text is cut from the on reading, not
//!   stored twice: ingest writes less, and the text as published lives in
//!   one place. The view `current_versions` keeps the latest version of
//!   each document.
//! - `status_changes`: the append-only validity history, in recording order.
//! - `changes`: the change sequence that derived data (the search index)
//!   catches up from; `seq` only grows.
//!
//! ## Version 2
//!
//! - `corrections`: corrections of parsed fields (title, date, 发文字号 …)
//!   beside the document, in recording order, with the value as parsed,
//!   who, when and why; the stored document is never changed by them.
//! - `api_tokens`: API tokens by name and scope, with the SHA-256 of the
//!   token (never the token); a revoked token keeps its row and gets
//!   `revoked_at`. A name is unique among tokens not revoked.
//! - `audit_log`: who did what to what, and when; append-only (triggers
//!   refuse UPDATE and DELETE).
//!
//! ## Version 3
//!
//! - `issue_extractions`: for an issue read from a PDF, the extraction
//!   report as JSON (each page's provenance: text layer, OCR with its
//!   confidence, or empty with a warning; file warnings; tool versions).
//!   The store keeps it as given and does not read inside it.
//!
//! ## Version 4
//!
//! - `store_meta`: facts about the store itself, by key; `store_id` is a
//!   random 128-bit identity (32 hex digits) made when the table is, which
//!   derived indexes record to know which store they were built from.
//!
//! ## Version 5
//!
//! - `issue_publications`: an issue as published (its gazette, year, 期号,
//!   总期号, date, where each value came from), as the JSON of
//!   [`gazette_model::IssuePublication`], with the gazette's slug, the year
//!   and the number as columns for lookups.
//!
//! ## Version 6
//!
//! - `issue_sources.packed`: 1 when `bytes` and `text` are kept compressed
//!   in independent blocks (see `blocks`), 0 (the rows of older versions)
//!   when they are kept as they are. Both forms are read.

use gazette_store::{check_schema_not_too_new, StoreError, SCHEMA_VERSION};
use rusqlite::{Connection, TransactionBehavior};

use crate::SqlResult as Result;

/// The migration steps, in order; step `i` brings the schema to version
/// `i + 1`. The same steps as every backend's.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6];

// Every backend reaches the same schema version.
const _: () = assert!(MIGRATIONS.len() as i64 == SCHEMA_VERSION);

const V1: &str = "
CREATE TABLE issues (
    id          INTEGER PRIMARY KEY,
    hash        TEXT    NOT NULL UNIQUE,
    file_name   TEXT    NOT NULL,
    encoding    TEXT    NOT NULL,
    ingested_at TEXT    NOT NULL,
    byte_len    INTEGER NOT NULL
);

CREATE TABLE issue_sources (
    issue_id INTEGER PRIMARY KEY REFERENCES issues(id),
    bytes    BLOB NOT NULL,
    text     BLOB
);

CREATE TABLE documents (
    id   TEXT PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE versions (
    document_id TEXT    NOT NULL REFERENCES documents(id),
    version     INTEGER NOT NULL,
    issue_id    INTEGER NOT NULL REFERENCES issues(id),
    ordinal     INTEGER NOT NULL,
    doc_number  TEXT,
    title       TEXT    NOT NULL,
    date        TEXT,
    doc_type    TEXT,
    json        TEXT    NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    PRIMARY KEY (document_id, version),
    UNIQUE (issue_id, ordinal)
);
CREATE INDEX versions_doc_number ON versions(doc_number);
CREATE INDEX versions_date ON versions(date);

CREATE VIEW current_versions AS
    SELECT v.* FROM versions v
    WHERE v.version = (SELECT MAX(w.version) FROM versions w WHERE w.document_id = v.document_id);

CREATE TABLE status_changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL REFERENCES documents(id),
    status      TEXT NOT NULL,
    effective   TEXT NOT NULL,
    reason      TEXT,
    by_document TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX status_changes_document ON status_changes(document_id, seq);

CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL REFERENCES documents(id),
    kind        TEXT NOT NULL
);
";

const V2: &str = "
CREATE TABLE corrections (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL REFERENCES documents(id),
    field       TEXT NOT NULL,
    original    TEXT,
    corrected   TEXT NOT NULL,
    reason      TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX corrections_document ON corrections(document_id, seq);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE UNIQUE INDEX api_tokens_valid_name ON api_tokens(name) WHERE revoked_at IS NULL;

CREATE TABLE audit_log (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
";

const V3: &str = "
CREATE TABLE issue_extractions (
    issue_id INTEGER PRIMARY KEY REFERENCES issues(id),
    report   TEXT NOT NULL
);
";

const V4: &str = "
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
";

const V5: &str = "
CREATE TABLE issue_publications (
    issue_id     INTEGER PRIMARY KEY REFERENCES issues(id),
    gazette_slug TEXT    NOT NULL,
    year         INTEGER,
    number       INTEGER,
    json         TEXT    NOT NULL
);
CREATE INDEX issue_publications_gazette ON issue_publications(gazette_slug, year, number);
";

const V6: &str = "
ALTER TABLE issue_sources ADD COLUMN packed INTEGER NOT NULL DEFAULT 0;
";

/// The schema version of the database behind `conn`.
pub(crate) fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Brings the database up to [`SCHEMA_VERSION`] in one transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    if version(conn)? == SCHEMA_VERSION {
        return Ok(());
    }
    // IMMEDIATE: two processes opening a new archive at once must not both
    // start applying the same steps.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    check_schema_not_too_new(found)?;
    let applied = usize::try_from(found)
        .map_err(|_| StoreError::Corrupt(format!("negative schema version {found}")))?;
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
            .expect("query sqlite_master");
        stmt.query_map([], |row| row.get(0))
            .expect("run query")
            .collect::<rusqlite::Result<_>>()
            .expect("read names")
    }

    #[test]
    fn a_new_database_gets_every_step_and_the_current_version() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut conn).expect("migrate");
        assert_eq!(version(&conn).expect("version"), SCHEMA_VERSION);
        assert_eq!(
            table_names(&conn),
            [
                "api_tokens",
                "audit_log",
                "changes",
                "corrections",
                "current_versions",
                "documents",
                "issue_extractions",
                "issue_publications",
                "issue_sources",
                "issues",
                "sqlite_sequence",
                "status_changes",
                "store_meta",
                "versions"
            ]
        );
    }

    #[test]
    fn a_version_1_database_is_brought_to_the_current_version_with_its_rows() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        conn.execute_batch(V1).expect("version 1 schema");
        conn.pragma_update(None, "user_version", 1)
            .expect("set version 1");
        conn.execute(
            "INSERT INTO documents (id, key, slug) VALUES ('d1', 'k', 's')",
            [],
        )
        .expect("a row of version 1");
        migrate(&mut conn).expect("migrate");
        assert_eq!(version(&conn).expect("version"), SCHEMA_VERSION);
        let documents: i64 = conn
            .query_row("SELECT COUNT(*) FROM documents", [], |row| row.get(0))
            .expect("count");
        assert_eq!(documents, 1);
        assert!(table_names(&conn).contains(&"audit_log".to_owned()));
    }

    #[test]
    fn the_audit_log_refuses_updates_and_deletes() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut conn).expect("migrate");
        conn.execute(
            "INSERT INTO audit_log (at, actor, action, target) VALUES ('t', 'a', 'ingest', '1')",
            [],
        )
        .expect("append");
        assert!(conn
            .execute("UPDATE audit_log SET actor = 'someone else'", [])
            .is_err());
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
        let rows: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit_log WHERE actor = 'a'",
                [],
                |row| row.get(0),
            )
            .expect("count");
        assert_eq!(rows, 1);
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut conn).expect("first");
        migrate(&mut conn).expect("second");
        assert_eq!(version(&conn).expect("version"), SCHEMA_VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("set version");
        let error = StoreError::from(migrate(&mut conn).expect_err("newer schema"));
        assert!(matches!(
            error,
            StoreError::SchemaTooNew { found, supported }
                if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION
        ));
        assert!(error.to_string().contains("written by a newer gazette"));
        assert_eq!(version(&conn).expect("version"), SCHEMA_VERSION + 1);
        assert!(table_names(&conn).is_empty());
    }
}
