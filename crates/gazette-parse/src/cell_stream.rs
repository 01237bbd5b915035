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
//! restored from the text and are reported by the table builder.
//!
//! Text copied from a web page may print a table one cell per line with no
//! tab lines at all. [`find_serial_tables`] finds those whose first column
//! is 序号: a line 序号, the other headers one per line, then rows that
//! each open with the next serial (1, 2, 3 …) and have as many one-line
//! cells as the header. Only web text is read so (gazette text has its
//! tables on tab-separated lines).

use std::ops::Range;

use crate::lines::{CellEnd, Line};

/// A table found in the lines: the lines it covers and its rows, each a
/// list of cells, each a range of lines.
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
        if lines[end].cell_end == Some(CellEnd::Row) {
            rows.push(std::mem::take(&mut row));
        }
        k = end + 1;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    let is_table = rows.len() >= 2 && rows.iter().any(|r| r.len() >= 2);
    is_table.then_some(StreamTable {
        lines: start..k,
        rows,
    })
}

/// The last line of the cell that starts at line `k`: the first line that
/// a tab line closes. Inside a table a cell may hold blank lines (a `<br>`
/// rendered twice); the first cell of a table may not, so that a title
/// above the table stays out of it.
fn cell_end(lines: &[Line<'_>], k: usize, in_table: bool) -> Option<usize> {
    let mut gaps = 0;
    for j in k..(k + MAX_CELL_LINES).min(lines.len()) {
        if lines[j].cell_end.is_some() {
            return Some(j);
        }
        let next = lines.get(j + 1)?;
        gaps += usize::from(next.gap_before);
        if gaps > usize::from(in_table) {
            return None;
        }
    }
    None
}

/// Most columns a table printed one cell per line is looked for with.
const MAX_SERIAL_COLUMNS: usize = 10;

/// Finds every table printed one cell per line whose first column is 序号
/// and whose rows open with the serials 1, 2, 3 …; each cell one line.
pub(crate) fn find_serial_tables(lines: &[Line<'_>]) -> Vec<StreamTable> {
    let mut tables = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        match read_serial_table(lines, k) {
            Some(table) => {
                k = table.lines.end;
                tables.push(table);
            }
            None => k += 1,
        }
    }
    tables
}

fn read_serial_table(lines: &[Line<'_>], start: usize) -> Option<StreamTable> {
    if !matches!(lines[start].text, "序号" | "编号") {
        return None;
    }
    let first_row = (start + 1..lines.len().min(start + 1 + MAX_SERIAL_COLUMNS))
        .find(|&k| serial(lines[k].text) == Some(1))?;
    let columns = first_row - start;
    let is_header = |k: usize| {
        let text = lines[k].text;
        text.chars().count() <= 20 && !text.contains(['。', '；', '，'])
    };
    if columns < 2 || !(start + 1..first_row).all(is_header) {
        return None;
    }
    let cells = |row_start: usize| (row_start..row_start + columns).map(|k| k..k + 1).collect();
    let mut rows: Vec<Vec<Range<usize>>> = vec![cells(start)];
    let mut row_start = first_row;
    let mut expected = 1;
    while row_start + columns <= lines.len() && serial(lines[row_start].text) == Some(expected) {
        rows.push(cells(row_start));
        row_start += columns;
        expected += 1;
    }
    (rows.len() >= 3).then_some(StreamTable {
        lines: start..row_start,
        rows,
    })
}

/// A serial printed alone: `1`, `１`, `1.`.
fn serial(text: &str) -> Option<u32> {
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
    fn a_lone_tab_line_is_no_table() {
        let lines = split_lines("国务院\n2019年1月27日\n（此件公开发布）\n\t \n \n");
        assert!(find_stream_tables(&lines).is_empty());
    }
}
