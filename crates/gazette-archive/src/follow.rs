//! How an archive's derived indexes follow its store, which other
//! instances and processes may write too (issue 17 §2).
//!
//! The store is the only thing written; the search index and the fact
//! index of each instance are caught up from the store's change sequence
//! by one code path, [`Archive::catch_up`], whoever made the change: this
//! archive, another `gazette serve` on the same PostgreSQL database, or a
//! `gazette ingest` beside the server. A server waits for such writes with
//! a [`StoreFollower`] (PostgreSQL tells it of each commit; SQLite is
//! asked for its last change every 100 ms) and catches up when one comes.
//!
//! An archive opened while another process holds its indexes
//! ([`Archive::open_shared`]: `gazette ingest` or `gazette status` beside
//! a running server) writes to the store only; the holder's follower
//! indexes what it wrote.
//!
//! This module does not decide how often a server waits or what it does
//! with a failure: the server does.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use gazette_search::{SearchError, SearchIndex};
use gazette_store::Store;

use crate::{
    links, place, Archive, ArchiveError, ArchiveReader, ExtractOptions, Result, StoreLocation,
};

/// Waits for writes to an archive's store that its search index has not
/// seen, with a store connection of its own (see
/// [`gazette_store::Store::wait_for_change`]); made by
/// [`Archive::follower`].
pub struct StoreFollower {
    store: Box<dyn Store>,
    index: Arc<SearchIndex>,
}

impl StoreFollower {
    /// Waits until the store holds a change the search index has not seen,
    /// or until `timeout` has passed; says whether there is one, for
    /// [`Archive::catch_up`] to take in. A change the index has not seen
    /// because an earlier catch-up failed counts too, at once.
    pub fn wait(&self, timeout: Duration) -> Result<bool> {
        let indexed = self.index.indexed_seq()?;
        let last = self.store.wait_for_change(indexed, timeout)?;
        // A store behind the index was restored or emptied under it: the
        // next catch-up is where that is noticed.
        Ok(last != indexed)
    }
}

impl Archive {
    /// Opens the archive in `dir` (store at `location`) as
    /// [`Archive::open_with`] does; or, while another process holds its
    /// indexes (a running `gazette serve`), beside it: then its writes go
    /// to the store only, and that process's follower indexes them (see
    /// [`Archive::holds_indexes`]). Reads of an archive opened beside
    /// another see the indexes as of when it was opened.
    pub fn open_shared(dir: &Path, location: &StoreLocation) -> Result<Archive> {
        match Archive::open_with(dir, location) {
            Err(ArchiveError::Search(SearchError::Busy(_))) => Ok(Archive {
                place: place::Place::Dir(dir.to_path_buf()),
                location: location.clone(),
                reads: ArchiveReader::open_read_only_with(dir, location)?,
                extract_options: ExtractOptions::default(),
                holds_indexes: false,
                schedule: Box::default(),
            }),
            opened => opened,
        }
    }

    /// Whether this archive keeps its indexes itself; `false` for one
    /// opened beside the process that holds them
    /// ([`Archive::open_shared`]), whose writes that process indexes.
    pub fn holds_indexes(&self) -> bool {
        self.holds_indexes
    }

    /// A [`StoreFollower`] of this archive's store and search index, with
    /// a store connection of its own, for a thread that waits for others'
    /// writes while this archive serves.
    pub fn follower(&self) -> Result<StoreFollower> {
        Ok(StoreFollower {
            store: self.location.open()?,
            index: Arc::clone(&self.reads.index),
        })
    }

