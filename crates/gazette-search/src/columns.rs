//! A segment's facet values and dates as plain arrays, read from its fast
//! fields once and kept while the segment is searched, so that counting the
//! facets of tens of thousands of matches is an array read and an
//! increment for each.
//!
//! tantivy's columns are compact but each read decodes: a multi-valued
//! column looks up the document's row range, a bitpacked one unpacks a
//! value. A search matching most of the archive would read four columns
//! for every match; here a document's four first values are one
//! [combination](Combinations), and its date one more array (about 12
//! bytes a document in all).
//! They are read once per segment and kept in a [`ColumnCache`].
//!
//! Not for: deciding what matches or ranks (`plan`, `collect`), or the
//! values a hit shows (read from the stored document).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, SegmentReader};

use crate::schema::{DAY_FIELD, ISSUER_FIELD, STATUS_FIELD, TYPE_FIELD, YEAR_FIELD};
use crate::segments::BySegment;

/// The facets counted, in the order of [`SegmentColumns::facets`].
pub(crate) const FACETS: usize = 4;

/// The values of one facet: each document's ordinals, and the term of each
/// ordinal. Most documents have one value, so the first is kept per
/// document and the rest (a document with several issuers) apart, until
/// [`SegmentColumns`] moves both into its combinations and keeps the terms.
#[derive(Debug, Default)]
pub(crate) struct Ordinals {
    /// Each document's first ordinal plus one, 0 when it has none.
    first: Vec<u32>,
    /// The further ordinals of documents with more than one, by document.
    more: Vec<(DocId, u32)>,
    /// The term of each ordinal.
    pub names: Vec<String>,
}

impl Ordinals {
    /// A string column's term ordinals and terms.
    fn of_terms(column: Option<StrColumn>, docs: DocId) -> Ordinals {
        let Some(column) = column else {
            return Ordinals::none(docs);
        };
        let names = (0..column.num_terms() as u64)
            .map(|ord| {
                let mut name = String::new();
                // A term the dictionary cannot give is counted unnamed and
                // left out of the facets.
                if !column.ord_to_str(ord, &mut name).unwrap_or(false) {
                    name.clear();
                }
                name
            })
            .collect();
        Ordinals::collect(docs, names, |doc, ords| {
            let values = column.ords().values_for_doc(doc);
            ords.extend(values.filter_map(|ord| u32::try_from(ord).ok()));
        })
    }

    /// A year column as ordinals counted from its first year.
    fn of_years(column: Option<Column<i64>>, docs: DocId) -> Ordinals {
        let Some(column) = column else {
            return Ordinals::none(docs);
        };
        let first = column.min_value();
        let names = (first..=column.max_value())
            .map(|y| y.to_string())
            .collect();
        Ordinals::collect(docs, names, |doc, ords| {
            let ord = column.first(doc).map(|year| u32::try_from(year - first));
            if let Some(Ok(ord)) = ord {
                ords.push(ord);
            }
        })
    }

    /// No document has a value.
    fn none(docs: DocId) -> Ordinals {
        Ordinals {
            first: vec![0; docs as usize],
            ..Ordinals::default()
        }
    }

    /// The ordinals `push` gives each document.
    fn collect(
        docs: DocId,
        names: Vec<String>,
        mut push: impl FnMut(DocId, &mut Vec<u32>),
    ) -> Ordinals {
        let mut first = Vec::with_capacity(docs as usize);
        let mut more = Vec::new();
        let mut ords = Vec::new();
        for doc in 0..docs {
            ords.clear();
            push(doc, &mut ords);
            first.push(ords.first().map_or(0, |ord| ord.saturating_add(1)));
            more.extend(ords.iter().skip(1).map(|ord| (doc, *ord)));
        }
        Ordinals { first, more, names }
    }
}

/// The facets' first values of each document as one number: the index of
/// their combination. Documents share a few combinations of year, issuer,
/// type and status, so counting a match is one increment, and the counts
/// of the combinations are spread over the facets once, at the end.
#[derive(Debug, Default)]
pub(crate) struct Combinations {
    /// Each document's combination.
    of_doc: Vec<u32>,
    /// Each combination's first ordinal plus one (0 for none) per facet.
    slots: Vec<[u32; FACETS]>,
}

