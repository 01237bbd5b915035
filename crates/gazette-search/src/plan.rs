//! From a parsed [`Expr`] to what a search runs: the tantivy query, the
//! queries that rank a document into a tier, and the needles to highlight.
//!
//! **Recall** comes from the n-gram fields only (see [`ngram`](crate::ngram)
//! for their tokens). A text of the query becomes a phrase of tokens at
//! their slots relative to the first unit: the bigrams, or 4-grams of
//! common bigrams, that cover its runs of units, and the lone tokens of the
//! units a gap follows (see [`substring`]). Since slots count gaps, the
//! match is exact: the units in order, with gaps exactly where the query
//! has them.
//!
//! A plain term matches the `text` fields (title, 发文字号 and body) or the
//! whole 发文字号; `title:` and `number:` match only theirs.
//!
//! **Ranking** is not the matching query's business: it runs unscored, so
//! a phrase only has to be found once per document, not counted. The plan
//! hands `collect` what ranks a match instead: the queries that put a
//! document in a tier (its 发文字号 is a term of the query; its title holds
//! a term) and the terms whose BM25 is the score within a tier. Those come
//! from the query's jieba words, each counted in the `text` n-grams as the
//! tokens that pin its units (a one-unit word, held only inside bigrams,
//! is not counted). So a document scores for the query's words, not for
//! the pairs that straddle two of them (`降低社会保险` counts 降低, 社会,
//! 保险, not 低社 or 会保), and the index needs no field of words.
//!
//! Planning runs nothing; of the index it only asks how many documents
//! hold a term, to drop the phrase terms that would cost more than they
//! prune, and hands the phrases where to read positions ([`IndexView`]).
//! `index` runs the plan.

use std::ops::Bound;
use std::sync::Arc;

use gazette_model::DocNumber;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term as IndexTerm;

use crate::common::is_common_pair;
use crate::doc::day_number;
use crate::exclude::Excluded;
use crate::ngram::{adjacent, units, Unit};
use crate::phrase::{NgramPhrase, PositionFiles};
use crate::query::{positive_terms, Clause, Expr};
use crate::schema::Fields;
use crate::snippet::Needle;

/// What planning needs of the index.
pub(crate) struct IndexView<'a> {
    /// How many documents hold a term, summed over segments.
    pub doc_freq: &'a dyn Fn(&IndexTerm) -> u64,
    /// The segments' positions files, for phrases.
    pub positions: &'a Arc<PositionFiles>,
}

/// What a search runs.
pub(crate) struct Plan {
    /// Decides what matches; run unscored.
    pub query: Box<dyn Query>,
    /// The n-gram terms of the jieba words of the positive text terms,
    /// for the score.
    pub rank_terms: Vec<IndexTerm>,
    /// One query per positive term naming a whole 发文字号.
    pub number_tiers: Vec<Box<dyn Query>>,
    /// One query per positive text term, on the title.
    pub title_tiers: Vec<Box<dyn Query>>,
    /// The positive text terms, to find in the body for snippets.
    pub needles: Vec<Needle>,
}

impl Plan {
    /// Plans `expr` over the fields `f`.
    pub fn new(expr: &Expr, f: &Fields, index: &IndexView<'_>) -> Plan {
        let query = compile(expr, f, index);
        let mut rank_terms = Vec::new();
        let mut number_tiers = Vec::new();
        let mut title_tiers = Vec::new();
        let mut needles = Vec::new();
        for term in positive_terms(expr) {
            match &term.clause {
                Clause::Text { text, .. } => {
                    title_tiers.extend(substring(text, f.title_grams, index));
                    number_tiers.extend(exact_number(text, f.number));
                    needles.extend(Needle::new(text));
                    add_rank_terms(&mut rank_terms, text, f.text_grams);
                }
                Clause::Title(text) => {
                    title_tiers.extend(substring(text, f.title_grams, index));
                    add_rank_terms(&mut rank_terms, text, f.text_grams);
                }
                Clause::Number(text) => number_tiers.extend(exact_number(text, f.number)),
                _ => {}
            }
        }
        Plan {
            query,
            rank_terms,
            number_tiers,
            title_tiers,
            needles,
        }
    }
}

