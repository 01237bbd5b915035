//! Normalisation for matching: NFKC, then lowercase.
//!
//! NFKC turns full-width letters and digits into ASCII (`ＧＭＰ２０１９` →
//! `GMP2019`), compatibility ideographs into unified ones and circled
//! numbers into digits; lowercasing makes Latin words match whatever their
//! case. Both the index and the queries go through here, so they agree.
//!
//! This is for matching only: stored text, snippets and everything shown to
//! people keep the text as published.
//!
//! Normalisation is done one original character at a time, so every
//! normalised character knows the bytes of the character it came from and
//! token offsets point into the original text. (A decomposed accent stays
//! decomposed where string-wide NFKC would compose it; both sides see the
//! same, which is what matters.)

use unicode_normalization::UnicodeNormalization;

/// One character of normalised text and the original character it came
/// from, as a byte range of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormChar {
    /// The normalised character.
    pub ch: char,
    /// First byte of the original character.
    pub from: usize,
    /// One past its last byte.
    pub to: usize,
}

/// Normalises `text` into `out` (cleared first), one or more [`NormChar`]s
/// per original character (none for a character NFKC removes).
pub fn normalize_into(text: &str, out: &mut Vec<NormChar>) {
    out.clear();
    out.reserve(text.len() / 2);
    for (from, c) in text.char_indices() {
        push_normalized(c, from, from + c.len_utf8(), out);
    }
}

/// The normalised form of `text` as a string.
pub fn normalize(text: &str) -> String {
    let mut chars = Vec::new();
    normalize_into(text, &mut chars);
    chars.iter().map(|n| n.ch).collect()
}

fn push_normalized(c: char, from: usize, to: usize, out: &mut Vec<NormChar>) {
    // Fast paths: ASCII and the common CJK block are left alone by NFKC.
    if c.is_ascii() {
        out.push(NormChar {
            ch: c.to_ascii_lowercase(),
            from,
            to,
        });
        return;
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        out.push(NormChar { ch: c, from, to });
        return;
    }
    for composed in std::iter::once(c).nfkc() {
        for ch in composed.to_lowercase() {
            out.push(NormChar { ch, from, to });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_letters_and_digits_become_lowercase_ascii() {
        assert_eq!(normalize("ＧＭＰ认证２０１９"), "gmp认证2019");
        assert_eq!(normalize("IPv6"), "ipv6");
    }

    #[test]
    fn chinese_text_and_punctuation_other_than_full_width_forms_stay() {
        assert_eq!(normalize("社会保险。"), "社会保险。");
        // NFKC maps the full-width forms block, brackets included.
        assert_eq!(normalize("（2019）"), "(2019)");
    }

    #[test]
    fn every_normalised_character_points_at_its_original() {
        let mut chars = Vec::new();
        // 'Ａ' is 3 bytes, '⑩' is 3 bytes and becomes two digits.
        normalize_into("Ａ⑩x", &mut chars);
        let got: Vec<(char, usize, usize)> = chars.iter().map(|n| (n.ch, n.from, n.to)).collect();
        assert_eq!(got, [('a', 0, 3), ('1', 3, 6), ('0', 3, 6), ('x', 6, 7)]);
    }

    #[test]
    fn compatibility_ideographs_become_unified_ones() {
        // U+F900 is a compatibility form of 豈 (U+8C48).
        assert_eq!(normalize("\u{F900}"), "\u{8C48}");
    }
}
