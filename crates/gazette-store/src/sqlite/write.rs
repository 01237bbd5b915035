//! The writes of the SQLite store: ingest, reindex, status.
//!
//! Each public function is one `BEGIN IMMEDIATE` transaction, which holds
//! the write's audit entry too when it has one; everything
//! that can be computed without the database (hash, JSON, text slices) is
//! computed before it starts, so the write lock is held briefly. Nothing is
//! written outside the transaction: an error or a crash leaves the
//! database as it was.

use std::collections::{HashMap, HashSet};

use gazette_model::{Document, Issue, StatusChange};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::{admin, read, sql_int};
use crate::admin::WriteAudit;
use crate::error::{Result, StoreError};
use crate::identity::{content_hash, document_key, id_candidates, slug_base, slug_candidates};
use crate::records::{ChangeKind, IngestOutcome, NewIssue};

/// A document ready to be written: its JSON, its span checked.
struct Prepared<'a> {
    document: &'a Document,
    json: String,
}

/// Where a document is printed.
struct Place<'a> {
    issue_id: i64,
    issue_hash: &'a str,
    /// From 1.
    ordinal: usize,
}

/// Versions of documents freed by a reindex, which the same documents take
/// back: document id → version numbers, highest first.
type Reusable = HashMap<String, Vec<i64>>;

/// Adds an issue and its documents; see [`crate::Store::add_issue`].
pub(super) fn add_issue(
    conn: &mut Connection,
    new: &NewIssue<'_>,
    ingested_at: &str,
    audit: Option<&WriteAudit<'_>>,
) -> Result<IngestOutcome> {
    let hash = content_hash(new.bytes);
    let prepared = prepare(new.issue, new.text)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(issue_id) = issue_with_hash(&tx, &hash)? {
        return Ok(IngestOutcome::AlreadyPresent { issue_id });
    }
    let issue_id = insert_issue(&tx, new, &hash, ingested_at)?;
    let mut documents = Vec::with_capacity(prepared.len());
    let mut new_versions = Vec::new();
    for (index, doc) in prepared.iter().enumerate() {
        let place = Place {
            issue_id,
            issue_hash: &hash,
            ordinal: index + 1,
        };
        let (id, version) = store_document(&tx, &place, doc, &mut Reusable::new())?;
        if version > 1 {
            record_change(&tx, &id, ChangeKind::NewVersion)?;
            new_versions.push(id.clone());
        } else {
            record_change(&tx, &id, ChangeKind::Added)?;
        }
        documents.push(id);
    }
    if let Some(audit) = audit {
        admin::insert_audit(&tx, &audit.entry(WriteAudit::INGEST, &issue_id.to_string()))?;
    }
    tx.commit()?;
    Ok(IngestOutcome::Added {
        issue_id,
        documents,
        new_versions,
    })
}

/// Replaces the documents of an issue; see [`crate::Store::replace_documents`].
pub(super) fn replace_documents(conn: &mut Connection, issue_id: i64, issue: &Issue) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let not_found = || StoreError::NotFound(format!("issue {issue_id}"));
    let record = read::issue(&tx, issue_id)?.ok_or_else(not_found)?;
    let source = read::issue_source(&tx, issue_id)?.ok_or_else(not_found)?;
    let prepared = prepare(issue, &source.text)?;
    let old = versions_of_issue(&tx, issue_id)?;
    tx.prepare_cached("DELETE FROM versions WHERE issue_id = ?1")?
        .execute([issue_id])?;
    let mut reusable = reusable(&old);
    let mut touched = Vec::with_capacity(prepared.len() + old.len());
    for (index, doc) in prepared.iter().enumerate() {
        let place = Place {
            issue_id,
            issue_hash: &record.hash,
            ordinal: index + 1,
        };
        touched.push(store_document(&tx, &place, doc, &mut reusable)?.0);
    }
    touched.extend(old.into_iter().map(|(id, _)| id));
    let mut seen = HashSet::new();
    for id in touched.iter().filter(|id| seen.insert(id.as_str())) {
        record_change(&tx, id, ChangeKind::Replaced)?;
    }
    tx.commit()?;
    Ok(())
}