fn add_rank_terms(terms: &mut Vec<IndexTerm>, text: &str, grams: Field) {
    for word in crate::words::words(text) {
        for term in word_terms(&word, grams) {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
}

/// The n-gram terms standing for one word: those that pin its units (see
/// [`pins`]). A word of one unit has none: the n-grams hold it inside
/// bigrams.
fn word_terms(word: &str, grams: Field) -> Vec<IndexTerm> {
    pins(&units(word))
        .into_iter()
        .map(|(_, text)| IndexTerm::from_field_text(grams, &text))
        .collect()
}

/// A token of a query: its slot relative to the first unit, and its text.
type Gram = (usize, String);

/// The tokens that pin every unit of the runs of adjacent units, with as
/// few terms as the tokens allow: from a run's start, two units at a time
/// as their bigram, or four as their 4-gram where the index has one (two
/// [common](crate::common) bigrams in a row); a unit left alone at the
/// run's end is pinned by the bigram before it. A unit alone between gaps
/// is in no run (see [`substring`]).
fn pins(units: &[Unit]) -> Vec<Gram> {
    let base = units.first().map_or(0, |u| u.slot);
    let mut out = Vec::new();
    for run in units.chunk_by(adjacent) {
        let mut i = 0;
        while i + 1 < run.len() {
            let length = if common_at(run, i) && common_at(run, i + 2) {
                4
            } else {
                2
            };
            out.extend(gram(run, i, length, base));
            i += length;
        }
        if i + 1 == run.len() && i > 0 {
            out.extend(gram(run, i - 1, 2, base));
        }
    }
    out
}

/// Whether units `i` and `i + 1` of a run are a common bigram.
fn common_at(run: &[Unit], i: usize) -> bool {
    match (run.get(i), run.get(i + 1)) {
        (Some(a), Some(b)) => is_common_pair(&a.text, &b.text),
        _ => false,
    }
}

/// The token of the `length` units of `run` from its unit `i`.
fn gram(run: &[Unit], i: usize, length: usize, base: usize) -> Option<Gram> {
    let of = run.get(i..i + length)?;
    let slot = of.first()?.slot;
    Some((slot - base, of.iter().map(|u| u.text.as_str()).collect()))
}

fn compile(expr: &Expr, f: &Fields, index: &IndexView<'_>) -> Box<dyn Query> {
    match expr {
        Expr::Term(term) => clause(&term.clause, f, index),
        Expr::And(items) => {
            let mut clauses = Vec::with_capacity(items.len() + 1);
            for item in items {
                match item {
                    Expr::Not(inner) => clauses.push((Occur::MustNot, excluded(inner, f, index))),
                    other => clauses.push((Occur::Must, compile(other, f, index))),
                }
            }
            if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                clauses.push((Occur::Must, everything()));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Or(items) => Box::new(BooleanQuery::new(
            items
                .iter()
                .map(|item| (Occur::Should, compile(item, f, index)))
                .collect(),
        )),
        Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, everything()),
            (Occur::MustNot, excluded(inner, f, index)),
        ])),
    }
}

fn excluded(expr: &Expr, f: &Fields, index: &IndexView<'_>) -> Box<dyn Query> {
    Box::new(Excluded(compile(expr, f, index)))
}

/// Every document.
fn everything() -> Box<dyn Query> {
    Box::new(AllQuery)
}

