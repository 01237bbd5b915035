//! From a parsed [`Expr`] to what a search runs: the tantivy query, the
//! queries that rank a document into a tier, and the needles to highlight.
//!
//! **Recall** comes from the n-gram fields only (see [`ngram`](crate::ngram)
//! for their tokens). A text of the query becomes a phrase of tokens at
//! their slots relative to the first unit: the bigrams that cover its runs
//! of units, and the lone tokens of the units a gap follows (see
//! [`substring`]). Since slots count gaps, the match is exact: the units in
//! order, with gaps exactly where the query has them.
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
//! bigrams that pin its units (a one-unit word, held only inside bigrams,
//! is not counted). So a document scores for the query's words, not for
//! the pairs that straddle two of them (`降低社会保险` counts 降低, 社会,
//! 保险, not 低社 or 会保), and the index needs no field of words.
//!
//! Planning runs nothing; of the index it only asks how many documents
//! hold a term ([`DocFreq`]), to drop the phrase terms that would cost more
//! than they prune. `index` runs the plan.

use std::ops::Bound;

use gazette_model::DocNumber;
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term as IndexTerm;

use crate::doc::day_number;
use crate::exclude::Excluded;
use crate::ngram::{adjacent, units, Unit};
use crate::query::{positive_terms, Clause, Expr};
use crate::schema::Fields;
use crate::snippet::Needle;

