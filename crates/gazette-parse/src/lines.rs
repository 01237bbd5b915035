//! Text → its non-blank lines, each with its place in the text.
//!
//! Lines end at `\n`, `\r\n`, a lone `\r` or a form feed; a form feed also
//! marks a page break. Blank lines are not returned, but the line after them
//! knows they were there: in gazette text a blank line is where a paragraph
//! or a page ended (a line of no-break spaces is not: it is an empty cell). Line numbers count `\n`, as editors do.

use gazette_model::Span;

/// A non-blank line, trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// The trimmed text.
    pub text: &'a str,
    /// Where the trimmed text lies.
    pub span: Span,
    /// Line number, 1-based.
    pub number: usize,
    /// A blank line or a form feed comes between this line and the last one.
    pub gap_before: bool,
    /// The line ends in a run of padding, as right-aligned signatures and
    /// dates do in text rendered from a page.
    pub padded: bool,
    /// A whitespace-only line holding a tab follows: the line ends a table
    /// cell in text rendered from an HTML table, one cell per line.
    pub cell_end: Option<CellEnd>,
    /// The line fills the width of its column (paged text only, see
    /// `artifacts`): what it holds runs on into the next line.
    pub full: bool,
    /// Empty cells after this one in its row: tab lines after the one
    /// that closed this cell, with at most a no-break space between them
    /// (`<td>&nbsp;</td>`), before the row ends.
    pub empty_cells_after: u8,
    /// The line before ends where this one starts, whatever it looks like:
    /// line-less text cut here at a header field, the title, the 主送 or
    /// the signature (see `lineless`). Paragraphs never join across it.
    pub cut_before: bool,
}

/// How a table cell rendered one per line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellEnd {
    /// Another cell of the same row follows.
    Cell,
    /// The row ends (more blank lines after the tab line).
    Row,
}

/// Splits `text` into its non-blank lines.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut number = 1;
    let mut gap = false;
    let mut tab_line = false;
    let mut blank_after_tab = false;
    // In the blank run after a cell: the row ended, and empty cells seen.
    let mut row_ended = false;
    let mut empty_cells: u8 = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= bytes.len() {
        let end =
            memchr::memchr3(b'\n', b'\r', 0x0C, &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let raw = &text[start..end];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            // A line of no-break spaces is an empty table cell's content
            // rendered from HTML (&nbsp;), not a paragraph break.
            gap = gap || (!lines.is_empty() && !raw.contains('\u{a0}'));
            let has_tab = raw.contains('\t');
            row_ended = row_ended || (tab_line && !has_tab && !raw.contains('\u{a0}'));
            if tab_line && has_tab && !row_ended {
                empty_cells = empty_cells.saturating_add(1);
            }
            blank_after_tab = tab_line && !has_tab;
            tab_line = tab_line || has_tab;
        } else {
            close_cell(&mut lines, tab_line, blank_after_tab);
            if let Some(last) = lines.last_mut().filter(|_| tab_line) {
                last.empty_cells_after = empty_cells;
            }
            tab_line = false;
            blank_after_tab = false;
            row_ended = false;
            empty_cells = 0;
            let lead = raw.len() - raw.trim_start().len();
            let tail = &raw[lead + trimmed.len()..];
            lines.push(Line {
                text: trimmed,
                span: Span::new(start + lead, start + lead + trimmed.len()),
                number,
                gap_before: gap,
                padded: is_padding(tail),
                cell_end: None,
                empty_cells_after: 0,
                full: false,
                cut_before: false,
            });
            gap = false;
        }
        if end == bytes.len() {
            close_cell(&mut lines, tab_line, blank_after_tab);
            break;
        }
        match bytes[end] {
            b'\n' => number += 1,
            b'\r' if bytes.get(end + 1) == Some(&b'\n') => {
                number += 1;
                start = end + 2;
                continue;
            }
            b'\r' => number += 1,
            _ => gap = gap || !lines.is_empty(),
        }
        start = end + 1;
    }
    lines
}

/// Records on the last line how the blank run after it ended it.
fn close_cell(lines: &mut [Line<'_>], tab_line: bool, blank_after_tab: bool) {
    if let Some(last) = lines.last_mut().filter(|_| tab_line) {
        last.cell_end = Some(if blank_after_tab {
            CellEnd::Row
        } else {
            CellEnd::Cell
        });
    }
}

/// Trailing whitespace long enough to be layout rather than a typo.
pub(crate) fn is_padding(tail: &str) -> bool {
    tail.chars()
        .filter(|&c| c == '\u{a0}' || c == '\u{3000}')
        .count()
        >= 2
        || tail.chars().count() >= 6
}

/// Maps byte offsets to 1-based line numbers.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }

    /// The first byte of line `line` (1-based).
    pub fn line_start(&self, line: usize) -> usize {
        line.checked_sub(2)
            .and_then(|k| self.newlines.get(k))
            .map_or(0, |&nl| nl + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_line_ending_and_marks_gaps() {
        let text = "一\r\n\r\n二\r三\u{c}四\n  五  \n";
        let lines = split_lines(text);
        let texts: Vec<_> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["一", "二", "三", "四", "五"]);
        let gaps: Vec<_> = lines.iter().map(|l| l.gap_before).collect();
        assert_eq!(gaps, [false, true, false, true, false]);
        let numbers: Vec<_> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 3, 4, 4, 5]);
        for line in &lines {
            assert_eq!(line.span.of(text), line.text);
        }
    }

    #[test]
    fn notices_cells_rendered_one_per_line() {
        let text = " 序号\n    \n \t \n 名称\n   \n \t \n      \n \n 1\n \t \n 甲\n";
        let ends: Vec<_> = split_lines(text).iter().map(|l| l.cell_end).collect();
        assert_eq!(
            ends,
            [
                Some(CellEnd::Cell),
                Some(CellEnd::Row),
                Some(CellEnd::Cell),
                None
            ]
        );
    }

    #[test]
    fn notices_right_aligned_padding() {
        let lines = split_lines(" 国务院 \u{a0} \u{a0} \u{a0}\n正文。 \n");
        assert!(lines[0].padded);
        assert!(!lines[1].padded);
    }

    #[test]
    fn line_index_agrees_with_the_splitter() {
        let text = "甲\n\n乙\n丙";
        let index = LineIndex::new(text);
        for line in split_lines(text) {
            assert_eq!(index.line_of(line.span.start), line.number);
        }
    }
}
