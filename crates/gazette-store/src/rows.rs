//! What every backend makes of the rows it reads: documents with their
//! status as of a day, status changes, tokens, changes and audit entries
//! from their stored codes and text. A backend reads its rows into plain
//! values with its own client and hands them here, so the records and the
//! errors for a stored value this version does not write are the same
//! whatever the database.

use std::collections::HashMap;

use chrono::NaiveDate;
use gazette_model::{status_as_of, Status, StatusChange};

use crate::admin::{AuditEntry, TokenRecord, TokenScope};
use crate::error::{Result, StoreError};
use crate::records::{Change, ChangeKind, DocumentRecord};

/// A stored version as read, before its JSON is read and its status
/// computed.
#[derive(Debug, Clone)]
pub struct DocumentRow {
    /// The document's id.
    pub id: String,
    /// Its slug.
    pub slug: String,
    /// The issue that prints this version.
    pub issue_id: i64,
    /// Its place in the issue, from 1.
    pub ordinal: usize,
    /// The version number.
    pub version: u32,
    /// The document as JSON.
    pub json: String,
    /// Its slice of the issue text, as stored (UTF-8 bytes).
    pub text: Vec<u8>,
}

/// A status change as stored, before its codes are read.
#[derive(Debug, Clone)]
pub struct StatusRow {
    /// The status code.
    pub status: String,
    /// The day it takes effect (`YYYY-MM-DD`).
    pub effective: String,
    /// Why.
    pub reason: Option<String>,
    /// The document that made it.
    pub by_document: Option<String>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: String,
}

/// The day statuses are computed for: `pinned`, else today in China.
pub fn status_day(pinned: Option<NaiveDate>) -> NaiveDate {
    pinned.unwrap_or_else(gazette_model::china_today)
}

/// The length of the span `start..end` of document `id`; fails on an
/// inverted span.
pub fn span_len(id: &str, start: usize, end: usize) -> Result<usize> {
    end.checked_sub(start)
        .ok_or_else(|| StoreError::Corrupt(format!("document {id} has an inverted span")))
}

/// Completes the rows into records, each with its status on `day` by its
/// history (read once per document with `history`).
pub fn document_records(
    rows: Vec<DocumentRow>,
    day: NaiveDate,
    mut history: impl FnMut(&str) -> Result<Vec<StatusChange>>,
) -> Result<Vec<DocumentRecord>> {
    let mut statuses: HashMap<String, Status> = HashMap::new();
    rows.into_iter()
        .map(|row| {
            let status = match statuses.get(&row.id) {
                Some(status) => *status,
                None => {
                    let status = status_as_of(&history(&row.id)?, day);
                    statuses.insert(row.id.clone(), status);
                    status
                }
            };
            let text = String::from_utf8(row.text).map_err(|_| {
                StoreError::Corrupt(format!("the text of document {} is not UTF-8", row.id))
            })?;
            Ok(DocumentRecord {
                document: serde_json::from_str(&row.json)?,
                id: row.id,
                slug: row.slug,
                issue_id: row.issue_id,
                ordinal: row.ordinal,
                version: row.version,
                text,
                status,
            })
        })
        .collect()
}

/// A status change from its stored row.
pub fn status_change(row: StatusRow) -> Result<StatusChange> {
    let status = Status::parse(&row.status)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown status {:?}", row.status)))?;
    let effective = row
        .effective
        .parse::<NaiveDate>()
        .map_err(|_| StoreError::Corrupt(format!("bad effective date {:?}", row.effective)))?;
    Ok(StatusChange {
        status,
        effective,
        reason: row.reason,
        by_document: row.by_document,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
    })
}

/// The text of an issue: its stored text, or its bytes when the text was
/// not stored because it equals them.
pub fn issue_text(issue_id: i64, bytes: &[u8], text: Option<Vec<u8>>) -> Result<String> {
    String::from_utf8(text.unwrap_or_else(|| bytes.to_vec()))
        .map_err(|_| StoreError::Corrupt(format!("the text of issue {issue_id} is not UTF-8")))
}

/// An issue's first and last document dates from their stored text
/// (`YYYY-MM-DD`).
pub fn date_range(
    issue_id: i64,
    first: Option<String>,
    last: Option<String>,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let day = |text: Option<String>| -> Result<Option<NaiveDate>> {
        text.map(|t| {
            NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
                StoreError::Corrupt(format!("issue {issue_id}: the date “{t}” of a document"))
            })
        })
        .transpose()
    };
    Ok(day(first)?.zip(day(last)?))
}

/// A change of the sequence from its stored kind code.
pub fn change(seq: i64, document_id: String, kind: &str) -> Result<Change> {
    let kind = ChangeKind::parse(kind)
        .ok_or_else(|| StoreError::Corrupt(format!("change {seq} has kind {kind:?}")))?;
    Ok(Change {
        seq,
        document_id,
        kind,
    })
}

/// A token from its stored row.
pub fn token_record(
    name: String,
    scope: &str,
    created_at: String,
    revoked_at: Option<String>,
) -> Result<TokenRecord> {
    let scope = TokenScope::parse(scope)
        .ok_or_else(|| StoreError::Corrupt(format!("token {name} has scope {scope:?}")))?;
    Ok(TokenRecord {
        name,
        scope,
        created_at,
        revoked_at,
    })
}

/// An audit entry from its stored row (`detail` is JSON text).
pub fn audit_entry(
    seq: i64,
    at: String,
    actor: String,
    action: String,
    target: String,
    detail: Option<String>,
) -> Result<AuditEntry> {
    let detail = detail.map(|d| serde_json::from_str(&d)).transpose()?;
    Ok(AuditEntry {
        seq,
        at,
        actor,
        action,
        target,
        detail,
    })
}

/// A count or position as a database stores it (past `i64::MAX`, which as
/// a limit means no limit).
pub fn sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A stored count, size or ordinal as a `usize`; fails on a negative one.
pub fn unsigned(what: &str, value: i64) -> Result<usize> {
    usize::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} is {value}")))
}

/// An issue's publication from its stored JSON (`None` when it has none).
pub fn publication(
    issue_id: i64,
    json: Option<&str>,
) -> Result<Option<gazette_model::IssuePublication>> {
    json.map(|json| {
        serde_json::from_str(json).map_err(|e| {
            StoreError::Corrupt(format!(
                "issue {issue_id} has an unreadable publication: {e}"
            ))
        })
    })
    .transpose()
}
