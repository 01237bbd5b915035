//! The PostgreSQL backend of the gazette store ([`PostgresStore`]): one
//! database that several `gazette` instances share.
//!
//! It keeps the same tables as the SQLite backend (`migrations`: versioned
//! SQL files applied in one transaction and recorded in
//! `gazette_schema_migrations`) and writes through the same rules
//! (`gazette_store::rules`: ids, slugs, versions, spans, change sequence,
//! audit entries), so both backends give the same records for the same
//! writes.
//!
//! Every write is one transaction, its audit entry included, that first
//! takes a transaction-level advisory lock (`WRITE_LOCK`): writes of all
//! instances are serialized as SQLite serializes them (`BEGIN IMMEDIATE`),
//! which also makes the change sequence grow in commit order — a reader
//! that has seen position `n` never later finds a smaller one committed.
//! Under that lock, issue ids and the positions of the change sequence and
//! the audit log are taken as the highest plus one (not from a PostgreSQL
//! sequence, which a rolled-back transaction would leave with a gap): the
//! same numbers as SQLite gives for the same writes.
//! A crash, a `kill -9` or a lost connection midway leaves the database as
//! it was.
//!
//! A store is one connection (the synchronous `postgres` client); the
//! archive opens one per reader, as it does with SQLite. Connections are
//! plain (no TLS): the database is expected on the same host or a private
//! network, reached by a Unix socket or TCP
//! (`postgres://user@host/db`, `postgres:///db?host=/run/postgresql`).

mod migrations;
mod read;
mod write;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{NaiveDate, SecondsFormat, Utc};
use gazette_model::{Issue, StatusChange};
use gazette_store::{
    AuditEntry, BackupSummary, Change, Correction, Counts, DatabaseFailure, DocumentRecord,
    IngestOutcome, IssueRecord, IssueSource, NewAuditEntry, NewIssue, NewToken, Result, Store,
    StoreError, TokenRecord, WriteAudit,
};
use postgres::error::SqlState;
use postgres::{Client, NoTls};

/// The name of this backend in errors.
const BACKEND: &str = "PostgreSQL";

/// The advisory lock every write transaction takes first (any constant of
/// our own): see the crate docs.
pub(crate) const WRITE_LOCK: i64 = 0x6761_7a65_7474_6502;

/// The channel every write transaction that adds to the change sequence
/// notifies at its commit (`NOTIFY`), and on which
/// [`Store::wait_for_change`] listens.
pub(crate) const CHANGES_CHANNEL: &str = "gazette_changes";

/// An error inside this crate: PostgreSQL's own, or the store's. It becomes
/// a [`StoreError`] at the crate's edge.
#[derive(Debug)]
pub(crate) enum Error {
    Postgres(postgres::Error),
    Store(StoreError),
}

/// The result of this crate's inner functions.
pub(crate) type PgResult<T> = std::result::Result<T, Error>;