fn clause(clause: &Clause, f: &Fields, index: &IndexView<'_>) -> Box<dyn Query> {
    match clause {
        Clause::Text { text, .. } => {
            let mut should: Vec<Box<dyn Query>> = Vec::new();
            should.extend(substring(text, f.text_grams, index));
            should.extend(exact_number(text, f.number));
            any_of(should)
        }
        Clause::Title(text) => or_nothing(substring(text, f.title_grams, index)),
        Clause::Number(text) => {
            let mut should: Vec<Box<dyn Query>> = Vec::new();
            should.extend(substring(text, f.number_grams, index));
            should.extend(exact_number(text, f.number));
            any_of(should)
        }
        Clause::Issuer(text) => or_nothing(substring(text, f.issuer_grams, index)),
        Clause::Unit(text) => or_nothing(substring(text, f.unit_grams, index)),
        Clause::Type(doc_type) => raw_term(f.doc_type, doc_type.trim()),
        Clause::Status(status) => raw_term(f.status, status.code()),
        Clause::Year { from, to } => i64_range(f.year, from.map(i64::from), to.map(i64::from)),
        Clause::Date { from, to } => i64_range(f.day, from.map(day_number), to.map(day_number)),
        Clause::Effective { from, to } => {
            i64_range(f.effective_day, from.map(day_number), to.map(day_number))
        }
    }
}

