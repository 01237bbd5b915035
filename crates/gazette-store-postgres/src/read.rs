//! The reads of the PostgreSQL store: rows → records.
//!
//! Rows are read into plain values and completed by `gazette_store::rows`,
//! as in every backend. A document's text is cut out of its issue's text
//! by the server (`substring` of the BYTEA, counted in bytes as spans
//! are), so a read never carries the whole issue text.

use std::time::Duration;

use chrono::NaiveDate;
use gazette_model::StatusChange;
use gazette_store::rows::{self, DocumentRow, StatusRow};
use gazette_store::{
    AuditEntry, Change, Correction, Counts, DocumentRecord, IssueRecord, IssueSource, StoreError,
    TokenRecord,
};
use postgres::fallible_iterator::FallibleIterator as _;
use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row};

use crate::PgResult as Result;
use crate::CHANGES_CHANNEL;

/// The columns of a document record, from `documents d` joined to
/// `versions v` (or `current_versions v`), the slice of the issue text
/// included.
const DOCUMENT_COLUMNS: &str = "d.id, d.slug, v.issue_id, v.ordinal, v.version, v.json, \
     v.span_start, v.span_end, \
     (SELECT substring(COALESCE(s.text, s.bytes) FROM (v.span_start + 1)::int \
                       FOR GREATEST(v.span_end - v.span_start, 0)::int) \
      FROM issue_sources s WHERE s.issue_id = v.issue_id)";

/// Every version, joined to its identity.
const ALL_VERSIONS: &str = "versions v JOIN documents d ON d.id = v.document_id";

/// The current version of each document, joined to its identity.
const CURRENT_VERSIONS: &str = "current_versions v JOIN documents d ON d.id = v.document_id";

/// The columns of an issue record, from `issues i`.
const ISSUE_COLUMNS: &str = "i.id, i.hash, i.file_name, i.encoding, i.ingested_at, i.byte_len, \
     (SELECT COUNT(*) FROM versions v WHERE v.issue_id = i.id), \
     (SELECT p.json FROM issue_publications p WHERE p.issue_id = i.id)";

pub(crate) fn issues(client: &mut impl GenericClient) -> Result<Vec<IssueRecord>> {
    let sql = format!("SELECT {ISSUE_COLUMNS} FROM issues i ORDER BY i.id");
    client.query(&sql, &[])?.iter().map(issue_row).collect()
}

pub(crate) fn issue(client: &mut impl GenericClient, issue_id: i64) -> Result<Option<IssueRecord>> {
    let sql = format!("SELECT {ISSUE_COLUMNS} FROM issues i WHERE i.id = $1");
    client
        .query_opt(&sql, &[&issue_id])?
        .as_ref()
        .map(issue_row)
        .transpose()
}

pub(crate) fn issue_source(
    client: &mut impl GenericClient,
    issue_id: i64,
) -> Result<Option<IssueSource>> {
    let Some(row) = client.query_opt(
        "SELECT bytes, text FROM issue_sources WHERE issue_id = $1",
        &[&issue_id],
    )?
    else {
        return Ok(None);
    };
    let bytes: Vec<u8> = row.try_get(0)?;
    let text: Option<Vec<u8>> = row.try_get(1)?;
    let text = rows::issue_text(issue_id, &bytes, text)?;
    Ok(Some(IssueSource { bytes, text }))
}

pub(crate) fn extraction_report(
    client: &mut impl GenericClient,
    issue_id: i64,
) -> Result<Option<String>> {
    let row = client.query_opt(
        "SELECT report FROM issue_extractions WHERE issue_id = $1",
        &[&issue_id],
    )?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub(crate) fn issue_documents(
    client: &mut impl GenericClient,
    issue_id: i64,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {ALL_VERSIONS} WHERE v.issue_id = $1 ORDER BY v.ordinal"
    );
    documents_where(client, &sql, &[&issue_id], today)
}

pub(crate) fn issue_date_range(
    client: &mut impl GenericClient,
    issue_id: i64,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let row = client.query_one(
        "SELECT MIN(date), MAX(date) FROM versions WHERE issue_id = $1",
        &[&issue_id],
    )?;
    let first: Option<NaiveDate> = row.try_get(0)?;
    let last: Option<NaiveDate> = row.try_get(1)?;
    Ok(first.zip(last))
}

pub(crate) fn document(
    client: &mut impl GenericClient,
    key: &str,
    today: NaiveDate,
) -> Result<Option<DocumentRecord>> {
    let sql =
        format!("SELECT {DOCUMENT_COLUMNS} FROM {CURRENT_VERSIONS} WHERE d.id = $1 OR d.slug = $1");
    Ok(documents_where(client, &sql, &[&key], today)?
        .into_iter()
        .next())
}

pub(crate) fn document_versions(
    client: &mut impl GenericClient,
    key: &str,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {ALL_VERSIONS} WHERE d.id = $1 OR d.slug = $1 \
         ORDER BY v.version"
    );
    documents_where(client, &sql, &[&key], today)
}

