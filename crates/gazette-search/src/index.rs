//! [`SearchIndex`]: the tantivy index of the archive, written in commits
//! and searched with the query language.
//!
//! One writer (behind a mutex) and one reader per index; the reader is
//! reloaded after each commit, so a search sees every committed change.
//! An index opened [read-only](SearchIndex::open_read_only) has no writer,
//! so it can be searched while another process writes the directory.
//! The store's change sequence last indexed travels in each commit's
//! payload, so it is committed atomically with the documents it stands for.
//!
//! Searching is synchronous and CPU-bound: async callers run it on a
//! blocking thread.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use gazette_model::{PageRange, Status};
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::query::EnableScoring;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    DocAddress, Executor, Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Searcher,
    TantivyDocument, TantivyError, Term,
};

use crate::cache::{PageKey, ResultCache};
use crate::collect::{PageCollector, Rank, NUMBER_TIER};
use crate::columns::ColumnCache;
use crate::doc::{day_date, split_path, to_tantivy, IndexDoc};
use crate::error::{Result, SearchError};
use crate::phrase::PositionFiles;
use crate::plan::{IndexView, Plan};
use crate::query::Expr;
use crate::results::{self, Hit, SearchOptions, SearchResults};
use crate::schema::{self, Fields};
use crate::snippet::{self, Needle, Snippet};
use crate::stored::{self, StoredValues};

/// Memory each indexing thread may use before it flushes a segment. Large
/// enough that a bulk ingest makes few segments: fewer to merge while
/// ingesting, and fewer for every search to visit.
const WRITER_MEMORY_PER_THREAD: usize = 150_000_000;

/// Indexing threads of an index on disk: one per CPU, at most 4. Analysis
/// (n-grams, jieba) is most of an ingest's work and runs in these threads,
/// beside the thread that parses and stores.
fn indexing_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Bytes of text in a block of the document store, which is compressed
/// whole with zstd: reading a hit decompresses its document's block. The
/// stored sections are the body's text, which lz4 in blocks of 1 KB (the
/// earlier setting) hardly compressed: zstd in blocks of 16 KB keeps the
/// store at two thirds of that (issue 17 §3: 35 → 23 MB for 45 MB of text
/// at 10,000 documents), and a page of 20 hits costs a few hundredths of a
/// millisecond more (phrase search p50 0.21 ms both ways, measured with
/// `benches/search.rs`, 20 hits, serial).
const DOCSTORE_BLOCK: usize = 16 * 1024;

/// How a new index is made; an index keeps the settings it was made with
/// (an older one, with lz4, is still read).
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK,
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        ..IndexSettings::default()
    }
}

/// How the commit payload begins; the sequence number follows.
const PAYLOAD_PREFIX: &str = "gazette-search indexed_seq=";

