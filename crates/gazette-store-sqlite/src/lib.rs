//! The SQLite backend of the gazette store ([`SqliteStore`]): one file,
//! WAL journal, foreign keys on; and the fact index ([`facts::FactIndex`]),
//! an SQLite file of its own per instance.
//!
//! The rules of every write (ids, slugs, versions, spans, change sequence,
//! audit entries) are `gazette_store::rules`, shared with every backend;
//! this crate gives them a transaction (`write`) and reads rows into
//! `gazette_store::rows`.
//!
//! Every write ([`Store::add_issue`], [`Store::replace_documents`],
//! [`Store::record_status`], [`Store::record_correction`],
//! [`Store::add_token`], [`Store::revoke_token`]) is one `BEGIN
//! IMMEDIATE` transaction, its audit entry included, and writes nothing
//! outside it, so a crash or a `kill -9` midway leaves the
//! database as it was before. `synchronous=NORMAL` is enough for that in
//! WAL mode: a commit is atomic and the file consistent after a crash of
//! the process or of the machine. What NORMAL gives up is only that a power
//! loss may roll back the last few commits — and ingest is idempotent by
//! content hash, so ingesting the same files again restores them. FULL
//! would add a sync on every commit, which is the bottleneck when many
//! small issues are ingested.
//!
//! The schema and its migrations are in `schema`; the SQL of reads and
//! writes in the submodules `read` and `write`, that of corrections, tokens
//! and the audit log in `admin`; the online copy in `backup`.
//!
//! ```
//! use gazette_store::{IngestOutcome, NewIssue, Store};
//! use gazette_store_sqlite::SqliteStore;
//!
//! let text = "国务院关于推行\n监管的意见\n国发〔2019〕5号\n各省人民政府：\n现提出如下意见。\n";
//! let issue = gazette_parse::parse_text(text);
//! let mut store = SqliteStore::open_in_memory()?;
//! let new = NewIssue { file_name: "a.txt", bytes: text.as_bytes(), encoding: "UTF-8", text, issue: &issue, extraction: None, publication: None };
//! let outcome = store.add_issue(&new, None)?;
//! assert!(matches!(outcome, IngestOutcome::Added { .. }));
//! let doc = store.document("2019-国发-5")?.expect("stored under its slug");
//! assert_eq!(doc.document.title, "国务院关于推行监管的意见");
//! assert_eq!(store.add_issue(&new, None)?, IngestOutcome::AlreadyPresent { issue_id: 1 });
//! # Ok::<(), gazette_store::StoreError>(())
//! ```

mod admin;
mod backup;
mod blocks;
mod fact_payloads;
pub mod facts;
mod packed;
mod read;
mod schema;
mod write;

use std::path::Path;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use gazette_model::{Issue, StatusChange};
use rusqlite::config::DbConfig;
use rusqlite::Connection;

use gazette_store::{
    AuditEntry, BackupSummary, Change, Correction, Counts, DatabaseFailure, DocumentRecord,
    IngestOutcome, IssueRecord, IssueSource, NewAuditEntry, NewIssue, NewToken, Result, Store,
    StoreError, TokenRecord, WriteAudit,
};
use rusqlite::ErrorCode;

pub use gazette_store::SCHEMA_VERSION;

/// The name of this backend in errors.
const BACKEND: &str = "SQLite";

/// An error inside this crate: SQLite's own, or the store's. It becomes a
/// [`StoreError`] at the crate's edge, SQLite's kept as the source of
/// [`StoreError::Database`].
#[derive(Debug)]
pub(crate) enum Error {
    Sqlite(rusqlite::Error),
    Store(StoreError),
}

/// The result of this crate's inner functions.
pub(crate) type SqlResult<T> = std::result::Result<T, Error>;

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        Error::Sqlite(error)
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
            Error::Sqlite(error) => to_store(error),
            Error::Store(error) => error,
        }
    }
}

/// SQLite's error as a [`StoreError::Database`]: a file that is no
/// database or a corrupt one is [`DatabaseFailure::Damaged`]; one that
/// cannot be opened, [`DatabaseFailure::Unavailable`].
pub(crate) fn to_store(error: rusqlite::Error) -> StoreError {
    let failure = match &error {
        rusqlite::Error::SqliteFailure(e, _) => match e.code {
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => DatabaseFailure::Damaged,
            ErrorCode::CannotOpen => DatabaseFailure::Unavailable,
            _ => DatabaseFailure::Other,
        },
        _ => DatabaseFailure::Other,
    };
    StoreError::database(BACKEND, failure, error)
}

