//! The PostgreSQL schema's migrations, on the server named by
//! `GAZETTE_TEST_POSTGRES` (a `key=value` connection string, as
//! `scripts/test.sh` sets it): skipped with a message without it, failed
//! under CI. Every other behaviour of the store is in the story suite of
//! `gazette-store`, which runs on this backend too.

use std::sync::atomic::{AtomicUsize, Ordering};

use gazette_store::{Store, StoreError, SCHEMA_VERSION};
use gazette_store_postgres::PostgresStore;
use postgres::{Client, NoTls};

static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// A new database's connection string, or `None` outside CI without a
/// server.
fn new_database() -> Option<String> {
    let Ok(base) = std::env::var("GAZETTE_TEST_POSTGRES") else {
        assert!(
            std::env::var("CI").map_or(true, |ci| ci != "true"),
            "GAZETTE_TEST_POSTGRES is not set: under CI the PostgreSQL tests must run"
        );
        eprintln!("GAZETTE_TEST_POSTGRES is not set: PostgreSQL test skipped");
        return None;
    };
    let name = format!(
        "gazette_migrations_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::Relaxed)
    );
    Client::connect(&base, NoTls)
        .expect("test server")
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    Some(format!("{base} dbname={name}"))
}

fn recorded(url: &str) -> Vec<(i64, String)> {
    Client::connect(url, NoTls)
        .expect("raw connection")
        .query(
            "SELECT version, name FROM gazette_schema_migrations ORDER BY version",
            &[],
        )
        .expect("migrations table")
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

#[test]
fn a_new_database_gets_every_step_recorded_once() {
    let Some(url) = new_database() else { return };
    let store = PostgresStore::open(&url).expect("open");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    let steps = recorded(&url);
    assert_eq!(
        steps,
        [
            (1, "documents".to_owned()),
            (2, "admin".to_owned()),
            (3, "extractions".to_owned()),
            (4, "store_meta".to_owned()),
            (5, "issue_publications".to_owned()),
            (6, "packed_sources".to_owned())
        ]
    );
    // Opening again applies nothing.
    drop(PostgresStore::open(&url).expect("reopen"));
    assert_eq!(recorded(&url), steps);
}

#[test]
fn the_audit_log_refuses_updates_and_deletes() {
    let Some(url) = new_database() else { return };
    drop(PostgresStore::open(&url).expect("open"));
    let mut client = Client::connect(&url, NoTls).expect("raw connection");
    client
        .batch_execute(
            "INSERT INTO audit_log (at, actor, action, target) VALUES ('t', 'a', 'ingest', '1')",
        )
        .expect("append");
    for sql in [
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ] {
        let error = client.batch_execute(sql).expect_err(sql);
        let message = error.as_db_error().map(|db| db.message().to_owned());
        assert_eq!(
            message.as_deref(),
            Some("the audit log is append-only"),
            "{sql}"
        );
    }
    let rows: i64 = client
        .query_one("SELECT COUNT(*) FROM audit_log WHERE actor = 'a'", &[])
        .expect("count")
        .get(0);
    assert_eq!(rows, 1);
}

#[test]
fn a_database_from_a_newer_gazette_is_refused_and_left_alone() {
    let Some(url) = new_database() else { return };
    drop(PostgresStore::open(&url).expect("open"));
    Client::connect(&url, NoTls)
        .expect("raw connection")
        .execute(
            "INSERT INTO gazette_schema_migrations (version, name) VALUES ($1, 'future')",
            &[&(SCHEMA_VERSION + 1)],
        )
        .expect("a step from the future");
    let error = PostgresStore::open(&url).expect_err("newer schema");
    assert!(
        matches!(error, StoreError::SchemaTooNew { found, supported }
            if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{error}"
    );
    assert_eq!(recorded(&url).len() as i64, SCHEMA_VERSION + 1);
}

#[test]
fn a_lost_connection_fails_one_call_as_unavailable_and_the_next_reconnects() {
    let Some(url) = new_database() else { return };
    let store = PostgresStore::open(&url).expect("open");
    let store_id = store.store_id().expect("store id");
    // Cut every other connection to the database, as a server restart
    // would.
    let mut admin = Client::connect(&url, NoTls).expect("raw connection");
    admin
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .expect("terminate");
    // Until the store's server process is gone.
    for _ in 0..100 {
        let others: i64 = admin
            .query_one(
                "SELECT COUNT(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
                &[],
            )
            .expect("count")
            .get(0);
        if others == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    match store.store_id() {
        Ok(again) => assert_eq!(again, store_id),
        Err(error) => assert!(error.is_unavailable(), "{error}"),
    }
    assert_eq!(store.store_id().expect("reconnected"), store_id);
}

#[test]
fn an_unreachable_server_is_unavailable_not_damaged() {
    let error = PostgresStore::open("host=/nonexistent/gazette-socket-dir user=nobody dbname=x")
        .expect_err("no server there");
    assert!(error.is_unavailable(), "{error}");
    assert!(!error.is_damaged_file());
}
