//! Tables rendered one cell per line.
//!
//! Text taken from an HTML page puts each `<td>` on lines of its own and
//! leaves a line holding only a tab where the cell closed; where a row
//! closed, more blank lines follow. This module finds such runs of cells
//! and groups them into rows, so that the table builder gets the same
//! tab-separated rows as from a gazette's own text.
//!
//! A run counts as a table only with two rows or more, one of them with
//! two cells or more: a stray tab line after a closing remark is not a table.
//! Merged cells (rowspan) leave rows shorter than the header; they cannot be
//! restored from the text and are reported by the table builder. A line of
//! `&nbsp;` between two tab lines is an empty cell, kept as one.
//!
//! Text whose line breaks were lost keeps the tabs but not the row ends:
//! its run of cells is cut into rows by a serial column, as below, when it
//! has one; otherwise it is no table.
//!
//! Text copied from a web page, or Markdown written from one, may print a
//! table one cell per line with no tab lines at all. [`find_serial_tables`]
//! finds those whose first column holds serials: rows that each open with
//! the next serial (1, 2, 3 …), as many one-line cells each as there are
//! lines from the serial 1 to the serial 2, under as many short header
//! lines; group rows (一、…方面（共5项）) may stand between rows. Only web
//! text and Markdown are read so (gazette text has its tables on
//! tab-separated lines). Rows whose cells hold several lines, or whose
//! empty cells left no line, end such a table: where a row ends cannot be
//! told then.

use std::ops::Range;

use crate::lines::{CellEnd, Line};
use crate::markers::{marker, MarkerKind};

/// A table found in the lines: the lines it covers and its rows, each a
/// list of cells, each a range of lines (empty for an empty cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StreamTable {
    pub lines: Range<usize>,
    pub rows: Vec<Vec<Range<usize>>>,
}

/// Longest cell, in lines, that is looked for: cells hold a phrase or a few
/// sentences; a longer run without a gap is running text.
const MAX_CELL_LINES: usize = 6;

/// Finds every table rendered one cell per line, in order.
pub(crate) fn find_stream_tables(lines: &[Line<'_>]) -> Vec<StreamTable> {
    let mut tables = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        match read_table(lines, k) {
            Some(table) => {
                k = table.lines.end;
                tables.push(table);
            }
            None => k += 1,
        }
    }
    tables
}

