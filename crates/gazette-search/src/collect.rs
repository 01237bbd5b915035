//! One pass over the documents a query matches: the exact total, the facet
//! counts, and the best documents by rank.
//!
//! The matching query runs unscored; a document's rank is computed here, as
//! a [`Rank`]: its tier (a number tier query it matches counts
//! [`NUMBER_TIER`], a title tier query 1), then the BM25 of the plan's rank
//! terms (the query's words, see `plan`), then its date, newest first. The
//! tier and the score are read by moving cursors forward to the document,
//! so a search that matches few documents reads little of the rest; a match
//! that cannot make the page by its tier is not scored, nor its date read
//! when its score cannot.
//!
//! Facets and dates come from fast fields (year, issuer, kind, status,
//! day), read into arrays once per segment (see `columns`); facets are
//! counted by combination of values per segment and named once per segment
//! at the end.
//!
//! Not for: deciding what matches (`plan`) or reading the hits' stored
//! fields (`index`).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use crate::columns::{ColumnCache, FacetCounts, SegmentColumns, FACETS};
use crate::plan::Plan;
use crate::results::{self, Facets};

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
pub(crate) struct PageCollector<'a> {
    keep: usize,
    columns: &'a ColumnCache,
    /// Each rank term with its BM25 weight over the whole index.
    rank_terms: Vec<(Term, Bm25Weight)>,
    /// Tier queries, unscored, with the step each adds.
    tiers: Vec<(Box<dyn Weight>, u32)>,
}

impl<'a> PageCollector<'a> {
    /// A collector for `plan` on `searcher`'s index, reading facets and
    /// dates through `columns`.
    pub fn new(
        searcher: &Searcher,
        plan: &Plan,
        keep: usize,
        columns: &'a ColumnCache,
    ) -> tantivy::Result<PageCollector<'a>> {
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
            columns,
            rank_terms,
            tiers,
        })
    }
}

impl Collector for PageCollector<'_> {
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
        let columns = self.columns.columns(segment)?;
        Ok(SegmentPage {
            segment_ord,
            keep: self.keep,
            best: Vec::new(),
            bar: None,
            total: 0,
            rank_terms,
            tiers,
            counts: FacetCounts::new(&columns),
            columns,
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
    /// The named counts of year, issuer, type and status.
    fn of([year, issuer, doc_type, status]: [HashMap<String, u64>; FACETS]) -> Tally {
        Tally {
            year,
            issuer,
            doc_type,
            status,
        }
    }

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
    columns: Arc<SegmentColumns>,
    counts: FacetCounts,
}

impl SegmentPage {
    /// The tier of `doc`: the steps of the tier queries it matches.
    fn tier(&mut self, doc: DocId) -> u32 {
        let mut tier = 0u32;
        for (scorer, step) in &mut self.tiers {
            if on(scorer.as_mut(), doc) {
                tier = tier.saturating_add(*step);
            }
        }
        tier
    }

    /// The BM25 of the rank terms in `doc`.
    fn score(&mut self, doc: DocId) -> Score {
        let mut score = 0.0;
        for (postings, norms, weight) in &mut self.rank_terms {
            if on(postings, doc) {
                score += weight.score(norms.fieldnorm_id(doc), postings.term_freq());
            }
        }
        score
    }

    /// Ranks `doc` among the candidates, unless it cannot be among the
    /// best `keep`.
    fn consider(&mut self, doc: DocId) {
        let tier = self.tier(doc);
        if self.bar.is_some_and(|(bar, _)| tier < bar.tier) {
            return;
        }
        let score = self.score(doc);
        // Most matches end here, before their date is read.
        if self
            .bar
            .is_some_and(|(bar, _)| tier == bar.tier && score < bar.score)
        {
            return;
        }
        let day = self.columns.day.get(doc as usize).copied();
        let rank = Rank {
            tier,
            score,
            day: day.unwrap_or(i64::MIN),
        };
        let candidate = (rank, doc);
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
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.total += docs.len();
        for &doc in docs {
            self.counts.add(&self.columns, doc);
        }
        if self.keep == 0 {
            return;
        }
        for &doc in docs {
            self.consider(doc);
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
            tally: Tally::of(self.counts.named(&self.columns)),
        }
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
