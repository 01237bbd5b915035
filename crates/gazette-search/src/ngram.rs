//! The n-gram analysis that gives full recall: text → *units* → unigrams
//! and bigrams.
//!
//! After [normalisation](crate::normalize), text is cut into units:
//! - each CJK character (any alphanumeric character outside ASCII: 汉字,
//!   〇, kana …) is one unit;
//! - each run of ASCII letters and digits is one unit (`gmp`, `3000`,
//!   `ipv6`);
//! - everything else (punctuation, whitespace, symbols) separates units and
//!   produces nothing.
//!
//! **Positions and gaps.** Units are numbered in order, and a gap between
//! two units (a run of punctuation or whitespace) takes one number of its
//! own: in `社会，保险` 社 is at 0, 会 at 1, 保 at 3, 险 at 4. That number is
//! the unit's *slot* and the token position. So a phrase query built from a
//! query with the same analysis matches exactly where the query occurs:
//! `社会保险` (slots 0 1 2 3) does not match `社会，保险`, and `社会，保险`
//! (0 1 3 4) matches it and nothing else; any run of separators counts as
//! one gap, whatever it holds. Separators at either end of a query are
//! dropped.
//!
//! The bigram analyser emits each pair of adjacent units (no gap between
//! them) at the slot of the first; the unigram analyser emits every unit at
//! its slot. Offsets are byte offsets into the original, un-normalised text.
//! When tantivy indexes several values of one field it leaves one free
//! position between them, so the end of a value is one more gap.
//!
//! This module does not decide which fields use which analyser (see
//! `schema`) nor build queries (see `plan`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::normalize::{normalize_into, NormChar};

/// One unit of normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The normalised text of the unit.
    pub text: String,
    /// First byte in the original text.
    pub from: usize,
    /// One past the last byte in the original text.
    pub to: usize,
    /// The unit's slot: its position, gaps counted (see the module docs).
    pub slot: usize,
}

/// Cuts `text` into units.
pub fn units(text: &str) -> Vec<Unit> {
    let mut chars = Vec::new();
    normalize_into(text, &mut chars);
    units_of(&chars)
}

/// Cuts already normalised characters into units.
pub fn units_of(chars: &[NormChar]) -> Vec<Unit> {
    let mut spans = Vec::new();
    spans_into(chars, &mut spans);
    spans
        .iter()
        .map(|span| {
            let of = &chars[span.first..span.end];
            Unit {
                text: of.iter().map(|nc| nc.ch).collect(),
                from: of.first().map_or(0, |nc| nc.from),
                to: of.last().map_or(0, |nc| nc.to),
                slot: span.slot,
            }
        })
        .collect()
}

/// A text cut into units, held as spans of its normalised characters, so
/// that cutting allocates nothing per unit (for snippets, which cut whole
/// sections).
#[derive(Debug, Default)]
pub struct CutText {
    chars: Vec<NormChar>,
    spans: Vec<Span>,
}

impl CutText {
    /// Cuts `text`.
    pub fn new(text: &str) -> CutText {
        let mut cut = CutText::default();
        normalize_into(text, &mut cut.chars);
        spans_into(&cut.chars, &mut cut.spans);
        cut
    }

    /// How many units.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there is no unit.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The slot of unit `i`.
    pub fn slot(&self, i: usize) -> Option<usize> {
        self.spans.get(i).map(|span| span.slot)
    }

    /// Whether unit `i` is the normalised text `text`.
    pub fn is(&self, i: usize, text: &str) -> bool {
        self.spans
            .get(i)
            .and_then(|span| self.chars.get(span.first..span.end))
            .is_some_and(|chars| chars.iter().map(|nc| nc.ch).eq(text.chars()))
    }

    /// The bytes of the original text that units `first..=last` come from.
    pub fn bytes(&self, first: usize, last: usize) -> Option<(usize, usize)> {
        let from = self.chars.get(self.spans.get(first)?.first)?.from;
        let to = self
            .chars
            .get(self.spans.get(last)?.end.checked_sub(1)?)?
            .to;
        Some((from, to))
    }
}

