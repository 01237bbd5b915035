//! Text in traditional characters (繁体, as on mirror pages): recognised,
//! folded to simplified for matching, and every derived field given back in
//! the spelling as printed.
//!
//! Markers (关于, 号, 办发, 国务院 …) are matched on simplified text only. A
//! traditional text is therefore folded character by character with the
//! OpenCC data (`TSCharacters`, and the Taiwan and Hong Kong variant tables,
//! through `ferrous-opencc`), keeping only foldings that have the same UTF-8
//! length, so every byte offset of the folded text is the offset of the same
//! character in the text as printed: spans need no mapping. After parsing,
//! [`restore`] aligns each derived string with the folded text and takes the
//! printed characters at the same place.
//!
//! Not for: converting text for display (no phrase conversion is done), or
//! fields that are normal forms: `doc_number` and the cited numbers are kept
//! in simplified normal form, and so is `doc_type` (a closed vocabulary),
//! so that the archive finds a mirror page's document by its number.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use gazette_model::{Block, Document, Issue, Section, Span};
use memchr::memmem;

use crate::text::TITLE_ENDINGS;

/// The ranges of CJK ideographs the fold table covers (BMP only: a folding
/// is kept only when both characters have the same UTF-8 length).
const RANGES: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// A text counts as traditional when at least this share (in thousandths)
/// of its ideographs change under folding. Simplified text has a handful
/// of such characters (乾, 著 …); traditional text has one in five or more.
const TRADITIONAL_PER_MILLE: usize = 50;

/// Fewest changed ideographs for a text to count as traditional.
const TRADITIONAL_MIN: usize = 3;

/// For every code point of [`RANGES`], laid end to end, its simplified
/// folding (itself when it has none).
fn table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> Vec<char> {
    let chars: Vec<char> = RANGES
        .iter()
        .flat_map(|&(lo, hi)| (lo..=hi).map(|c| char::from_u32(c).unwrap_or(' ')))
        .collect();
    let mut table = chars.clone();
    // One character per line: OpenCC's phrase matching never crosses a
    // line, so each character is folded on its own.
    let listing: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
    for config in [BuiltinConfig::T2s, BuiltinConfig::Tw2s, BuiltinConfig::Hk2s] {
        let Ok(converter) = OpenCC::from_config(config) else {
            continue;
        };
        let folded = converter.convert(&listing);
        for ((slot, &own), line) in table.iter_mut().zip(&chars).zip(folded.split('\n')) {
            let mut it = line.chars();
            // The first configuration that folds a character wins.
            if let (Some(c), None) = (it.next(), it.next()) {
                if *slot == own && c.len_utf8() == own.len_utf8() {
                    *slot = c;
                }
            }
        }
    }
    table
}

fn index(c: char) -> Option<usize> {
    let code = c as u32;
    let mut base = 0;
    for &(lo, hi) in &RANGES {
        if (lo..=hi).contains(&code) {
            return Some(base + (code - lo) as usize);
        }
        base += (hi - lo + 1) as usize;
    }
    None
}

/// The simplified folding of one character (itself when it has none).
pub(crate) fn fold_char(c: char) -> char {
    match index(c) {
        Some(i) => table().get(i).copied().unwrap_or(c),
        None => c,
    }
}

/// Whether `text` is in traditional characters.
pub(crate) fn is_traditional(text: &str) -> bool {
    let table = table();
    let mut ideographs = 0usize;
    let mut changed = 0usize;
    for c in text.chars() {
        if let Some(i) = index(c) {
            ideographs += 1;
            if table.get(i).is_some_and(|&f| f != c) {
                changed += 1;
            }
        }
    }
    changed >= TRADITIONAL_MIN && changed * 1000 >= ideographs * TRADITIONAL_PER_MILLE
}

