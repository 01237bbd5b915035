//! Caps on expensive public reads (issue 14, finding 12): the list of
//! issues reads no document, a citation graph stops at its node and edge
//! limits and says so, and each client address has a read limit (429 with
//! Retry-After).

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Method;
use gazette_archive::GraphLimits;
use gazette_server::ServerConfig;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::common::{enc, request, sample_bytes, variant, Fixture};
use crate::shared::start_with;

/// The notice that cites 国办发〔2019〕13号 and 鲁政办发〔2019〕14号.
const SOCIAL_INSURANCE: &str = "青政办发〔2019〕4号";

#[tokio::test]
async fn the_list_of_issues_reads_no_document() {
    // On disk: the test breaks the store's file behind the server.
    let fixture = Fixture::on_disk(&[
        ("qingdao-2019.txt".to_owned(), sample_bytes()),
        ("variant-2001.txt".to_owned(), variant(2001)),
    ]);
    let before = fixture.get("/api/v1/issues?limit=100").await;
    assert_eq!(before.status, 200, "{}", before.text());
    let before = before.json();
    // The documents of issue 2 become unreadable: any read of them fails.
    let db = rusqlite::Connection::open(
        fixture
            .dir
            .as_ref()
            .expect("an archive on disk")
            .path()
            .join("archive.sqlite"),
    )
    .expect("open the store");
    let broken = db
        .execute(
            "UPDATE versions SET json = 'not JSON' WHERE issue_id = 2",
            [],
        )
        .expect("break the documents");
    assert!(broken > 0);
    drop(db);
    fixture
        .get("/api/v1/issues/2")
        .await
        .assert_problem(500, "internal");
    // The list still answers, with the same dates: it reads the issues and
    // their date column, never the documents.
    let after = fixture.get("/api/v1/issues?limit=100").await;
    assert_eq!(after.status, 200, "{}", after.text());
    let after = after.json();
    assert_eq!(after["total"], 2);
    for i in 0..2 {
        let (old, new) = (&before["items"][i], &after["items"][i]);
        assert_eq!(old["first_date"], new["first_date"]);
        assert_eq!(old["last_date"], new["last_date"]);
        assert_eq!(old["documents"], new["documents"]);
    }
    // Issue 2, latest first, is the 2001 variant: its documents are dated
    // in 2001.
    assert!(after["items"][0]["first_date"]
        .as_str()
        .is_some_and(|d| d.starts_with("2001-")));
}

#[tokio::test]
async fn a_graph_past_its_limits_is_cut_and_says_so() {
    let uri = format!("/api/v1/documents/{}/graph?depth=2", enc(SOCIAL_INSURANCE));
    let whole = Fixture::sample().get(&uri).await.json();
    assert_eq!(whole["truncated"], false, "{whole}");
    assert!(whole["nodes"].as_array().is_some_and(|n| n.len() >= 3));

    let config = ServerConfig {
        graph_limits: GraphLimits {
            max_nodes: 2,
            max_edges: 1,
        },
        ..ServerConfig::default()
    };
    let fixture = Fixture::with_config(&[("qingdao-2019.txt".to_owned(), sample_bytes())], config);
    let cut = fixture.get(&uri).await;
    assert_eq!(cut.status, 200, "{}", cut.text());
    let cut = cut.json();
    assert_eq!(cut["truncated"], true, "{cut}");
    let nodes = cut["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 2, "{cut}");
    assert_eq!(nodes[0]["id"], cut["center"]);
    let edges = cut["edges"].as_array().expect("edges");
    assert_eq!(edges.len(), 1, "{cut}");
    // Every edge joins nodes of the graph.
    let ids: Vec<&serde_json::Value> = nodes.iter().map(|n| &n["id"]).collect();
    assert!(edges
        .iter()
        .all(|e| ids.contains(&&e["from"]) && ids.contains(&&e["to"])));
}

fn limited() -> ServerConfig {
    ServerConfig {
        read_burst: 3,
        // One read back every 100 s: none within the test.
        reads_per_second: 0.01,
        ..ServerConfig::default()
    }
}

#[tokio::test]
async fn each_client_address_has_its_own_read_limit() {
    let fixture = Fixture::with_config(
        &[("qingdao-2019.txt".to_owned(), sample_bytes())],
        limited(),
    );
    let from = |ip: &str, uri: &str| {
        let mut request = request(Method::GET, uri, &[], Body::empty());
        let peer: SocketAddr = format!("{ip}:40000").parse().expect("an address");
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    };
    for _ in 0..3 {
        let reply = fixture.send(from("10.0.0.1", "/api/v1/issues")).await;
        assert_eq!(reply.status, 200);
    }
    let refused = fixture.send(from("10.0.0.1", "/api/v1/issues")).await;
    refused.assert_problem(429, "rate_limited");
    let wait: u64 = refused
        .header("retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=100).contains(&wait), "{wait}");
    // Another client is not held back, nor are health checks and assets.
    let other = fixture.send(from("10.0.0.2", "/api/v1/issues")).await;
    assert_eq!(other.status, 200);
    let health = fixture.send(from("10.0.0.1", "/healthz")).await;
    assert_eq!(health.status, 200);
}

/// A one-shot GET over a new connection: the status line's code.
async fn status_of(addr: SocketAddr, path: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("the answer");
    let head = String::from_utf8_lossy(&answer[..answer.len().min(12)]).into_owned();
    head.get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_counts_reads_by_the_connections_address() {
    let server = start_with(vec![sample_bytes()], limited()).await;
    for _ in 0..3 {
        assert_eq!(status_of(server.addr, "/api/v1/issues").await, 200);
    }
    assert_eq!(status_of(server.addr, "/api/v1/issues").await, 429);
    assert_eq!(status_of(server.addr, "/healthz").await, 200);
    let _ = server.stop.send(());
}
