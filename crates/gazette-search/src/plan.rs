//! From a parsed [`Expr`] to what a search runs: the tantivy query, the
//! queries that rank a document into a tier, and the needles to highlight.
//!
//! **Recall** comes from the n-gram fields only. A text of the query
//! becomes, on the bigram field, a phrase of its bigrams at their slots
//! relative to the first unit (a single term when it has one bigram), or a
//! single unigram term for a one-unit text. When a text that spans a gap has
//! a one-unit run (`A，社会`), it has no bigram for that run and becomes a
//! phrase of its unigrams instead. Either way, since slots count gaps, the
//! match is exact: the units in order, with gaps exactly where the query
//! has them.
//!
//! **Ranking**: a plain term matches the body, the title (boost
//! [`TITLE_BOOST`]), a part of the 发文字号 (boost [`NUMBER_BOOST`]) and the
//! whole number ([`EXACT_NUMBER_BOOST`]); the query's jieba words are
//! optional clauses on the `words` field. Filters (`type:`, `year:` …)
//! score nothing. On top of the score, the search sorts by tier first: a
//! document whose 发文字号 is a term of the query comes before one whose
//! title holds a term, which comes before the rest (see `index`).
//!
//! Planning runs nothing; of the index it only asks how many documents
//! hold a term ([`DocFreq`]), to drop the phrase terms that would cost more
//! than they prune. `index` runs the plan.

use std::ops::Bound;

use gazette_model::DocNumber;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term as IndexTerm;

use crate::doc::day_number;
use crate::ngram::{adjacent, units, Unit};
use crate::query::{positive_terms, Clause, Expr};
use crate::schema::{Fields, Grams};
use crate::snippet::Needle;

/// Boost of a term's match in the title.
pub const TITLE_BOOST: f32 = 2.0;
/// Boost of a term's match in a part of the 发文字号.
pub const NUMBER_BOOST: f32 = 2.0;
/// Boost of a term that is the whole 发文字号.
pub const EXACT_NUMBER_BOOST: f32 = 5.0;
/// Boost of the jieba words of the query.
pub const WORDS_BOOST: f32 = 1.0;

/// How many documents hold a term, summed over segments.
pub(crate) type DocFreq<'a> = &'a dyn Fn(&IndexTerm) -> u64;

/// What a search runs.
pub(crate) struct Plan {
    /// Decides what matches and scores it.
    pub query: Box<dyn Query>,
    /// One query per positive term naming a whole 发文字号.
    pub number_tiers: Vec<Box<dyn Query>>,
    /// One query per positive text term, on the title.
    pub title_tiers: Vec<Box<dyn Query>>,
    /// The positive text terms, to find in the body for snippets.
    pub needles: Vec<Needle>,
}

impl Plan {
    /// Plans `expr` over the fields `f`.
    pub fn new(expr: &Expr, f: &Fields, df: DocFreq<'_>) -> Plan {
        let matching = compile(expr, f, df);
        let mut words: Vec<String> = Vec::new();
        let mut number_tiers = Vec::new();
        let mut title_tiers = Vec::new();
        let mut needles = Vec::new();
        for term in positive_terms(expr) {
            match &term.clause {
                Clause::Text { text, .. } => {
                    title_tiers.extend(substring(text, f.title_grams, df));
                    number_tiers.extend(exact_number(text, f.number));
                    needles.extend(Needle::new(text));
                    add_words(&mut words, text);
                }
                Clause::Title(text) => {
                    title_tiers.extend(substring(text, f.title_grams, df));
                    add_words(&mut words, text);
                }
                Clause::Number(text) => number_tiers.extend(exact_number(text, f.number)),
                _ => {}
            }
        }
        let query = if words.is_empty() {
            matching
        } else {
            let mut clauses = vec![(Occur::Must, matching)];
            for word in words {
                let term = IndexTerm::from_field_text(f.words, &word);
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, boost(Box::new(query), WORDS_BOOST)));
            }
            Box::new(BooleanQuery::new(clauses))
        };
        Plan {
            query,
            number_tiers,
            title_tiers,
            needles,
        }
    }
}

fn add_words(words: &mut Vec<String>, text: &str) {
    for word in crate::words::words(text) {
        if !words.contains(&word) {
            words.push(word);
        }
    }
}

fn compile(expr: &Expr, f: &Fields, df: DocFreq<'_>) -> Box<dyn Query> {
    match expr {
        Expr::Term(term) => clause(&term.clause, f, df),
        Expr::And(items) => {
            let mut clauses = Vec::with_capacity(items.len() + 1);
            for item in items {
                match item {
                    Expr::Not(inner) => clauses.push((Occur::MustNot, compile(inner, f, df))),
                    other => clauses.push((Occur::Must, compile(other, f, df))),
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
                .map(|item| (Occur::Should, compile(item, f, df)))
                .collect(),
        )),
        Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, everything()),
            (Occur::MustNot, compile(inner, f, df)),
        ])),
    }
}

