//! Lines → paragraphs, repairing page breaks.
//!
//! Printed gazettes break pages mid-sentence, and text taken from them keeps
//! the break: “…1—2个” / “新药实现产业化”. Titles wrap over two or three
//! lines. This module joins such pieces and records each join as a
//! [`Repair`], while never joining two real paragraphs: a sentence-final
//! mark, a heading, a date or number line, a table row, an attachment label,
//! a complete title or a right-aligned signature all end a paragraph.
//!
//! A standard's cover keeps its lines apart: the title under the number
//! does not take the English title, and the issuing bodies end at 发布.
//! After the cover (its 发布 date) the numbered clauses (5.2.1 …) are
//! headings.
//!
//! Lines left over after a table whose columns were flattened (a roster
//! printed in two columns, say) are kept one by one as table tails rather
//! than glued into a paragraph that never existed. A short heading between
//! rows of a table (一、知识产权保护方面（共5项）, an HTML table's row that
//! spans all columns) is a row of that table, not a heading of the text.

use std::ops::Range;

use gazette_model::{date_prefix, is_han, Repair, RepairKind, Span};

use crate::cell_stream::{find_serial_tables, find_stream_tables};
use crate::roster_cells::find_roster_tables;

use crate::bulletin;
use crate::issuers;
use crate::lines::Line;
use crate::markers::{
    adoption_note_date, classify, classify_in, is_header_field, LineKind, MarkerKind,
};
use crate::roster;
use crate::text::{ends_sentence, excerpt, looks_like_title, tail_chars};

/// A paragraph of the issue: one or more lines joined.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Para {
    /// The joined text (derived; the pieces are the original).
    pub text: String,
    /// The original lines it was made of.
    pub pieces: Vec<Span>,
    /// Where each piece starts in `text`.
    pub starts: Vec<usize>,
    /// Line number of the first piece.
    pub line: usize,
    /// What the first line is.
    pub kind: LineKind,
    /// A blank line or page break came before it.
    pub gap_before: bool,
    /// Its first line is right-aligned (signature layout).
    pub padded: bool,
    /// A line left after a table, without column separators.
    pub table_tail: bool,
    /// The joins made to build it.
    pub repairs: Vec<Repair>,
    /// Its last line fills its column (paged text): it runs on.
    pub runs_on: bool,
}

impl Para {
    fn start(line: &Line<'_>, kind: LineKind, table_tail: bool) -> Para {
        Para {
            text: line.text.to_owned(),
            pieces: vec![line.span],
            starts: vec![0],
            line: line.number,
            kind,
            gap_before: line.gap_before,
            padded: line.padded,
            table_tail,
            repairs: Vec::new(),
            runs_on: line.full,
        }
    }

    fn join(&mut self, line: &Line<'_>, kind: RepairKind) {
        let around = format!("{}⏎{}", tail_chars(&self.text, 8), excerpt(line.text, 8));
        if needs_space(&self.text, line.text) {
            self.text.push(' ');
        }
        self.starts.push(self.text.len());
        self.text.push_str(line.text);
        self.runs_on = line.full;
        self.repairs.push(Repair {
            kind,
            span: Span::new(
                self.pieces.last().map_or(line.span.start, |s| s.end),
                line.span.start,
            ),
            line: line.number,
            original: around,
        });
        self.pieces.push(line.span);
    }

    /// Starts the next cell of a table row with `line`.
    fn push_cell(&mut self, line: &Line<'_>) {
        self.text.push('\t');
        self.starts.push(self.text.len());
        self.text.push_str(line.text);
        self.pieces.push(line.span);
    }

    /// Maps a byte offset in the joined text to the original text.
    pub fn source_offset(&self, offset: usize) -> usize {
        gazette_model::source_offset(&self.pieces, &self.starts, offset).map_or(0, |(at, _)| at)
    }

    /// Whether this paragraph is a short heading (a marker and a few words).
    pub fn is_short_heading(&self) -> bool {
        match self.kind {
            LineKind::Heading(marker) => is_heading_text(&self.text[marker.len..]),
            _ => false,
        }
    }
}

