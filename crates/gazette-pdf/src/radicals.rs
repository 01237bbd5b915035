//! Radicals read as the ideographs they stand for.
//!
//! Some PDF fonts (macOS prints of web pages among them) map their glyphs
//! to the radical code points, U+2E80–U+2FDF, instead of the ideographs:
//! the page shows 人民 and 月日, the text layer says ⼈⺠ and ⽉⽇, and no
//! search, date or name matches. A radical stands for the unified
//! ideograph that Unicode's `Equivalent_Unified_Ideograph` property names
//! (`data/EquivalentUnifiedIdeograph.txt`, copied from the Unicode
//! Character Database 15.0 as Debian's unicode-data ships it); the reading
//! of the page takes that ideograph, and the extraction report says how
//! many were read so.
//!
//! Only radicals whose ideograph is in the Basic Multilingual Plane are
//! read: the character keeps its UTF-8 length. CJK strokes (U+31C0–) are
//! left as they are: a lone stroke is no character of a word.
//!
//! Not for: text from other sources (a web page that prints radicals means
//! them).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The property's data file.
const DATA: &str = include_str!("../data/EquivalentUnifiedIdeograph.txt");

/// Radicals and the ideographs they stand for.
fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in DATA.lines() {
            let line = line.split('#').next().unwrap_or_default();
            let Some((from, to)) = line.split_once(';') else {
                continue;
            };
            let Some(to) = u32::from_str_radix(to.trim(), 16)
                .ok()
                .and_then(char::from_u32)
                .filter(|c| c.len_utf8() == 3)
            else {
                continue;
            };
            let (first, last) = from
                .trim()
                .split_once("..")
                .unwrap_or((from.trim(), from.trim()));
            let (Ok(first), Ok(last)) = (
                u32::from_str_radix(first, 16),
                u32::from_str_radix(last, 16),
            ) else {
                continue;
            };
            for code in first..=last {
                if let Some(radical) = char::from_u32(code).filter(|c| is_radical(*c)) {
                    table.insert(radical, to);
                }
            }
        }
        table
    })
}

fn is_radical(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{2FDF}')
}

/// `text` with every radical read as its ideograph, and how many were.
pub(crate) fn fold(text: &str) -> (String, usize) {
    if !text.chars().any(is_radical) {
        return (text.to_owned(), 0);
    }
    let table = table();
    let mut folded = 0;
    let out = text
        .chars()
        .map(|c| match table.get(&c) {
            Some(&ideograph) => {
                folded += 1;
                ideograph
            }
            None => c,
        })
        .collect();
    (out, folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_read_as_their_ideographs() {
        // As a macOS print of a gov.cn page gives them (mofcom-2014-1.pdf).
        let (text, folded) = fold("中华⼈⺠共和国商务部令 2014年9⽉6⽇ ⻅附件");
        assert_eq!(text, "中华人民共和国商务部令 2014年9月6日 见附件");
        assert_eq!(folded, 5);
        assert_eq!(
            text.len(),
            "中华⼈⺠共和国商务部令 2014年9⽉6⽇ ⻅附件".len()
        );
    }

    #[test]
    fn text_without_radicals_is_left_alone() {
        assert_eq!(
            fold("关于印发的通知 ㇀"),
            ("关于印发的通知 ㇀".to_owned(), 0)
        );
    }

    #[test]
    fn the_table_covers_both_radical_blocks() {
        let table = table();
        assert_eq!(table.get(&'\u{2F00}'), Some(&'一'));
        assert_eq!(table.get(&'\u{2FD5}'), Some(&'龠'));
        assert_eq!(table.get(&'\u{2EA0}'), Some(&'民'));
        assert!(table.len() > 300, "{}", table.len());
    }
}
