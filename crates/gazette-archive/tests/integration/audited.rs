//! Every write of the archive lands in the audit log with its actor, in the
//! write's own store transaction (issue 14, finding 3).

use std::path::PathBuf;

use gazette_archive::{Archive, StatusRequest};
use gazette_model::{NaiveDate, Status};
use gazette_store::Correction;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt")
}

fn entries(archive: &Archive) -> Vec<(String, String, String)> {
    archive
        .reads()
        .audit_log(0, 100)
        .expect("audit log")
        .into_iter()
        .map(|e| (e.actor, e.action, e.target))
        .collect()
}

fn owned(actor: &str, action: &str, target: &str) -> (String, String, String) {
    (actor.to_owned(), action.to_owned(), target.to_owned())
}

#[test]
fn ingest_status_and_correction_are_each_audited_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    archive
        .ingest_paths(&[sample_path()], "cli:alice", |_| {})
        .expect("ingest");
    let log = archive.reads().audit_log(0, 100).expect("audit log");
    assert_eq!(log.len(), 1);
    let detail = log[0].detail.as_ref().expect("detail");
    assert_eq!(detail["documents"], 6);
    assert!(detail["file_name"]
        .as_str()
        .is_some_and(|name| name.ends_with("qingdao-gazette-2019-issue.txt")));

    // The same file again writes nothing and audits nothing.
    archive
        .ingest_paths(&[sample_path()], "cli:alice", |_| {})
        .expect("ingest again");
    let sample = std::fs::read(sample_path()).expect("sample");
    archive
        .ingest_bytes("again.txt", &sample, "ci")
        .expect("upload");
    assert_eq!(entries(&archive), [owned("cli:alice", "ingest", "1")]);

    let request = StatusRequest {
        status: Status::Repealed,
        effective: NaiveDate::from_ymd_opt(2021, 1, 1).expect("date"),
        reason: Some("superseded".to_owned()),
        by_document: Some("青政字(2020)1号".to_owned()),
        recorded_by: "ci".to_owned(),
    };
    let view = archive
        .record_status("青政字〔2019〕16号", request, "ci")
        .expect("status");
    let id = view.record.id;
    let correction = Correction {
        field: "title".to_owned(),
        original: Some(view.record.document.title.clone()),
        corrected: "更正".to_owned(),
        reason: None,
        recorded_by: "ci".to_owned(),
        recorded_at: "2024-05-01T08:00:00.000Z".to_owned(),
    };
    archive
        .record_correction(&id, &correction, "ci")
        .expect("correction");
    assert_eq!(
        entries(&archive),
        [
            owned("cli:alice", "ingest", "1"),
            owned("ci", "status", &id),
            owned("ci", "correction", &id),
        ]
    );
    let log = archive.reads().audit_log(1, 100).expect("audit log");
    let status = log[0].detail.as_ref().expect("detail");
    assert_eq!(status["status"], "repealed");
    assert_eq!(status["by"], "青政字〔2020〕1号", "the number as recorded");
    assert_eq!(log[1].at, "2024-05-01T08:00:00.000Z");
}
