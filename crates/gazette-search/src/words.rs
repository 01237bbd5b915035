//! Word analysis with jieba, for ranking only.
//!
//! The `words` field holds the words jieba finds in search mode (a long word
//! and the dictionary words inside it), and query words are optional
//! clauses on it, so a document where the query's words stand as words
//! scores higher by BM25. It is never used to decide *whether* a document
//! matches: a word segmenter cuts `社会保险费率` so that `社会保险` may not be
//! one of its words, and recall comes from the n-gram fields instead (see
//! [`ngram`](crate::ngram)).
//!
//! The dictionary takes a while to load, so it is loaded once per process,
//! on first use.

use std::sync::OnceLock;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, Tokenizer};

use crate::ngram::VecTokenStream;
use crate::normalize::{normalize_into, NormChar};

/// The jieba segmenter with its bundled dictionary, built on first use.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// A tantivy tokenizer emitting the jieba search-mode words of normalised
/// text; separators are dropped, offsets point into the original text.
#[derive(Debug, Clone, Default)]
pub struct WordsTokenizer {
    chars: Vec<NormChar>,
}

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        normalize_into(text, &mut self.chars);
        VecTokenStream::new(word_tokens(&self.chars))
    }
}

/// The distinct words of `text`, normalised, in order of first appearance.
pub fn words(text: &str) -> Vec<String> {
    let mut chars = Vec::new();
    normalize_into(text, &mut chars);
    let mut out: Vec<String> = Vec::new();
    for token in word_tokens(&chars) {
        if !out.contains(&token.text) {
            out.push(token.text);
        }
    }
    out
}

fn word_tokens(chars: &[NormChar]) -> Vec<Token> {
    let normalized: String = chars.iter().map(|n| n.ch).collect();
    let mut tokens = Vec::new();
    for word in jieba().cut_for_search(&normalized, true) {
        if !word.word.chars().any(char::is_alphanumeric) {
            continue;
        }
        // jieba's start and end count characters of the normalised text,
        // which are the entries of `chars`.
        let (Some(first), Some(last)) =
            (chars.get(word.start), chars.get(word.end.wrapping_sub(1)))
        else {
            continue;
        };
        tokens.push(Token {
            offset_from: first.from,
            offset_to: last.to,
            position: tokens.len(),
            text: word.word.to_owned(),
            position_length: 1,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    #[test]
    fn search_mode_offers_the_words_inside_a_long_word() {
        let words = words("降低社会保险费率");
        for expected in ["降低", "社会", "保险"] {
            assert!(
                words.iter().any(|w| w == expected),
                "{expected} in {words:?}"
            );
        }
    }

    #[test]
    fn separators_are_dropped_and_latin_is_lowercased() {
        let words = words("ＧＭＰ认证，");
        assert!(words.iter().any(|w| w == "gmp"), "{words:?}");
        assert!(words.iter().all(|w| w != "，"), "{words:?}");
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "ＧＭＰ认证";
        let mut tokenizer = WordsTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = 0;
        while let Some(token) = stream.next() {
            let original = &text[token.offset_from..token.offset_to];
            assert_eq!(crate::normalize::normalize(original), token.text);
            seen += 1;
        }
        assert!(seen >= 2, "gmp and 认证 at least");
    }
}
