//! Ingest, search, status, reindex, export/import on the sample issue.
//! Expected values were read by hand from the sample's text.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gazette_archive::{Archive, FileOutcome, ProgressEvent, StatusRequest};
use gazette_model::Status;
use gazette_search::SearchOptions;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt")
}

fn ingested(dir: &Path) -> Archive {
    let mut archive = Archive::open(dir).expect("open");
    let summary = archive
        .ingest_paths(&[sample_path()], "test", |_| {})
        .expect("ingest");
    assert_eq!(summary.issues, 1);
    assert_eq!(summary.documents, 6);
    archive
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn first_number(archive: &Archive, query: &str) -> Option<String> {
    let results = archive
        .reads()
        .search(query, &SearchOptions::default())
        .expect("search");
    results.hits.first().and_then(|h| h.doc_number.clone())
}

#[test]
fn ingested_documents_are_found_by_phrase_and_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    assert_eq!(
        first_number(&archive, "降低社会保险费率").as_deref(),
        Some("青政办发〔2019〕4号")
    );
    for variant in [
        "number:青政办字[2019]31号",
        "number:青政办字〔2019〕31号",
        "number:青政办字（2019）31号",
    ] {
        assert_eq!(
            first_number(&archive, variant).as_deref(),
            Some("青政办字〔2019〕31号"),
            "{variant}"
        );
    }
    let view = archive
        .reads()
        .document("青政办字[2019]31号")
        .expect("lookup");
    assert_eq!(
        view.record.document.title,
        "青岛市人民政府办公厅关于印发2019年青岛市政务公开工作要点的通知"
    );
    assert!(view
        .record
        .text
        .starts_with("青岛市人民政府办公厅关于印发 2019年青岛市政务公开工作要点的通知"));
}

#[test]
fn the_same_issue_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = ingested(dir.path());
    let before = archive.reads().counts().expect("counts");
    let again = archive
        .ingest_paths(&[sample_path()], "test", |_| {})
        .expect("ingest again");
    assert_eq!(again.issues, 0);
    assert_eq!(again.unchanged, 1);
    assert_eq!(again.files[0].outcome, FileOutcome::AlreadyPresent);
    let after = archive.reads().counts().expect("counts");
    assert_eq!(
        (before.issues, before.documents, before.versions),
        (after.issues, after.documents, after.versions)
    );
    let results = archive
        .reads()
        .search("蓝色药库", &SearchOptions::default())
        .expect("search");
    assert_eq!(results.total, 1, "the document is not indexed twice");
}

#[test]
fn status_history_answers_as_of_any_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = ingested(dir.path());
    let key = "青政办发〔2019〕4号";
    let request = |status, effective| StatusRequest {
        status,
        effective,
        reason: Some("test".to_owned()),
        by_document: Some("青政发[2021]3号".to_owned()),
        recorded_by: "tester".to_owned(),
    };
    archive
        .record_status(key, request(Status::Expired, day(2020, 5, 1)), "test")
        .expect("past change");
    archive
        .record_status(key, request(Status::Repealed, day(2099, 1, 1)), "test")
        .expect("future change");
    let (view, on_2019) = archive
        .reads()
        .status_on(key, day(2019, 12, 31))
        .expect("as of 2019");
    assert_eq!(
        on_2019,
        Status::Unverified,
        "nothing recorded yet, nothing derived"
    );
    assert_eq!(
        view.status_history.len(),
        2,
        "both changes kept, none overwritten"
    );
    assert_eq!(
        view.status_history[0].by_document.as_deref(),
        Some("青政发〔2021〕3号")
    );
    assert_eq!(
        archive
            .reads()
            .status_on(key, day(2021, 1, 1))
            .expect("2021")
            .1,
        Status::Expired
    );
    assert_eq!(
        archive
            .reads()
            .status_on(key, day(2099, 1, 1))
            .expect("2099")
            .1,
        Status::Repealed
    );
    let expired = archive
        .reads()
        .search("status:expired", &SearchOptions::default())
        .expect("search");
    assert_eq!(expired.total, 1);
    let hit = &expired.hits[0];
    assert_eq!(hit.status, Status::Expired);
}

