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

/// The ranges of CJK ideographs the fold table covers (BMP only: a folding
/// is kept only when both characters have the same UTF-8 length).
const RANGES: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

/// A text counts as traditional when at least this share (in thousandths)
/// of its ideographs change under folding. Simplified text has a handful
/// of such characters (乾, 著 …); traditional text has one in five or more.
const TRADITIONAL_PER_MILLE: usize = 50;

/// After this many ideographs, a text with fewer than [`EARLY_PER_MILLE`]
/// thousandths changed is taken for simplified, and one over the threshold
/// for traditional, without reading on, so that detection costs next to
/// nothing.
const EARLY_SAMPLE: usize = 2_000;

/// See [`EARLY_SAMPLE`].
const EARLY_PER_MILLE: usize = 10;

/// How many ideographs the detection reads at most.
const DETECTION_SAMPLE: usize = 20_000;

/// Fewest changed ideographs for a text to count as traditional.
const TRADITIONAL_MIN: usize = 3;

/// How far ahead (in bytes) a walk looks for the next character of a
/// derived string: past a line break and its indentation, a dropped space
/// or a markup run, not into another paragraph.
const WALK_WINDOW: usize = 48;

/// The foldings: which code points of the Basic Multilingual Plane fold
/// to another character (a bit each, 8 KB, so that reading simplified text
/// stays in the cache) and, for every code point of [`RANGES`] laid end to
/// end, its folding (56 KB).
struct FoldTable {
    changed: Vec<u64>,
    folds: Vec<u16>,
}

fn table() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

fn build_table() -> FoldTable {
    let chars: Vec<char> = RANGES
        .iter()
        .flat_map(|&(lo, hi)| (lo..=hi).filter_map(char::from_u32))
        .collect();
    let mut folds = chars.clone();
    // One character per line: OpenCC's phrase matching never crosses a
    // line, so each character is folded on its own.
    let listing: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
    for config in [BuiltinConfig::T2s, BuiltinConfig::Tw2s, BuiltinConfig::Hk2s] {
        let Ok(converter) = OpenCC::from_config(config) else {
            continue;
        };
        let folded = converter.convert(&listing);
        for ((slot, &own), line) in folds.iter_mut().zip(&chars).zip(folded.split('\n')) {
            let mut it = line.chars();
            // The first configuration that folds a character wins.
            if let (Some(c), None) = (it.next(), it.next()) {
                if *slot == own && c.len_utf8() == own.len_utf8() {
                    *slot = c;
                }
            }
        }
    }
    let mut table = FoldTable {
        changed: vec![0; 0x1_0000 / 64],
        folds: Vec::with_capacity(chars.len()),
    };
    for (&own, &folded) in chars.iter().zip(&folds) {
        let (Ok(own16), Ok(folded16)) = (u16::try_from(own as u32), u16::try_from(folded as u32))
        else {
            table.folds.push(0);
            continue;
        };
        if own != folded {
            table.changed[usize::from(own16) / 64] |= 1 << (own16 % 64);
        }
        table.folds.push(folded16);
    }
    table
}

/// The place of `code` in [`RANGES`] laid end to end.
fn range_index(code: u32) -> Option<usize> {
    let mut base = 0;
    for &(lo, hi) in &RANGES {
        if (lo..=hi).contains(&code) {
            return usize::try_from(code - lo).ok().map(|i| base + i);
        }
        base += (hi - lo + 1) as usize;
    }
    None
}

/// Whether `c` is an ideograph of [`RANGES`].
fn is_ideograph(c: char) -> bool {
    RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)))
}

/// The simplified folding of one character (itself when it has none).
pub(crate) fn fold_char(c: char) -> char {
    fold_in(table(), c)
}

/// [`fold_char`] with the table at hand.
fn fold_in(table: &FoldTable, c: char) -> char {
    let Ok(code) = u16::try_from(c as u32) else {
        return c;
    };
    let bits = table
        .changed
        .get(usize::from(code) / 64)
        .copied()
        .unwrap_or(0);
    if bits & (1 << (code % 64)) == 0 {
        return c;
    }
    range_index(u32::from(code))
        .and_then(|i| table.folds.get(i))
        .and_then(|&folded| char::from_u32(u32::from(folded)))
        .unwrap_or(c)
}

