//! [`BySegment`]: values read from a segment, kept while the segment
//! lives.
//!
//! Segments never change, so a value read from one stays right until the
//! segment is merged away; [`BySegment::retain`] then drops it.
//!
//! Not for: what the values are (`columns`, `phrase`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

/// Values by segment and key, read on first use.
pub(crate) struct BySegment<K, V> {
    entries: Mutex<HashMap<(SegmentId, K), V>>,
}

impl<K, V> Default for BySegment<K, V> {
    fn default() -> Self {
        BySegment {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K, V> std::fmt::Debug for BySegment<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BySegment").finish_non_exhaustive()
    }
}

impl<K: Eq + Hash, V: Clone> BySegment<K, V> {
    /// The value for `key` in `segment`, read with `read` if not yet.
    pub fn get_or_read(
        &self,
        segment: &SegmentReader,
        key: K,
        read: impl FnOnce() -> tantivy::Result<V>,
    ) -> tantivy::Result<V> {
        let entry = (segment.segment_id(), key);
        if let Some(value) = self.lock().get(&entry) {
            return Ok(value.clone());
        }
        // Read outside the lock: two searches may both read a new segment,
        // and the second one's copy replaces the first.
        let value = read()?;
        self.lock().insert(entry, value.clone());
        Ok(value)
    }

    /// Drops the values of segments `searcher` no longer has.
    pub fn retain(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        self.lock().retain(|(id, _), _| live.contains(id));
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<(SegmentId, K), V>> {
        // The map stays whole if a holder panicked: entries are inserted
        // whole.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::test_index::text_index;

    /// A searcher over a new index of one document.
    fn searcher() -> Searcher {
        text_index(&["a"]).0
    }

    #[test]
    fn a_value_is_read_once_and_dropped_with_its_segment() {
        let map: BySegment<u8, u32> = BySegment::default();
        let first = searcher();
        let segment = &first.segment_readers()[0];
        let reads = Cell::new(0);
        let read = || {
            reads.set(reads.get() + 1);
            Ok(7)
        };
        assert_eq!(map.get_or_read(segment, 1, read).expect("read"), 7);
        assert_eq!(map.get_or_read(segment, 1, read).expect("kept"), 7);
        assert_eq!(reads.get(), 1);
        map.retain(&first);
        assert_eq!(map.lock().len(), 1);
        // Another index's searcher has none of these segments.
        map.retain(&searcher());
        assert_eq!(map.lock().len(), 0);
    }
}