#[test]
fn reindex_rebuilds_the_same_archive_from_the_originals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = ingested(dir.path());
    let before = archive
        .reads()
        .search(
            "市财政局",
            &SearchOptions {
                limit: 50,
                ..Default::default()
            },
        )
        .expect("search");
    let indexed = archive.reindex().expect("reindex");
    assert_eq!(indexed, 6);
    let after = archive
        .reads()
        .search(
            "市财政局",
            &SearchOptions {
                limit: 50,
                ..Default::default()
            },
        )
        .expect("search");
    let ids =
        |r: &gazette_search::SearchResults| r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    assert_eq!(before.total, after.total);
}

#[test]
fn an_index_of_another_schema_is_rebuilt_from_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(ingested(dir.path()));
    // What an older version may have left: an index of other fields.
    let index = dir.path().join("index");
    std::fs::remove_dir_all(&index).expect("remove the index");
    std::fs::create_dir_all(&index).expect("index directory");
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&index, schema.build()).expect("an older index");
    let archive = Archive::open(dir.path()).expect("opens and rebuilds");
    assert_eq!(
        first_number(&archive, "number:青政办字[2019]31号").as_deref(),
        Some("青政办字〔2019〕31号")
    );
}

#[test]
fn export_then_import_restores_everything() {
    let source = tempfile::tempdir().expect("tempdir");
    let mut archive = ingested(source.path());
    archive
        .record_status(
            "青政字〔2019〕16号",
            StatusRequest {
                status: Status::Amended,
                effective: day(2020, 1, 1),
                reason: None,
                by_document: None,
                recorded_by: "tester".to_owned(),
            },
            "test",
        )
        .expect("status");
    let mut first = Vec::new();
    archive.export_jsonl(&mut first).expect("export");
    let target = tempfile::tempdir().expect("tempdir");
    let mut restored = Archive::open(target.path()).expect("open");
    restored
        .import_jsonl(&mut first.as_slice(), "test")
        .expect("import");
    let mut second = Vec::new();
    restored.export_jsonl(&mut second).expect("export again");
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
    let ids = |a: &Archive| {
        a.reads()
            .documents()
            .expect("documents")
            .into_iter()
            .map(|r| (r.id, r.slug, r.version))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&archive), ids(&restored));
    let (_, status) = restored
        .reads()
        .status_on("青政字〔2019〕16号", day(2021, 1, 1))
        .expect("status");
    assert_eq!(status, Status::Amended);
}

#[test]
fn a_bad_file_is_reported_and_the_rest_goes_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("cover.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let data = dir.path().join("data");
    let mut archive = Archive::open(&data).expect("open");
    let summary = archive
        .ingest_paths(&[png.clone(), sample_path()], "test", |_| {})
        .expect("ingest");
    assert_eq!(summary.failed, 1);
    assert_eq!(summary.documents, 6);
    let FileOutcome::Failed { message } = &summary.files[0].outcome else {
        panic!("the PNG must fail: {:?}", summary.files[0]);
    };
    assert!(message.contains("not a text file"), "{message}");
    assert_eq!(summary.files[0].path, png);
}

#[test]
fn a_missing_path_is_reported_as_it_happens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-issue.txt");
    let mut archive = Archive::open(&dir.path().join("data")).expect("open");
    let mut reported = Vec::new();
    let summary = archive
        .ingest_paths(&[missing.clone(), sample_path()], "test", |event| {
            if let ProgressEvent::File(report) = event {
                reported.push(report.clone());
            }
        })
        .expect("ingest");
    assert_eq!(summary.failed, 1);
    assert_eq!(summary.documents, 6);
    // The callback hears of the missing path, as of every file read.
    assert_eq!(reported.len(), 2);
    assert_eq!(reported[0].path, missing);
    let FileOutcome::Failed { message } = &reported[0].outcome else {
        panic!("the missing path must fail: {:?}", reported[0]);
    };
    assert!(message.contains("cannot read"), "{message}");
}