/// How long a write waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Prepared statements kept per connection (the store uses about 30).
const STATEMENT_CACHE: usize = 64;

/// Pages the WAL may hold before it is copied back into the database
/// (SQLite's default is 1,000). Each such checkpoint syncs both files, and
/// ingest writes much (a document's JSON is about 2.5 times its text): with
/// a checkpoint every 4 MiB, adding 500 variants of the Qingdao sample
/// (3,000 documents) ran at 2,400–3,800 documents/s on a busy 2-core
/// machine, against about 4,000 with 32 MiB.
pub(crate) const WAL_CHECKPOINT_PAGES: i64 = 8192;

/// Page cache of a connection, in KiB (SQLite's default is 2 MiB): an
/// ingest of 100,000 documents updates indexes far larger than that, and
/// every page that falls out of the cache is read again.
pub(crate) const CACHE_KIB: i64 = 32 << 10;

/// Bytes the WAL file is cut back to after a checkpoint, should one large
/// transaction have grown it.
const WAL_SIZE_LIMIT: i64 = 64 << 20;

/// A [`Store`] in an SQLite database.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    today: Option<NaiveDate>,
}

impl SqliteStore {
    /// Opens the database at `path`, creating the file if needed, and
    /// brings its schema up to date. Fails with
    /// [`crate::StoreError::SchemaTooNew`], leaving the file untouched,
    /// when a newer `gazette` wrote it.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        Ok(SqliteStore::set_up(
            Connection::open(path).map_err(to_store)?,
        )?)
    }

    /// A database in memory, gone when the store is dropped.
    pub fn open_in_memory() -> Result<SqliteStore> {
        Ok(SqliteStore::set_up(
            Connection::open_in_memory().map_err(to_store)?,
        )?)
    }

    fn set_up(mut conn: Connection) -> SqlResult<SqliteStore> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Before anything writes to the file (WAL mode does).
        gazette_store::check_schema_not_too_new(schema::version(&conn)?)?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)?;
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Plans that do not depend on bound values: without this, SQLite
        // re-prepares a cached statement on every new binding of a
        // parameter it compared during planning (`id = ?1 OR slug = ?1`),
        // which was a third of the cost of reading one document.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn, today: None })
    }

    /// The day statuses are computed for.
    fn today(&self) -> NaiveDate {
        gazette_store::rows::status_day(self.today)
    }
}

fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from(SystemTime::now())
}

impl Store for SqliteStore {
    fn set_today(&mut self, day: Option<NaiveDate>) {
        self.today = day;
    }

    fn add_issue(
        &mut self,
        new: &NewIssue<'_>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<IngestOutcome> {
        let ingested_at = now().to_rfc3339_opts(SecondsFormat::Secs, true);
        Ok(write::add_issue(&mut self.conn, new, &ingested_at, audit)?)
    }

    fn issues(&self) -> Result<Vec<IssueRecord>> {
        Ok(read::issues(&self.conn)?)
    }

    fn issue(&self, issue_id: i64) -> Result<Option<IssueRecord>> {
        Ok(read::issue(&self.conn, issue_id)?)
    }

