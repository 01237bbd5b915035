//! Common bigrams: the pairs of characters so frequent that a phrase made
//! of them is costly to find by positions, so the n-gram analysis also
//! indexes two of them in a row as one 4-gram token.
//!
//! A phrase of bigrams is checked by reading the positions of its terms in
//! every document that holds them all. For `人民政府` that is almost every
//! document, each holding 人民 and 政府 dozens of times. Where two common
//! bigrams follow each other without a gap, the [tokenizer](crate::ngram)
//! adds their 4-gram at the first one's slot, so `人民政府` is one term
//! whose documents need no positions, and `人力资源社会保障` is a phrase of
//! two rarer terms instead of four common ones. (Lucene's `CommonGrams`
//! filter does the same for common words.) The 4-gram is there exactly
//! when its four characters are, so a match stays exact.
//!
//! The list is the most frequent two-character words of the jieba
//! dictionary (`data/common-bigrams.txt`, written by
//! `scripts/gen-common-bigrams.py`): general Chinese, not taken from any
//! archive's text, so it never changes with what is indexed.
//!
//! Not for: ranking (see `words`) or deciding which tokens a query uses
//! (see `plan`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// The list, one bigram per line; lines starting with `#` are comments.
const LIST: &str = include_str!("../data/common-bigrams.txt");

/// Whether the characters `a` then `b` are a common bigram.
pub(crate) fn is_common(a: char, b: char) -> bool {
    set().contains(&key(a, b))
}

/// Whether two units (see [`ngram`](crate::ngram)), as their normalised
/// texts, are a common bigram: each one character, the pair in the list.
pub(crate) fn is_common_pair(a: &str, b: &str) -> bool {
    match (single(a), single(b)) {
        (Some(a), Some(b)) => is_common(a, b),
        _ => false,
    }
}

fn single(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}

fn key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

fn set() -> &'static FxHashSet<u64> {
    static SET: OnceLock<FxHashSet<u64>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut chars = line.chars();
                match (chars.next(), chars.next(), chars.next()) {
                    (Some(a), Some(b), None) => Some(key(a, b)),
                    _ => None,
                }
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_its_4096_bigrams() {
        assert_eq!(set().len(), 4096);
        let lines = LIST.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(lines, 4096, "every line is one bigram");
    }

    #[test]
    fn frequent_words_are_common_and_rare_ones_are_not() {
        for (a, b) in [('人', '民'), ('政', '府'), ('问', '题'), ('社', '会')] {
            assert!(is_common(a, b), "{a}{b}");
        }
        // 务人 straddles 医务|人员; 医务 is a word, but a rare one.
        assert!(!is_common_pair("务", "人"));
        assert!(!is_common_pair("医", "务"));
        // Units of more than one character never pair.
        assert!(!is_common_pair("gmp", "人"));
    }
}