pub(crate) fn version_count(client: &mut impl GenericClient, key: &str) -> Result<usize> {
    let sql = format!("SELECT COUNT(*) FROM {ALL_VERSIONS} WHERE d.id = $1 OR d.slug = $1");
    let count: i64 = client.query_one(&sql, &[&key])?.try_get(0)?;
    Ok(rows::unsigned("a version count", count)?)
}

pub(crate) fn documents(
    client: &mut impl GenericClient,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    // As in SQLite: the undated last.
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {CURRENT_VERSIONS} \
         ORDER BY v.date DESC NULLS LAST, d.id"
    );
    documents_where(client, &sql, &[], today)
}

pub(crate) fn find_by_number(
    client: &mut impl GenericClient,
    number: &str,
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let normalised = gazette_model::DocNumber::normal_or_trimmed(number);
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM {CURRENT_VERSIONS} WHERE v.doc_number = $1 ORDER BY d.id"
    );
    documents_where(client, &sql, &[&normalised], today)
}

pub(crate) fn status_history(
    client: &mut impl GenericClient,
    key: &str,
) -> Result<Vec<StatusChange>> {
    let found = client.query(
        "SELECT status, effective, reason, by_document, recorded_by, recorded_at \
         FROM status_changes \
         WHERE document_id = (SELECT id FROM documents WHERE id = $1 OR slug = $1) \
         ORDER BY seq",
        &[&key],
    )?;
    found
        .iter()
        .map(|row| {
            Ok(rows::status_change(StatusRow {
                status: row.try_get(0)?,
                effective: row.try_get(1)?,
                reason: row.try_get(2)?,
                by_document: row.try_get(3)?,
                recorded_by: row.try_get(4)?,
                recorded_at: row.try_get(5)?,
            })?)
        })
        .collect()
}

/// The id of the document with this id or slug.
pub(crate) fn resolve_id(client: &mut impl GenericClient, key: &str) -> Result<Option<String>> {
    let row = client.query_opt(
        "SELECT id FROM documents WHERE id = $1 OR slug = $1",
        &[&key],
    )?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub(crate) fn slug(client: &mut impl GenericClient, id: &str) -> Result<Option<String>> {
    let row = client.query_opt("SELECT slug FROM documents WHERE id = $1", &[&id])?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub(crate) fn store_id(client: &mut impl GenericClient) -> Result<String> {
    let row = client.query_opt("SELECT value FROM store_meta WHERE key = 'store_id'", &[])?;
    match row {
        Some(row) => Ok(row.try_get(0)?),
        None => Err(StoreError::Corrupt("the store has no store_id".to_owned()).into()),
    }
}

pub(crate) fn last_seq(client: &mut impl GenericClient) -> Result<i64> {
    Ok(client
        .query_one("SELECT COALESCE(MAX(seq), 0)::bigint FROM changes", &[])?
        .try_get(0)?)
}

/// Waits for a change past `seq`, told by the notification every write
/// transaction that changes the sequence sends at its commit; see
/// [`gazette_store::Store::wait_for_change`]. `LISTEN` is sent at every
/// wait, so that a connection made again after a loss listens too (it is
/// a no-op on a connection that already listens).
pub(crate) fn wait_for_change(client: &mut Client, seq: i64, timeout: Duration) -> Result<i64> {
    client.batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))?;
    // Notifications of commits already seen or about to be read below.
    while client.notifications().iter().next()?.is_some() {}
    let last = last_seq(client)?;
    if last > seq {
        return Ok(last);
    }
    client.notifications().timeout_iter(timeout).next()?;
    last_seq(client)
}

pub(crate) fn changes_since(client: &mut impl GenericClient, seq: i64) -> Result<Vec<Change>> {
    let found = client.query(
        "SELECT seq, document_id, kind FROM changes WHERE seq > $1 ORDER BY seq",
        &[&seq],
    )?;
    found
        .iter()
        .map(|row| {
            let kind: String = row.try_get(2)?;
            Ok(rows::change(row.try_get(0)?, row.try_get(1)?, &kind)?)
        })
        .collect()
}

pub(crate) fn counts(client: &mut impl GenericClient) -> Result<Counts> {
    let row = client.query_one(
        "SELECT (SELECT COUNT(*) FROM issues), \
                (SELECT COUNT(DISTINCT document_id) FROM versions), \
                (SELECT COUNT(*) FROM versions)",
        &[],
    )?;
    Ok(Counts {
        issues: rows::unsigned("the issue count", row.try_get(0)?)?,
        documents: rows::unsigned("the document count", row.try_get(1)?)?,
        versions: rows::unsigned("the version count", row.try_get(2)?)?,
    })
}

