//! [`NgramPhrase`]: the n-gram terms of a text, each at its offset, found
//! together in a document; what a search for a text runs when its cover
//! has several terms (see `plan`).
//!
//! tantivy's phrase query does the same, but reading a document's
//! positions there sums the term frequencies of its block up to the
//! document, each time: most of the cost of a phrase in this index, whose
//! terms are frequent bigrams and 4-grams. Here a term whose documents are
//! not much more than the rarest term's is read block by block in order
//! ([`InOrder`]), keeping where its positions are as it goes, so that a
//! document's positions cost one addition. Its blocks would nearly all be
//! read anyway: the rarest term has documents in most of them. A term with
//! far more documents keeps tantivy's postings, which skip whole blocks.
//!
//! The query matches exactly what tantivy's `PhraseQuery` with the same
//! offsets matches, and scores it the same way (BM25 of the phrase's count
//! and the field's length); the tests check both against it.
//!
//! Not for: deciding which terms make the cover (`plan`), or phrases with
//! slop.

use std::sync::Arc;

use tantivy::directory::{CompositeFile, FileSlice};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::{InvertedIndexReader, SegmentComponent};
use tantivy::positions::PositionReader;
use tantivy::postings::{BlockSegmentPostings, Postings, SegmentPostings, TermInfo};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

use crate::segments::BySegment;

/// A term with up to this many times the documents of the phrase's rarest
/// term is read in order.
const IN_ORDER_RATIO: u32 = 4;

/// How far a seek looks ahead one document at a time before it searches
/// the rest of the block: the next match is mostly a few documents on.
const NEAR: usize = 8;

/// Each segment's positions of each field, opened on first use.
pub(crate) type PositionFiles = BySegment<Field, FileSlice>;

impl PositionFiles {
    /// The positions of `field` in `segment`.
    fn positions(&self, segment: &SegmentReader, field: Field) -> tantivy::Result<FileSlice> {
        self.get_or_read(segment, field, || {
            CompositeFile::open(&segment.open_read(SegmentComponent::Positions)?)?
                .open_read(field)
                .ok_or_else(|| {
                    TantivyError::SchemaError(format!("field {field:?} has no positions"))
                })
        })
    }
}

/// Terms of one field, each at its offset from the first, that a document
/// must hold in that order and spacing.
#[derive(Debug, Clone)]
pub(crate) struct NgramPhrase {
    terms: Vec<(usize, Term)>,
    files: Arc<PositionFiles>,
}

impl NgramPhrase {
    /// The phrase of `terms`, which are of one field with positions, read
    /// through `files`.
    pub fn new(terms: Vec<(usize, Term)>, files: Arc<PositionFiles>) -> NgramPhrase {
        NgramPhrase { terms, files }
    }
}

impl Query for NgramPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let terms: Vec<Term> = self.terms.iter().map(|(_, t)| t.clone()).collect();
                Some(Bm25Weight::for_terms(statistics_provider, &terms)?)
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PhraseWeight {
            terms: self.terms.clone(),
            files: Arc::clone(&self.files),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (_, term) in &self.terms {
            visitor(term, true);
        }
    }
}

struct PhraseWeight {
    terms: Vec<(usize, Term)>,
    files: Arc<PositionFiles>,
    bm25: Option<Bm25Weight>,
}

impl PhraseWeight {
    /// The scorer over `reader`, `None` when a term is not in the segment.
    fn phrase_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PhraseScorer>> {
        let Some(field) = self.terms.first().map(|(_, term)| term.field()) else {
            return Ok(None);
        };
        let inverted = reader.inverted_index(field)?;
        let mut found = Vec::with_capacity(self.terms.len());
        for (offset, term) in &self.terms {
            let Some(info) = inverted.get_term_info(term)? else {
                return Ok(None);
            };
            found.push((*offset, info));
        }
        let rarest = found
            .iter()
            .map(|(_, info)| info.doc_freq)
            .min()
            .unwrap_or(0);
        let positions = self.files.positions(reader, field)?;
        let mut postings = Vec::with_capacity(found.len());
        for (offset, info) in found {
            let in_order = info.doc_freq <= rarest.saturating_mul(IN_ORDER_RATIO);
            postings.push((
                offset,
                term_postings(&inverted, &info, &positions, in_order)?,
            ));
        }
        let norms = match self.bm25 {
            Some(_) => reader.get_fieldnorms_reader(field)?,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let bm25 = self.bm25.as_ref().map(|weight| weight.boost_by(boost));
        Ok(Some(PhraseScorer::new(postings, bm25, norms)))
    }
}

/// The postings of a term, read in order or with skips; `positions` are
/// those of its field.
fn term_postings(
    inverted: &InvertedIndexReader,
    info: &TermInfo,
    positions: &FileSlice,
    in_order: bool,
) -> tantivy::Result<TermPostings> {
    if !in_order {
        let postings =
            inverted.read_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)?;
        return Ok(TermPostings::Skipping(postings));
    }
    let bytes = positions.slice(info.positions_range.clone()).read_bytes()?;
    let positions = PositionReader::open(bytes)?;
    Ok(TermPostings::InOrder(InOrder::open(
        inverted, info, positions,
    )?))
}

