//! Indexes that follow a store others write too (issue 17 §2): two
//! instances with their own data directories on one store, and a writer
//! opened beside the process that holds the indexes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use gazette_archive::{Archive, FileOutcome, ProgressEvent, StoreLocation};
use gazette_search::SearchOptions;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// The 发文字号 of the documents `query` finds, sorted.
fn found(archive: &Archive, query: &str) -> Vec<String> {
    let mut numbers: Vec<String> = archive
        .reads()
        .search(query, &SearchOptions::default())
        .expect("search")
        .hits
        .into_iter()
        .filter_map(|hit| hit.doc_number)
        .collect();
    numbers.sort();
    numbers
}

fn ingest_one(archive: &mut Archive, path: &Path) {
    let bytes = std::fs::read(path).expect("fixture");
    let outcome = archive
        .ingest_bytes(&path.display().to_string(), &bytes, "test")
        .expect("ingest");
    assert!(matches!(outcome, FileOutcome::Added { .. }), "{outcome:?}");
}

#[test]
fn a_write_of_another_instance_during_a_bulk_ingest_is_indexed_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = StoreLocation::Sqlite(dir.path().join("shared.sqlite"));
    let mut first = Archive::open_with(&dir.path().join("one"), &store).expect("first");
    let mut second = Archive::open_with(&dir.path().join("two"), &store).expect("second");
    let files = [
        fixture("govcn/govcn-row01.txt"),
        fixture("qingdao-gazette-2019-issue.txt"),
    ];
    let mut wrote = false;
    first
        .ingest_paths(&files, "test", |event| {
            // Between the first instance's files, the second stores one.
            if matches!(event, ProgressEvent::File(_)) && !wrote {
                ingest_one(&mut second, &fixture("govcn/govcn-row02.txt"));
                wrote = true;
            }
        })
        .expect("bulk ingest");
    assert!(wrote);
    // 国办发〔2019〕6号 (govcn-row02) was stored by the second instance in
    // the middle of the first one's ingest: the first one's index has it.
    assert!(found(&first, "融资担保基金").contains(&"国办发〔2019〕6号".to_owned()));
    assert!(found(&first, "双随机").contains(&"国发〔2019〕5号".to_owned()));
    assert!(found(&first, "降低社会保险费率").contains(&"青政办发〔2019〕4号".to_owned()));

    // The second instance learns of the first one's writes from the store.
    let follower = second.follower().expect("follower");
    assert!(follower.wait(Duration::from_secs(5)).expect("wait"));
    second.catch_up().expect("catch up");
    assert!(found(&second, "双随机").contains(&"国发〔2019〕5号".to_owned()));
    assert!(
        !follower.wait(Duration::from_millis(200)).expect("wait"),
        "nothing new after the catch-up"
    );
}

#[test]
fn a_writer_beside_the_holder_of_the_indexes_writes_the_store_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut holder = Archive::open(dir.path()).expect("holder");
    let follower = holder.follower().expect("follower");
    assert!(!follower.wait(Duration::from_millis(200)).expect("wait"));

    let location = StoreLocation::in_dir(dir.path());
    let mut beside = Archive::open_shared(dir.path(), &location).expect("beside");
    assert!(!beside.holds_indexes());
    assert!(holder.holds_indexes());
    let summary = beside
        .ingest_paths(&[fixture("qingdao-gazette-2019-issue.txt")], "test", |_| {})
        .expect("ingest beside");
    assert_eq!(summary.documents, 6);
    assert_eq!(beside.catch_up().expect("no-op"), 0);

    assert!(
        !found(&holder, "降低社会保险费率").contains(&"青政办发〔2019〕4号".to_owned()),
        "not yet"
    );
    assert!(follower.wait(Duration::from_secs(5)).expect("wait"));
    assert_eq!(holder.catch_up().expect("catch up"), 6);
    assert!(found(&holder, "降低社会保险费率").contains(&"青政办发〔2019〕4号".to_owned()));
}
