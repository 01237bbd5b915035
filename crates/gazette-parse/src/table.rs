//! Tab-separated rows → tables.
//!
//! A table's header is printed again after every page break; those repeats
//! are dropped (and recorded). HTML left in cells (`<p>…</p>`) is stripped.
//! A row whose serial cell is empty right after a repeated header is the rest
//! of the row before, cut by the page break, and is merged into it.
//!
//! Serial numbers are checked against the sequence, not corrected by guess:
//! a serial printed as “1.2” between 11 and 15 reads as 12 only because the
//! sequence and the digits agree, and the row carries a warning saying so.

use gazette_model::{Repair, RepairKind, Span, Table, TableRow, Warning};

use crate::text::excerpt;

/// One row as the document builder hands it over.
#[derive(Debug, Clone)]
pub(crate) struct RawRow<'a> {
    pub text: &'a str,
    pub span: Span,
    pub line: usize,
    pub block: usize,
    /// A line without separators after the rows (see `paragraphs`).
    pub tail: bool,
}

/// What building a table produced besides the table.
#[derive(Debug, Default)]
pub(crate) struct TableNotes {
    pub warnings: Vec<Warning>,
    pub repairs: Vec<Repair>,
}

/// Header words that make a first row a header even when it never repeats.
const HEADER_WORDS: &[&str] = &[
    "序号", "编号", "名称", "项目", "类别", "指标", "说明", "备注", "内容",
];

