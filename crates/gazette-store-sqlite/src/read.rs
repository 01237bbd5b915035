//! The reads of the SQLite store: rows → records.
//!
//! Rows are read into plain values first and turned into records after the
//! query by `gazette_store::rows` (as every backend does), so JSON and code
//! errors come out as [`StoreError`]s rather than as SQLite conversion
//! errors.

use chrono::NaiveDate;
use gazette_model::StatusChange;
use gazette_store::rows::{self, StatusRow};
use gazette_store::{Change, Counts, DocumentRecord, IssueRecord, IssueSource, StoreError};
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Params, Row};

use crate::SqlResult as Result;

/// The columns of a document record, from `documents d` joined to
/// `versions v` (or `current_versions v`): the document's span, which
/// column of `issue_sources` holds the issue text (`text`, or `bytes` when
/// the bytes are the text; bit 0) and whether it is packed in blocks
/// (bit 1). The slice itself is read by [`text_slice`].
const DOCUMENT_COLUMNS: &str = "d.id, d.slug, v.issue_id, v.ordinal, v.version, v.json, \
     v.span_start, v.span_end, \
     (SELECT (s.text IS NULL) | (s.packed << 1) FROM issue_sources s \
      WHERE s.issue_id = v.issue_id)";

/// Every version, joined to its identity.
const ALL_VERSIONS: &str = "versions v JOIN documents d ON d.id = v.document_id";

/// The current version of each document, joined to its identity.
const CURRENT_VERSIONS: &str = "current_versions v JOIN documents d ON d.id = v.document_id";

/// The columns of an issue record, from `issues i`.
const ISSUE_COLUMNS: &str = "i.id, i.hash, i.file_name, i.encoding, i.ingested_at, i.byte_len, \
     (SELECT COUNT(*) FROM versions v WHERE v.issue_id = i.id), \
     (SELECT p.json FROM issue_publications p WHERE p.issue_id = i.id)";

/// A document row before its JSON is read and its status computed.
struct DocumentRow {
    id: String,
    slug: String,
    issue_id: i64,
    ordinal: usize,
    version: u32,
    json: crate::packed::Packed,
    span_start: usize,
    span_end: usize,
    text_in_bytes: bool,
    text_packed: bool,
}

