//! The writes of the PostgreSQL store: ingest, reindex, status,
//! correction, tokens, audit.
//!
//! Each public function is one transaction that first takes the write lock
//! ([`crate::WRITE_LOCK`]) and holds the write's audit entry too when it has
//! one; ingest, reindex, status and correction go through the shared rules
//! (`gazette_store::rules`) with the transaction as their [`WriteTx`].
//! Hashes, JSON and span checks are computed before the transaction
//! starts. Nothing is written outside it: an error, a crash or a lost
//! connection leaves the database as it was.

use gazette_model::{Issue, IssuePublication, StatusChange};
use gazette_store::rows::sql_int;
use gazette_store::rules::{self, NewVersion, PreparedIssue, WriteTx};
use gazette_store::{
    AuditEntry, ChangeKind, Correction, IngestOutcome, NewAuditEntry, NewIssue, NewToken, Result,
    StoreError, TokenRecord, WriteAudit,
};
use postgres::error::SqlState;
use postgres::{Client, GenericClient, Transaction};

use crate::{read, PgResult, CHANGES_CHANNEL, WRITE_LOCK};

/// Starts a write transaction: takes the write lock first.
fn begin(client: &mut Client) -> PgResult<Transaction<'_>> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    Ok(tx)
}

/// Adds an issue and its documents; see [`gazette_store::Store::add_issue`].
pub(crate) fn add_issue(
    client: &mut Client,
    new: &NewIssue<'_>,
    ingested_at: &str,
    audit: Option<&WriteAudit<'_>>,
) -> PgResult<IngestOutcome> {
    let prepared = PreparedIssue::new(new)?;
    let mut tx = PgTx::begin(client)?;
    let outcome = rules::add_issue(&mut tx, &prepared, ingested_at, audit)?;
    tx.commit()?;
    Ok(outcome)
}

/// Replaces the documents of an issue; see
/// [`gazette_store::Store::replace_documents`].
pub(crate) fn replace_documents(client: &mut Client, issue_id: i64, issue: &Issue) -> PgResult<()> {
    let mut tx = PgTx::begin(client)?;
    rules::replace_documents(&mut tx, issue_id, issue)?;
    tx.commit()?;
    Ok(())
}

/// Sets an issue's publication; see
/// [`gazette_store::Store::set_issue_publication`].
pub(crate) fn set_issue_publication(
    client: &mut Client,
    issue_id: i64,
    publication: Option<&IssuePublication>,
    audit: Option<&WriteAudit<'_>>,
) -> PgResult<()> {
    let mut tx = PgTx::begin(client)?;
    rules::set_issue_publication(&mut tx, issue_id, publication, audit)?;
    tx.commit()?;
    Ok(())
}

/// Appends a status change; see [`gazette_store::Store::record_status`].
pub(crate) fn record_status(
    client: &mut Client,
    key: &str,
    change: &StatusChange,
    audit: Option<&WriteAudit<'_>>,
) -> PgResult<()> {
    let mut tx = PgTx::begin(client)?;
    rules::record_status(&mut tx, key, change, audit)?;
    tx.commit()?;
    Ok(())
}

/// Appends a correction; see [`gazette_store::Store::record_correction`].
pub(crate) fn record_correction(
    client: &mut Client,
    key: &str,
    correction: &Correction,
    audit: Option<&WriteAudit<'_>>,
) -> PgResult<()> {
    let mut tx = PgTx::begin(client)?;
    rules::record_correction(&mut tx, key, correction, audit)?;
    tx.commit()?;
    Ok(())
}

/// Stores a token, with its audit entry; see
/// [`gazette_store::Store::add_token`].
pub(crate) fn add_token(
    client: &mut Client,
    token: &NewToken<'_>,
    audit: Option<&WriteAudit<'_>>,
) -> PgResult<TokenRecord> {
    let mut tx = begin(client)?;
    let inserted = tx.execute(
        "INSERT INTO api_tokens (name, scope, hash, created_at) VALUES ($1, $2, $3, $4)",
        &[
            &token.name,
            &token.scope.code(),
            &token.hash,
            &token.created_at,
        ],
    );
    match inserted {
        Ok(_) => {}
        Err(error) if error.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
            return Err(StoreError::token_exists(token.name).into());
        }
        Err(other) => return Err(other.into()),
    }
    if let Some(audit) = audit {
        insert_audit(&mut tx, &audit.entry(WriteAudit::TOKEN_CREATE, token.name))?;
    }
    tx.commit()?;
    Ok(TokenRecord {
        name: token.name.to_owned(),
        scope: token.scope,
        created_at: token.created_at.to_owned(),
        revoked_at: None,
    })
}

