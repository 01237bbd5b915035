//! The writes of the SQLite store: ingest, reindex, status, correction.
//!
//! Each public function is one `BEGIN IMMEDIATE` transaction, handed to
//! the shared rules (`gazette_store::rules`) as a [`WriteTx`], which holds
//! the write's audit entry too when it has one; everything that can be
//! computed without the database (hash, JSON, span checks) is computed
//! before it starts, so the write lock is held briefly. Nothing is written
//! outside the transaction: an error or a crash leaves the database as it
//! was.

use gazette_model::{Issue, IssuePublication, StatusChange};
use gazette_store::rules::{self, NewVersion, PreparedIssue, WriteTx};
use gazette_store::{
    AuditEntry, ChangeKind, Correction, IngestOutcome, NewAuditEntry, NewIssue, Result, WriteAudit,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::{admin, read, sql_int, SqlResult};

/// Adds an issue and its documents; see [`gazette_store::Store::add_issue`].
pub(super) fn add_issue(
    conn: &mut Connection,
    new: &NewIssue<'_>,
    ingested_at: &str,
    audit: Option<&WriteAudit<'_>>,
) -> SqlResult<IngestOutcome> {
    let prepared = PreparedIssue::new(new)?;
    let mut tx = SqliteTx(conn.transaction_with_behavior(TransactionBehavior::Immediate)?);
    let outcome = rules::add_issue(&mut tx, &prepared, ingested_at, audit)?;
    tx.0.commit()?;
    Ok(outcome)
}

/// Replaces the documents of an issue; see
/// [`gazette_store::Store::replace_documents`].
pub(super) fn replace_documents(
    conn: &mut Connection,
    issue_id: i64,
    issue: &Issue,
) -> SqlResult<()> {
    let mut tx = SqliteTx(conn.transaction_with_behavior(TransactionBehavior::Immediate)?);
    rules::replace_documents(&mut tx, issue_id, issue)?;
    tx.0.commit()?;
    Ok(())
}

/// Sets an issue's publication; see
/// [`gazette_store::Store::set_issue_publication`].
pub(super) fn set_issue_publication(
    conn: &mut Connection,
    issue_id: i64,
    publication: Option<&IssuePublication>,
    audit: Option<&WriteAudit<'_>>,
) -> SqlResult<()> {
    let mut tx = SqliteTx(conn.transaction_with_behavior(TransactionBehavior::Immediate)?);
    rules::set_issue_publication(&mut tx, issue_id, publication, audit)?;
    tx.0.commit()?;
    Ok(())
}

/// Appends a status change; see [`gazette_store::Store::record_status`].
pub(super) fn record_status(
    conn: &mut Connection,
    key: &str,
    change: &StatusChange,
    audit: Option<&WriteAudit<'_>>,
) -> SqlResult<()> {
    let mut tx = SqliteTx(conn.transaction_with_behavior(TransactionBehavior::Immediate)?);
    rules::record_status(&mut tx, key, change, audit)?;
    tx.0.commit()?;
    Ok(())
}

/// Appends a correction; see [`gazette_store::Store::record_correction`].
pub(super) fn record_correction(
    conn: &mut Connection,
    key: &str,
    correction: &Correction,
    audit: Option<&WriteAudit<'_>>,
) -> SqlResult<()> {
    let mut tx = SqliteTx(conn.transaction_with_behavior(TransactionBehavior::Immediate)?);
    rules::record_correction(&mut tx, key, correction, audit)?;
    tx.0.commit()?;
    Ok(())
}

/// An open write transaction, as the shared rules use it.
struct SqliteTx<'c>(Transaction<'c>);

