//! The archive: the one place where parsing, storage and search meet.
//!
//! Both faces of `gazette` — the CLI and the server — call this crate, and
//! only this crate (with `gazette-model`): a file given to `gazette ingest`
//! and one uploaded through the API take exactly the same path: parse →
//! one store transaction per issue → search index caught up from the
//! store's change sequence. The rules both faces share live here too:
//! tokens and the audit log ([`AdminStore`], [`token_hash`]), corrections
//! ([`CorrectionRequest`], [`Archive::correct`]), list filters, orders,
//! cursors and paging ([`listing`]), and what input cannot be used
//! ([`InvalidInput`]). The types the faces show that lower crates make
//! (records, hits, facets, snippets, rosters, provisions …) are
//! re-exported, unchanged, from [`types`].
//!
//! The store is the truth; the search index is derived data. If the process
//! dies between a store commit and an index commit, the next [`Archive::open`]
//! catches the index up, so the two never disagree for long and never lose
//! anything. This crate does no HTTP and draws no progress bars: callers get
//! [`ProgressEvent`]s and render them as they like.
//!
//! A data directory holds `archive.sqlite` (the store), `index/` (the
//! search index, and `index.store` naming the store it is built from) and `facts.sqlite` (the fact index of the linked archive:
//! citations, units, people, deadlines, provisions; see `links`). Both
//! indexes are derived data: a damaged one is rebuilt at open (`derived`).

mod admin;
mod corrections;
mod dates;
mod derived;
mod exchange;
mod follow;
pub mod gazettes;
mod ingest;
mod input;
mod interpretation;
pub mod ledger;
mod links;
pub mod listing;
mod location;
mod original_pages;
mod place;
mod prepare;
mod source;
mod tokens;
pub mod types;
mod validity;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use gazette_model::{Status, StatusChange};
use gazette_search::{SearchIndex, SearchOptions, SearchResults};
use gazette_store::{
    AuditEntry, Correction, DocumentRecord, IssueRecord, NewAuditEntry, Store, TokenRecord,
    WriteAudit,
};
use gazette_store_sqlite::facts::FactIndex;
use gazette_store_sqlite::SqliteStore;
use serde::Serialize;

pub use admin::{generate_token, token_hash, AdminStore, TokenError, TOKEN_PREFIX};
pub use corrections::{corrected, CheckedCorrection, CorrectionField, CorrectionRequest};
pub use dates::{Dates, PublishedFrom};
pub use exchange::ExchangeError;
pub use follow::StoreFollower;
pub use gazette_pdf::{ExtractOptions, ExtractionReport, PdfLimits};
pub use gazette_search::DEFAULT_CACHE_BYTES as DEFAULT_SEARCH_CACHE_BYTES;
pub use gazette_store::facts::{FactSource, KeyCount};
pub use gazette_store::BackupSummary;
pub use gazettes::{
    ContentsEntry, GazetteIssue, GazetteSummary, GazetteYear, GivenIssue, IssueEntry, YearSummary,
};
pub use ingest::{FileOutcome, FileReport, IngestSummary, ProgressEvent, StoredIssue};
pub use input::{note, InvalidInput, MAX_NOTE_CHARS};
pub use interpretation::Interpretations;
pub use ledger::{Ledger, LedgerBody, LedgerChange, LedgerEntry};
pub use links::{
    AsOfAnswer, CalendarEntry, CalendarFilter, CalendarPage, Citing, DocumentLinks, Graph,
    GraphEdge, GraphLimits, GraphNode, ProvisionEntry, ProvisionReport, ResolvedReference,
    UnitReport, UnitTask,
};
pub use location::StoreLocation;
pub use prepare::PreparedIssue;
pub use source::{is_html_encoding, IssueText, SourceError, HTML_ENCODING, PDF_ENCODING};
pub use tokens::TokenSet;
pub use validity::{chinese_day, Evidence, EvidenceKind, StatusSource, Validity};

