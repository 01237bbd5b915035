//! Whether the store an open archive reads is still the one its indexes
//! were built from (issue 14, finding 4).
//!
//! [`crate::Archive::open`] rebuilds indexes that are ahead of the store or
//! of another store. While the archive stays open (a server), the store can
//! still change under it: `archive.sqlite` replaced by a backup (a new
//! file under the old name: the open connections go on reading the old
//! one), deleted, or rolled back in place. [`ArchiveReader::check_store`]
//! notices each: the file at the store's path is not the file opened, or
//! the store's change sequence is behind what the indexes have seen. The
//! archive cannot rebuild itself under its readers, so it only says so: the
//! caller refuses to answer from it, and the next open rebuilds the
//! indexes. [`check_read_only`] does the same checks for an archive opened
//! read-only, which cannot rebuild either.
//!
//! This module does not decide how often to check: a server checks at
//! reader checkout, on a timer of its own.

use std::path::{Path, PathBuf};

use gazette_store_sqlite::facts::FactIndex;

use crate::{ArchiveError, ArchiveReader, Result};

/// The store's file as opened: its path and which file it was.
#[derive(Debug, Clone)]
pub(crate) struct StoreFile {
    path: PathBuf,
    /// Device and inode when opened; `None` where the platform has none
    /// (then only the sequence is checked) or for a store in memory.
    identity: Option<(u64, u64)>,
}

impl StoreFile {
    /// The file now at `path` (call right after opening the store).
    pub(crate) fn at(path: &Path) -> StoreFile {
        StoreFile {
            path: path.to_path_buf(),
            identity: identity(path).ok().flatten(),
        }
    }

    /// No file to watch (a store on a server): only the change sequence
    /// is checked.
    pub(crate) fn none() -> StoreFile {
        StoreFile {
            path: PathBuf::new(),
            identity: None,
        }
    }

    /// Why the file at the path is no longer the one opened, if it is not.
    fn replaced(&self) -> Option<String> {
        let opened = self.identity?;
        match identity(&self.path) {
            Ok(Some(now)) if now == opened => None,
            Ok(_) => Some(format!(
                "{} was replaced by another file",
                self.path.display()
            )),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Some(format!("{} was deleted", self.path.display()))
            }
            // Unreadable metadata is not a replacement; reads will say more.
            Err(_) => None,
        }
    }
}

#[cfg(unix)]
fn identity(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    use std::os::unix::fs::MetadataExt as _;
    let meta = std::fs::metadata(path)?;
    Ok(Some((meta.dev(), meta.ino())))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> std::io::Result<Option<(u64, u64)>> {
    std::fs::metadata(path).map(|_| None)
}

impl ArchiveReader {
    /// Checks that the store is still the one the indexes were built from:
    /// fails with [`ArchiveError::StoreChanged`] when the store's file was
    /// replaced or deleted since the archive was opened, or when its change
    /// sequence is behind what the search or fact index has seen (restored
    /// from an older copy, or emptied, in place). An archive that fails it
    /// would answer with documents the store does not hold; reopening it
    /// rebuilds the indexes. Costs a `stat` and two small queries.
    pub fn check_store(&self) -> Result<()> {
        if let Some(reason) = self.file.replaced() {
            return Err(ArchiveError::StoreChanged(reason));
        }
        // The indexes first: they commit after the store, so read this way
        // round a store that is in order is never behind them.
        let index_seq = self.index.indexed_seq()?;
        let facts_seq = self.facts.seq()?;
        let store_seq = self.store.last_seq()?;
        if index_seq.max(facts_seq) > store_seq {
            return Err(ArchiveError::StoreChanged(format!(
                "the store's change sequence ({store_seq}) is behind the indexes' \
                 ({}): it was restored from an older copy or emptied",
                index_seq.max(facts_seq)
            )));
        }
        Ok(())
    }
}

/// Checks, for an archive opened read-only, that both indexes were built
/// from `store_id` (an index that records no store is taken to be this
/// one's, as at [`crate::Archive::open`]).
pub(crate) fn check_read_only(data_dir: &Path, store_id: &str, facts: &FactIndex) -> Result<()> {
    let other = |what: &str| {
        ArchiveError::StoreChanged(format!(
            "the {what} was built from another store; open the archive for writing (stop \
             the server) to rebuild it"
        ))
    };
    if let Some(recorded) = crate::derived::recorded_index_store(data_dir)? {
        if recorded != store_id {
            return Err(other("search index"));
        }
    }
    if facts.store_id()?.is_some_and(|id| id != store_id) {
        return Err(other("fact index"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Archive, ArchiveError};

    fn reason(archive: &Archive) -> String {
        match archive.check_store() {
            Err(ArchiveError::StoreChanged(reason)) => reason,
            other => panic!("not noticed: {other:?}"),
        }
    }

    #[test]
    fn indexes_ahead_of_the_store_are_noticed() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let archive = Archive::open(dir.path()).expect("open");
        archive.check_store().expect("a new archive is in order");
        // As if the store had been rolled back in place below the index.
        archive.reads.index.set_indexed_seq(5).expect("commit");
        assert!(reason(&archive).contains("behind"), "{}", reason(&archive));
    }

    #[test]
    fn a_store_file_replaced_or_deleted_is_noticed() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let archive = Archive::open(dir.path()).expect("open");
        let path = crate::store_path(dir.path());
        let other = dir.path().join("other.sqlite");
        std::fs::copy(&path, &other).expect("copy");
        std::fs::rename(&other, &path).expect("replace");
        assert!(
            reason(&archive).contains("replaced"),
            "{}",
            reason(&archive)
        );
        let again = tempfile::tempdir().expect("temporary directory");
        let archive = Archive::open(again.path()).expect("open");
        std::fs::remove_file(crate::store_path(again.path())).expect("delete");
        assert!(reason(&archive).contains("deleted"), "{}", reason(&archive));
    }
}
