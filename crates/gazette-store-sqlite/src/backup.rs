//! A copy of the database while it is in use: SQLite's online backup API.
//!
//! The copy is made in one step (all pages at once), inside one read
//! transaction of the source: it is the database as of one moment, however
//! many writes other connections (a server) commit meanwhile, and those
//! writes are not held up (in WAL mode a reader blocks no writer). A copy
//! in several steps would start over whenever another connection wrote.
//!
//! The copy is written to `DEST.partial`, checked (`PRAGMA quick_check`),
//! switched to a rollback journal so that it is one self-contained file,
//! and only then renamed to `DEST`: a failed or interrupted backup never
//! leaves a file under the name of a backup. This module does not copy
//! the derived indexes (search, facts): they are rebuilt from the store.

use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use gazette_store::{BackupSummary, StoreError};

use crate::{read, SqlResult as Result};

/// How long to wait between tries when the source is busy (a WAL
/// recovery by another connection), and how many tries.
const BUSY_PAUSE: Duration = Duration::from_millis(100);
const BUSY_TRIES: u32 = 100;

/// Copies the database of `conn` to `dest`; see [`crate::Store::backup_to`].
pub(super) fn backup_to(conn: &Connection, dest: &Path) -> Result<BackupSummary> {
    if dest.exists() {
        return Err(StoreError::Conflict(format!(
            "{} exists; a backup never replaces a file (remove it or choose another name)",
            dest.display()
        ))
        .into());
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| io_error(parent, source))?;
    }
    let partial = partial_path(dest);
    remove_if_present(&partial)?;
    let copied = copy_to(conn, &partial);
    let summary = match copied {
        Ok(summary) => summary,
        Err(error) => {
            // The half-made copy is of no use; the error says why.
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    std::fs::rename(&partial, dest).map_err(|source| io_error(dest, source))?;
    sync_parent(dest)?;
    let bytes = std::fs::metadata(dest)
        .map_err(|source| io_error(dest, source))?
        .len();
    Ok(BackupSummary {
        path: dest.to_path_buf(),
        bytes,
        ..summary
    })
}

/// Copies into a new database at `path` and describes the copy (its path
/// and size are filled in by the caller).
fn copy_to(conn: &Connection, path: &Path) -> Result<BackupSummary> {
    let mut copy = Connection::open(path)?;
    {
        let backup = Backup::new(conn, &mut copy)?;
        let mut busy = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if busy < BUSY_TRIES => {
                    busy += 1;
                    sleep(BUSY_PAUSE);
                }
                other => {
                    return Err(StoreError::Conflict(format!(
                        "the database stayed busy for the backup ({other:?})"
                    ))
                    .into())
                }
            }
        }
    }
    // One file: the copy takes the source's WAL mode with its pages.
    copy.pragma_update_and_check(None, "journal_mode", "DELETE", |row| {
        row.get::<_, String>(0)
    })?;
    let check: String = copy.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(
            StoreError::Corrupt(format!("the backup copy fails its check: {check}")).into(),
        );
    }
    let summary = BackupSummary {
        path: path.to_path_buf(),
        bytes: 0,
        store_id: read::store_id(&copy)?,
        last_seq: read::last_seq(&copy)?,
        counts: read::counts(&copy)?,
    };
    copy.close().map_err(|(_, error)| error)?;
    Ok(summary)
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(io_error(path, source)),
        _ => Ok(()),
    }
}

/// Makes the rename durable: syncs the directory that holds `path`.
fn sync_parent(path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    #[cfg(unix)]
    std::fs::File::open(parent)
        .and_then(|dir| dir.sync_all())
        .map_err(|source| io_error(parent, source))?;
    #[cfg(not(unix))]
    let _ = parent;
    Ok(())
}

fn io_error(path: &Path, source: std::io::Error) -> crate::Error {
    crate::Error::Store(StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_never_replaces_a_file_and_leaves_no_partial_copy() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let conn = Connection::open_in_memory().expect("source");
        let taken = dir.path().join("taken.sqlite");
        std::fs::write(&taken, b"earlier backup").expect("write");
        let error = backup_to(&conn, &taken).expect_err("exists");
        assert!(
            matches!(error, crate::Error::Store(StoreError::Conflict(_))),
            "{error:?}"
        );
        assert_eq!(std::fs::read(&taken).expect("read"), b"earlier backup");
        // An empty database has no store_meta table: the copy fails after
        // it was made, and nothing is left behind.
        let dest = dir.path().join("new.sqlite");
        assert!(backup_to(&conn, &dest).is_err());
        assert!(!dest.exists());
        assert!(!partial_path(&dest).exists());
    }
}