fn any_of(mut should: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if should.len() <= 1 {
        return should.pop().unwrap_or_else(|| Box::new(EmptyQuery));
    }
    Box::new(BooleanQuery::new(
        should.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

fn or_nothing(query: Option<Box<dyn Query>>) -> Box<dyn Query> {
    query.unwrap_or_else(|| Box::new(EmptyQuery))
}

fn raw_term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        IndexTerm::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn i64_range(field: Field, from: Option<i64>, to: Option<i64>) -> Box<dyn Query> {
    let bound = |value: Option<i64>| match value {
        Some(v) => Bound::Included(IndexTerm::from_field_i64(field, v)),
        None => Bound::Unbounded,
    };
    if from.is_none() && to.is_none() {
        // The parser refuses such a range; this keeps RangeQuery's contract.
        return Box::new(AllQuery);
    }
    Box::new(RangeQuery::new(bound(from), bound(to)))
}

/// The whole 发文字号 when `text` is one, in any printed form.
fn exact_number(text: &str, field: Field) -> Option<Box<dyn Query>> {
    let number = DocNumber::normalise(text)?;
    Some(Box::new(TermQuery::new(
        IndexTerm::from_field_text(field, &number),
        IndexRecordOption::WithFreqs,
    )))
}

/// A query matching the n-gram field `grams` where `text` occurs, `None`
/// when the text has no unit.
///
/// Every unit of the text is pinned at its slot: a unit followed by an
/// adjacent one by a bigram or 4-gram (a cover of them, see [`covering`]),
/// a unit followed by a gap by its token alone, which also says that the
/// document has a gap there. The last unit is pinned by the bigram before it when it
/// has one. Else (a text of one unit, or one that ends in a gap and a unit)
/// it may begin any token of the document, and only its presence is
/// checked: `社会，保` finds a document with `社会，` and a 保 anywhere.
pub(crate) fn substring(text: &str, grams: Field, index: &IndexView<'_>) -> Option<Box<dyn Query>> {
    let units = units(text);
    let (last, before_last) = units.split_last()?;
    let base = units.first().map_or(0, |u| u.slot);
    let mut terms = covering(&units, grams, index);
    for pair in units.windows(2) {
        if let [unit, next] = pair {
            if !adjacent(unit, next) {
                terms.push((unit.slot - base, alone(grams, unit)));
            }
        }
    }
    terms.sort_by_key(|(offset, _)| *offset);
    if before_last.last().is_some_and(|prev| adjacent(prev, last)) {
        return Some(phrase(terms, index.positions));
    }
    let anywhere = beginning_a_token(grams, last);
    if terms.is_empty() {
        return Some(anywhere);
    }
    Some(Box::new(BooleanQuery::new(vec![
        (Occur::Must, phrase(terms, index.positions)),
        (Occur::Must, anywhere),
    ])))
}

/// The token of `unit` alone.
fn alone(grams: Field, unit: &Unit) -> IndexTerm {
    IndexTerm::from_field_text(grams, &unit.text)
}

/// Documents where `unit` begins a token: alone, or first in a bigram.
fn beginning_a_token(grams: Field, unit: &Unit) -> Box<dyn Query> {
    // A unit is one non-ASCII letter or a run of ASCII letters and digits,
    // nothing a regular expression reads as syntax. After a Latin run
    // comes no other Latin letter or digit: those would make a longer run.
    let pattern = if unit.text.is_ascii() {
        format!("{}([^0-9a-z].*)?", unit.text)
    } else {
        format!("{}.*", unit.text)
    };
    match RegexQuery::from_pattern(&pattern, grams) {
        Ok(query) => Box::new(query),
        Err(_) => Box::new(TermQuery::new(alone(grams, unit), IndexRecordOption::Basic)),
    }
}

/// The terms a phrase needs: for each run of adjacent units, the cover of
/// its units by bigrams and 4-grams that the fewest documents hold in sum
/// (see [`cheapest_cover`]). When the cover has several terms, the rarest
/// bigram joins them if fewer than half as many documents hold it as the
/// cover's rarest term: it rules most documents out before any position
/// is read.
fn covering(units: &[Unit], grams: Field, index: &IndexView<'_>) -> Vec<(usize, IndexTerm)> {
    let base = units.first().map_or(0, |u| u.slot);
    let mut kept: Vec<Candidate> = Vec::new();
    let mut rest: Vec<Candidate> = Vec::new();
    for run in units.chunk_by(adjacent) {
        let candidates = candidates(run, base, grams, index);
        let cover = cheapest_cover(&candidates, run.len());
        for (index, candidate) in candidates.into_iter().enumerate() {
            match cover.contains(&index) {
                true => kept.push(candidate),
                false => rest.push(candidate),
            }
        }
    }
    if kept.len() >= 2 {
        let kept_min = kept.iter().map(|c| c.docs).min().unwrap_or(u64::MAX);
        let rarest = rest
            .into_iter()
            .filter(|c| c.length == 2)
            .min_by_key(|c| c.docs);
        if let Some(bigram) = rarest.filter(|c| c.docs.saturating_mul(2) < kept_min) {
            kept.push(bigram);
        }
    }
    kept.into_iter().map(|c| (c.slot, c.term)).collect()
}

/// A token that may cover units of a run: its first unit in the run, how
/// many units, its slot relative to the text's first unit, its term and
/// how many documents hold it.
struct Candidate {
    first: usize,
    length: usize,
    slot: usize,
    term: IndexTerm,
    docs: u64,
}

/// The bigrams of a run and its 4-grams (two common bigrams in a row), by
/// where they end.
fn candidates(run: &[Unit], base: usize, grams: Field, index: &IndexView<'_>) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    for first in 0..run.len().saturating_sub(1) {
        let quad = common_at(run, first) && common_at(run, first + 2);
        for length in [2, 4] {
            if length == 4 && !quad {
                continue;
            }
            if let Some((slot, text)) = gram(run, first, length, base) {
                let term = IndexTerm::from_field_text(grams, &text);
                let docs = (index.doc_freq)(&term);
                candidates.push(Candidate {
                    first,
                    length,
                    slot,
                    term,
                    docs,
                });
            }
        }
    }
    candidates.sort_by_key(|c| c.first + c.length);
    candidates
}

/// Which `candidates` (sorted by their end) cover the `units` units of
/// their run with the fewest documents in sum (one more per term, so that
/// of equal covers the one with fewer terms wins). A phrase reads the
/// positions of its terms in every document holding them all, and a term
/// few documents hold is one a document holds few times: a rare pair
/// straddling two words (`内严` of `党内严重`) costs less than the words,
/// and `人民政府` as one 4-gram less than 人民 and 政府.
fn cheapest_cover(candidates: &[Candidate], units: usize) -> Vec<usize> {
    // best[k]: the cheapest cover of units 0..k whose last term ends at
    // unit k - 1, as (cost, its last candidate, where the cover before it
    // ended). Candidates come by their end, so best[k] is final before a
    // candidate ending past k reads it.
    let mut best: Vec<Option<(u64, usize, usize)>> = vec![None; units + 1];
    if let Some(start) = best.first_mut() {
        *start = Some((0, usize::MAX, 0));
    }
    for (index, candidate) in candidates.iter().enumerate() {
        let end = candidate.first + candidate.length;
        for before in candidate.first..end {
            let Some(Some((cost, ..))) = best.get(before).copied() else {
                continue;
            };
            let cost = cost + candidate.docs + 1;
            if let Some(slot) = best.get_mut(end) {
                if slot.is_none_or(|(known, ..)| cost < known) {
                    *slot = Some((cost, index, before));
                }
            }
        }
    }
    let mut cover = Vec::new();
    let mut end = units;
    while end > 0 {
        let Some(Some((_, index, before))) = best.get(end).copied() else {
            break;
        };
        cover.push(index);
        end = before;
    }
    cover
}

/// A phrase of terms at offsets; a single term when there is one.
fn phrase(mut terms: Vec<(usize, IndexTerm)>, positions: &Arc<PositionFiles>) -> Box<dyn Query> {
    if terms.len() == 1 {
        if let Some((_, term)) = terms.pop() {
            return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
        }
    }
    if terms.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(NgramPhrase::new(terms, Arc::clone(positions)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams() -> Field {
        let (_, fields) = crate::schema::build();
        fields.text_grams
    }

    /// The query for `text` on `grams` when `doc_freq` says how many
    /// documents hold each term.
    fn planned(text: &str, doc_freq: &dyn Fn(&IndexTerm) -> u64) -> Option<Box<dyn Query>> {
        let positions = Arc::default();
        let index = IndexView {
            doc_freq,
            positions: &positions,
        };
        substring(text, grams(), &index)
    }

    /// The debug form of the planned query, to see its shape.
    fn shape(text: &str) -> String {
        format!("{:?}", planned(text, &|_| 1).expect("has units"))
    }

    #[test]
    fn one_unit_begins_any_token() {
        for text in ["GMP", "令"] {
            let shape = shape(text);
            assert!(shape.starts_with("RegexQuery"), "{shape}");
        }
    }

    #[test]
    fn two_units_are_one_bigram_term() {
        let shape = shape("社会");
        assert!(shape.starts_with("TermQuery"), "{shape}");
        assert!(shape.contains("\"社会\""), "{shape}");
    }

    #[test]
    fn longer_texts_are_bigram_phrases_with_gaps_kept() {
        // 医务 is not a common bigram: no 4-gram.
        let shape = shape("医务人员");
        assert!(shape.starts_with("NgramPhrase"), "{shape}");
        for bigram in ["医务", "人员"] {
            assert!(shape.contains(&format!("\"{bigram}\"")), "{shape}");
        }
        // 医务，人员: bigrams at 0 and 3, 务 alone at 1 (a gap follows it),
        // no 务人.
        let shape = self::shape("医务，人员");
        for kept in ["(0, Term", "(1, Term", "(3, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
        assert!(shape.contains("\"务\""), "{shape}");
        assert!(!shape.contains("务人"), "{shape}");
    }

    #[test]
    fn a_phrase_keeps_only_the_bigrams_that_pin_every_unit() {
        // 受众面广医务人员: 7 bigrams, no two common ones in a row; 受众 面广
        // 医务 人员 at 0 2 4 6 pin all 8.
        let shape = shape("受众面广医务人员");
        for kept in ["(0, Term", "(2, Term", "(4, Term", "(6, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
        for dropped in ["众面", "广医", "务人"] {
            assert!(!shape.contains(dropped), "{shape}");
        }
        // An odd run keeps its last bigram: 社会保 → 社会@0, 会保@1.
        let shape = self::shape("社会保");
        assert!(
            shape.contains("\"社会\"") && shape.contains("\"会保\""),
            "{shape}"
        );
        // After a gap a new run starts: 社会，保险费 → 社会@0, 会@1 alone,
        // 保险@3, 险费@4.
        let shape = self::shape("社会，保险费");
        for kept in ["(0, Term", "(1, Term", "(3, Term", "(4, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
    }

    /// The shape of the query for `text` when `rare` are held by 5
    /// documents and every other term by 1000.
    fn shape_with_rare(text: &str, rare: &[&str]) -> String {
        let df = |term: &IndexTerm| match term.value().as_str() {
            Some(t) if rare.contains(&t) => 5,
            _ => 1000,
        };
        format!("{:?}", planned(text, &df).expect("units"))
    }

    #[test]
    fn two_common_bigrams_in_a_row_are_one_4_gram() {
        // 人民 and 政府 are common: one term, no positions to read.
        let shape = shape("人民政府");
        assert!(shape.starts_with("TermQuery"), "{shape}");
        assert!(shape.contains("\"人民政府\""), "{shape}");
        // 人力, 资源, 社会 and 保障 are all common: two 4-grams.
        let shape = shape_with_rare("人力资源社会保障", &[]);
        for kept in [
            "(0, Term(field=4, type=Str, \"人力资源\"))",
            "(4, Term(field=4, type=Str, \"社会保障\"))",
        ] {
            assert!(shape.contains(kept), "{shape}");
        }
        assert_eq!(shape.matches("Term(").count(), 2, "{shape}");
        // A gap splits them: 人民，政府 stays two bigrams and the lone 民.
        let shape = self::shape("人民，政府");
        assert!(!shape.contains("人民政府"), "{shape}");
    }

    #[test]
    fn rare_pairs_straddling_words_cover_for_the_words() {
        // 受众 and 医务 are the only terms covering 受 and 务; 面广 (1000
        // documents) costs more than 众面 and 广医 together.
        let shape = shape_with_rare("受众面广医务", &["众面", "广医"]);
        for kept in ["(0, Term", "(1, Term", "(3, Term", "(4, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
        assert!(!shape.contains("面广"), "{shape}");
    }

    #[test]
    fn a_left_out_bigram_joins_when_it_is_far_rarer() {
        // 医务人员: 医务 and 人员 cover it; 务人 is held by few documents.
        let shape = shape_with_rare("医务人员", &["务人"]);
        for kept in ["\"医务\"", "\"务人\"", "\"人员\""] {
            assert!(shape.contains(kept), "{shape}");
        }
        // Not rare enough: the cover stays as it is.
        let df = |term: &IndexTerm| match term.value().as_str() {
            Some("务人") => 900,
            _ => 1000,
        };
        let shape = format!("{:?}", planned("医务人员", &df).expect("units"));
        assert!(!shape.contains("\"务人\""), "{shape}");
        // A cover of one term needs no positions: it stays one term.
        let shape = shape_with_rare("人民政府", &["民政"]);
        assert!(shape.starts_with("TermQuery"), "{shape}");
    }

    #[test]
    fn rank_terms_are_the_query_words_not_the_pairs_between_them() {
        let mut terms = Vec::new();
        add_rank_terms(&mut terms, "降低社会保险费率", grams());
        let texts: Vec<String> = terms
            .iter()
            .filter_map(|t| t.value().as_str().map(str::to_owned))
            .collect();
        for word in ["降低", "社会", "保险", "费率"] {
            assert!(texts.iter().any(|t| t == word), "{word} in {texts:?}");
        }
        // 低社 and 会保 straddle 降低|社会 and 社会|保险.
        for pair in ["低社", "会保"] {
            assert!(!texts.iter().any(|t| t == pair), "{pair} in {texts:?}");
        }
        // A one-unit word is held only inside bigrams: not counted.
        let mut terms = Vec::new();
        add_rank_terms(&mut terms, "GMP", grams());
        assert_eq!(terms, []);
    }

    #[test]
    fn a_lone_unit_before_a_gap_is_its_token_alone() {
        // A，社会: a alone at 0, 社会 at 2 covering 会.
        let shape = shape("A，社会");
        assert!(shape.starts_with("NgramPhrase"), "{shape}");
        assert!(shape.contains("\"a\""), "{shape}");
        assert!(
            shape.contains("(0, Term") && shape.contains("(2, Term"),
            "{shape}"
        );
    }

    #[test]
    fn a_lone_unit_at_the_end_is_only_required() {
        // 社会，保: 保 may begin 保险 or stand alone in a document.
        let shape = shape("社会，保");
        assert!(shape.starts_with("BooleanQuery"), "{shape}");
        assert!(shape.contains("RegexQuery"), "{shape}");
    }

    #[test]
    fn nothing_to_search_is_none() {
        assert!(planned("，。", &|_| 1).is_none());
    }
}
