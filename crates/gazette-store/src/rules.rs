//! The rules of every write, the same for every backend: which id and
//! slug a new document gets, which version a printing takes (a freed one
//! back on reindex, else the next), which spans can be stored, what enters
//! the change sequence and the audit log.
//!
//! A backend opens a transaction, hands it to [`add_issue`],
//! [`replace_documents`], [`record_status`] or [`record_correction`] as a
//! [`WriteTx`] (the small reads and inserts these rules need, in SQL of its
//! own) and commits when they return `Ok`: on any error it drops the
//! transaction, and nothing is written. This module does no I/O itself
//! and knows no SQL.

use std::collections::{HashMap, HashSet};

use gazette_model::{Document, Issue, IssuePublication, StatusChange};

use crate::admin::{AuditEntry, Correction, NewAuditEntry, WriteAudit};
use crate::error::{Result, StoreError};
use crate::identity::{content_hash, document_key, id_candidates, slug_base, slug_candidates};
use crate::records::{ChangeKind, IngestOutcome, NewIssue};

/// A document ready to be written: its span checked, its JSON made.
#[derive(Debug)]
pub struct PreparedDocument<'a> {
    /// The parsed document.
    pub document: &'a Document,
    /// It as JSON, as stored.
    pub json: String,
    /// Its own text: its span of the issue text.
    pub text: &'a str,
}

/// An issue ready to be written: everything computed before the
/// transaction starts, so that the write lock is held briefly.
#[derive(Debug)]
pub struct PreparedIssue<'a> {
    /// The issue as given.
    pub new: &'a NewIssue<'a>,
    /// SHA-256 of its bytes, lowercase hex.
    pub hash: String,
    /// Its documents, in issue order.
    pub documents: Vec<PreparedDocument<'a>>,
}

impl<'a> PreparedIssue<'a> {
    /// Hashes the bytes and prepares the documents; fails on a span that
    /// is not a slice of the text.
    pub fn new(new: &'a NewIssue<'a>) -> Result<PreparedIssue<'a>> {
        Ok(PreparedIssue {
            new,
            hash: content_hash(new.bytes),
            documents: prepare(new.issue, new.text)?,
        })
    }
}

/// A version of a document to insert.
#[derive(Debug)]
pub struct NewVersion<'a> {
    /// The document's id.
    pub document_id: &'a str,
    /// Its version number, from 1.
    pub version: i64,
    /// The issue that prints it.
    pub issue_id: i64,
    /// Its place in that issue, from 1.
    pub ordinal: usize,
    /// The parsed document (its number, title, date, type and span are
    /// stored as columns).
    pub document: &'a Document,
    /// The document as JSON.
    pub json: &'a str,
    /// The document's own text (its span of the issue text), which a
    /// backend may use to store the JSON smaller.
    pub text: &'a str,
}

