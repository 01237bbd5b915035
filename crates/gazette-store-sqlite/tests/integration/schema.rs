//! The database on disk: reopening, and refusing a newer schema.

use gazette_model::Status;
use gazette_store::{IngestOutcome, Store, StoreError, SCHEMA_VERSION};
use gazette_store_sqlite::SqliteStore;

use crate::common::{add, change, day, sample_bytes, Parsed, SAMPLE_IDS};

#[test]
fn an_archive_on_disk_survives_close_and_reopen() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("archive.sqlite");
    let mut store = SqliteStore::open(&path).expect("create");
    add(&mut store, &Parsed::sample(), "qingdao-2019.txt");
    store
        .record_status(
            SAMPLE_IDS[0],
            &change(Status::Repealed, day(2021, 3, 1), "2024-05-01T08:00:00Z"),
            None,
        )
        .expect("record");
    let documents = store.documents().expect("documents");
    let counts = store.counts().expect("counts");
    let seq = store.last_seq().expect("last seq");
    drop(store);

    let mut store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.documents().expect("documents"), documents);
    assert_eq!(store.counts().expect("counts"), counts);
    assert_eq!(store.last_seq().expect("last seq"), seq);
    let source = store.issue_source(1).expect("read").expect("issue 1");
    assert!(source.bytes == sample_bytes());
    assert_eq!(
        add(&mut store, &Parsed::sample(), "again.txt"),
        IngestOutcome::AlreadyPresent { issue_id: 1 }
    );
}

#[test]
fn a_new_archive_is_in_wal_mode_at_the_current_schema() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("archive.sqlite");
    drop(SqliteStore::open(&path).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("user_version");
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("journal_mode");
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(journal, "wal");
}

#[test]
fn an_archive_from_a_newer_gazette_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("archive.sqlite");
    let mut store = SqliteStore::open(&path).expect("create");
    add(&mut store, &Parsed::sample(), "qingdao-2019.txt");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("pretend a newer gazette wrote it");
    drop(conn);

    let error = SqliteStore::open(&path).expect_err("newer schema");
    assert!(
        matches!(error, StoreError::SchemaTooNew { found, supported }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("written by a newer gazette"), "{message}");
    assert!(message.contains("cannot open it"), "{message}");

    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("user_version");
    let issues: i64 = conn
        .query_row("SELECT COUNT(*) FROM issues", [], |row| row.get(0))
        .expect("count issues");
    assert_eq!((version, issues), (SCHEMA_VERSION + 1, 1));
}

#[test]
fn an_archive_of_schema_5_is_read_as_it_was_written() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("archive.sqlite");
    let mut store = SqliteStore::open(&path).expect("create");
    add(&mut store, &Parsed::sample(), "qingdao-2019.txt");
    let documents = store.documents().expect("documents");
    let source = store.issue_source(1).expect("read").expect("issue 1");
    drop(store);
    // The forms of schema 5: the issue's bytes as they are, documents'
    // JSON compressed on its own.
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let (packed, stored): (i64, i64) = conn
        .query_row(
            "SELECT packed, length(bytes) FROM issue_sources WHERE issue_id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("stored form");
    assert_eq!(packed, 1);
    assert!(stored < i64::try_from(source.bytes.len()).expect("length"));
    let text = (source.text.as_bytes() != source.bytes).then_some(source.text.as_bytes());
    conn.execute(
        "UPDATE issue_sources SET bytes = ?1, text = ?2, packed = 0 WHERE issue_id = 1",
        rusqlite::params![source.bytes, text],
    )
    .expect("unpack the source");
    for record in &documents {
        let json = serde_json::to_string(&record.document).expect("json");
        let plain = zstd::bulk::compress(json.as_bytes(), 3).expect("compress");
        conn.execute(
            "UPDATE versions SET json = ?1 WHERE document_id = ?2 AND version = ?3",
            rusqlite::params![plain, record.id, record.version],
        )
        .expect("plain JSON");
    }
    drop(conn);
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(store.documents().expect("documents"), documents);
    let again = store.issue_source(1).expect("read").expect("issue 1");
    assert!(again.bytes == source.bytes && again.text == source.text);
}
