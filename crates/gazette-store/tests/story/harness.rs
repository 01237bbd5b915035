//! The backends the stories run on, and what a story may ask of one
//! beyond the [`Store`] trait: a second connection to the same store, and
//! raw SQL to inject a failure or look at a table.
//!
//! - SQLite: [`Harness::store`] is in memory; [`Harness::shared_store`] a
//!   file in a temporary directory.
//! - PostgreSQL: every store is a new database on the server named by
//!   `GAZETTE_TEST_POSTGRES` (a `key=value` connection string, as
//!   `scripts/test.sh` sets it), dropped when the harness is. Without the
//!   variable the PostgreSQL stories are skipped with a message — and fail
//!   when `CI=true`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use gazette_store::Store;
use gazette_store_postgres::PostgresStore;
use gazette_store_sqlite::SqliteStore;

/// The variable naming the test server.
const POSTGRES_VAR: &str = "GAZETTE_TEST_POSTGRES";

/// Databases made by this process, for unique names.
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// One backend, and the store a story shares between connections.
pub struct Harness {
    backend: Backend,
    /// SQLite: the directory of the shared store's file.
    dir: Option<tempfile::TempDir>,
    /// PostgreSQL: the databases made, the last one the shared store's.
    databases: Vec<String>,
}

enum Backend {
    Sqlite,
    /// The connection string of the server's `postgres` database.
    Postgres(String),
}

impl Harness {
    /// SQLite.
    pub fn sqlite() -> Harness {
        Harness {
            backend: Backend::Sqlite,
            dir: None,
            databases: Vec::new(),
        }
    }

    /// PostgreSQL, or `None` (with a message) when no test server is named
    /// outside CI.
    pub fn postgres() -> Option<Harness> {
        match std::env::var(POSTGRES_VAR) {
            Ok(base) if !base.trim().is_empty() => Some(Harness {
                backend: Backend::Postgres(base),
                dir: None,
                databases: Vec::new(),
            }),
            _ if std::env::var("CI").is_ok_and(|ci| ci == "true") => panic!(
                "{POSTGRES_VAR} is not set: under CI the PostgreSQL stories must run \
                 (scripts/test.sh starts a server and sets it)"
            ),
            _ => {
                eprintln!("{POSTGRES_VAR} is not set: PostgreSQL story skipped");
                None
            }
        }
    }

    /// A new, empty store.
    pub fn store(&mut self) -> Box<dyn Store> {
        match &self.backend {
            Backend::Sqlite => Box::new(SqliteStore::open_in_memory().expect("in-memory store")),
            Backend::Postgres(_) => {
                let url = self.new_database();
                Box::new(PostgresStore::open(&url).expect("PostgreSQL store"))
            }
        }
    }

    /// A new, empty store that [`Harness::connection`] and
    /// [`Harness::raw`] reach too.
    pub fn shared_store(&mut self) -> Box<dyn Store> {
        match &self.backend {
            Backend::Sqlite => {
                self.dir = Some(tempfile::tempdir().expect("temporary directory"));
            }
            Backend::Postgres(_) => {
                self.new_database();
            }
        }
        self.connection()
    }

    /// Another connection to the shared store (as another process would
    /// open it).
    pub fn connection(&self) -> Box<dyn Store> {
        match &self.backend {
            Backend::Sqlite => Box::new(SqliteStore::open(&self.sqlite_path()).expect("open")),
            Backend::Postgres(_) => {
                Box::new(PostgresStore::open(&self.shared_url()).expect("open"))
            }
        }
    }

    /// Runs `sqlite` or `postgres` (SQL statements) on the shared store,
    /// on a connection of its own.
    pub fn raw(&self, sqlite: &str, postgres: &str) {
        match &self.backend {
            Backend::Sqlite => rusqlite::Connection::open(self.sqlite_path())
                .expect("raw connection")
                .execute_batch(sqlite)
                .expect("raw SQL"),
            Backend::Postgres(_) => postgres::Client::connect(&self.shared_url(), postgres::NoTls)
                .expect("raw connection")
                .batch_execute(postgres)
                .expect("raw SQL"),
        }
    }

    /// The number of rows of `table` in the shared store.
    pub fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        match &self.backend {
            Backend::Sqlite => rusqlite::Connection::open(self.sqlite_path())
                .expect("raw connection")
                .query_row(&sql, [], |row| row.get(0))
                .expect("count"),
            Backend::Postgres(_) => postgres::Client::connect(&self.shared_url(), postgres::NoTls)
                .expect("raw connection")
                .query_one(&sql, &[])
                .expect("count")
                .get(0),
        }
    }

    fn sqlite_path(&self) -> PathBuf {
        self.dir
            .as_ref()
            .expect("a shared store first")
            .path()
            .join("archive.sqlite")
    }

    fn shared_url(&self) -> String {
        let Backend::Postgres(base) = &self.backend else {
            unreachable!("PostgreSQL only");
        };
        let name = self.databases.last().expect("a shared store first");
        format!("{base} dbname={name}")
    }

    /// Makes a new database and gives its connection string.
    fn new_database(&mut self) -> String {
        let Backend::Postgres(base) = &self.backend else {
            unreachable!("PostgreSQL only");
        };
        let name = format!(
            "gazette_story_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = postgres::Client::connect(base, postgres::NoTls)
            .unwrap_or_else(|e| panic!("{POSTGRES_VAR}={base}: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        let url = format!("{base} dbname={name}");
        self.databases.push(name);
        url
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let Backend::Postgres(base) = &self.backend else {
            return;
        };
        if self.databases.is_empty() {
            return;
        }
        // Dropping is tidiness only: the test server is thrown away.
        if let Ok(mut admin) = postgres::Client::connect(base, postgres::NoTls) {
            for name in &self.databases {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// Makes the insert of the sixth document of any issue fail in the shared
/// store.
pub fn fail_sixth_version(h: &Harness) {
    h.raw(
        "CREATE TRIGGER fail_sixth BEFORE INSERT ON versions WHEN NEW.ordinal = 6 \
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        "CREATE FUNCTION fail_sixth() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN IF NEW.ordinal = 6 THEN RAISE EXCEPTION 'injected failure'; END IF; \
         RETURN NEW; END; $$; \
         CREATE TRIGGER fail_sixth BEFORE INSERT ON versions \
         FOR EACH ROW EXECUTE FUNCTION fail_sixth();",
    );
}