impl Weight for PhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        match self.phrase_scorer(reader, boost)? {
            Some(scorer) => Ok(Box::new(scorer)),
            None => Ok(Box::new(EmptyScorer)),
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match the phrase"
            )));
        }
        Ok(Explanation::new("NgramPhrase", scorer.score()))
    }
}

/// The documents holding every term of a phrase, where the phrase is.
struct PhraseScorer {
    /// Each term's postings with how far before the phrase's last term it
    /// stands, rarest first: the first leads, the others follow it.
    terms: Vec<(u32, TermPostings)>,
    doc: DocId,
    /// Where the phrase may end in the current document.
    ends: Vec<u32>,
    /// Scratch for one term's positions.
    positions: Vec<u32>,
    bm25: Option<Bm25Weight>,
    norms: FieldNormReader,
}

impl PhraseScorer {
    fn new(
        terms: Vec<(usize, TermPostings)>,
        bm25: Option<Bm25Weight>,
        norms: FieldNormReader,
    ) -> PhraseScorer {
        let last = terms.iter().map(|(offset, _)| *offset).max().unwrap_or(0);
        let mut terms: Vec<(u32, TermPostings)> = terms
            .into_iter()
            .map(|(offset, postings)| (u32::try_from(last - offset).unwrap_or(u32::MAX), postings))
            .collect();
        terms.sort_by_key(|(_, postings)| postings.size_hint());
        let mut scorer = PhraseScorer {
            terms,
            doc: TERMINATED,
            ends: Vec::new(),
            positions: Vec::new(),
            bm25,
            norms,
        };
        let first = scorer.lead().map_or(TERMINATED, |lead| lead.doc());
        scorer.doc = scorer.settle(first);
        scorer
    }

    fn lead(&mut self) -> Option<&mut TermPostings> {
        self.terms.first_mut().map(|(_, postings)| postings)
    }

    /// The first document from `candidate` on (where the lead is) that
    /// holds the phrase.
    fn settle(&mut self, mut candidate: DocId) -> DocId {
        while candidate != TERMINATED {
            let next = self.follow(candidate);
            if next == TERMINATED {
                return TERMINATED;
            }
            if next == candidate && self.count(true) > 0 {
                return candidate;
            }
            candidate = match self.lead() {
                None => TERMINATED,
                Some(lead) if next == candidate => lead.advance(),
                Some(lead) => lead.seek(next),
            };
        }
        TERMINATED
    }

    /// Moves the other terms to `candidate`; returns it when they all hold
    /// it, else the first document one of them is at past it.
    fn follow(&mut self, candidate: DocId) -> DocId {
        for (_, postings) in self.terms.iter_mut().skip(1) {
            // A term may already stand past the candidate (its first
            // document, or where an earlier round left it); a seek must
            // never go back.
            let doc = match postings.doc() {
                doc if doc >= candidate => doc,
                _ => postings.seek(candidate),
            };
            if doc != candidate {
                return doc;
            }
        }
        candidate
    }

    /// How many times the phrase is in the current document; with `any`,
    /// 1 as soon as it is known to be there.
    fn count(&mut self, any: bool) -> u32 {
        let mut terms = self.terms.iter_mut();
        let Some((shift, first)) = terms.next() else {
            return 0;
        };
        first.positions_with_offset(*shift, &mut self.ends);
        for (shift, postings) in terms {
            postings.positions_with_offset(*shift, &mut self.positions);
            keep_common(&mut self.ends, &self.positions);
            if self.ends.is_empty() {
                return 0;
            }
        }
        match any {
            true => 1,
            false => u32::try_from(self.ends.len()).unwrap_or(u32::MAX),
        }
    }
}

