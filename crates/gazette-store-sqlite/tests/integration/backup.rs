//! `Store::backup_to`: a copy of the store as of one moment, made while
//! other connections read and write (issue 14, finding 15).

use gazette_model::Status;
use gazette_store::{Store, StoreError};
use gazette_store_sqlite::SqliteStore;

use crate::common::{add, change, day, Parsed, SAMPLE_IDS};

#[test]
fn a_backup_is_the_store_as_of_its_moment_and_keeps_its_identity() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("archive.sqlite");
    let mut store = SqliteStore::open(&path).expect("open");
    add(&mut store, &Parsed::sample(), "qingdao-2019.txt");
    let seq = store.last_seq().expect("last seq");

    // Another connection holds a write transaction open, as a server
    // midway through an ingest: the backup neither waits for it nor copies
    // what it has not committed.
    let writer = rusqlite::Connection::open(&path).expect("second connection");
    writer
        .execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO store_meta (key, value) VALUES ('uncommitted', 'x');",
        )
        .expect("an open write");
    let dest = dir.path().join("backups").join("copy.sqlite");
    let summary = store.backup_to(&dest).expect("backup");
    writer.execute_batch("ROLLBACK").expect("rollback");

    assert_eq!(summary.path, dest);
    assert_eq!(summary.last_seq, seq);
    assert_eq!((summary.counts.issues, summary.counts.documents), (1, 6));
    assert_eq!(
        summary.bytes,
        std::fs::metadata(&dest).expect("the copy").len()
    );
    assert!(!dir.path().join("backups/copy.sqlite.partial").exists());
    // One self-contained file: no journal beside it.
    assert!(!dir.path().join("backups/copy.sqlite-wal").exists());

    // Writes after the backup are not in it.
    store
        .record_status(
            SAMPLE_IDS[0],
            &change(Status::Repealed, day(2021, 1, 1), "2024-05-01T08:00:00Z"),
            None,
        )
        .expect("a later write");
    let copy = SqliteStore::open(&dest).expect("the copy opens as a store");
    assert_eq!(copy.last_seq().expect("seq"), seq);
    assert!(copy
        .status_history(SAMPLE_IDS[0])
        .expect("history")
        .is_empty());
    assert_eq!(copy.store_id().expect("id"), store.store_id().expect("id"));
    assert_eq!(summary.store_id, store.store_id().expect("id"));
    assert_eq!(copy.counts().expect("counts"), summary.counts);
    let uncommitted: i64 = rusqlite::Connection::open(&dest)
        .expect("open the copy")
        .query_row(
            "SELECT COUNT(*) FROM store_meta WHERE key = 'uncommitted'",
            [],
            |row| row.get(0),
        )
        .expect("count");
    assert_eq!(uncommitted, 0, "an uncommitted write was copied");

    // A second backup to the same name is refused; the first stays.
    let again = store.backup_to(&dest).expect_err("the file exists");
    assert!(matches!(again, StoreError::Conflict(_)), "{again}");
    assert_eq!(
        SqliteStore::open(&dest)
            .expect("still there")
            .last_seq()
            .expect("seq"),
        seq
    );
}
