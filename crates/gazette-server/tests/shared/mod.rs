//! What both test binaries of this crate share: the sample issue and a real
//! server on a random loopback port. Each binary uses a part of it.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gazette_archive::Archive;
use gazette_server::{AppState, ServerConfig, ServerError};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The sample issue (Qingdao, 2019) as published.
pub fn sample_bytes() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt");
    std::fs::read(path).expect("the sample fixture")
}

/// A server on 127.0.0.1:0 with its address, the task serving it, and
/// the sender that shuts it down.
pub struct Running {
    pub addr: SocketAddr,
    pub task: JoinHandle<Result<(), ServerError>>,
    pub stop: oneshot::Sender<()>,
    dir: tempfile::TempDir,
}

/// Starts a server over a new archive holding `issues`.
pub async fn start(issues: Vec<Vec<u8>>) -> Running {
    start_with(issues, ServerConfig::default()).await
}

/// Like [`start`], with `config`.
pub async fn start_with(issues: Vec<Vec<u8>>, config: ServerConfig) -> Running {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut archive = Archive::open(dir.path()).expect("open");
    for (i, bytes) in issues.iter().enumerate() {
        archive
            .ingest_bytes(&format!("issue-{i}.txt"), bytes, "fixture")
            .expect("ingest");
    }
    archive.catch_up().expect("index");
    let state = AppState::new(archive, config).expect("state");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local address");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(gazette_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    Running {
        addr,
        task,
        stop,
        dir,
    }
}

impl Running {
    /// The archive's directory (for tokens made as `gazette token` makes them).
    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// `http://ADDR` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Signals the shutdown and waits for the server to finish.
    pub async fn shut_down(self) -> Result<(), ServerError> {
        self.stop
            .send(())
            .expect("the server listens for the signal");
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the server stops after the signal")
            .expect("the task did not panic")
    }
}