/// The characters of `text` written in three UTF-8 bytes from U+3000 on
/// (lead bytes E3–EF: every character that folds), with their offsets; the
/// bytes of all others are stepped over without decoding.
fn three_byte_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(&lead) = bytes.get(at) {
            if !(0xE3..=0xEF).contains(&lead) {
                at += 1;
                continue;
            }
            let (Some(&b1), Some(&b2)) = (bytes.get(at + 1), bytes.get(at + 2)) else {
                return None;
            };
            let code =
                (u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            let start = at;
            at += 3;
            if let Some(c) = char::from_u32(code) {
                return Some((start, c));
            }
        }
        None
    })
}

/// Whether `text` is in traditional characters, judged on its first
/// [`DETECTION_SAMPLE`] ideographs (a mirror page is traditional
/// throughout, and a long simplified issue need not be read twice).
pub(crate) fn is_traditional(text: &str) -> bool {
    let table = table();
    let mut ideographs = 0usize;
    let mut changed = 0usize;
    for (_, c) in three_byte_chars(text) {
        if is_ideograph(c) {
            if ideographs == DETECTION_SAMPLE {
                break;
            }
            if ideographs == EARLY_SAMPLE {
                // Far from the threshold either way: no need to read on.
                let per_mille = changed * 1000 / ideographs;
                if !(EARLY_PER_MILLE..TRADITIONAL_PER_MILLE).contains(&per_mille) {
                    break;
                }
            }
            ideographs += 1;
            if fold_in(table, c) != c {
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
    let table = table();
    let mut folded = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, c) in three_byte_chars(text) {
        let f = fold_in(table, c);
        if f != c {
            folded.push_str(text.get(copied..at).unwrap_or_default());
            folded.push(f);
            copied = at + c.len_utf8();
        }
    }
    folded.push_str(text.get(copied..).unwrap_or_default());
    for (traditional, simplified) in PHRASE_FOLDS {
        let places: Vec<usize> = memmem::find_iter(folded.as_bytes(), traditional).collect();
        for at in places {
            // Same length: every other offset stays.
            folded.replace_range(at..at + traditional.len(), simplified);
        }
    }
    folded
}

/// The parser's words whose traditional spellings (OpenCC s2t, s2tw,
/// s2hk) do not fold back to them character by character, because the
/// traditional character is a simplified one too (覆): (folded traditional
/// spelling, simplified word), both of the same byte length. Generated from
/// the OpenCC data for the parser's title endings and marker words; a test
/// recomputes it, so that a new marker word cannot be forgotten here.
const PHRASE_FOLDS: &[(&str, &str)] = &[("覆函", "复函"), ("批覆", "批复"), ("答覆", "答复")];

/// Gives every derived string of `issue`, parsed from `folded`, the
/// spelling of `printed` (the same text before folding).
pub(crate) fn restore(issue: &mut Issue, folded: &str, printed: &str) {
    let whole = Aligner::new(folded, printed, Span::new(0, folded.len()));
    for block in &mut issue.front_matter {
        block.text = match pieces_text(block, &whole) {
            BlockText::Joined(folded, printed) => {
                Aligner::new(&folded, &printed, Span::new(0, folded.len())).restore(&block.text)
            }
            BlockText::Piece(piece) => whole.within(piece).restore(&block.text),
        };
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
    // Fields tied to a block are looked for in that block's pieces, laid
    // end to end (what lies between them, such as a page's running
    // header, is not the block's).
    let texts: Vec<BlockText> = doc
        .blocks
        .iter()
        .map(|block| pieces_text(block, aligner))
        .collect();
    let at_block = |block: Option<usize>| match block.and_then(|b| texts.get(b)) {
        Some(BlockText::Joined(folded, printed)) => {
            Aligner::new(folded, printed, Span::new(0, folded.len()))
        }
        Some(&BlockText::Piece(piece)) => aligner.within(piece),
        None => *aligner,
    };
    for attachment in &mut doc.attachments {
        attachment.title = at_block(attachment.block).restore(&attachment.title);
        restore_sections(&mut attachment.sections, &at_block);
    }
    restore_sections(&mut doc.sections, &at_block);
    for table in &mut doc.tables {
        table.caption.iter_mut().for_each(r);
        table.columns.iter_mut().for_each(r);
        for row in &mut table.rows {
            let row_aligner = at_block(Some(row.block));
            for cell in &mut row.cells {
                *cell = row_aligner.restore(cell);
            }
        }
    }
    for citation in &mut doc.cited {
        let at = aligner.within(citation.span);
        citation.title.iter_mut().for_each(|t| *t = at.restore(t));
    }
    for appointment in &mut doc.appointments {
        let at = aligner.within(appointment.span);
        appointment.person = at.restore(&appointment.person);
        appointment.post = at.restore(&appointment.post);
        appointment.note.iter_mut().for_each(|n| *n = at.restore(n));
    }
    for roster in &mut doc.rosters {
        roster.body.iter_mut().for_each(r);
        let at = aligner.within(roster.span);
        for member in &mut roster.members {
            member.role = at.restore(&member.role);
            let own = aligner.within(member.span);
            member.name.iter_mut().for_each(|n| *n = own.restore(n));
            member.post.iter_mut().for_each(|p| *p = own.restore(p));
        }
    }
    for repair in &mut doc.repairs {
        r(&mut repair.original);
    }
    for inference in &mut doc.inferred {
        inference.evidence = aligner.within(inference.span).restore(&inference.evidence);
    }
    for (k, block) in doc.blocks.iter_mut().enumerate() {
        block.text = at_block(Some(k)).restore(&block.text);
    }
}

/// Where in `folded` a walk along `derived` starts: the first place of
/// its first character followed (past whitespace) by its second one, else
/// the first place of its first character, else the start.
fn start_of(folded: &str, derived: &str) -> usize {
    let mut chars = derived.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return 0;
    };
    let second = chars.next();
    let mut places = folded.match_indices(first).map(|(at, _)| at);
    let Some(earliest) = places.next() else {
        return 0;
    };
    let followed = |at: usize| {
        let next = folded[at + first.len_utf8()..].trim_start().chars().next();
        second.is_none() || next == second
    };
    std::iter::once(earliest)
        .chain(places)
        .find(|&at| followed(at))
        .unwrap_or(earliest)
}

/// Where `needle` first occurs in `hay`: a plain scan for a short hay
/// (most regions are one block), where building a searcher costs more.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < 512 {
        if needle.is_empty() {
            return Some(0);
        }
        return hay.windows(needle.len()).position(|w| w == needle);
    }
    memmem::find(hay, needle)
}