/// How many documents hold a term, summed over segments.
pub(crate) type DocFreq<'a> = &'a dyn Fn(&IndexTerm) -> u64;

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
    pub fn new(expr: &Expr, f: &Fields, df: DocFreq<'_>) -> Plan {
        let query = compile(expr, f, df);
        let mut rank_terms = Vec::new();
        let mut number_tiers = Vec::new();
        let mut title_tiers = Vec::new();
        let mut needles = Vec::new();
        for term in positive_terms(expr) {
            match &term.clause {
                Clause::Text { text, .. } => {
                    title_tiers.extend(substring(text, f.title_grams, df));
                    number_tiers.extend(exact_number(text, f.number));
                    needles.extend(Needle::new(text));
                    add_rank_terms(&mut rank_terms, text, f.text_grams);
                }
                Clause::Title(text) => {
                    title_tiers.extend(substring(text, f.title_grams, df));
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

/// The n-gram terms standing for one word: the bigrams that pin its units.
/// A word of one unit has none: the n-grams hold it inside bigrams.
fn word_terms(word: &str, grams: Field) -> Vec<IndexTerm> {
    let units = units(word);
    let bigrams = bigrams_of(&units, grams);
    let keep = pins(&bigrams);
    bigrams
        .into_iter()
        .zip(keep)
        .filter(|(_, kept)| *kept)
        .map(|((_, term), _)| term)
        .collect()
}

/// The bigram terms of adjacent units, at their slots relative to the
/// first unit.
fn bigrams_of(units: &[Unit], field: Field) -> Vec<(usize, IndexTerm)> {
    let base = units.first().map_or(0, |u| u.slot);
    units
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if adjacent(a, b) => Some((
                a.slot - base,
                IndexTerm::from_field_text(field, &format!("{}{}", a.text, b.text)),
            )),
            _ => None,
        })
        .collect()
}

fn compile(expr: &Expr, f: &Fields, df: DocFreq<'_>) -> Box<dyn Query> {
    match expr {
        Expr::Term(term) => clause(&term.clause, f, df),
        Expr::And(items) => {
            let mut clauses = Vec::with_capacity(items.len() + 1);
            for item in items {
                match item {
                    Expr::Not(inner) => clauses.push((Occur::MustNot, excluded(inner, f, df))),
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
            (Occur::MustNot, excluded(inner, f, df)),
        ])),
    }
}

fn excluded(expr: &Expr, f: &Fields, df: DocFreq<'_>) -> Box<dyn Query> {
    Box::new(Excluded(compile(expr, f, df)))
}

/// Every document.
fn everything() -> Box<dyn Query> {
    Box::new(AllQuery)
}

fn clause(clause: &Clause, f: &Fields, df: DocFreq<'_>) -> Box<dyn Query> {
    match clause {
        Clause::Text { text, .. } => {
            let mut should: Vec<Box<dyn Query>> = Vec::new();
            should.extend(substring(text, f.text_grams, df));
            should.extend(exact_number(text, f.number));
            any_of(should)
        }
        Clause::Title(text) => or_nothing(substring(text, f.title_grams, df)),
        Clause::Number(text) => {
            let mut should: Vec<Box<dyn Query>> = Vec::new();
            should.extend(substring(text, f.number_grams, df));
            should.extend(exact_number(text, f.number));
            any_of(should)
        }
        Clause::Issuer(text) => or_nothing(substring(text, f.issuer_grams, df)),
        Clause::Unit(text) => or_nothing(substring(text, f.unit_grams, df)),
        Clause::Type(doc_type) => raw_term(f.doc_type, doc_type.trim()),
        Clause::Status(status) => raw_term(f.status, status.code()),
        Clause::Year { from, to } => i64_range(f.year, from.map(i64::from), to.map(i64::from)),
        Clause::Date { from, to } => i64_range(f.day, from.map(day_number), to.map(day_number)),
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
    let number = DocNumber::parse(text)?;
    Some(Box::new(TermQuery::new(
        IndexTerm::from_field_text(field, &number.to_string()),
        IndexRecordOption::WithFreqs,
    )))
}

/// A query matching the n-gram field `grams` where `text` occurs, `None`
/// when the text has no unit.
///
/// Every unit of the text is pinned at its slot: a unit followed by an
/// adjacent one by their bigram (a cover of them, see [`covering`]), a unit
/// followed by a gap by its token alone, which also says that the document
/// has a gap there. The last unit is pinned by the bigram before it when it
/// has one. Else (a text of one unit, or one that ends in a gap and a unit)
/// it may begin any token of the document, and only its presence is
/// checked: `社会，保` finds a document with `社会，` and a 保 anywhere.
pub(crate) fn substring(text: &str, grams: Field, df: DocFreq<'_>) -> Option<Box<dyn Query>> {
    let units = units(text);
    let (last, before_last) = units.split_last()?;
    let base = units.first().map_or(0, |u| u.slot);
    let mut terms = covering(bigrams_of(&units, grams), df);
    for pair in units.windows(2) {
        if let [unit, next] = pair {
            if !adjacent(unit, next) {
                terms.push((unit.slot - base, alone(grams, unit)));
            }
        }
    }
    terms.sort_by_key(|(offset, _)| *offset);
    if before_last.last().is_some_and(|prev| adjacent(prev, last)) {
        return Some(phrase(terms));
    }
    let anywhere = beginning_a_token(grams, last);
    if terms.is_empty() {
        return Some(anywhere);
    }
    Some(Box::new(BooleanQuery::new(vec![
        (Occur::Must, phrase(terms)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn grams() -> Field {
        let (_, fields) = crate::schema::build();
        fields.text_grams
    }

    /// The debug form of the planned query, to see its shape.
    fn shape(text: &str) -> String {
        format!("{:?}", substring(text, grams(), &|_| 1).expect("has units"))
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
        let shape = shape("社会保险");
        assert!(shape.starts_with("PhraseQuery"), "{shape}");
        for bigram in ["社会", "保险"] {
            assert!(shape.contains(&format!("\"{bigram}\"")), "{shape}");
        }
        // 社会，保险: bigrams at 0 and 3, 会 alone at 1 (a gap follows it),
        // no 会保.
        let shape = self::shape("社会，保险");
        for kept in ["(0, Term", "(1, Term", "(3, Term"] {
            assert!(shape.contains(kept), "{shape}");
        }
        assert!(shape.contains("\"会\""), "{shape}");
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
        // After a gap a new run starts: 社会，保险费 → 社会@0, 会@1 alone,
        // 保险@3, 险费@4.
        let shape = self::shape("社会，保险费");
        for kept in ["(0, Term", "(1, Term", "(3, Term", "(4, Term"] {
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
        assert!(shape.starts_with("PhraseQuery"), "{shape}");
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
        assert!(substring("，。", grams(), &|_| 1).is_none());
    }
}
