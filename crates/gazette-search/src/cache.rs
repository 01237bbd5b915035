//! A cache of search result pages, for a server that answers the same
//! queries again and again (a site's popular searches, a feed's filters).
//!
//! An entry is keyed by the query, the page asked for and the index
//! *generation*, which every commit advances: a page computed before a
//! commit is never served after it, even when its search was still running
//! when the commit landed. Off (capacity 0) unless asked for: the CLI and
//! the benchmarks of the engine run uncached. Bounded twice: by a number
//! of pages and by their approximate size in memory
//! ([`DEFAULT_CACHE_BYTES`] unless set), since one page of a thousand hits
//! with snippets weighs as much as hundreds of small ones.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use lru::LruCache;

use crate::results::{Facets, Hit, SearchResults};
use crate::snippet::{Snippet, SnippetRun};

/// The default bound on the approximate size of the pages kept.
pub const DEFAULT_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// What identifies a page of results.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    pub query: String,
    pub offset: usize,
    pub limit: usize,
    pub generation: u64,
}

/// Result pages by [`PageKey`], least recently used dropped first, within
/// a number of pages and an approximate size in bytes.
#[derive(Debug)]
pub(crate) struct ResultCache {
    pages: Mutex<Pages>,
    generation: AtomicU64,
}

/// The pages kept, each with its approximate size, and their bounds.
#[derive(Debug)]
struct Pages {
    /// `None` while the cache is off.
    kept: Option<LruCache<PageKey, (SearchResults, usize)>>,
    /// The sum of the kept pages' sizes.
    bytes: usize,
    max_bytes: usize,
}

impl Default for ResultCache {
    fn default() -> Self {
        ResultCache {
            pages: Mutex::new(Pages {
                kept: None,
                bytes: 0,
                max_bytes: DEFAULT_CACHE_BYTES,
            }),
            generation: AtomicU64::new(0),
        }
    }
}

impl ResultCache {
    /// Keeps at most `capacity` pages; 0 turns the cache off and empties it.
    pub fn set_capacity(&self, capacity: usize) {
        let mut pages = self.lock();
        pages.kept = NonZeroUsize::new(capacity).map(LruCache::new);
        pages.bytes = 0;
    }

    /// Keeps pages of at most `max_bytes` in all (approximately), dropping
    /// the least recently used ones past it.
    pub fn set_max_bytes(&self, max_bytes: usize) {
        let mut pages = self.lock();
        pages.max_bytes = max_bytes;
        pages.shrink();
    }