/// Why an archive operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The data directory could not be created or read.
    #[error("data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] gazette_store::StoreError),
    /// The search index failed, or a query was malformed.
    #[error(transparent)]
    Search(#[from] gazette_search::SearchError),
    /// No document has this id, slug or number.
    #[error("no document “{0}” in the archive")]
    UnknownDocument(String),
    /// An export or import failed.
    #[error(transparent)]
    Exchange(#[from] ExchangeError),
    /// What was asked for cannot be used (a field, a value, a filter, a
    /// cursor).
    #[error(transparent)]
    Invalid(#[from] InvalidInput),
    /// The store is no longer the one the indexes were built from (see
    /// [`ArchiveReader::check_store`]): answers would show documents it
    /// does not hold. Reopening the archive rebuilds the indexes.
    #[error("the archive's store changed under it: {0}; restart to rebuild the indexes from it")]
    StoreChanged(String),
    /// A PDF could not be read or cut (a tool missing, a limit passed).
    #[error(transparent)]
    Pdf(#[from] gazette_pdf::PdfError),
    /// A store URL (`--store`, `GAZETTE_STORE`) that names no store this
    /// build knows; see [`StoreLocation::parse`].
    #[error("store URL: {0}")]
    StoreUrl(String),
}

/// Result of archive operations.
pub type Result<T, E = ArchiveError> = std::result::Result<T, E>;

/// An open archive in a data directory: reads and writes.
pub struct Archive {
    /// Where the data directory (the indexes) is, or that it is in memory.
    place: place::Place,
    /// The store, which every new connection (readers, token sets) opens.
    location: StoreLocation,
    reads: ArchiveReader,
    /// How ingest reads PDFs, with their limits.
    extract_options: ExtractOptions,
    /// Whether this archive keeps its indexes (`false` beside another
    /// process that holds them: see [`Archive::open_shared`]).
    holds_indexes: bool,
    /// The days whose status changes the search index has followed.
    schedule: Box<validity::Schedule>,
}

/// The read side of an archive: search, documents, statuses. A server keeps
/// several (each with its own store connection, all sharing one search
/// index) to answer in parallel; [`Archive::reader`] makes one.
pub struct ArchiveReader {
    store: Box<dyn Store>,
    index: Arc<SearchIndex>,
    facts: FactIndex,
    /// The store's file as opened, to notice its replacement.
    file: watch::StoreFile,
}

/// A document with its status history, as `gazette show` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// The stored document (current version).
    #[serde(flatten)]
    pub record: DocumentRecord,
    /// Every recorded status change, in recording order.
    pub status_history: Vec<StatusChange>,
    /// The status today with where it comes from (the editor's record,
    /// else the archive's texts, else 未核实) and every finding about it;
    /// `record.status` is its status.
    pub validity: Validity,
    /// Its 解读 links: the document it explains when it is a 解读, the 解读
    /// that explain it.
    pub interpretations: Interpretations,
    /// Its dates told apart (the 发布日期 falls back to its issue's).
    pub dates: Dates,
    /// How many versions the archive holds.
    pub versions: usize,
}

/// A status change asked for by a user.
#[derive(Debug, Clone)]
pub struct StatusRequest {
    /// The new status.
    pub status: Status,
    /// When it takes effect.
    pub effective: NaiveDate,
    /// Why.
    pub reason: Option<String>,
    /// The document that made the change (发文字号), in any printed form.
    pub by_document: Option<String>,
    /// Who records it.
    pub recorded_by: String,
}

impl Archive {
    /// Opens (creating if needed) the archive in `dir`, and catches the
    /// search index up with the store. The indexes are derived data: one
    /// made by another version, with another schema, is deleted and
    /// rebuilt; a damaged one is moved aside (with a warning) and rebuilt;
    /// one built from another store, or ahead of this one (restored from an
    /// older copy), is rebuilt too (see `derived`).
    pub fn open(dir: &Path) -> Result<Archive> {
        Archive::open_with(dir, &StoreLocation::in_dir(dir))
    }

    /// Opens the archive whose store is at `location` (see
    /// [`StoreLocation`]) and whose indexes are in `dir`, as
    /// [`Archive::open`] does.
    pub fn open_with(dir: &Path, location: &StoreLocation) -> Result<Archive> {
        std::fs::create_dir_all(dir).map_err(|source| ArchiveError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let store = location.open()?;
        let file = location.watched();
        let index = derived::open_search_index(&dir.join("index"))?;
        let mut archive = Archive {
            place: place::Place::Dir(dir.to_path_buf()),
            location: location.clone(),
            reads: ArchiveReader {
                store,
                index: Arc::new(index),
                facts: derived::open_facts(&facts_path(dir))?,
                file,
            },
            extract_options: ExtractOptions::default(),
            holds_indexes: true,
            schedule: Box::default(),
        };
        let reads = &mut archive.reads;
        let store_id = reads.store.store_id()?;
        derived::drop_indexes_of_other_store(dir, &store_id, &reads.index, &mut reads.facts)?;
        derived::drop_indexes_ahead_of(reads.store.last_seq()?, &reads.index, &mut reads.facts)?;
        archive.catch_up()?;
        Ok(archive)
    }

    /// How ingest reads PDFs from now on: OCR, resolution and the limits
    /// on pages, pixels, time and memory (the defaults unless set).
    pub fn set_extract_options(&mut self, options: ExtractOptions) {
        self.extract_options = options;
    }

    /// Keeps up to `pages` search result pages in memory, for a server that
    /// answers the same searches again; every index commit empties it. 0
    /// (the default) keeps none.
    pub fn set_search_cache(&self, pages: usize) {
        self.reads.index.set_result_cache(pages);
    }

    /// Bounds the cached search result pages by their approximate size in
    /// memory as well ([`DEFAULT_SEARCH_CACHE_BYTES`] unless set).
    pub fn set_search_cache_bytes(&self, bytes: usize) {
        self.reads.index.set_result_cache_bytes(bytes);
    }

    /// Whether one search runs on several threads (the default) or on the
    /// calling thread only; see [`SearchIndex::set_parallel_search`].
    pub fn set_parallel_search(&self, parallel: bool) {
        self.reads.index.set_parallel_search(parallel);
    }

    /// The data directory; `None` for an archive in memory
    /// ([`Archive::in_memory`]).
    pub fn dir(&self) -> Option<&Path> {
        self.place.dir()
    }

    /// The read side of this archive.
    pub fn reads(&self) -> &ArchiveReader {
        &self.reads
    }

    /// A new reader with its own store connection, sharing the search index.
    pub fn reader(&self) -> Result<ArchiveReader> {
        Ok(ArchiveReader {
            store: self.location.open()?,
            index: Arc::clone(&self.reads.index),
            facts: FactIndex::open(&self.place.facts())?,
            file: self.reads.file.clone(),
        })
    }

    /// The set of valid API tokens, with its own store connection, for
    /// checking tokens without a reader (see [`TokenSet`]).
    pub fn token_set(&self) -> Result<TokenSet> {
        TokenSet::over(self.location.open()?)
    }

    /// Where the store is.
    pub fn store_location(&self) -> &StoreLocation {
        &self.location
    }

    /// Whether the store is still the one the indexes were built from
    /// (see [`ArchiveReader::check_store`]).
    pub fn check_store(&self) -> Result<()> {
        self.reads.check_store()
    }

    fn store(&mut self) -> &mut dyn Store {
        self.reads.store.as_mut()
    }

    /// Appends a status change to a document's history, with its audit
    /// entry (done by `actor`) in the same store transaction, and reindexes
    /// it.
    pub fn record_status(
        &mut self,
        key: &str,
        request: StatusRequest,
        actor: &str,
    ) -> Result<DocumentView> {
        let view = self.reads.document(key)?;
        let by_document = request
            .by_document
            .map(|by| gazette_model::DocNumber::normal_or_trimmed(&by));
        let change = StatusChange {
            status: request.status,
            effective: request.effective,
            reason: request.reason,
            by_document,
            recorded_by: request.recorded_by,
            recorded_at: now(),
        };
        let audit = WriteAudit {
            at: &change.recorded_at,
            actor,
            detail: Some(serde_json::json!({
                "status": change.status.code(),
                "effective": change.effective,
                "reason": change.reason,
                "by": change.by_document,
            })),
        };
        self.store()
            .record_status(&view.record.id, &change, Some(&audit))?;
        self.catch_up()?;
        self.reads.document(&view.record.id)
    }

    /// Appends a correction of a parsed field to a document (by id, slug or
    /// 发文字号). The document as parsed from the published text is not
    /// changed; the correction is kept beside it, and its audit entry (done
    /// by `actor`) is stored in the same transaction.
    pub fn record_correction(
        &mut self,
        key: &str,
        correction: &Correction,
        actor: &str,
    ) -> Result<DocumentView> {
        let view = self.reads.document(key)?;
        let audit = WriteAudit {
            at: &correction.recorded_at,
            actor,
            detail: Some(serde_json::json!({
                "field": correction.field,
                "original": correction.original,
                "corrected": correction.corrected,
                "reason": correction.reason,
            })),
        };
        self.store()
            .record_correction(&view.record.id, correction, Some(&audit))?;
        Ok(view)
    }

    /// Appends an entry to the append-only audit log, for what is not a
    /// write of the archive's own (whose audit entry goes with the write).
    pub fn append_audit(&mut self, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
        Ok(self.store().append_audit(entry)?)
    }

    /// Merges the search index into one segment, after a bulk load (see
    /// [`SearchIndex::compact`]); returns how many segments there were.
    pub fn compact(&mut self) -> Result<usize> {
        Ok(self.reads.index.compact()?)
    }

    /// Re-parses every stored issue from its original text, replaces the
    /// derived documents and what the issue prints about itself (the
    /// values the uploader gave are kept, see [`gazettes::reparsed`]), and
    /// rebuilds the search index from scratch. Returns the number of
    /// documents indexed.
    pub fn reindex(&mut self) -> Result<usize> {
        for issue in self.reads.store.issues()? {
            let Some(source) = self.reads.store.issue_source(issue.id)? else {
                continue;
            };
            let parsed = source::parse_stored(&issue.encoding, &source.bytes, &source.text);
            self.store().replace_documents(issue.id, &parsed)?;
            let publication = gazettes::reparsed(issue.publication.as_ref(), &parsed);
            if publication != issue.publication {
                self.store()
                    .set_issue_publication(issue.id, publication.as_ref(), None)?;
            }
        }
        self.reads.index.clear()?;
        self.reads.facts.clear()?;
        let records = self.reads.store.documents()?;
        let today = gazette_model::china_today();
        let facts: Vec<_> = records
            .iter()
            .map(|r| links::document_facts(&r.id, &r.slug, &r.document))
            .collect();
        let last = self.reads.store.last_seq()?;
        self.reads.facts.apply(&facts, last)?;
        let docs = records
            .iter()
            .map(|r| self.reads.index_entry_of(r, today))
            .collect::<Result<Vec<_>>>()?;
        self.reads.index.apply(&docs, &[], Some(last))?;
        Ok(docs.len())
    }
}

impl ArchiveReader {
    /// Opens the archive in `dir` for reading only, as it is on disk: the
    /// search index without its writer, so this works while another
    /// process (`gazette serve`) has the archive open; but it catches
    /// nothing up and rebuilds nothing. Fails when there is no archive in
    /// `dir`, and with [`ArchiveError::StoreChanged`] when an index was
    /// built from another store or is ahead of it (only an
    /// [`Archive::open`] can rebuild it). An index behind the store (a
    /// server catching up) is read as it is.
    pub fn open_read_only(dir: &Path) -> Result<ArchiveReader> {
        ArchiveReader::open_read_only_with(dir, &StoreLocation::in_dir(dir))
    }

    /// Opens the archive whose store is at `location` and whose indexes
    /// are in `dir` for reading only, as [`ArchiveReader::open_read_only`]
    /// does.
    pub fn open_read_only_with(dir: &Path, location: &StoreLocation) -> Result<ArchiveReader> {
        if let StoreLocation::Sqlite(path) = location {
            existing_store_file(path)?;
        }
        let store = location.open()?;
        let file = location.watched();
        let facts = FactIndex::open(&facts_path(dir))?;
        watch::check_read_only(dir, &store.store_id()?, &facts)?;
        let reader = ArchiveReader {
            store,
            index: Arc::new(SearchIndex::open_read_only(&dir.join("index"))?),
            facts,
            file,
        };
        reader.check_store()?;
        Ok(reader)
    }

    /// Copies the store to a new file `dest`, consistently as of one
    /// moment, while the archive is in use (see
    /// [`gazette_store::Store::backup_to`]). The derived indexes are not
    /// copied: an archive restored from the copy rebuilds them.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        Ok(self.store.backup_to(dest)?)
    }

    /// Searches the archive (see `gazette-search` for the query language).
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        Ok(self.index.search(query, options)?)
    }

    /// A document by id, slug or 发文字号 (any printed variant);
    /// [`ArchiveError::UnknownDocument`] when the archive holds none.
    pub fn document(&self, key: &str) -> Result<DocumentView> {
        self.find_document(key)?
            .ok_or_else(|| ArchiveError::UnknownDocument(key.to_owned()))
    }

    /// [`document`](Self::document), `None` when the archive holds none:
    /// for a key that may name no document (a number cited in a status
    /// change).
    pub fn find_document(&self, key: &str) -> Result<Option<DocumentView>> {
        let record = match self.store.document(key)? {
            Some(record) => Some(record),
            None => self.by_number(key)?,
        };
        let Some(record) = record else {
            return Ok(None);
        };
        let status_history = self.store.status_history(&record.id)?;
        let versions = self.store.version_count(&record.id)?;
        let validity = self.validity_with(
            &record,
            &status_history,
            gazette_model::china_today(),
            validity::Detail::All,
        )?;
        let interpretations = self.interpretations(&record)?;
        let issue = self.store.issue(record.issue_id)?;
        let issue_published = issue.and_then(|i| i.publication?.published);
        let dates = Dates::in_issue(&record.document, issue_published);
        let mut record = record;
        record.status = validity.status;
        Ok(Some(DocumentView {
            record,
            status_history,
            validity,
            interpretations,
            dates,
            versions,
        }))
    }

    /// The status of `record` today, as [`ArchiveReader::validity`] gives it.
    pub(crate) fn status_today(&self, record: &DocumentRecord) -> Result<Status> {
        self.status_of(record, gazette_model::china_today())
    }

    /// The search index's entries of the documents `ids` the store holds,
    /// each with its status on `day`.
    fn index_entries(
        &self,
        ids: &[String],
        day: NaiveDate,
    ) -> Result<Vec<gazette_search::IndexDoc>> {
        let mut entries = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(record) = self.store.document(id)? {
                entries.push(self.index_entry_of(&record, day)?);
            }
        }
        Ok(entries)
    }

    /// The search index's entry of `record`, with its status on `day`.
    fn index_entry_of(
        &self,
        record: &DocumentRecord,
        day: NaiveDate,
    ) -> Result<gazette_search::IndexDoc> {
        let status = self.status_of(record, day)?;
        Ok(links::index_entry(
            &record.id,
            &record.slug,
            &record.document,
            status,
        ))
    }

    fn by_number(&self, printed: &str) -> Result<Option<DocumentRecord>> {
        let Some(number) = gazette_model::DocNumber::normalise(printed) else {
            return Ok(None);
        };
        Ok(self.store.find_by_number(&number)?.into_iter().next())
    }

    /// The status of a document on `day`: the editor's record, else what
    /// the archive's texts say, else 未核实 (see [`Validity`]).
    pub fn status_on(&self, key: &str, day: NaiveDate) -> Result<(DocumentView, Status)> {
        let view = self.document(key)?;
        let status = self
            .validity_with(
                &view.record,
                &view.status_history,
                day,
                validity::Detail::Status,
            )?
            .status;
        Ok((view, status))
    }

    /// Counts of issues, current documents and versions.
    pub fn counts(&self) -> Result<gazette_store::Counts> {
        Ok(self.store.counts()?)
    }

    /// All current documents.
    pub fn documents(&self) -> Result<Vec<DocumentRecord>> {
        Ok(self.store.documents()?)
    }

    /// Every issue, in order of ingest.
    pub fn issues(&self) -> Result<Vec<IssueRecord>> {
        Ok(self.store.issues()?)
    }

    /// One issue by id.
    pub fn issue(&self, issue_id: i64) -> Result<Option<IssueRecord>> {
        Ok(self.store.issue(issue_id)?)
    }

    /// An issue's file as published (the PDF, for an issue read from one)
    /// with its record, whose `encoding` is [`PDF_ENCODING`] for a PDF.
    pub fn issue_original(&self, issue_id: i64) -> Result<Option<(IssueRecord, Vec<u8>)>> {
        let Some(record) = self.store.issue(issue_id)? else {
            return Ok(None);
        };
        let source = self.store.issue_source(issue_id)?;
        Ok(source.map(|s| (record, s.bytes)))
    }

    /// How the pages of an issue read from a PDF were read (text layer, OCR
    /// with its confidence, empty); `None` for text.
    pub fn extraction_report(&self, issue_id: i64) -> Result<Option<ExtractionReport>> {
        let Some(json) = self.store.extraction_report(issue_id)? else {
            return Ok(None);
        };
        serde_json::from_str(&json).map(Some).map_err(|e| {
            gazette_store::StoreError::Corrupt(format!(
                "the extraction report of issue {issue_id}: {e}"
            ))
            .into()
        })
    }

    /// The documents of an issue in printed order, each in the version that
    /// issue printed, with its status today as [`ArchiveReader::validity`]
    /// gives it.
    pub fn issue_documents(&self, issue_id: i64) -> Result<Vec<DocumentRecord>> {
        let mut records = self.store.issue_documents(issue_id)?;
        let today = gazette_model::china_today();
        for record in &mut records {
            record.status = self.status_of(record, today)?;
        }
        Ok(records)
    }

    /// The earliest and latest dates of an issue's documents, read without
    /// the documents (for lists of issues).
    pub fn issue_date_range(&self, issue_id: i64) -> Result<Option<(NaiveDate, NaiveDate)>> {
        Ok(self.store.issue_date_range(issue_id)?)
    }

    /// A document's corrections (by id or slug), in recording order.
    pub fn corrections(&self, id: &str) -> Result<Vec<Correction>> {
        Ok(self.store.corrections(id)?)
    }

    /// The token whose SHA-256 (lowercase hex) is `hash`, revoked or not.
    pub fn token_by_hash(&self, hash: &str) -> Result<Option<TokenRecord>> {
        Ok(self.store.token_by_hash(hash)?)
    }

    /// At most `limit` entries of the audit log after position `after`.
    pub fn audit_log(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(self.store.audit_log(after, limit)?)
    }
}