/// Appends a status change; see [`crate::Store::record_status`].
pub(super) fn record_status(
    conn: &mut Connection,
    key: &str,
    change: &StatusChange,
    audit: Option<&WriteAudit<'_>>,
) -> Result<()> {
    let audit = audit.map(|audit| (audit, WriteAudit::STATUS));
    admin::append_to_document(conn, key, audit, |tx, id| {
        tx.prepare_cached(
            "INSERT INTO status_changes \
             (document_id, status, effective, reason, by_document, recorded_by, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            id,
            change.status.code(),
            change.effective.to_string(),
            change.reason,
            change.by_document,
            change.recorded_by,
            change.recorded_at,
        ])?;
        record_change(tx, id, ChangeKind::Status)
    })
}

/// Serializes the documents of `issue`; fails on a span that is not a
/// slice of `text`.
fn prepare<'a>(issue: &'a Issue, text: &'a str) -> Result<Vec<Prepared<'a>>> {
    issue
        .documents
        .iter()
        .enumerate()
        .map(|(index, document)| {
            let span = document.span;
            if text.get(span.start..span.end).is_none() {
                return Err(StoreError::BadSpan {
                    ordinal: index + 1,
                    title: document.title.clone(),
                    start: span.start,
                    end: span.end,
                    len: text.len(),
                });
            }
            Ok(Prepared {
                document,
                json: serde_json::to_string(document)?,
            })
        })
        .collect()
}

fn issue_with_hash(tx: &Transaction<'_>, hash: &str) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM issues WHERE hash = ?1")?
        .query_row([hash], |row| row.get(0))
        .optional()?)
}

fn insert_issue(
    tx: &Transaction<'_>,
    new: &NewIssue<'_>,
    hash: &str,
    ingested_at: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO issues (hash, file_name, encoding, ingested_at, byte_len) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        hash,
        new.file_name,
        new.encoding,
        ingested_at,
        sql_int(new.bytes.len())
    ])?;
    let issue_id = tx.last_insert_rowid();
    // The text is only kept when it differs from the bytes.
    let text = (new.text.as_bytes() != new.bytes).then_some(new.text.as_bytes());
    tx.prepare_cached("INSERT INTO issue_sources (issue_id, bytes, text) VALUES (?1, ?2, ?3)")?
        .execute(params![issue_id, new.bytes, text])?;
    if let Some(report) = new.extraction {
        tx.prepare_cached("INSERT INTO issue_extractions (issue_id, report) VALUES (?1, ?2)")?
            .execute(params![issue_id, report])?;
    }
    Ok(issue_id)
}

/// Writes one document at `place`: finds or creates its identity, picks its
/// version (a freed one from `reusable`, else the next) and inserts it.
fn store_document(
    tx: &Transaction<'_>,
    place: &Place<'_>,
    doc: &Prepared<'_>,
    reusable: &mut Reusable,
) -> Result<(String, i64)> {
    let key = document_key(doc.document, place.issue_hash, place.ordinal);
    let id = identity(tx, &key, doc.document, place)?;
    let version = match reusable.get_mut(&id).and_then(Vec::pop) {
        Some(version) => version,
        None => next_version(tx, &id)?,
    };
    insert_version(tx, &id, version, place, doc)?;
    Ok((id, version))
}

