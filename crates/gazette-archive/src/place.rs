//! Where an archive lives: files in a data directory, or databases in this
//! process's memory ([`Archive::in_memory`], for the faces' tests).
//!
//! An archive in memory is a whole archive — store, fact index and search
//! index, with readers, a token set and an [`AdminStore`] that share them
//! — that touches no disk. Its two SQLite databases are named databases
//! of SQLite's `memdb` VFS, which every connection of the process that
//! opens the same name shares, with SQLite's ordinary locking (a rollback
//! journal: `memdb` has no WAL); they live until their last connection
//! closes. Its search index is tantivy's RAM directory, shared by the
//! readers as on disk. It has no data directory, so nothing copies it
//! ([`backup`](crate::backup) needs one).
//!
//! This module does not decide which tests need a disk.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use gazette_search::SearchIndex;
use gazette_store_sqlite::facts::FactIndex;
use gazette_store_sqlite::SqliteStore;

use crate::{watch, AdminStore, Archive, ArchiveReader, ExtractOptions, Result, StoreLocation};

/// Where an archive's store and fact index are.
#[derive(Debug, Clone)]
pub(crate) enum Place {
    /// Files in a data directory.
    Dir(PathBuf),
    /// Named databases in this process's memory.
    Memory(String),
}

impl Place {
    /// The store's database: a file, or a `memdb` URI.
    pub(crate) fn store(&self) -> PathBuf {
        self.database("archive.sqlite")
    }

    /// The fact index's database: a file, or a `memdb` URI.
    pub(crate) fn facts(&self) -> PathBuf {
        self.database("facts.sqlite")
    }

    /// The data directory; `None` in memory.
    pub(crate) fn dir(&self) -> Option<&Path> {
        match self {
            Place::Dir(dir) => Some(dir),
            Place::Memory(_) => None,
        }
    }

    fn database(&self, file: &str) -> PathBuf {
        match self {
            Place::Dir(dir) => dir.join(file),
            // A name that starts with "/" is shared by the process's
            // connections (see SQLite's memdb VFS).
            Place::Memory(name) => PathBuf::from(format!("file:/{name}/{file}?vfs=memdb")),
        }
    }
}

impl Archive {
    /// A new, empty archive in this process's memory: store, fact index and
    /// search index, with readers ([`Archive::reader`]), a token set and an
    /// [`AdminStore`] ([`Archive::admin`]) that share them; it touches no
    /// disk and is gone when the archive and everything made from it are
    /// dropped. For tests of the faces that do not test the disk.
    pub fn in_memory() -> Result<Archive> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "gazette-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let place = Place::Memory(name);
        let store = SqliteStore::open(&place.store())?;
        let facts = FactIndex::open(&place.facts())?;
        Ok(Archive {
            reads: ArchiveReader {
                store: Box::new(store),
                index: Arc::new(SearchIndex::in_memory()?),
                facts,
                file: watch::StoreFile::at(&place.store()),
            },
            location: StoreLocation::Sqlite(place.store()),
            place,
            extract_options: ExtractOptions::default(),
            holds_indexes: true,
            schedule: Default::default(),
        })
    }

    /// The tokens and audit log of this archive, with a store connection
    /// of their own (see [`AdminStore`]).
    pub fn admin(&self) -> Result<AdminStore> {
        AdminStore::open_at(&self.location)
    }
}

#[cfg(test)]
mod tests {
    use crate::types::TokenScope;
    use crate::{token_hash, Archive, FileOutcome};

    const SAMPLE: &str = "青岛市人民政府办公厅关于做好2019年社会保险工作的通知\n青政办发〔2019〕4号\n\n各区、市人民政府，市政府各部门：\n　　现将有关事项通知如下。\n\n青岛市人民政府办公厅\n2019年3月1日\n";

    #[test]
    fn an_archive_in_memory_shares_its_store_and_indexes_with_its_readers() {
        let mut archive = Archive::in_memory().expect("in memory");
        let reader = archive.reader().expect("reader");
        let outcome = archive
            .ingest_bytes("sample.txt", SAMPLE.as_bytes(), "test")
            .expect("ingest");
        assert!(matches!(outcome, FileOutcome::Added { .. }), "{outcome:?}");
        archive.catch_up().expect("catch up");
        assert_eq!(reader.issues().expect("issues").len(), 1);
        assert_eq!(reader.documents().expect("documents").len(), 1);
        let found = reader
            .search("社会保险", &crate::types::SearchOptions::default())
            .expect("search");
        assert_eq!(found.total, 1);
        reader.check_store().expect("in order");
        assert!(archive.dir().is_none());
    }

    #[test]
    fn tokens_made_through_the_admin_store_are_seen_by_the_token_set() {
        let archive = Archive::in_memory().expect("in memory");
        let mut tokens = archive.token_set().expect("token set");
        let token = archive
            .admin()
            .expect("admin")
            .create_token("ci", TokenScope::Write, "test")
            .expect("token");
        let found = tokens.check(&token_hash(&token)).expect("check");
        assert_eq!(found.map(|t| t.name), Some("ci".to_owned()));
    }

    #[test]
    fn two_archives_in_memory_are_apart() {
        let mut one = Archive::in_memory().expect("one");
        let other = Archive::in_memory().expect("other");
        one.ingest_bytes("sample.txt", SAMPLE.as_bytes(), "test")
            .expect("ingest");
        assert_eq!(other.reads().issues().expect("issues").len(), 0);
    }
}