impl From<postgres::Error> for Error {
    fn from(error: postgres::Error) -> Error {
        Error::Postgres(error)
    }
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Error {
        Error::Store(error)
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Error {
        Error::Store(StoreError::Json(error))
    }
}

impl From<Error> for StoreError {
    fn from(error: Error) -> StoreError {
        match error {
            Error::Postgres(error) => to_store(error),
            Error::Store(error) => error,
        }
    }
}

/// PostgreSQL's error as a [`StoreError::Database`]: a lost or refused
/// connection, or a server shutting down, is
/// [`DatabaseFailure::Unavailable`]; data the server finds corrupt is
/// [`DatabaseFailure::Damaged`].
pub(crate) fn to_store(error: postgres::Error) -> StoreError {
    let failure = match error.code() {
        Some(code) if code.code().starts_with("08") => DatabaseFailure::Unavailable,
        Some(code)
            if *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CRASH_SHUTDOWN
                || *code == SqlState::CANNOT_CONNECT_NOW =>
        {
            DatabaseFailure::Unavailable
        }
        Some(code) if *code == SqlState::DATA_CORRUPTED || *code == SqlState::INDEX_CORRUPTED => {
            DatabaseFailure::Damaged
        }
        Some(_) => DatabaseFailure::Other,
        // No answer from the server: the connection is gone or never was.
        None => DatabaseFailure::Unavailable,
    };
    // The server's own report (severity, message, detail) says what went
    // wrong; the client's error only says "db error" around it.
    match error.as_db_error() {
        Some(db) => StoreError::database(BACKEND, failure, db.clone()),
        None => StoreError::database(BACKEND, failure, error),
    }
}

/// A [`Store`] in a PostgreSQL database.
pub struct PostgresStore {
    /// Where to connect again when the connection is lost (it may hold a
    /// password: never shown).
    url: String,
    client: Mutex<Client>,
    today: Option<NaiveDate>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("today", &self.today)
            .finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://…` or
    /// `host=… dbname=…`) and brings its schema up to date. Fails with
    /// [`StoreError::SchemaTooNew`], changing nothing, when a newer
    /// `gazette` wrote it.
    pub fn open(url: &str) -> Result<PostgresStore> {
        let mut client = Client::connect(url, NoTls).map_err(to_store)?;
        migrations::migrate(&mut client)?;
        Ok(PostgresStore {
            url: url.to_owned(),
            client: Mutex::new(client),
            today: None,
        })
    }

    /// The schema version of the database (see `migrations`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(migrations::version(&mut *self.client()?)?)
    }

    /// The connection; one call of the store at a time uses it. A
    /// connection found closed (the server restarted, the connection was
    /// cut) is made again first: the call that met the loss failed as
    /// [`DatabaseFailure::Unavailable`] (its transaction rolled back), the
    /// next one reconnects — or fails as unavailable while the server is
    /// down.
    fn client(&self) -> Result<MutexGuard<'_, Client>> {
        let mut client = self
            .client
            .lock()
            .map_err(|_| StoreError::Corrupt("a call of this store panicked midway".to_owned()))?;
        if client.is_closed() {
            *client = Client::connect(&self.url, NoTls).map_err(to_store)?;
        }
        Ok(client)
    }

    /// The day statuses are computed for.
    fn today(&self) -> NaiveDate {
        gazette_store::rows::status_day(self.today)
    }
}

impl Store for PostgresStore {
    fn set_today(&mut self, day: Option<NaiveDate>) {
        self.today = day;
    }

    fn add_issue(
        &mut self,
        new: &NewIssue<'_>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<IngestOutcome> {
        let ingested_at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        Ok(write::add_issue(
            &mut *self.client()?,
            new,
            &ingested_at,
            audit,
        )?)
    }

    fn issues(&self) -> Result<Vec<IssueRecord>> {
        Ok(read::issues(&mut *self.client()?)?)
    }

    fn issue(&self, issue_id: i64) -> Result<Option<IssueRecord>> {
        Ok(read::issue(&mut *self.client()?, issue_id)?)
    }

    fn issue_source(&self, issue_id: i64) -> Result<Option<IssueSource>> {
        Ok(read::issue_source(&mut *self.client()?, issue_id)?)
    }

    fn extraction_report(&self, issue_id: i64) -> Result<Option<String>> {
        Ok(read::extraction_report(&mut *self.client()?, issue_id)?)
    }

    fn issue_documents(&self, issue_id: i64) -> Result<Vec<DocumentRecord>> {
        Ok(read::issue_documents(
            &mut *self.client()?,
            issue_id,
            self.today(),
        )?)
    }

    fn issue_date_range(&self, issue_id: i64) -> Result<Option<(NaiveDate, NaiveDate)>> {
        Ok(read::issue_date_range(&mut *self.client()?, issue_id)?)
    }

    fn document(&self, key: &str) -> Result<Option<DocumentRecord>> {
        Ok(read::document(&mut *self.client()?, key, self.today())?)
    }

    fn document_versions(&self, id: &str) -> Result<Vec<DocumentRecord>> {
        Ok(read::document_versions(
            &mut *self.client()?,
            id,
            self.today(),
        )?)
    }

