//! The web face of a `gazette` archive (axum): a JSON API under `/api/v1`
//! described by OpenAPI, server-rendered HTML pages, Atom feeds, and
//! writes (ingest, status, corrections) behind API tokens.
//!
//! - [`router`] builds the whole application from an [`AppState`], so
//!   tests drive it without a socket; [`serve`] runs it on a listener until
//!   a shutdown signal ([`shutdown_signal`]: Ctrl-C or SIGTERM).
//! - [`AppState`] holds the archive's single writer, a pool of readers and
//!   the gate that keeps reads and searches on blocking threads.
//! - Every area merges its own routes: `api` (JSON), `pages` (HTML),
//!   `feed` (Atom), `assets` (CSS/JS compiled in).
//! - Errors are RFC 7807 problem JSON with a stable code (`error`, one
//!   [`ErrorCode`] table of codes, statuses and titles); pages render the
//!   same problems as HTML.
//! - `reads` holds the reads that `api` and `pages` share, `site` what the
//!   site says of itself; `api` and `pages` never import each other.
//! - [`auth`] checks tokens (the archive makes them, for `gazette token`).
//! - `follow` keeps the archive's indexes following its store while
//!   [`serve`] runs, so that writes of other instances and processes are
//!   searchable here within about a second.
//!
//! This crate holds no ingest, search, status, correction, token or list
//! logic of its own: it calls `gazette-archive`, exactly as the CLI does,
//! and depends on no crate below it (its types come from
//! `gazette_archive::types`).
//!
//! ```no_run
//! # async fn run() -> Result<(), gazette_server::ServerError> {
//! let archive = gazette_archive::Archive::open(std::path::Path::new("gazette-data"))?;
//! let state = gazette_server::AppState::new(archive, gazette_server::ServerConfig::default())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! gazette_server::serve(listener, state, gazette_server::shutdown_signal()).await?;
//! # Ok(())
//! # }
//! ```

mod api;
mod assets;
pub mod auth;
mod cache;
mod config;
mod connections;
mod csv;
mod error;
mod error_code;
mod extract;
mod feed;
mod follow;
mod gazettes;
mod jobs;
mod ledger;
mod pages;
mod ratelimit;
mod read_limit;
mod reads;
mod request_body;
mod security;
mod site;
mod snippet;
mod state;
mod store_watch;
mod urls;
mod views;

use std::future::Future;

use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use config::ServerConfig;
pub use error::{ApiError, ErrorCode, Problem, ServerError};
pub use security::CONTENT_SECURITY_POLICY;
pub use state::{AppState, HeldReaders};

/// The whole application over `state`.
pub fn router(state: AppState) -> Router {
    let config = state.config().clone();
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(feed::routes())
        .merge(assets::routes())
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            read_limit::limit_reads,
        ))
        .layer(middleware::from_fn_with_state(
            config.max_query_bytes,
            security::limit_query,
        ))
        .layer(middleware::from_fn_with_state(
            config.request_timeout,
            security::time_limit,
        ))
        .layer(middleware::from_fn(pages::html_errors))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(security::set_headers))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(request_body::close_unread))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then lets the
/// requests in flight finish; the connection limits of the configuration
/// (count, header and stall timeouts) hold throughout. Meanwhile the
/// archive's indexes follow its store (`follow`): writes of other
/// instances and processes are searchable here within about a second.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let limits = connections::ConnectionLimits::from(state.config());
    let following = tokio::spawn(follow::follow_store(state.clone()));
    let served = connections::serve(listener, router(state), limits, shutdown).await;
    following.abort();
    served
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}

async fn healthz() -> Response {
    Json(serde_json::json!({ "status": "ok" })).into_response()
}

async fn not_found() -> ApiError {
    ApiError::not_found("there is nothing at this address")
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}
