//! Hostile and broken clients against a running server (issue 14): slow
//! headers, idle kept-alive connections, exports whose clients stop
//! reading, writes whose bodies never come. Timeouts are configured short so that each test runs in
//! seconds; clients that stop reading use a small receive buffer.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use gazette_archive::types::TokenScope;
use gazette_server::ServerConfig;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpSocket, TcpStream};

use crate::shared::start_with;

/// An issue of `n` short notices, each with its own 发文字号.
fn many_notices(n: usize) -> Vec<u8> {
    let mut text = String::new();
    for i in 1..=n {
        text.push_str(&format!(
            "青岛市人民政府办公厅关于做好第{i}批防汛物资储备工作的通知\n\
             青政办字〔2019〕{i}号\n\
             各区、市人民政府，市政府各部门：\n\
             现将有关事项通知如下，请认真贯彻执行。\n\
             青岛市人民政府办公厅\n\
             2019年6月1日\n\n"
        ));
    }
    text.into_bytes()
}

fn short_timeouts() -> ServerConfig {
    ServerConfig {
        header_read_timeout: Duration::from_millis(800),
        stall_timeout: Duration::from_secs(1),
        queue_wait: Duration::from_secs(3),
        read_workers: 2,
        send_buffer_bytes: Some(32 * 1024),
        ..ServerConfig::default()
    }
}

/// Reads until the server closes the connection or `limit` passes; true
/// when it closed.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

