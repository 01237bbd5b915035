//! The fact index in an SQLite file (the records are
//! [`gazette_store::facts`]): derived data, its own file beside the search
//! index, filled from the documents of the current versions and caught up
//! from the store's change sequence, so it can be deleted and rebuilt at
//! any time. Each document's facts are replaced as a whole, in one
//! transaction that also records the change sequence they cover.
//!
//! It is per instance, like the search index, whatever backend holds the
//! store: every instance rebuilds and catches it up from the store on its
//! own.

use std::path::Path;

use std::collections::HashMap;

use gazette_store::facts::{DocumentFacts, FactKind, FactRow, FactSource, KeyCount};
use gazette_store::{Result, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

use crate::fact_payloads as payloads;
use crate::{sql_int, to_store};

/// Version of the fact index's own schema; an index of another version is
/// rebuilt, not migrated (it is derived data).
const FACTS_SCHEMA: i64 = 7;

/// The fact index's tables.
///
/// - `fact_docs`: each document with facts, once: the fields lists show
///   and `data`, its facts' distinct payloads compressed together (see
///   [`payloads`]).
/// - `facts`: one row per fact, without rowid, keyed by document and place
///   in the document (so a document's facts are replaced and read
///   together); with the kind (a number, see [`kind_number`]), the key, the
///   date (empty when the document has none) and `part`, the fact's
///   payload among its document's. `facts_by_key` serves the lookups by
///   key, `facts_by_kind` the lists of a kind by date; both hold the
///   document and place, as every index of the table does.
const TABLES: &str = "
    DROP TABLE IF EXISTS facts;
    DROP TABLE IF EXISTS fact_docs;
    DROP TABLE IF EXISTS meta;
    CREATE TABLE fact_docs (
        doc_id TEXT PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL,
        doc_number TEXT, date TEXT, data BLOB NOT NULL);
    CREATE TABLE facts (
        doc_id TEXT NOT NULL, ord INTEGER NOT NULL, kind INTEGER NOT NULL,
        key TEXT NOT NULL, date TEXT NOT NULL, part INTEGER NOT NULL,
        PRIMARY KEY (doc_id, ord)) WITHOUT ROWID;
    CREATE INDEX facts_by_key ON facts (kind, key, date DESC);
    CREATE INDEX facts_by_kind ON facts (kind, date DESC);
    CREATE TABLE meta (seq INTEGER NOT NULL, store_id TEXT, status_day TEXT);
    INSERT INTO meta (seq) VALUES (0);";

/// The columns of a [`FactRow`], from `facts f` joined to `fact_docs d`.
const ROW_COLUMNS: &str = "SELECT f.doc_id, d.slug, d.title, d.doc_number, d.date, f.key, \
     f.part, d.data FROM facts f JOIN fact_docs d ON d.doc_id = f.doc_id";

/// The fact index in an SQLite file.
#[derive(Debug)]
pub struct FactIndex {
    conn: Connection,
}

impl FactIndex {
    /// Opens the index at `path`, creating it when missing and emptying it
    /// when it was made by another version of this schema.
    pub fn open(path: &Path) -> Result<FactIndex> {
        FactIndex::set_up(Connection::open(path).db()?)
    }

    /// An index in memory, for tests.
    pub fn open_in_memory() -> Result<FactIndex> {
        FactIndex::set_up(Connection::open_in_memory().db()?)
    }

    fn set_up(conn: Connection) -> Result<FactIndex> {
        conn.busy_timeout(std::time::Duration::from_secs(10)).db()?;
        // As in the store: no re-prepare of cached statements on every new
        // binding (see `SqliteStore`).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .db()?;
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .db()?;
        conn.pragma_update(None, "synchronous", "NORMAL").db()?;
        // As in the store: fewer checkpoints and a larger cache for ingests.
        conn.pragma_update(None, "wal_autocheckpoint", crate::WAL_CHECKPOINT_PAGES)
            .db()?;
        conn.pragma_update(None, "cache_size", -crate::CACHE_KIB)
            .db()?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .db()?;
        if version != FACTS_SCHEMA {
            conn.execute_batch(TABLES).db()?;
            conn.pragma_update(None, "user_version", FACTS_SCHEMA)
                .db()?;
        }
        Ok(FactIndex { conn })
    }

    /// The store change sequence the index covers.
    pub fn seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT seq FROM meta", [], |row| row.get(0))
            .optional()
            .db()?
            .unwrap_or(0))
    }

    /// The identity of the store the index was built from, `None` before
    /// one is recorded.
    pub fn store_id(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT store_id FROM meta", [], |row| row.get(0))
            .optional()
            .db()?
            .flatten())
    }

    /// Records the identity of the store the index is built from.
    pub fn set_store_id(&mut self, store_id: &str) -> Result<()> {
        self.conn
            .execute("UPDATE meta SET store_id = ?1", [store_id])
            .db()?;
        Ok(())
    }

    /// The last day whose status changes the instance's search index has
    /// followed (`YYYY-MM-DD`), `None` before one is recorded or after
    /// [`clear`](Self::clear).
    pub fn status_day(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT status_day FROM meta", [], |row| row.get(0))
            .optional()
            .db()?
            .flatten())
    }

    /// Records the last day whose status changes were followed.
    pub fn set_status_day(&mut self, day: &str) -> Result<()> {
        self.conn
            .execute("UPDATE meta SET status_day = ?1", [day])
            .db()?;
        Ok(())
    }

    /// Replaces the facts of `docs` and records `seq`, in one transaction.
    pub fn apply(&mut self, docs: &[DocumentFacts], seq: i64) -> Result<()> {
        let tx = self.conn.transaction().db()?;
        {
            let mut delete_facts = tx
                .prepare_cached("DELETE FROM facts WHERE doc_id = ?1")
                .db()?;
            let mut delete_doc = tx
                .prepare_cached("DELETE FROM fact_docs WHERE doc_id = ?1")
                .db()?;
            let mut insert_doc = tx
                .prepare_cached(
                    "INSERT INTO fact_docs (doc_id, slug, title, doc_number, date, data)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .db()?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO facts (kind, key, date, doc_id, ord, part)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .db()?;
            for doc in docs {
                let s = &doc.source;
                delete_facts.execute([&s.id]).db()?;
                delete_doc.execute([&s.id]).db()?;
                if doc.facts.is_empty() {
                    continue;
                }
                let (parts, data) = payloads::pack(doc.facts.iter().map(|f| f.data.as_str()))
                    .map_err(|e| StoreError::Corrupt(format!("fact payloads of {}: {e}", s.id)))?;
                insert_doc
                    .execute(params![s.id, s.slug, s.title, s.doc_number, s.date, data])
                    .db()?;
                let date = s.date.as_deref().unwrap_or("");
                for (ord, (fact, part)) in doc.facts.iter().zip(parts).enumerate() {
                    insert
                        .execute(params![
                            kind_number(fact.kind),
                            fact.key,
                            date,
                            s.id,
                            sql_int(ord),
                            sql_int(part),
                        ])
                        .db()?;
                }
            }
            tx.execute("UPDATE meta SET seq = ?1", [seq]).db()?;
        }
        tx.commit().db()?;
        Ok(())
    }

    /// Removes every fact and sets the sequence back to 0.
    pub fn clear(&mut self) -> Result<()> {
        self.conn
            .execute_batch(
                "DELETE FROM facts; DELETE FROM fact_docs;
                 UPDATE meta SET seq = 0, status_day = NULL;",
            )
            .db()?;
        Ok(())
    }

    /// The facts of `kind` with `key`, by document date (newest first) and
    /// then in printed order.
    pub fn by_key(&self, kind: FactKind, key: &str) -> Result<Vec<FactRow>> {
        self.rows(
            &format!(
                "{ROW_COLUMNS} WHERE f.kind = ?1 AND f.key = ?2 \
                 ORDER BY f.date DESC, f.doc_id, f.ord"
            ),
            params![kind_number(kind), key],
        )
    }

    /// At most `limit` facts of `kind` with `key` after the first
    /// `offset`, in the order of [`by_key`](Self::by_key).
    pub fn by_key_page(
        &self,
        kind: FactKind,
        key: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<FactRow>> {
        self.rows(
            &format!(
                "{ROW_COLUMNS} WHERE f.kind = ?1 AND f.key = ?2 \
                 ORDER BY f.date DESC, f.doc_id, f.ord LIMIT ?3 OFFSET ?4"
            ),
            params![kind_number(kind), key, sql_int(limit), sql_int(offset)],
        )
    }

    /// The distinct keys of `kind` that end with `suffix`.
    pub fn keys_ending_with(&self, kind: FactKind, suffix: &str) -> Result<Vec<String>> {
        let chars = sql_int(suffix.chars().count());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT key FROM facts WHERE kind = ?1 AND substr(key, -?2) = ?3",
            )
            .db()?;
        let rows = stmt
            .query_map(params![kind_number(kind), chars, suffix], |row| row.get(0))
            .db()?;
        rows.collect::<rusqlite::Result<_>>().db()
    }

    /// How many facts of `kind` have `key`.
    pub fn count_key(&self, kind: FactKind, key: &str) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM facts WHERE kind = ?1 AND key = ?2")
            .db()?
            .query_row(params![kind_number(kind), key], |row| row.get(0))
            .db()?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The facts of `kind` of one document, in printed order.
    pub fn of_document(&self, doc_id: &str, kind: FactKind) -> Result<Vec<FactRow>> {
        self.rows(
            &format!("{ROW_COLUMNS} WHERE f.doc_id = ?1 AND f.kind = ?2 ORDER BY f.ord"),
            params![doc_id, kind_number(kind)],
        )
    }

    /// At most `limit` facts of `kind` after the first `offset`, by
    /// document date (newest first).
    pub fn all(&self, kind: FactKind, offset: usize, limit: usize) -> Result<Vec<FactRow>> {
        self.rows(
            &format!(
                "{ROW_COLUMNS} WHERE f.kind = ?1 \
                 ORDER BY f.date DESC, f.doc_id, f.ord LIMIT ?2 OFFSET ?3"
            ),
            params![kind_number(kind), sql_int(limit), sql_int(offset)],
        )
    }

    /// The facts of `kind` whose key is after `after` and not after
    /// `through` (keys compared as text: days written `YYYY-MM-DD`), in key
    /// order.
    pub fn key_range(&self, kind: FactKind, after: &str, through: &str) -> Result<Vec<FactRow>> {
        self.rows(
            &format!(
                "{ROW_COLUMNS} WHERE f.kind = ?1 AND f.key > ?2 AND f.key <= ?3 \
                 ORDER BY f.key, f.doc_id, f.ord"
            ),
            params![kind_number(kind), after, through],
        )
    }

    /// How many facts of `kind` there are.
    pub fn count(&self, kind: FactKind) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM facts WHERE kind = ?1")
            .db()?
            .query_row([kind_number(kind)], |row| row.get(0))
            .db()?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The keys of `kind`, most frequent first.
    pub fn keys(&self, kind: FactKind) -> Result<Vec<KeyCount>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT key, count(*), count(DISTINCT doc_id) FROM facts WHERE kind = ?1
             GROUP BY key ORDER BY count(*) DESC, key",
            )
            .db()?;
        let rows = stmt
            .query_map([kind_number(kind)], |row| {
                Ok(KeyCount {
                    key: row.get(0)?,
                    facts: row.get(1)?,
                    documents: row.get(2)?,
                })
            })
            .db()?;
        rows.collect::<rusqlite::Result<_>>().db()
    }

    fn rows(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<FactRow>> {
        let mut stmt = self.conn.prepare_cached(sql).db()?;
        let mut rows = stmt.query(params).db()?;
        // A document's payloads are unpacked once per query.
        let mut unpacked: HashMap<String, Vec<String>> = HashMap::new();
        let mut out = Vec::new();
        while let Some(row) = rows.next().db()? {
            let id: String = row.get(0).db()?;
            let part: i64 = row.get(6).db()?;
            if !unpacked.contains_key(&id) {
                let data: Vec<u8> = row.get(7).db()?;
                let parts = payloads::unpack(&data)
                    .map_err(|e| StoreError::Corrupt(format!("fact payloads of {id}: {e}")))?;
                unpacked.insert(id.clone(), parts);
            }
            let data = usize::try_from(part)
                .ok()
                .and_then(|part| unpacked.get(&id)?.get(part).cloned())
                .ok_or_else(|| StoreError::Corrupt(format!("no payload {part} of {id}")))?;
            out.push(FactRow {
                source: FactSource {
                    id,
                    slug: row.get(1).db()?,
                    title: row.get(2).db()?,
                    doc_number: row.get(3).db()?,
                    date: row.get(4).db()?,
                },
                key: row.get(5).db()?,
                data,
            });
        }
        Ok(out)
    }
}

