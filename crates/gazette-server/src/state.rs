//! [`AppState`]: what every handler shares — the archive's single writer,
//! two pools of readers (pages and searches; streamed exports), the gates
//! that keep reads off the async threads, the write rate limiter and the
//! configuration.
//!
//! An [`ArchiveReader`] owns an SQLite connection: it may move between
//! threads but not be shared. A pool holds as many readers as its gate
//! has permits, so a task that got a permit always finds a free reader.
//! Reads and searches run with [`AppState::read`] on a blocking thread;
//! an export reads page by page with [`AppState::export_read`] from its
//! own pool, and holds no reader while its client reads, so slow or
//! stalled export clients never take the readers of pages and searches.
//! Writes run with [`AppState::write`], one at a time, behind an async
//! mutex (the search index allows one writer per directory and process).
//! Tokens are checked with [`AppState::check_token`] against the valid
//! tokens kept in memory ([`TokenSet`]), never with a reader, so that
//! writes get through while reads fill the pool. Each reader checkout and
//! each write first make sure the store is still the one the indexes were
//! built from (`store_watch`).
//! An upload's file is read and extracted before that, with
//! [`AppState::extract`], by a few blocking threads of its own; uploads
//! that outlast their answer are [`Jobs`]. Public reads are counted per
//! client address by a second rate limiter.
//!
//! This module does not decide what is read or written: handlers do.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use gazette_archive::types::TokenRecord;
use gazette_archive::{Archive, ArchiveReader, TokenSet};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::ServerConfig;
use crate::error::{ApiError, ApiResult, ServerError};
use crate::jobs::Jobs;
use crate::ratelimit::RateLimiter;
use crate::store_watch::StoreWatch;

/// The state shared by all handlers; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    writer: Arc<tokio::sync::Mutex<Archive>>,
    readers: ReaderPool,
    exports: ReaderPool,
    limiter: RateLimiter,
    read_limiter: RateLimiter,
    extractors: Semaphore,
    jobs: Jobs,
    config: ServerConfig,
    tokens: Arc<Mutex<TokenSet>>,
    watch: StoreWatch,
    /// `None` for an archive in memory.
    data_dir: Option<PathBuf>,
    /// Held while a backup runs: one at a time.
    backup: tokio::sync::Mutex<()>,
}

/// Readers and the gate that hands them out.
struct ReaderPool {
    readers: Mutex<Vec<ArchiveReader>>,
    gate: Arc<Semaphore>,
}

impl ReaderPool {
    fn new(archive: &Archive, size: usize) -> Result<ReaderPool, ServerError> {
        let size = size.max(1);
        let readers = (0..size)
            .map(|_| archive.reader())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ReaderPool {
            readers: Mutex::new(readers),
            gate: Arc::new(Semaphore::new(size)),
        })
    }
}

impl AppState {
    /// State over an open archive, with `config.read_workers` readers.
    pub fn new(archive: Archive, config: ServerConfig) -> Result<AppState, ServerError> {
        archive.set_search_cache(config.search_cache_pages);
        archive.set_search_cache_bytes(config.search_cache_bytes);
        // Many searches run at once, one per reader: each on its own thread.
        archive.set_parallel_search(false);
        let readers = ReaderPool::new(&archive, config.read_workers)?;
        let exports = ReaderPool::new(&archive, config.export_workers)?;
        let tokens = Arc::new(Mutex::new(archive.token_set()?));
        let data_dir = archive.dir().map(Path::to_path_buf);
        Ok(AppState {
            shared: Arc::new(Shared {
                writer: Arc::new(tokio::sync::Mutex::new(archive)),
                readers,
                exports,
                limiter: RateLimiter::new(config.write_burst, config.writes_per_second),
                watch: StoreWatch::new(config.store_check_interval),
                tokens,
                data_dir,
                backup: tokio::sync::Mutex::new(()),
                read_limiter: RateLimiter::new(config.read_burst, config.reads_per_second),
                extractors: Semaphore::new(config.extract_workers.max(1)),
                jobs: Jobs::default(),
                config,
            }),
        })
    }

    /// The archive's data directory; `None` for an archive in memory.
    pub fn data_dir(&self) -> Option<&Path> {
        self.shared.data_dir.as_deref()
    }