/// A one-shot GET over a new connection: the status line's code.
async fn status_of(addr: SocketAddr, path: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("the answer");
    let head = String::from_utf8_lossy(&answer[..answer.len().min(12)]).into_owned();
    head.get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_sends_its_headers_slowly_is_cut_off() {
    let running = start_with(vec![], short_timeouts()).await;
    let mut stream = TcpStream::connect(running.addr).await.expect("connect");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\n")
        .await
        .expect("the request line");
    // One header line every 200 ms: never a whole head.
    let started = Instant::now();
    let mut closed = false;
    for i in 0..25 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if stream
            .write_all(format!("X-Slow-{i}: 1\r\n").as_bytes())
            .await
            .is_err()
        {
            closed = true;
            break;
        }
        let mut buf = [0u8; 256];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(1), stream.read(&mut buf)).await
        {
            closed = true;
            break;
        }
    }
    assert!(
        closed,
        "a head sent over {:?} is still being read",
        started.elapsed()
    );
    running.shut_down().await.expect("a clean shutdown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed() {
    let running = start_with(vec![], short_timeouts()).await;
    let mut stream = TcpStream::connect(running.addr).await.expect("connect");
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", running.addr);
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    // The answer comes, then the connection waits for a next request that
    // never comes, and is closed after the header timeout.
    assert!(closed_within(&mut stream, Duration::from_secs(3)).await);
    running.shut_down().await.expect("a clean shutdown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_whose_clients_stop_reading_neither_block_reads_nor_stay_open() {
    let running = start_with(vec![many_notices(6000)], short_timeouts()).await;
    let addr = running.addr;
    assert_eq!(status_of(addr, "/api/v1/documents?limit=1").await, 200);

    // Six clients open the whole CSV export and read nothing, each with a
    // small receive buffer, so the server's writes block.
    let mut stalled = Vec::new();
    for _ in 0..6 {
        let socket = TcpSocket::new_v4().expect("a socket");
        socket.set_recv_buffer_size(2048).expect("a small buffer");
        let mut stream = socket.connect(addr).await.expect("connect");
        let request = format!("GET /api/v1/documents?format=csv HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        stream
            .write_all(request.as_bytes())
            .await
            .expect("send the request");
        stalled.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Searches and lists are still answered: a read that finds no reader
    // free within the queue wait is a 503 (what stalled exports holding
    // the readers gave before they had readers of their own).
    for path in ["/api/v1/search?q=第17批", "/api/v1/documents?limit=5"] {
        assert_eq!(status_of(addr, path).await, 200, "{path}");
    }

    // The stalled exports are cut once they stop moving for the stall
    // timeout: read after that, each gives what was buffered and ends, and
    // none ends as if it were whole.
    tokio::time::sleep(short_timeouts().stall_timeout * 2).await;
    for mut stream in stalled {
        let mut received = Vec::new();
        let read =
            tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
        assert!(read.is_ok(), "a stalled export is still open");
        assert!(
            !received.ends_with(b"0\r\n\r\n"),
            "a cut export must not end like a whole one ({} bytes)",
            received.len()
        );
    }
    running.shut_down().await.expect("a clean shutdown");
}

/// Reads an answer's head (status line and headers, lowercased) within
/// `limit`; `None` when none came.
async fn answer_head(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let deadline = Instant::now() + limit;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut byte)).await {
            Ok(Ok(1)) => head.push(byte[0]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&head).to_lowercase())
}

/// The status code of an answer's head.
fn status_in(head: &str) -> u16 {
    head.get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"))
}

/// Sends the head of an upload declaring `length` bytes, and no body.
async fn upload_head(addr: SocketAddr, token: Option<&str>, length: u64) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let authorization = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST /api/v1/issues?name=big.txt HTTP/1.1\r\nHost: {addr}\r\n{authorization}\
         Content-Type: application/octet-stream\r\nContent-Length: {length}\r\n\r\n"
    );
    stream
        .write_all(head.as_bytes())
        .await
        .expect("send the head");
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_are_refused_before_their_body_is_read() {
    let config = ServerConfig {
        max_upload_bytes: 1024 * 1024,
        write_burst: 1,
        writes_per_second: 0.001,
        ..short_timeouts()
    };
    let running = start_with(vec![], config).await;
    let token = {
        let mut store = gazette_archive::AdminStore::open(running.data_dir()).expect("the store");
        store
            .create_token("bulk", TokenScope::Write, "test")
            .expect("a token")
    };
    let addr = running.addr;
    // Long enough for a loaded machine; the old code never answered.
    let quick = Duration::from_secs(5);

    // No token: 401 without waiting for the body.
    let mut stream = upload_head(addr, None, 1000).await;
    let head = answer_head(&mut stream, quick).await.expect("an early 401");
    assert_eq!(status_in(&head), 401, "{head}");

    // A declared length over the limit: 413 before a byte of it is read
    // (the one write of the token's bucket goes to this request).
    let mut stream = upload_head(addr, Some(&token), 30 * 1024 * 1024 * 1024).await;
    let head = answer_head(&mut stream, quick).await.expect("an early 413");
    assert_eq!(status_in(&head), 413, "{head}");

    // The bucket is empty: 429 without waiting for the body.
    let mut stream = upload_head(addr, Some(&token), 1000).await;
    let head = answer_head(&mut stream, quick).await.expect("an early 429");
    assert_eq!(status_in(&head), 429, "{head}");
    running.shut_down().await.expect("a clean shutdown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_upload_stops_at_the_limit() {
    let config = ServerConfig {
        max_upload_bytes: 64 * 1024,
        ..short_timeouts()
    };
    let running = start_with(vec![], config).await;
    let token = {
        let mut store = gazette_archive::AdminStore::open(running.data_dir()).expect("the store");
        store
            .create_token("chunks", TokenScope::Write, "test")
            .expect("a token")
    };
    let addr = running.addr;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST /api/v1/issues HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("the head");
    // 65 chunks of 1 KiB, past the limit of 64 KiB, and no last chunk: the
    // answer comes once the limit is passed, not at the body's end.
    let chunk = format!("400\r\n{}\r\n", "x".repeat(1024));
    for _ in 0..65 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let head = answer_head(&mut stream, Duration::from_secs(5))
        .await
        .expect("a 413 before the body ends");
    assert_eq!(status_in(&head), 413, "{head}");
    running.shut_down().await.expect("a clean shutdown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_answer_to_a_request_with_its_body_unread_closes_the_connection() {
    let running = start_with(vec![], short_timeouts()).await;
    let addr = running.addr;
    // A kept-alive connection: an upload without a token, half its body
    // sent, then a next request.
    let mut stream = upload_head(addr, None, 2000).await;
    stream
        .write_all(&[b'x'; 1000])
        .await
        .expect("half the body");
    let head = answer_head(&mut stream, Duration::from_secs(5))
        .await
        .expect("an early 401");
    assert_eq!(status_in(&head), 401, "{head}");
    assert!(
        head.contains("\r\nconnection: close\r\n"),
        "the client is not told that the connection closes: {head}"
    );
    assert!(closed_within(&mut stream, Duration::from_secs(5)).await);

    // A request whose body is read answers on a connection kept alive.
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "POST /api/v1/nowhere HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\n\r\n\
         GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let first = answer_head(&mut stream, Duration::from_secs(5))
        .await
        .expect("a 404");
    assert_eq!(status_in(&first), 404, "{first}");
    assert!(!first.contains("connection: close"), "{first}");
    running.shut_down().await.expect("a clean shutdown");
}
