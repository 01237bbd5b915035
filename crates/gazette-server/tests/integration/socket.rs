//! A running server on a random loopback port, spoken to over HTTP/1.1:
//! health, compression, a streamed export, and a graceful shutdown.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, Request, StatusCode};
use gazette_archive::Archive;
use gazette_server::{AppState, ServerConfig};
use http_body_util::{BodyExt as _, Empty};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::common::variant;
use crate::shared::{sample_bytes, start};

/// GET `path` over a new connection.
async fn fetch(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Bytes) {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let mut request = Request::builder()
        .uri(path)
        .header(header::HOST, addr.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Empty::<Bytes>::new()).expect("a request");
    let response = sender.send_request(request).await.expect("a response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("the body").to_bytes();
    (parts.status, parts.headers, bytes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_server_answers_compresses_streams_and_stops() {
    let running = start(vec![sample_bytes(), variant(2020), variant(2021)]).await;
    let addr = running.addr;

    let (status, _, body) = fetch(addr, "/healthz", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&body[..], br#"{"status":"ok"}"#);

    let (status, headers, body) = fetch(
        addr,
        "/api/v1/documents?limit=100",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get(header::CONTENT_ENCODING).map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");

    let (status, headers, body) = fetch(addr, "/api/v1/documents?format=csv", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get(header::TRANSFER_ENCODING).map(|v| v.as_bytes()),
        Some(&b"chunked"[..]),
        "the export is streamed"
    );
    let text = String::from_utf8(body.to_vec()).expect("UTF-8");
    assert_eq!(text.split("\r\n").filter(|l| !l.is_empty()).count(), 1 + 18);

    let (status, headers, _) = fetch(addr, "/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers
        .get(header::CONTENT_SECURITY_POLICY)
        .is_some_and(|v| v.as_bytes().starts_with(b"default-src 'self'")));

    let served = running.shut_down().await;
    assert!(served.is_ok(), "{served:?}");
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "nothing listens after the shutdown"
    );
}

#[tokio::test]
async fn the_server_listens_on_ipv6_when_asked() {
    // Not every machine has IPv6 loopback; skip quietly where it has not.
    let Ok(listener) = TcpListener::bind("[::1]:0").await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let archive = Archive::open(dir.path()).expect("open");
    let state = AppState::new(archive, ServerConfig::default()).expect("state");
    let addr = listener.local_addr().expect("local address");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(gazette_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let (status, _, _) = fetch(addr, "/healthz", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
}