    fn set_issue_publication(
        &mut self,
        issue_id: i64,
        publication: Option<&gazette_model::IssuePublication>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()> {
        Ok(write::set_issue_publication(
            &mut self.conn,
            issue_id,
            publication,
            audit,
        )?)
    }

    fn issue_source(&self, issue_id: i64) -> Result<Option<IssueSource>> {
        Ok(read::issue_source(&self.conn, issue_id)?)
    }

    fn extraction_report(&self, issue_id: i64) -> Result<Option<String>> {
        Ok(read::extraction_report(&self.conn, issue_id)?)
    }

    fn issue_documents(&self, issue_id: i64) -> Result<Vec<DocumentRecord>> {
        Ok(read::issue_documents(&self.conn, issue_id, self.today())?)
    }

    fn issue_date_range(&self, issue_id: i64) -> Result<Option<(NaiveDate, NaiveDate)>> {
        Ok(read::issue_date_range(&self.conn, issue_id)?)
    }

    fn document(&self, key: &str) -> Result<Option<DocumentRecord>> {
        Ok(read::document(&self.conn, key, self.today())?)
    }

    fn document_versions(&self, id: &str) -> Result<Vec<DocumentRecord>> {
        Ok(read::document_versions(&self.conn, id, self.today())?)
    }

    fn version_count(&self, id: &str) -> Result<usize> {
        Ok(read::version_count(&self.conn, id)?)
    }

    fn documents(&self) -> Result<Vec<DocumentRecord>> {
        Ok(read::documents(&self.conn, self.today())?)
    }

    fn find_by_number(&self, normalised_number: &str) -> Result<Vec<DocumentRecord>> {
        Ok(read::find_by_number(
            &self.conn,
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
        Ok(write::record_status(&mut self.conn, id, change, audit)?)
    }

    fn status_history(&self, id: &str) -> Result<Vec<StatusChange>> {
        Ok(read::status_history(&self.conn, id)?)
    }

    fn replace_documents(&mut self, issue_id: i64, issue: &Issue) -> Result<()> {
        Ok(write::replace_documents(&mut self.conn, issue_id, issue)?)
    }

    fn store_id(&self) -> Result<String> {
        Ok(read::store_id(&self.conn)?)
    }

    fn last_seq(&self) -> Result<i64> {
        Ok(read::last_seq(&self.conn)?)
    }

    fn changes_since(&self, seq: i64) -> Result<Vec<Change>> {
        Ok(read::changes_since(&self.conn, seq)?)
    }

    fn counts(&self) -> Result<Counts> {
        Ok(read::counts(&self.conn)?)
    }

    fn slug(&self, id: &str) -> Result<Option<String>> {
        Ok(read::slug(&self.conn, id)?)
    }

    fn record_correction(
        &mut self,
        id: &str,
        correction: &Correction,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()> {
        Ok(write::record_correction(
            &mut self.conn,
            id,
            correction,
            audit,
        )?)
    }

    fn corrections(&self, id: &str) -> Result<Vec<Correction>> {
        Ok(admin::corrections(&self.conn, id)?)
    }

    fn add_token(
        &mut self,
        token: &NewToken<'_>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<TokenRecord> {
        Ok(admin::add_token(&mut self.conn, token, audit)?)
    }

    fn tokens(&self) -> Result<Vec<TokenRecord>> {
        Ok(admin::tokens(&self.conn)?)
    }

    fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRecord>> {
        Ok(admin::token_by_hash(&self.conn, hash)?)
    }

    fn valid_tokens(&self) -> Result<Vec<(String, TokenRecord)>> {
        Ok(admin::valid_tokens(&self.conn)?)
    }

    fn tokens_version(&self) -> Result<i64> {
        Ok(admin::tokens_version(&self.conn)?)
    }

    fn revoke_token(
        &mut self,
        name: &str,
        revoked_at: &str,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<bool> {
        Ok(admin::revoke_token(
            &mut self.conn,
            name,
            revoked_at,
            audit,
        )?)
    }

    fn append_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
        Ok(admin::append_audit(&mut self.conn, entry)?)
    }

    fn audit_log(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(admin::audit_log(&self.conn, after, limit)?)
    }

    fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        Ok(backup::backup_to(&self.conn, dest)?)
    }
}

pub(crate) use gazette_store::rows::sql_int;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_day_replaces_today() {
        let mut store = SqliteStore::open_in_memory().expect("open");
        let day = NaiveDate::from_ymd_opt(2020, 2, 29).expect("valid date");
        store.set_today(Some(day));
        assert_eq!(store.today(), day);
        store.set_today(None);
        let utc_today = now().date_naive();
        assert!((store.today() - utc_today).num_days().abs() <= 1);
    }

    #[test]
    fn an_in_memory_store_starts_empty() {
        let store = SqliteStore::open_in_memory().expect("open");
        assert_eq!(
            store.counts().expect("counts"),
            Counts {
                issues: 0,
                documents: 0,
                versions: 0
            }
        );
        assert_eq!(store.last_seq().expect("last seq"), 0);
        assert!(store.issues().expect("issues").is_empty());
        assert_eq!(store.document("d000000000000").expect("lookup"), None);
    }
}