/// Joins `lines` into paragraphs.
#[cfg(test)]
pub(crate) fn paragraphs(lines: &[Line<'_>]) -> Vec<Para> {
    paragraphs_of(lines, Reading::default())
}

/// How the lines of a form of text are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reading<'a> {
    /// Markdown, where every line is a paragraph of its own and signatures
    /// are not right-aligned: a blank line ends a table, and a line over a
    /// date line is a signature that no paragraph takes in.
    pub blank_lines_end: bool,
    /// Web text and Markdown: a table may be printed one cell per line
    /// without tab lines, its rows known by their serials (`cell_stream`).
    pub serial_cell_tables: bool,
    /// Web text: where the page's own lines were taken out (their first
    /// bytes, in order). The line after one never continues the line
    /// before it: the page's line stood between them.
    pub page_lines: &'a [usize],
    /// Where noise was blanked (first bytes, in order, and whether as a
    /// line of its own; see `noise`): no blank line, no padding.
    pub noise: &'a [(usize, bool)],
}

/// Lines → paragraphs, read as `reading` says.
pub(crate) fn paragraphs_of(lines: &[Line<'_>], reading: Reading<'_>) -> Vec<Para> {
    let blank_lines_end = reading.blank_lines_end;
    let mut paras: Vec<Para> = Vec::with_capacity(lines.len());
    let mut tables = find_stream_tables(lines);
    let serial = match reading.serial_cell_tables {
        true => find_serial_tables(lines),
        false => Vec::new(),
    };
    let found = tables.len();
    for table in serial.into_iter().chain(find_roster_tables(lines)) {
        let overlaps = tables
            .iter()
            .any(|t| t.lines.start < table.lines.end && table.lines.start < t.lines.end);
        if !overlaps {
            tables.push(table);
        }
    }
    if tables.len() > found {
        tables.sort_by_key(|t| t.lines.start);
    }
    let mut tables = tables.iter().peekable();
    let mut k = 0;
    let mut clauses = false;
    while k < lines.len() {
        if let Some(table) = tables.next_if(|t| t.lines.start == k) {
            paras.extend(table.rows.iter().map(|row| stream_row(lines, row)));
            k = table.lines.end;
            continue;
        }
        let line = &lines[k];
        k += 1;
        let mut kind = classify_in(line.text, clauses);
        if is_group_row(paras.last(), lines, k - 1, &kind) {
            kind = LineKind::TableRow;
        }
        clauses = clauses || matches!(kind, LineKind::Issued(_));
        let above_title = paras.len().checked_sub(2).map(|k| &paras[k].kind);
        let under_number = matches!(above_title, Some(LineKind::Number(_)));
        // Under a standard's number and title, a line without Chinese is
        // the title in English.
        let english_title = matches!(
            above_title,
            Some(LineKind::Standard(_) | LineKind::Supersedes)
        ) && !line.text.contains(is_han);
        let under_headline = line.gap_before
            && matches!(paras.as_slice(), [first] if is_headline_over(first, line.text));
        if let Some(prev) = paras.last_mut() {
            let repair = join_kind(prev, line, &kind)
                .filter(|_| !(under_number && opens_recipients(line)))
                .filter(|_| !english_title)
                .filter(|_| !signs_a_date(lines, k - 1))
                .filter(|r| *r != RepairKind::JoinPageBreak || !opens_header(lines, k - 1))
                .filter(|_| !(blank_lines_end && line.gap_before && over_a_date(lines, k - 1)))
                .filter(|_| !under_headline);
            if let Some(repair) = repair {
                prev.join(line, repair);
                continue;
            }
        }
        let blank_line_ends = blank_lines_end && line.gap_before;
        let tail = !blank_line_ends
            && is_table_tail(paras.last(), line, &kind)
            && !opens_header(lines, k - 1)
            && !wraps_to_a_sentence_end(lines, k - 1);
        paras.push(Para::start(line, kind, tail));
    }
    paras
}

/// The longest headline, in characters.
const HEADLINE_CHARS: usize = 40;

/// Whether `first`, a text's first line, is a headline over the paragraph
/// `next` that a blank line parts from it: short, no clause in it, over a
/// longer paragraph of sentences (纪委“七个严禁”严明…纪律要求 / 2021年
/// 清明节即将来临。为…).
fn is_headline_over(first: &Para, next: &str) -> bool {
    let chars = first.text.chars().count();
    first.pieces.len() == 1
        && first.kind == LineKind::Text
        && chars <= HEADLINE_CHARS
        && !first.text.contains(['，', '。', '；', '：', ',', ';', ':'])
        && next.contains('。')
        && next.chars().count() > chars
}

/// One row of a table rendered one cell per line, as a tab-separated row.
fn stream_row(lines: &[Line<'_>], cells: &[Range<usize>]) -> Para {
    let mut row: Option<Para> = None;
    for cell in cells {
        if let Some(row) = row.as_mut().filter(|_| cell.is_empty()) {
            // An empty cell: its separator only.
            row.text.push('\t');
        }
        for (i, line) in lines[cell.clone()].iter().enumerate() {
            match row.as_mut() {
                None => row = Some(Para::start(line, LineKind::TableRow, false)),
                Some(row) if i == 0 => row.push_cell(line),
                Some(row) => row.join(line, RepairKind::JoinWrappedLine),
            }
        }
    }
    row.unwrap_or_else(|| Para::start(&lines[0], LineKind::TableRow, false))
}

/// Whether `next` continues `prev`, and as what kind of repair.
fn join_kind(prev: &Para, next: &Line<'_>, next_kind: &LineKind) -> Option<RepairKind> {
    if *next_kind != LineKind::Text
        || prev.table_tail
        || prev.padded
        || next.padded
        || next.cut_before
        || is_header_field(next.text)
        || is_header_field(last_line(prev))
        || repeats_masthead(prev, next.text)
        || is_dateline(next.text)
        || is_dateline(last_line(prev))
        || is_rule(next.text)
        || is_rule(last_line(prev))
        || is_contact(last_line(prev))
        || is_dated_note(last_line(prev))
        || adoption_note_date(next.text).is_some()
        || adoption_note_date(last_line(prev)).is_some()
        || issuers::signed_line(next.text).is_some()
        || bulletin::is_month_line(next.text)
        || bulletin::is_month_line(last_line(prev))
        || opens_roster_line(prev, next.text)
    {
        return None;
    }
    if !matches!(
        prev.kind,
        LineKind::Text | LineKind::Heading(_) | LineKind::AttachmentList
    ) {
        return None;
    }
    // A heading printed over a full line of a page goes on in the next.
    let short_heading = prev.is_short_heading() && !prev.runs_on && !is_bare_clause(prev);
    if ends_sentence(&prev.text) || short_heading || is_remark(&prev.text) || ends_at_issue(prev) {
        return None;
    }
    if looks_like_title(&prev.text) && !continues_a_phrase(next.text) && !prev.runs_on {
        return None;
    }
    Some(if next.gap_before {
        RepairKind::JoinPageBreak
    } else {
        RepairKind::JoinWrappedLine
    })
}

/// A line of a roster (组　长：…, or a name and a post under such a line)
/// starts a paragraph: it is no wrapped part of the line above.
fn opens_roster_line(prev: &Para, next: &str) -> bool {
    roster::opens_with_label(next)
        || (roster::is_member_line(next)
            && (roster::opens_with_label(last_line(prev))
                || roster::is_member_line(last_line(prev))))
}

/// Whether line `k` starts a document header: it and at most three title
/// lines after it (no gap, no sentence punctuation) lead to a 发文字号, an
/// order number or a （date） line. A page break never joins such a line to
/// the end of the document before.
fn opens_header(lines: &[Line<'_>], k: usize) -> bool {
    for j in k..(k + 4).min(lines.len()) {
        let Some(next) = lines.get(j + 1) else {
            return false;
        };
        match classify(next.text) {
            LineKind::Number(_) | LineKind::OrderNumber => return true,
            LineKind::Date(_) => return next.text.starts_with(['（', '(']),
            LineKind::Text if !next.gap_before && !next.text.contains(['。', '，', '；', '：']) =>
                {}
            _ => return false,
        }
    }
    false
}

/// A line after a gap that starts with 各 (各市、州…：) opens the 主送 line;
/// under a 发文字号 (GB/T 9704 print layout, 版头 / number / title) it never
/// continues the title, even one that OCR misread so that it no longer ends
/// like a title.
fn opens_recipients(line: &Line<'_>) -> bool {
    line.gap_before && line.text.starts_with('各')
}

/// A signature: the names of bodies over a date line, on one line or on
/// several (a joint document signed by seven bodies, one or two a line). No
/// paragraph (an attachment line, a contact line) takes it in.
fn signs_a_date(lines: &[Line<'_>], k: usize) -> bool {
    for j in k..(k + 8).min(lines.len()) {
        let names = lines[j]
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !issuers::is_body_names(&names) {
            return false;
        }
        if over_a_date(lines, j) {
            return true;
        }
    }
    false
}

/// Whether the line after line `k` is a date line (`k` signs it).
fn over_a_date(lines: &[Line<'_>], k: usize) -> bool {
    lines
        .get(k + 1)
        .is_some_and(|next| matches!(classify(next.text), LineKind::Date(_)))
}

/// A line that follows table rows, is short and ends no sentence: a cell of
/// a flattened table rather than a paragraph.
fn is_table_tail(prev: Option<&Para>, line: &Line<'_>, kind: &LineKind) -> bool {
    let after_table = prev.is_some_and(|p| p.kind == LineKind::TableRow || p.table_tail);
    after_table
        && *kind == LineKind::Text
        && line.text.chars().count() <= 30
        && !ends_sentence(line.text)
        && !looks_like_title(line.text)
}

/// The most headings in a row that may be a table's group rows.
const MAX_GROUP_ROWS: usize = 3;

/// Whether line `k`, a short heading between rows of a table, is a row of
/// that table that spans all its columns (一、知识产权保护方面（共5项）
/// over the items of that group, as an HTML table's `colspan` row renders):
/// a table row comes before it and, after at most a few such headings,
/// another comes after it.
fn is_group_row(prev: Option<&Para>, lines: &[Line<'_>], k: usize, kind: &LineKind) -> bool {
    let short_heading = |line: &Line<'_>, kind: &LineKind| {
        matches!(kind, LineKind::Heading(_))
            && line.text.chars().count() <= 40
            && !ends_sentence(line.text)
    };
    if !prev.is_some_and(|p| p.kind == LineKind::TableRow && !p.table_tail)
        || !short_heading(&lines[k], kind)
    {
        return false;
    }
    for line in lines.iter().skip(k + 1).take(MAX_GROUP_ROWS + 1) {
        let next = classify(line.text);
        if next == LineKind::TableRow {
            return true;
        }
        if !short_heading(line, &next) {
            return false;
        }
    }
    false
}

/// Whether line `k` fills its column and runs on, through lines that fill
/// theirs, to one that ends a sentence: the start of a paragraph wrapped
/// over lines (paged text), not a cell of a flattened table.
fn wraps_to_a_sentence_end(lines: &[Line<'_>], k: usize) -> bool {
    for line in lines.iter().skip(k) {
        if ends_sentence(line.text) {
            return true;
        }
        if !line.full {
            return false;
        }
    }
    false
}

/// A clause number alone (3.1), whose heading is the next line.
fn is_bare_clause(para: &Para) -> bool {
    match para.kind {
        LineKind::Heading(marker) => {
            matches!(marker.kind, MarkerKind::Clause(_))
                && para
                    .text
                    .get(marker.len..)
                    .is_some_and(|t| t.trim().is_empty())
        }
        _ => false,
    }
}

/// A 版头 over a title that names the same body first (山东省档案局 /
/// 山东省档案局山东省档案馆关于…): two lines, not a title wrapped.
fn repeats_masthead(prev: &Para, next: &str) -> bool {
    prev.pieces.len() == 1 && prev.text.chars().nth(2).is_some() && next.starts_with(&prev.text)
}

/// A page's line of when and whence (2020年03月31日10:13 来源:微播宿迁,
/// 2019-04-23 22:37 来源: 新华社): a line of its own, never joined.
fn is_dateline(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.contains("来源")
        && text.chars().count() <= 80
}

/// A line of a page's border or rule only (`|`, `———`). Punctuation a
/// page break left alone on its line (`；` under a wrapped PDF line) is
/// not a rule: it ends the sentence above it.
fn is_rule(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_whitespace() || "|｜-—─━_＿=＝~～*＊·•".contains(c))
}

/// A line that gives whom to call (联系电话:2626393, 联系人:…): complete
/// in itself, never continued by the signature under it.
fn is_contact(text: &str) -> bool {
    let text = text.trim_start();
    (text.starts_with("联系") || text.starts_with("电话"))
        && text.contains([':', '：'])
        && text.chars().count() <= 60
}

/// A date and the body that issued on it (1951年12月27日,最高人民法院):
/// a line complete in itself.
fn is_dated_note(text: &str) -> bool {
    let Some((_, used)) = date_prefix(text.trim()) else {
        return false;
    };
    let rest = text.trim()[used..].trim_start_matches([',', '，', ' ']);
    !rest.is_empty() && (issuers::is_body_names(rest) || adopted(rest))
}

/// Whether `text` is the note of the meeting that adopted a text, printed
/// without brackets: `2013年7月26日四川省…第四次会议通过`.
pub(crate) fn is_adoption_note(text: &str) -> bool {
    date_prefix(text.trim()).is_some_and(|(_, used)| adopted(&text.trim()[used..]))
}

fn adopted(rest: &str) -> bool {
    rest.contains("会议") && (rest.ends_with("通过") || rest.ends_with("批准"))
}

/// The last line joined into `para`.
fn last_line(para: &Para) -> &str {
    para.starts
        .last()
        .and_then(|&at| para.text.get(at..))
        .unwrap_or("")
}

/// The issuing bodies of a standard's cover, whose last line is 发布
/// alone, or a body's name spaced off 发布 (…总局    发布).
fn ends_at_issue(para: &Para) -> bool {
    let last = para
        .starts
        .last()
        .and_then(|&at| para.text.get(at..))
        .unwrap_or("")
        .trim_end();
    let Some(before) = last
        .strip_suffix("发布")
        .or_else(|| last.strip_suffix("发 布"))
    else {
        return false;
    };
    let name = before.trim_end();
    name.is_empty() || (name.len() < before.len() && name.chars().all(is_han))
}

/// A short line wholly in parentheses, such as （此件公开发布）: complete.
fn is_remark(text: &str) -> bool {
    // An image's caption on a page: 【资料图】.
    if text.starts_with('【') && text.ends_with('】') && text.chars().count() <= 12 {
        return true;
    }
    text.starts_with(['（', '('])
        && text.ends_with(['）', ')'])
        && text.chars().count() <= 30
        && text.chars().filter(|c| matches!(c, '（' | '(')).count() == 1
}

/// Heading text: short, with no sentence punctuation inside.
fn is_heading_text(rest: &str) -> bool {
    rest.chars().count() <= 40 && !rest.contains(['，', '。', '；', '！', '？', ','])
}

/// Lines that can only continue what came before: no paragraph starts so.
fn continues_a_phrase(text: &str) -> bool {
    text.starts_with(['的', '和', '与', '及', '暨', '之'])
}

/// Latin or digits on both sides of a join keep a space between them.
fn needs_space(before: &str, after: &str) -> bool {
    let left = before
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let right = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    left && right
}

#[cfg(test)]
mod tests;