impl SqliteTx<'_> {
    /// Whether `exists` (a query with one parameter) finds a row.
    fn exists(&self, exists: &str, value: &str) -> SqlResult<bool> {
        Ok(self.0.prepare_cached(exists)?.exists([value])?)
    }

    fn insert_issue_rows(
        &self,
        new: &NewIssue<'_>,
        hash: &str,
        ingested_at: &str,
    ) -> SqlResult<i64> {
        let tx = &self.0;
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
        // Both kept in compressed blocks (see `blocks`).
        let packing = |e: std::io::Error| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
        let bytes = crate::blocks::pack(new.bytes).map_err(packing)?;
        let text = text.map(crate::blocks::pack).transpose().map_err(packing)?;
        tx.prepare_cached(
            "INSERT INTO issue_sources (issue_id, bytes, text, packed) VALUES (?1, ?2, ?3, 1)",
        )?
        .execute(params![issue_id, bytes, text])?;
        if let Some(report) = new.extraction {
            tx.prepare_cached("INSERT INTO issue_extractions (issue_id, report) VALUES (?1, ?2)")?
                .execute(params![issue_id, report])?;
        }
        Ok(issue_id)
    }

    fn put_publication_row(
        &self,
        issue_id: i64,
        publication: Option<&IssuePublication>,
    ) -> SqlResult<()> {
        let tx = &self.0;
        tx.prepare_cached("DELETE FROM issue_publications WHERE issue_id = ?1")?
            .execute([issue_id])?;
        let Some(publication) = publication else {
            return Ok(());
        };
        let json = serde_json::to_string(publication).map_err(gazette_store::StoreError::from)?;
        tx.prepare_cached(
            "INSERT INTO issue_publications (issue_id, gazette_slug, year, number, json) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            issue_id,
            publication.gazette.slug,
            publication.year,
            publication.number,
            json
        ])?;
        Ok(())
    }

    fn insert_version_row(&self, v: &NewVersion<'_>) -> SqlResult<()> {
        let document = v.document;
        let json = crate::packed::pack(v.json, v.text.as_bytes())
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.0
            .prepare_cached(
                "INSERT INTO versions \
                 (document_id, version, issue_id, ordinal, doc_number, title, date, doc_type, \
                  json, span_start, span_end) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                v.document_id,
                v.version,
                v.issue_id,
                sql_int(v.ordinal),
                document.doc_number,
                document.title,
                document.date.map(|date| date.to_string()),
                document.doc_type,
                json,
                sql_int(document.span.start),
                sql_int(document.span.end),
            ])?;
        Ok(())
    }

    fn versions_of_issue_rows(&self, issue_id: i64) -> SqlResult<Vec<(String, i64)>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT document_id, version FROM versions WHERE issue_id = ?1 ORDER BY ordinal",
        )?;
        let rows = stmt.query_map([issue_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn issue_hash_and_text_rows(&self, issue_id: i64) -> SqlResult<Option<(String, String)>> {
        let Some(record) = read::issue(&self.0, issue_id)? else {
            return Ok(None);
        };
        let Some(source) = read::issue_source(&self.0, issue_id)? else {
            return Ok(None);
        };
        Ok(Some((record.hash, source.text)))
    }

    fn insert_status_row(&self, id: &str, change: &StatusChange) -> SqlResult<()> {
        self.0
            .prepare_cached(
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
        Ok(())
    }

    fn insert_correction_row(&self, id: &str, correction: &Correction) -> SqlResult<()> {
        self.0
            .prepare_cached(
                "INSERT INTO corrections \
                 (document_id, field, original, corrected, reason, recorded_by, recorded_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                id,
                correction.field,
                correction.original,
                correction.corrected,
                correction.reason,
                correction.recorded_by,
                correction.recorded_at,
            ])?;
        Ok(())
    }
}

impl WriteTx for SqliteTx<'_> {
    fn issue_with_hash(&mut self, hash: &str) -> Result<Option<i64>> {
        let found = self
            .0
            .prepare_cached("SELECT id FROM issues WHERE hash = ?1")
            .and_then(|mut stmt| stmt.query_row([hash], |row| row.get(0)).optional());
        Ok(found.map_err(crate::Error::from)?)
    }

    fn insert_issue(&mut self, new: &NewIssue<'_>, hash: &str, ingested_at: &str) -> Result<i64> {
        Ok(self.insert_issue_rows(new, hash, ingested_at)?)
    }

    fn put_publication(
        &mut self,
        issue_id: i64,
        publication: Option<&IssuePublication>,
    ) -> Result<()> {
        Ok(self.put_publication_row(issue_id, publication)?)
    }

    fn issue_hash_and_text(&mut self, issue_id: i64) -> Result<Option<(String, String)>> {
        Ok(self.issue_hash_and_text_rows(issue_id)?)
    }

    fn id_of_key(&mut self, key: &str) -> Result<Option<String>> {
        let found = self
            .0
            .prepare_cached("SELECT id FROM documents WHERE key = ?1")
            .and_then(|mut stmt| stmt.query_row([key], |row| row.get(0)).optional());
        Ok(found.map_err(crate::Error::from)?)
    }

    fn id_taken(&mut self, id: &str) -> Result<bool> {
        Ok(self.exists("SELECT 1 FROM documents WHERE id = ?1", id)?)
    }

    fn slug_taken(&mut self, slug: &str) -> Result<bool> {
        Ok(self.exists("SELECT 1 FROM documents WHERE slug = ?1", slug)?)
    }

    fn insert_identity(&mut self, id: &str, key: &str, slug: &str) -> Result<()> {
        let inserted = self
            .0
            .prepare_cached("INSERT INTO documents (id, key, slug) VALUES (?1, ?2, ?3)")
            .and_then(|mut stmt| stmt.execute(params![id, key, slug]));
        inserted.map_err(crate::Error::from)?;
        Ok(())
    }

    fn next_version(&mut self, id: &str) -> Result<i64> {
        let next = self
            .0
            .prepare_cached(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE document_id = ?1",
            )
            .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)));
        Ok(next.map_err(crate::Error::from)?)
    }

    fn insert_version(&mut self, version: &NewVersion<'_>) -> Result<()> {
        Ok(self.insert_version_row(version)?)
    }

    fn versions_of_issue(&mut self, issue_id: i64) -> Result<Vec<(String, i64)>> {
        Ok(self.versions_of_issue_rows(issue_id)?)
    }

    fn delete_versions_of_issue(&mut self, issue_id: i64) -> Result<()> {
        let deleted = self
            .0
            .prepare_cached("DELETE FROM versions WHERE issue_id = ?1")
            .and_then(|mut stmt| stmt.execute([issue_id]));
        deleted.map_err(crate::Error::from)?;
        Ok(())
    }

    fn record_change(&mut self, id: &str, kind: ChangeKind) -> Result<()> {
        let inserted = self
            .0
            .prepare_cached("INSERT INTO changes (document_id, kind) VALUES (?1, ?2)")
            .and_then(|mut stmt| stmt.execute(params![id, kind.code()]));
        inserted.map_err(crate::Error::from)?;
        Ok(())
    }

    fn resolve_id(&mut self, key: &str) -> Result<Option<String>> {
        Ok(read::resolve_id(&self.0, key)?)
    }

    fn insert_status(&mut self, id: &str, change: &StatusChange) -> Result<()> {
        Ok(self.insert_status_row(id, change)?)
    }

    fn insert_correction(&mut self, id: &str, correction: &Correction) -> Result<()> {
        Ok(self.insert_correction_row(id, correction)?)
    }

    fn insert_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
        Ok(admin::insert_audit(&self.0, entry)?)
    }
}
