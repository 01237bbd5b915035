//! The per-client limit on public reads: each client address has a token
//! bucket (`read_burst`, `reads_per_second` of the [`ServerConfig`]), and a
//! read past it is answered 429 with `Retry-After`, before any work. A few
//! looping clients then cannot take the readers from everyone else.
//!
//! Counted: GET and HEAD, but `/healthz` (for monitors) and `/assets/`
//! (the pages' own CSS and JS). The client is the connection's peer
//! address, which [`crate::serve`] gives every request; a proxy in front
//! makes every client one address, so raise or turn off the limit there
//! (`read_burst = 0`). Requests without an address (a router driven
//! without a socket, as in tests) are not counted.
//!
//! [`ServerConfig`]: crate::ServerConfig

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// Answers 429 to a client address past its reads.
pub async fn limit_reads(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.config().read_burst == 0 || !is_counted(&request) {
        return next.run(request).await;
    }
    let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() else {
        return next.run(request).await;
    };
    let key = peer.ip().to_string();
    match state.read_limiter().check(&key) {
        Ok(()) => next.run(request).await,
        Err(seconds) => ApiError::read_rate_limited(seconds).into_response(),
    }
}

/// Whether a request is a read the limit counts.
fn is_counted(request: &Request) -> bool {
    let path = request.uri().path();
    matches!(*request.method(), Method::GET | Method::HEAD)
        && path != "/healthz"
        && !path.starts_with("/assets/")
}
