//! `pdftotext -bbox-layout` output → the text of each page in reading order.
//!
//! Poppler's own reading order (`pdftotext` without `-layout`) interleaves
//! the two columns of a gazette page line by line when the columns' lines
//! sit on the same baselines, and `-layout` prints them side by side; both
//! are wrong for a gazette. Its blocks, though, each lie within one column.
//! So this module reads the blocks with their boxes and orders them itself:
//! when a page has a gutter (a vertical strip near the middle that almost no
//! block crosses), the page is cut into bands at the blocks that do cross it
//! (a title over both columns), and in each band the left column is read to
//! its end before the right one. Headers and footers in the page margins
//! come first and last. A page without a gutter keeps poppler's order.
//!
//! Ruled tables whose cells are set at their tops are found first (see
//! `grid`): each row becomes one line of TAB-separated cells and is placed
//! as one block, so a table is neither taken for two columns nor read
//! column by column. Poppler sometimes reads the cells of a row as one
//! block (their lines side by side, or even one line): a block whose words
//! fall in strips side by side, each with a line of its own, is cut into
//! one block per strip first. Pages are read in order, so that a table
//! left open at the foot of one goes on at the top of the next.
//!
//! What this module is not: a table reader beyond that (tables with cells
//! centred vertically come out cell by cell, as `pdftotext` gives them).

use crate::grid::{self, OpenTable};

/// A line of text with its box.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TextLine {
    pub y0: f64,
    pub x0: f64,
    pub text: String,
    /// Its words, as poppler cut them (empty for a line made here).
    pub words: Vec<Word>,
}

/// A word of a line, with its left and right edges and its height.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub x0: f64,
    pub x1: f64,
    pub height: f64,
    pub text: String,
}

/// A block of lines with its box, as poppler found it, or a table row.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TextBlock {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub lines: Vec<TextLine>,
    pub kind: BlockKind,
}

/// What a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum BlockKind {
    /// Text as poppler found it.
    #[default]
    Text,
    /// A table row, its cells joined by TAB.
    Row,
    /// The rest of the last table row before a column or page break,
    /// joined to that row (see `grid`).
    RowRest,
}

/// One page: its size and blocks in poppler's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PageLayout {
    pub width: f64,
    pub height: f64,
    pub blocks: Vec<TextBlock>,
}

/// Share of the page height at the top and at the bottom where running
/// headers, footers and page numbers sit.
const MARGIN_BAND: f64 = 0.1;
/// The most text lines (as a share of the page's) that may cross a gutter.
const MAX_CROSSING: f64 = 0.2;
/// The fewest lines each column needs for a page to count as two columns.
const MIN_COLUMN_LINES: usize = 5;
/// The narrowest gap, in word heights, between strips of words side by side
/// in one block (a space between words is narrower; the padding of two
/// table cells is wider).
const STRIP_GAP: f64 = 0.4;

/// Reads the XHTML that `pdftotext -bbox-layout` writes.
pub(crate) fn parse_bbox(xhtml: &str) -> Vec<PageLayout> {
    let mut pages = Vec::new();
    for raw in xhtml.lines() {
        let line = raw.trim();
        if line.starts_with("<page ") {
            pages.push(PageLayout {
                width: attr(line, "width"),
                height: attr(line, "height"),
                blocks: Vec::new(),
            });
        } else if line.starts_with("<block ") {
            if let Some(page) = pages.last_mut() {
                page.blocks.push(TextBlock {
                    x0: attr(line, "xMin"),
                    y0: attr(line, "yMin"),
                    x1: attr(line, "xMax"),
                    y1: attr(line, "yMax"),
                    lines: Vec::new(),
                    kind: BlockKind::Text,
                });
            }
        } else if line.starts_with("<line ") {
            if let Some(block) = pages.last_mut().and_then(|p| p.blocks.last_mut()) {
                block.lines.push(TextLine {
                    y0: attr(line, "yMin"),
                    x0: attr(line, "xMin"),
                    ..TextLine::default()
                });
            }
        } else if line.starts_with("<word ") {
            let word = line
                .split_once('>')
                .and_then(|(_, rest)| rest.strip_suffix("</word>"))
                .map(unescape)
                .unwrap_or_default();
            let target = pages
                .last_mut()
                .and_then(|p| p.blocks.last_mut())
                .and_then(|b| b.lines.last_mut());
            if let Some(target) = target {
                if !target.text.is_empty() {
                    target.text.push(' ');
                }
                target.text.push_str(&word);
                target.words.push(Word {
                    x0: attr(line, "xMin"),
                    x1: attr(line, "xMax"),
                    height: attr(line, "yMax") - attr(line, "yMin"),
                    text: word,
                });
            }
        }
    }
    pages
}