/// A unit as the range `first..end` of the normalised characters.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    end: usize,
    slot: usize,
}

/// Cuts normalised characters into spans (cleared first).
fn spans_into(chars: &[NormChar], spans: &mut Vec<Span>) {
    spans.clear();
    // A separator was seen since the last unit.
    let mut gap = false;
    // The last unit is an ASCII run that the next ASCII character extends.
    let mut run_open = false;
    for (i, nc) in chars.iter().enumerate() {
        let ascii = nc.ch.is_ascii_alphanumeric();
        if ascii && run_open {
            if let Some(run) = spans.last_mut() {
                run.end = i + 1;
                continue;
            }
        }
        if !(ascii || is_cjk(nc.ch) || nc.ch.is_alphanumeric()) {
            gap = true;
            run_open = false;
            continue;
        }
        let slot = spans
            .last()
            .map_or(0, |last| last.slot + 1 + usize::from(gap));
        spans.push(Span {
            first: i,
            end: i + 1,
            slot,
        });
        gap = false;
        run_open = ascii;
    }
}

/// The common CJK block, alphanumeric without asking the Unicode tables.
fn is_cjk(ch: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&ch)
}

/// Whether `b` directly follows `a`, with no gap between them.
pub fn adjacent(a: &Unit, b: &Unit) -> bool {
    b.slot == a.slot + 1
}

/// Which grams an [`NgramTokenizer`] emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gram {
    /// Every unit.
    Unigram,
    /// Every pair of adjacent units.
    Bigram,
}

/// A tantivy tokenizer emitting the unigrams or bigrams of the units of a
/// text (see the module docs).
#[derive(Debug, Clone)]
pub struct NgramTokenizer {
    gram: Gram,
    chars: Vec<NormChar>,
    spans: Vec<Span>,
}

impl NgramTokenizer {
    /// A tokenizer for `gram`.
    pub fn new(gram: Gram) -> NgramTokenizer {
        NgramTokenizer {
            gram,
            chars: Vec::new(),
            spans: Vec::new(),
        }
    }
}

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = NgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NgramStream<'a> {
        normalize_into(text, &mut self.chars);
        spans_into(&self.chars, &mut self.spans);
        NgramStream {
            gram: self.gram,
            chars: &self.chars,
            spans: &self.spans,
            next: 0,
            token: Token::default(),
        }
    }
}

/// The grams of one text, made one at a time into the same token.
pub struct NgramStream<'a> {
    gram: Gram,
    chars: &'a [NormChar],
    spans: &'a [Span],
    /// The span the next gram starts at.
    next: usize,
    token: Token,
}

impl NgramStream<'_> {
    /// Makes the gram starting at span `i` the current token; `false` when
    /// there is none (a bigram needs an adjacent next span).
    fn make(&mut self, i: usize) -> bool {
        let Some(&start) = self.spans.get(i) else {
            return false;
        };
        let (last, length) = match self.gram {
            Gram::Unigram => (start, 1),
            Gram::Bigram => match self.spans.get(i + 1) {
                Some(&next) if next.slot == start.slot + 1 => (next, 2),
                _ => return false,
            },
        };
        let Some(of) = self.chars.get(start.first..last.end) else {
            return false;
        };
        let (Some(first_char), Some(last_char)) = (of.first(), of.last()) else {
            return false;
        };
        self.token.text.clear();
        self.token.text.extend(of.iter().map(|nc| nc.ch));
        self.token.offset_from = first_char.from;
        self.token.offset_to = last_char.to;
        self.token.position = start.slot;
        // A bigram covers two units, so the next value of a multi-valued
        // field starts after both, as for unigrams.
        self.token.position_length = length;
        true
    }
}

