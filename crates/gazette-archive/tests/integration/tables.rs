//! Tables in every rendering (issue 13): for every gov.cn document whose
//! real page (`tests/fixtures/govcn/html/`) gives tables, the text
//! rendering beside it, where the same tables are printed one cell per
//! line, gives the same rows and cells, and so do the renderings made from
//! that text by the renderings test's helpers (not copies).
//!
//! The page is the reference: its `<table>` is the table as published.
//! A table is compared as its header row (when one was found) and its rows,
//! each cell without whitespace (a page's `&nbsp;` and the text's
//! full-width spaces are layout). A difference known today is listed in
//! `KNOWN_DIFFERENT` with why; the test fails on a difference outside that
//! list and on a listed one that is gone, as the golden tests do.

use gazette_model::{Issue, Table};

use crate::golden::no_spaces;
use crate::renderings::{govcn, line_less, markdown, paragraph_per_line, read};

/// Differences known today: (rendering, stem), and why.
const KNOWN_DIFFERENT: &[(&str, &str)] = &[
    // Every line break removed, the rows of a table are gone: its cells
    // are known (the tabs stay) but not where a row ends.
    ("line-less", "govcn-row04"),
    ("line-less", "govcn-row44"),
    ("line-less", "govcn-row52"),
    // As Markdown each cell is a paragraph of its own and the tab lines
    // are gone: a table is found only where a serial column (1, 2, 3 …)
    // tells its rows; these have none (指标 rows, 省（市） rows).
    ("markdown", "govcn-row04"),
    ("markdown", "govcn-row52"),
    // As Markdown: the header cell 坐标<br>编号 is two paragraphs (编号 is
    // read as the header cell) and the empty cells (&nbsp;) left no line.
    ("markdown", "govcn-row44"),
    // The page prints the caption B匝道桥界址点坐标 between two tables, read
    // as a row of one cell; the text, where blank lines are the only
    // boundary, reads the caption and the next table's first header cell
    // (坐标 / 编号) as one cell.
    ("printed", "govcn-row44"),
    ("paragraph-per-line", "govcn-row44"),
];

/// A table as compared: the header row, then every row, cells without
/// whitespace.
fn rows_of(table: &Table) -> Vec<Vec<String>> {
    let header = (!table.columns.is_empty()).then(|| table.columns.clone());
    header
        .into_iter()
        .chain(table.rows.iter().map(|r| r.cells.clone()))
        .map(|cells| cells.iter().map(|c| no_spaces(c)).collect())
        .collect()
}

/// Every table of every document of `issue`, in order.
fn tables_of(issue: &Issue) -> Vec<Vec<Vec<String>>> {
    issue
        .documents
        .iter()
        .flat_map(|d| &d.tables)
        .map(rows_of)
        .collect()
}

/// What differs between the page's tables and a rendering's: the first
/// row that differs of each table, or the counts.
fn difference(want: &[Vec<Vec<String>>], got: &[Vec<Vec<String>>]) -> Option<String> {
    if want.len() != got.len() {
        return Some(format!("{} table(s), want {}", got.len(), want.len()));
    }
    let mut out = Vec::new();
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        if w == g {
            continue;
        }
        let row = w.iter().zip(g).position(|(a, b)| a != b);
        match row {
            Some(r) => out.push(format!(
                "table {}: row {r}: want {:?}, got {:?}",
                k + 1,
                w[r],
                g[r]
            )),
            None => out.push(format!(
                "table {}: {} row(s), want {}",
                k + 1,
                g.len(),
                w.len()
            )),
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

#[test]
fn the_tables_of_every_page_are_the_tables_of_its_text() {
    let mut stems: Vec<String> = std::fs::read_dir(govcn().join("html"))
        .expect("pages")
        .filter_map(|e| {
            let path = e.ok()?.path();
            Some(path.file_stem()?.to_str()?.to_owned())
        })
        .collect();
    stems.sort();
    assert_eq!(stems.len(), 49);
    let mut compared = 0;
    let mut tables = 0;
    let mut agreeing = 0;
    let mut differences: Vec<(String, String, String)> = Vec::new();
    for stem in &stems {
        let page = std::fs::read(govcn().join(format!("html/{stem}.html"))).expect("page");
        let want = tables_of(&read(&page, stem));
        if want.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(govcn().join(format!("{stem}.txt"))).expect("text");
        let printed = read(text.as_bytes(), stem);
        let renderings = [
            ("printed", printed.clone()),
            (
                "paragraph-per-line",
                read(paragraph_per_line(&text, &printed).as_bytes(), stem),
            ),
            ("line-less", read(line_less(&text).as_bytes(), stem)),
            ("markdown", read(markdown(&text).as_bytes(), stem)),
        ];
        for (rendering, issue) in &renderings {
            compared += 1;
            let got = tables_of(issue);
            tables += want.len();
            agreeing += want
                .iter()
                .zip(&got)
                .filter(|(w, g)| w == g)
                .count()
                .min(got.len());
            if let Some(why) = difference(&want, &got) {
                differences.push((rendering.to_string(), stem.clone(), why));
            }
        }
    }
    let listed = |r: &str, s: &str| KNOWN_DIFFERENT.iter().any(|&(kr, ks)| kr == r && ks == s);
    let unlisted: Vec<String> = differences
        .iter()
        .filter(|(r, s, _)| !listed(r, s))
        .map(|(r, s, why)| format!("(\"{r}\", \"{s}\"): {why}"))
        .collect();
    let gone: Vec<String> = KNOWN_DIFFERENT
        .iter()
        .filter(|&&(r, s)| !differences.iter().any(|(dr, ds, _)| dr == r && ds == s))
        .map(|entry| format!("{entry:?}"))
        .collect();
    eprintln!(
        "tables: {agreeing} of {tables} agree with the page's ({compared} (document, rendering) pairs); different:\n  {}",
        differences
            .iter()
            .map(|(r, s, why)| format!("{r} {s}: {why}"))
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    assert!(
        unlisted.is_empty() && gone.is_empty(),
        "{} difference(s) KNOWN_DIFFERENT does not list:\n  {}\n{} listed difference(s) gone (take them off KNOWN_DIFFERENT):\n  {}",
        unlisted.len(),
        unlisted.join("\n  "),
        gone.len(),
        gone.join("\n  ")
    );
}
