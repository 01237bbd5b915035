//! The words of a query, by jieba, for ranking only.
//!
//! A query is cut into jieba's words, each character in one word (not the
//! search mode, which adds the words inside a long word and so counts the
//! same characters twice: 人民, 政府 and 人民政府 for `人民政府`); `plan` counts
//! each word in the n-gram fields, and their BM25 ranks the matches. Words
//! never decide
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
    for token in jieba().cut(&normalized, true) {
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
    fn each_character_is_in_one_word() {
        // Search mode would add 人民 and 政府 inside 人民政府: the words
        // here put each character in one word, in order.
        for text in ["降低社会保险费率", "人民政府"] {
            assert_eq!(words(text).concat(), text);
        }
    }

    #[test]
    fn separators_are_dropped_and_latin_is_lowercased() {
        let words = words("ＧＭＰ认证，");
        assert!(words.iter().any(|w| w == "gmp"), "{words:?}");
        assert!(words.iter().all(|w| w != "，"), "{words:?}");
    }
}
