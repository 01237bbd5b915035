//! The accept loop: every connection the server takes, and the limits that
//! keep a few hostile or broken clients from holding the whole server.
//!
//! - At most [`ConnectionLimits::max_connections`] connections at once;
//!   past that the server stops accepting until one closes (the kernel's
//!   backlog holds the rest), so it never runs out of file descriptors.
//! - A request's headers must arrive whole within
//!   [`ConnectionLimits::header_read_timeout`]; the same timer closes a
//!   kept-alive connection that sends no next request (hyper starts it
//!   whenever the connection waits for a request head).
//! - A response that stops moving — the client stopped reading and the
//!   socket's buffers are full — for [`ConnectionLimits::stall_timeout`]
//!   closes the connection, which also ends the work streaming into it.
//!
//! Each request carries its client's address as axum's [`ConnectInfo`].
//!
//! How long a handler may take is not decided here but by the router's
//! time limit (`security::time_limit`), which also bounds a slow body.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt as _;

use crate::config::ServerConfig;
use crate::error::ServerError;

/// The limits of the accept loop, taken from the [`ServerConfig`].
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Connections served at once.
    pub max_connections: usize,
    /// Longest time a request head may take to arrive, and longest idle
    /// time of a kept-alive connection.
    pub header_read_timeout: Duration,
    /// Longest time a response may wait for the client to read it.
    pub stall_timeout: Duration,
    /// The kernel's send buffer of each connection, when set.
    pub send_buffer_bytes: Option<usize>,
}

impl From<&ServerConfig> for ConnectionLimits {
    fn from(config: &ServerConfig) -> Self {
        ConnectionLimits {
            max_connections: config.max_connections.max(1),
            header_read_timeout: config.header_read_timeout,
            stall_timeout: config.stall_timeout,
            send_buffer_bytes: config.send_buffer_bytes,
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes,
/// then lets the connections finish their requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => slot,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of descriptors or a connection reset before accept:
                // wait a little instead of spinning on the error.
                tracing::warn!(%error, "accept error");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let app = app.clone();
        let stopping = stopping.clone();
        tokio::spawn(async move {
            connection(stream, peer, app, limits, stopping).await;
            drop(slot);
        });
    }
    let _ = stop.send(true);
    drop(listener);
    // Every connection holds a slot until it ends.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = slots.acquire_many(all).await;
    Ok(())
}

/// Serves one connection until it ends, stalls, or the server stops.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<bool>,
) {
    if let Some(bytes) = limits.send_buffer_bytes {
        if let Err(error) = socket2::SockRef::from(&stream).set_send_buffer_size(bytes) {
            tracing::warn!(%error, bytes, "cannot set a connection's send buffer");
        }
    }
    let progress = Arc::new(WriteProgress::new());
    let io = TokioIo::new(Watched {
        inner: stream,
        progress: Arc::clone(&progress),
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    // Every request knows its client's address (for the read limit).
    let app = app.map_request(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    });
    let conn = builder.serve_connection(io, TowerToHyperService::new(app));
    tokio::pin!(conn);
    let check_every = (limits.stall_timeout / 4).max(Duration::from_millis(50));
    let mut ticks = tokio::time::interval(check_every);
    let mut shutting_down = false;
    loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            changed = stopping.changed(), if !shutting_down => {
                shutting_down = true;
                if changed.is_ok() {
                    conn.as_mut().graceful_shutdown();
                }
            }
            _ = ticks.tick() => {
                if progress.blocked_for() > limits.stall_timeout {
                    tracing::info!(
                        timeout = ?limits.stall_timeout,
                        "closing a connection whose client stopped reading"
                    );
                    return;
                }
            }
        }
    }
}

/// Since when the connection's writes have been blocked on the client.
struct WriteProgress {
    origin: Instant,
    /// Milliseconds after `origin` plus one when the first write that is
    /// still waiting returned pending; 0 while writes go through.
    blocked_since: AtomicU64,
}

impl WriteProgress {
    fn new() -> Self {
        WriteProgress {
            origin: Instant::now(),
            blocked_since: AtomicU64::new(0),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX - 1) + 1
    }

    fn note<T>(&self, poll: &Poll<T>) {
        if poll.is_pending() {
            let now = self.now();
            let _ =
                self.blocked_since
                    .compare_exchange(0, now, Ordering::Relaxed, Ordering::Relaxed);
        } else {
            self.blocked_since.store(0, Ordering::Relaxed);
        }
    }

    fn blocked_for(&self) -> Duration {
        match self.blocked_since.load(Ordering::Relaxed) {
            0 => Duration::ZERO,
            since => Duration::from_millis(self.now().saturating_sub(since)),
        }
    }
}

/// A socket whose writes are watched for a client that stopped reading.
struct Watched {
    inner: TcpStream,
    progress: Arc<WriteProgress>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.progress.note(&poll);
        poll
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.progress.note(&poll);
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.progress.note(&poll);
        poll
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_goes_through_clears_the_stall() {
        let progress = WriteProgress::new();
        progress.note(&Poll::<()>::Pending);
        std::thread::sleep(Duration::from_millis(20));
        assert!(progress.blocked_for() >= Duration::from_millis(15));
        // A second pending write keeps the first one's time.
        progress.note(&Poll::<()>::Pending);
        assert!(progress.blocked_for() >= Duration::from_millis(15));
        progress.note(&Poll::Ready(()));
        assert_eq!(progress.blocked_for(), Duration::ZERO);
    }
}