pub(super) fn issues(conn: &Connection) -> Result<Vec<IssueRecord>> {
    let sql = format!("SELECT {ISSUE_COLUMNS} FROM issues i ORDER BY i.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], issue_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn issue(conn: &Connection, issue_id: i64) -> Result<Option<IssueRecord>> {
    let sql = format!("SELECT {ISSUE_COLUMNS} FROM issues i WHERE i.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([issue_id], issue_row)
        .optional()?)
}

pub(super) fn issue_source(conn: &Connection, issue_id: i64) -> Result<Option<IssueSource>> {
    let row: Option<(Vec<u8>, Option<Vec<u8>>, bool)> = conn
        .prepare_cached("SELECT bytes, text, packed FROM issue_sources WHERE issue_id = ?1")?
        .query_row([issue_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?;
    let Some((mut bytes, mut text, packed)) = row else {
        return Ok(None);
    };
    if packed {
        let unpacking = |e: std::io::Error| {
            StoreError::Corrupt(format!(
                "the source of issue {issue_id} does not unpack: {e}"
            ))
        };
        bytes = crate::blocks::unpack(&bytes).map_err(unpacking)?;
        text = text
            .map(|t| crate::blocks::unpack(&t))
            .transpose()
            .map_err(unpacking)?;
    }
    // Stored without text when the bytes are the text.
    let text = rows::issue_text(issue_id, &bytes, text)?;
    Ok(Some(IssueSource { bytes, text }))
}

pub(super) fn extraction_report(conn: &Connection, issue_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT report FROM issue_extractions WHERE issue_id = ?1")?
        .query_row([issue_id], |row| row.get(0))
        .optional()?)
}

pub(super) fn issue_documents(
    conn: &Connection,
    issue_id: i64,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {ALL_VERSIONS} WHERE v.issue_id = ?1 ORDER BY v.ordinal"
    );
    documents_where(conn, &sql, [issue_id], today)
}

/// The first and last `date` of an issue's versions (the column holds the
/// document's date as `YYYY-MM-DD`, so text order is date order).
pub(super) fn issue_date_range(
    conn: &Connection,
    issue_id: i64,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let (first, last): (Option<String>, Option<String>) = conn
        .prepare_cached("SELECT MIN(date), MAX(date) FROM versions WHERE issue_id = ?1")?
        .query_row([issue_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows::date_range(issue_id, first, last)?)
}

pub(super) fn document(
    conn: &Connection,
    key: &str,
    today: NaiveDate,
) -> Result<Option<DocumentRecord>> {
    let sql =
        format!("SELECT {DOCUMENT_COLUMNS} FROM {CURRENT_VERSIONS} WHERE d.id = ?1 OR d.slug = ?1");
    Ok(documents_where(conn, &sql, [key], today)?
        .into_iter()
        .next())
}

pub(super) fn document_versions(
    conn: &Connection,
    key: &str,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {ALL_VERSIONS} WHERE d.id = ?1 OR d.slug = ?1 \
         ORDER BY v.version"
    );
    documents_where(conn, &sql, [key], today)
}

pub(super) fn version_count(conn: &Connection, key: &str) -> Result<usize> {
    let count: i64 = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM {ALL_VERSIONS} WHERE d.id = ?1 OR d.slug = ?1"
        ))?
        .query_row([key], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

pub(super) fn documents(conn: &Connection, today: NaiveDate) -> Result<Vec<DocumentRecord>> {
    // NULL sorts lowest in SQLite, so undated documents come last.
    let sql =
        format!("SELECT {DOCUMENT_COLUMNS} FROM {CURRENT_VERSIONS} ORDER BY v.date DESC, d.id");
    documents_where(conn, &sql, [], today)
}

pub(super) fn find_by_number(
    conn: &Connection,
    number: &str,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let normalised = gazette_model::DocNumber::normal_or_trimmed(number);
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {CURRENT_VERSIONS} WHERE v.doc_number = ?1 ORDER BY d.id"
    );
    documents_where(conn, &sql, [normalised], today)
}

pub(super) fn status_history(conn: &Connection, key: &str) -> Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, effective, reason, by_document, recorded_by, recorded_at \
         FROM status_changes \
         WHERE document_id = (SELECT id FROM documents WHERE id = ?1 OR slug = ?1) \
         ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([key], status_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(rows::status_change)
        .collect::<gazette_store::Result<_>>()?)
}

/// The id of the document with this id or slug.
pub(super) fn resolve_id(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE id = ?1 OR slug = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

/// The slug of the document `id`, without reading the document.
pub(super) fn slug(conn: &Connection, id: &str) -> Result<Option<String>> {
    let mut statement = conn.prepare_cached("SELECT slug FROM documents WHERE id = ?1")?;
    Ok(statement.query_row([id], |row| row.get(0)).optional()?)
}

pub(super) fn store_id(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT value FROM store_meta WHERE key = 'store_id'")?
        .query_row([], |row| row.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt("the store has no store_id".to_owned()))?)
}

pub(super) fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM changes")?
        .query_row([], |row| row.get(0))?)
}

pub(super) fn changes_since(conn: &Connection, seq: i64) -> Result<Vec<Change>> {
    let mut stmt = conn
        .prepare_cached("SELECT seq, document_id, kind FROM changes WHERE seq > ?1 ORDER BY seq")?;
    let rows = stmt
        .query_map([seq], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get::<_, String>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(seq, document_id, kind): (i64, String, String)| {
            rows::change(seq, document_id, &kind)
        })
        .collect::<gazette_store::Result<_>>()?)
}

pub(super) fn counts(conn: &Connection) -> Result<Counts> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT COUNT(*) FROM issues), \
                    (SELECT COUNT(DISTINCT document_id) FROM versions), \
                    (SELECT COUNT(*) FROM versions)",
        )?
        .query_row(params![], |row| {
            Ok(Counts {
                issues: unsigned(row, 0)?,
                documents: unsigned(row, 1)?,
                versions: unsigned(row, 2)?,
            })
        })?)
}

