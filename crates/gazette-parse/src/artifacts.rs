//! The layout of a printed page, taken out of a paged text before parsing.
//!
//! Text extracted from a PDF keeps what the page prints around the content:
//! page numbers (“— 3 —”, “- 3 -”, “第3页 共5页”, a bare 3 at the foot),
//! running headers and footers repeated on most pages (“青岛市人民政府公报
//! 2019年第7期”; a browser print's date stamp, page title and address,
//! each taken once a page) and the red 版头 of a 文件 (“青岛市人民政府办公厅文件”).
//! These lines are taken out of the body as [`Artifact`]s, kept in the issue
//! so that nothing is lost, and each is recorded as a [`Repair`] of the
//! document it sits in; a 版头 becomes the next document's `masthead`.
//! PDF text also puts spaces between digits and Chinese (〔2019〕860 号):
//! [`close_number_spaces`] drops them in derived text.
//!
//! Only paged text (with form feeds) is touched: plain text parses as before.

use std::collections::{HashMap, HashSet};

use gazette_model::{is_han, Artifact, ArtifactKind, Document, Repair, RepairKind, Span};

use crate::lines::{Line, LineIndex};
use crate::pages::PageIndex;
use crate::paragraphs::Para;
use crate::text::{excerpt, tail_chars};

/// Lines at each edge of a page where headers, footers and numbers sit.
const EDGE: usize = 3;
/// A running header is on at least this share of the pages with text, and on 3.
const RUNNING_SHARE: f64 = 0.5;

/// Splits `lines` into the body and the page layout.
pub(crate) fn take_artifacts<'a>(
    lines: Vec<Line<'a>>,
    pages: &PageIndex,
) -> (Vec<Line<'a>>, Vec<Artifact>) {
    let page_of: Vec<u32> = lines.iter().map(|l| pages.page_of(l.span.start)).collect();
    let runs = page_runs(&page_of);
    let running = running_keys(&lines, &runs);
    let bare = bare_numbers_allowed(&lines, &runs);
    let mut kinds: Vec<Option<ArtifactKind>> = vec![None; lines.len()];
    for run in &runs {
        classify_page(&lines, run.clone(), &running, bare, &mut kinds);
    }
    let mut body: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut artifacts = Vec::new();
    let mut gap = false;
    for ((mut line, kind), page) in lines.into_iter().zip(kinds).zip(page_of) {
        match kind {
            Some(kind) => {
                gap = gap || line.gap_before;
                artifacts.push(Artifact {
                    kind,
                    text: line.text.to_owned(),
                    span: line.span,
                    line: line.number,
                    page,
                });
            }
            None => {
                // A page break before a header is a page break before the body.
                line.gap_before = line.gap_before || gap;
                gap = false;
                body.push(line);
            }
        }
    }
    mark_full_lines(&mut body);
    (body, artifacts)
}

/// The width of a line in half-width units: a Chinese character is 2.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Marks the lines as wide as the text's most common long line, give or
/// take a paragraph's first-line indent (two characters) and one more:
/// printed to the column's edge, they run on into the next line. Only when
/// most long lines are that wide, as in text wrapped to a column; text with
/// one paragraph per line gets no marks.
fn mark_full_lines(lines: &mut [Line<'_>]) {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for line in lines.iter() {
        let w = width(line.text);
        if w >= 20 {
            match counts.iter_mut().find(|(width, _)| *width == w) {
                Some((_, n)) => *n += 1,
                None => counts.push((w, 1)),
            }
        }
    }
    let Some(&(common, _)) = counts.iter().max_by_key(|&&(w, n)| (n, w)) else {
        return;
    };
    let long: usize = counts.iter().map(|(_, n)| n).sum();
    let near: usize = counts
        .iter()
        .filter(|(w, _)| w + 6 >= common && *w <= common)
        .map(|(_, n)| n)
        .sum();
    if near * 2 < long {
        return;
    }
    for line in lines {
        line.full = width(line.text) + 6 >= common;
    }
}

