//! Durable storage of ingested gazette issues, behind the [`Store`] trait,
//! whatever the database: this crate is backend-neutral (no database
//! client in its API); `gazette-store-sqlite` (one file, the default) and
//! `gazette-store-postgres` (a server shared by several instances)
//! implement it.
//!
//! The store keeps what was published and what was made of it:
//! - every issue's bytes and decoded text exactly as published, known by
//!   the SHA-256 of the bytes, so ingesting a file twice changes nothing;
//! - every parsed [`gazette_model::Document`] (as JSON, with columns for
//!   lookups) and its own slice of the issue text;
//! - the *versions* of a document: a document printed again in a later
//!   issue (same 发文字号) keeps its id and gets version 2, 3 …;
//! - the append-only validity history ([`StatusChange`]s) of each document;
//! - a change sequence ([`Store::changes_since`]) from which derived data,
//!   such as the search index, catches up;
//! - beside the documents ([`admin`]): corrections of parsed fields (the
//!   parse as published stays), API tokens (their hashes only) and an
//!   append-only audit log, whose entry for a write is stored in that
//!   write's transaction ([`WriteAudit`]);
//! - a consistent copy of itself while in use ([`Store::backup_to`]).
//!
//! What is the same for every backend lives here: the records
//! ([`IssueRecord`], [`DocumentRecord`], [`Change`] …, [`admin`], [`facts`]), ids and slugs
//! ([`identity`]), the rules of every write ([`rules`]: id and slug
//! allocation, versions taken back on reindex, span checks, change
//! sequence and audit entries in the write's transaction), what rows
//! become ([`rows`]: statuses as of a day, stored codes), the errors
//! ([`StoreError`]) and the schema version both backends' migrations reach
//! ([`SCHEMA_VERSION`]). The store knows nothing of parsing, HTTP or
//! search: callers hand it parsed issues, and read records back.
pub mod admin;
mod error;
pub mod facts;
pub mod identity;
mod records;
pub mod rows;
pub mod rules;

pub use admin::{
    AuditEntry, Correction, NewAuditEntry, NewToken, TokenRecord, TokenScope, WriteAudit,
};
pub use error::{DatabaseFailure, Result, StoreError};
pub use records::{
    BackupSummary, Change, ChangeKind, Counts, DocumentRecord, IngestOutcome, IssueRecord,
    IssueSource, NewIssue,
};

/// The schema version every backend's migrations bring a database to, and
/// the newest a backend can open: each backend has this many migration
/// steps, step `n` making the same tables as in every other backend.
pub const SCHEMA_VERSION: i64 = 6;

/// How often [`Store::wait_for_change`] asks a backend that is not told
/// of commits for its last change.
pub const CHANGE_POLL: Duration = Duration::from_millis(100);

/// Fails with [`StoreError::SchemaTooNew`] when `found` is above
/// [`SCHEMA_VERSION`]: the database was written by a newer `gazette`.
pub fn check_schema_not_too_new(found: i64) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use gazette_model::{Issue, StatusChange};

/// Durable storage of issues, documents, versions and status histories.
///
/// Wherever a document `id` is asked for, its slug is accepted too.
pub trait Store: Send {
    /// Computes statuses as of `day` instead of today in China (`None`
    /// goes back to today); for tests and for looking at the past.
    fn set_today(&mut self, day: Option<NaiveDate>);

