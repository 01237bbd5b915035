//! The n-gram analysis that gives full recall: text → *units* → one token
//! per unit.
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
//! **Tokens.** Every unit starts one token, at its slot: the *bigram* of it
//! and the next unit when that one follows without a gap (`社会` of `社会保险`),
//! else the unit *alone* (险 of `保险，`, or of a text's end). A token of one
//! unit (one non-ASCII letter, or only ASCII) never equals one of two (a
//! non-ASCII letter and more, since two ASCII runs never touch), so both
//! share one field. Every unit is thus the start of exactly one such
//! token, and a text of *n* units has *n* of them: half of what bigrams plus
//! unigrams would take. `plan` builds the queries that match them: a unit
//! followed by another is the prefix of its bigram; a unit followed by a
//! gap is a token alone.
//!
//! **4-grams.** Where a unit's bigram and the bigram two units on are both
//! common (`人民` then `政府`, no gap; the list is in the crate's `common`
//! module), the unit also starts their 4-gram (`人民政府`), at the same slot,
//! so that phrases of common words are found without reading positions. A
//! 4-gram is four CJK characters, and a token of two units with four
//! characters holds a Latin run, so the 4-grams share the field too. About
//! one unit in six of government text starts one.
//!
//! Offsets are byte offsets into the original,
//! un-normalised text. When tantivy indexes several values of one field it
//! leaves one free position between them, so the end of a value is one more
//! gap.
//!
//! This module does not decide which fields are analysed so (see `schema`)
//! nor build queries (see `plan`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::common::is_common;
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
/// that cutting allocates nothing per unit (for snippets, which cut many
/// pieces of a section).
#[derive(Debug, Default)]
pub struct CutText {
    chars: Vec<NormChar>,
    spans: Vec<Span>,
}

impl CutText {
    /// Cuts `text`, reusing the memory of what was cut before.
    pub fn cut(&mut self, text: &str) {
        normalize_into(text, &mut self.chars);
        spans_into(&self.chars, &mut self.spans);
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

/// A tantivy tokenizer emitting one token per unit of a text: its bigram
/// with the next unit, or the unit alone before a gap (see the module docs);
/// and a 4-gram where two common bigrams follow each other.
#[derive(Debug, Clone, Default)]
pub struct NgramTokenizer {
    chars: Vec<NormChar>,
    spans: Vec<Span>,
    common: Vec<bool>,
}

impl Tokenizer for NgramTokenizer {
    type TokenStream<'a> = NgramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NgramStream<'a> {
        normalize_into(text, &mut self.chars);
        spans_into(&self.chars, &mut self.spans);
        common_into(&self.chars, &self.spans, &mut self.common);
        NgramStream {
            chars: &self.chars,
            spans: &self.spans,
            common: &self.common,
            next: 0,
            quad: None,
            token: Token::default(),
        }
    }
}

/// For each span, whether it and the next one are a common bigram (see
/// module `common`), without a gap between them.
fn common_into(chars: &[NormChar], spans: &[Span], common: &mut Vec<bool>) {
    common.clear();
    common.extend(spans.iter().enumerate().map(|(i, span)| {
        let Some(next) = spans.get(i + 1) else {
            return false;
        };
        let single = |span: &Span| (span.end == span.first + 1).then(|| chars.get(span.first));
        match (single(span).flatten(), single(next).flatten()) {
            (Some(a), Some(b)) if next.slot == span.slot + 1 => is_common(a.ch, b.ch),
            _ => false,
        }
    }));
}

/// The tokens of one text, made one at a time into the same token.
pub struct NgramStream<'a> {
    chars: &'a [NormChar],
    spans: &'a [Span],
    common: &'a [bool],
    /// The span the next unit's token starts at.
    next: usize,
    /// The span whose 4-gram comes next, after its unit's token.
    quad: Option<usize>,
    token: Token,
}

impl NgramStream<'_> {
    /// Makes the token of the `length` units from span `i` the current one;
    /// `false` when there are not so many.
    fn make(&mut self, i: usize, length: usize) -> bool {
        let (Some(&start), Some(&last)) = (self.spans.get(i), self.spans.get(i + length - 1))
        else {
            return false;
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
        // A bigram covers two units; the last token of a value is a unit
        // alone, so the next value starts one free position after it.
        self.token.position_length = length;
        true
    }

    /// Whether span `i` begins two common bigrams in a row.
    fn quad_at(&self, i: usize) -> bool {
        let at = |j: usize| self.common.get(j).copied().unwrap_or(false);
        let third_follows = match (self.spans.get(i), self.spans.get(i + 2)) {
            (Some(first), Some(third)) => third.slot == first.slot + 2,
            _ => false,
        };
        at(i) && at(i + 2) && third_follows
    }
}

impl TokenStream for NgramStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(i) = self.quad.take() {
            return self.make(i, 4);
        }
        let i = self.next;
        self.next += 1;
        let Some(start) = self.spans.get(i) else {
            return false;
        };
        let paired = self
            .spans
            .get(i + 1)
            .is_some_and(|next| next.slot == start.slot + 1);
        if !self.make(i, if paired { 2 } else { 1 }) {
            return false;
        }
        if self.quad_at(i) {
            self.quad = Some(i);
        }
        true
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