pub(crate) fn corrections(client: &mut impl GenericClient, key: &str) -> Result<Vec<Correction>> {
    let found = client.query(
        "SELECT field, original, corrected, reason, recorded_by, recorded_at FROM corrections \
         WHERE document_id = (SELECT id FROM documents WHERE id = $1 OR slug = $1) \
         ORDER BY seq",
        &[&key],
    )?;
    found
        .iter()
        .map(|row| {
            Ok(Correction {
                field: row.try_get(0)?,
                original: row.try_get(1)?,
                corrected: row.try_get(2)?,
                reason: row.try_get(3)?,
                recorded_by: row.try_get(4)?,
                recorded_at: row.try_get(5)?,
            })
        })
        .collect()
}

pub(crate) fn tokens(client: &mut impl GenericClient) -> Result<Vec<TokenRecord>> {
    let found = client.query(
        "SELECT name, scope, created_at, revoked_at FROM api_tokens ORDER BY id",
        &[],
    )?;
    found.iter().map(token_row).collect()
}

pub(crate) fn token_by_hash(
    client: &mut impl GenericClient,
    hash: &str,
) -> Result<Option<TokenRecord>> {
    let row = client.query_opt(
        "SELECT name, scope, created_at, revoked_at FROM api_tokens WHERE hash = $1",
        &[&hash],
    )?;
    row.as_ref().map(token_row).transpose()
}

pub(crate) fn valid_tokens(client: &mut impl GenericClient) -> Result<Vec<(String, TokenRecord)>> {
    let found = client.query(
        "SELECT name, scope, created_at, revoked_at, hash FROM api_tokens \
         WHERE revoked_at IS NULL ORDER BY id",
        &[],
    )?;
    found
        .iter()
        .map(|row| Ok((row.try_get(4)?, token_row(row)?)))
        .collect()
}

/// See [`gazette_store::Store::tokens_version`]: tokens are never deleted,
/// so the rows plus the revoked rows grow with every addition and
/// revocation.
pub(crate) fn tokens_version(client: &mut impl GenericClient) -> Result<i64> {
    Ok(client
        .query_one("SELECT COUNT(*) + COUNT(revoked_at) FROM api_tokens", &[])?
        .try_get(0)?)
}

pub(crate) fn audit_log(
    client: &mut impl GenericClient,
    after: i64,
    limit: usize,
) -> Result<Vec<AuditEntry>> {
    let found = client.query(
        "SELECT seq, at, actor, action, target, detail FROM audit_log \
         WHERE seq > $1 ORDER BY seq LIMIT $2",
        &[&after, &rows::sql_int(limit)],
    )?;
    found
        .iter()
        .map(|row| {
            Ok(rows::audit_entry(
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
                row.try_get(4)?,
                row.try_get(5)?,
            )?)
        })
        .collect()
}

/// Runs a query selecting [`DOCUMENT_COLUMNS`] and completes the records.
fn documents_where(
    client: &mut impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
    today: NaiveDate,
) -> Result<Vec<DocumentRecord>> {
    let found = client.query(sql, params)?;
    let mut complete = Vec::with_capacity(found.len());
    for row in &found {
        let id: String = row.try_get(0)?;
        let start = rows::unsigned("a span start", row.try_get(6)?)?;
        let end = rows::unsigned("a span end", row.try_get(7)?)?;
        rows::span_len(&id, start, end)?;
        let text: Option<Vec<u8>> = row.try_get(8)?;
        let text = text.ok_or_else(|| {
            StoreError::Corrupt(format!("document {id}: its issue has no source"))
        })?;
        let version: i64 = row.try_get(4)?;
        complete.push(DocumentRow {
            slug: row.try_get(1)?,
            issue_id: row.try_get(2)?,
            ordinal: rows::unsigned("an ordinal", row.try_get(3)?)?,
            version: u32::try_from(version)
                .map_err(|_| StoreError::Corrupt(format!("document {id} has version {version}")))?,
            json: row.try_get(5)?,
            text,
            id,
        });
    }
    Ok(rows::document_records(complete, today, |id| {
        Ok(status_history(client, id)?)
    })?)
}

fn issue_row(row: &Row) -> Result<IssueRecord> {
    let id = row.try_get(0)?;
    let json: Option<String> = row.try_get(7)?;
    Ok(IssueRecord {
        publication: rows::publication(id, json.as_deref())?,
        id,
        hash: row.try_get(1)?,
        file_name: row.try_get(2)?,
        encoding: row.try_get(3)?,
        ingested_at: row.try_get(4)?,
        bytes: rows::unsigned("an issue's size", row.try_get(5)?)?,
        documents: rows::unsigned("an issue's document count", row.try_get(6)?)?,
    })
}

fn token_row(row: &Row) -> Result<TokenRecord> {
    let scope: String = row.try_get(1)?;
    Ok(rows::token_record(
        row.try_get(0)?,
        &scope,
        row.try_get(2)?,
        row.try_get(3)?,
    )?)
}
