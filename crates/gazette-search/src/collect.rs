//! One pass over the documents a query matches: the exact total, the facet
//! counts, and the best documents by rank.
//!
//! The matching query runs unscored; a document's rank is computed here, as
//! a [`Rank`]: its tier (a number tier query it matches counts
//! [`NUMBER_TIER`], a title tier query 1), then the BM25 of the plan's rank
//! terms (the query's words, see `plan`), then its date, newest first. Each of
//! these is read by moving a cursor forward to the document, so a search
//! that matches few documents reads little of the rest.
//!
//! Facets come from fast fields (year, issuer, kind, status), counted by
//! term ordinal per segment and named once per segment at the end.
//!
//! Not for: deciding what matches (`plan`) or reading the hits' stored
//! fields (`index`).

use std::cmp::Ordering;
use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::plan::Plan;
use crate::results::{self, Facets};
use crate::schema::{DAY_FIELD, ISSUER_FIELD, STATUS_FIELD, TYPE_FIELD, YEAR_FIELD};

/// Tier step of a document whose 发文字号 is a term of the query; one title
/// match is a step of 1.
pub(crate) const NUMBER_TIER: u32 = 1 << 16;

/// Where a document ranks: higher tier first, then higher score, then
/// newer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rank {
    /// [`NUMBER_TIER`] per number match plus 1 per title match.
    pub tier: u32,
    /// BM25 of the rank terms.
    pub score: Score,
    /// The date in days, `i64::MIN` when the document has none.
    pub day: i64,
}

impl Rank {
    /// Best first; equal ranks keep the index order.
    fn order(&self, other: &Rank) -> Ordering {
        other
            .tier
            .cmp(&self.tier)
            .then_with(|| other.score.total_cmp(&self.score))
            .then_with(|| other.day.cmp(&self.day))
    }
}

/// What one search collects.
pub(crate) struct Page {
    /// The best `keep` documents, best first.
    pub top: Vec<(Rank, DocAddress)>,
    /// How many documents match.
    pub total: usize,
    /// Counts by facet over all matches.
    pub facets: Facets,
}

/// Collects a [`Page`] keeping the best `keep` documents.
pub(crate) struct PageCollector {
    keep: usize,
    /// Each rank term with its BM25 weight over the whole index.
    rank_terms: Vec<(Term, Bm25Weight)>,
    /// Tier queries, unscored, with the step each adds.
    tiers: Vec<(Box<dyn Weight>, u32)>,
}

impl PageCollector {
    /// A collector for `plan` on `searcher`'s index.
    pub fn new(searcher: &Searcher, plan: &Plan, keep: usize) -> tantivy::Result<PageCollector> {
        let mut rank_terms = Vec::with_capacity(plan.rank_terms.len());
        for term in &plan.rank_terms {
            let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?;
            rank_terms.push((term.clone(), weight));
        }
        let unscored = EnableScoring::disabled_from_searcher(searcher);
        let mut tiers = Vec::new();
        for (queries, step) in [(&plan.number_tiers, NUMBER_TIER), (&plan.title_tiers, 1)] {
            for query in queries {
                tiers.push((query.weight(unscored)?, step));
            }
        }
        Ok(PageCollector {
            keep,
            rank_terms,
            tiers,
        })
    }
}

