//! The PostgreSQL schema: versioned SQL files (`migrations/NNNN_name.sql`,
//! embedded in the binary), applied in order, each recorded in the table
//! `gazette_schema_migrations` (version, name, when).
//!
//! Opening a store applies the missing steps, all in one transaction that
//! first takes an advisory lock, so two instances starting at once never
//! apply a step twice and a database is never left between two versions.
//! A database whose version is above [`gazette_store::SCHEMA_VERSION`] was
//! written by a newer `gazette`: it is refused with
//! [`gazette_store::StoreError::SchemaTooNew`] and nothing is changed.
//!
//! Step `n` makes the same tables as step `n` of the SQLite backend. A
//! step, once released, is never edited: a change is a new file.

use gazette_store::{check_schema_not_too_new, SCHEMA_VERSION};
use postgres::Client;

use crate::PgResult;

/// The steps, in order: (version, name, SQL).
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "documents",
        include_str!("../migrations/0001_documents.sql"),
    ),
    (2, "admin", include_str!("../migrations/0002_admin.sql")),
    (
        3,
        "extractions",
        include_str!("../migrations/0003_extractions.sql"),
    ),
    (
        4,
        "store_meta",
        include_str!("../migrations/0004_store_meta.sql"),
    ),
    (
        5,
        "issue_publications",
        include_str!("../migrations/0005_issue_publications.sql"),
    ),
    (
        6,
        "packed_sources",
        include_str!("../migrations/0006_packed_sources.sql"),
    ),
];

// Every backend reaches the same schema version.
const _: () = assert!(MIGRATIONS.len() as i64 == SCHEMA_VERSION);

/// The advisory lock key of migrations (any constant of our own).
const MIGRATION_LOCK: i64 = 0x6761_7a65_7474_6501;

/// The schema version of the database: the highest step recorded, 0 for
/// a new database.
pub(crate) fn version(client: &mut Client) -> PgResult<i64> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('gazette_schema_migrations') IS NOT NULL",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM gazette_schema_migrations",
            &[],
        )?
        .get(0))
}

/// Brings the database up to [`SCHEMA_VERSION`] in one transaction.
pub(crate) fn migrate(client: &mut Client) -> PgResult<()> {
    let found = version(client)?;
    check_schema_not_too_new(found)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS gazette_schema_migrations (
             version    BIGINT PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )?;
    // Again under the lock: another instance may have migrated meanwhile.
    let found: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM gazette_schema_migrations",
            &[],
        )?
        .get(0);
    check_schema_not_too_new(found)?;
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > found) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO gazette_schema_migrations (version, name) VALUES ($1, $2)",
            &[version, name],
        )?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_are_numbered_from_one_without_gaps() {
        for (index, (version, name, sql)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version, index as i64 + 1);
            assert!(!name.is_empty());
            assert!(
                sql.contains("CREATE TABLE") || sql.contains("ALTER TABLE"),
                "step {version} makes or changes a table"
            );
        }
    }
}