/// The index ranges of `lines` on each page, in order.
fn page_runs(page_of: &[u32]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for k in 1..=page_of.len() {
        if k == page_of.len() || page_of[k] != page_of[start] {
            runs.push(start..k);
            start = k;
        }
    }
    runs
}

/// The edge lines of a page: its first and last [`EDGE`] lines.
fn edges(run: std::ops::Range<usize>) -> impl Iterator<Item = usize> {
    let head = run.start..(run.start + EDGE).min(run.end);
    let tail = run.end.saturating_sub(EDGE).max(head.end)..run.end;
    head.chain(tail)
}

/// A line's text with whitespace dropped and digits blurred, so that
/// “2019年第7期 · 3” on one page matches “2019年第7期 · 4” on the next.
fn running_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                '#'
            } else {
                c
            }
        })
        .collect()
}

/// The keys of edge lines repeated on most pages.
fn running_keys(lines: &[Line<'_>], runs: &[std::ops::Range<usize>]) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for run in runs {
        let seen: HashSet<String> = edges(run.clone())
            .map(|k| running_key(lines[k].text))
            .filter(|key| key.chars().filter(|&c| c != '#').count() >= 4 || is_print_stamp(key))
            .collect();
        for key in seen {
            *counts.entry(key).or_default() += 1;
        }
    }
    // Pages that print nothing but their number (figures, blank pages)
    // carry no running header either: they do not count.
    let pages = runs
        .iter()
        .filter(|run| (*run).clone().any(|k| !is_page_number(lines[k].text, true)))
        .count();
    let needed = ((pages as f64 * RUNNING_SHARE).ceil() as usize).max(3);
    counts
        .into_iter()
        .filter(|(_, n)| *n >= needed)
        .map(|(key, _)| key)
        .collect()
}

/// The key of a browser's print stamp, a date and time such as
/// “2026/5/19 19:11” (`####/#/####:##`): digits and at least two date or
/// time separators, nothing else.
fn is_print_stamp(key: &str) -> bool {
    let digits = key.chars().filter(|&c| c == '#').count();
    let separators = key
        .chars()
        .filter(|c| matches!(c, '/' | '-' | ':' | '.'))
        .count();
    digits >= 6 && separators >= 2 && digits + separators == key.chars().count()
}

