//! Ruled tables on a page → one line per row, cells joined by TAB.
//!
//! In a ruled table each cell is a block of its own in `pdftotext
//! -bbox-layout`, and the cells of a row start at the same height when the
//! table sets its text at the top of the cells. This module finds such
//! grids: rows of blocks side by side whose tops align, over two rows or
//! more of two cells or more, whose cells keep to the same columns (the
//! same left edges, no cell reaching into the next column), with nothing
//! else between the rows. Each row becomes one line: its cells left to
//! right, empty columns empty, joined by TAB, each cell's lines joined as
//! one text; so the parser rebuilds the table as from a gazette's own text.
//! Rows right above a table that fit its columns (one cell is enough) are
//! the rest of a table cut by a page or column break, and come out as rows
//! of their own.
//!
//! Two-column text whose columns start at the same heights is not a table:
//! on a page with a gutter, a grid across it counts only with three columns
//! or more and rows that cross the gutter; other grids are looked for on
//! each side of it.
//!
//! What this module is not: a reader of tables with cells centred
//! vertically (their tops do not align), of spanning cells, or of the
//! ruling itself (`pdftotext` does not give the lines).

use crate::layout::{TextBlock, TextLine};

/// The fewest columns of a table: two blocks side by side, line after
/// line, are as often a heading and its title (第二章 / 总则, in a list of
/// contents) as a table.
const MIN_COLUMNS: usize = 3;
/// How far apart the tops of the cells of one row may be.
const TOP_TOLERANCE: f64 = 1.0;
/// How far apart the left edges of the cells of one column may be.
const EDGE_TOLERANCE: f64 = 2.0;

/// A table found on a page: its columns' left edges and its rows, each a
/// list of (column, block).
#[derive(Debug)]
pub(crate) struct Grid<'a> {
    columns: Vec<f64>,
    rows: Vec<Vec<(usize, &'a TextBlock)>>,
}

impl<'a> Grid<'a> {
    /// Every block of the table.
    pub fn cells(&self) -> impl Iterator<Item = &'a TextBlock> + '_ {
        self.rows.iter().flatten().map(|&(_, block)| block)
    }

    /// Whether `block` is one of the table's cells.
    pub fn contains(&self, block: &TextBlock) -> bool {
        self.cells().any(|cell| std::ptr::eq(cell, block))
    }

    /// Each row as one block of one line, top to bottom.
    pub fn row_blocks(&self) -> Vec<TextBlock> {
        self.rows.iter().map(|row| self.row_block(row)).collect()
    }

    fn row_block(&self, row: &[(usize, &TextBlock)]) -> TextBlock {
        let mut cells = vec![String::new(); self.columns.len()];
        for &(column, block) in row {
            if let Some(cell) = cells.get_mut(column) {
                *cell = cell_text(block);
            }
        }
        let blocks = row.iter().map(|&(_, b)| b);
        let x0 = blocks.clone().map(|b| b.x0).fold(f64::INFINITY, f64::min);
        let y0 = blocks.clone().map(|b| b.y0).fold(f64::INFINITY, f64::min);
        TextBlock {
            x0,
            y0,
            x1: blocks
                .clone()
                .map(|b| b.x1)
                .fold(f64::NEG_INFINITY, f64::max),
            y1: blocks.map(|b| b.y1).fold(f64::NEG_INFINITY, f64::max),
            lines: vec![TextLine {
                y0,
                x0,
                text: cells.join("\t"),
            }],
        }
    }

    fn multi_cell_rows(&self) -> usize {
        self.rows.iter().filter(|row| row.len() >= 2).count()
    }

    /// Whether every column has cells in two rows or more: a third block
    /// beside one line of a list (a title's second line) makes no column.
    fn columns_filled(&self) -> bool {
        (0..self.columns.len()).all(|column| {
            let filled = self
                .rows
                .iter()
                .filter(|row| row.iter().any(|&(c, _)| c == column));
            filled.count() >= 2
        })
    }

