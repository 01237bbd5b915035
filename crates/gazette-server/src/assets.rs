//! The static assets — one stylesheet and one small script — compiled
//! into the binary and served under URLs that carry a hash of their
//! content, so they can be cached for good.

use std::sync::LazyLock;

use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use crate::cache::{cached, etag, CachePolicy};
use crate::state::AppState;

/// The stylesheet.
pub const STYLE: &str = include_str!("../assets/style.css");
/// The script (progressive enhancement only).
pub const SCRIPT: &str = include_str!("../assets/app.js");

static STYLE_URL: LazyLock<String> = LazyLock::new(|| versioned("/assets/style.css", STYLE));
static SCRIPT_URL: LazyLock<String> = LazyLock::new(|| versioned("/assets/app.js", SCRIPT));

/// The URL of the stylesheet.
pub fn style_url() -> &'static str {
    &STYLE_URL
}

/// The URL of the script.
pub fn script_url() -> &'static str {
    &SCRIPT_URL
}

fn versioned(path: &str, content: &str) -> String {
    let tag = etag(content.as_bytes());
    let version: String = tag
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .collect();
    format!("{path}?v={version}")
}

/// The routes of the assets.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/assets/style.css", get(style))
        .route("/assets/app.js", get(script))
}

async fn style(headers: HeaderMap) -> Response {
    cached(
        &headers,
        "text/css; charset=utf-8",
        CachePolicy::Immutable,
        STYLE,
    )
}

async fn script(headers: HeaderMap) -> Response {
    cached(
        &headers,
        "text/javascript; charset=utf-8",
        CachePolicy::Immutable,
        SCRIPT,
    )
}
