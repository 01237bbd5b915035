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
//!
//! A table whose last row is the last thing of its column or page is left
//! open ([`OpenTable`]): at the top of the next column or page, the rows
//! that fit its columns (shifted with the text's left edge; one cell is
//! enough for the first) are its next rows, not a table of their own. When
//! that first row leaves the first column empty and has text only in the
//! columns whose cells reached the foot, it is the rest of the last row,
//! cut by the break; `layout` joins it to the row's start, cell by cell
//! (the text a PDF gives is a reading of its layout, so the join is part of
//! that reading, as the joining of a cell's lines is). Where the part before
//! the break was no table, the rows right above a table that fit its
//! columns are its rows (a lone block only outside the first column).
//!
//! Two-column text whose columns start at the same heights is not a table:
//! on a page with a gutter, a grid across it counts only with three columns
//! or more and rows that cross the gutter; other grids are looked for on
//! each side of it.
//!
//! What this module is not: a reader of tables with cells centred
//! vertically (their tops do not align), of spanning cells, or of the
//! ruling itself (`pdftotext` does not give the lines).

use crate::layout::{BlockKind, TextBlock, TextLine};

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
    /// The right edge known before any row: a table continued from the
    /// last column or page keeps its width (infinite for a new table).
    limit: f64,
    /// How the table continues one open before a column or page break.
    continues: Continues,
}

/// Whether a table continues one that reached the foot of the column or
/// page before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Continues {
    /// A table of its own.
    No,
    /// The next rows of that table.
    Rows,
    /// The rest of that table's last row (cut by the break), then its next
    /// rows.
    CutRow,
}

/// A table whose last row is the last thing of its column or page, as the
/// next column or page needs it to read on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpenTable {
    /// Its columns' left edges, from the left edge of its column of text.
    columns: Vec<f64>,
    /// Its right edge, from the same.
    right: f64,
    /// The columns whose cells in the last row reach the foot: the cells a
    /// break may have cut.
    cut: Vec<usize>,
}

/// The tables of a page, and the one left open at its foot.
#[derive(Debug)]
pub(crate) struct Tables<'a> {
    pub grids: Vec<Grid<'a>>,
    pub open: Option<OpenTable>,
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

    /// Each row as one block of one line, top to bottom; the rest of a
    /// row cut by a break is marked as such, to be joined to its start.
    pub fn row_blocks(&self) -> Vec<TextBlock> {
        let mut blocks: Vec<TextBlock> = self.rows.iter().map(|row| self.row_block(row)).collect();
        if let Some(first) = blocks
            .first_mut()
            .filter(|_| self.continues == Continues::CutRow)
        {
            first.kind = BlockKind::RowRest;
        }
        blocks
    }

    /// Whether the table goes on from the column or page before.
    pub fn continues(&self) -> bool {
        self.continues != Continues::No
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
                ..TextLine::default()
            }],
            kind: BlockKind::Row,
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

/// The text of a cell: its lines joined (see [`join_cell`]).
fn cell_text(block: &TextBlock) -> String {
    let mut text = String::new();
    for line in &block.lines {
        join_cell(&mut text, &line.text);
    }
    text
}

/// Appends `more` to a cell's `text`, with a space only between Latin
/// words (a wrapped Chinese line joins without one, and so does a number
/// the line end broke: “9 / 56”).
fn join_cell(text: &mut String, more: &str) {
    let (Some(end), Some(start)) = (text.chars().last(), more.chars().next()) else {
        text.push_str(more);
        return;
    };
    let latin = end.is_ascii_alphanumeric() && start.is_ascii_alphanumeric();
    let number = end.is_ascii_digit() && start.is_ascii_digit();
    if latin && !number {
        text.push(' ');
    }
    text.push_str(more);
}