/// Every document, scoring nothing.
fn everything() -> Box<dyn Query> {
    filter(Box::new(AllQuery))
}

/// `query` as a filter that adds nothing to the score.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}

fn clause(clause: &Clause, f: &Fields, df: DocFreq<'_>) -> Box<dyn Query> {
    match clause {
        Clause::Text { text, .. } => {
            let mut should: Vec<Box<dyn Query>> = Vec::new();
            should.extend(substring(text, f.body_grams, df));
            should.extend(substring(text, f.title_grams, df).map(|q| boost(q, TITLE_BOOST)));
            should.extend(substring(text, f.number_grams, df).map(|q| boost(q, NUMBER_BOOST)));
            should.extend(exact_number(text, f.number).map(|q| boost(q, EXACT_NUMBER_BOOST)));
            any_of(should)
        }
        Clause::Title(text) => or_nothing(substring(text, f.title_grams, df)),
        Clause::Number(text) => {
            let mut should: Vec<Box<dyn Query>> = Vec::new();
            should.extend(substring(text, f.number_grams, df));
            should.extend(exact_number(text, f.number).map(|q| boost(q, EXACT_NUMBER_BOOST)));
            any_of(should)
        }
        Clause::Issuer(text) => filter(or_nothing(substring(text, f.issuer_grams, df))),
        Clause::Unit(text) => filter(or_nothing(substring(text, f.unit_grams, df))),
        Clause::Type(doc_type) => filter(raw_term(f.doc_type, doc_type.trim())),
        Clause::Status(status) => filter(raw_term(f.status, status.code())),
        Clause::Year { from, to } => {
            filter(i64_range(f.year, from.map(i64::from), to.map(i64::from)))
        }
        Clause::Date { from, to } => {
            filter(i64_range(f.day, from.map(day_number), to.map(day_number)))
        }
    }
}

