//! Uploads under load (issue 14, findings 6 and 7): a PDF is read outside
//! the archive's writer, so another token's upload completes while it is
//! extracted; an upload that outlasts the job threshold is answered 202
//! with its job, which says when it is stored and as which issue.
//!
//! A slow extraction is made by a `pdfinfo` that waits for a gate file
//! (the tools are taken from a folder of the test's own). The tests judge
//! by answers, never by wall-clock time: the only timeouts are generous
//! guards against a hang.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use axum::http::Method;
use gazette_archive::types::TokenScope;
use gazette_archive::ExtractOptions;
use gazette_server::ServerConfig;

use crate::common::{request, sample_bytes, send_to, variant, Fixture, Reply};

/// How long a guard waits before calling it a hang.
const GUARD: Duration = Duration::from_secs(60);

/// A folder of tools whose `pdfinfo` waits for `go` in the folder (and
/// marks `started` when it begins); the others run the real tools.
struct GatedTools {
    dir: tempfile::TempDir,
}

impl GatedTools {
    /// `None` (skipped) without poppler.
    fn new() -> Option<GatedTools> {
        let poppler = std::process::Command::new("pdftotext")
            .arg("-v")
            .output()
            .is_ok();
        if !poppler {
            let required = std::env::var("GAZETTE_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1");
            assert!(!required, "poppler-utils is missing");
            eprintln!("skipped: poppler-utils is missing (apt-get install poppler-utils)");
            return None;
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let gate = dir.path().display().to_string();
        let pdfinfo = format!(
            "#!/bin/sh\ntouch '{gate}/started'\nwhile [ ! -f '{gate}/go' ]; do sleep 0.02; done\nexec pdfinfo \"$@\"\n"
        );
        write_script(dir.path(), "pdfinfo", &pdfinfo);
        for tool in ["pdftotext", "pdftoppm", "tesseract"] {
            write_script(
                dir.path(),
                tool,
                &format!("#!/bin/sh\nexec {tool} \"$@\"\n"),
            );
        }
        Some(GatedTools { dir })
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Waits until the gated `pdfinfo` has started.
    async fn started(&self) {
        let marker = self.dir.path().join("started");
        tokio::time::timeout(GUARD, async {
            while !marker.exists() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await
        .expect("the extraction started");
    }

    /// Lets the gated `pdfinfo` go on.
    fn open(&self) {
        std::fs::write(self.dir.path().join("go"), b"").expect("gate opened");
    }
}

fn write_script(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("script written");
    let chmod = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&path)
        .status();
    assert!(chmod.is_ok_and(|s| s.success()));
}

fn state_council_pdf() -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdf/gbf-2021-43-web.pdf");
    std::fs::read(path).expect("the PDF fixture")
}

fn config(tools: &GatedTools, job_threshold: Duration) -> ServerConfig {
    ServerConfig {
        job_threshold,
        extract: ExtractOptions {
            tool_dir: Some(tools.path()),
            ..ExtractOptions::default()
        },
        ..ServerConfig::default()
    }
}

/// Sends a request on a task of its own.
fn spawn_send(
    fixture: &Fixture,
    method: Method,
    uri: &str,
    token: &str,
    body: Vec<u8>,
) -> tokio::task::JoinHandle<Reply> {
    let router = fixture.router.clone();
    let bearer = format!("Bearer {token}");
    let request = request(method, uri, &[("authorization", &bearer)], Body::from(body));
    tokio::spawn(send_to(router, request))
}

/// Finding 6: 50 blank pages under OCR held the writer 29.5 s while
/// another token's upload waited.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_upload_completes_while_a_pdf_is_extracted() {
    let Some(tools) = GatedTools::new() else {
        return;
    };
    let fixture = Fixture::with_config(
        &[("qingdao-2019.txt".to_owned(), sample_bytes())],
        config(&tools, GUARD),
    );
    let slow = fixture.token("slow", TokenScope::Write);
    let other = fixture.token("other", TokenScope::Write);
    let pdf = spawn_send(
        &fixture,
        Method::POST,
        "/api/v1/issues?name=gbf.pdf",
        &slow,
        state_council_pdf(),
    );
    tools.started().await;
    let small = spawn_send(
        &fixture,
        Method::POST,
        "/api/v1/issues?name=2001.txt",
        &other,
        variant(2001),
    );
    let small = tokio::time::timeout(GUARD, small)
        .await
        .expect("the small upload is answered while the PDF is extracted")
        .expect("the task ran");
    assert_eq!(small.status, 201, "{}", small.text());
    assert!(!pdf.is_finished(), "the PDF is still being extracted");
    tools.open();
    let pdf = tokio::time::timeout(GUARD, pdf)
        .await
        .expect("the PDF upload is answered")
        .expect("the task ran");
    assert_eq!(pdf.status, 201, "{}", pdf.text());
    assert_eq!(pdf.json()["issue"]["id"], 3);
}

/// Finding 7: a 146-page PDF ingested in ~42 s was answered 408 though it
/// was stored; a queued upload was answered 408 and not stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_upload_is_a_job_that_says_where_it_is_and_which_issue_it_became() {
    let Some(tools) = GatedTools::new() else {
        return;
    };
    let fixture = Fixture::with_config(
        &[("qingdao-2019.txt".to_owned(), sample_bytes())],
        config(&tools, Duration::from_millis(50)),
    );
    let slow = fixture.token("slow", TokenScope::Write);
    let other = fixture.token("other", TokenScope::Write);
    let admin = fixture.token("admin", TokenScope::Admin);
    let reply = spawn_send(
        &fixture,
        Method::POST,
        "/api/v1/issues?name=gbf.pdf",
        &slow,
        state_council_pdf(),
    )
    .await
    .expect("the task ran");
    // The gate is shut: the job cannot have finished, whatever the load.
    assert_eq!(reply.status, 202, "{}", reply.text());
    let location = reply.header("location");
    assert_eq!(location, "/api/v1/jobs/1");
    assert_eq!(reply.json()["status_url"], location);
    assert_eq!(reply.header("cache-control"), "no-store");

