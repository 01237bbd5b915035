//! Several processes on one archive (issue 17 §2): `gazette ingest` and
//! `gazette status` beside a running `gazette serve` on SQLite, two
//! servers on one PostgreSQL database, a `kill -9` in the middle of a
//! write, PostgreSQL restarted under load, and an archive carried from
//! SQLite to PostgreSQL and back by `gazette export` / `gazette import`.
//!
//! The PostgreSQL tests need the server named by `GAZETTE_TEST_POSTGRES`
//! (`scripts/test.sh` starts one); without it they are skipped with a
//! message, and fail under `CI=true`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::archive::sample;
use crate::server::{encode, Server};

/// How long a write of another process may take to be searchable.
const FOLLOW_LIMIT: Duration = Duration::from_secs(2);

/// Runs `gazette` over the data directory `data` and the store `store`.
fn gazette(data: &Path, store: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
    command.args(args).env("GAZETTE_DATA", data);
    match store {
        Some(store) => command.env("GAZETTE_STORE", store),
        None => command.env_remove("GAZETTE_STORE"),
    };
    command.output().expect("runs gazette")
}

fn succeeded(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The JSON of `GET path` on `server`, which must answer 200.
fn ok_json(server: &Server, path: &str) -> serde_json::Value {
    let answer = server.get(path).expect(path);
    assert_eq!(
        answer.status,
        200,
        "{path}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

/// The 发文字号 of the documents `query` finds on `server`.
fn found(server: &Server, query: &str) -> Vec<String> {
    ok_json(server, &format!("/api/v1/search?q={}", encode(query)))["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|hit| hit["doc_number"].as_str().map(str::to_owned))
        .collect()
}

/// Waits until `query` on `server` finds the document `number`, at most
/// [`FOLLOW_LIMIT`]; how long it took.
fn searchable(server: &Server, query: &str, number: &str, what: &str) -> Duration {
    within(FOLLOW_LIMIT, || {
        found(server, query).iter().any(|n| n == number)
    })
    .unwrap_or_else(|| panic!("{what}: {number} not found within {FOLLOW_LIMIT:?}"))
}

/// Waits until `done` holds, up to `limit`; how long it took.
fn within(limit: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let started = Instant::now();
    loop {
        if done() {
            return Some(started.elapsed());
        }
        if started.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The status code of document `key` as `server` shows it.
fn status_of(server: &Server, key: &str) -> String {
    let document = ok_json(server, &format!("/api/v1/documents/{}", encode(key)));
    document["status"].as_str().unwrap_or_default().to_owned()
}

/// How many documents and issues `server` lists.
fn totals(server: &Server) -> (u64, u64) {
    let total = |path: &str| ok_json(server, path)["total"].as_u64().expect("total");
    (total("/api/v1/documents?limit=1"), total("/api/v1/issues"))
}

/// A folder of the 49 gov.cn documents, one issue each.
fn govcn_folder(into: &Path) -> PathBuf {
    let folder = into.join("govcn");
    std::fs::create_dir_all(&folder).expect("folder");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/govcn");
    for entry in std::fs::read_dir(fixtures).expect("gov.cn fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, folder.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    folder
}

#[test]
fn ingest_and_status_beside_a_running_server_on_sqlite_are_followed_by_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let server = Server::start(&data, None);
    assert!(found(&server, "降低社会保险费率").is_empty());

    // An ingest beside the server writes the store; the server indexes it.
    let sample = sample().display().to_string();
    let out = gazette(&data, None, &["ingest", &sample]);
    let summary = succeeded(&out, "ingest beside the server");
    assert!(
        summary.contains("1 issue(s) added, 6 document(s)"),
        "{summary}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("holds the indexes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let took = searchable(
        &server,
        "降低社会保险费率",
        "青政办发〔2019〕4号",
        "ingest beside",
    );
    eprintln!("ingest beside the server: searchable there after {took:?}");

    // A status recorded beside the server shows on its pages at once (read
    // from the store) and in its search within the limit.
    succeeded(
        &gazette(
            &data,
            None,
            &[
                "status",
                "青政办字〔2019〕30号",
                "--set",
                "repealed",
                "--date",
                "2020-01-01",
                "--reason",
                "测试：旁路写入",
            ],
        ),
        "status beside the server",
    );
    assert_eq!(status_of(&server, "青政办字〔2019〕30号"), "repealed");
    searchable(
        &server,
        "status:repealed",
        "青政办字〔2019〕30号",
        "status beside",
    );

    // An ingest killed midway leaves whole issues only: ingesting the
    // folder again completes it, to exactly the documents of an archive
    // that ingested it without a kill.
    let folder = govcn_folder(dir.path());
    let folder_arg = folder.display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["ingest", &folder_arg])
        .env("GAZETTE_DATA", &data)
        .env_remove("GAZETTE_STORE")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    let before = totals(&server);
    let started = within(Duration::from_secs(60), || totals(&server).1 > before.1);
    child.kill().expect("kill -9");
    let _ = child.wait();
    assert!(
        started.is_some(),
        "the killed ingest stored nothing in a minute"
    );
    assert_eq!(server.get("/healthz").expect("health").status, 200);
    assert!(found(&server, "降低社会保险费率").contains(&"青政办发〔2019〕4号".to_owned()));
    succeeded(
        &gazette(&data, None, &["ingest", &folder_arg]),
        "ingest again",
    );

    let reference = dir.path().join("reference");
    succeeded(
        &gazette(&reference, None, &["ingest", &sample, &folder_arg]),
        "reference",
    );
    let reference_server = Server::start(&reference, None);
    let expected = totals(&reference_server);
    assert_eq!(expected.1, 50, "the sample and 49 gov.cn issues");
    let took = within(FOLLOW_LIMIT, || totals(&server) == expected);
    assert!(
        took.is_some(),
        "after the kill and a second ingest: {:?}, without a kill: {expected:?}",
        totals(&server)
    );
    // Every document is searchable on the server: the gov.cn ones too.
    searchable(&server, "双随机", "国发〔2019〕5号", "the folder");
}

/// Held by each PostgreSQL test: one restarts the server.
static POSTGRES: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The test PostgreSQL server: a `key=value` connection string to its
/// `postgres` database, with the turn to use it; or `None` (skipped)
/// outside CI.
fn test_postgres() -> Option<(String, std::sync::MutexGuard<'static, ()>)> {
    match std::env::var("GAZETTE_TEST_POSTGRES") {
        Ok(base) if !base.trim().is_empty() => Some((
            base,
            POSTGRES
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )),
        _ if std::env::var("CI").is_ok_and(|ci| ci == "true") => {
            panic!("GAZETTE_TEST_POSTGRES is not set: under CI the PostgreSQL tests must run")
        }
        _ => {
            eprintln!("GAZETTE_TEST_POSTGRES is not set: PostgreSQL test skipped");
            None
        }
    }
}

/// A new database on the test server, as a `postgres://` URL for
/// `--store` (the socket directory percent-encoded as its host).
fn new_database(base: &str, name: &str) -> String {
    let mut admin = postgres::Client::connect(base, postgres::NoTls).expect("test server");
    let name = format!("gazette_cli_{name}_{}", std::process::id());
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .expect("drop an earlier run's database");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    let setting = |key: &str| {
        base.split_whitespace()
            .find_map(|pair| pair.strip_prefix(&format!("{key}=")))
            .unwrap_or_default()
            .to_owned()
    };
    format!(
        "postgresql://{}@{}/{name}",
        encode(&setting("user")),
        encode(&setting("host"))
    )
}

/// Restarts the test server (fast shutdown: sessions are cut), as an
/// operator restarting PostgreSQL under load would; returns when it
/// accepts connections again.
fn restart_postgres() {
    let dir = PathBuf::from(std::env::var("GAZETTE_PG_DIR").expect("GAZETTE_PG_DIR"));
    let read = |file: &str| {
        std::fs::read_to_string(dir.join(file))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()))
            .trim()
            .to_owned()
    };
    let pg_ctl = PathBuf::from(read("bin")).join("pg_ctl");
    let data = dir.join("data");
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    let mut command = if root {
        let mut command = Command::new("runuser");
        command.args(["-u", &read("user"), "--"]).arg(&pg_ctl);
        command
    } else {
        Command::new(&pg_ctl)
    };
    // The server's own output goes to its log, as the test script started
    // it: a pipe would be held open by the server after pg_ctl ends.
    let log = dir.join("server.log");
    let status = command
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(&log)
        .args(["-m", "fast", "-w", "-t", "60", "restart"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("pg_ctl");
    assert!(
        status.success(),
        "pg_ctl restart: {status}; {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
}

/// `gazette export` of the archive (its JSON lines).
fn export(data: &Path, store: Option<&str>) -> String {
    succeeded(&gazette(data, store, &["export"]), "export")
}

#[test]
fn two_servers_on_one_postgresql_database_follow_each_other_and_outlive_its_restart() {
    let Some((base, _turn)) = test_postgres() else {
        return;
    };
    let store = new_database(&base, "two_servers");
    let dir = tempfile::tempdir().expect("tempdir");
    let (one_dir, two_dir) = (dir.path().join("one"), dir.path().join("two"));
    let mut one = Server::start(&one_dir, Some(&store));
    let two = Server::start(&two_dir, Some(&store));
    let token = succeeded(
        &gazette(&one_dir, Some(&store), &["token", "create", "--name", "ci"]),
        "token",
    )
    .trim()
    .to_owned();

    // An issue uploaded to the first is found by search on the second.
    let bytes = std::fs::read(sample()).expect("sample");
    let answer = one
        .post(
            "/api/v1/issues?name=qingdao.txt",
            &token,
            "text/plain",
            &bytes,
        )
        .expect("upload");
    assert_eq!(
        answer.status,
        201,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let took = searchable(
        &two,
        "降低社会保险费率",
        "青政办发〔2019〕4号",
        "second server",
    );
    eprintln!("uploaded to the first server: searchable on the second after {took:?}");

    // A status set on the second shows on the first, in its pages and its
    // search.
    let body = br#"{"status":"repealed","effective":"2020-01-01","reason":"test"}"#;
    let key = encode("青政办字〔2019〕30号");
    let answer = two
        .post(
            &format!("/api/v1/documents/{key}/status"),
            &token,
            "application/json",
            body,
        )
        .expect("status");
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(status_of(&one, "青政办字〔2019〕30号"), "repealed");
    searchable(
        &one,
        "status:repealed",
        "青政办字〔2019〕30号",
        "status on the second",
    );

    // kill -9 of the first during an upload: no partial issue, and the
    // second keeps answering. The upload is the 49 gov.cn documents as one
    // file, so that its transaction has many rows to write.
    let folder = govcn_folder(dir.path());
    let mut many = Vec::new();
    for entry in std::fs::read_dir(&folder).expect("folder") {
        many.extend(std::fs::read(entry.expect("entry").path()).expect("file"));
        many.extend_from_slice("\n\n".as_bytes());
    }
    let before = totals(&two);
    let addr = one.addr.clone();
    let uploading = {
        let (token, many) = (token.clone(), many.clone());
        std::thread::spawn(move || {
            crate::server::post_to(
                &addr,
                "/api/v1/issues?name=many.txt",
                &token,
                "text/plain",
                &many,
            )
        })
    };
    std::thread::sleep(Duration::from_millis(50));
    one.kill();
    let _ = uploading.join();
    assert_eq!(two.get("/healthz").expect("health").status, 200);
    let after_kill = totals(&two);
    eprintln!(
        "kill -9 during an upload: (documents, issues) {before:?} before, {after_kill:?} after"
    );
    assert!(
        after_kill == before || after_kill.1 == before.1 + 1,
        "before {before:?}, after the kill {after_kill:?}"
    );
    // The same file again, on the second: stored now (201) if the kill
    // came first, else already archived (200) — and whole either way.
    let answer = two
        .post("/api/v1/issues?name=many.txt", &token, "text/plain", &many)
        .expect("upload again");
    assert!(
        matches!(answer.status, 200 | 201),
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let whole = totals(&two);
    assert_eq!(whole.1, before.1 + 1, "one issue more");
    let reference = dir.path().join("reference");
    let many_file = dir.path().join("many.txt");
    std::fs::write(&many_file, &many).expect("write");
    succeeded(
        &gazette(
            &reference,
            None,
            &["ingest", &sample().display().to_string()],
        ),
        "reference",
    );
    succeeded(
        &gazette(
            &reference,
            None,
            &["ingest", &many_file.display().to_string()],
        ),
        "reference",
    );
    let reference_server = Server::start(&reference, None);
    assert_eq!(
        totals(&reference_server).0,
        whole.0,
        "the issue uploaded when the first server was killed is whole"
    );
    drop(reference_server);

    // PostgreSQL restarted under load: the second server answers 503
    // problem+json (never another failure) while it is down, recovers by
    // itself, and nothing is lost.
    let exported = export(&dir.path().join("export-before"), Some(&store));
    let two_addr = two.addr.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut answers = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for path in [
                    format!("/api/v1/documents/{}", encode("青政办发〔2019〕4号")),
                    "/api/v1/documents?limit=5".to_owned(),
                    format!("/api/v1/search?q={}", encode("社会保险")),
                ] {
                    if let Ok(answer) = crate::server::get_from(&two_addr, &path) {
                        answers.push(answer);
                    }
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            answers
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    restart_postgres();
    let recovered = within(Duration::from_secs(20), || {
        two.get(&format!(
            "/api/v1/documents/{}",
            encode("青政办发〔2019〕4号")
        ))
        .is_ok_and(|answer| answer.status == 200)
    });
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answers = load.join().expect("load");
    assert!(
        recovered.is_some(),
        "the second server did not recover within 20 s"
    );
    assert!(
        answers.len() > 10,
        "the load ran: {} answers",
        answers.len()
    );
    for answer in &answers {
        if answer.status == 200 {
            continue;
        }
        assert_eq!(
            answer.status,
            503,
            "{}",
            String::from_utf8_lossy(&answer.body)
        );
        assert_eq!(answer.content_type, "application/problem+json");
        assert_eq!(answer.json()["code"], "store_unavailable");
    }
    let unavailable = answers.iter().filter(|a| a.status == 503).count();
    eprintln!(
        "PostgreSQL restart under load: {} answers, {unavailable} of them 503 store_unavailable",
        answers.len()
    );
    let after = export(&dir.path().join("export-after"), Some(&store));
    assert_eq!(after, exported, "nothing was lost in the restart");
    // A write after the restart goes through, at once or after the
    // Retry-After delay of a 503 from a connection that met the loss.
    let took = within(Duration::from_secs(10), || {
        let answer = two
            .post(
                &format!("/api/v1/documents/{key}/status"),
                &token,
                "application/json",
                body,
            )
            .expect("status after the restart");
        if answer.status != 200 {
            assert_eq!(
                answer.status,
                503,
                "{}",
                String::from_utf8_lossy(&answer.body)
            );
            assert_eq!(answer.json()["code"], "store_unavailable");
            std::thread::sleep(Duration::from_secs(2));
        }
        answer.status == 200
    });
    assert!(took.is_some(), "no write went through after the restart");
}

#[test]
fn an_archive_moves_from_sqlite_to_postgresql_and_back_byte_for_byte() {
    let Some((base, _turn)) = test_postgres() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = dir.path().join("sqlite");
    succeeded(
        &gazette(&sqlite, None, &["ingest", &sample().display().to_string()]),
        "ingest",
    );
    succeeded(
        &gazette(
            &sqlite,
            None,
            &[
                "status",
                "青政办字〔2019〕30号",
                "--set",
                "repealed",
                "--date",
                "2020-01-01",
            ],
        ),
        "status",
    );
    let from_sqlite = export(&sqlite, None);
    let file = dir.path().join("archive.jsonl");
    std::fs::write(&file, &from_sqlite).expect("write export");
    let file_arg = file.display().to_string();

    let store = new_database(&base, "round_trip");
    let pg_data = dir.path().join("pg");
    succeeded(
        &gazette(&pg_data, Some(&store), &["import", &file_arg]),
        "import into PostgreSQL",
    );
    let from_postgres = export(&pg_data, Some(&store));
    assert_eq!(from_postgres, from_sqlite, "SQLite → PostgreSQL");

    let back_file = dir.path().join("back.jsonl");
    std::fs::write(&back_file, &from_postgres).expect("write export");
    let back = dir.path().join("back");
    succeeded(
        &gazette(&back, None, &["import", &back_file.display().to_string()]),
        "import back into SQLite",
    );
    assert_eq!(export(&back, None), from_sqlite, "PostgreSQL → SQLite");
}
