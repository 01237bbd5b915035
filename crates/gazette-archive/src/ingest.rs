//! Ingest: files and folders → issues in the store → documents in the index.
//!
//! Each issue is one store transaction: a crash or a kill in the middle of
//! a file leaves the archive as it was before that file. The same bytes
//! twice are one issue (content hash). A file that cannot be read or decoded
//! is reported by name and skipped; the others go in.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender};
use std::time::{Duration, Instant};

use gazette_model::{Document, Issue, PublicationConflict};
use gazette_search::IndexDoc;
use gazette_store::facts::DocumentFacts;
use gazette_store::{IngestOutcome, NewIssue, WriteAudit};
use gazette_store_sqlite::facts::FactIndex;
use serde::Serialize;

use crate::gazettes::{given_of, given_over, publication_of, GivenIssue};
use crate::{Archive, InvalidInput, PreparedIssue, Result};

/// Documents whose facts go into the fact index in one transaction.
const FACTS_BATCH: usize = 5_000;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum FileOutcome {
    /// A new issue went in.
    Added {
        /// Documents of the issue.
        documents: usize,
        /// Documents that are new versions of ones already archived.
        new_versions: usize,
        /// Warnings the parser gave.
        warnings: usize,
        /// Values the issue prints (期号, date …) that differ from those the
        /// uploader gave; the given ones were recorded.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        conflicts: Vec<PublicationConflict>,
    },
    /// The same bytes were already archived.
    AlreadyPresent,
    /// The file could not be ingested; the message says why.
    Failed {
        /// Why.
        message: String,
    },
}

/// What storing one file did, with the issue it is: the new issue, or the
/// one already archived with the same bytes; `None` when the file is not
/// an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIssue {
    /// What happened.
    pub outcome: FileOutcome,
    /// The issue's id in the store.
    pub issue_id: Option<i64>,
}

impl StoredIssue {
    fn failed(message: String) -> StoredIssue {
        StoredIssue {
            outcome: FileOutcome::Failed { message },
            issue_id: None,
        }
    }
}

/// One file and what happened to it.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file as given or found.
    pub path: PathBuf,
    /// What happened.
    #[serde(flatten)]
    pub outcome: FileOutcome,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Every file, in the order processed.
    pub files: Vec<FileReport>,
    /// Issues added.
    pub issues: usize,
    /// Documents added.
    pub documents: usize,
    /// Parser warnings in the added issues.
    pub warnings: usize,
    /// Bytes of the added issues.
    pub bytes: usize,
    /// Files that failed.
    pub failed: usize,
    /// Files already archived.
    pub unchanged: usize,
    /// Wall time.
    #[serde(serialize_with = "as_seconds")]
    pub elapsed: Duration,
}

fn as_seconds<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64())
}

/// Progress of an ingest, for a progress bar or log lines.
#[derive(Debug)]
pub enum ProgressEvent<'a> {
    /// The files to ingest are known.
    Start {
        /// How many.
        files: usize,
        /// Their total size in bytes.
        bytes: u64,
    },
    /// A file is done.
    File(&'a FileReport),
}

/// Documents stored and not yet in the derived indexes: their index
/// entries, and the documents whose facts are still to be read.
#[derive(Default)]
pub(crate) struct Pending {
    index: Vec<IndexDoc>,
    documents: Vec<StoredDocument>,
}

/// A stored document: id, slug and the parse.
type StoredDocument = (String, String, Document);

/// Documents for the fact index, and the store sequence they bring it to.
struct FactsBatch {
    documents: Vec<StoredDocument>,
    seq: i64,
}