/// Keeps the values of `sorted` that are in `others` (both increasing).
fn keep_common(sorted: &mut Vec<u32>, others: &[u32]) {
    let mut next = 0;
    sorted.retain(|value| {
        while others.get(next).is_some_and(|other| other < value) {
            next += 1;
        }
        others.get(next) == Some(value)
    });
}

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        let candidate = self.lead().map_or(TERMINATED, DocSet::advance);
        self.doc = self.settle(candidate);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let candidate = self.lead().map_or(TERMINATED, |lead| lead.seek(target));
        self.doc = self.settle(candidate);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.terms.first().map_or(0, |(_, lead)| lead.size_hint())
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        if self.bm25.is_none() {
            return 1.0;
        }
        let count = self.count(false);
        let norm = self.norms.fieldnorm_id(self.doc);
        self.bm25
            .as_ref()
            .map_or(1.0, |bm25| bm25.score(norm, count))
    }
}

/// One term's postings, read in order or with skips.
enum TermPostings {
    InOrder(InOrder),
    Skipping(SegmentPostings),
}

impl TermPostings {
    fn postings(&self) -> &dyn Postings {
        match self {
            TermPostings::InOrder(postings) => postings,
            TermPostings::Skipping(postings) => postings,
        }
    }

    fn postings_mut(&mut self) -> &mut dyn Postings {
        match self {
            TermPostings::InOrder(postings) => postings,
            TermPostings::Skipping(postings) => postings,
        }
    }
}

impl DocSet for TermPostings {
    fn advance(&mut self) -> DocId {
        self.postings_mut().advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings_mut().seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings().doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings().size_hint()
    }
}

impl Postings for TermPostings {
    fn term_freq(&self) -> u32 {
        self.postings().term_freq()
    }

    fn append_positions_with_offset(&mut self, offset: u32, output: &mut Vec<u32>) {
        self.postings_mut()
            .append_positions_with_offset(offset, output);
    }
}

/// A term's postings read block after block, never skipping one, so that
/// the positions before each document are a running sum.
struct InOrder {
    block: BlockSegmentPostings,
    /// The current document's index in the block.
    cur: usize,
    doc: DocId,
    /// Positions of the blocks before this one.
    before_block: u64,
    /// Positions of the block's first `summed` documents.
    in_block: u64,
    summed: usize,
    positions: PositionReader,
}