/// The value of attribute `name` in an XHTML start tag, 0 when absent.
fn attr(tag: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    tag.find(&key)
        .map(|at| &tag[at + key.len()..])
        .and_then(|rest| rest.split('"').next())
        .and_then(|value| value.parse().ok())
        .unwrap_or(0.0)
}

/// Undoes poppler's XML escaping and drops control characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.retain(|c| !c.is_control());
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The text of each page in reading order, one line per line. Blocks are
/// not set apart by blank lines: poppler cuts blocks at any change of
/// spacing, which says little about paragraphs, and the parser reads a
/// blank line as a paragraph end (a list of 附件 would fall apart). A table
/// left open at the foot of a page is read on at the top of the next, and
/// a row cut by the break is joined to its start on the page it starts on.
pub(crate) fn page_texts(pages: &[PageLayout]) -> Vec<String> {
    let mut open = None;
    let mut ordered: Vec<Vec<TextBlock>> = Vec::with_capacity(pages.len());
    for page in pages {
        let (blocks, left_open) = page.reading_order(open.as_ref());
        ordered.push(blocks);
        open = left_open;
    }
    join_cut_rows(&mut ordered);
    ordered
        .iter()
        .map(|blocks| {
            let mut out = String::new();
            for line in blocks.iter().flat_map(|b| &b.lines) {
                out.push_str(&line.text);
                out.push('\n');
            }
            out
        })
        .collect()
}

/// Joins each row marked as the rest of a cut row to the row before it in
/// reading order, which may be on the page before.
fn join_cut_rows(pages: &mut [Vec<TextBlock>]) {
    let mut last_row: Option<(usize, usize)> = None;
    for page in 0..pages.len() {
        let mut k = 0;
        while k < pages[page].len() {
            match (pages[page][k].kind, last_row) {
                (BlockKind::RowRest, Some((p, r))) => {
                    let rest = pages[page].remove(k);
                    grid::join_cut_row(&mut pages[p][r], &rest);
                    continue;
                }
                (BlockKind::Row | BlockKind::RowRest, _) => last_row = Some((page, k)),
                (BlockKind::Text, _) => {}
            }
            k += 1;
        }
    }
}

impl PageLayout {
    /// The blocks in reading order (see the module documentation), and the
    /// table left open at the page's foot; `open` is the one left open at
    /// the foot of the page before.
    fn reading_order(&self, open: Option<&OpenTable>) -> (Vec<TextBlock>, Option<OpenTable>) {
        let blocks: Vec<TextBlock> = self.blocks.iter().flat_map(split_strips).collect();
        let top = self.height * MARGIN_BAND;
        let bottom = self.height * (1.0 - MARGIN_BAND);
        let in_band = |b: &TextBlock| b.y1 <= top || b.y0 >= bottom;
        let core: Vec<&TextBlock> = blocks.iter().filter(|b| !in_band(b)).collect();
        // In a margin band and set apart from the body: the last line of a
        // column reaching into the band is body, a page number is not.
        let apart = |b: &TextBlock| {
            let room = 1.5 * (b.y1 - b.y0).max(1.0);
            core.iter().all(|c| (b.y0 - c.y1).max(c.y0 - b.y1) > room)
        };
        let (margins, body): (Vec<&TextBlock>, Vec<&TextBlock>) =
            blocks.iter().partition(|b| in_band(b) && apart(b));
        let raw_gutter = self.gutter(&body);
        let found = grid::find_tables(&body, raw_gutter, open);
        let tables = found.grids;
        let rows: Vec<TextBlock> = tables.iter().flat_map(grid::Grid::row_blocks).collect();
        let table_of = |b: &TextBlock| tables.iter().position(|t| t.contains(b));
        let body: Vec<&TextBlock> = body
            .into_iter()
            .filter(|b| table_of(b).is_none())
            .chain(&rows)
            .collect();
        // A gutter that a table crosses was the gap between its columns.
        let kept = raw_gutter.filter(|&g| rows.iter().all(|r| r.x1 <= g || r.x0 >= g));
        let Some(gutter) = kept.or_else(|| self.gutter(&body)) else {
            // Poppler's order, each table's rows where its first cell was.
            let mut out = Vec::with_capacity(blocks.len());
            let mut placed = vec![false; tables.len()];
            for block in &blocks {
                match table_of(block) {
                    None => out.push(block.clone()),
                    Some(t) if !placed[t] => {
                        placed[t] = true;
                        out.extend(tables[t].row_blocks());
                    }
                    Some(_) => {}
                }
            }
            return (out, found.open);
        };
        let (head, foot): (Vec<&TextBlock>, Vec<&TextBlock>) =
            margins.into_iter().partition(|b| b.y1 <= top);
        let mut out = merge_baselines(&head);
        out.extend(columns(&body, gutter));
        out.extend(merge_baselines(&foot));
        (out, found.open)
    }