impl Combinations {
    fn of(facets: [&Ordinals; FACETS], docs: DocId) -> Combinations {
        let mut index: HashMap<[u32; FACETS], u32> = HashMap::new();
        let mut slots = Vec::new();
        let of_doc = (0..docs as usize)
            .map(|doc| {
                let key = facets.map(|facet| facet.first.get(doc).copied().unwrap_or(0));
                *index.entry(key).or_insert_with(|| {
                    slots.push(key);
                    u32::try_from(slots.len() - 1).unwrap_or(u32::MAX)
                })
            })
            .collect();
        Combinations { of_doc, slots }
    }
}

/// Counts of the facets' values over documents of a segment given in
/// increasing order.
#[derive(Debug)]
pub(crate) struct FacetCounts {
    /// Documents counted by combination of first values.
    by_combination: Vec<u64>,
    /// Per facet, the further values counted (slot `o + 1` for ordinal
    /// `o`).
    further: [Vec<u64>; FACETS],
    /// Where the next document's further values may be in the segment's.
    next: usize,
}

impl FacetCounts {
    pub fn new(columns: &SegmentColumns) -> FacetCounts {
        FacetCounts {
            by_combination: vec![0; columns.combinations.slots.len()],
            further: columns
                .facets()
                .map(|facet| match columns.further.is_empty() {
                    true => Vec::new(),
                    false => vec![0; facet.names.len() + 1],
                }),
            next: 0,
        }
    }

    /// Counts `doc`'s values; `doc` is after every document counted before.
    pub fn add(&mut self, columns: &SegmentColumns, doc: DocId) {
        let combination = columns.combinations.of_doc.get(doc as usize).copied();
        if let Some(count) = combination.and_then(|c| self.by_combination.get_mut(c as usize)) {
            *count += 1;
        }
        while let Some(&(other, facet, ord)) = columns.further.get(self.next) {
            if other > doc {
                break;
            }
            self.next += 1;
            if other < doc {
                continue;
            }
            let slots = self.further.get_mut(facet);
            if let Some(count) = slots.and_then(|slots| slots.get_mut(ord as usize + 1)) {
                *count += 1;
            }
        }
    }

    /// The counts of each facet by term, values counted none left out.
    pub fn named(&self, columns: &SegmentColumns) -> [HashMap<String, u64>; FACETS] {
        let facets = columns.facets();
        let mut slots: [Vec<u64>; FACETS] = facets.map(|facet| vec![0; facet.names.len() + 1]);
        for (count, combination) in self.by_combination.iter().zip(&columns.combinations.slots) {
            if *count == 0 {
                continue;
            }
            for (facet_slots, slot) in slots.iter_mut().zip(combination) {
                if let Some(total) = facet_slots.get_mut(*slot as usize) {
                    *total += count;
                }
            }
        }
        for (facet_slots, further) in slots.iter_mut().zip(&self.further) {
            for (total, count) in facet_slots.iter_mut().zip(further) {
                *total += count;
            }
        }
        let mut named = slots.iter().zip(facets).map(|(facet_slots, facet)| {
            facet_slots
                .iter()
                .skip(1)
                .zip(&facet.names)
                .filter(|(count, name)| **count > 0 && !name.is_empty())
                .map(|(count, name)| (name.clone(), *count))
                .collect::<HashMap<String, u64>>()
        });
        std::array::from_fn(|_| named.next().unwrap_or_default())
    }
}

/// One segment's facet values and dates.
#[derive(Debug, Default)]
pub(crate) struct SegmentColumns {
    /// Each document's date in days, `i64::MIN` when it has none.
    pub day: Vec<i64>,
    pub year: Ordinals,
    pub issuer: Ordinals,
    pub doc_type: Ordinals,
    pub status: Ordinals,
    combinations: Combinations,
    /// The values after the first of documents with several, by document:
    /// (document, facet, ordinal).
    further: Vec<(DocId, usize, u32)>,
}

