//! A cache of search result pages, for a server that answers the same
//! queries again and again (a site's popular searches, a feed's filters).
//!
//! An entry is keyed by the query, the page asked for and the index
//! *generation*, which every commit advances: a page computed before a
//! commit is never served after it, even when its search was still running
//! when the commit landed. Off (capacity 0) unless asked for: the CLI and
//! the benchmarks of the engine run uncached.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use lru::LruCache;

use crate::results::SearchResults;

/// What identifies a page of results.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    pub query: String,
    pub offset: usize,
    pub limit: usize,
    pub generation: u64,
}

/// Result pages by [`PageKey`], least recently used dropped first.
#[derive(Debug, Default)]
pub(crate) struct ResultCache {
    pages: Mutex<Option<LruCache<PageKey, SearchResults>>>,
    generation: AtomicU64,
}

impl ResultCache {
    /// Keeps at most `capacity` pages; 0 turns the cache off and empties it.
    pub fn set_capacity(&self, capacity: usize) {
        *self.lock() = NonZeroUsize::new(capacity).map(LruCache::new);
    }

    /// The generation searches started now belong to.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Forgets every page: the index changed.
    pub fn advance(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Some(pages) = self.lock().as_mut() {
            pages.clear();
        }
    }

    pub fn get(&self, key: &PageKey) -> Option<SearchResults> {
        self.lock().as_mut()?.get(key).cloned()
    }

    pub fn put(&self, key: PageKey, results: &SearchResults) {
        if key.generation != self.generation() {
            return;
        }
        if let Some(pages) = self.lock().as_mut() {
            pages.put(key, results.clone());
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<LruCache<PageKey, SearchResults>>> {
        // A panic while holding the lock leaves at worst a page missing.
        self.pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
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
}