/// Builds a table from consecutive rows.
pub(crate) fn build_table(
    id: String,
    caption: Option<String>,
    attachment: Option<u32>,
    rows: &[RawRow<'_>],
    notes: &mut TableNotes,
) -> Table {
    let split: Vec<Vec<String>> = rows.iter().map(|row| cells_of(row, notes)).collect();
    let header = split
        .first()
        .filter(|first| is_header(first, &split[1..]))
        .cloned();
    let mut table = Table {
        id,
        caption,
        columns: header.clone().unwrap_or_default(),
        rows: Vec::new(),
        attachment,
    };
    let mut after_repeat = false;
    let start = usize::from(header.is_some());
    for (row, cells) in rows.iter().zip(&split).skip(start) {
        if header.as_ref() == Some(cells) {
            notes
                .repairs
                .push(repair(RepairKind::DropRepeatedHeader, row));
            after_repeat = true;
            continue;
        }
        let continues = after_repeat && !row.tail && cells.first().is_some_and(String::is_empty);
        after_repeat = false;
        if let Some(last) = table.rows.last_mut().filter(|_| continues) {
            merge_cells(last, cells);
            notes.repairs.push(repair(RepairKind::MergeCell, row));
            continue;
        }
        table.rows.push(TableRow {
            number: None,
            cells: cells.clone(),
            line: row.line,
            block: row.block,
        });
    }
    let tails = rows.iter().filter(|r| r.tail).count();
    if tails > 0 {
        notes.warnings.push(Warning {
            code: "table_layout_lost".to_owned(),
            message: format!(
                "{tails} line(s) after table {} have no column separators (a multi-column layout flattened into one stream); kept as one-cell rows, not paired",
                table.id
            ),
            line: rows.iter().find(|r| r.tail).map_or(0, |r| r.line),
        });
    }
    if table.columns.first().is_some_and(|c| c == "序号") {
        number_rows(&mut table, notes);
    }
    flag_repeated_cells(&table, notes);
    flag_short_rows(&table, notes);
    table
}

fn repair(kind: RepairKind, row: &RawRow<'_>) -> Repair {
    Repair {
        kind,
        span: row.span,
        line: row.line,
        original: excerpt(row.text, 24).to_owned(),
    }
}

/// Splits a row on tabs, trims cells, strips HTML remnants.
fn cells_of(row: &RawRow<'_>, notes: &mut TableNotes) -> Vec<String> {
    let mut cells: Vec<String> = row.text.split('\t').map(|c| c.trim().to_owned()).collect();
    while cells.len() > 1 && cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    for cell in &mut cells {
        if let Some(stripped) = strip_html(cell) {
            *cell = stripped;
            notes.repairs.push(repair(RepairKind::StripHtml, row));
        }
    }
    cells
}

/// Removes tags such as `<p>` and `</p>`; `None` when there were none.
fn strip_html(cell: &str) -> Option<String> {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    let mut stripped = false;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match after.find('>').filter(|_| is_tag) {
            Some(close) if after[..close].chars().all(|c| c.is_ascii() && c != '<') => {
                out.push_str(&rest[..open]);
                rest = &after[close + 1..];
                stripped = true;
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    stripped.then(|| out.trim().to_owned())
}

/// The first row is a header when it is printed again after a page break,
/// or when its cells are short labels one of which is a usual column name
/// (序号, 名称, 一级指标, 说明 …).
fn is_header(first: &[String], rest: &[Vec<String>]) -> bool {
    if rest.iter().any(|row| row.as_slice() == first) {
        return true;
    }
    let labels = first.len() >= 2 && first.iter().all(|cell| cell.chars().count() <= 12);
    labels
        && first
            .iter()
            .any(|cell| HEADER_WORDS.iter().any(|word| cell.contains(word)))
}

fn merge_cells(last: &mut TableRow, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        match last.cells.get_mut(i) {
            Some(existing) => existing.push_str(cell),
            None => last.cells.push(cell.clone()),
        }
    }
}

/// Reads the 序号 column, checking it against the sequence.
fn number_rows(table: &mut Table, notes: &mut TableNotes) {
    let mut expected: u32 = 1;
    for row in table.rows.iter_mut().filter(|r| !is_group_row(r)) {
        let printed = row.cells.first().map_or("", String::as_str);
        row.number = match printed.parse::<u32>() {
            Ok(n) => {
                if n != expected {
                    notes.warnings.push(Warning {
                        code: "serial_out_of_sequence".to_owned(),
                        message: format!(
                            "table {}: serial {n} where {expected} was expected",
                            table.id
                        ),
                        line: row.line,
                    });
                }
                Some(n)
            }
            Err(_) if digits_only(printed) == expected.to_string() => {
                notes.warnings.push(Warning {
                    code: "serial_misprinted".to_owned(),
                    message: format!(
                        "table {}: row {expected} has its serial printed as “{printed}”; read as {expected} from the sequence (cell kept as printed)",
                        table.id
                    ),
                    line: row.line,
                });
                Some(expected)
            }
            Err(_) => {
                notes.warnings.push(Warning {
                    code: "serial_unreadable".to_owned(),
                    message: format!(
                        "table {}: serial “{printed}” cannot be read (expected {expected})",
                        table.id
                    ),
                    line: row.line,
                });
                None
            }
        };
        expected = row.number.unwrap_or(expected) + 1;
    }
}

/// A row of one cell spanning the table, such as “一、知识产权保护方面（共5项）”:
/// it groups the rows after it and has no serial.
fn is_group_row(row: &TableRow) -> bool {
    row.cells.len() == 1
}

/// Warns once per table where rows have fewer cells than columns: cells
/// merged over several rows (rowspan) that the text cannot restore.
fn flag_short_rows(table: &Table, notes: &mut TableNotes) {
    let columns = table.columns.len();
    let short: Vec<&TableRow> = table
        .rows
        .iter()
        .filter(|r| !is_group_row(r) && r.cells.len() < columns)
        .collect();
    let Some(first) = short.first() else {
        return;
    };
    notes.warnings.push(Warning {
        code: "table_cells_merged".to_owned(),
        message: format!(
            "table {}: {} row(s) have fewer cells than its {columns} columns (cells merged over rows in the source); kept as printed, not filled in",
            table.id,
            short.len()
        ),
        line: first.line,
    });
}

fn digits_only(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Cells shorter than this may well repeat their neighbour (同上, 40, 全国).
const MIN_REPEATED_CHARS: usize = 20;

/// Warns where a cell repeats its neighbour verbatim (a copy slip).
fn flag_repeated_cells(table: &Table, notes: &mut TableNotes) {
    for row in &table.rows {
        for (i, pair) in row.cells.windows(2).enumerate() {
            if pair[0].chars().count() < MIN_REPEATED_CHARS || pair[0] != pair[1] {
                continue;
            }
            let column = |k: usize| {
                table
                    .columns
                    .get(k)
                    .map_or_else(|| format!("column {}", k + 1), Clone::clone)
            };
            let which = row
                .number
                .map_or_else(|| format!("line {}", row.line), |n| format!("row {n}"));
            notes.warnings.push(Warning {
                code: "cell_repeats_neighbour".to_owned(),
                message: format!(
                    "table {}: {which}: the {} cell repeats the {} cell verbatim",
                    table.id,
                    column(i),
                    column(i + 1)
                ),
                line: row.line,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows<'a>(lines: &[&'a str]) -> Vec<RawRow<'a>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, text)| RawRow {
                text,
                span: Span::new(0, text.len()),
                line: i + 1,
                block: i,
                tail: false,
            })
            .collect()
    }

    #[test]
    fn drops_repeated_headers_and_strips_html() {
        let input = rows(&[
            "序号\t任务\t单位",
            "1\t<p>甲</p>\t市财政局",
            "序号\t任务\t单位",
            "2\t乙\t市教育局",
        ]);
        let mut notes = TableNotes::default();
        let table = build_table("t1".into(), None, None, &input, &mut notes);
        assert_eq!(table.columns, ["序号", "任务", "单位"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells[1], "甲");
        assert_eq!(table.rows[1].number, Some(2));
        let kinds: Vec<_> = notes.repairs.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [RepairKind::StripHtml, RepairKind::DropRepeatedHeader]
        );
        assert!(notes.warnings.is_empty());
    }

    #[test]
    fn merges_a_cell_cut_by_a_page_break() {
        let input = rows(&[
            "序号\t任务\t单位",
            "1\t前半\t市财",
            "序号\t任务\t单位",
            "\t后半\t政局",
            "2\t乙\t丙",
        ]);
        let mut notes = TableNotes::default();
        let table = build_table("t1".into(), None, None, &input, &mut notes);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells, ["1", "前半后半", "市财政局"]);
    }

    #[test]
    fn reads_misprinted_serials_from_the_sequence_and_warns() {
        let input = rows(&[
            "序号\t任务",
            "11\t甲",
            "1.2\t乙",
            "1.3\t丙",
            "x\t丁",
            "16\t戊",
        ]);
        let mut notes = TableNotes::default();
        let table = build_table("t1".into(), None, None, &input, &mut notes);
        let numbers: Vec<_> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [Some(11), Some(12), Some(13), None, Some(16)]);
        let codes: Vec<_> = notes.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "serial_out_of_sequence",
                "serial_misprinted",
                "serial_misprinted",
                "serial_unreadable",
                "serial_out_of_sequence"
            ]
        );
    }

    #[test]
    fn flags_a_cell_that_repeats_its_neighbour() {
        let same = "围绕解决“两不愁三保障”面临的突出问题做好信息公开工作";
        let row = format!("1\t{same}\t{same}");
        let input = rows(&["序号\t工作任务\t具体要求", row.as_str(), "2\t全国\t全国"]);
        let mut notes = TableNotes::default();
        build_table("t1".into(), None, None, &input, &mut notes);
        assert_eq!(notes.warnings.len(), 1);
        assert!(
            notes.warnings[0].message.contains("工作任务"),
            "{}",
            notes.warnings[0].message
        );
    }

    #[test]
    fn a_roster_has_no_header() {
        let input = rows(&["指 挥：\t孟凡利\t市长", "\t朱培吉\t副市长"]);
        let mut notes = TableNotes::default();
        let table = build_table("t1".into(), None, None, &input, &mut notes);
        assert!(table.columns.is_empty());
        assert_eq!(table.rows.len(), 2);
    }
}