/// Revokes a token, with its audit entry; see
/// [`gazette_store::Store::revoke_token`].
pub(crate) fn revoke_token(
    client: &mut Client,
    name: &str,
    at: &str,
    audit: Option<&WriteAudit<'_>>,
) -> PgResult<bool> {
    let mut tx = begin(client)?;
    let changed = tx.execute(
        "UPDATE api_tokens SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL",
        &[&name, &at],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    if let Some(audit) = audit {
        insert_audit(&mut tx, &audit.entry(WriteAudit::TOKEN_REVOKE, name))?;
    }
    tx.commit()?;
    Ok(true)
}

/// Appends to the audit log; see [`gazette_store::Store::append_audit`].
pub(crate) fn append_audit(client: &mut Client, entry: &NewAuditEntry<'_>) -> PgResult<AuditEntry> {
    let mut tx = begin(client)?;
    let appended = insert_audit(&mut tx, entry)?;
    tx.commit()?;
    Ok(appended)
}

/// Inserts an audit entry inside `client`'s write transaction (whose lock
/// makes its position the next).
fn insert_audit(
    client: &mut impl GenericClient,
    entry: &NewAuditEntry<'_>,
) -> PgResult<AuditEntry> {
    let detail = entry.detail.as_ref().map(|d| d.to_string());
    let seq: i64 = client
        .query_one(
            "INSERT INTO audit_log (seq, at, actor, action, target, detail) \
             VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log), $1, $2, $3, $4, $5) \
             RETURNING seq",
            &[
                &entry.at,
                &entry.actor,
                &entry.action,
                &entry.target,
                &detail,
            ],
        )?
        .try_get(0)?;
    Ok(AuditEntry {
        seq,
        at: entry.at.to_owned(),
        actor: entry.actor.to_owned(),
        action: entry.action.to_owned(),
        target: entry.target.to_owned(),
        detail: entry.detail.clone(),
    })
}

/// An open write transaction, as the shared rules use it, and whether it
/// added to the change sequence.
struct PgTx<'c> {
    tx: Transaction<'c>,
    changed: bool,
}

impl<'c> PgTx<'c> {
    /// Starts a write transaction (see [`begin`]).
    fn begin(client: &'c mut Client) -> PgResult<PgTx<'c>> {
        Ok(PgTx {
            tx: begin(client)?,
            changed: false,
        })
    }

    /// Commits; a transaction that added to the change sequence first
    /// notifies [`CHANGES_CHANNEL`], which PostgreSQL delivers to its
    /// listeners at the commit, and only if the commit succeeds.
    fn commit(mut self) -> PgResult<()> {
        if self.changed {
            self.tx
                .batch_execute(&format!("NOTIFY {CHANGES_CHANNEL}"))?;
        }
        self.tx.commit()?;
        Ok(())
    }
}

impl PgTx<'_> {
    fn insert_issue_rows(
        &mut self,
        new: &NewIssue<'_>,
        hash: &str,
        ingested_at: &str,
    ) -> PgResult<i64> {
        let tx = &mut self.tx;
        let issue_id: i64 = tx
            .query_one(
                "INSERT INTO issues (id, hash, file_name, encoding, ingested_at, byte_len) \
                 VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM issues), $1, $2, $3, $4, $5) \
                 RETURNING id",
                &[
                    &hash,
                    &new.file_name,
                    &new.encoding,
                    &ingested_at,
                    &sql_int(new.bytes.len()),
                ],
            )?
            .try_get(0)?;
        // The text is only kept when it differs from the bytes.
        let text = (new.text.as_bytes() != new.bytes).then_some(new.text.as_bytes());
        tx.execute(
            "INSERT INTO issue_sources (issue_id, bytes, text) VALUES ($1, $2, $3)",
            &[&issue_id, &new.bytes, &text],
        )?;
        if let Some(report) = new.extraction {
            tx.execute(
                "INSERT INTO issue_extractions (issue_id, report) VALUES ($1, $2)",
                &[&issue_id, &report],
            )?;
        }
        Ok(issue_id)
    }