    fn version_count(&self, id: &str) -> Result<usize> {
        Ok(read::version_count(&mut *self.client()?, id)?)
    }

    fn documents(&self) -> Result<Vec<DocumentRecord>> {
        Ok(read::documents(&mut *self.client()?, self.today())?)
    }

    fn find_by_number(&self, normalised_number: &str) -> Result<Vec<DocumentRecord>> {
        Ok(read::find_by_number(
            &mut *self.client()?,
            normalised_number,
            self.today(),
        )?)
    }

    fn record_status(
        &mut self,
        id: &str,
        change: &StatusChange,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()> {
        Ok(write::record_status(
            &mut *self.client()?,
            id,
            change,
            audit,
        )?)
    }

    fn status_history(&self, id: &str) -> Result<Vec<StatusChange>> {
        Ok(read::status_history(&mut *self.client()?, id)?)
    }

    fn set_issue_publication(
        &mut self,
        issue_id: i64,
        publication: Option<&gazette_model::IssuePublication>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()> {
        Ok(write::set_issue_publication(
            &mut *self.client()?,
            issue_id,
            publication,
            audit,
        )?)
    }

    fn replace_documents(&mut self, issue_id: i64, issue: &Issue) -> Result<()> {
        Ok(write::replace_documents(
            &mut *self.client()?,
            issue_id,
            issue,
        )?)
    }

    fn store_id(&self) -> Result<String> {
        Ok(read::store_id(&mut *self.client()?)?)
    }

    fn last_seq(&self) -> Result<i64> {
        Ok(read::last_seq(&mut *self.client()?)?)
    }

    fn changes_since(&self, seq: i64) -> Result<Vec<Change>> {
        Ok(read::changes_since(&mut *self.client()?, seq)?)
    }

    fn wait_for_change(&self, seq: i64, timeout: Duration) -> Result<i64> {
        Ok(read::wait_for_change(&mut *self.client()?, seq, timeout)?)
    }

    fn counts(&self) -> Result<Counts> {
        Ok(read::counts(&mut *self.client()?)?)
    }

    fn slug(&self, id: &str) -> Result<Option<String>> {
        Ok(read::slug(&mut *self.client()?, id)?)
    }

    fn record_correction(
        &mut self,
        id: &str,
        correction: &Correction,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()> {
        Ok(write::record_correction(
            &mut *self.client()?,
            id,
            correction,
            audit,
        )?)
    }

    fn corrections(&self, id: &str) -> Result<Vec<Correction>> {
        Ok(read::corrections(&mut *self.client()?, id)?)
    }

    fn add_token(
        &mut self,
        token: &NewToken<'_>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<TokenRecord> {
        Ok(write::add_token(&mut *self.client()?, token, audit)?)
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>> {
        Ok(read::tokens(&mut *self.client()?)?)
    }

    fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRecord>> {
        Ok(read::token_by_hash(&mut *self.client()?, hash)?)
    }

    fn valid_tokens(&self) -> Result<Vec<(String, TokenRecord)>> {
        Ok(read::valid_tokens(&mut *self.client()?)?)
    }

    fn tokens_version(&self) -> Result<i64> {
        Ok(read::tokens_version(&mut *self.client()?)?)
    }

    fn revoke_token(
        &mut self,
        name: &str,
        revoked_at: &str,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<bool> {
        Ok(write::revoke_token(
            &mut *self.client()?,
            name,
            revoked_at,
            audit,
        )?)
    }

    fn append_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
        Ok(write::append_audit(&mut *self.client()?, entry)?)
    }

    fn audit_log(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(read::audit_log(&mut *self.client()?, after, limit)?)
    }

    /// A PostgreSQL database is backed up by its own tools: this refuses
    /// with [`StoreError::Conflict`] and writes nothing.
    fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        Err(StoreError::Conflict(format!(
            "a PostgreSQL store is backed up with pg_dump, not copied to a file ({})",
            dest.display()
        )))
    }
}