/// `text` folded to simplified, character by character, every character
/// keeping its byte length; then the words the parser matches whose
/// traditional spelling folds to another simplified word (批覆, 覆函, 答覆:
/// 覆 is a simplified character too) are given their simplified spelling.
pub(crate) fn fold(text: &str) -> String {
    let mut folded: String = text.chars().map(fold_char).collect();
    for (traditional, simplified) in phrase_rules() {
        if folded.contains(traditional.as_str()) {
            folded = folded.replace(traditional.as_str(), simplified);
        }
    }
    folded
}

/// The parser's words whose traditional spellings (OpenCC s2t, s2tw, s2hk)
/// do not fold back to them character by character: (folded traditional
/// spelling, simplified word), both of the same byte length.
fn phrase_rules() -> &'static [(String, &'static str)] {
    static RULES: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = Vec::new();
        let words = TITLE_ENDINGS.iter().chain(MARKER_WORDS);
        let converters: Vec<OpenCC> =
            [BuiltinConfig::S2t, BuiltinConfig::S2tw, BuiltinConfig::S2hk]
                .into_iter()
                .filter_map(|config| OpenCC::from_config(config).ok())
                .collect();
        for &word in words {
            for converter in &converters {
                let spelled: String = converter.convert(word).chars().map(fold_char).collect();
                let same_shape = spelled.len() == word.len()
                    && spelled
                        .chars()
                        .zip(word.chars())
                        .all(|(a, b)| a.len_utf8() == b.len_utf8());
                if spelled != word && same_shape && !rules.iter().any(|(t, _)| *t == spelled) {
                    rules.push((spelled, word));
                }
            }
        }
        rules
    })
}

/// Words of the header and body markers besides the title endings.
const MARKER_WORDS: &[&str] = &["关于", "印发", "转发", "附件", "批转", "主送", "抄送"];

/// Gives every derived string of `issue`, parsed from `folded`, the
/// spelling of `printed` (the same text before folding).
pub(crate) fn restore(issue: &mut Issue, folded: &str, printed: &str) {
    let whole = Aligner::new(folded, printed, Span::new(0, folded.len()));
    for block in &mut issue.front_matter {
        block.text = block_aligner(block, &whole).restore(&block.text);
    }
    for doc in &mut issue.documents {
        let aligner = Aligner::new(folded, printed, doc.span);
        restore_document(doc, &aligner);
    }
}

fn restore_document(doc: &mut Document, aligner: &Aligner) {
    let r = |s: &mut String| *s = aligner.restore(s);
    r(&mut doc.title);
    doc.issuer.iter_mut().for_each(r);
    doc.recipients.iter_mut().for_each(r);
    doc.signers.iter_mut().for_each(r);
    for field in [
        &mut doc.promulgated_title,
        &mut doc.masthead,
        &mut doc.urgency,
    ] {
        field.iter_mut().for_each(r);
    }
    for attachment in &mut doc.attachments {
        r(&mut attachment.title);
        restore_sections(&mut attachment.sections, aligner);
    }
    restore_sections(&mut doc.sections, aligner);
    for table in &mut doc.tables {
        table.caption.iter_mut().for_each(r);
        table.columns.iter_mut().for_each(r);
        for row in &mut table.rows {
            row.cells.iter_mut().for_each(r);
        }
    }
    for citation in &mut doc.cited {
        citation.title.iter_mut().for_each(r);
    }
    for appointment in &mut doc.appointments {
        r(&mut appointment.person);
        r(&mut appointment.post);
        appointment.note.iter_mut().for_each(r);
    }
    for repair in &mut doc.repairs {
        r(&mut repair.original);
    }
    for block in &mut doc.blocks {
        block.text = block_aligner(block, aligner).restore(&block.text);
    }
}

/// An aligner over the text of one block's pieces, so that its characters
/// are read where the block was printed.
fn block_aligner<'a>(block: &Block, whole: &Aligner<'a>) -> Aligner<'a> {
    let start = block.pieces.iter().map(|p| p.start).min();
    let end = block.pieces.iter().map(|p| p.end).max();
    match (start, end) {
        (Some(start), Some(end)) => {
            Aligner::new(whole.folded, whole.printed, Span::new(start, end))
        }
        _ => Aligner::new(
            whole.folded,
            whole.printed,
            Span::new(0, whole.folded.len()),
        ),
    }
}