/// What the rules need of a backend's open write transaction. Every
/// method works inside that transaction; none commits.
pub trait WriteTx {
    /// The id of the issue with this content hash.
    fn issue_with_hash(&mut self, hash: &str) -> Result<Option<i64>>;
    /// Inserts an issue, its bytes, its text (when it differs from the
    /// bytes) and its extraction report; returns its new id.
    fn insert_issue(&mut self, new: &NewIssue<'_>, hash: &str, ingested_at: &str) -> Result<i64>;
    /// Sets (or, with `None`, removes) what is known of an issue as
    /// published.
    fn put_publication(
        &mut self,
        issue_id: i64,
        publication: Option<&IssuePublication>,
    ) -> Result<()>;
    /// An issue's content hash and text; `None` for an unknown issue.
    fn issue_hash_and_text(&mut self, issue_id: i64) -> Result<Option<(String, String)>>;
    /// The id given to a document key.
    fn id_of_key(&mut self, key: &str) -> Result<Option<String>>;
    /// Whether a document has this id.
    fn id_taken(&mut self, id: &str) -> Result<bool>;
    /// Whether a document has this slug.
    fn slug_taken(&mut self, slug: &str) -> Result<bool>;
    /// Inserts a document identity.
    fn insert_identity(&mut self, id: &str, key: &str, slug: &str) -> Result<()>;
    /// The highest version of document `id`, plus 1 (1 when it has none).
    fn next_version(&mut self, id: &str) -> Result<i64>;
    /// Inserts a version.
    fn insert_version(&mut self, version: &NewVersion<'_>) -> Result<()>;
    /// The versions an issue prints, as (document id, version), in issue
    /// order.
    fn versions_of_issue(&mut self, issue_id: i64) -> Result<Vec<(String, i64)>>;
    /// Deletes the versions an issue prints.
    fn delete_versions_of_issue(&mut self, issue_id: i64) -> Result<()>;
    /// Appends to the change sequence.
    fn record_change(&mut self, id: &str, kind: ChangeKind) -> Result<()>;
    /// The id of the document with this id or slug.
    fn resolve_id(&mut self, key: &str) -> Result<Option<String>>;
    /// Appends a status change to document `id`'s history.
    fn insert_status(&mut self, id: &str, change: &StatusChange) -> Result<()>;
    /// Appends a correction to document `id`.
    fn insert_correction(&mut self, id: &str, correction: &Correction) -> Result<()>;
    /// Appends to the audit log.
    fn insert_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry>;
}

/// Versions of documents freed by a reindex, which the same documents take
/// back: document id → version numbers, highest first.
type Reusable = HashMap<String, Vec<i64>>;

/// Where a document is printed.
struct Place<'a> {
    issue_id: i64,
    issue_hash: &'a str,
    /// From 1.
    ordinal: usize,
}

/// Adds a prepared issue and its documents; see
/// [`crate::Store::add_issue`].
pub fn add_issue(
    tx: &mut dyn WriteTx,
    issue: &PreparedIssue<'_>,
    ingested_at: &str,
    audit: Option<&WriteAudit<'_>>,
) -> Result<IngestOutcome> {
    if let Some(issue_id) = tx.issue_with_hash(&issue.hash)? {
        return Ok(IngestOutcome::AlreadyPresent { issue_id });
    }
    let issue_id = tx.insert_issue(issue.new, &issue.hash, ingested_at)?;
    if let Some(publication) = issue.new.publication {
        tx.put_publication(issue_id, Some(publication))?;
    }
    let mut documents = Vec::with_capacity(issue.documents.len());
    let mut new_versions = Vec::new();
    for (index, doc) in issue.documents.iter().enumerate() {
        let place = Place {
            issue_id,
            issue_hash: &issue.hash,
            ordinal: index + 1,
        };
        let (id, version) = store_document(tx, &place, doc, &mut Reusable::new())?;
        if version > 1 {
            tx.record_change(&id, ChangeKind::NewVersion)?;
            new_versions.push(id.clone());
        } else {
            tx.record_change(&id, ChangeKind::Added)?;
        }
        documents.push(id);
    }
    if let Some(audit) = audit {
        tx.insert_audit(&audit.entry(WriteAudit::INGEST, &issue_id.to_string()))?;
    }
    Ok(IngestOutcome::Added {
        issue_id,
        documents,
        new_versions,
    })
}

/// Replaces the documents of an issue; see
/// [`crate::Store::replace_documents`].
pub fn replace_documents(tx: &mut dyn WriteTx, issue_id: i64, issue: &Issue) -> Result<()> {
    let (hash, text) = tx
        .issue_hash_and_text(issue_id)?
        .ok_or_else(|| StoreError::NotFound(format!("issue {issue_id}")))?;
    let prepared = prepare(issue, &text)?;
    let old = tx.versions_of_issue(issue_id)?;
    tx.delete_versions_of_issue(issue_id)?;
    let mut reusable = reusable(&old);
    let mut touched = Vec::with_capacity(prepared.len() + old.len());
    for (index, doc) in prepared.iter().enumerate() {
        let place = Place {
            issue_id,
            issue_hash: &hash,
            ordinal: index + 1,
        };
        touched.push(store_document(tx, &place, doc, &mut reusable)?.0);
    }
    touched.extend(old.into_iter().map(|(id, _)| id));
    let mut seen = HashSet::new();
    for id in touched.iter().filter(|id| seen.insert(id.as_str())) {
        tx.record_change(id, ChangeKind::Replaced)?;
    }
    Ok(())
}

/// Sets what is known of an issue as published; see
/// [`crate::Store::set_issue_publication`].
pub fn set_issue_publication(
    tx: &mut dyn WriteTx,
    issue_id: i64,
    publication: Option<&IssuePublication>,
    audit: Option<&WriteAudit<'_>>,
) -> Result<()> {
    tx.issue_hash_and_text(issue_id)?
        .ok_or_else(|| StoreError::NotFound(format!("issue {issue_id}")))?;
    tx.put_publication(issue_id, publication)?;
    if let Some(audit) = audit {
        tx.insert_audit(&audit.entry(WriteAudit::PUBLICATION, &issue_id.to_string()))?;
    }
    Ok(())
}

/// Appends a status change; see [`crate::Store::record_status`].
pub fn record_status(
    tx: &mut dyn WriteTx,
    key: &str,
    change: &StatusChange,
    audit: Option<&WriteAudit<'_>>,
) -> Result<()> {
    let id = tx
        .resolve_id(key)?
        .ok_or_else(|| StoreError::NotFound(format!("document {key}")))?;
    tx.insert_status(&id, change)?;
    tx.record_change(&id, ChangeKind::Status)?;
    if let Some(audit) = audit {
        tx.insert_audit(&audit.entry(WriteAudit::STATUS, &id))?;
    }
    Ok(())
}

/// Appends a correction; see [`crate::Store::record_correction`].
pub fn record_correction(
    tx: &mut dyn WriteTx,
    key: &str,
    correction: &Correction,
    audit: Option<&WriteAudit<'_>>,
) -> Result<()> {
    let id = tx
        .resolve_id(key)?
        .ok_or_else(|| StoreError::NotFound(format!("document {key}")))?;
    tx.insert_correction(&id, correction)?;
    if let Some(audit) = audit {
        tx.insert_audit(&audit.entry(WriteAudit::CORRECTION, &id))?;
    }
    Ok(())
}

/// Serializes the documents of `issue`; fails on a span that is not a
/// slice of `text`.
pub fn prepare<'a>(issue: &'a Issue, text: &'a str) -> Result<Vec<PreparedDocument<'a>>> {
    issue
        .documents
        .iter()
        .enumerate()
        .map(|(index, document)| {
            let span = document.span;
            let Some(own) = text.get(span.start..span.end) else {
                return Err(StoreError::BadSpan {
                    ordinal: index + 1,
                    title: document.title.clone(),
                    start: span.start,
                    end: span.end,
                    len: text.len(),
                });
            };
            Ok(PreparedDocument {
                document,
                json: serde_json::to_string(document)?,
                text: own,
            })
        })
        .collect()
}

/// Writes one document at `place`: finds or creates its identity, picks its
/// version (a freed one from `reusable`, else the next) and inserts it.
fn store_document(
    tx: &mut dyn WriteTx,
    place: &Place<'_>,
    doc: &PreparedDocument<'_>,
    reusable: &mut Reusable,
) -> Result<(String, i64)> {
    let key = document_key(doc.document, place.issue_hash, place.ordinal);
    let id = identity(tx, &key, doc.document, place)?;
    let version = match reusable.get_mut(&id).and_then(Vec::pop) {
        Some(version) => version,
        None => tx.next_version(&id)?,
    };
    tx.insert_version(&NewVersion {
        document_id: &id,
        version,
        issue_id: place.issue_id,
        ordinal: place.ordinal,
        document: doc.document,
        json: &doc.json,
        text: doc.text,
    })?;
    Ok((id, version))
}

/// The id of the document with `key`, created with a free id and slug when
/// the key is new.
fn identity(
    tx: &mut dyn WriteTx,
    key: &str,
    document: &Document,
    place: &Place<'_>,
) -> Result<String> {
    if let Some(id) = tx.id_of_key(key)? {
        return Ok(id);
    }
    let mut id = None;
    for candidate in id_candidates(key) {
        if !tx.id_taken(&candidate)? {
            id = Some(candidate);
            break;
        }
    }
    let id =
        id.ok_or_else(|| StoreError::Corrupt(format!("every id derived from key {key} is taken")))?;
    let base = slug_base(document, place.issue_id, place.ordinal);
    let mut slug = None;
    for candidate in slug_candidates(&base) {
        if !tx.slug_taken(&candidate)? {
            slug = Some(candidate);
            break;
        }
    }
    // slug_candidates never ends: a slug is always found.
    let slug = slug.ok_or_else(|| StoreError::Corrupt(format!("no free slug for {base}")))?;
    tx.insert_identity(&id, key, &slug)?;
    Ok(id)
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
        let error = prepare(&issue, "短").expect_err("bad span");
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
