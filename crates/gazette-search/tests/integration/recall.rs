//! Full recall: every substring of a document's text finds it.

use gazette_model::{is_han, BlockKind};
use gazette_search::words::jieba;

use crate::common::{id_of, ids, issue, search, sorted};

/// A tiny xorshift generator, so the samples are the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The maximal runs of Han characters of `text`.
fn han_runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for c in text.chars() {
        if is_han(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Whether `sub`, taken at `start..end` (characters) of `run`, begins or
/// ends inside a word of jieba's cut of the run.
fn crosses_a_word(run: &[char], start: usize, end: usize) -> bool {
    let text: String = run.iter().collect();
    let mut boundaries = vec![0];
    for token in jieba().cut(&text, true) {
        boundaries.push(token.end);
    }
    !boundaries.contains(&start) || !boundaries.contains(&end)
}

/// Queries tried and the ones that missed their document.
#[derive(Default)]
struct Samples {
    tried: usize,
    missed: Vec<(String, String)>,
}

impl Samples {
    /// Searches `query` and notes whether document `id` is among its hits;
    /// `shown` is what a miss reports.
    fn try_query(&mut self, id: &str, query: &str, shown: String) {
        self.tried += 1;
        if !ids(query).iter().any(|found| found == id) {
            self.missed.push((id.to_owned(), shown));
        }
    }

    /// At least `fewest` tried, none missed.
    fn assert_all_found(&self, fewest: usize) {
        let tried = self.tried;
        assert!(tried >= fewest, "{tried} samples");
        assert!(
            self.missed.is_empty(),
            "missed {} of {tried}: {:?}",
            self.missed.len(),
            self.missed
        );
    }
}

const SUBSTRINGS_PER_DOCUMENT: usize = 200;
const CHARACTERS_PER_DOCUMENT: usize = 30;

#[test]
fn every_sampled_substring_finds_its_document() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut samples = Samples::default();
    let mut crossing = 0;
    for doc in &issue().documents {
        let id = id_of(doc);
        let mut runs: Vec<Vec<char>> = Vec::new();
        for block in &doc.blocks {
            runs.extend(han_runs(&block.text).into_iter().filter(|r| r.len() >= 2));
        }
        assert!(!runs.is_empty(), "{id} has text");
        for _ in 0..SUBSTRINGS_PER_DOCUMENT {
            let run = &runs[rng.below(runs.len())];
            let len = 2 + rng.below(11).min(run.len() - 2);
            let start = rng.below(run.len() - len + 1);
            let sub: String = run[start..start + len].iter().collect();
            if crosses_a_word(run, start, start + len) {
                crossing += 1;
            }
            samples.try_query(&id, &sub, sub.clone());
        }
        for _ in 0..CHARACTERS_PER_DOCUMENT {
            let run = &runs[rng.below(runs.len())];
            let sub = run[rng.below(run.len())].to_string();
            samples.try_query(&id, &sub, sub.clone());
        }
    }
    samples.assert_all_found(500);
    // Substrings that a word index would miss are well represented.
    assert!(
        crossing >= SUBSTRINGS_PER_DOCUMENT,
        "only {crossing} samples cross a word boundary"
    );
}

#[test]
fn sampled_substrings_across_punctuation_find_their_document() {
    // Any stretch of a block, separators included: a gap in the query
    // must meet a gap in the text, and a lone unit before or after it too.
    // A run of Latin letters or digits is one unit, found whole: stretches
    // that cut one are not sampled. Titles are indexed as the document's
    // title, joined where the printed title broke its line: not sampled.
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut samples = Samples::default();
    for doc in &issue().documents {
        let id = id_of(doc);
        let texts: Vec<Vec<char>> = doc
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Title)
            .map(|b| b.text.chars().collect::<Vec<char>>())
            .filter(|t| t.len() >= 12)
            .collect();
        for _ in 0..SUBSTRINGS_PER_DOCUMENT {
            let text = &texts[rng.below(texts.len())];
            let len = 2 + rng.below(11);
            let start = rng.below(text.len() - len + 1);
            let cuts_a_run = |inside: usize, outside: Option<&char>| {
                text[inside].is_ascii_alphanumeric()
                    && outside.is_some_and(char::is_ascii_alphanumeric)
            };
            let before = start.checked_sub(1).and_then(|i| text.get(i));
            if cuts_a_run(start, before) || cuts_a_run(start + len - 1, text.get(start + len)) {
                continue;
            }
            let sub: String = text[start..start + len].iter().collect();
            let has_gap = sub.chars().any(|c| !c.is_alphanumeric());
            let quotable = !sub.contains(['"', '\\']);
            if !has_gap || !quotable || gazette_search::ngram::units(&sub).is_empty() {
                continue;
            }
            // Quoted, so the text is one phrase whatever it holds.
            samples.try_query(&id, &format!("\"{sub}\""), sub);
        }
    }
    samples.assert_all_found(300);
}

#[test]
fn a_gap_in_the_query_needs_a_gap_in_the_text() {
    // 降低社会保险 is printed without a gap; 降低，会保 (a gap where 社
    // stands) is nowhere in the sample, though its bigrams are the right
    // distance apart in 降低社会保.
    assert!(!ids("降低社会保").is_empty());
    assert_eq!(ids("降低，会保"), Vec::<String>::new());
}

#[test]
fn a_phrase_inside_a_longer_word_is_found() {
    // 社会保险 inside 降低社会保险费率 (q2's title and body, a row of q4's
    // table), and 社会保险 in 社会保险信息 (q4). 险费 straddles two words.
    assert_eq!(sorted(ids("社会保险")), ["q2", "q4"]);
    assert_eq!(sorted(ids("险费")), ["q2", "q4"]);
}

#[test]
fn latin_words_and_numbers_are_found() {
    // GMP and 3000万元 are in q1's support measures, IPv6 in q4's table.
    assert_eq!(ids("GMP"), ["q1"]);
    assert_eq!(ids("gmp"), ["q1"]);
    assert_eq!(ids("ＧＭＰ"), ["q1"]);
    assert_eq!(ids("3000万元"), ["q1"]);
    assert_eq!(ids("IPv6"), ["q4"]);
    // Line 298 prints a space in 门户网站 IPv6 改造工作: the phrase with the
    // space finds it, the phrase without does not.
    assert_eq!(ids("\"ipv6 改造\""), ["q4"]);
    assert_eq!(search("ipv6改造").total, 0);
    // Every document is dated 2019 in its text.
    assert_eq!(sorted(ids("2019")), ["q1", "q2", "q3", "q4", "q5", "q6"]);
    // A part of an ASCII run is not a unit: 3000 is not 300.
    assert_eq!(search("300万元").total, 0);
}

#[test]
fn shi_caizhengju_finds_every_document_that_contains_it() {
    // In q1's 责任单位 notes, q3's attachment (市财政局党组书记), q4's
    // table and q6 (青岛市财政局副局长); not in q2 nor q5.
    assert_eq!(sorted(ids("市财政局")), ["q1", "q3", "q4", "q6"]);
}

#[test]
fn titles_are_searched_too() {
    // 工作人员名单 is only in q6's title.
    assert_eq!(ids("工作人员名单"), ["q6"]);
    assert!(search("工作人员名单").hits[0].title_match);
}

#[test]
fn punctuation_in_a_quoted_phrase_must_match_as_printed() {
    // Line 29: 最高不超过3000万元。（责任单位：市工业和信息化局、市财政局）
    assert_eq!(ids("\"3000万元。（责任单位\""), ["q1"]);
    // The same characters without the break do not occur.
    assert_eq!(search("3000万元责任单位").total, 0);
}