impl Archive {
    /// Ingests files and folders (folders recursively, files in name order);
    /// each added issue is audited as done by `actor`, in its own store
    /// transaction.
    pub fn ingest_paths(
        &mut self,
        paths: &[PathBuf],
        actor: &str,
        progress: impl FnMut(ProgressEvent<'_>),
    ) -> Result<IngestSummary> {
        self.ingest_paths_as(paths, &GivenIssue::default(), actor, progress)
    }

    /// [`Archive::ingest_paths`] with what the uploader says of the files
    /// (their gazette, and for one file its 期号 and date; see
    /// [`crate::gazettes`]). Values that belong to one issue are refused
    /// ([`InvalidInput::Value`]) for several files or a folder.
    pub fn ingest_paths_as(
        &mut self,
        paths: &[PathBuf],
        given: &GivenIssue,
        actor: &str,
        mut progress: impl FnMut(ProgressEvent<'_>),
    ) -> Result<IngestSummary> {
        if given.names_one_issue() && (paths.len() != 1 || paths.iter().any(|p| p.is_dir())) {
            return Err(InvalidInput::Value(
                "an issue's number and date name one file: give --issue and --published with one file only".to_owned(),
            )
            .into());
        }
        let started = Instant::now();
        let mut files = Vec::new();
        let mut summary = IngestSummary::default();
        for path in paths {
            if let Err(message) = collect_files(path, &mut files) {
                let outcome = FileOutcome::Failed { message };
                report(&mut summary, path.clone(), outcome, &mut progress);
            }
        }
        let bytes = files
            .iter()
            .filter_map(|f| f.metadata().ok())
            .map(|m| m.len())
            .sum();
        progress(ProgressEvent::Start {
            files: files.len(),
            bytes,
        });
        // The indexes start where the store is, so that what this ingest
        // stages is all they miss unless others write meanwhile (see
        // `OwnWrites`).
        self.catch_up()?;
        // Facts are read and stored by a thread of their own, with its own
        // connection to the fact index, while the next files are parsed.
        let facts_path = self.place.facts();
        let (to_facts, batches) = std::sync::mpsc::sync_channel(2);
        std::thread::scope(|scope| {
            let worker = scope.spawn(move || apply_fact_batches(&facts_path, batches));
            let stored =
                self.store_files(files, given, actor, &mut summary, &mut progress, &to_facts);
            drop(to_facts);
            let applied = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            applied.and(stored)
        })
        .and_then(|repealing| self.reindex_repealed(&repealing))?;
        self.catch_up()?;
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    /// Stores each file as an issue, stages its documents in the search
    /// index and sends them to the fact index; commits the search index
    /// once, at the end. Returns the documents stored that repeal others
    /// (whose index entries follow once their facts are in).
    fn store_files(
        &mut self,
        files: Vec<PathBuf>,
        given: &GivenIssue,
        actor: &str,
        summary: &mut IngestSummary,
        progress: &mut impl FnMut(ProgressEvent<'_>),
        to_facts: &SyncSender<FactsBatch>,
    ) -> Result<Vec<Document>> {
        let mut documents = Vec::new();
        let mut repealing = Vec::new();
        let mut staged = false;
        let mut own = OwnWrites {
            claimed: self.reads.store.last_seq()?,
            written: 0,
            foreign: false,
        };
        for path in files {
            let outcome = match std::fs::read(&path) {
                Ok(bytes) => {
                    // The file's own name: where it lay on this machine
                    // is nobody's business.
                    let name = path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    let (StoredIssue { outcome, .. }, added) =
                        self.ingest_one(&name, &bytes, given, actor)?;
                    if let FileOutcome::Added { documents, .. } = outcome {
                        summary.bytes += bytes.len();
                        own.written += i64::try_from(documents).unwrap_or(i64::MAX);
                    }
                    if self.holds_indexes {
                        // Analysed by the index's threads while the next
                        // file is parsed and stored.
                        self.reads.index.stage_upserts(&added.index)?;
                        staged |= !added.index.is_empty();
                        repealing.extend(
                            added
                                .documents
                                .iter()
                                .filter(|(_, _, doc)| crate::validity::repeals_any(doc))
                                .map(|(_, _, doc)| doc.clone()),
                        );
                        documents.extend(added.documents);
                    }
                    if documents.len() >= FACTS_BATCH {
                        let seq = own.claim(self.reads.store.last_seq()?);
                        send_facts(to_facts, &mut documents, seq);
                    }
                    outcome
                }
                Err(error) => FileOutcome::Failed {
                    message: format!("cannot read the file: {error}"),
                },
            };
            report(summary, path, outcome, progress);
        }
        let seq = own.claim(self.reads.store.last_seq()?);
        send_facts(to_facts, &mut documents, seq);
        if staged {
            self.reads.index.set_indexed_seq(seq)?;
        }
        Ok(repealing)
    }

    /// Ingests one file's bytes. Parse and decoding errors are an outcome,
    /// not an error: only a failing store or index is an error. An added
    /// issue is stored with its audit entry (`ingest`, done by `actor`) in
    /// one transaction. The search index is not caught up here; call
    /// [`Archive::catch_up`] after a batch.
    pub fn ingest_bytes(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        actor: &str,
    ) -> Result<FileOutcome> {
        Ok(self
            .ingest_one(file_name, bytes, &GivenIssue::default(), actor)?
            .0
            .outcome)
    }

    /// Stores a file prepared with [`PreparedIssue::read`] (which needs no
    /// archive, so that a slow PDF is read before the writer is taken): an
    /// added issue with its audit entry (`ingest`, done by `actor`) in one
    /// transaction; returns what happened with the issue's id (new or
    /// already archived). The search index is not caught up here; call
    /// [`Archive::catch_up`] after.
    pub fn store_prepared(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        prepared: PreparedIssue,
        actor: &str,
    ) -> Result<StoredIssue> {
        Ok(self.store_one(file_name, bytes, prepared, actor)?.0)
    }

    /// Ingests one file; returns what happened and, for an added issue, its
    /// documents ready for the index (taken from the parse, not read back).
    pub(crate) fn ingest_one(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        given: &GivenIssue,
        actor: &str,
    ) -> Result<(StoredIssue, Pending)> {
        match PreparedIssue::read(bytes, &self.extract_options) {
            Ok(prepared) => self.store_one(file_name, bytes, prepared.given(given), actor),
            Err(message) => Ok((StoredIssue::failed(message), Pending::default())),
        }
    }

    /// Stores one prepared file, as [`Archive::ingest_one`] does.
    fn store_one(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        prepared: PreparedIssue,
        actor: &str,
    ) -> Result<(StoredIssue, Pending)> {
        let PreparedIssue {
            source,
            issue,
            warnings,
            extraction,
            publication,
            given,
        } = prepared;
        let new = NewIssue {
            file_name,
            bytes,
            encoding: source.encoding,
            text: &source.text,
            issue: &issue,
            extraction: extraction.as_deref(),
            publication: publication.as_ref(),
        };
        let at = crate::now();
        let audit = WriteAudit {
            at: &at,
            actor,
            detail: Some(serde_json::json!({
                "file_name": file_name,
                "documents": issue.documents.len(),
            })),
        };
        let (issue_id, documents, new_versions) =
            match self.store().add_issue(&new, Some(&audit))? {
                IngestOutcome::Added {
                    issue_id,
                    documents,
                    new_versions,
                } => (issue_id, documents, new_versions),
                IngestOutcome::AlreadyPresent { issue_id } => {
                    self.give_publication(issue_id, &issue, &given, actor)?;
                    let stored = StoredIssue {
                        outcome: FileOutcome::AlreadyPresent,
                        issue_id: Some(issue_id),
                    };
                    return Ok((stored, Pending::default()));
                }
            };
        let mut added = Pending::default();
        for (id, doc) in documents.iter().zip(issue.documents) {
            let entry = self.index_doc_of(id, &doc, new_versions.contains(id))?;
            added.documents.push((id.clone(), entry.slug.clone(), doc));
            added.index.push(entry);
        }
        let outcome = FileOutcome::Added {
            documents: documents.len(),
            new_versions: new_versions.len(),
            warnings,
            conflicts: publication.map(|p| p.conflicts).unwrap_or_default(),
        };
        let stored = StoredIssue {
            outcome,
            issue_id: Some(issue_id),
        };
        Ok((stored, added))
    }

    /// Records what the uploader now says of an issue already archived
    /// (its gazette, 期号, date): given over what was given before, over
    /// what it prints; audited as done by `actor`. Nothing when nothing
    /// was given or nothing changes.
    fn give_publication(
        &mut self,
        issue_id: i64,
        issue: &Issue,
        given: &GivenIssue,
        actor: &str,
    ) -> Result<()> {
        if given.is_empty() {
            return Ok(());
        }
        let recorded = self
            .reads
            .store
            .issue(issue_id)?
            .and_then(|i| i.publication);
        let before = recorded.as_ref().map(given_of).unwrap_or_default();
        let Some(publication) = publication_of(issue, &given_over(given, before)) else {
            return Ok(());
        };
        if recorded.as_ref() == Some(&publication) {
            return Ok(());
        }
        let publication = &publication;
        let at = crate::now();
        let audit = WriteAudit {
            at: &at,
            actor,
            detail: serde_json::to_value(publication).ok(),
        };
        self.store()
            .set_issue_publication(issue_id, Some(publication), Some(&audit))?;
        Ok(())
    }

    /// The index entry of a document just stored. A new document has the
    /// status its own text gives it (else 未核实); a new version keeps the
    /// status its history gives it, so it is read back from the store.
    fn index_doc_of(&self, id: &str, doc: &Document, new_version: bool) -> Result<IndexDoc> {
        let store = &self.reads.store;
        let stored = if new_version {
            store.document(id)?
        } else {
            None
        };
        if let Some(record) = stored {
            let status = self.reads.status_today(&record)?;
            return Ok(crate::links::index_entry(
                id,
                &record.slug,
                &record.document,
                status,
            ));
        }
        let slug = store.slug(id)?.unwrap_or_default();
        let status = crate::validity::own_status(doc, gazette_model::china_today());
        Ok(crate::links::index_entry(id, &slug, doc, status))
    }
}

/// Sends the documents just stored to the fact thread, with the position
/// of the change sequence the fact index may claim with them. A fact
/// thread that has stopped reports why when it is joined.
fn send_facts(to_facts: &SyncSender<FactsBatch>, documents: &mut Vec<StoredDocument>, seq: i64) {
    if documents.is_empty() {
        return;
    }
    let batch = FactsBatch {
        documents: std::mem::take(documents),
        seq,
    };
    // An error here means the thread has stopped, with its own error.
    let _ = to_facts.send(batch);
}

/// How far the indexes may claim to have seen the change sequence with
/// the documents an ingest staged itself: while the store's sequence grew
/// by exactly the changes of this ingest (one per document added), no one
/// else wrote, and everything up to its end is staged. Once another
/// instance or process is seen to have written, the indexes claim nothing
/// more, and [`Archive::catch_up`] reads every change since from the
/// store, the staged documents included.
struct OwnWrites {
    /// The position the indexes may claim.
    claimed: i64,
    /// Changes made by this ingest since `claimed` was taken.
    written: i64,
    /// Whether another writer was seen.
    foreign: bool,
}

impl OwnWrites {
    /// The position to claim, given the store's last position now.
    fn claim(&mut self, last: i64) -> i64 {
        if !self.foreign && last == self.claimed.saturating_add(self.written) {
            self.claimed = last;
            self.written = 0;
        } else {
            self.foreign = true;
        }
        self.claimed
    }
}

/// Reads and stores the facts of each batch, in order, with a connection
/// of its own to the fact index at `path`.
fn apply_fact_batches(path: &Path, batches: Receiver<FactsBatch>) -> Result<()> {
    let mut index = FactIndex::open(path)?;
    for batch in batches {
        let facts: Vec<DocumentFacts> = batch
            .documents
            .iter()
            .map(|(id, slug, doc)| crate::links::document_facts(id, slug, doc))
            .collect();
        index.apply(&facts, batch.seq)?;
    }
    Ok(())
}

impl IngestSummary {
    fn count(&mut self, outcome: &FileOutcome) {
        match outcome {
            FileOutcome::Added {
                documents,
                warnings,
                ..
            } => {
                self.issues += 1;
                self.documents += documents;
                self.warnings += warnings;
            }
            FileOutcome::AlreadyPresent => self.unchanged += 1,
            FileOutcome::Failed { .. } => self.failed += 1,
        }
    }
}

/// Adds `path` (a file, or every file under a folder, sorted) to `files`.
/// Counts what became of the file at `path`, keeps it in the summary and
/// tells `progress`.
fn report(
    summary: &mut IngestSummary,
    path: PathBuf,
    outcome: FileOutcome,
    progress: &mut impl FnMut(ProgressEvent<'_>),
) {
    summary.count(&outcome);
    summary.files.push(FileReport { path, outcome });
    if let Some(report) = summary.files.last() {
        progress(ProgressEvent::File(report));
    }
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> std::result::Result<(), String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !metadata.is_dir() {
        files.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot list the folder: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| !is_hidden(p))
        .collect();
    entries.sort();
    for entry in entries {
        collect_files(&entry, files)?;
    }
    Ok(())
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}
