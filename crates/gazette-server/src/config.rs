//! [`ServerConfig`]: the limits and sizes of a running server, one typed
//! struct with defaults. Where the server listens and which archive it
//! serves are the caller's business (the CLI's `serve` command), not this.

use std::time::Duration;

use gazette_archive::{ExtractOptions, GraphLimits};

/// Limits and sizes of the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Longest time a request may take before it is answered 408 (a
    /// streamed export is timed to its first byte only).
    pub request_timeout: Duration,
    /// Largest body of a JSON request (status, correction), in bytes.
    pub max_body_bytes: usize,
    /// Largest issue file `POST /api/v1/issues` accepts, in bytes.
    pub max_upload_bytes: usize,
    /// Longest query string accepted, in bytes; longer is a 414.
    pub max_query_bytes: usize,
    /// Readers of the archive (SQLite connections), which is also how many
    /// reads and searches run at once on blocking threads.
    pub read_workers: usize,
    /// How long a read waits for a free worker before the server answers
    /// 503.
    pub queue_wait: Duration,
    /// Writes a token may make in a burst.
    pub write_burst: u32,
    /// Writes a token regains per second.
    pub writes_per_second: f64,
    /// The public base URL (`https://gazette.example.org`), for absolute
    /// links in feeds; relative links when `None`.
    pub public_url: Option<String>,
    /// Search result pages kept in memory, each answered again without
    /// searching until the index changes; 0 turns the cache off.
    pub search_cache_pages: usize,
    /// The most memory those pages may take, in bytes (approximate); the
    /// least recently used are dropped past it.
    pub search_cache_bytes: usize,
    /// Connections served at once; past that the server accepts no more
    /// until one closes.
    pub max_connections: usize,
    /// Longest time a request's headers may take to arrive, which is also
    /// how long a kept-alive connection may wait idle for its next request.
    pub header_read_timeout: Duration,
    /// Longest time a response may wait for a client that stopped reading
    /// before the connection is closed.
    pub stall_timeout: Duration,
    /// Readers kept apart for streamed exports (CSV), so that exports never
    /// take the readers of pages and searches.
    pub export_workers: usize,
    /// The kernel's send buffer of each connection, in bytes; `None` keeps
    /// the system's (autotuned, up to megabytes on Linux). A smaller one
    /// bounds the memory a client that stops reading can hold.
    pub send_buffer_bytes: Option<usize>,
    /// How often, at most, a reader's checkout or a write checks that the
    /// archive's store is still the one the indexes were built from (a
    /// `stat` and two small queries); zero checks at every one.
    pub store_check_interval: Duration,
    /// Where `POST /api/v1/admin/backup` writes its copies; `backups/` in
    /// the data directory when `None`.
    pub backup_dir: Option<std::path::PathBuf>,
    /// How long an upload is waited for before the answer is `202
    /// Accepted` with its job's address (never more than half the request
    /// time limit); the upload goes on either way.
    pub job_threshold: Duration,
    /// Uploads read and extracted at once (PDF text, OCR), outside the
    /// archive's writer.
    pub extract_workers: usize,
    /// How uploaded PDFs are read, with their limits (pages, pixels, time
    /// and memory per tool).
    pub extract: ExtractOptions,
    /// Public reads (GET and HEAD but `/healthz` and `/assets/`) a client
    /// address may make in a burst; 0 turns the limit off.
    pub read_burst: u32,
    /// Public reads a client address regains per second.
    pub reads_per_second: f64,
    /// The most nodes and edges of a citation graph
    /// (`/api/v1/documents/{id}/graph`); past them the graph says
    /// `truncated`.
    pub graph_limits: GraphLimits,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 64 * 1024,
            max_upload_bytes: 32 * 1024 * 1024,
            max_query_bytes: 4096,
            read_workers: 4,
            queue_wait: Duration::from_secs(10),
            write_burst: 20,
            writes_per_second: 1.0,
            public_url: None,
            search_cache_pages: 1024,
            search_cache_bytes: gazette_archive::DEFAULT_SEARCH_CACHE_BYTES,
            max_connections: 4096,
            header_read_timeout: Duration::from_secs(10),
            stall_timeout: Duration::from_secs(30),
            export_workers: 1,
            send_buffer_bytes: None,
            store_check_interval: Duration::from_secs(1),
            backup_dir: None,
            job_threshold: Duration::from_secs(10),
            extract_workers: 2,
            extract: ExtractOptions::default(),
            read_burst: 120,
            reads_per_second: 20.0,
            graph_limits: GraphLimits::default(),
        }
    }
}