/// Bare numbers count as page numbers unless most pages print theirs in a
/// marked form (“— 3 —”, “第3页”): then a bare number is content, such as
/// the serial of a table row at the foot of a page.
fn bare_numbers_allowed(lines: &[Line<'_>], runs: &[std::ops::Range<usize>]) -> bool {
    let marked = runs
        .iter()
        .filter(|run| edges((*run).clone()).any(|k| is_page_number(lines[k].text, false)))
        .count();
    marked * 2 < runs.len()
}

/// Marks the page numbers, running headers and 版头 of one page.
fn classify_page(
    lines: &[Line<'_>],
    run: std::ops::Range<usize>,
    running: &HashSet<String>,
    bare: bool,
    kinds: &mut [Option<ArtifactKind>],
) {
    let (first, last) = (run.start, run.end.saturating_sub(1));
    // A page prints its running header (and its running footer) once: the
    // same line again at the head is content, such as a document's title
    // under a browser print's header that repeats it.
    let mut taken: [HashSet<String>; 2] = Default::default();
    for k in edges(run.clone()) {
        let text = lines[k].text;
        let at_foot = usize::from(k >= run.start + EDGE);
        kinds[k] = if is_page_number(text, bare && (k == first || k == last)) {
            Some(ArtifactKind::PageNumber)
        } else {
            let key = running_key(text);
            (running.contains(&key) && taken[at_foot].insert(key))
                .then_some(ArtifactKind::RunningHeader)
        };
    }
    let masthead = (run.start..run.end)
        .filter(|&k| kinds[k].is_none())
        .take(EDGE)
        .find(|&k| is_masthead(lines[k].text));
    if let Some(k) = masthead {
        kinds[k] = Some(ArtifactKind::Masthead);
    }
}

const DASHES: &[char] = &['-', '—', '–', '－', '‐', '―', '−', '─', '一'];

/// “— 3 —”, “- 3 -”, “第3页 共5页”, “共5页 第3页”, “3/5”; a bare number
/// only where `bare` allows (the first or last line of a page).
fn is_page_number(text: &str, bare: bool) -> bool {
    let core = text.trim_matches(|c: char| c.is_whitespace() || DASHES.contains(&c));
    let compact: String = core.chars().filter(|c| !c.is_whitespace()).collect();
    if is_number(&compact) {
        return bare || core.len() < text.len();
    }
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(is_number)
    };
    let total = |s: &str| {
        s.strip_prefix('共')
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(is_number)
    };
    if page(&compact) {
        return true;
    }
    let halves = |sep: char| compact.split_once(sep);
    if let Some(split) = compact.find('页').map(|i| i + '页'.len_utf8()) {
        let (a, b) = compact.split_at(split);
        if (page(a) && total(b)) || (total(a) && page(b)) {
            return true;
        }
    }
    halves('/').is_some_and(|(a, b)| is_number(a) && is_number(b))
}

/// One to four digits, ASCII or full-width.
fn is_number(text: &str) -> bool {
    let n = text.chars().count();
    (1..=4).contains(&n)
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The red header of a 文件: an issuing body and 文件, nothing else.
fn is_masthead(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let n = compact.chars().count();
    compact.ends_with("文件")
        && (6..=30).contains(&n)
        && compact.chars().all(is_han)
        && !compact.contains("关于")
        && !compact.contains('的')
}

/// Records each artifact in the document it lies in (a 版头 in the document
/// it heads, which also gets it as `masthead`).
pub(crate) fn record(documents: &mut [Document], artifacts: &[Artifact]) {
    for artifact in artifacts {
        let (owner, kind) = match artifact.kind {
            ArtifactKind::Masthead => (
                documents
                    .iter()
                    .position(|d| d.span.start >= artifact.span.end),
                RepairKind::MoveMasthead,
            ),
            ArtifactKind::PageNumber => (
                last_started(documents, artifact.span),
                RepairKind::DropPageNumber,
            ),
            ArtifactKind::RunningHeader => (
                last_started(documents, artifact.span),
                RepairKind::DropRunningHeader,
            ),
            // Lines of web text and noise, not of a paged text: `webtext`
            // and `noise` keep them.
            ArtifactKind::WebChrome
            | ArtifactKind::MetaLine
            | ArtifactKind::Jammer
            | ArtifactKind::NewsMark => continue,
        };
        let Some(doc) = owner.and_then(|i| documents.get_mut(i)) else {
            continue;
        };
        if kind == RepairKind::MoveMasthead && doc.masthead.is_none() {
            doc.masthead = Some(
                artifact
                    .text
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect(),
            );
        }
        doc.repairs.push(Repair {
            kind,
            span: artifact.span,
            line: artifact.line,
            original: excerpt(&artifact.text, 30).to_owned(),
        });
    }
    for doc in documents {
        doc.repairs.sort_by_key(|r| r.span.start);
    }
}

/// The last document that starts before `span`.
fn last_started(documents: &[Document], span: Span) -> Option<usize> {
    documents.iter().rposition(|d| d.span.start <= span.start)
}

/// Drops, in derived text, the spaces that PDF text puts between a digit and
/// a Chinese character (〔2019〕860 号, 2019 年): each paragraph piece is cut
/// at such a space, so the pieces still hold the original and every
/// dropped space is a [`RepairKind::DropNumberSpace`].
pub(crate) fn close_number_spaces(paras: &mut [Para], index: &LineIndex) {
    for para in paras {
        if para.text.contains(' ') {
            close_in(para, index);
        }
    }
}

fn close_in(para: &mut Para, index: &LineIndex) {
    let mut text = String::with_capacity(para.text.len());
    let mut pieces = Vec::with_capacity(para.pieces.len());
    let mut starts = Vec::with_capacity(para.starts.len());
    let mut repairs = Vec::new();
    let mut prev_end = 0;
    for (&piece, &start) in para.pieces.iter().zip(&para.starts) {
        let len = piece.end - piece.start;
        let Some(own) = para.text.get(start..start + len) else {
            return;
        };
        // What joined this piece to the one before (nothing, a space, a tab).
        text.push_str(para.text.get(prev_end..start).unwrap_or(""));
        prev_end = start + len;
        let mut from = 0;
        for (at, end) in number_spaces(own) {
            starts.push(text.len());
            pieces.push(Span::new(piece.start + from, piece.start + at));
            text.push_str(&own[from..at]);
            let span = Span::new(piece.start + at, piece.start + end);
            repairs.push(Repair {
                kind: RepairKind::DropNumberSpace,
                span,
                line: index.line_of(span.start),
                original: format!("{}␣{}", tail_chars(&own[..at], 6), excerpt(&own[end..], 6)),
            });
            from = end;
        }
        starts.push(text.len());
        pieces.push(Span::new(piece.start + from, piece.end));
        text.push_str(&own[from..]);
    }
    if repairs.is_empty() {
        return;
    }
    text.push_str(para.text.get(prev_end..).unwrap_or(""));
    para.text = text;
    para.pieces = pieces;
    para.starts = starts;
    para.repairs.extend(repairs);
}

/// Byte ranges of the space runs in `text` between a number and a Chinese
/// character (either way round). A digit that ends or starts a Latin word
/// (IPv6 改造, 推广 5G) is no number: that space is the text's own.
fn number_spaces(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            if run.is_none() && prev.is_some() {
                run = Some(i);
            }
            continue;
        }
        if let (Some(start), Some(before)) = (run.take(), prev) {
            let number_before = before.is_ascii_digit() && !latin_word(text[..start].chars().rev());
            let number_after = c.is_ascii_digit() && !latin_word(text[i..].chars());
            if (number_before && is_chinese(c)) || (is_chinese(before) && number_after) {
                found.push((start, i));
            }
        }
        prev = Some(c);
    }
    found
}