/// The stored number of a kind (its code is the stable name; a number is
/// smaller in every row and index).
fn kind_number(kind: FactKind) -> i64 {
    match kind {
        FactKind::Title => 1,
        FactKind::LooseTitle => 2,
        FactKind::Reference => 3,
        FactKind::CitesNumber => 4,
        FactKind::CitesTitle => 5,
        FactKind::CitesLooseTitle => 6,
        FactKind::Unit => 7,
        FactKind::Person => 8,
        FactKind::Deadline => 9,
        FactKind::Provision => 10,
        FactKind::Roster => 11,
        FactKind::RepealsNumber => 12,
        FactKind::RepealsTitle => 13,
        FactKind::StatusDue => 14,
        FactKind::Interprets => 15,
    }
}

/// SQLite's results as the store's.
trait Db<T> {
    fn db(self) -> Result<T>;
}

impl<T> Db<T> for rusqlite::Result<T> {
    fn db(self) -> Result<T> {
        self.map_err(to_store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_store::facts::Fact;

    fn source(id: &str, date: &str) -> FactSource {
        FactSource {
            id: id.to_owned(),
            slug: id.to_owned(),
            title: format!("title of {id}"),
            doc_number: None,
            date: Some(date.to_owned()),
        }
    }

    fn fact(kind: FactKind, key: &str, data: &str) -> Fact {
        Fact {
            kind,
            key: key.to_owned(),
            data: data.to_owned(),
        }
    }

    #[test]
    fn a_document_s_facts_are_replaced_as_a_whole() -> Result<()> {
        let mut index = FactIndex::open_in_memory()?;
        let a = DocumentFacts {
            source: source("a", "2019-01-01"),
            facts: vec![
                fact(FactKind::Unit, "青岛市财政局", "1"),
                fact(FactKind::Unit, "青岛市财政局", "2"),
                fact(FactKind::Person, "张三", "3"),
            ],
        };
        let b = DocumentFacts {
            source: source("b", "2020-01-01"),
            facts: vec![fact(FactKind::Unit, "青岛市财政局", "4")],
        };
        index.apply(&[a, b], 7)?;
        assert_eq!(index.seq()?, 7);
        let data = |rows: Vec<FactRow>| rows.into_iter().map(|r| r.data).collect::<Vec<_>>();
        // Newest document first, then printed order.
        assert_eq!(
            data(index.by_key(FactKind::Unit, "青岛市财政局")?),
            ["4", "1", "2"]
        );
        let keys = index.keys(FactKind::Unit)?;
        assert_eq!((keys[0].facts, keys[0].documents), (3, 2));
        let a_again = DocumentFacts {
            source: source("a", "2019-01-01"),
            facts: vec![fact(FactKind::Person, "李四", "5")],
        };
        index.apply(&[a_again], 8)?;
        assert_eq!(data(index.by_key(FactKind::Unit, "青岛市财政局")?), ["4"]);
        assert_eq!(data(index.of_document("a", FactKind::Person)?), ["5"]);
        let people = index.all(FactKind::Person, 0, 10)?;
        index.apply(
            &[DocumentFacts {
                source: source("c", "2020-01-01"),
                facts: vec![
                    fact(FactKind::StatusDue, "2020-05-01", "6"),
                    fact(FactKind::StatusDue, "2021-05-01", "7"),
                ],
            }],
            4,
        )?;
        let due = index.key_range(FactKind::StatusDue, "2020-05-01", "2021-05-01")?;
        assert_eq!(data(due), ["7"]);
        let due = index.key_range(FactKind::StatusDue, "2020-04-30", "2020-12-31")?;
        assert_eq!(data(due), ["6"]);
        assert_eq!((people.len(), index.count(FactKind::Person)?), (1, 1));
        assert!(index.all(FactKind::Person, 1, 10)?.is_empty());
        let page = index.by_key_page(FactKind::Unit, "青岛市财政局", 0, 1)?;
        assert_eq!(page.len(), 1);
        assert_eq!(index.count_key(FactKind::Unit, "青岛市财政局")?, 1);
        assert_eq!(
            index.keys_ending_with(FactKind::Unit, "市财政局")?,
            ["青岛市财政局"]
        );
        assert!(index
            .keys_ending_with(FactKind::Unit, "市科技局")?
            .is_empty());
        assert_eq!(index.status_day()?, None);
        index.set_status_day("2026-12-06")?;
        assert_eq!(index.status_day()?.as_deref(), Some("2026-12-06"));
        index.clear()?;
        assert_eq!(index.status_day()?, None);
        assert_eq!((index.seq()?, index.count(FactKind::Person)?), (0, 0));
        Ok(())
    }
}