    /// The valid token whose SHA-256 is `hash`, from the tokens kept in
    /// memory: it waits for no reader (see [`TokenSet`]).
    pub async fn check_token(&self, hash: String) -> ApiResult<Option<TokenRecord>> {
        let tokens = Arc::clone(&self.shared.tokens);
        tokio::task::spawn_blocking(move || {
            let mut tokens = tokens.lock().unwrap_or_else(PoisonError::into_inner);
            Ok(tokens.check(&hash)?)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// The turn to make a backup, held until the guard is dropped; `None`
    /// while another backup runs.
    pub(crate) fn backup_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        self.shared.backup.try_lock().ok()
    }

    /// For tests: holds every reader of the public pool (pages, searches)
    /// until the returned guard is dropped, as reads that never end would.
    #[doc(hidden)]
    pub async fn hold_public_readers(&self) -> HeldReaders {
        // The pool's size, as `AppState::new` made it.
        let size = self.shared.config.read_workers.max(1);
        let permits = u32::try_from(size).unwrap_or(u32::MAX);
        let gate = Arc::clone(&self.shared.readers.gate);
        match gate.acquire_many_owned(permits).await {
            Ok(permit) => HeldReaders(Some(permit)),
            Err(_) => HeldReaders(None),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.shared.config
    }

    /// The write rate limiter.
    pub fn limiter(&self) -> &RateLimiter {
        &self.shared.limiter
    }

    /// The public read rate limiter, by client address.
    pub fn read_limiter(&self) -> &RateLimiter {
        &self.shared.read_limiter
    }

    /// The uploads' jobs.
    pub fn jobs(&self) -> &Jobs {
        &self.shared.jobs
    }

    /// Runs `work` (reading an upload) on a blocking thread once one of the
    /// `extract_workers` is free, without the writer: it waits as long as
    /// it takes, since an upload past its answer is a job.
    pub async fn extract<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _permit = self
            .shared
            .extractors
            .acquire()
            .await
            .map_err(ApiError::internal)?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(ApiError::internal)
    }

    /// Runs `work` with a reader on a blocking thread, once a worker is
    /// free; 503 when none frees up within the configured wait.
    pub async fn read<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&ArchiveReader) -> ApiResult<T> + Send + 'static,
    {
        self.read_from(Pool::Public, work).await
    }

    /// Like [`AppState::read`], from the readers kept for streamed exports.
    pub async fn export_read<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&ArchiveReader) -> ApiResult<T> + Send + 'static,
    {
        self.read_from(Pool::Exports, work).await
    }

    async fn read_from<T, F>(&self, pool: Pool, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&ArchiveReader) -> ApiResult<T> + Send + 'static,
    {
        let permit = self.permit(pool).await?;
        let state = self.clone();
        tokio::task::spawn_blocking(move || state.with_reader(pool, permit, work))
            .await
            .map_err(ApiError::internal)?
    }

    fn pool(&self, pool: Pool) -> &ReaderPool {
        match pool {
            Pool::Public => &self.shared.readers,
            Pool::Exports => &self.shared.exports,
        }
    }

    /// Runs `work` with the archive's writer on a blocking thread; writes
    /// run one at a time.
    pub async fn write<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Archive) -> ApiResult<T> + Send + 'static,
    {
        let mut archive = Arc::clone(&self.shared.writer).lock_owned().await;
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            state.shared.watch.ensure(archive.reads())?;
            work(&mut archive)
        })
        .await
        .map_err(ApiError::internal)?
    }

    async fn permit(&self, pool: Pool) -> ApiResult<OwnedSemaphorePermit> {
        let acquire = Arc::clone(&self.pool(pool).gate).acquire_owned();
        match tokio::time::timeout(self.shared.config.queue_wait, acquire).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(closed)) => Err(ApiError::internal(closed)),
            Err(_) => Err(ApiError::busy()),
        }
    }

    /// Takes a reader from the pool for `work`, and puts it back after,
    /// even if `work` panics.
    fn with_reader<T>(
        &self,
        pool: Pool,
        permit: OwnedSemaphorePermit,
        work: impl FnOnce(&ArchiveReader) -> ApiResult<T>,
    ) -> ApiResult<T> {
        let pool = &self.pool(pool).readers;
        let reader = pool
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .ok_or_else(|| ApiError::internal("no free reader despite a permit"))?;
        let lease = Lease {
            pool,
            reader: Some(reader),
            _permit: permit,
        };
        match &lease.reader {
            Some(reader) => {
                self.shared.watch.ensure(reader)?;
                work(reader)
            }
            None => Err(ApiError::internal("reader lease is empty")),
        }
    }
}

/// Every reader of the public pool, held (see
/// [`AppState::hold_public_readers`]).
#[doc(hidden)]
pub struct HeldReaders(#[allow(dead_code)] Option<OwnedSemaphorePermit>);

/// Which pool a read takes its reader from.
#[derive(Debug, Clone, Copy)]
enum Pool {
    /// Pages, the API and searches.
    Public,
    /// Streamed exports.
    Exports,
}

/// A reader taken from the pool; dropping it puts the reader back and then
/// frees the permit.
struct Lease<'a> {
    pool: &'a Mutex<Vec<ArchiveReader>>,
    reader: Option<ArchiveReader>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(reader) = self.reader.take() {
            self.pool
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(reader);
        }
    }
}