    let job = spawn_send(&fixture, Method::GET, &location, &slow, Vec::new())
        .await
        .expect("the task ran");
    assert_eq!(job.status, 200);
    let json = job.json();
    assert!(
        matches!(json["status"].as_str(), Some("queued" | "running")),
        "{json}"
    );
    assert_eq!(json["file_name"], "gbf.pdf");
    // Another token does not see it; an admin does; nobody without a token.
    let theirs = spawn_send(&fixture, Method::GET, &location, &other, Vec::new())
        .await
        .expect("the task ran");
    theirs.assert_problem(404, "not_found");
    let admin_view = spawn_send(&fixture, Method::GET, &location, &admin, Vec::new())
        .await
        .expect("the task ran");
    assert_eq!(admin_view.status, 200);
    fixture
        .get(&location)
        .await
        .assert_problem(401, "unauthorized");

    tools.open();
    let done = tokio::time::timeout(GUARD, async {
        loop {
            let job = spawn_send(&fixture, Method::GET, &location, &slow, Vec::new())
                .await
                .expect("the task ran")
                .json();
            if job["status"] != "queued" && job["status"] != "running" {
                return job;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the job finishes");
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["outcome"]["outcome"], "added", "{done}");
    assert_eq!(done["issue_id"], 2);
    assert_eq!(done["issue_url"], "/api/v1/issues/2");
    assert_eq!(fixture.get("/api/v1/issues/2").await.status, 200);
    // Stored with its audit entry, by the token that uploaded it.
    let audit = spawn_send(&fixture, Method::GET, "/api/v1/audit", &admin, Vec::new())
        .await
        .expect("the task ran")
        .json();
    let ingests: Vec<&serde_json::Value> = audit["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|e| e["action"] == "ingest" && e["actor"] == "slow")
        .collect();
    assert_eq!(ingests.len(), 1, "{audit}");
    let unknown = spawn_send(&fixture, Method::GET, "/api/v1/jobs/99", &slow, Vec::new())
        .await
        .expect("the task ran");
    unknown.assert_problem(404, "not_found");
}
