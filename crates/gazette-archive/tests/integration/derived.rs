//! A damaged derived index (search index, fact index) does not stop the
//! archive from opening: it is moved aside and rebuilt from the store
//! (issue 14, finding 9).

use std::path::{Path, PathBuf};

use gazette_archive::Archive;
use gazette_search::SearchOptions;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt")
}

/// A data directory holding the sample, closed.
fn ingested() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    archive
        .ingest_paths(&[sample_path()], "test", |_| {})
        .expect("ingest");
    dir
}

/// The 发文字号 of the hits of `query`, in order.
fn numbers(archive: &Archive, query: &str) -> Vec<String> {
    archive
        .reads()
        .search(query, &SearchOptions::default())
        .expect("search")
        .hits
        .into_iter()
        .filter_map(|hit| hit.doc_number)
        .collect()
}

/// How many documents `year:2019` finds.
fn of_2019(archive: &Archive) -> usize {
    archive
        .reads()
        .search("year:2019", &SearchOptions::default())
        .expect("search")
        .total
}

/// The sample's documents are found again: a phrase of one, a number of
/// another, and the documents of 2019 as many as before the damage.
fn assert_sample_found(archive: &Archive) {
    assert_eq!(
        numbers(archive, "降低社会保险费率")
            .first()
            .map(String::as_str),
        Some("青政办发〔2019〕4号")
    );
    assert_eq!(
        numbers(archive, "number:青政办字〔2019〕31号"),
        ["青政办字〔2019〕31号"]
    );
    let intact = ingested();
    let before = of_2019(&Archive::open(intact.path()).expect("open"));
    assert!(before >= 5, "the sample's five numbered documents of 2019");
    assert_eq!(of_2019(archive), before);
}

fn index_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("index"))
        .expect("index dir")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn garbage_in_the_search_index_meta_is_moved_aside_and_rebuilt() {
    let dir = ingested();
    std::fs::write(dir.path().join("index/meta.json"), b"{ not json at all").expect("write");
    let archive = Archive::open(dir.path()).expect("opens despite the damaged index");
    assert_sample_found(&archive);
    assert!(dir.path().join("index.damaged/meta.json").is_file());
}

#[test]
fn truncated_search_index_segments_are_moved_aside_and_rebuilt() {
    let dir = ingested();
    let mut truncated = 0;
    for file in index_files(dir.path()) {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".json") || name.starts_with('.') {
            continue;
        }
        let len = std::fs::metadata(&file).expect("metadata").len();
        let handle = std::fs::OpenOptions::new()
            .write(true)
            .open(&file)
            .expect("open segment file");
        handle.set_len(len / 2).expect("truncate");
        truncated += 1;
    }
    assert!(truncated > 0, "the index has segment files");
    let archive = Archive::open(dir.path()).expect("opens despite the truncated segments");
    assert_sample_found(&archive);
}

#[test]
fn a_fact_index_that_is_not_a_database_is_moved_aside_and_rebuilt() {
    let dir = ingested();
    let units = Archive::open(dir.path())
        .expect("open")
        .reads()
        .units()
        .expect("units");
    assert!(!units.is_empty(), "the sample names units");
    let facts = dir.path().join("facts.sqlite");
    std::fs::write(&facts, "这不是一个数据库。".repeat(500)).expect("write");
    for journal in ["facts.sqlite-wal", "facts.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(journal));
    }
    let archive = Archive::open(dir.path()).expect("opens despite the damaged fact index");
    assert_eq!(archive.reads().units().expect("units"), units);
    assert_sample_found(&archive);
    assert!(dir.path().join("facts.sqlite.damaged").is_file());
}

#[test]
fn reindex_runs_on_an_archive_whose_indexes_are_both_damaged() {
    let dir = ingested();
    std::fs::write(dir.path().join("index/meta.json"), b"garbage").expect("write");
    std::fs::write(dir.path().join("facts.sqlite"), vec![0x5a; 8192]).expect("write");
    let mut archive = Archive::open(dir.path()).expect("open");
    assert_eq!(archive.reindex().expect("reindex"), 6);
    assert_sample_found(&archive);
}

#[test]
fn an_older_copy_of_the_store_put_back_leaves_no_ghosts_in_the_indexes() {
    let dir = ingested();
    let store = dir.path().join("archive.sqlite");
    let backup = dir.path().join("archive.sqlite.backup");
    std::fs::copy(&store, &backup).expect("copy the store");
    let units_before = Archive::open(dir.path())
        .expect("open")
        .reads()
        .units()
        .expect("units");
    {
        // A second issue: the sample as if printed in 2020.
        let text = std::fs::read_to_string(sample_path()).expect("sample");
        let mut archive = Archive::open(dir.path()).expect("open");
        archive
            .ingest_bytes("2020.txt", text.replace("2019", "2020").as_bytes(), "test")
            .expect("ingest");
        archive.catch_up().expect("index");
        assert_eq!(
            numbers(&archive, "number:青政办字〔2020〕31号"),
            ["青政办字〔2020〕31号"]
        );
        assert_ne!(archive.reads().units().expect("units"), units_before);
    }
    for journal in ["archive.sqlite-wal", "archive.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(journal));
    }
    std::fs::rename(&backup, &store).expect("restore the older copy");

    let archive = Archive::open(dir.path()).expect("open the restored archive");
    assert!(
        numbers(&archive, "number:青政办字〔2020〕31号").is_empty(),
        "a document of the second issue, which the restored store does not hold"
    );
    assert_eq!(
        archive
            .reads()
            .search("year:2020", &SearchOptions::default())
            .expect("search")
            .total,
        0
    );
    assert_eq!(archive.reads().units().expect("units"), units_before);
    assert_sample_found(&archive);
}

#[test]
fn the_store_of_another_archive_put_in_leaves_none_of_the_old_documents() {
    let dir = ingested();
    // Another archive, whose store has gone further: the sample as if
    // printed in 2020, and a status change.
    let other = tempfile::tempdir().expect("tempdir");
    {
        let text = std::fs::read_to_string(sample_path()).expect("sample");
        let mut archive = Archive::open(other.path()).expect("open");
        archive
            .ingest_bytes("2020.txt", text.replace("2019", "2020").as_bytes(), "test")
            .expect("ingest");
        archive
            .record_status(
                "青政办字〔2020〕31号",
                gazette_archive::StatusRequest {
                    status: gazette_model::Status::Expired,
                    effective: gazette_model::NaiveDate::from_ymd_opt(2021, 1, 1).expect("date"),
                    reason: None,
                    by_document: None,
                    recorded_by: "test".to_owned(),
                },
                "test",
            )
            .expect("status");
    }
    std::fs::copy(
        other.path().join("archive.sqlite"),
        dir.path().join("archive.sqlite"),
    )
    .expect("put the other store in");

    let archive = Archive::open(dir.path()).expect("open");
    assert!(
        numbers(&archive, "number:青政办字〔2019〕31号").is_empty(),
        "a document of the replaced store"
    );
    assert_eq!(of_2019(&archive), 0);
    assert_eq!(
        numbers(&archive, "number:青政办字〔2020〕31号"),
        ["青政办字〔2020〕31号"]
    );
}