/// The search index of the archive.
///
/// `Send + Sync`: share one behind an `Arc`. Writes are serialised; searches
/// run concurrently with them and with each other.
pub struct SearchIndex {
    reader: IndexReader,
    /// `None` for an index opened read-only.
    writer: Option<Mutex<IndexWriter<TantivyDocument>>>,
    /// The sequence number of the last commit's payload.
    seq: AtomicI64,
    fields: Fields,
    cache: ResultCache,
    /// Each segment's facet values and dates, as arrays.
    columns: ColumnCache,
    /// Each segment's positions files, for phrases.
    positions: Arc<PositionFiles>,
    /// Whether one search runs on several threads (segments in parallel).
    parallel: AtomicBool,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("indexed_seq", &self.seq.load(Ordering::Acquire))
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index
    /// when missing.
    ///
    /// Fails when another `SearchIndex` (of this or another process) has
    /// the directory open, or with [`SearchError::SchemaChanged`] when the
    /// index there was made with another schema.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex> {
        let directory_error = |message: String| SearchError::Directory {
            path: dir.to_owned(),
            message,
        };
        std::fs::create_dir_all(dir).map_err(|e| directory_error(e.to_string()))?;
        let directory = MmapDirectory::open(dir).map_err(|e| directory_error(e.to_string()))?;
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .open_or_create(directory)
            .map_err(|e| match e {
                TantivyError::SchemaError(_) => SearchError::SchemaChanged(dir.to_owned()),
                other => SearchError::Index(other),
            })?;
        SearchIndex::from_index(index, fields, Some(indexing_threads())).map_err(|e| match e {
            SearchError::Index(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                SearchError::Busy(dir.to_owned())
            }
            other => other,
        })
    }

    /// Opens the index in `dir` for searching only, as of its last commit:
    /// no writer, so it works while another process (a server) writes the
    /// directory, whose later commits it does not see. Every write fails
    /// with [`SearchError::ReadOnly`]. Fails when there is no index in
    /// `dir`.
    pub fn open_read_only(dir: &Path) -> Result<SearchIndex> {
        let directory_error = |message: String| SearchError::Directory {
            path: dir.to_owned(),
            message,
        };
        let directory = MmapDirectory::open(dir).map_err(|e| directory_error(e.to_string()))?;
        let index = Index::open(directory).map_err(|e| match e {
            TantivyError::SchemaError(_) => SearchError::SchemaChanged(dir.to_owned()),
            other => SearchError::Index(other),
        })?;
        let (schema, fields) = schema::build();
        if index.schema() != schema {
            return Err(SearchError::SchemaChanged(dir.to_owned()));
        }
        SearchIndex::from_index(index, fields, None)
    }

    /// A new empty index in memory, for tests and tools.
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(settings())
            .create_in_ram()?;
        SearchIndex::from_index(index, fields, Some(1))
    }

    /// The index over `index`, with a writer of `threads` indexing threads,
    /// or none (read-only).
    fn from_index(mut index: Index, fields: Fields, threads: Option<usize>) -> Result<SearchIndex> {
        schema::register_tokenizers(&index);
        // Segments are searched in parallel, one thread per CPU: a query
        // that matches most of a large archive is the one that needs it.
        index.set_default_multithread_executor()?;
        let seq = read_payload(index.load_metas()?.payload.as_deref())?;
        let writer = match threads {
            Some(threads) => {
                let writer =
                    index.writer_with_num_threads(threads, WRITER_MEMORY_PER_THREAD * threads)?;
                // A process killed in the middle of a commit leaves files that
                // the last commit does not name (a segment's `.del` of the next
                // opstamp…); the next commit would write the same name and fail
                // with FileAlreadyExists. They belong to no commit: delete them.
                writer.garbage_collect_files().wait()?;
                Some(Mutex::new(writer))
            }
            None => None,
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            writer,
            seq: AtomicI64::new(seq),
            fields,
            cache: ResultCache::default(),
            columns: ColumnCache::default(),
            positions: Arc::default(),
            parallel: AtomicBool::new(true),
        })
    }

    /// Adds `docs`, replacing documents with the same id, in one commit.
    pub fn upsert(&self, docs: &[IndexDoc]) -> Result<()> {
        self.apply(docs, &[], None)
    }

    /// Removes the documents with these ids, in one commit; unknown ids are
    /// ignored.
    pub fn delete(&self, ids: &[&str]) -> Result<()> {
        self.apply(&[], ids, None)
    }

    /// Removes every document and sets the indexed sequence back to 0, in
    /// one commit (a rebuild that stops half-way must not look complete).
    pub fn clear(&self) -> Result<()> {
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        self.commit(&mut writer, 0)
    }

    /// The number of documents.
    pub fn doc_count(&self) -> Result<u64> {
        Ok(self.reader.searcher().num_docs())
    }

    /// The store change sequence last indexed, 0 when none was recorded.
    pub fn indexed_seq(&self) -> Result<i64> {
        Ok(self.seq.load(Ordering::Acquire))
    }

    /// Records `seq` as the store change sequence last indexed, in a
    /// commit that also makes every [staged](Self::stage_upserts) document
    /// searchable. Prefer [`apply`](Self::apply) to record it with the
    /// changes it covers.
    pub fn set_indexed_seq(&self, seq: i64) -> Result<()> {
        self.apply(&[], &[], Some(seq))
    }

    /// Upserts `docs` without committing: the indexing threads analyse them
    /// while the caller goes on, and the next commit (of any method here)
    /// makes them searchable. Until then they are in no search and a crash
    /// drops them, so stage only what the store already holds and commit
    /// with the sequence it covers ([`set_indexed_seq`](Self::set_indexed_seq)).
    pub fn stage_upserts(&self, docs: &[IndexDoc]) -> Result<()> {
        let mut writer = self.writer()?;
        let staged = self.stage(&writer, docs, &[]);
        if let Err(error) = staged {
            writer.rollback()?;
            return Err(error);
        }
        Ok(())
    }

    /// Upserts `docs`, deletes `deletes` and, when given, records `seq` as
    /// the indexed sequence — all in one commit, so the sequence never runs
    /// ahead of the documents. A document both upserted and deleted ends
    /// up deleted.
    pub fn apply(&self, docs: &[IndexDoc], deletes: &[&str], seq: Option<i64>) -> Result<()> {
        let mut writer = self.writer()?;
        let staged = self.stage(&writer, docs, deletes);
        if let Err(error) = staged {
            writer.rollback()?;
            return Err(error);
        }
        let seq = seq.unwrap_or_else(|| self.seq.load(Ordering::Acquire));
        self.commit(&mut writer, seq)
    }

    fn stage(
        &self,
        writer: &IndexWriter<TantivyDocument>,
        docs: &[IndexDoc],
        deletes: &[&str],
    ) -> Result<()> {
        for doc in docs {
            writer.delete_term(Term::from_field_text(self.fields.id, &doc.id));
            writer.add_document(to_tantivy(doc, &self.fields))?;
        }
        for id in deletes {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        Ok(())
    }

    fn writer(&self) -> Result<MutexGuard<'_, IndexWriter<TantivyDocument>>> {
        // A panic while holding the lock leaves uncommitted changes at
        // worst, which the next commit or rollback settles.
        Ok(self
            .writer
            .as_ref()
            .ok_or(SearchError::ReadOnly)?
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    fn commit(&self, writer: &mut IndexWriter<TantivyDocument>, seq: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&format!("{PAYLOAD_PREFIX}{seq}"));
        prepared.commit()?;
        self.seq.store(seq, Ordering::Release);
        self.refresh()
    }

    /// Makes searches see the index as now on disk.
    fn refresh(&self) -> Result<()> {
        self.reader.reload()?;
        self.cache.advance();
        let searcher = self.reader.searcher();
        self.columns.retain(&searcher);
        self.positions.retain(&searcher);
        Ok(())
    }

    /// Merges every segment into one, for an index loaded in bulk: a search
    /// then visits one segment instead of several, each with its own term
    /// lookups and cursors. Takes about as long as indexing the text again;
    /// searches go on meanwhile, on the segments as they were. Deleted
    /// documents are dropped for good. Returns how many segments there
    /// were.
    pub fn compact(&self) -> Result<usize> {
        let writer = &mut *self.writer()?;
        let segments = self.reader.searcher().index().searchable_segment_ids()?;
        if segments.len() < 2 {
            return Ok(segments.len());
        }
        // A merge keeps the last commit's payload, the indexed sequence.
        writer.merge(&segments).wait()?;
        self.refresh()?;
        Ok(segments.len())
    }

    /// Keeps up to `pages` result pages in memory and answers a repeated
    /// search from them until the next commit; 0 (the default) keeps none.
    pub fn set_result_cache(&self, pages: usize) {
        self.cache.set_capacity(pages);
    }

    /// Bounds the cached result pages by their approximate size in memory
    /// as well ([`DEFAULT_CACHE_BYTES`](crate::DEFAULT_CACHE_BYTES) unless
    /// set); the least recently used pages are dropped past it.
    pub fn set_result_cache_bytes(&self, max_bytes: usize) {
        self.cache.set_max_bytes(max_bytes);
    }

    /// Whether a search visits the index's segments on several threads
    /// (the default: the fastest answer to one search at a time) or on the
    /// calling thread only (for a server answering many searches at once,
    /// where handing segments to other threads only adds work).
    pub fn set_parallel_search(&self, parallel: bool) {
        self.parallel.store(parallel, Ordering::Relaxed);
    }

    /// Runs `query` (see [`query`](crate::query) for the language) and
    /// returns the page `options` ask for.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let expr = crate::query::parse(query)?;
        let offset = results::offset(options, query)?;
        let limit = results::limit(options);
        let key = PageKey {
            query: query.to_owned(),
            offset,
            limit,
            generation: self.cache.generation(),
        };
        if let Some(page) = self.cache.get(&key) {
            return Ok(page);
        }
        let page = self.run(&expr, query, offset, limit)?;
        self.cache.put(key, &page);
        Ok(page)
    }

    /// Runs a parsed query for one page of results.
    fn run(&self, expr: &Expr, query: &str, offset: usize, limit: usize) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        // An unreadable count only costs speed: the term is then kept.
        let doc_freq = |term: &tantivy::Term| searcher.doc_freq(term).unwrap_or(0);
        let view = IndexView {
            doc_freq: &doc_freq,
            positions: &self.positions,
        };
        let plan = Plan::new(expr, &self.fields, &view);
        let keep = offset.saturating_add(limit);
        let collector = PageCollector::new(&searcher, &plan, keep, &self.columns)?;
        let single = Executor::single_thread();
        let executor = match self.parallel.load(Ordering::Relaxed) {
            true => searcher.index().search_executor(),
            false => &single,
        };
        let scoring = EnableScoring::disabled_from_searcher(&searcher);
        let page =
            searcher.search_with_executor(plan.query.as_ref(), &collector, executor, scoring)?;
        // Reading a hit (its stored fields, its snippet) is as much work as
        // finding a small page of them: the hits are read in parallel too.
        let hits = executor
            .map(
                |(rank, address)| Ok(self.hit(&searcher, address, rank, &plan)),
                page.top.into_iter().skip(offset),
            )?
            .into_iter()
            .collect::<Result<Vec<Hit>>>()?;
        let next = offset + hits.len();
        let next_cursor = (!hits.is_empty() && next < page.total)
            .then(|| gazette_model::encode_cursor(next, query));
        Ok(SearchResults {
            total: page.total,
            hits,
            facets: page.facets,
            next_cursor,
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        rank: Rank,
        plan: &Plan,
    ) -> Result<Hit> {
        let mut doc: StoredValues = searcher.doc(address)?;
        let f = &self.fields;
        let (snippet, section_id, heading_path) =
            match first_match(doc.text(f.sections).unwrap_or(""), &plan.needles) {
                Some(found) => (Some(found.excerpt), found.section_id, found.heading_path),
                None => (None, None, Vec::new()),
            };
        Ok(Hit {
            id: doc.take_text(f.id).unwrap_or_default(),
            slug: doc.take_text(f.slug).unwrap_or_default(),
            title: doc.take_text(f.title).unwrap_or_default(),
            doc_number: doc.take_text(f.number),
            date: doc.i64(f.day).and_then(day_date),
            issuer: doc.take_texts(f.issuer).collect(),
            doc_type: doc.take_text(f.doc_type),
            status: doc
                .text(f.status)
                .and_then(Status::parse)
                .unwrap_or_default(),
            pages: doc.u64(f.pages).and_then(page_range),
            score: rank.score,
            snippet,
            section_id,
            heading_path,
            title_match: rank.tier & (NUMBER_TIER - 1) != 0,
        })
    }
}