    /// The x of a vertical strip near the middle that columns keep apart.
    fn gutter(&self, body: &[&TextBlock]) -> Option<f64> {
        let total: usize = body.iter().map(|b| b.lines.len()).sum();
        let mut best: Option<(usize, f64)> = None;
        for step in 30..=70 {
            let g = self.width * f64::from(step) / 100.0;
            let (mut left, mut right, mut crossing) = (0, 0, 0);
            for block in body {
                let n = block.lines.len();
                if block.x1 <= g {
                    left += n;
                } else if block.x0 >= g {
                    right += n;
                } else {
                    crossing += n;
                }
            }
            let columns = left >= MIN_COLUMN_LINES && right >= MIN_COLUMN_LINES;
            if columns && (crossing as f64) <= total as f64 * MAX_CROSSING {
                let centred = (g - self.width / 2.0).abs();
                let better = best.is_none_or(|(c, b)| {
                    crossing < c || (crossing == c && centred < (b - self.width / 2.0).abs())
                });
                if better {
                    best = Some((crossing, g));
                }
            }
        }
        best.map(|(_, g)| g)
    }
}

/// `block` cut into one block per strip when its words fall in strips side
/// by side (see [`STRIP_GAP`]), each with a line of its own:
/// the cells of a table row that poppler read as one block. Other blocks
/// come back whole.
fn split_strips(block: &TextBlock) -> Vec<TextBlock> {
    let strips = strips(block);
    let own_line = |&(x0, x1): &(f64, f64)| {
        block
            .lines
            .iter()
            .any(|l| !l.words.is_empty() && l.words.iter().all(|w| w.x0 >= x0 && w.x1 <= x1))
    };
    if strips.len() < 2 || !strips.iter().all(own_line) {
        return vec![block.clone()];
    }
    strips
        .iter()
        .map(|&(x0, x1)| strip_block(block, x0, x1))
        .collect()
}

/// The horizontal strips the words of `block` fill, left to right: words
/// that overlap or lie closer than [`STRIP_GAP`] are in one strip.
fn strips(block: &TextBlock) -> Vec<(f64, f64)> {
    let mut words: Vec<&Word> = block.lines.iter().flat_map(|l| &l.words).collect();
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut strips: Vec<(f64, f64)> = Vec::new();
    for word in words {
        match strips.last_mut() {
            Some(last) if word.x0 - last.1 < STRIP_GAP * word.height => {
                last.1 = last.1.max(word.x1);
            }
            _ => strips.push((word.x0, word.x1)),
        }
    }
    strips
}

