//! Fixtures and helpers: archives in memory (or, for tests of what is on
//! disk, in temporary directories), requests through the router without a
//! socket, tokens.

use std::sync::{Mutex, PoisonError};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::Router;
use gazette_archive::types::TokenScope;
use gazette_archive::{AdminStore, Archive, FileOutcome};
use gazette_server::{router, AppState, ServerConfig};
use tempfile::TempDir;
use tower::ServiceExt as _;

use crate::contract;

pub use crate::shared::sample_bytes;

/// The sample with every "2019" replaced by `year`: a distinct issue with
/// distinct 发文字号.
pub fn variant(year: u32) -> Vec<u8> {
    String::from_utf8(sample_bytes())
        .expect("the sample is UTF-8")
        .replace("2019", &year.to_string())
        .into_bytes()
}

/// An archive served by a router: in memory, or in a temporary directory
/// (`dir`) for the tests that look at its files.
pub struct Fixture {
    pub dir: Option<TempDir>,
    pub router: Router,
    /// The archive's tokens, as `gazette token` makes them.
    admin: Mutex<AdminStore>,
}

impl Fixture {
    /// An archive holding the given issues, with the default configuration.
    pub fn with_issues(issues: &[(String, Vec<u8>)]) -> Fixture {
        Fixture::with_config(issues, ServerConfig::default())
    }

    /// An archive in memory holding the given issues.
    pub fn with_config(issues: &[(String, Vec<u8>)], config: ServerConfig) -> Fixture {
        let archive = Archive::in_memory().expect("an archive in memory");
        Fixture::over(archive, None, issues, config)
    }

    /// An archive in a temporary directory holding the given issues, for
    /// tests of what is on disk.
    pub fn on_disk(issues: &[(String, Vec<u8>)]) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary directory");
        let archive = Archive::open(dir.path()).expect("open the archive");
        Fixture::over(archive, Some(dir), issues, ServerConfig::default())
    }

    fn over(
        mut archive: Archive,
        dir: Option<TempDir>,
        issues: &[(String, Vec<u8>)],
        config: ServerConfig,
    ) -> Fixture {
        for (name, bytes) in issues {
            let outcome = archive
                .ingest_bytes(name, bytes, "fixture")
                .expect("ingest");
            assert!(
                matches!(outcome, FileOutcome::Added { .. }),
                "{name}: {outcome:?}"
            );
        }
        archive.catch_up().expect("index");
        let admin = Mutex::new(archive.admin().expect("the archive's tokens"));
        let state = AppState::new(archive, config).expect("state");
        Fixture {
            dir,
            router: router(state),
            admin,
        }
    }

    /// The sample issue alone.
    pub fn sample() -> Fixture {
        Fixture::with_issues(&[("qingdao-2019.txt".to_owned(), sample_bytes())])
    }

    /// `n` variants of the sample (years 1990, 1991 …): 6 × n documents.
    pub fn variants(n: u32) -> Fixture {
        let issues: Vec<(String, Vec<u8>)> = (0..n)
            .map(|i| (format!("variant-{}.txt", 1990 + i), variant(1990 + i)))
            .collect();
        Fixture::with_issues(&issues)
    }

    /// A new token of `scope`, made as `gazette token create` makes it.
    pub fn token(&self, name: &str, scope: TokenScope) -> String {
        let mut store = self.admin.lock().unwrap_or_else(PoisonError::into_inner);
        store
            .create_token(name, scope, "test")
            .expect("create a token")
    }

    /// Revokes a token, as `gazette token revoke` does.
    pub fn revoke(&self, name: &str) {
        let mut store = self.admin.lock().unwrap_or_else(PoisonError::into_inner);
        assert!(store.revoke_token(name, "test").expect("revoke"));
    }

    /// Sends a request through the router (see [`send_to`]).
    pub async fn send(&self, request: Request<Body>) -> Reply {
        send_to(self.router.clone(), request).await
    }

    /// GET `uri` (already encoded).
    pub async fn get(&self, uri: &str) -> Reply {
        self.send(request(Method::GET, uri, &[], Body::empty()))
            .await
    }

    /// GET `uri` with headers.
    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Reply {
        self.send(request(Method::GET, uri, headers, Body::empty()))
            .await
    }

    /// POST `body` to `uri`, with a bearer token when given.
    pub async fn post(&self, uri: &str, token: Option<&str>, body: impl Into<Body>) -> Reply {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = bearer
            .as_deref()
            .map(|b| vec![("authorization", b)])
            .unwrap_or_default();
        self.send(request(Method::POST, uri, &headers, body.into()))
            .await
    }
}

/// Sends a request through `router` and reads the answer in full; an
/// answer the OpenAPI document does not describe fails the test (see
/// `contract`).
pub async fn send_to(router: Router, request: Request<Body>) -> Reply {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let response = router
        .oneshot(request)
        .await
        .expect("the router always answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("read the body")
        .to_vec();
    if let Err(broken) = contract::check(&method, &uri, status, &headers, &body) {
        panic!("the answer breaks the OpenAPI document: {broken}");
    }
    Reply {
        status,
        headers,
        body,
    }
}

/// A request; panics on an invalid URI (tests build valid ones).
pub fn request(method: Method, uri: &str, headers: &[(&str, &str)], body: Body) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).expect("a valid request")
}

/// A response, read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("JSON body ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The media type, without parameters.
    pub fn media_type(&self) -> String {
        self.header(header::CONTENT_TYPE.as_str())
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_owned()
    }

    /// A header's value, "" when absent.
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }

    /// Asserts a problem response with this status and code.
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.media_type(), "application/problem+json");
        let json = self.json();
        assert_eq!(json["code"], code, "{json}");
        assert_eq!(json["status"], status);
        assert!(json["type"].as_str().is_some_and(|t| t.ends_with(code)));
        assert!(json["title"].is_string() && json["detail"].is_string());
    }
}

/// A file of the repository's `tests/fixtures`, by its path there.
pub fn fixture_bytes(relative: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `value` percent-encoded for a path segment or query value.
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