/// The store of the archive in `dir`, which must exist (reading and
/// backing up never create an archive).
fn existing_store_path(dir: &Path) -> Result<PathBuf> {
    let path = store_path(dir);
    existing_store_file(&path)?;
    Ok(path)
}

/// Fails unless there is a store file at `path`.
fn existing_store_file(path: &Path) -> Result<()> {
    if !path.is_file() {
        return Err(ArchiveError::DataDir {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no archive here (the store file is missing)",
            ),
        });
    }
    Ok(())
}

/// Backs up the store of the archive in `dir` to a new file `dest` (see
/// [`ArchiveReader::backup_to`]) with a connection of its own: it works
/// while another process (a server) has the archive open, and holds up
/// none of its writes. Fails when there is no archive in `dir`.
pub fn backup(dir: &Path, dest: &Path) -> Result<BackupSummary> {
    let path = existing_store_path(dir)?;
    Ok(SqliteStore::open(&path)?.backup_to(dest)?)
}

/// Now, as audit entries, status changes, corrections and jobs record it
/// (RFC 3339, UTC, to the millisecond).
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn store_path(dir: &Path) -> PathBuf {
    dir.join("archive.sqlite")
}

fn facts_path(dir: &Path) -> PathBuf {
    dir.join("facts.sqlite")
}