impl TokenStream for NgramStream<'_> {
    fn advance(&mut self) -> bool {
        while self.next < self.spans.len() {
            let i = self.next;
            self.next += 1;
            if self.make(i) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, from, to, position) of every token of `gram` on `text`.
    fn tokens(gram: Gram, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = NgramTokenizer::new(gram);
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                token.offset_from,
                token.offset_to,
                token.position,
            ));
        }
        out
    }

    fn t(text: &str, from: usize, to: usize, position: usize) -> (String, usize, usize, usize) {
        (text.to_owned(), from, to, position)
    }

    // Every CJK character and full-width comma below is 3 bytes in UTF-8.
    const MIXED: &str = "社会保险，GMP认证3000万元";

    #[test]
    fn unigrams_are_units_at_their_slots_with_a_slot_for_the_gap() {
        assert_eq!(
            tokens(Gram::Unigram, MIXED),
            [
                t("社", 0, 3, 0),
                t("会", 3, 6, 1),
                t("保", 6, 9, 2),
                t("险", 9, 12, 3),
                // '，' is bytes 12..15 and takes slot 4.
                t("gmp", 15, 18, 5),
                t("认", 18, 21, 6),
                t("证", 21, 24, 7),
                t("3000", 24, 28, 8),
                t("万", 28, 31, 9),
                t("元", 31, 34, 10),
            ]
        );
    }

    #[test]
    fn bigrams_pair_adjacent_units_and_never_span_a_gap() {
        assert_eq!(
            tokens(Gram::Bigram, MIXED),
            [
                t("社会", 0, 6, 0),
                t("会保", 3, 9, 1),
                t("保险", 6, 12, 2),
                // no 险gmp: the comma separates them
                t("gmp认", 15, 21, 5),
                t("认证", 18, 24, 6),
                t("证3000", 21, 28, 7),
                t("3000万", 24, 31, 8),
                t("万元", 28, 34, 9),
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text_when_normalisation_shrinks_it() {
        // Each full-width letter or digit is 3 bytes.
        let text = "ＩＰｖ６地址";
        assert_eq!(
            tokens(Gram::Unigram, text),
            [t("ipv6", 0, 12, 0), t("地", 12, 15, 1), t("址", 15, 18, 2)]
        );
        assert_eq!(
            tokens(Gram::Bigram, text),
            [t("ipv6地", 0, 15, 0), t("地址", 12, 18, 1)]
        );
        for (token, from, to, _) in tokens(Gram::Bigram, text) {
            assert_eq!(crate::normalize::normalize(&text[from..to]), token);
        }
    }

    #[test]
    fn a_run_of_separators_is_one_gap_and_leading_separators_take_no_slot() {
        assert_eq!(
            tokens(Gram::Unigram, " “蓝色”  ——药库"),
            [
                t("蓝", 4, 7, 0),
                t("色", 7, 10, 1),
                t("药", 21, 24, 3),
                t("库", 24, 27, 4),
            ]
        );
    }

    #[test]
    fn a_single_unit_has_no_bigram_and_empty_text_has_no_token() {
        assert_eq!(tokens(Gram::Bigram, "，令，"), []);
        assert_eq!(tokens(Gram::Unigram, "，令，"), [t("令", 3, 6, 0)]);
        assert_eq!(tokens(Gram::Unigram, ""), []);
        assert_eq!(tokens(Gram::Unigram, "，。、 \n"), []);
    }

    #[test]
    fn ling_and_circled_numbers_are_units() {
        // 〇 (U+3007) is not a CJK unified ideograph but is a unit; ⑴ is
        // NFKC "(1)", so a gap, the digit, a gap.
        assert_eq!(
            tokens(Gram::Unigram, "二〇一九⑴"),
            [
                t("二", 0, 3, 0),
                t("〇", 3, 6, 1),
                t("一", 6, 9, 2),
                t("九", 9, 12, 3),
                t("1", 12, 15, 5),
            ]
        );
    }

    #[test]
    fn tokens_before_the_first_advance_and_after_the_last_do_not_panic() {
        let mut tokenizer = NgramTokenizer::new(Gram::Bigram);
        let mut stream = tokenizer.token_stream("社会");
        assert_eq!(stream.token().text, "");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "社会");
        assert!(!stream.advance());
        assert!(!stream.advance());
    }
}
