//! Backups and restores of a served archive (issue 14, findings 4, 10 and
//! 15): a backup made through the API while serving restores into a fresh
//! directory without ghosts; a store replaced under a running server is
//! refused, not served; a token check waits for no public reader.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use axum::http::Method;
use axum::Router;
use gazette_archive::types::TokenScope;
use gazette_archive::Archive;
use gazette_server::{router, AppState, ServerConfig};

use crate::common::{enc, request, sample_bytes, send_to, variant, Reply};

/// An archive in `dir` served by a router, with the state kept for hooks.
struct Served {
    state: AppState,
    router: Router,
}

impl Served {
    fn open(dir: &Path, config: ServerConfig) -> Served {
        let archive = Archive::open(dir).expect("open the archive");
        let state = AppState::new(archive, config).expect("state");
        Served {
            router: router(state.clone()),
            state,
        }
    }

    async fn send(&self, request: axum::http::Request<Body>) -> Reply {
        send_to(self.router.clone(), request).await
    }

    async fn get(&self, uri: &str) -> Reply {
        self.send(request(Method::GET, uri, &[], Body::empty()))
            .await
    }

    async fn post(&self, uri: &str, token: &str, body: impl Into<Body>) -> Reply {
        let bearer = format!("Bearer {token}");
        self.send(request(
            Method::POST,
            uri,
            &[("authorization", &bearer)],
            body.into(),
        ))
        .await
    }

    /// How many documents a search finds.
    async fn found(&self, query: &str) -> u64 {
        let reply = self.get(&format!("/api/v1/search?q={}", enc(query))).await;
        assert_eq!(reply.status, 200, "{query}: {}", reply.text());
        reply.json()["total"].as_u64().expect("a total")
    }

    /// Uploads an issue; 201.
    async fn upload(&self, token: &str, name: &str, bytes: Vec<u8>) {
        let reply = self
            .post(&format!("/api/v1/issues?name={name}"), token, bytes)
            .await;
        assert_eq!(reply.status, 201, "{name}: {}", reply.text());
    }

    /// Repeals the document numbered `number`; 200.
    async fn repeal(&self, token: &str, number: &str) {
        let reply = self
            .post(
                &format!("/api/v1/documents/{}/status", enc(number)),
                token,
                r#"{"status":"repealed","effective":"2021-01-01"}"#,
            )
            .await;
        assert_eq!(reply.status, 200, "{number}: {}", reply.text());
    }
}

fn token(dir: &Path, name: &str, scope: TokenScope) -> String {
    let mut store = gazette_archive::AdminStore::open(dir).expect("open the store");
    store
        .create_token(name, scope, "test")
        .expect("create a token")
}

/// A data directory holding the sample issue, indexed.
fn archive_with_sample(dir: &Path) {
    let mut archive = Archive::open(dir).expect("open");
    archive
        .ingest_bytes("qingdao-2019.txt", &sample_bytes(), "fixture")
        .expect("ingest");
    archive.catch_up().expect("index");
}

/// Removes the WAL journal of the store in `dir`, as a restore into the
/// old directory must: SQLite would replay the old store's journal onto
/// the restored file.
fn remove_journal(dir: &Path) {
    for journal in ["archive.sqlite-wal", "archive.sqlite-shm"] {
        match std::fs::remove_file(dir.join(journal)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                panic!("removing {journal}: {error}")
            }
            _ => {}
        }
    }
}

