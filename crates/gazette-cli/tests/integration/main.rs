//! The `gazette` binary as a user runs it.

mod archive;
mod gazettes;
mod html;
mod instances;
mod links;
mod pdf;
mod pipes;
mod server;
mod serving;

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .output()
        .expect("runs gazette")
}

fn sample() -> String {
    fixtures()
        .join("qingdao-gazette-2019-issue.txt")
        .display()
        .to_string()
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gazette-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

#[test]
fn parse_json_keeps_the_documented_contract() {
    let out = gazette(&["parse", &sample(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let docs = json["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 6);
    for key in [
        "id",
        "title",
        "doc_number",
        "date",
        "issuer",
        "doc_type",
        "recipients",
        "promulgated_title",
        "attachments",
        "sections",
        "tables",
        "cited",
        "appointments",
        "warnings",
    ] {
        assert!(docs.iter().all(|d| d.get(key).is_some()), "missing {key}");
    }
    assert_eq!(docs[3]["doc_number"], "青政办字〔2019〕31号");
    assert_eq!(docs[3]["date"], "2019-06-28");
    assert_eq!(docs[4]["attachments"][2]["number"], 3);
    assert_eq!(docs[5]["appointments"][0]["action"], "appoint");
    assert_eq!(json["encoding"], "UTF-8");
}

#[test]
fn text_and_summary_formats_name_every_document() {
    let out = gazette(&["parse", &sample(), "--format", "summary"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("6 document(s)"));
    assert!(text.contains("青政办字〔2019〕33号\t2019-07-11\t通知"));
    let out = gazette(&["parse", &sample()]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains(
        "attachment 3: 企业安全生产风险隐患排查整治指导目录（以化工企业为例） (unlabelled)"
    ));
}

#[test]
fn a_png_is_refused_by_name_and_the_rest_still_parses() {
    let png = temp_file("cover.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let out = gazette(&[
        "parse",
        png.to_str().expect("path"),
        &sample(),
        "--format",
        "summary",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cover.png"), "{stderr}");
    assert!(stderr.contains("not a text file"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("6 document(s)"));
}

#[test]
fn missing_and_undecodable_files_give_clear_errors() {
    let out = gazette(&["parse", "/nonexistent/issue.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("/nonexistent/issue.txt: cannot read the file"));
    let junk = temp_file("junk.txt", b"abc\xff\x81\x20def");
    let out = gazette(&["parse", junk.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("junk.txt") && stderr.contains("no supported encoding"),
        "{stderr}"
    );
}

#[test]
fn gb18030_input_parses_like_utf8() {
    let text = std::fs::read_to_string(sample()).expect("sample");
    let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
    let path = temp_file("issue-gb18030.txt", &gb);
    let out = gazette(&["parse", path.to_str().expect("path"), "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["encoding"], "gb18030");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(6));
}