/// Runs a query selecting [`DOCUMENT_COLUMNS`] and completes the records.
fn documents_where(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let found = conn
        .prepare_cached(sql)?
        .query_map(params, document_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut complete = Vec::with_capacity(found.len());
    for row in found {
        let text = text_slice(conn, &row)?;
        let json = crate::packed::unpack(row.json, &text).map_err(|e| {
            StoreError::Corrupt(format!(
                "the JSON of document {} does not unpack: {e}",
                row.id
            ))
        })?;
        complete.push(rows::DocumentRow {
            id: row.id,
            slug: row.slug,
            issue_id: row.issue_id,
            ordinal: row.ordinal,
            version: row.version,
            json,
            text,
        });
    }
    Ok(rows::document_records(complete, today, |id| {
        Ok(status_history(conn, id)?)
    })?)
}

/// A document's own slice of its issue text, read from the stored BLOB
/// without loading the rest of it (an issue's text is many times a
/// document's).
fn text_slice(conn: &Connection, row: &DocumentRow) -> Result<Vec<u8>> {
    let column = if row.text_in_bytes { "bytes" } else { "text" };
    let blob = conn.blob_open("main", "issue_sources", column, row.issue_id, true)?;
    let len = rows::span_len(&row.id, row.span_start, row.span_end)?;
    if row.text_packed {
        let read = |offset: usize, buf: &mut [u8]| {
            blob.read_at_exact(buf, offset)
                .map_err(|e| std::io::Error::other(e.to_string()))
        };
        return crate::blocks::range(read, row.span_start, row.span_start + len).map_err(|e| {
            StoreError::Corrupt(format!(
                "the text of document {} does not unpack: {e}",
                row.id
            ))
            .into()
        });
    }
    let mut slice = vec![0; len];
    blob.read_at_exact(&mut slice, row.span_start)?;
    Ok(slice)
}

fn document_row(row: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: row.get(0)?,
        slug: row.get(1)?,
        issue_id: row.get(2)?,
        ordinal: unsigned(row, 3)?,
        version: row.get(4)?,
        json: document_json(row.get_ref(5)?)?,
        span_start: unsigned(row, 6)?,
        span_end: unsigned(row, 7)?,
        text_in_bytes: row.get::<_, i64>(8)? & 1 == 1,
        text_packed: row.get::<_, i64>(8)? & 2 == 2,
    })
}

/// A document's `versions.json` value, unpacked once its text is read
/// (see `packed`).
fn document_json(value: rusqlite::types::ValueRef<'_>) -> rusqlite::Result<crate::packed::Packed> {
    let kind = value.data_type();
    crate::packed::Packed::read(value)
        .ok_or_else(|| rusqlite::Error::InvalidColumnType(5, "json".to_owned(), kind))
}

fn issue_row(row: &Row<'_>) -> rusqlite::Result<IssueRecord> {
    let id = row.get(0)?;
    let json: Option<String> = row.get(7)?;
    let publication = gazette_store::rows::publication(id, json.as_deref()).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(IssueRecord {
        id,
        publication,
        hash: row.get(1)?,
        file_name: row.get(2)?,
        encoding: row.get(3)?,
        ingested_at: row.get(4)?,
        bytes: unsigned(row, 5)?,
        documents: unsigned(row, 6)?,
    })
}

fn status_row(row: &Row<'_>) -> rusqlite::Result<StatusRow> {
    Ok(StatusRow {
        status: row.get(0)?,
        effective: row.get(1)?,
        reason: row.get(2)?,
        by_document: row.get(3)?,
        recorded_by: row.get(4)?,
        recorded_at: row.get(5)?,
    })
}

/// Column `index` as a `usize`: counts, sizes and ordinals are never negative.
fn unsigned(row: &Row<'_>, index: usize) -> rusqlite::Result<usize> {
    let value: i64 = row.get(index)?;
    usize::try_from(value).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, Type::Integer, Box::new(error))
    })
}