/// Whether the run of ASCII letters and digits `chars` starts with holds a
/// letter.
fn latin_word(chars: impl Iterator<Item = char>) -> bool {
    chars
        .take_while(char::is_ascii_alphanumeric)
        .any(|c| c.is_ascii_alphabetic())
}

/// A Han character or CJK punctuation (〔〕（）《》、。…).
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn knows_page_numbers_in_their_printed_forms() {
        for text in [
            "— 3 —",
            "—3—",
            "- 12 -",
            "–– - 4 - ––",
            "第3页 共5页",
            "共5页第3页",
            "第 3 页",
            "3/5",
        ] {
            assert!(is_page_number(text, false), "{text}");
        }
        assert!(is_page_number("7", true));
        for text in ["7", "一、总体要求", "2019", "第三条", "— 附件 —"] {
            assert!(!is_page_number(text, false), "{text}");
        }
        assert!(!is_page_number("12345", true));
    }

    #[test]
    fn knows_a_masthead() {
        assert!(is_masthead("青岛市人民政府办公厅文件"));
        assert!(is_masthead("湖北省文化和旅游厅办公室 文件"));
        assert!(!is_masthead("关于印发有关文件"));
        assert!(!is_masthead("文件"));
    }

    #[test]
    fn takes_numbers_headers_and_mastheads_out_of_pages() {
        let mut text = String::from("青岛市人民政府文件\n正文一\n— 1 —\n\u{c}");
        for n in 2..=4 {
            text.push_str(&format!(
                "青岛市人民政府公报 2019年第{n}期\n正文{n}\n{n}\n\u{c}"
            ));
        }
        let pages = PageIndex::of(&text).expect("paged");
        let (body, artifacts) = take_artifacts(split_lines(&text), &pages);
        let kept: Vec<_> = body.iter().map(|l| l.text).collect();
        assert_eq!(kept, ["正文一", "正文2", "正文3", "正文4"]);
        let kinds: Vec<_> = artifacts.iter().map(|a| (a.kind, a.page)).collect();
        assert_eq!(kinds[0], (ArtifactKind::Masthead, 1));
        assert_eq!(kinds[1], (ArtifactKind::PageNumber, 1));
        assert_eq!(kinds[2], (ArtifactKind::RunningHeader, 2));
        assert_eq!(artifacts.len(), 8);
        assert!(body[1].gap_before, "the page break survives the header");
    }

    #[test]
    fn pages_of_figures_do_not_hide_a_running_header() {
        // Four pages of text under “GB/T 9704—2012”, then six pages of
        // figures that print nothing but their number.
        let mut text = String::new();
        for n in 1..=4 {
            text.push_str(&format!("GB/T 9704—2012\n正文{n}\n- {n} -\n\u{c}"));
        }
        for n in 5..=10 {
            text.push_str(&format!("- {n} -\n\u{c}"));
        }
        let pages = PageIndex::of(&text).expect("paged");
        let (body, artifacts) = take_artifacts(split_lines(&text), &pages);
        let kept: Vec<_> = body.iter().map(|l| l.text).collect();
        assert_eq!(kept, ["正文1", "正文2", "正文3", "正文4"]);
        let headers = artifacts
            .iter()
            .filter(|a| a.kind == ArtifactKind::RunningHeader)
            .count();
        assert_eq!(headers, 4);
    }

    #[test]
    fn a_title_under_a_header_that_repeats_it_is_kept() {
        // A browser print: every page opens with the page's title and ends
        // with its address; the first page then prints the title again as
        // the document's heading.
        let title = "国务院关于深入实施“人工智能+”行动的意见";
        let stamp = "2026/5/19 19:11";
        let mut text = format!(
            "{stamp}\n{title}\n{title}\n国发〔2025〕11号\n正文1\nhttps://www.gov.cn/a.html 1/3\n\u{c}"
        );
        for n in 2..=3 {
            text.push_str(&format!(
                "{stamp}\n{title}\n正文{n}\nhttps://www.gov.cn/a.html {n}/3\n\u{c}"
            ));
        }
        let pages = PageIndex::of(&text).expect("paged");
        let (body, artifacts) = take_artifacts(split_lines(&text), &pages);
        let kept: Vec<_> = body.iter().map(|l| l.text).collect();
        assert_eq!(kept, [title, "国发〔2025〕11号", "正文1", "正文2", "正文3"]);
        assert!(artifacts
            .iter()
            .all(|a| a.kind == ArtifactKind::RunningHeader));
        assert_eq!(artifacts.len(), 9);
        assert!(is_print_stamp(&running_key(stamp)));
        for content in ["2019", "2019年", "1.2", "3/5"] {
            assert!(!is_print_stamp(&running_key(content)), "{content}");
        }
    }

    #[test]
    fn finds_the_spaces_pdf_text_puts_around_numbers() {
        let text = "青政办字〔2019〕860 号 GMP 装修 2019 年 1. 推动";
        let found: Vec<_> = number_spaces(text)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(
            found,
            [" ", " ", " ", " "],
            "860 号, 装修 2019, 2019 年, 年 1."
        );
        assert!(number_spaces("GMP 装修，第 1. 项").len() == 1);
        assert!(number_spaces("门户网站 IPv6 改造，推广 5G 网络").is_empty());
    }
}