/// Asserts that nothing of the issue of `year` shows: search, list, CSV.
async fn assert_no_trace_of(served: &Served, year: u32) {
    assert_eq!(served.found(&format!("year:{year}")).await, 0, "search");
    let list = served.get(&format!("/api/v1/documents?year={year}")).await;
    assert_eq!(list.json()["total"], 0, "list: {}", list.text());
    let csv = served.get("/api/v1/documents?format=csv").await;
    assert_eq!(csv.status, 200);
    assert!(
        !csv.text().contains(&format!("〔{year}〕")),
        "CSV: {}",
        csv.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_while_serving_restores_into_a_fresh_directory_without_ghosts() {
    let live = tempfile::tempdir().expect("temporary directory");
    archive_with_sample(live.path());
    let writer = token(live.path(), "writer", TokenScope::Write);
    let admin = token(live.path(), "admin", TokenScope::Admin);
    let backup_path: PathBuf;
    {
        let served = Served::open(live.path(), ServerConfig::default());
        served.upload(&writer, "2001.txt", variant(2001)).await;

        // Only an admin token may back up.
        served
            .post("/api/v1/admin/backup", &writer, "")
            .await
            .assert_problem(403, "insufficient_scope");
        let reply = served.post("/api/v1/admin/backup", &admin, "").await;
        assert_eq!(reply.status, 201, "{}", reply.text());
        assert_eq!(reply.header("cache-control"), "no-store");
        let json = reply.json();
        assert_eq!(
            (json["issues"].as_u64(), json["documents"].as_u64()),
            (Some(2), Some(12))
        );
        backup_path = PathBuf::from(json["path"].as_str().expect("a path"));
        assert!(backup_path.starts_with(live.path().join("backups")));

        // Later writes: not in the backup.
        served.upload(&writer, "2002.txt", variant(2002)).await;
        served.repeal(&writer, "青政办字〔2019〕31号").await;
        assert_eq!(served.found("year:2002").await, 6);
        assert_eq!(served.found("status:repealed").await, 1);
        let audit = served
            .send(request(
                Method::GET,
                "/api/v1/audit",
                &[("authorization", &format!("Bearer {admin}"))],
                Body::empty(),
            ))
            .await
            .json();
        let actions: Vec<&str> = audit["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|e| e["action"].as_str())
            .collect();
        assert!(actions.contains(&"backup"), "{actions:?}");
    } // the server stops

    // Restore: the file alone into a fresh directory, then serve.
    let fresh = tempfile::tempdir().expect("temporary directory");
    std::fs::copy(&backup_path, fresh.path().join("archive.sqlite")).expect("restore");
    let served = Served::open(fresh.path(), ServerConfig::default());
    assert_no_trace_of(&served, 2002).await;
    assert_eq!(
        served.found("year:2001").await,
        6,
        "written before the backup"
    );
    assert_eq!(
        served.found("status:repealed").await,
        0,
        "repealed after it"
    );
    // The tokens came with the store; a status change reaches search.
    served.repeal(&writer, "青政办字〔2001〕31号").await;
    assert_eq!(served.found("status:repealed").await, 1);
    drop(served);

    // The same backup restored over the live store, whose indexes are ahead
    // of it: rebuilt at open, no ghost, and later changes reach search.
    std::fs::copy(&backup_path, live.path().join("archive.sqlite")).expect("restore in place");
    remove_journal(live.path());
    let served = Served::open(live.path(), ServerConfig::default());
    assert_no_trace_of(&served, 2002).await;
    assert_eq!(served.found("status:repealed").await, 0);
    served.repeal(&writer, "青政办字〔2019〕30号").await;
    assert_eq!(served.found("status:repealed").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_replaced_under_a_running_server_is_refused_not_served_as_ghosts() {
    let dir = tempfile::tempdir().expect("temporary directory");
    archive_with_sample(dir.path());
    let writer = token(dir.path(), "writer", TokenScope::Write);
    let older = dir.path().join("older.sqlite");
    gazette_archive::backup(dir.path(), &older).expect("backup");
    let config = ServerConfig {
        store_check_interval: Duration::ZERO,
        ..ServerConfig::default()
    };
    let served = Served::open(dir.path(), config);
    served.upload(&writer, "2001.txt", variant(2001)).await;
    assert_eq!(served.found("year:2001").await, 6);

    // The operator copies the older backup over the store while serving.
    std::fs::rename(&older, dir.path().join("archive.sqlite")).expect("replace");
    for uri in [
        format!("/api/v1/search?q={}", enc("year:2001")),
        "/api/v1/documents?year=2001".to_owned(),
        "/api/v1/documents?format=csv".to_owned(),
    ] {
        served.get(&uri).await.assert_problem(503, "store_changed");
    }
    served
        .post(
            "/api/v1/documents/d6d5d3f594143/status",
            &writer,
            r#"{"status":"repealed"}"#,
        )
        .await
        .assert_problem(503, "store_changed");
    drop(served);

    // Restarted (the old store's journal removed, as the README says: it
    // belongs to the replaced file), it rebuilds the indexes from the
    // store it now has.
    remove_journal(dir.path());
    let served = Served::open(dir.path(), ServerConfig::default());
    assert_no_trace_of(&served, 2001).await;
    assert_eq!(served.found("year:2019").await, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_authenticated_write_gets_through_while_every_public_reader_is_busy() {
    let dir = tempfile::tempdir().expect("temporary directory");
    archive_with_sample(dir.path());
    let config = ServerConfig {
        read_workers: 2,
        queue_wait: Duration::from_millis(300),
        ..ServerConfig::default()
    };
    let served = Served::open(dir.path(), config);
    // A token made after the server started counts at once.
    let writer = token(dir.path(), "writer", TokenScope::Write);
    let held = served.state.hold_public_readers().await;
    served
        .get(&format!("/api/v1/search?q={}", enc("通知")))
        .await
        .assert_problem(503, "busy");
    served.repeal(&writer, "青政办字〔2019〕31号").await;
    served.upload(&writer, "2001.txt", variant(2001)).await;
    drop(held);
    assert_eq!(served.found("status:repealed").await, 1);
    // A token revoked while serving stops at once.
    let mut store = gazette_archive::AdminStore::open(dir.path()).expect("open the store");
    assert!(store.revoke_token("writer", "test").expect("revoke"));
    served
        .post(
            "/api/v1/documents/d6d5d3f594143/status",
            &writer,
            r#"{"status":"repealed"}"#,
        )
        .await
        .assert_problem(401, "unauthorized");
}

#[test]
fn a_token_whose_audit_entry_fails_is_not_made() {
    let dir = tempfile::tempdir().expect("temporary directory");
    archive_with_sample(dir.path());
    let path = dir.path().join("archive.sqlite");
    let conn = rusqlite::Connection::open(&path).expect("second connection");
    conn.execute_batch(
        "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log \
         BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;",
    )
    .expect("trigger");
    let mut store = gazette_archive::AdminStore::open(dir.path()).expect("open the store");
    assert!(store.create_token("ci", TokenScope::Write, "test").is_err());
    assert!(
        store.tokens().expect("tokens").is_empty(),
        "a token was stored without its audit entry"
    );
}
