//! `gazette serve` as a child process for the tests that need a real
//! server (several processes on one archive), and a plain HTTP/1.1 client
//! for talking to it.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A `gazette serve` child process, killed when dropped.
pub(crate) struct Server {
    child: Child,
    /// `host:port` it listens on.
    pub(crate) addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `gazette serve` on a free loopback port over the data
    /// directory `data` (and the store `store`, when given), and waits for
    /// it to say where it listens. The tests are one client address that
    /// reads much: the public read limit is off.
    pub(crate) fn start(data: &Path, store: Option<&str>) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--read-burst", "0"])
            .env("GAZETTE_DATA", data)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        match store {
            Some(store) => command.env("GAZETTE_STORE", store),
            None => command.env_remove("GAZETTE_STORE"),
        };
        let mut child = command.spawn().expect("spawn gazette serve");
        let stderr = child.stderr.take().expect("piped standard error");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Read to the end, so that the server never blocks on its log.
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("serving http://") {
                    let rest = &line[at + "serving http://".len()..];
                    let addr = rest.split('/').next().unwrap_or_default().to_owned();
                    let _ = tx.send(addr);
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
        };
        server.addr = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the server says where it listens");
        server
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// `GET path`.
    pub(crate) fn get(&self, path: &str) -> std::io::Result<Answer> {
        request(&self.addr, "GET", path, None, None)
    }

    /// `POST path` with a bearer token and a body of `content_type`.
    pub(crate) fn post(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: &[u8],
    ) -> std::io::Result<Answer> {
        request(
            &self.addr,
            "POST",
            path,
            Some(token),
            Some((content_type, body)),
        )
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// Percent-encodes `text` for a query string.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `GET path` on the server at `addr`.
pub(crate) fn get_from(addr: &str, path: &str) -> std::io::Result<Answer> {
    request(addr, "GET", path, None, None)
}

/// `POST path` on the server at `addr`, as [`Server::post`].
pub(crate) fn post_to(
    addr: &str,
    path: &str,
    token: &str,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<Answer> {
    request(addr, "POST", path, Some(token), Some((content_type, body)))
}

/// One request on a new connection (`Connection: close`).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, &[u8])>,
) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    let bytes = match body {
        Some((content_type, bytes)) => {
            head.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                bytes.len()
            ));
            bytes
        }
        None => &[][..],
    };
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(bytes)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of the header"))?;
    let header = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut body = raw[end + 4..].to_vec();
    let mut lines = header.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line: {header}")))?;
    let mut content_type = String::new();
    let mut chunked = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value.trim().to_owned(),
            "transfer-encoding" => chunked = value.trim().eq_ignore_ascii_case("chunked"),
            _ => {}
        }
    }
    if chunked {
        body = unchunk(&body)?;
    }
    Ok(Answer {
        status,
        content_type,
        body,
    })
}

/// The body of a chunked transfer.
fn unchunk(mut raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| std::io::Error::other("truncated chunk size"))?;
        let size_text = String::from_utf8_lossy(&raw[..line_end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| std::io::Error::other(format!("chunk size {size_text:?}: {e}")))?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        let chunk = raw
            .get(..size)
            .ok_or_else(|| std::io::Error::other("truncated chunk"))?;
        body.extend_from_slice(chunk);
        raw = raw.get(size + 2..).unwrap_or_default();
    }
}
