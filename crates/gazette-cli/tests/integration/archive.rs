//! `gazette ingest`, `search`, `show`, `status`, `compact`, `export`/`import` as a user
//! runs them, and what a kill -9 in the middle of an ingest leaves behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use gazette_archive::types::SearchOptions;
use gazette_archive::Archive;

pub(crate) fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt")
}

pub(crate) fn gazette(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .env("GAZETTE_DATA", data)
        .output()
        .expect("runs gazette")
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn ingest_then_search_finds_the_social_insurance_notice_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let sample = sample().display().to_string();
    let out = gazette(&data, &["ingest", &sample]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("1 issue(s) added, 6 document(s)"),
        "{}",
        stdout(&out)
    );
    let out = gazette(&data, &["search", "降低社会保险费率", "--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["hits"][0]["doc_number"], "青政办发〔2019〕4号");
    let out = gazette(&data, &["search", "number:青政办字[2019]31号", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["hits"][0]["doc_number"], "青政办字〔2019〕31号");
    let again = gazette(&data, &["ingest", &sample]);
    assert!(
        stdout(&again).contains("0 issue(s) added") && stdout(&again).contains("1 already present")
    );
    // Compacting the index leaves what a search finds as it was.
    let out = gazette(&data, &["compact"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gazette(&data, &["search", "降低社会保险费率", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["hits"][0]["doc_number"], "青政办发〔2019〕4号");
}

/// A made-up issue of one notice whose body has `A&B<C>"D"` just before
/// 社会保险, so the snippet of a search for 社会保险 shows it.
const MARKUP_ISSUE: &str = "青岛市人民政府关于规范产品型号填写的通知

青政字〔2019〕88号

各区、市人民政府，市政府各部门：

为统一填写口径，现将有关事项通知如下：产品型号A&B<C>\"D\"应当在社会保险登记中如实填写。

青岛市人民政府
2019年8月1日
";

#[test]
fn search_prints_snippets_as_plain_text_without_html_entities() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let issue = dir.path().join("markup.txt");
    std::fs::write(&issue, MARKUP_ISSUE).expect("write the issue");
    let out = gazette(&data, &["ingest", &issue.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Standard output is a pipe here: marks in 【】, no colour.
    let out = gazette(&data, &["search", "社会保险"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("产品型号A&B<C>\"D\"应当在【社会保险】登记中"),
        "{text}"
    );
    for entity in ["&amp;", "&lt;", "&gt;", "&quot;", "<mark>", "\x1b["] {
        assert!(!text.contains(entity), "{entity} in {text}");
    }
    // The JSON gives the runs, unescaped.
    let out = gazette(&data, &["search", "社会保险", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let runs = json["hits"][0]["snippet"].as_array().expect("snippet runs");
    let marked: Vec<&str> = runs
        .iter()
        .filter(|run| run["marked"] == true)
        .filter_map(|run| run["text"].as_str())
        .collect();
    assert_eq!(marked, ["社会保险"]);
    assert!(runs
        .iter()
        .filter_map(|run| run["text"].as_str())
        .any(|text| text.contains("A&B<C>\"D\"")));
}

#[test]
fn status_is_recorded_and_answered_as_of_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(gazette(&data, &["ingest", &sample().display().to_string()])
        .status
        .success());
    let out = gazette(
        &data,
        &[
            "status",
            "青政办字〔2019〕30号",
            "--set",
            "repealed",
            "--date",
            "2021-03-01",
            "--by",
            "青政发〔2021〕3号",
            "--reason",
            "新规定施行",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = gazette(
        &data,
        &["status", "青政办字〔2019〕30号", "--as-of", "2021-02-28"],
    );
    assert!(
        stdout(&before).contains("status on 2021-02-28: 未核实"),
        "{}",
        stdout(&before)
    );
    let after = gazette(
        &data,
        &["status", "青政办字〔2019〕30号", "--as-of", "2021-03-01"],
    );
    assert!(
        stdout(&after).contains("status on 2021-03-01: 已废止"),
        "{}",
        stdout(&after)
    );
    assert!(stdout(&after).contains("by 青政发〔2021〕3号: 新规定施行"));
    let show = gazette(&data, &["show", "青政办字〔2019〕30号"]);
    assert!(
        stdout(&show).starts_with("【已废止 since 2021-03-01 by 青政发〔2021〕3号】"),
        "{}",
        stdout(&show)
    );
    let bad = gazette(&data, &["status", "青政办字〔2019〕30号", "--set", "gone"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown status"));
}

#[test]
fn malformed_queries_and_unknown_documents_are_clear_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(gazette(&data, &["ingest", &sample().display().to_string()])
        .status
        .success());
    for query in ["\"unclosed", "title:", "date:2019-13-01..", ""] {
        let out = gazette(&data, &["search", query]);
        assert_eq!(out.status.code(), Some(1), "{query}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error:") && !stderr.contains("panicked"),
            "{query}: {stderr}"
        );
    }
    let out = gazette(&data, &["show", "青政办字〔1999〕1号"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document"));
}

/// `count` distinct issues made from the sample: every “2019” becomes another
/// year, so each has its own bytes and its own 发文字号, and each parses to
/// the sample's 6 documents.
fn variants(dir: &Path, count: usize) -> PathBuf {
    let text = std::fs::read_to_string(sample()).expect("sample");
    let issues = dir.join("issues");
    std::fs::create_dir_all(&issues).expect("mkdir");
    for i in 0..count {
        let year = 1980 + i;
        std::fs::write(
            issues.join(format!("issue-{year}.txt")),
            text.replace("2019", &year.to_string()),
        )
        .expect("write");
    }
    issues
}

/// Every issue in the archive is whole, and the index agrees with the store.
fn check_consistent(data: &Path) -> usize {
    let archive = Archive::open(data).expect("the archive opens after a kill");
    let counts = archive.reads().counts().expect("counts");
    assert_eq!(
        counts.documents,
        6 * counts.issues,
        "an issue is half in: {counts:?}"
    );
    let results = archive
        .reads()
        .search("蓝色药库", &SearchOptions::default())
        .expect("search");
    assert_eq!(results.total, counts.issues, "index and store disagree");
    counts.issues
}

#[test]
fn killing_ingest_at_any_moment_leaves_whole_issues_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let issues = variants(dir.path(), 30);
    let issues_arg = issues.display().to_string();
    // How long a whole ingest takes here, to kill at fractions of it.
    let started = Instant::now();
    let full = dir.path().join("full");
    assert!(gazette(&full, &["ingest", &issues_arg]).status.success());
    let whole = started.elapsed();
    assert_eq!(check_consistent(&full), 30);
    let mut killed_running = 0;
    let mut partial_store = 0;
    for (k, fraction) in [0.02, 0.05, 0.1, 0.2, 0.4, 0.7].into_iter().enumerate() {
        let data = dir.path().join(format!("killed-{k}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["ingest", &issues_arg, "--data", &data.display().to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(whole.mul_f64(fraction).max(Duration::from_millis(10)));
        if child.try_wait().expect("poll").is_none() {
            killed_running += 1;
        }
        child.kill().expect("kill -9");
        child.wait().expect("reap");
        if !data.exists() {
            continue;
        }
        let got = check_consistent(&data);
        if 0 < got && got < 30 {
            partial_store += 1;
        }
        let resumed = gazette(&data, &["ingest", &issues_arg]);
        assert!(
            resumed.status.success(),
            "{}",
            String::from_utf8_lossy(&resumed.stderr)
        );
        assert_eq!(
            check_consistent(&data),
            30,
            "resuming completes the archive without duplicates"
        );
    }
    eprintln!("kills of a running ingest: {killed_running}; of them leaving a partial store: {partial_store}");
    assert!(
        killed_running >= 4 && partial_store >= 1,
        "the kills must land mid-ingest to prove anything ({killed_running} running, {partial_store} partial)"
    );
}

#[test]
fn export_and_import_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    assert!(gazette(&data, &["ingest", &sample().display().to_string()])
        .status
        .success());
    let export = dir.path().join("archive.jsonl");
    let out = gazette(
        &data,
        &[
            "export",
            "--format",
            "jsonl",
            "--output",
            &export.display().to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = dir.path().join("restored");
    let out = gazette(&restored, &["import", &export.display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = dir.path().join("again.jsonl");
    assert!(
        gazette(&restored, &["export", "-o", &again.display().to_string()])
            .status
            .success()
    );
    assert_eq!(
        std::fs::read(&export).expect("first"),
        std::fs::read(&again).expect("second")
    );
    let out = gazette(&restored, &["show", "青政办字〔2019〕33号", "--text"]);
    assert!(stdout(&out).contains("企业安全生产风险隐患排查整治指导目录（以化工企业为例）"));
}

#[test]
fn ingest_and_status_from_the_cli_are_audited_as_the_user() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(args)
            .env("GAZETTE_DATA", &data)
            .env("USER", "alice")
            .output()
            .expect("runs gazette");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    run(&["ingest", &sample().display().to_string()]);
    run(&["status", "青政字〔2019〕16号", "--set", "repealed"]);
    let out = run(&["audit", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let entries = entries.as_array().expect("a list");
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0]["actor"], "cli:alice");
    assert_eq!(entries[0]["action"], "ingest");
    assert_eq!(entries[0]["target"], "1");
    assert_eq!(entries[0]["detail"]["documents"], 6);
    assert_eq!(entries[1]["actor"], "cli:alice");
    assert_eq!(entries[1]["action"], "status");
    assert_eq!(entries[1]["detail"]["status"], "repealed");
}