    /// Whether most cells hold one character: a word printed with its
    /// characters spaced out (联　系　电　话), not a table.
    fn letter_spaced(&self) -> bool {
        let cells = self.cells().count();
        let single = self
            .cells()
            .filter(|b| {
                b.lines
                    .iter()
                    .map(|l| l.text.trim().chars().count())
                    .sum::<usize>()
                    <= 1
            })
            .count();
        2 * single > cells
    }

    /// Whether the table lies across the gutter: three columns or more,
    /// and most rows with cells on both sides.
    fn crosses(&self, gutter: f64) -> bool {
        let across = self
            .rows
            .iter()
            .filter(|row| row.iter().any(|(_, b)| b.x1 <= gutter))
            .filter(|row| row.iter().any(|(_, b)| b.x0 >= gutter))
            .count();
        2 * across > self.multi_cell_rows()
    }
}

/// The text of a cell: its lines joined, with a space only between Latin
/// letters or digits (a wrapped Chinese line joins without one).
fn cell_text(block: &TextBlock) -> String {
    let mut text = String::new();
    for line in &block.lines {
        let latin_end = text
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let latin_start = line
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if latin_end && latin_start {
            text.push(' ');
        }
        text.push_str(&line.text);
    }
    text
}

/// The tables among `body` (see the module documentation).
pub(crate) fn find_tables<'a>(body: &[&'a TextBlock], gutter: Option<f64>) -> Vec<Grid<'a>> {
    let Some(gutter) = gutter else {
        return grids(body.to_vec());
    };
    let across: Vec<Grid<'a>> = grids(body.to_vec())
        .into_iter()
        .filter(|grid| grid.crosses(gutter))
        .collect();
    let free = |side: &dyn Fn(&TextBlock) -> bool| -> Vec<&'a TextBlock> {
        body.iter()
            .copied()
            .filter(|b| side(b) && !across.iter().any(|g| g.contains(b)))
            .collect()
    };
    let left = free(&|b| b.x1 <= gutter);
    let right = free(&|b| b.x0 >= gutter);
    let mut out = grids(left);
    out.extend(grids(right));
    out.extend(across);
    out
}

/// The grids among `blocks`, top to bottom.
fn grids(blocks: Vec<&TextBlock>) -> Vec<Grid<'_>> {
    let clusters = top_clusters(blocks);
    let mut out = Vec::new();
    let mut taken = 0;
    let mut k = 0;
    while k < clusters.len() {
        match grow(&clusters, taken, k) {
            Some((grid, end)) => {
                out.push(grid);
                taken = end;
                k = end;
            }
            None => k += 1,
        }
    }
    out
}