    /// (text, from, to, position) of every token of `text`.
    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = NgramTokenizer::default();
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

    #[test]
    fn each_unit_starts_a_bigram_or_stands_alone_before_a_gap() {
        // Every CJK character and full-width comma is 3 bytes in UTF-8;
        // '，' is bytes 12..15 and takes slot 4.
        assert_eq!(
            tokens("社会保险，GMP认证3000万元"),
            [
                t("社会", 0, 6, 0),
                // 社会 and 保险 are common bigrams.
                t("社会保险", 0, 12, 0),
                t("会保", 3, 9, 1),
                t("保险", 6, 12, 2),
                // 险 is followed by the comma: alone, no 险gmp.
                t("险", 9, 12, 3),
                t("gmp认", 15, 21, 5),
                t("认证", 18, 24, 6),
                t("证3000", 21, 28, 7),
                t("3000万", 24, 31, 8),
                t("万元", 28, 34, 9),
                // The text ends after 元.
                t("元", 31, 34, 10),
            ]
        );
    }

    #[test]
    fn two_common_bigrams_in_a_row_also_make_a_4_gram_at_the_first_slot() {
        // 人民 and 政府 are common bigrams; so is 民政, but nothing follows 府.
        assert_eq!(
            tokens("人民政府"),
            [
                t("人民", 0, 6, 0),
                t("人民政府", 0, 12, 0),
                t("民政", 3, 9, 1),
                t("政府", 6, 12, 2),
                t("府", 9, 12, 3),
            ]
        );
        // 问题 follows 政府: a second 4-gram at 政府's slot.
        let quads: Vec<(String, usize)> = tokens("人民政府问题")
            .into_iter()
            .filter(|(text, ..)| text.chars().count() == 4)
            .map(|(text, _, _, position)| (text, position))
            .collect();
        assert_eq!(
            quads,
            [("人民政府".to_owned(), 0), ("政府问题".to_owned(), 2)]
        );
        // Not across a gap, and not with a bigram that is not common (医务).
        for text in ["人民，政府", "医务人员", "人民政"] {
            assert!(
                tokens(text)
                    .iter()
                    .all(|(token, ..)| token.chars().count() < 4),
                "{text}"
            );
        }
    }

    #[test]
    fn offsets_point_into_the_original_text_when_normalisation_shrinks_it() {
        // Each full-width letter or digit is 3 bytes.
        let text = "ＩＰｖ６地址";
        assert_eq!(
            tokens(text),
            [
                t("ipv6地", 0, 15, 0),
                t("地址", 12, 18, 1),
                t("址", 15, 18, 2)
            ]
        );
        for (token, from, to, _) in tokens(text) {
            assert_eq!(crate::normalize::normalize(&text[from..to]), token);
        }
    }

    #[test]
    fn a_run_of_separators_is_one_gap_and_leading_separators_take_no_slot() {
        assert_eq!(
            tokens(" “蓝色”  ——药库"),
            [
                t("蓝色", 4, 10, 0),
                t("色", 7, 10, 1),
                t("药库", 21, 27, 3),
                t("库", 24, 27, 4),
            ]
        );
    }

    #[test]
    fn a_single_unit_stands_alone_and_empty_text_has_no_token() {
        assert_eq!(tokens("，令，"), [t("令", 3, 6, 0)]);
        assert_eq!(tokens(""), []);
        assert_eq!(tokens("，。、 \n"), []);
    }

    #[test]
    fn ling_and_circled_numbers_are_units() {
        // 〇 (U+3007) is not a CJK unified ideograph but is a unit; ⑴ is
        // NFKC "(1)", so a gap, the digit, a gap.
        assert_eq!(
            tokens("二〇一九⑴"),
            [
                t("二〇", 0, 6, 0),
                t("〇一", 3, 9, 1),
                t("一九", 6, 12, 2),
                t("九", 9, 12, 3),
                t("1", 12, 15, 5),
            ]
        );
    }

    #[test]
    fn tokens_before_the_first_advance_and_after_the_last_do_not_panic() {
        let mut tokenizer = NgramTokenizer::default();
        let mut stream = tokenizer.token_stream("社会");
        assert_eq!(stream.token().text, "");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "社会");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "会");
        assert!(!stream.advance());
        assert!(!stream.advance());
    }
}