    /// Adds an issue and its documents in one transaction: on any error, or
    /// if the process dies midway, nothing of it is stored.
    ///
    /// Idempotent by content hash (SHA-256 of the bytes): the same bytes
    /// again give [`IngestOutcome::AlreadyPresent`] and change nothing. A
    /// document whose 发文字号 is already stored (from another issue, or
    /// earlier in this one) becomes a new version of that document: same
    /// id, version + 1; the older versions stay retrievable.
    ///
    /// With `audit`, an added issue's audit entry ([`WriteAudit::INGEST`],
    /// target the issue id) is inserted in the same transaction: if it
    /// cannot be, the issue is not stored either. An issue already present
    /// is not audited (nothing was written).
    fn add_issue(
        &mut self,
        new: &NewIssue<'_>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<IngestOutcome>;

    /// Every issue, ordered by id.
    fn issues(&self) -> Result<Vec<IssueRecord>>;

    /// One issue.
    fn issue(&self, issue_id: i64) -> Result<Option<IssueRecord>>;

    /// Sets (or, with `None`, removes) what is known of an issue as
    /// published: its gazette, year, 期号, 总期号, date. Refused with
    /// [`StoreError::NotFound`] for an unknown issue. With `audit`, its
    /// entry ([`WriteAudit::PUBLICATION`], target the issue id) is
    /// inserted in the same transaction.
    fn set_issue_publication(
        &mut self,
        issue_id: i64,
        publication: Option<&gazette_model::IssuePublication>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()>;

    /// An issue's bytes and text as published.
    fn issue_source(&self, issue_id: i64) -> Result<Option<IssueSource>>;

    /// The extraction report (JSON) of an issue read from a PDF; `None` for
    /// text, or an unknown issue.
    fn extraction_report(&self, issue_id: i64) -> Result<Option<String>>;

    /// The documents of an issue, in issue order, each in the version that
    /// issue printed.
    fn issue_documents(&self, issue_id: i64) -> Result<Vec<DocumentRecord>>;

    /// The earliest and latest dates of the documents an issue printed
    /// (`None` when none is dated), without reading the documents: for
    /// lists of issues. The default reads them; stores answer from their
    /// date column.
    fn issue_date_range(&self, issue_id: i64) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let documents = self.issue_documents(issue_id)?;
        let dates = documents.iter().filter_map(|d| d.document.date);
        Ok(dates.clone().min().zip(dates.max()))
    }

    /// The current (latest) version of a document, by id or slug.
    fn document(&self, key: &str) -> Result<Option<DocumentRecord>>;

    /// Every version of a document, oldest first; empty for an unknown id.
    fn document_versions(&self, id: &str) -> Result<Vec<DocumentRecord>>;

    /// How many versions of a document are stored; 0 for an unknown id.
    fn version_count(&self, id: &str) -> Result<usize>;

    /// The current version of every document, by date (latest first, the
    /// undated last), then by id.
    fn documents(&self) -> Result<Vec<DocumentRecord>>;

    /// The current versions of the documents with this 发文字号 (any printed
    /// form is normalised first).
    fn find_by_number(&self, normalised_number: &str) -> Result<Vec<DocumentRecord>>;

    /// Appends a status change to a document's history and to the change
    /// sequence. Fails with [`StoreError::NotFound`] for an unknown id.
    ///
    /// With `audit`, its audit entry ([`WriteAudit::STATUS`], target the
    /// document id) is inserted in the same transaction: both are stored,
    /// or neither.
    fn record_status(
        &mut self,
        id: &str,
        change: &StatusChange,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()>;

    /// A document's status history in recording order; empty for an
    /// unknown id.
    fn status_history(&self, id: &str) -> Result<Vec<StatusChange>>;

    /// Replaces the documents of an issue with a new parse of it (reindex),
    /// in one transaction. A document whose key (see [`identity`]) is
    /// unchanged keeps its id, slug and version number; status histories are
    /// untouched. Every document added or dropped enters the change
    /// sequence. Fails with [`StoreError::NotFound`] for an unknown issue.
    fn replace_documents(&mut self, issue_id: i64, issue: &Issue) -> Result<()>;

    /// The identity of this store, made when it was created: derived data
    /// records it to tell a store from another (a restored or replaced
    /// file) whose change sequence says nothing of its own.
    fn store_id(&self) -> Result<String>;

    /// The last position of the change sequence, 0 when nothing happened.
    fn last_seq(&self) -> Result<i64>;

    /// The changes after position `seq`, in ascending order. One document
    /// may appear several times.
    fn changes_since(&self, seq: i64) -> Result<Vec<Change>>;

    /// Waits until the change sequence is past position `seq` (a write
    /// committed through any connection, of this process or another) or
    /// until `timeout` has passed, and gives the last position then. This
    /// is how an instance's indexes follow a store that others write too.
    /// The default asks [`Store::last_seq`] every [`CHANGE_POLL`]; a
    /// backend that is told of commits (PostgreSQL's `LISTEN`) wakes at
    /// once and asks less. Give it a connection of its own: it holds this
    /// one while it waits.
    fn wait_for_change(&self, seq: i64, timeout: Duration) -> Result<i64> {
        let deadline = Instant::now() + timeout;
        loop {
            let last = self.last_seq()?;
            let now = Instant::now();
            if last > seq || now >= deadline {
                return Ok(last);
            }
            std::thread::sleep(CHANGE_POLL.min(deadline - now));
        }
    }

    /// How many issues, documents and versions are stored.
    fn counts(&self) -> Result<Counts>;

    /// The slug of document `id`, read without the document itself.
    fn slug(&self, id: &str) -> Result<Option<String>>;

    /// Appends a correction of a parsed field to a document (by id or
    /// slug); the document itself is not changed. Fails with
    /// [`StoreError::NotFound`] for an unknown id.
    ///
    /// With `audit`, its audit entry ([`WriteAudit::CORRECTION`], target the
    /// document id) is inserted in the same transaction: both are stored,
    /// or neither.
    fn record_correction(
        &mut self,
        id: &str,
        correction: &Correction,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<()>;

    /// A document's corrections in recording order; empty for an unknown id.
    fn corrections(&self, id: &str) -> Result<Vec<Correction>>;

    /// Stores an API token (its hash). Fails with [`StoreError::Conflict`]
    /// when a token of that name exists and is not revoked.
    ///
    /// With `audit`, its audit entry ([`WriteAudit::TOKEN_CREATE`], target
    /// the token's name) is inserted in the same transaction: both are
    /// stored, or neither.
    fn add_token(
        &mut self,
        token: &NewToken<'_>,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<TokenRecord>;

    /// Every token, revoked ones included, in order of creation.
    fn tokens(&self) -> Result<Vec<TokenRecord>>;

    /// The token whose SHA-256 (lowercase hex) is `hash`, revoked or not.
    fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRecord>>;

    /// The valid (not revoked) tokens, each with its hash: what a server
    /// keeps in memory to check tokens without reading the store.
    fn valid_tokens(&self) -> Result<Vec<(String, TokenRecord)>>;

    /// A number that changes whenever a token is added or revoked, by this
    /// connection or any other (another process): a cheap test of whether
    /// [`Store::valid_tokens`] must be read again.
    fn tokens_version(&self) -> Result<i64>;

    /// Revokes the valid token of that name; `false` when there is none.
    ///
    /// With `audit`, its audit entry ([`WriteAudit::TOKEN_REVOKE`], target
    /// the token's name) is inserted in the same transaction when a token
    /// was revoked: both are stored, or neither.
    fn revoke_token(
        &mut self,
        name: &str,
        revoked_at: &str,
        audit: Option<&WriteAudit<'_>>,
    ) -> Result<bool>;

    /// Appends an entry to the audit log, which nothing can change or
    /// delete afterwards. For the audit of a write that has its own
    /// `audit` argument, pass it there instead: an entry appended after the
    /// write is a second transaction, which a crash can separate from it.
    fn append_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry>;

    /// At most `limit` entries of the audit log after position `after`, in
    /// order.
    fn audit_log(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>>;

    /// Copies the whole store, consistently as of one moment, to a new
    /// file at `dest`, while other connections (a server) go on reading
    /// and writing; see [`BackupSummary`]. Fails with
    /// [`StoreError::Conflict`] when `dest` exists, and leaves no file at
    /// `dest` when it fails. A backend without a file of its own
    /// (PostgreSQL) refuses with [`StoreError::Conflict`]: it is backed up
    /// by its own tools (`pg_dump`).
    fn backup_to(&self, dest: &Path) -> Result<BackupSummary>;
}