/// Blocks grouped by their top, top to bottom, each group left to right.
fn top_clusters(mut blocks: Vec<&TextBlock>) -> Vec<Vec<&TextBlock>> {
    blocks.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut clusters: Vec<Vec<&TextBlock>> = Vec::new();
    for block in blocks {
        match clusters.last_mut() {
            Some(last)
                if last
                    .first()
                    .is_some_and(|f| block.y0 - f.y0 <= TOP_TOLERANCE) =>
            {
                last.push(block);
            }
            _ => clusters.push(vec![block]),
        }
    }
    for cluster in &mut clusters {
        cluster.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    clusters
}

/// The grid seeded by cluster `seed`, with the clusters it takes (from the
/// lone cells above it, never before `taken`) up to the returned end.
fn grow<'a>(
    clusters: &[Vec<&'a TextBlock>],
    taken: usize,
    seed: usize,
) -> Option<(Grid<'a>, usize)> {
    let first = clusters.get(seed)?;
    if first.len() < MIN_COLUMNS || first.windows(2).any(|w| w[1].x0 < w[0].x1 - EDGE_TOLERANCE) {
        return None;
    }
    let columns: Vec<f64> = first.iter().map(|b| b.x0).collect();
    let mut grid = Grid {
        columns,
        rows: Vec::new(),
    };
    let mut end = seed;
    let mut bottom = f64::NEG_INFINITY;
    for cluster in &clusters[seed..] {
        let cells = grid.overlapping(cluster);
        if cells.is_empty() {
            end += 1;
            continue;
        }
        let below = cells.iter().all(|b| b.y0 >= bottom - TOP_TOLERANCE);
        let Some(row) = grid.fit(&cells).filter(|row| below && row.len() >= 2) else {
            break;
        };
        bottom = cells.iter().map(|b| b.y1).fold(bottom, f64::max);
        grid.rows.push(row);
        end += 1;
    }
    if grid.multi_cell_rows() < 2 || !grid.columns_filled() || grid.letter_spaced() {
        return None;
    }
    grid.take_lone_cells_above(&clusters[taken..seed]);
    Some((grid, end))
}

impl<'a> Grid<'a> {
    /// The blocks of `cluster` that lie within the table's width.
    fn overlapping(&self, cluster: &[&'a TextBlock]) -> Vec<&'a TextBlock> {
        let left = self.columns.first().copied().unwrap_or(0.0) - EDGE_TOLERANCE;
        let right = self.right_edge();
        cluster
            .iter()
            .copied()
            .filter(|b| b.x0 < right && b.x1 > left)
            .collect()
    }

    /// The right edge of the table: its widest cell's (none while it has
    /// no rows).
    fn right_edge(&self) -> f64 {
        if self.rows.is_empty() {
            return f64::INFINITY;
        }
        self.cells().map(|b| b.x1).fold(f64::NEG_INFINITY, f64::max)
    }

    /// `cells` as a row of this table: each in a column of its own, starting
    /// at the column's left edge and ending before the next column.
    fn fit(&self, cells: &[&'a TextBlock]) -> Option<Vec<(usize, &'a TextBlock)>> {
        let mut row: Vec<(usize, &'a TextBlock)> = Vec::with_capacity(cells.len());
        for &cell in cells {
            let column = self
                .columns
                .iter()
                .position(|&x| (cell.x0 - x).abs() <= EDGE_TOLERANCE)?;
            let next = self
                .columns
                .get(column + 1)
                .copied()
                .unwrap_or(f64::INFINITY);
            let inside = cell.x1 <= next + EDGE_TOLERANCE;
            let fresh = row.last().is_none_or(|&(c, _)| c < column);
            if !inside || !fresh {
                return None;
            }
            row.push((column, cell));
        }
        Some(row)
    }

    /// Takes the rows right above the first row that fit its columns: the
    /// rest of a table cut by a page or column break, whose first rows may
    /// lack the columns that make a table.
    fn take_lone_cells_above(&mut self, above: &[Vec<&'a TextBlock>]) {
        for cluster in above.iter().rev() {
            let cells = self.overlapping(cluster);
            if cells.is_empty() {
                continue;
            }
            let top = self.rows.first().map_or(f64::INFINITY, |row| {
                row.iter().map(|(_, b)| b.y0).fold(f64::INFINITY, f64::min)
            });
            let above_top = cells.iter().all(|b| b.y1 <= top + TOP_TOLERANCE);
            match self.fit(&cells).filter(|_| above_top) {
                Some(row) => self.rows.insert(0, row),
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(x0: f64, y0: f64, x1: f64, lines: &[&str]) -> TextBlock {
        TextBlock {
            x0,
            y0,
            x1,
            y1: y0 + 10.0 * lines.len() as f64,
            lines: lines
                .iter()
                .zip(0..)
                .map(|(text, k)| TextLine {
                    y0: y0 + 10.0 * f64::from(k),
                    x0,
                    text: (*text).to_owned(),
                })
                .collect(),
        }
    }

    fn rows(blocks: &[TextBlock], gutter: Option<f64>) -> Vec<Vec<String>> {
        let body: Vec<&TextBlock> = blocks.iter().collect();
        find_tables(&body, gutter)
            .iter()
            .map(|grid| {
                grid.row_blocks()
                    .into_iter()
                    .map(|row| row.lines[0].text.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rows_of_aligned_cells_become_tab_separated_lines() {
        let blocks = [
            cell(50.0, 100.0, 80.0, &["序号"]),
            cell(100.0, 100.0, 140.0, &["工作任务"]),
            cell(150.0, 100.0, 190.0, &["责任单位"]),
            cell(50.0, 120.0, 60.0, &["1"]),
            cell(100.0, 120.0, 145.0, &["推进决策", "公开"]),
            cell(150.0, 120.0, 195.0, &["市政府办", "公厅"]),
            cell(100.0, 150.0, 145.0, &["IPv6", "2019"]),
            cell(50.0, 170.0, 300.0, &["表后的一段正文，不在表中。"]),
        ];
        assert_eq!(
            rows(&blocks, None),
            [["序号\t工作任务\t责任单位", "1\t推进决策公开\t市政府办公厅"]]
        );
    }

    #[test]
    fn the_rest_of_a_cut_row_above_a_table_is_a_row() {
        let blocks = [
            cell(150.0, 50.0, 195.0, &["上一页的", "余下部分"]),
            cell(50.0, 100.0, 60.0, &["2"]),
            cell(100.0, 100.0, 145.0, &["任务"]),
            cell(150.0, 100.0, 195.0, &["要求"]),
            cell(50.0, 120.0, 60.0, &["3"]),
            cell(100.0, 120.0, 145.0, &["任务"]),
            cell(150.0, 120.0, 195.0, &["要求"]),
        ];
        assert_eq!(
            rows(&blocks, None),
            [["\t\t上一页的余下部分", "2\t任务\t要求", "3\t任务\t要求"]]
        );
    }

    #[test]
    fn two_columns_of_text_starting_at_the_same_heights_are_no_table() {
        let blocks = [
            cell(50.0, 100.0, 280.0, &["左栏第一段"]),
            cell(320.0, 100.0, 550.0, &["右栏第一段"]),
            cell(50.0, 120.0, 280.0, &["左栏第二段"]),
            cell(320.0, 120.0, 550.0, &["右栏第二段"]),
        ];
        assert!(rows(&blocks, Some(300.0)).is_empty());
    }

    #[test]
    fn tables_in_both_columns_stay_apart() {
        let blocks = [
            cell(50.0, 100.0, 90.0, &["左头一"]),
            cell(120.0, 100.0, 160.0, &["左头二"]),
            cell(190.0, 100.0, 230.0, &["左头三"]),
            cell(320.0, 100.0, 360.0, &["右头一"]),
            cell(390.0, 100.0, 430.0, &["右头二"]),
            cell(460.0, 100.0, 500.0, &["右头三"]),
            cell(50.0, 120.0, 90.0, &["左一"]),
            cell(120.0, 120.0, 160.0, &["左二"]),
            cell(190.0, 120.0, 230.0, &["左三"]),
            cell(320.0, 130.0, 360.0, &["右一"]),
            cell(390.0, 130.0, 430.0, &["右二"]),
            cell(460.0, 130.0, 500.0, &["右三"]),
        ];
        assert_eq!(
            rows(&blocks, Some(300.0)),
            [
                ["左头一\t左头二\t左头三", "左一\t左二\t左三"],
                ["右头一\t右头二\t右头三", "右一\t右二\t右三"]
            ]
        );
    }

    #[test]
    fn a_wide_table_across_a_false_gutter_is_one_table() {
        let blocks = [
            cell(50.0, 100.0, 140.0, &["序号"]),
            cell(150.0, 100.0, 290.0, &["任务"]),
            cell(310.0, 100.0, 440.0, &["要求"]),
            cell(450.0, 100.0, 550.0, &["单位"]),
            cell(50.0, 120.0, 140.0, &["1"]),
            cell(150.0, 120.0, 290.0, &["甲"]),
            cell(310.0, 120.0, 440.0, &["乙"]),
            cell(450.0, 120.0, 550.0, &["丙"]),
        ];
        assert_eq!(
            rows(&blocks, Some(300.0)),
            [["序号\t任务\t要求\t单位", "1\t甲\t乙\t丙"]]
        );
    }
}