/// Joins the rest of a row cut by a column or page break (a row block
/// marked [`BlockKind::RowRest`]) to the row's start, cell by cell.
pub(crate) fn join_cut_row(row: &mut TextBlock, rest: &TextBlock) {
    let (Some(start), Some(more)) = (row.lines.first_mut(), rest.lines.first()) else {
        return;
    };
    let mut cells: Vec<String> = start.text.split('\t').map(str::to_owned).collect();
    for (column, piece) in more.text.split('\t').enumerate() {
        match cells.get_mut(column) {
            Some(cell) => join_cell(cell, piece),
            None => cells.push(piece.to_owned()),
        }
    }
    start.text = cells.join("\t");
}

/// The tables among `body` (see the module documentation), `open` the
/// table left open at the foot of the page before.
pub(crate) fn find_tables<'a>(
    body: &[&'a TextBlock],
    gutter: Option<f64>,
    open: Option<&OpenTable>,
) -> Tables<'a> {
    let Some(gutter) = gutter else {
        return grids(body.to_vec(), open);
    };
    // A table wider than a column goes on across the page, another in the
    // first column.
    let left_edge = body.iter().map(|b| b.x0).fold(f64::INFINITY, f64::min);
    let (wide, narrow) = match open {
        Some(open) if open.right + left_edge > gutter => (Some(open), None),
        _ => (None, open),
    };
    let page = grids(body.to_vec(), wide);
    let kept = |grid: &Grid<'_>| grid.continues() || grid.crosses(gutter);
    let page_open = page.open.filter(|_| page.grids.last().is_some_and(kept));
    let across: Vec<Grid<'a>> = page.grids.into_iter().filter(kept).collect();
    let free = |side: &dyn Fn(&TextBlock) -> bool| -> Vec<&'a TextBlock> {
        body.iter()
            .copied()
            .filter(|b| side(b) && !across.iter().any(|g| g.contains(b)))
            .collect()
    };
    let left = grids(free(&|b| b.x1 <= gutter), narrow);
    let right = grids(free(&|b| b.x0 >= gutter), left.open.as_ref());
    let mut out = left.grids;
    out.extend(right.grids);
    out.extend(across);
    Tables {
        grids: out,
        open: right.open.or(page_open),
    }
}

/// The grids among `blocks` (one column of text, or a page), top to
/// bottom: first the rest of `open`, then new ones.
fn grids<'a>(blocks: Vec<&'a TextBlock>, open: Option<&OpenTable>) -> Tables<'a> {
    let left = blocks.iter().map(|b| b.x0).fold(f64::INFINITY, f64::min);
    let clusters = top_clusters(blocks.clone());
    let mut out = Vec::new();
    let mut taken = 0;
    if let Some((grid, end)) = open.and_then(|open| continue_table(open, &clusters, left)) {
        out.push(grid);
        taken = end;
    }
    let mut k = taken;
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
    let open = out.last().and_then(|grid| grid.left_open(&blocks, left));
    Tables { grids: out, open }
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
/// rows above it, never before `taken`) up to the returned end.
fn grow<'a>(
    clusters: &[Vec<&'a TextBlock>],
    taken: usize,
    seed: usize,
) -> Option<(Grid<'a>, usize)> {
    let first = clusters.get(seed)?;
    if first.len() < MIN_COLUMNS || first.windows(2).any(|w| w[1].x0 < w[0].x1 - EDGE_TOLERANCE) {
        return None;
    }
    let mut grid = Grid {
        columns: first.iter().map(|b| b.x0).collect(),
        rows: Vec::new(),
        limit: f64::INFINITY,
        continues: Continues::No,
    };
    let end = seed + grid.take_rows(&clusters[seed..], 2);
    if grid.multi_cell_rows() < 2 || !grid.columns_filled() || grid.letter_spaced() {
        return None;
    }
    grid.take_rows_above(&clusters[taken..seed]);
    Some((grid, end))
}