fn read_table(lines: &[Line<'_>], start: usize) -> Option<StreamTable> {
    if start > 0 && lines[start - 1].cell_end.is_none() && !lines[start].gap_before {
        return None;
    }
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    let mut row: Vec<Range<usize>> = Vec::new();
    let mut k = start;
    while let Some(end) = cell_end(lines, k, !rows.is_empty() || !row.is_empty()) {
        row.push(k..end + 1);
        // An empty cell (`<td>&nbsp;</td>`) has no line: an empty range.
        let empty = usize::from(lines[end].empty_cells_after).min(MAX_SERIAL_COLUMNS);
        row.extend(std::iter::repeat_n(end + 1..end + 1, empty));
        if lines[end].cell_end == Some(CellEnd::Row) {
            rows.push(std::mem::take(&mut row));
        }
        k = end + 1;
    }
    // Line-less text (no row ended): the text's last line is a last cell,
    // its tab trimmed away with the line.
    if rows.is_empty() && !row.is_empty() && k + 1 == lines.len() {
        row.push(k..k + 1);
        k += 1;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    if let [only] = rows.as_slice() {
        // Line-less text: the cells are known, the row ends are not.
        return rows_by_serials(lines, start, only);
    }
    let is_table = rows.len() >= 2 && rows.iter().any(|r| r.len() >= 2);
    is_table.then_some(StreamTable {
        lines: start..k,
        rows,
    })
}

/// The last line of the cell that starts at line `k`: the first line that
/// a tab line closes. Inside a table a cell may hold blank lines (a
/// `<br>` rendered with one);
/// the first cell of a table may not, so that a title above the table
/// stays out of it.
fn cell_end(lines: &[Line<'_>], k: usize, in_table: bool) -> Option<usize> {
    let most_gaps = if in_table { MAX_CELL_GAPS } else { 0 };
    let mut gaps = 0;
    for j in k..(k + MAX_CELL_LINES).min(lines.len()) {
        if lines[j].cell_end.is_some() {
            return Some(j);
        }
        let next = lines.get(j + 1)?;
        gaps += usize::from(next.gap_before);
        if gaps > most_gaps {
            return None;
        }
    }
    None
}

/// Most blank lines inside a cell: three lines of a cell each set apart
/// (（十四）/医务人员/满意度). More is text after the table (a note, the
/// next attachment's label and title).
const MAX_CELL_GAPS: usize = 2;

/// Most columns a table printed one cell per line is looked for with.
const MAX_SERIAL_COLUMNS: usize = 10;

/// Most group rows in a row, and most serials a table may skip after them.
const MAX_GROUP_ROWS: usize = 3;
const MAX_SKIPPED: u32 = 20;

/// Longest header cell and group row, in characters.
const MAX_HEADER_CHARS: usize = 20;
const MAX_GROUP_CHARS: usize = 40;

/// Finds every table printed one cell per line whose first column holds
/// the serials 1, 2, 3 …; each cell one line.
pub(crate) fn find_serial_tables(lines: &[Line<'_>]) -> Vec<StreamTable> {
    let units = Units {
        lines,
        cells: (0..lines.len()).map(|k| k..k + 1).collect(),
    };
    let mut tables = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        match units.serial_table(k) {
            Some(table) => {
                k = table.lines.end;
                tables.push(table);
            }
            None => k += 1,
        }
    }
    tables
}

/// The rows of a run of cells whose row ends were lost (line-less text:
/// one run of tab-separated cells), told by a serial column; the header
/// may open on the cells right before the run (a cell that follows a line
/// which is no cell cannot open the run).
fn rows_by_serials(lines: &[Line<'_>], start: usize, run: &[Range<usize>]) -> Option<StreamTable> {
    if run.len() < 2 * MIN_SERIAL_ROWS {
        return None;
    }
    let before = (start.saturating_sub(MAX_SERIAL_COLUMNS)..start)
        .rev()
        .take_while(|&k| lines[k].cell_end.is_some())
        .count();
    let cells = (start - before..start)
        .map(|k| k..k + 1)
        .chain(run.iter().cloned())
        .collect();
    let units = Units { lines, cells };
    let first = (0..units.cells.len()).find(|&u| serial(units.text(u)) == Some(1))?;
    units.serial_table(first)
}

/// Fewest rows (the header included) a table told by its serials has.
const MIN_SERIAL_ROWS: usize = 3;

/// Cells in order, each a range of lines (empty for an empty cell).
struct Units<'l, 'a> {
    lines: &'l [Line<'a>],
    cells: Vec<Range<usize>>,
}

impl Units<'_, '_> {
    /// The first line of cell `u` ("" for an empty cell).
    fn text(&self, u: usize) -> &str {
        match self.cells.get(u) {
            Some(cell) if !cell.is_empty() => self.lines.get(cell.start).map_or("", |l| l.text),
            _ => "",
        }
    }

    /// The table whose first row opens at cell `first` with the serial 1:
    /// as many columns as cells from there to the serial 2, the header the
    /// cells right before, from the one naming the serials (序号, 编号) on
    /// (a group row such as 一、知识产权保护方面（共5项） may stand between
    /// the header and the first row, and between rows), then every row
    /// that opens with the next serial and has as many cells.
    fn serial_table(&self, first: usize) -> Option<StreamTable> {
        let count = self.cells.len();
        if serial(self.text(first)) != Some(1) {
            return None;
        }
        let second = (first + 2..count.min(first + 1 + MAX_SERIAL_COLUMNS))
            .find(|&u| serial(self.text(u)) == Some(2))?;
        let columns = second - first;
        let grouped = first > 0 && is_group_row(self.text(first - 1));
        let header_end = first - usize::from(grouped);
        let is_header = |u: &usize| {
            let text = self.text(*u);
            text.chars().count() <= MAX_HEADER_CHARS
                && !text.contains(['。', '；', '，'])
                && serial(text).is_none()
        };
        // The header has as many cells as the rows or more (an empty cell
        // of a row may leave no line).
        let start = (header_end.saturating_sub(MAX_SERIAL_COLUMNS)
            ..=header_end.checked_sub(columns)?)
            .rev()
            .take_while(|u| is_header(u))
            .find(|&u| names_serials(self.text(u)))?;
        let cells = |from: usize, width: usize| self.cells[from..from + width].to_vec();
        let mut rows: Vec<Vec<Range<usize>>> = vec![cells(start, header_end - start)];
        if grouped {
            rows.push(cells(header_end, 1));
        }
        let mut row_start = first;
        let mut last = 0;
        // The next serial: one more than the last, or after group rows any
        // later one (rows left out of the published table, 14 then 21).
        let next_serial = |u: usize, last: u32, grouped: bool| {
            (u < count)
                .then(|| serial(self.text(u)))
                .flatten()
                .filter(|&n| n == last + 1 || (grouped && n > last && n <= last + MAX_SKIPPED))
        };
        let mut groups = 0;
        loop {
            if row_start + columns <= count {
                if let Some(n) = next_serial(row_start, last, groups > 0) {
                    rows.push(cells(row_start, columns));
                    row_start += columns;
                    last = n;
                    groups = 0;
                    continue;
                }
            }
            // Group rows, then a row.
            let run = (row_start..count.min(row_start + MAX_GROUP_ROWS))
                .take_while(|&u| is_group_row(self.text(u)))
                .count();
            if run == 0 || next_serial(row_start + run, last, true).is_none() {
                break;
            }
            rows.extend((row_start..row_start + run).map(|u| cells(u, 1)));
            row_start += run;
            groups = run;
        }
        if rows.len() < MIN_SERIAL_ROWS {
            return None;
        }
        let lines = self.cells[start].start..self.cells[row_start - 1].end;
        Some(StreamTable { lines, rows })
    }
}

/// Whether a header cell names a column of serials: 序号, 编号, 序.
fn names_serials(text: &str) -> bool {
    text.contains(['序', '号'])
}

/// A row of one cell over the rows of a group (一、知识产权保护方面（共5项））:
/// a short line opening with a heading number, no sentence in it.
fn is_group_row(text: &str) -> bool {
    text.chars().count() <= MAX_GROUP_CHARS
        && !text.contains('。')
        && marker(text)
            .is_some_and(|m| matches!(m.kind, MarkerKind::Chinese | MarkerKind::ParenChinese))
}

/// A serial printed alone: `1`, `１`, `1.`.
fn serial(text: &str) -> Option<u32> {
    // Four full-width digits and a mark at most: a cheap test first, as
    // every line is looked at.
    if text.len() > 15
        || !text.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return None;
    }
    let digits: String = text
        .trim_end_matches(['.', '．', '、'])
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn groups_cells_into_rows() {
        let text = "标题\n\n 序号\n \t \n 名称\n \t \n  \n \n 1\n \t \n 计算方法：甲。\n 来源：乙。\n \t \n \n 说明。\n";
        let lines = split_lines(text);
        let tables = find_stream_tables(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows, [vec![1..2, 2..3], vec![3..4, 4..6]]);
        assert_eq!(tables[0].lines, 1..6);
    }

    #[test]
    fn a_serial_table_one_cell_per_line_is_found() {
        let text =
            "附件\n序号\n单位\n金额（万元）\n1\n市财政局\n100\n2\n市教育局\n80\n合计：180万元。\n";
        let lines = split_lines(text);
        let tables = find_serial_tables(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].lines, 1..10);
        assert_eq!(tables[0].rows.len(), 3);
        assert_eq!(tables[0].rows[2], vec![7..8, 8..9, 9..10]);
    }

    #[test]
    fn a_serial_table_with_group_rows_and_skipped_serials_is_found() {
        let text = "清单\n编号\n举措\n范围\n一、甲方面（共2项）\n1\n甲一\n全国\n2\n甲二\n全国\n二、乙方面（共1项）\n三、丙方面（共1项）\n9\n丙一\n全国\n说明。\n";
        let lines = split_lines(text);
        let tables = find_serial_tables(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].lines, 1..16);
        let widths: Vec<usize> = tables[0].rows.iter().map(Vec::len).collect();
        assert_eq!(widths, [3, 1, 3, 3, 1, 1, 3]);
    }

    #[test]
    fn cells_without_row_ends_are_rows_by_their_serials() {
        let text = "序号\n\t\n名称\n\t\n1\n\t\n甲\n\t\n2\n\t\n乙\n\t\n3\n\t\n丙\n";
        let lines = split_lines(text);
        let tables = find_stream_tables(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].lines, 0..8);
        let widths: Vec<usize> = tables[0].rows.iter().map(Vec::len).collect();
        assert_eq!(widths, [2, 2, 2, 2]);
    }

    #[test]
    fn numbered_prose_is_no_serial_table() {
        let text = "要求如下\n1\n加强领导，落实责任。\n2\n强化督查。\n3\n";
        assert!(find_serial_tables(&split_lines(text)).is_empty());
    }

    #[test]
    fn empty_cells_and_cells_over_blank_lines_are_kept() {
        let text = " 编号\n \t \n 说明\n \t \n \n 1\n \t \n \u{a0}\n \t \n 甲\n \t \n \n （十四）\n   \n 医务\n   \n 满意度\n \t \n 乙\n \t \n \n 注：完。\n";
        let lines = split_lines(text);
        let tables = find_stream_tables(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows[1], vec![2..3, 3..3, 3..4]);
        assert_eq!(tables[0].rows[2], vec![4..7, 7..8]);
    }

    #[test]
    fn a_lone_tab_line_is_no_table() {
        let lines = split_lines("国务院\n2019年1月27日\n（此件公开发布）\n\t \n \n");
        assert!(find_stream_tables(&lines).is_empty());
    }
}