    /// The approximate size of the pages kept.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.lock().bytes
    }

    /// The generation searches started now belong to.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Forgets every page: the index changed.
    pub fn advance(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        let mut pages = self.lock();
        if let Some(kept) = pages.kept.as_mut() {
            kept.clear();
        }
        pages.bytes = 0;
    }

    pub fn get(&self, key: &PageKey) -> Option<SearchResults> {
        let mut pages = self.lock();
        let (results, _) = pages.kept.as_mut()?.get(key)?;
        Some(results.clone())
    }

    pub fn put(&self, key: PageKey, results: &SearchResults) {
        if key.generation != self.generation() {
            return;
        }
        let size = key.query.len() + approximate_bytes(results);
        let mut pages = self.lock();
        if size > pages.max_bytes {
            return;
        }
        let Some(kept) = pages.kept.as_mut() else {
            return;
        };
        // The page it replaces, or the one dropped to make room.
        let dropped = kept
            .push(key, (results.clone(), size))
            .map_or(0, |(_, (_, bytes))| bytes);
        pages.bytes = pages.bytes.saturating_sub(dropped) + size;
        pages.shrink();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pages> {
        // A panic while holding the lock leaves at worst a page missing.
        self.pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Pages {
    /// Drops the least recently used pages until the rest fit.
    fn shrink(&mut self) {
        let Some(kept) = self.kept.as_mut() else {
            return;
        };
        while self.bytes > self.max_bytes {
            let Some((_, (_, bytes))) = kept.pop_lru() else {
                break;
            };
            self.bytes = self.bytes.saturating_sub(bytes);
        }
    }
}

/// About how many bytes of memory a snippet's runs hold.
fn snippet_bytes(snippet: &Snippet) -> usize {
    snippet
        .runs
        .iter()
        .map(|run| std::mem::size_of::<SnippetRun>() + run.text.len())
        .sum()
}

/// About how many bytes of memory a page of results holds: its structs
/// and the text they own (allocators' overheads not counted).
fn approximate_bytes(results: &SearchResults) -> usize {
    let texts = |texts: &[String]| -> usize {
        texts
            .iter()
            .map(|t| std::mem::size_of::<String>() + t.len())
            .sum()
    };
    let optional = |text: &Option<String>| text.as_ref().map_or(0, String::len);
    let hit = |hit: &Hit| {
        std::mem::size_of::<Hit>()
            + hit.id.len()
            + hit.slug.len()
            + hit.title.len()
            + optional(&hit.doc_number)
            + texts(&hit.issuer)
            + optional(&hit.doc_type)
            + hit.snippet.as_ref().map_or(0, snippet_bytes)
            + optional(&hit.section_id)
            + texts(&hit.heading_path)
    };
    let counts = |counts: &[(String, u64)]| -> usize {
        counts
            .iter()
            .map(|(value, _)| std::mem::size_of::<(String, u64)>() + value.len())
            .sum()
    };
    let Facets {
        year,
        issuer,
        doc_type,
        status,
    } = &results.facets;
    std::mem::size_of::<SearchResults>()
        + results.hits.iter().map(hit).sum::<usize>()
        + counts(year)
        + counts(issuer)
        + counts(doc_type)
        + counts(status)
        + optional(&results.next_cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(query: &str, generation: u64) -> PageKey {
        PageKey {
            query: query.to_owned(),
            offset: 0,
            limit: 10,
            generation,
        }
    }

    fn results(total: usize) -> SearchResults {
        SearchResults {
            total,
            hits: Vec::new(),
            facets: Default::default(),
            next_cursor: None,
        }
    }

    #[test]
    fn off_until_given_a_capacity() {
        let cache = ResultCache::default();
        cache.put(key("社会保险", 0), &results(3));
        assert_eq!(cache.get(&key("社会保险", 0)), None);
        cache.set_capacity(2);
        cache.put(key("社会保险", 0), &results(3));
        assert_eq!(cache.get(&key("社会保险", 0)).map(|r| r.total), Some(3));
    }

    #[test]
    fn a_commit_forgets_pages_and_refuses_late_ones() {
        let cache = ResultCache::default();
        cache.set_capacity(8);
        let before = cache.generation();
        cache.put(key("费率", before), &results(1));
        cache.advance();
        assert_eq!(cache.get(&key("费率", before)), None);
        // A search that started before the commit finishes after it.
        cache.put(key("费率", before), &results(1));
        assert_eq!(cache.get(&key("费率", before)), None);
        assert_eq!(cache.get(&key("费率", cache.generation())), None);
    }

    #[test]
    fn the_least_recently_used_page_goes_first() {
        let cache = ResultCache::default();
        cache.set_capacity(2);
        for (query, total) in [("a", 1), ("b", 2)] {
            cache.put(key(query, 0), &results(total));
        }
        assert!(cache.get(&key("a", 0)).is_some());
        cache.put(key("c", 0), &results(3));
        assert!(cache.get(&key("b", 0)).is_none());
        assert!(cache.get(&key("a", 0)).is_some());
    }

    /// A page of `hits` hits, each with a snippet of `snippet_bytes`.
    fn large_page(hits: usize, snippet_bytes: usize) -> SearchResults {
        let hit = Hit {
            id: "doc-1".to_owned(),
            slug: "doc-1".to_owned(),
            title: "关于做好防汛物资储备工作的通知".to_owned(),
            doc_number: Some("青政办字〔2019〕1号".to_owned()),
            date: None,
            issuer: vec!["青岛市人民政府办公厅".to_owned()],
            doc_type: Some("通知".to_owned()),
            status: gazette_model::Status::InForce,
            pages: None,
            score: 1.0,
            snippet: Some(Snippet {
                runs: vec![SnippetRun {
                    text: "防".repeat(snippet_bytes / 3),
                    marked: false,
                }],
            }),
            section_id: None,
            heading_path: Vec::new(),
            title_match: false,
        };
        SearchResults {
            total: hits,
            hits: vec![hit; hits],
            facets: Default::default(),
            next_cursor: None,
        }
    }

    #[test]
    fn large_pages_stay_within_the_byte_bound() {
        let cache = ResultCache::default();
        cache.set_capacity(10_000);
        let max = 1024 * 1024;
        cache.set_max_bytes(max);
        // Each page: 100 hits of about 3 KB, some 300 KB; 200 of them would
        // be 60 MB.
        let page = large_page(100, 3000);
        let one = approximate_bytes(&page);
        assert!(one > 300_000, "{one}");
        for i in 0..200 {
            cache.put(key(&format!("q{i}"), 0), &page);
            assert!(cache.bytes() <= max, "{} bytes after {i}", cache.bytes());
        }
        // The latest pages are kept, the earliest dropped.
        assert!(cache.get(&key("q199", 0)).is_some());
        assert!(cache.get(&key("q198", 0)).is_some());
        assert!(cache.get(&key("q0", 0)).is_none());
        // A page larger than the whole bound is not kept at all.
        cache.put(key("huge", 0), &large_page(1000, 3000));
        assert!(cache.get(&key("huge", 0)).is_none());
        assert!(cache.bytes() <= max);
        // A smaller bound drops pages at once, keeping the one used last.
        cache.set_max_bytes(one + 100);
        assert!(cache.bytes() <= one + 100);
        assert!(cache.get(&key("q199", 0)).is_none());
        assert!(cache.get(&key("q198", 0)).is_some());
    }
}