/// The part of `block` whose words lie between `x0` and `x1`.
fn strip_block(block: &TextBlock, x0: f64, x1: f64) -> TextBlock {
    let lines: Vec<TextLine> = block
        .lines
        .iter()
        .filter_map(|line| {
            let words: Vec<Word> = line
                .words
                .iter()
                .filter(|w| w.x0 >= x0 && w.x1 <= x1)
                .cloned()
                .collect();
            let first = words.first()?;
            Some(TextLine {
                y0: line.y0,
                x0: first.x0,
                text: words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                words,
            })
        })
        .collect();
    let y0 = lines.first().map_or(block.y0, |l| l.y0);
    let last = lines.last().map_or(block.y1, |l| {
        l.y0 + l.words.iter().map(|w| w.height).fold(0.0, f64::max)
    });
    TextBlock {
        x0,
        y0,
        x1,
        y1: last,
        lines,
        kind: block.kind,
    }
}

/// Body blocks in column order: bands cut at the blocks that cross the
/// gutter; in each band, the left column top to bottom, then the right.
fn columns(body: &[&TextBlock], gutter: f64) -> Vec<TextBlock> {
    let by_top = |blocks: &mut Vec<&TextBlock>| blocks.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut spanning: Vec<&TextBlock> = body
        .iter()
        .copied()
        .filter(|b| b.x0 < gutter && b.x1 > gutter)
        .collect();
    let mut left: Vec<&TextBlock> = body.iter().copied().filter(|b| b.x1 <= gutter).collect();
    let mut right: Vec<&TextBlock> = body.iter().copied().filter(|b| b.x0 >= gutter).collect();
    by_top(&mut spanning);
    by_top(&mut left);
    by_top(&mut right);
    let mut out = Vec::with_capacity(body.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    for cut in spanning {
        while let Some(block) = l.next_if(|b| b.y0 < cut.y0) {
            out.push(block.clone());
        }
        while let Some(block) = r.next_if(|b| b.y0 < cut.y0) {
            out.push(block.clone());
        }
        out.push(cut.clone());
    }
    out.extend(l.cloned());
    out.extend(r.cloned());
    out
}

/// Margin blocks as lines, the pieces on one baseline joined left to right
/// (“青岛市人民政府公报” and “2019年第7期” printed apart are one header).
fn merge_baselines(blocks: &[&TextBlock]) -> Vec<TextBlock> {
    let mut lines: Vec<&TextLine> = blocks.iter().flat_map(|b| &b.lines).collect();
    lines.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut merged: Vec<TextLine> = Vec::new();
    for line in lines {
        match merged.last_mut() {
            Some(last) if (last.y0 - line.y0).abs() < 2.0 => {
                last.text.push(' ');
                last.text.push_str(&line.text);
            }
            _ => merged.push(line.clone()),
        }
    }
    merged
        .into_iter()
        .map(|line| TextBlock {
            lines: vec![line],
            ..TextBlock::default()
        })
        .collect()
}

#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    use super::*;

    /// An A4-sized page of `blocks`.
    fn a4(blocks: Vec<TextBlock>) -> PageLayout {
        PageLayout {
            width: 600.0,
            height: 800.0,
            blocks,
        }
    }

    fn block(x0: f64, y0: f64, x1: f64, text: &str) -> TextBlock {
        TextBlock {
            x0,
            y0,
            x1,
            y1: y0 + 10.0,
            lines: text
                .split('/')
                .map(|t| TextLine {
                    y0,
                    x0,
                    text: t.to_owned(),
                    ..TextLine::default()
                })
                .collect(),
            kind: BlockKind::Text,
        }
    }

    fn text_of(page: &PageLayout) -> String {
        page_texts(std::slice::from_ref(page)).concat()
    }

    #[test]
    fn reads_the_bbox_xhtml() {
        let xhtml = r#"<page width="600.0" height="800.0">
    <flow>
      <block xMin="10" yMin="20" xMax="100" yMax="30">
        <line xMin="10" yMin="20" xMax="100" yMax="30">
          <word xMin="10" yMin="20" xMax="40" yMax="30">4000</word>
          <word xMin="45" yMin="20" xMax="100" yMax="30">万元&amp;&lt;b&gt;</word>
        </line>
      </block>
    </flow>
  </page>
  <page width="600.0" height="800.0">
  </page>"#;
        let pages = parse_bbox(xhtml);
        assert_eq!(pages.len(), 2);
        assert_eq!(page_texts(&pages), ["4000 万元&<b>\n", ""]);
    }

    #[test]
    fn reads_a_column_to_its_end_before_the_next() {
        let page = a4(vec![
            block(200.0, 20.0, 280.0, "公报"),
            block(320.0, 20.0, 380.0, "第7期"),
            block(50.0, 100.0, 550.0, "通栏标题"),
            block(50.0, 200.0, 280.0, "左一/左二/左三"),
            block(320.0, 200.0, 550.0, "右一/右二/右三"),
            block(50.0, 300.0, 280.0, "左四/左五/左六"),
            block(320.0, 300.0, 550.0, "右四/右五/右六"),
            block(290.0, 770.0, 310.0, "3"),
        ]);
        let text = text_of(&page).replace('\n', " ");
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            [
                "公报",
                "第7期",
                "通栏标题",
                "左一",
                "左二",
                "左三",
                "左四",
                "左五",
                "左六",
                "右一",
                "右二",
                "右三",
                "右四",
                "右五",
                "右六",
                "3"
            ]
        );
        assert!(text_of(&page).starts_with("公报 第7期\n"));
    }

    fn word(x0: f64, x1: f64, text: &str) -> Word {
        Word {
            x0,
            x1,
            height: 10.0,
            text: text.to_owned(),
        }
    }

    fn line(y0: f64, words: Vec<Word>) -> TextLine {
        TextLine {
            y0,
            x0: words.first().map_or(0.0, |w| w.x0),
            text: words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words,
        }
    }

    #[test]
    fn cells_side_by_side_in_one_block_are_cut_apart() {
        let block = TextBlock {
            x0: 300.0,
            y0: 100.0,
            x1: 500.0,
            y1: 130.0,
            lines: vec![
                line(
                    100.0,
                    vec![
                        word(300.0, 390.0, "出台和调整"),
                        word(410.0, 500.0, "各区、市政府"),
                    ],
                ),
                line(115.0, vec![word(300.0, 380.0, "涉企政策")]),
                line(115.0, vec![word(410.0, 450.0, "负责落实")]),
            ],
            kind: BlockKind::Text,
        };
        let parts = split_strips(&block);
        let texts: Vec<Vec<&str>> = parts
            .iter()
            .map(|b| b.lines.iter().map(|l| l.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["出台和调整", "涉企政策"],
                vec!["各区、市政府", "负责落实"]
            ]
        );
        assert_eq!(
            (parts[1].x0, parts[1].y0, parts[1].y1),
            (410.0, 100.0, 125.0)
        );
    }

    #[test]
    fn a_line_with_a_wide_space_stays_whole() {
        let block = TextBlock {
            lines: vec![line(
                100.0,
                vec![
                    word(300.0, 390.0, "青岛市人民政府"),
                    word(410.0, 500.0, "2019年6月28日"),
                ],
            )],
            ..TextBlock::default()
        };
        assert_eq!(split_strips(&block), [block]);
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_joined_on_the_page_it_starts_on() {
        let first = a4(vec![
            block(50.0, 100.0, 550.0, "正文。"),
            block(50.0, 600.0, 90.0, "序号"),
            block(100.0, 600.0, 190.0, "任务"),
            block(200.0, 600.0, 290.0, "要求"),
            block(50.0, 620.0, 90.0, "1"),
            block(100.0, 620.0, 190.0, "甲"),
            block(200.0, 620.0, 290.0, "上半"),
        ]);
        let second = a4(vec![
            block(200.0, 100.0, 290.0, "下半"),
            block(50.0, 120.0, 90.0, "2"),
            block(100.0, 120.0, 190.0, "乙"),
            block(200.0, 120.0, 290.0, "丙"),
            block(50.0, 140.0, 550.0, "正文。"),
        ]);
        assert_eq!(
            page_texts(&[first, second]),
            [
                "正文。\n序号\t任务\t要求\n1\t甲\t上半下半\n",
                "2\t乙\t丙\n正文。\n"
            ]
        );
    }

    #[test]
    fn a_page_without_a_gutter_keeps_poppler_order() {
        let page = a4(vec![
            block(50.0, 300.0, 550.0, "二/二/二"),
            block(50.0, 100.0, 550.0, "一/一/一"),
        ]);
        assert_eq!(text_of(&page), "二\n二\n二\n一\n一\n一\n");
    }
}