impl SegmentColumns {
    fn read(segment: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let fast = segment.fast_fields();
        let docs = segment.max_doc();
        let day = fast.i64(DAY_FIELD).ok();
        let mut columns = SegmentColumns {
            day: (0..docs)
                .map(|doc| day.as_ref().and_then(|c| c.first(doc)).unwrap_or(i64::MIN))
                .collect(),
            year: Ordinals::of_years(fast.i64(YEAR_FIELD).ok(), docs),
            issuer: Ordinals::of_terms(fast.str(ISSUER_FIELD)?, docs),
            doc_type: Ordinals::of_terms(fast.str(TYPE_FIELD)?, docs),
            status: Ordinals::of_terms(fast.str(STATUS_FIELD)?, docs),
            combinations: Combinations::default(),
            further: Vec::new(),
        };
        columns.combine(docs);
        Ok(columns)
    }

    /// Puts the facets' first values into combinations and their further
    /// values into one list, and drops both from the facets.
    fn combine(&mut self, docs: DocId) {
        self.combinations = Combinations::of(self.facets(), docs);
        let facets = [
            &mut self.year,
            &mut self.issuer,
            &mut self.doc_type,
            &mut self.status,
        ];
        for (index, facet) in facets.into_iter().enumerate() {
            facet.first = Vec::new();
            let more = std::mem::take(&mut facet.more);
            self.further
                .extend(more.into_iter().map(|(doc, ord)| (doc, index, ord)));
        }
        self.further.sort_by_key(|(doc, ..)| *doc);
    }

    /// Year, issuer, type and status.
    pub fn facets(&self) -> [&Ordinals; FACETS] {
        [&self.year, &self.issuer, &self.doc_type, &self.status]
    }
}

/// [`SegmentColumns`] by segment, read on first use.
pub(crate) type ColumnCache = BySegment<(), Arc<SegmentColumns>>;

impl ColumnCache {
    /// The columns of `segment`, read now if not yet.
    pub fn columns(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        self.get_or_read(segment, (), || SegmentColumns::read(segment).map(Arc::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordinals(values: &[&[u32]]) -> Ordinals {
        let names = (0..5).map(|o| format!("v{o}")).collect();
        let docs = DocId::try_from(values.len()).expect("few");
        Ordinals::collect(docs, names, |doc, ords| {
            ords.extend_from_slice(values[doc as usize]);
        })
    }

    /// Columns whose issuer facet holds `issuers` and whose other facets
    /// hold `years`, both by document.
    fn columns(issuers: &[&[u32]], years: &[&[u32]]) -> SegmentColumns {
        let docs = DocId::try_from(issuers.len()).expect("few");
        let mut columns = SegmentColumns {
            year: ordinals(years),
            issuer: ordinals(issuers),
            doc_type: ordinals(years),
            status: Ordinals::none(docs),
            ..SegmentColumns::default()
        };
        columns.combine(docs);
        columns
    }

    fn sorted(counts: &HashMap<String, u64>) -> Vec<(&str, u64)> {
        let mut counts: Vec<(&str, u64)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        counts.sort();
        counts
    }

    #[test]
    fn every_value_of_the_documents_counted_is_counted_once() {
        let columns = columns(
            &[&[4, 1], &[], &[0], &[1, 2, 3], &[2]],
            &[&[0], &[0], &[1], &[1], &[0]],
        );
        let mut counts = FacetCounts::new(&columns);
        // Document 2 is skipped, as a search skips what does not match.
        for doc in [0, 1, 3, 4] {
            counts.add(&columns, doc);
        }
        let [year, issuer, doc_type, status] = counts.named(&columns);
        assert_eq!(
            sorted(&issuer),
            [("v1", 2), ("v2", 2), ("v3", 1), ("v4", 1)]
        );
        assert_eq!(sorted(&year), [("v0", 3), ("v1", 1)]);
        assert_eq!(doc_type, year);
        assert!(status.is_empty());
    }

    #[test]
    fn documents_share_combinations() {
        let columns = columns(&[&[1], &[1], &[2], &[1]], &[&[0], &[0], &[0], &[3]]);
        assert_eq!(columns.combinations.of_doc, [0, 0, 1, 2]);
        assert_eq!(
            columns.combinations.slots,
            [[1, 2, 1, 0], [1, 3, 1, 0], [4, 2, 4, 0]]
        );
    }

    #[test]
    fn a_document_past_the_end_counts_as_without_value() {
        let columns = columns(&[&[1]], &[&[1]]);
        let mut counts = FacetCounts::new(&columns);
        counts.add(&columns, 7);
        assert!(counts.named(&columns).iter().all(HashMap::is_empty));
    }
}