impl InOrder {
    fn open(
        inverted: &InvertedIndexReader,
        info: &TermInfo,
        positions: PositionReader,
    ) -> tantivy::Result<InOrder> {
        let block = inverted
            .read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)?;
        let doc = block.docs().first().copied().unwrap_or(TERMINATED);
        Ok(InOrder {
            block,
            cur: 0,
            doc,
            before_block: 0,
            in_block: 0,
            summed: 0,
            positions,
        })
    }

    /// Sums the positions of the block's documents before the current one.
    fn sum_to_cur(&mut self) {
        if let Some(freqs) = self.block.freqs().get(self.summed..self.cur) {
            // A block's frequencies sum to far less than u32::MAX.
            self.in_block += u64::from(freqs.iter().sum::<u32>());
            self.summed = self.cur;
        }
    }

    fn next_block(&mut self) {
        self.cur = self.block.freqs().len();
        self.sum_to_cur();
        self.before_block += self.in_block;
        self.in_block = 0;
        self.summed = 0;
        self.cur = 0;
        self.block.advance();
    }

    fn current(&mut self) -> DocId {
        self.doc = self
            .block
            .docs()
            .get(self.cur)
            .copied()
            .unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for InOrder {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.cur += 1;
        if self.cur >= self.block.docs().len() {
            self.next_block();
        }
        self.current()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if target == TERMINATED {
            // Nothing to read on the way.
            self.doc = TERMINATED;
            return TERMINATED;
        }
        loop {
            let docs = self.block.docs();
            let Some(&last) = docs.last() else {
                return self.current();
            };
            if last >= target {
                let rest = docs.get(self.cur..).unwrap_or_default();
                self.cur += match rest.iter().take(NEAR).position(|&doc| doc >= target) {
                    Some(near) => near,
                    None => rest.partition_point(|&doc| doc < target),
                };
                return self.current();
            }
            self.next_block();
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.block.doc_freq()
    }
}

impl Postings for InOrder {
    fn term_freq(&self) -> u32 {
        self.block.freqs().get(self.cur).copied().unwrap_or(0)
    }

    fn append_positions_with_offset(&mut self, offset: u32, output: &mut Vec<u32>) {
        self.sum_to_cur();
        let start = output.len();
        output.resize(start + self.term_freq() as usize, 0);
        let Some(read) = output.get_mut(start..) else {
            return;
        };
        self.positions.read(self.before_block + self.in_block, read);
        // Positions are stored as gaps from the one before.
        let mut position = offset;
        for gap in read {
            position += *gap;
            *gap = position;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use tantivy::collector::{DocSetCollector, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::{DocAddress, Searcher};

    use super::*;
    use crate::test_index::text_index;

    /// An index of one text field holding `docs`, each a list of words.
    fn index(docs: &[Vec<&str>]) -> (Searcher, Field) {
        let texts: Vec<String> = docs.iter().map(|words| words.join(" ")).collect();
        text_index(&texts)
    }

    fn phrase_terms(field: Field, phrase: &[(usize, &str)]) -> Vec<(usize, Term)> {
        phrase
            .iter()
            .map(|(offset, word)| (*offset, Term::from_field_text(field, word)))
            .collect()
    }

    fn matches(searcher: &Searcher, query: &dyn Query) -> Vec<DocAddress> {
        let found = searcher.search(query, &DocSetCollector).expect("search");
        let mut found: Vec<DocAddress> = found.into_iter().collect();
        found.sort();
        found
    }

    fn scores(searcher: &Searcher, query: &dyn Query) -> BTreeMap<DocAddress, Score> {
        let limit = usize::try_from(searcher.num_docs()).expect("few").max(1);
        let top = searcher
            .search(query, &TopDocs::with_limit(limit).order_by_score())
            .expect("search");
        top.into_iter().map(|(score, doc)| (doc, score)).collect()
    }

    #[test]
    fn finds_the_terms_at_their_offsets_only() {
        let (searcher, text) = index(&[
            vec!["a", "b", "c"],
            vec!["a", "x", "c"],
            vec!["c", "x", "a"],
            vec!["a", "c"],
        ]);
        // a, then anything, then c.
        let phrase = NgramPhrase::new(phrase_terms(text, &[(0, "a"), (2, "c")]), Arc::default());
        let found: Vec<u32> = matches(&searcher, &phrase)
            .iter()
            .map(|address| address.doc_id)
            .collect();
        assert_eq!(found, [0, 1]);
    }

    /// Words mostly from a small set, so that phrases match often and
    /// span many blocks; `z` is rare, so that a phrase with it leads by
    /// it and skips through the others.
    fn word() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            30 => Just("a"),
            30 => Just("b"),
            20 => Just("c"),
            1 => Just("z"),
        ]
    }

    fn phrase() -> impl Strategy<Value = Vec<(usize, &'static str)>> {
        prop::collection::vec((1usize..=3, word()), 1..=3).prop_map(|steps| {
            let mut offset = 0;
            let mut phrase = vec![(0, "a")];
            for (step, word) in steps {
                offset += step;
                phrase.push((offset, word));
            }
            phrase
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Over several blocks of postings, the documents and scores are
        /// tantivy's phrase query's, alone and behind an intersection
        /// (which seeks).
        #[test]
        fn agrees_with_tantivys_phrase_query(
            docs in prop::collection::vec(prop::collection::vec(word(), 0..24), 200..700),
            phrase in phrase(),
            other in word(),
        ) {
            let (searcher, text) = index(&docs);
            let terms = phrase_terms(text, &phrase);
            let ours = NgramPhrase::new(terms.clone(), Arc::default());
            let theirs = PhraseQuery::new_with_offset(terms);
            prop_assert_eq!(matches(&searcher, &ours), matches(&searcher, &theirs));
            let ours_scores = scores(&searcher, &ours);
            let theirs_scores = scores(&searcher, &theirs);
            prop_assert_eq!(ours_scores.len(), theirs_scores.len());
            for (doc, score) in &theirs_scores {
                let mine = ours_scores.get(doc).copied().unwrap_or(f32::NAN);
                prop_assert!((mine - score).abs() <= 1e-4 * score.abs().max(1.0), "{doc:?}: {mine} vs {score}");
            }
            let with = |query: Box<dyn Query>| {
                let term = Term::from_field_text(text, other);
                BooleanQuery::new(vec![
                    (Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>),
                    (Occur::Must, query),
                ])
            };
            prop_assert_eq!(
                matches(&searcher, &with(Box::new(ours))),
                matches(&searcher, &with(Box::new(theirs)))
            );
        }
    }
}