impl Collector for PageCollector {
    type Fruit = Page;
    type Child = SegmentPage;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPage> {
        let mut rank_terms = Vec::with_capacity(self.rank_terms.len());
        for (term, weight) in &self.rank_terms {
            let field = term.field();
            let postings = segment
                .inverted_index(field)?
                .read_postings(term, IndexRecordOption::WithFreqs)?;
            if let Some(postings) = postings {
                let norms = segment.get_fieldnorms_reader(field)?;
                rank_terms.push((postings, norms, weight.clone()));
            }
        }
        let mut tiers = Vec::with_capacity(self.tiers.len());
        for (weight, step) in &self.tiers {
            tiers.push((weight.scorer(segment, 1.0)?, *step));
        }
        let fast = segment.fast_fields();
        Ok(SegmentPage {
            segment_ord,
            keep: self.keep,
            best: Vec::new(),
            bar: None,
            total: 0,
            rank_terms,
            tiers,
            day: fast.i64(DAY_FIELD).ok(),
            year: YearCounts::new(fast.i64(YEAR_FIELD).ok()),
            issuer: TermCounts::new(fast.str(ISSUER_FIELD)?),
            doc_type: TermCounts::new(fast.str(TYPE_FIELD)?),
            status: TermCounts::new(fast.str(STATUS_FIELD)?),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentFruit>) -> tantivy::Result<Page> {
        let mut top = Vec::new();
        let mut total = 0;
        let mut tally = Tally::default();
        for segment in segments {
            top.extend(segment.top);
            total += segment.total;
            tally.add(segment.tally);
        }
        top.sort_by(|a, b| a.0.order(&b.0).then_with(|| a.1.cmp(&b.1)));
        top.truncate(self.keep);
        Ok(Page {
            top,
            total,
            facets: tally.into_facets(),
        })
    }
}

/// What one segment gives.
pub(crate) struct SegmentFruit {
    top: Vec<(Rank, DocAddress)>,
    total: usize,
    tally: Tally,
}

/// Counts by facet value, named.
#[derive(Default)]
struct Tally {
    year: HashMap<String, u64>,
    issuer: HashMap<String, u64>,
    doc_type: HashMap<String, u64>,
    status: HashMap<String, u64>,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        for (mine, theirs) in [
            (&mut self.year, other.year),
            (&mut self.issuer, other.issuer),
            (&mut self.doc_type, other.doc_type),
            (&mut self.status, other.status),
        ] {
            for (value, count) in theirs {
                *mine.entry(value).or_insert(0) += count;
            }
        }
    }

    fn into_facets(self) -> Facets {
        let list = |counts: HashMap<String, u64>| {
            let mut list: Vec<(String, u64)> = counts.into_iter().collect();
            results::sort_counts(&mut list);
            list
        };
        Facets {
            year: list(self.year),
            issuer: list(self.issuer),
            doc_type: list(self.doc_type),
            status: list(self.status),
        }
    }
}

/// The collector of one segment.
pub(crate) struct SegmentPage {
    segment_ord: SegmentOrdinal,
    keep: usize,
    /// Candidates; cut back to the best `keep` when twice as many.
    best: Vec<(Rank, DocId)>,
    /// The worst of the best `keep` at the last cut: a later document that
    /// ranks below it cannot be among them.
    bar: Option<(Rank, DocId)>,
    total: usize,
    rank_terms: Vec<(SegmentPostings, FieldNormReader, Bm25Weight)>,
    tiers: Vec<(Box<dyn Scorer>, u32)>,
    day: Option<Column<i64>>,
    year: YearCounts,
    issuer: TermCounts,
    doc_type: TermCounts,
    status: TermCounts,
}

impl SegmentPage {
    fn rank(&mut self, doc: DocId) -> Rank {
        let mut tier = 0u32;
        for (scorer, step) in &mut self.tiers {
            if on(scorer.as_mut(), doc) {
                tier = tier.saturating_add(*step);
            }
        }
        let mut score = 0.0;
        for (postings, norms, weight) in &mut self.rank_terms {
            if on(postings, doc) {
                score += weight.score(norms.fieldnorm_id(doc), postings.term_freq());
            }
        }
        let day = self
            .day
            .as_ref()
            .and_then(|column| column.first(doc))
            .unwrap_or(i64::MIN);
        Rank { tier, score, day }
    }