    fn put_publication_row(
        &mut self,
        issue_id: i64,
        publication: Option<&IssuePublication>,
    ) -> PgResult<()> {
        self.execute(
            "DELETE FROM issue_publications WHERE issue_id = $1",
            &[&issue_id],
        )?;
        let Some(publication) = publication else {
            return Ok(());
        };
        let json = serde_json::to_string(publication).map_err(gazette_store::StoreError::from)?;
        let number = publication.number.map(i64::from);
        self.execute(
            "INSERT INTO issue_publications (issue_id, gazette_slug, year, number, json) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &issue_id,
                &publication.gazette.slug,
                &publication.year,
                &number,
                &json,
            ],
        )
    }

    fn insert_version_row(&mut self, v: &NewVersion<'_>) -> PgResult<()> {
        let document = v.document;
        self.tx.execute(
            "INSERT INTO versions \
             (document_id, version, issue_id, ordinal, doc_number, title, date, doc_type, \
              json, span_start, span_end) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &v.document_id,
                &v.version,
                &v.issue_id,
                &sql_int(v.ordinal),
                &document.doc_number,
                &document.title,
                &document.date,
                &document.doc_type,
                &v.json,
                &sql_int(document.span.start),
                &sql_int(document.span.end),
            ],
        )?;
        Ok(())
    }

    fn issue_hash_and_text_rows(&mut self, issue_id: i64) -> PgResult<Option<(String, String)>> {
        let Some(record) = read::issue(&mut self.tx, issue_id)? else {
            return Ok(None);
        };
        let Some(source) = read::issue_source(&mut self.tx, issue_id)? else {
            return Ok(None);
        };
        Ok(Some((record.hash, source.text)))
    }

    fn one_text(&mut self, sql: &str, value: &str) -> PgResult<Option<String>> {
        let row = self.tx.query_opt(sql, &[&value])?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    fn exists(&mut self, sql: &str, value: &str) -> PgResult<bool> {
        Ok(self.tx.query_opt(sql, &[&value])?.is_some())
    }

    fn execute(
        &mut self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> PgResult<()> {
        self.tx.execute(sql, params)?;
        Ok(())
    }
}

impl WriteTx for PgTx<'_> {
    fn issue_with_hash(&mut self, hash: &str) -> Result<Option<i64>> {
        let row = self
            .tx
            .query_opt("SELECT id FROM issues WHERE hash = $1", &[&hash])
            .map_err(crate::to_store)?;
        row.map(|r| r.try_get(0))
            .transpose()
            .map_err(crate::to_store)
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
        Ok(self.one_text("SELECT id FROM documents WHERE key = $1", key)?)
    }

    fn id_taken(&mut self, id: &str) -> Result<bool> {
        Ok(self.exists("SELECT 1 FROM documents WHERE id = $1", id)?)
    }

    fn slug_taken(&mut self, slug: &str) -> Result<bool> {
        Ok(self.exists("SELECT 1 FROM documents WHERE slug = $1", slug)?)
    }

    fn insert_identity(&mut self, id: &str, key: &str, slug: &str) -> Result<()> {
        Ok(self.execute(
            "INSERT INTO documents (id, key, slug) VALUES ($1, $2, $3)",
            &[&id, &key, &slug],
        )?)
    }

    fn next_version(&mut self, id: &str) -> Result<i64> {
        let row = self
            .tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE document_id = $1",
                &[&id],
            )
            .map_err(crate::to_store)?;
        row.try_get(0).map_err(crate::to_store)
    }

    fn insert_version(&mut self, version: &NewVersion<'_>) -> Result<()> {
        Ok(self.insert_version_row(version)?)
    }

    fn versions_of_issue(&mut self, issue_id: i64) -> Result<Vec<(String, i64)>> {
        let found = self
            .tx
            .query(
                "SELECT document_id, version FROM versions WHERE issue_id = $1 ORDER BY ordinal",
                &[&issue_id],
            )
            .map_err(crate::to_store)?;
        found
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<std::result::Result<_, postgres::Error>>()
            .map_err(crate::to_store)
    }

    fn delete_versions_of_issue(&mut self, issue_id: i64) -> Result<()> {
        Ok(self.execute("DELETE FROM versions WHERE issue_id = $1", &[&issue_id])?)
    }

    fn record_change(&mut self, id: &str, kind: ChangeKind) -> Result<()> {
        self.changed = true;
        Ok(self.execute(
            "INSERT INTO changes (seq, document_id, kind) \
             VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM changes), $1, $2)",
            &[&id, &kind.code()],
        )?)
    }

    fn resolve_id(&mut self, key: &str) -> Result<Option<String>> {
        Ok(read::resolve_id(&mut self.tx, key)?)
    }

    fn insert_status(&mut self, id: &str, change: &StatusChange) -> Result<()> {
        Ok(self.execute(
            "INSERT INTO status_changes \
             (document_id, status, effective, reason, by_document, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &id,
                &change.status.code(),
                &change.effective.to_string(),
                &change.reason,
                &change.by_document,
                &change.recorded_by,
                &change.recorded_at,
            ],
        )?)
    }

    fn insert_correction(&mut self, id: &str, correction: &Correction) -> Result<()> {
        Ok(self.execute(
            "INSERT INTO corrections \
             (document_id, field, original, corrected, reason, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &id,
                &correction.field,
                &correction.original,
                &correction.corrected,
                &correction.reason,
                &correction.recorded_by,
                &correction.recorded_at,
            ],
        )?)
    }

    fn insert_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
        Ok(insert_audit(&mut self.tx, entry)?)
    }
}