/// Where a block's text is read: its one piece in place, or its pieces
/// laid end to end, folded and as printed.
enum BlockText {
    Piece(Span),
    Joined(String, String),
}

fn pieces_text(block: &Block, aligner: &Aligner) -> BlockText {
    if let [piece] = block.pieces.as_slice() {
        return BlockText::Piece(*piece);
    }
    let mut folded = String::new();
    let mut printed = String::new();
    for piece in &block.pieces {
        let (Some(f), Some(p)) = (
            aligner.folded.get(piece.start..piece.end),
            aligner.printed.get(piece.start..piece.end),
        ) else {
            continue;
        };
        folded.push_str(f);
        printed.push_str(p);
    }
    BlockText::Joined(folded, printed)
}

fn restore_sections<'a>(
    sections: &mut [Section],
    at_block: &impl Fn(Option<usize>) -> Aligner<'a>,
) {
    for section in sections {
        let aligner = at_block(Some(section.block));
        section.marker = aligner.restore(&section.marker);
        section.title = aligner.restore(&section.title);
        restore_sections(&mut section.children, at_block);
    }
}

/// Finds derived strings in the folded text of one region and reads the
/// printed text at the same place.
#[derive(Clone, Copy)]
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

    /// An aligner over `region` of the same texts, or over this one's
    /// region when `region` is empty.
    fn within(&self, region: Span) -> Aligner<'a> {
        if region.start >= region.end {
            return Aligner { ..*self };
        }
        Aligner::new(self.folded, self.printed, region)
    }

    /// `derived` in printed spelling. Found whole in the folded region, it
    /// is the printed text there; otherwise it is walked character by
    /// character along the region from where its first characters are
    /// found, skipping what the derived text left out (line breaks, spaces,
    /// markup), each character taken as printed where it is met; a
    /// character met nowhere near (a normalised digit) stays as it is.
    fn restore(&self, derived: &str) -> String {
        let folded = self
            .folded
            .as_bytes()
            .get(self.region.start..self.region.end);
        if folded.is_some_and(|f| f.starts_with(derived.as_bytes())) {
            let at = self.region.start;
            if let Some(printed) = self.printed.get(at..at + derived.len()) {
                return printed.to_owned();
            }
        }
        if let Some((_, printed)) = self.printed_at(derived, 0) {
            return printed.to_owned();
        }
        let folded = self
            .folded
            .get(self.region.start..self.region.end)
            .unwrap_or("");
        let mut pos = start_of(folded, derived);
        let mut out = String::with_capacity(derived.len());
        for c in derived.chars() {
            // Whitespace of the derived text (a join's space) is never
            // looked for: it would be found in another place.
            if c.is_whitespace() {
                if folded.get(pos..).is_some_and(|rest| rest.starts_with(c)) {
                    pos += c.len_utf8();
                }
                out.push(c);
                continue;
            }
            let rest = folded.get(pos..).unwrap_or("");
            pos += rest.len() - rest.trim_start().len();
            let ahead = folded.get(pos..).unwrap_or("");
            let mut end = ahead.len().min(WALK_WINDOW);
            while !ahead.is_char_boundary(end) {
                end -= 1;
            }
            let window = &ahead[..end];
            match window.char_indices().find(|&(_, f)| f == c) {
                Some((skip, _)) => {
                    let at = self.region.start + pos + skip;
                    let printed = self.printed.get(at..at + c.len_utf8()).unwrap_or("");
                    match printed.chars().next() {
                        Some(p) => out.push(p),
                        None => out.push(c),
                    }
                    pos += skip + c.len_utf8();
                }
                None => out.push(c),
            }
        }
        out
    }

    /// Where `piece` is first found in the folded region at or after
    /// `from`, and the printed text there.
    fn printed_at(&self, piece: &str, from: usize) -> Option<(usize, &'a str)> {
        let start = self.region.start + from;
        let hay = self.folded.as_bytes().get(start..self.region.end)?;
        let at = from + find_bytes(hay, piece.as_bytes())?;
        let abs = self.region.start + at;
        Some((at, self.printed.get(abs..abs + piece.len())?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::TITLE_ENDINGS;

    /// Words of the header and body markers besides the title endings.
    const MARKER_WORDS: &[&str] = &["关于", "印发", "转发", "附件", "批转", "主送", "抄送"];

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

    /// [`PHRASE_FOLDS`] recomputed from OpenCC's s2t, s2tw and s2hk.
    #[test]
    fn phrase_folds_are_the_opencc_spellings_of_the_parsers_words() {
        let converters: Vec<OpenCC> =
            [BuiltinConfig::S2t, BuiltinConfig::S2tw, BuiltinConfig::S2hk]
                .into_iter()
                .map(|config| OpenCC::from_config(config).expect("OpenCC"))
                .collect();
        let mut rules: Vec<(String, &str)> = Vec::new();
        for &word in TITLE_ENDINGS.iter().chain(MARKER_WORDS) {
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
        let want: Vec<(String, &str)> = PHRASE_FOLDS
            .iter()
            .map(|&(t, s)| (t.to_owned(), s))
            .collect();
        assert_eq!(rules, want);
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
