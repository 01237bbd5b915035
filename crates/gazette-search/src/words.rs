//! The words of a query, by jieba, for ranking only.
//!
//! A query is cut into the words jieba finds in search mode (a long word
//! and the dictionary words inside it); `plan` counts each word in the
//! n-gram fields, and their BM25 ranks the matches. Words never decide
//! *whether* a document matches: a word segmenter cuts `社会保险费率` so that
//! `社会保险` may not be one of its words, and recall comes from the n-gram
//! fields (see [`ngram`](crate::ngram)).
//!
//! The dictionary takes a while to load, so it is loaded once per process,
//! on first use.

use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::normalize::normalize;

/// The jieba segmenter with its bundled dictionary, built on first use.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The distinct words of `text`, normalised, in order of first appearance;
/// separators are dropped.
pub fn words(text: &str) -> Vec<String> {
    let normalized = normalize(text);
    let mut out: Vec<String> = Vec::new();
    for token in jieba().cut_for_search(&normalized, true) {
        let word = token.word;
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !out.iter().any(|seen| seen == word) {
            out.push(word.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
