//! [`StoreWatch`]: a running server notices that the archive's store was
//! replaced, deleted or rolled back under it (a backup restored over the
//! file while serving), and refuses to answer from indexes that no longer
//! match it, instead of serving documents the store does not hold (issue
//! 14, finding 4).
//!
//! The check itself is the archive's ([`ArchiveReader::check_store`]: a
//! `stat` and two small queries); this module decides when to run it — at
//! a reader's checkout or before a write, at most once per configured
//! interval — and remembers a failure: from then on every read and write
//! answers 503 `store_changed`, with one error in the log, until the
//! server is restarted (which rebuilds the indexes at open).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use gazette_archive::{ArchiveError, ArchiveReader};

use crate::error::{ApiError, ApiResult};

/// When to check the store, and whether a check failed.
pub(crate) struct StoreWatch {
    every: Duration,
    last: Mutex<Option<Instant>>,
    changed: AtomicBool,
}

impl StoreWatch {
    /// Checks at most once per `every` (zero: at every use).
    pub(crate) fn new(every: Duration) -> StoreWatch {
        StoreWatch {
            every,
            last: Mutex::new(None),
            changed: AtomicBool::new(false),
        }
    }

    /// Fails with 503 `store_changed` when the store changed under the
    /// server, checking with `reader` when a check is due.
    pub(crate) fn ensure(&self, reader: &ArchiveReader) -> ApiResult<()> {
        if self.changed.load(Ordering::Acquire) {
            return Err(ApiError::store_changed());
        }
        if !self.due() {
            return Ok(());
        }
        match reader.check_store() {
            Ok(()) => Ok(()),
            Err(ArchiveError::StoreChanged(reason)) => {
                if !self.changed.swap(true, Ordering::AcqRel) {
                    tracing::error!(
                        %reason,
                        "the archive's store changed under the server: every read and write \
                         is refused until the server is restarted, which rebuilds the indexes \
                         from the store; stop it and remove archive.sqlite-wal and \
                         archive.sqlite-shm first (they belong to the replaced file, and SQLite \
                         would replay them onto the new one)"
                    );
                }
                Err(ApiError::store_changed())
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Whether a check is due now; if so, the next is due `every` later.
    fn due(&self) -> bool {
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        match *last {
            Some(at) if now.duration_since(at) < self.every => false,
            _ => {
                *last = Some(now);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_is_due_once_per_interval_and_always_at_zero() {
        let hourly = StoreWatch::new(Duration::from_secs(3600));
        assert!(hourly.due());
        assert!(!hourly.due());
        let always = StoreWatch::new(Duration::ZERO);
        assert!(always.due());
        assert!(always.due());
    }
}