/// The rest of `open` at the top of `clusters` (a column or page whose
/// text starts at `left`): the rows from the first that fit its columns,
/// the first of them the rest of its cut last row when its first cell is
/// empty and it has text only in the columns that reached the foot (a
/// new row fills its first column, or a column the last row left short),
/// else a row of two cells or more.
fn continue_table<'a>(
    open: &OpenTable,
    clusters: &[Vec<&'a TextBlock>],
    left: f64,
) -> Option<(Grid<'a>, usize)> {
    let mut grid = Grid {
        columns: open.columns.iter().map(|x| x + left).collect(),
        rows: Vec::new(),
        limit: open.right + left,
        continues: Continues::Rows,
    };
    let end = grid.take_rows(clusters, 1);
    let first = grid.rows.first()?;
    let first_empty = first.iter().all(|&(column, _)| column > 0);
    if first_empty && first.iter().all(|(column, _)| open.cut.contains(column)) {
        grid.continues = Continues::CutRow;
    } else if first.len() < 2 {
        // One block that fits a column is no row of its own: a heading.
        return None;
    }
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

    /// The right edge of the table: its limit when it has one, else its
    /// widest cell's (none while it has no rows).
    fn right_edge(&self) -> f64 {
        if self.rows.is_empty() || self.limit.is_finite() {
            return self.limit;
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

    /// Takes the clusters, from the first, that are rows of the table (each
    /// below the last, two cells or more, the first row `first_cells` or
    /// more); returns how many clusters it went through.
    fn take_rows(&mut self, clusters: &[Vec<&'a TextBlock>], first_cells: usize) -> usize {
        let mut end = 0;
        let mut bottom = f64::NEG_INFINITY;
        for cluster in clusters {
            let cells = self.overlapping(cluster);
            if cells.is_empty() {
                end += 1;
                continue;
            }
            let least = if self.rows.is_empty() { first_cells } else { 2 };
            let below = cells.iter().all(|b| b.y0 >= bottom - TOP_TOLERANCE);
            let Some(row) = self.fit(&cells).filter(|row| below && row.len() >= least) else {
                break;
            };
            bottom = cells.iter().map(|b| b.y1).fold(bottom, f64::max);
            self.rows.push(row);
            end += 1;
        }
        end
    }

    /// Takes the rows right above the first row that fit its columns: the
    /// rest of a table cut by a page or column break where it was not found
    /// as a table, whose first rows may lack the columns that make one. A
    /// lone block is such a row only outside the first column (the rest of
    /// a cut row); in the first column it is as likely a line of text above
    /// the table, such as a title's last line.
    fn take_rows_above(&mut self, above: &[Vec<&'a TextBlock>]) {
        for cluster in above.iter().rev() {
            let cells = self.overlapping(cluster);
            if cells.is_empty() {
                continue;
            }
            let top = self.rows.first().map_or(f64::INFINITY, |row| {
                row.iter().map(|(_, b)| b.y0).fold(f64::INFINITY, f64::min)
            });
            let above_top = cells.iter().all(|b| b.y1 <= top + TOP_TOLERANCE);
            let is_row = |row: &Vec<(usize, &TextBlock)>| {
                row.len() >= 2 || row.iter().all(|&(column, _)| column > 0)
            };
            match self.fit(&cells).filter(|row| above_top && is_row(row)) {
                Some(row) => self.rows.insert(0, row),
                None => return,
            }
        }
    }

    /// The table as open at the foot of `region` (whose text starts at
    /// `left`), when nothing there lies below its last row.
    fn left_open(&self, region: &[&TextBlock], left: f64) -> Option<OpenTable> {
        let last = self.rows.last()?;
        let top = last.iter().map(|(_, b)| b.y0).fold(f64::INFINITY, f64::min);
        let bottom = last
            .iter()
            .map(|(_, b)| b.y1)
            .fold(f64::NEG_INFINITY, f64::max);
        let below = |b: &&TextBlock| b.y0 > top + TOP_TOLERANCE && !self.contains(b);
        if region.iter().any(below) {
            return None;
        }
        Some(OpenTable {
            columns: self.columns.iter().map(|x| x - left).collect(),
            right: self.right_edge() - left,
            cut: last
                .iter()
                .filter(|(_, b)| b.y1 >= bottom - TOP_TOLERANCE)
                .map(|&(column, _)| column)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests;