fn restore_sections(sections: &mut [Section], aligner: &Aligner) {
    for section in sections {
        section.marker = aligner.restore(&section.marker);
        section.title = aligner.restore(&section.title);
        restore_sections(&mut section.children, aligner);
    }
}

/// Finds derived strings in the folded text of one region and reads the
/// printed text at the same place.
struct Aligner<'a> {
    /// The whole folded text.
    folded: &'a str,
    /// The whole printed text.
    printed: &'a str,
    /// The region searched (the whole text when the span does not fit).
    region: Span,
}

impl<'a> Aligner<'a> {
    fn new(folded: &'a str, printed: &'a str, region: Span) -> Aligner<'a> {
        let fits = folded.len() == printed.len()
            && region.start <= region.end
            && folded.get(region.start..region.end).is_some();
        Aligner {
            folded,
            printed,
            region: if fits {
                region
            } else {
                Span::new(0, folded.len())
            },
        }
    }

    /// `derived` in printed spelling: each longest piece of it found in the
    /// folded region (after the piece before it, when it is there) is
    /// replaced by the printed text at that place; characters found nowhere
    /// (normalised digits, joins) stay as they are.
    fn restore(&self, derived: &str) -> String {
        if let Some((_, printed)) = self.printed_at(derived, 0) {
            return printed.to_owned();
        }
        let mut out = String::with_capacity(derived.len());
        let mut rest = derived;
        let mut cursor = 0;
        while let Some(first) = rest.chars().next() {
            let mut best = None;
            let mut len = first.len_utf8();
            while len <= rest.len() {
                let found = self
                    .printed_at(&rest[..len], cursor)
                    .or_else(|| self.printed_at(&rest[..len], 0));
                match found {
                    Some(hit) => best = Some((len, hit)),
                    None => break,
                }
                len += rest[len..].chars().next().map_or(1, char::len_utf8);
            }
            match best {
                Some((len, (at, printed))) => {
                    out.push_str(printed);
                    rest = &rest[len..];
                    cursor = at + len;
                }
                None => {
                    out.push(first);
                    rest = &rest[first.len_utf8()..];
                }
            }
        }
        out
    }

    /// Where `piece` is first found in the folded region at or after
    /// `from`, and the printed text there.
    fn printed_at(&self, piece: &str, from: usize) -> Option<(usize, &'a str)> {
        let start = self.region.start + from;
        let hay = self.folded.as_bytes().get(start..self.region.end)?;
        let at = from + memmem::find(hay, piece.as_bytes())?;
        let abs = self.region.start + at;
        Some((at, self.printed.get(abs..abs + piece.len())?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_every_offset() {
        let printed = "國務院關於進一步規範縣級政府發文的意見\n國辦發〔2019〕5號";
        let folded = fold(printed);
        assert_eq!(
            folded,
            "国务院关于进一步规范县级政府发文的意见\n国办发〔2019〕5号"
        );
        assert_eq!(folded.len(), printed.len());
    }

    #[test]
    fn traditional_text_is_recognised_and_simplified_text_is_not() {
        assert!(is_traditional("國務院辦公廳關於印發通知的意見"));
        assert!(!is_traditional("国务院办公厅关于印发通知的意见，乾坤著作"));
    }

    #[test]
    fn derived_strings_come_back_as_printed() {
        let printed = "國務院關於\n規範發文的意見";
        let folded = fold(printed);
        let aligner = Aligner::new(&folded, printed, Span::new(0, printed.len()));
        assert_eq!(
            aligner.restore("国务院关于规范发文的意见"),
            "國務院關於規範發文的意見"
        );
        assert_eq!(aligner.restore("意见2019"), "意見2019");
    }
}