/// Reads a page range stored as first page << 32 | last page.
fn page_range(packed: u64) -> Option<PageRange> {
    let first = u32::try_from(packed >> 32).ok()?;
    let last = u32::try_from(packed & u64::from(u32::MAX)).ok()?;
    Some(PageRange { first, last })
}

/// The first body match of a document, with where it is.
struct BodyMatch {
    excerpt: Snippet,
    section_id: Option<String>,
    heading_path: Vec<String>,
}

/// Finds the first of the stored `sections` where a needle occurs.
fn first_match(sections: &str, needles: &[Needle]) -> Option<BodyMatch> {
    if needles.is_empty() {
        return None;
    }
    stored::sections(sections).find_map(|section| {
        Some(BodyMatch {
            excerpt: snippet::snippet(section.text, needles)?,
            section_id: (!section.id.is_empty()).then(|| section.id.to_owned()),
            heading_path: split_path(section.path),
        })
    })
}

/// The indexed sequence of a commit payload.
fn read_payload(payload: Option<&str>) -> Result<i64> {
    let Some(payload) = payload else {
        return Ok(0);
    };
    payload
        .strip_prefix(PAYLOAD_PREFIX)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| SearchError::Payload(payload.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_round_trips_and_a_foreign_one_is_an_error() {
        assert_eq!(read_payload(None).expect("no payload"), 0);
        let payload = format!("{PAYLOAD_PREFIX}42");
        assert_eq!(read_payload(Some(&payload)).expect("ours"), 42);
        assert!(matches!(
            read_payload(Some("something else")),
            Err(SearchError::Payload(_))
        ));
    }

    #[test]
    fn the_index_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<SearchIndex>();
    }
}