fn any_of(should: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if should.is_empty() {
        return Box::new(EmptyQuery);
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
    let number = DocNumber::parse(text)?;
    Some(Box::new(TermQuery::new(
        IndexTerm::from_field_text(field, &number.to_string()),
        IndexRecordOption::WithFreqs,
    )))
}

/// A query matching the fields `grams` where `text` occurs, `None` when
/// the text has no unit.
pub(crate) fn substring(text: &str, grams: Grams, df: DocFreq<'_>) -> Option<Box<dyn Query>> {
    let units = units(text);
    let first = units.first()?;
    if units.len() == 1 {
        return Some(gram_term(grams.uni, &first.text));
    }
    let base = first.slot;
    if every_run_has_a_bigram(&units) {
        let bigrams: Vec<(usize, IndexTerm)> = units
            .windows(2)
            .filter_map(|pair| match pair {
                [a, b] if adjacent(a, b) => Some((
                    a.slot - base,
                    IndexTerm::from_field_text(grams.bi, &format!("{}{}", a.text, b.text)),
                )),
                _ => None,
            })
            .collect();
        return Some(phrase(covering(bigrams, df)));
    }
    let unigrams = units
        .iter()
        .map(|u| {
            (
                u.slot - base,
                IndexTerm::from_field_text(grams.uni, &u.text),
            )
        })
        .collect();
    Some(phrase(unigrams))
}

/// The bigrams a phrase needs: those at even steps from each run's start
/// and the run's last pin every unit, with half the terms. A phrase reads
/// the positions of every term of every document that holds them all, so
/// fewer terms is less work, unless a dropped term is the one that would
/// have ruled most documents out: the rarest bigram is kept when fewer than
/// half as many documents hold it as the rarest kept one.
fn covering(bigrams: Vec<(usize, IndexTerm)>, df: DocFreq<'_>) -> Vec<(usize, IndexTerm)> {
    let counts: Vec<u64> = bigrams.iter().map(|(_, term)| df(term)).collect();
    let keep = pins(&bigrams);
    let kept_min = kept_min(&counts, &keep);
    let rarest = counts
        .iter()
        .enumerate()
        .min_by_key(|(_, count)| **count)
        .map(|(i, count)| (i, *count));
    bigrams
        .into_iter()
        .enumerate()
        .filter(|(i, _)| {
            keep.get(*i).copied().unwrap_or(true)
                || rarest.is_some_and(|(r, count)| r == *i && count.saturating_mul(2) < kept_min)
        })
        .map(|(_, bigram)| bigram)
        .collect()
}

/// Which bigrams pin every unit: the even steps of each run and its last.
fn pins(bigrams: &[(usize, IndexTerm)]) -> Vec<bool> {
    let mut run_start = 0;
    bigrams
        .iter()
        .enumerate()
        .map(|(i, (offset, _))| {
            let prev = i.checked_sub(1).and_then(|j| bigrams.get(j));
            if prev.is_none_or(|(p, _)| p + 1 != *offset) {
                run_start = *offset;
            }
            let continues = bigrams
                .get(i + 1)
                .is_some_and(|(next, _)| *next == offset + 1);
            (offset - run_start) % 2 == 0 || !continues
        })
        .collect()
}

fn kept_min(counts: &[u64], keep: &[bool]) -> u64 {
    counts
        .iter()
        .zip(keep)
        .filter(|(_, kept)| **kept)
        .map(|(count, _)| *count)
        .min()
        .unwrap_or(u64::MAX)
}

/// Whether every unit has an adjacent neighbour, so the bigrams cover all
/// units.
fn every_run_has_a_bigram(units: &[Unit]) -> bool {
    units.iter().enumerate().all(|(i, unit)| {
        let after = units.get(i + 1).is_some_and(|next| adjacent(unit, next));
        let before = i
            .checked_sub(1)
            .and_then(|j| units.get(j))
            .is_some_and(|prev| adjacent(prev, unit));
        before || after
    })
}

/// A phrase of terms at offsets; a single term when there is one.
fn phrase(mut terms: Vec<(usize, IndexTerm)>) -> Box<dyn Query> {
    if terms.len() == 1 {
        if let Some((_, term)) = terms.pop() {
            return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
        }
    }
    if terms.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(PhraseQuery::new_with_offset(terms))
}

fn gram_term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        IndexTerm::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams() -> Grams {
        let (_, fields) = crate::schema::build();
        fields.body_grams
    }

    /// The debug form of the planned query, to see its shape.
    fn shape(text: &str) -> String {
        format!("{:?}", substring(text, grams(), &|_| 1).expect("has units"))
    }

    #[test]
    fn one_unit_is_a_unigram_term() {
        let shape = shape("GMP");
        assert!(shape.starts_with("TermQuery"), "{shape}");
        assert!(shape.contains("\"gmp\""), "{shape}");
    }

    #[test]
    fn two_units_are_one_bigram_term() {
        let shape = shape("社会");
        assert!(shape.starts_with("TermQuery"), "{shape}");
        assert!(shape.contains("\"社会\""), "{shape}");
    }

    #[test]
    fn longer_texts_are_bigram_phrases_with_gaps_kept() {
        let shape = shape("社会保险");
        assert!(shape.starts_with("PhraseQuery"), "{shape}");
        for bigram in ["社会", "保险"] {
            assert!(shape.contains(&format!("\"{bigram}\"")), "{shape}");
        }
        // 社会，保险: bigrams at 0 and 3, no 会保.
        let shape = self::shape("社会，保险");
        assert!(
            shape.contains("(0, Term") && shape.contains("(3, Term"),
            "{shape}"
        );
        assert!(!shape.contains("会保"), "{shape}");
    }

    #[test]
    fn a_phrase_keeps_only_the_bigrams_that_pin_every_unit() {
        // 降低社会保险费率: 7 bigrams; 降低 社会 保险 费率 at 0 2 4 6 pin all 8.
        let shape = shape("降低社会保险费率");
        for kept in ["(0, Term", "(2, Term", "(4, Term", "(6, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
        for dropped in ["低社", "会保", "险费"] {
            assert!(!shape.contains(dropped), "{shape}");
        }
        // An odd run keeps its last bigram: 社会保 → 社会@0, 会保@1.
        let shape = self::shape("社会保");
        assert!(
            shape.contains("\"社会\"") && shape.contains("\"会保\""),
            "{shape}"
        );
        // After a gap a new run starts: 社会，保险费 → 社会@0, 保险@3, 险费@4.
        let shape = self::shape("社会，保险费");
        for kept in ["(0, Term", "(3, Term", "(4, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
    }

    #[test]
    fn a_dropped_bigram_comes_back_when_it_is_far_rarer() {
        // 有关问题: 关问 is held by few documents, 有关 and 问题 by many.
        let df = |term: &IndexTerm| match term.value().as_str() {
            Some("关问") => 10,
            _ => 1000,
        };
        let shape = format!("{:?}", substring("有关问题", grams(), &df).expect("units"));
        assert!(shape.contains("\"关问\""), "{shape}");
        // Not rare enough: the cover stays as it is.
        let df = |term: &IndexTerm| match term.value().as_str() {
            Some("民政") => 900,
            _ => 1000,
        };
        let shape = format!("{:?}", substring("人民政府", grams(), &df).expect("units"));
        assert!(!shape.contains("\"民政\""), "{shape}");
    }

    #[test]
    fn a_lone_unit_between_gaps_makes_a_unigram_phrase() {
        let shape = shape("A，社会");
        assert!(shape.starts_with("PhraseQuery"), "{shape}");
        assert!(
            shape.contains("(0, Term") && shape.contains("(2, Term"),
            "{shape}"
        );
        assert!(shape.contains("(3, Term"), "{shape}");
    }

    #[test]
    fn nothing_to_search_is_none() {
        assert!(substring("，。", grams(), &|_| 1).is_none());
    }
}
