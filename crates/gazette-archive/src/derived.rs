//! Opening the derived indexes of a data directory: the search index
//! (`index/`) and the fact index (`facts.sqlite`).
//!
//! Both are rebuilt from the store, so one that cannot be opened is not an
//! error of the archive: an index made with another schema is deleted, and
//! a damaged one (unreadable `meta.json`, truncated segment, a
//! `facts.sqlite` that is not a database) is moved aside to `*.damaged`
//! (replacing an earlier one) with a warning saying why, and opened empty;
//! [`crate::Archive::catch_up`] then rebuilds it from sequence 0. What is
//! not damage is still an error: an index in use by another process, a
//! directory that cannot be created or read.
//!
//! An index that has seen more of the store's change sequence than the
//! store holds (the store was restored from an older copy, emptied or
//! deleted) is emptied too, so that it holds no document the store does not
//! ([`drop_indexes_ahead_of`]). And each index records the identity of
//! the store it is built from (the fact index in its `meta` table, the
//! search index in the file `index.store` beside it): an index of another
//! store is emptied whatever its sequence ([`drop_indexes_of_other_store`]).

use std::path::{Path, PathBuf};

use gazette_search::{SearchError, SearchIndex};
use gazette_store_sqlite::facts::FactIndex;

use crate::{ArchiveError, Result};

/// Opens the search index in `dir`, rebuilding one made with another
/// schema or damaged.
pub(crate) fn open_search_index(dir: &Path) -> Result<SearchIndex> {
    match SearchIndex::open_or_create(dir) {
        Err(SearchError::SchemaChanged(_)) => {
            tracing::info!(
                index = %dir.display(),
                "the search index was made with another schema; rebuilding it from the store"
            );
            std::fs::remove_dir_all(dir).map_err(|source| data_dir_error(dir, source))?;
            Ok(SearchIndex::open_or_create(dir)?)
        }
        Err(error @ (SearchError::Index(_) | SearchError::Payload(_))) => {
            let aside = move_aside(&[dir.to_path_buf()])?;
            tracing::warn!(
                index = %dir.display(),
                moved_to = %aside.display(),
                reason = %error,
                "the search index cannot be opened; it was moved aside and is rebuilt from the store"
            );
            Ok(SearchIndex::open_or_create(dir)?)
        }
        opened => Ok(opened?),
    }
}

/// Opens the fact index at `path`, rebuilding a damaged one.
pub(crate) fn open_facts(path: &Path) -> Result<FactIndex> {
    let error = match FactIndex::open(path).and_then(|facts| facts.seq().map(|_| facts)) {
        Ok(facts) => return Ok(facts),
        Err(error) if error.is_damaged_file() => error,
        Err(error) => return Err(error.into()),
    };
    // The journal files belong to the damaged database, not to the new one.
    let files: Vec<PathBuf> = ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| with_suffix(path, suffix))
        .collect();
    let aside = move_aside(&files)?;
    tracing::warn!(
        index = %path.display(),
        moved_to = %aside.display(),
        reason = %error,
        "the fact index cannot be opened; it was moved aside and is rebuilt from the store"
    );
    Ok(FactIndex::open(path)?)
}

/// Empties the search index and the fact index when either has indexed
/// further than `store_seq`, the store's last change, with a warning: the
/// catch-up that follows rebuilds them from the store.
pub(crate) fn drop_indexes_ahead_of(
    store_seq: i64,
    index: &SearchIndex,
    facts: &mut FactIndex,
) -> Result<()> {
    let index_seq = index.indexed_seq()?;
    if index_seq > store_seq {
        tracing::warn!(
            index_seq,
            store_seq,
            "the search index is ahead of the store (restored from an older copy?); rebuilding it"
        );
        index.clear()?;
    }
    let facts_seq = facts.seq()?;
    if facts_seq > store_seq {
        tracing::warn!(
            facts_seq,
            store_seq,
            "the fact index is ahead of the store (restored from an older copy?); rebuilding it"
        );
        facts.clear()?;
    }
    Ok(())
}

/// Empties the search index and the fact index when either records
/// another store than `store_id`, with a warning, and records `store_id` in
/// both. An index that records none (new, or older than identities) is
/// taken to be this store's.
pub(crate) fn drop_indexes_of_other_store(
    data_dir: &Path,
    store_id: &str,
    index: &SearchIndex,
    facts: &mut FactIndex,
) -> Result<()> {
    let marker = data_dir.join(INDEX_STORE_FILE);
    let recorded = recorded_index_store(data_dir)?;
    if recorded.as_deref() != Some(store_id) {
        if let Some(other) = &recorded {
            tracing::warn!(
                index_store = %other,
                store = %store_id,
                "the search index was built from another store; rebuilding it"
            );
            index.clear()?;
        }
        std::fs::write(&marker, store_id).map_err(|source| data_dir_error(&marker, source))?;
    }
    match facts.store_id()? {
        Some(other) if other != store_id => {
            tracing::warn!(
                facts_store = %other,
                store = %store_id,
                "the fact index was built from another store; rebuilding it"
            );
            facts.clear()?;
            facts.set_store_id(store_id)?;
        }
        Some(_) => {}
        None => facts.set_store_id(store_id)?,
    }
    Ok(())
}

/// The store the search index in `data_dir` records, `None` when it
/// records none.
pub(crate) fn recorded_index_store(data_dir: &Path) -> Result<Option<String>> {
    let marker = data_dir.join(INDEX_STORE_FILE);
    match std::fs::read_to_string(&marker) {
        Ok(text) => Ok(Some(text.trim().to_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(data_dir_error(&marker, source)),
    }
}

/// The file beside `index/` that names the store the search index is built
/// from.
const INDEX_STORE_FILE: &str = "index.store";

/// Moves each of `paths` that exists to the same name + `.damaged`,
/// replacing what is there; returns where the first one goes.
fn move_aside(paths: &[PathBuf]) -> Result<PathBuf> {
    let mut first = None;
    for path in paths {
        let aside = with_suffix(path, ".damaged");
        first.get_or_insert_with(|| aside.clone());
        if !path.exists() {
            continue;
        }
        let removed = if aside.is_dir() {
            std::fs::remove_dir_all(&aside)
        } else {
            std::fs::remove_file(&aside)
        };
        match removed {
            Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
                return Err(data_dir_error(&aside, source))
            }
            _ => {}
        }
        std::fs::rename(path, &aside).map_err(|source| data_dir_error(path, source))?;
    }
    Ok(first.unwrap_or_default())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn data_dir_error(path: &Path, source: std::io::Error) -> ArchiveError {
    ArchiveError::DataDir {
        path: path.to_path_buf(),
        source,
    }
}