    /// Brings the search index and the fact index up to date with the
    /// store's change sequence, whoever wrote the changes, and the statuses
    /// in the search index up to today: documents whose recorded or derived
    /// status changes on a day that has come since the last call are
    /// reindexed (read from the days noted, not by a scan). Returns how many
    /// documents were (re)indexed. An archive that does not hold its
    /// indexes ([`Archive::holds_indexes`]) leaves them to their holder
    /// and returns 0.
    pub fn catch_up(&mut self) -> Result<usize> {
        if !self.holds_indexes {
            return Ok(0);
        }
        self.catch_up_facts()?;
        let today = gazette_model::china_today();
        let from = self.reads.index.indexed_seq()?;
        let changes = self.reads.store.changes_since(from)?;
        let last = changes.last().map(|c| c.seq);
        let mut ids: Vec<String> = Vec::new();
        for change in &changes {
            if change.kind == gazette_store::ChangeKind::Status {
                let history = self.reads.store.status_history(&change.document_id)?;
                self.schedule.note(&change.document_id, &history, today);
            }
            ids.push(change.document_id.clone());
        }
        let checked = match self.schedule.checked {
            Some(day) => Some(day),
            None => {
                // The day this instance's index followed before it was
                // opened, and the recorded changes after it, noted once.
                let day = self.reads.facts.status_day()?.and_then(|d| d.parse().ok());
                for change in self.reads.store.changes_since(0)? {
                    if change.kind == gazette_store::ChangeKind::Status {
                        let id = &change.document_id;
                        let history = self.reads.store.status_history(id)?;
                        self.schedule.note(id, &history, day.unwrap_or(today));
                    }
                }
                day
            }
        };
        if let Some(checked) = checked.filter(|c| *c < today) {
            ids.extend(self.reads.due_between(checked, today)?);
            ids.extend(self.schedule.take_due(today));
        }
        if checked != Some(today) {
            self.reads.facts.set_status_day(&today.to_string())?;
        }
        self.schedule.checked = Some(today);
        ids.sort_unstable();
        ids.dedup();
        let changed: std::collections::HashSet<&str> =
            changes.iter().map(|c| c.document_id.as_str()).collect();
        let mut docs = Vec::with_capacity(ids.len());
        let mut repealed = Vec::new();
        for id in &ids {
            if let Some(record) = self.reads.store.document(id)? {
                if changed.contains(id.as_str()) {
                    repealed.extend(self.reads.repealed_by(&record.document)?);
                }
                docs.push(self.reads.index_entry_of(&record, today)?);
            }
        }
        repealed.retain(|id| ids.binary_search(id).is_err());
        repealed.sort_unstable();
        repealed.dedup();
        docs.extend(self.reads.index_entries(&repealed, today)?);
        if docs.is_empty() && last.is_none() {
            return Ok(0);
        }
        self.reads.index.apply(&docs, &[], last.or(Some(from)))?;
        Ok(docs.len())
    }

    /// Reindexes, with their status today, the documents that `docs`
    /// repeal (after an ingest that indexed `docs` themselves).
    pub(crate) fn reindex_repealed(&mut self, docs: &[gazette_model::Document]) -> Result<()> {
        if !self.holds_indexes {
            return Ok(());
        }
        let today = gazette_model::china_today();
        let mut ids = Vec::new();
        for doc in docs {
            ids.extend(self.reads.repealed_by(doc)?);
        }
        ids.sort_unstable();
        ids.dedup();
        let entries = self.reads.index_entries(&ids, today)?;
        if !entries.is_empty() {
            let seq = self.reads.index.indexed_seq()?;
            self.reads.index.apply(&entries, &[], Some(seq))?;
        }
        Ok(())
    }

    /// Brings the fact index up to date with the store's change sequence.
    fn catch_up_facts(&mut self) -> Result<()> {
        let changes = self.reads.store.changes_since(self.reads.facts.seq()?)?;
        let Some(last) = changes.last().map(|c| c.seq) else {
            return Ok(());
        };
        let mut ids: Vec<&str> = changes.iter().map(|c| c.document_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut docs = Vec::with_capacity(ids.len());
        for id in ids {
            docs.push(match self.reads.store.document(id)? {
                Some(r) => links::document_facts(&r.id, &r.slug, &r.document),
                None => links::no_facts(id),
            });
        }
        self.reads.facts.apply(&docs, last)?;
        Ok(())
    }
}