    /// Keeps the best `keep` candidates, in no order.
    fn cut(&mut self) {
        let Some(last) = self.keep.checked_sub(1) else {
            self.best.clear();
            return;
        };
        if self.best.len() > self.keep {
            self.best.select_nth_unstable_by(last, by_rank);
            self.best.truncate(self.keep);
            self.bar = self.best.get(last).copied();
        }
    }
}

fn by_rank(a: &(Rank, DocId), b: &(Rank, DocId)) -> Ordering {
    a.0.order(&b.0).then(a.1.cmp(&b.1))
}

/// Moves `docs` forward to `doc` and says whether it is there; `docs`
/// must not be past `doc` (documents come in increasing order).
fn on<D: DocSet + ?Sized>(docs: &mut D, doc: DocId) -> bool {
    if docs.doc() < doc {
        docs.seek(doc);
    }
    docs.doc() == doc
}

impl SegmentCollector for SegmentPage {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.total += 1;
        self.year.count(doc);
        self.issuer.count(doc);
        self.doc_type.count(doc);
        self.status.count(doc);
        if self.keep == 0 {
            return;
        }
        let candidate = (self.rank(doc), doc);
        if self
            .bar
            .is_some_and(|bar| by_rank(&candidate, &bar) == Ordering::Greater)
        {
            return;
        }
        self.best.push(candidate);
        if self.best.len() >= self.keep.saturating_mul(2).max(64) {
            self.cut();
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        self.cut();
        self.best.sort_by(by_rank);
        let segment_ord = self.segment_ord;
        SegmentFruit {
            top: self
                .best
                .iter()
                .map(|(rank, doc)| (*rank, DocAddress::new(segment_ord, *doc)))
                .collect(),
            total: self.total,
            tally: Tally {
                year: self.year.named(),
                issuer: self.issuer.named(),
                doc_type: self.doc_type.named(),
                status: self.status.named(),
            },
        }
    }
}

/// Counts of a string fast field's values by term ordinal.
struct TermCounts {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl TermCounts {
    fn new(column: Option<StrColumn>) -> TermCounts {
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        TermCounts {
            column,
            counts: vec![0; terms],
        }
    }

    fn count(&mut self, doc: DocId) {
        let Some(column) = &self.column else {
            return;
        };
        for ord in column.ords().values_for_doc(doc) {
            if let Some(count) = usize::try_from(ord)
                .ok()
                .and_then(|i| self.counts.get_mut(i))
            {
                *count += 1;
            }
        }
    }

    /// The counts by value; a value the dictionary cannot give is left out.
    fn named(&self) -> HashMap<String, u64> {
        let mut named = HashMap::new();
        let Some(column) = &self.column else {
            return named;
        };
        for (ord, count) in self.counts.iter().enumerate() {
            let mut value = String::new();
            if *count > 0 && column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                named.insert(value, *count);
            }
        }
        named
    }
}

/// Counts of the year fast field, by year.
struct YearCounts {
    column: Option<Column<i64>>,
    first: i64,
    counts: Vec<u64>,
}

impl YearCounts {
    fn new(column: Option<Column<i64>>) -> YearCounts {
        let (first, span) = column.as_ref().map_or((0, 0), |c| {
            let span = c
                .max_value()
                .saturating_sub(c.min_value())
                .saturating_add(1);
            (c.min_value(), usize::try_from(span).unwrap_or(0))
        });
        YearCounts {
            column,
            first,
            counts: vec![0; span],
        }
    }

    fn count(&mut self, doc: DocId) {
        let Some(year) = self.column.as_ref().and_then(|c| c.first(doc)) else {
            return;
        };
        let slot = usize::try_from(year.saturating_sub(self.first)).ok();
        if let Some(count) = slot.and_then(|i| self.counts.get_mut(i)) {
            *count += 1;
        }
    }

    fn named(&self) -> HashMap<String, u64> {
        (self.first..)
            .zip(&self.counts)
            .filter(|(_, count)| **count > 0)
            .map(|(year, count)| (year.to_string(), *count))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_order_by_tier_then_score_then_date() {
        let rank = |tier, score, day| Rank { tier, score, day };
        let mut ranks = vec![
            rank(0, 9.0, 5),
            rank(1, 0.5, 1),
            rank(0, 9.0, 7),
            rank(NUMBER_TIER, 0.0, i64::MIN),
            rank(0, 3.0, 9),
        ];
        ranks.sort_by(Rank::order);
        assert_eq!(
            ranks,
            [
                rank(NUMBER_TIER, 0.0, i64::MIN),
                rank(1, 0.5, 1),
                rank(0, 9.0, 7),
                rank(0, 9.0, 5),
                rank(0, 3.0, 9),
            ]
        );
    }
}