/// The id of the document with `key`, created with a free id and slug when
/// the key is new.
fn identity(
    tx: &Transaction<'_>,
    key: &str,
    document: &Document,
    place: &Place<'_>,
) -> Result<String> {
    let known: Option<String> = tx
        .prepare_cached("SELECT id FROM documents WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?;
    if let Some(id) = known {
        return Ok(id);
    }
    let id = first_free(
        tx,
        "SELECT 1 FROM documents WHERE id = ?1",
        id_candidates(key),
    )?
    .ok_or_else(|| StoreError::Corrupt(format!("every id derived from key {key} is taken")))?;
    let base = slug_base(document, place.issue_id, place.ordinal);
    let slug = first_free(
        tx,
        "SELECT 1 FROM documents WHERE slug = ?1",
        slug_candidates(&base),
    )?
    .ok_or_else(|| StoreError::Corrupt(format!("no free slug for {base}")))?;
    tx.prepare_cached("INSERT INTO documents (id, key, slug) VALUES (?1, ?2, ?3)")?
        .execute(params![id, key, slug])?;
    Ok(id)
}

/// The first of `candidates` for which `exists` (a query with one
/// parameter) finds no row.
fn first_free(
    tx: &Transaction<'_>,
    exists: &str,
    candidates: impl Iterator<Item = String>,
) -> Result<Option<String>> {
    let mut stmt = tx.prepare_cached(exists)?;
    for candidate in candidates {
        if !stmt.exists([&candidate])? {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

fn next_version(tx: &Transaction<'_>, id: &str) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE document_id = ?1",
        )?
        .query_row([id], |row| row.get(0))?)
}

fn insert_version(
    tx: &Transaction<'_>,
    id: &str,
    version: i64,
    place: &Place<'_>,
    doc: &Prepared<'_>,
) -> Result<()> {
    let document = doc.document;
    tx.prepare_cached(
        "INSERT INTO versions \
         (document_id, version, issue_id, ordinal, doc_number, title, date, doc_type, json, \
          span_start, span_end) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        version,
        place.issue_id,
        sql_int(place.ordinal),
        document.doc_number,
        document.title,
        document.date.map(|date| date.to_string()),
        document.doc_type,
        doc.json,
        sql_int(document.span.start),
        sql_int(document.span.end),
    ])?;
    Ok(())
}

/// The versions an issue holds, as (document id, version), in issue order.
fn versions_of_issue(tx: &Transaction<'_>, issue_id: i64) -> Result<Vec<(String, i64)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT document_id, version FROM versions WHERE issue_id = ?1 ORDER BY ordinal",
    )?;
    let rows = stmt.query_map([issue_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The freed versions of `old`, each document's lowest last (taken first).
fn reusable(old: &[(String, i64)]) -> Reusable {
    let mut reusable = Reusable::new();
    for (id, version) in old {
        reusable.entry(id.clone()).or_default().push(*version);
    }
    for versions in reusable.values_mut() {
        versions.sort_unstable_by(|a, b| b.cmp(a));
    }
    reusable
}

fn record_change(tx: &Transaction<'_>, id: &str, kind: ChangeKind) -> Result<()> {
    tx.prepare_cached("INSERT INTO changes (document_id, kind) VALUES (?1, ?2)")?
        .execute(params![id, kind.code()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_versions_are_taken_back_lowest_first() {
        let old = [
            ("da".to_owned(), 3),
            ("db".to_owned(), 1),
            ("da".to_owned(), 2),
        ];
        let mut reusable = reusable(&old);
        let da = reusable.get_mut("da").expect("da freed");
        assert_eq!(da.pop(), Some(2));
        assert_eq!(da.pop(), Some(3));
        assert_eq!(da.pop(), None);
    }

    #[test]
    fn a_span_outside_the_text_is_refused_before_anything_is_written() {
        let mut issue = gazette_parse::parse_text(
            "国务院关于推行\n监管的意见\n国发〔2019〕5号\n各省人民政府：\n现提出如下意见。\n",
        );
        issue.documents[0].span.end = 10_000;
        let error = prepare(&issue, "短").err().expect("bad span");
        assert!(matches!(
            error,
            StoreError::BadSpan {
                ordinal: 1,
                end: 10_000,
                ..
            }
        ));
    }
}
