//! Test support shared by the crates whose tests read the 49 State Council
//! documents of `tests/fixtures/govcn/` (the text of each in
//! `govcn-rowNN.txt`, the page in `html/govcn-rowNN.html`): the hand-read
//! `expected.tsv` and the table of row 10 read by hand, checked in each
//! form. A test crate includes it with
//! `#[path = "../../../../tests/support/govcn.rs"] mod govcn_support;`.

#![allow(dead_code)]

use std::path::PathBuf;

use gazette_model::Table;

/// The `tests/fixtures/govcn` directory.
pub fn govcn_fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/govcn")
}

/// One row of `expected.tsv`: the fixture's stem and the fields of its one
/// document.
pub struct Expected {
    pub stem: String,
    pub number: String,
    pub title: String,
    pub date: String,
    pub doc_type: String,
    pub issuer: String,
}

impl Expected {
    /// 发文字号, title, date, doc type, issuers joined by 、: as a document's
    /// fields are compared.
    pub fn fields(&self) -> [String; 5] {
        [
            self.number.clone(),
            self.title.clone(),
            self.date.clone(),
            self.doc_type.clone(),
            self.issuer.clone(),
        ]
    }
}

/// The rows of `expected.tsv`, its header left out.
pub fn expected() -> Vec<Expected> {
    let table =
        std::fs::read_to_string(govcn_fixtures().join("expected.tsv")).expect("expected.tsv");
    table
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 6, "{line}");
            Expected {
                stem: cells[0].to_owned(),
                number: cells[1].to_owned(),
                title: cells[2].to_owned(),
                date: cells[3].to_owned(),
                doc_type: cells[4].to_owned(),
                issuer: cells[5].to_owned(),
            }
        })
        .collect()
}

/// govcn-row10's attachment, read by hand: five columns; five group rows
/// (一、… to 五、…) spanning the columns; items 1–14 and 21–23 (the crawl
/// lost 15–20: 四、军民深度融合方面（共6项） is followed at once by 五、).
pub fn check_row10_table(tables: &[Table]) {
    assert_eq!(tables.len(), 1);
    let table = &tables[0];
    assert_eq!(
        table.columns,
        ["序号", "改革举措", "主 要 内 容", "指导部门", "推广范围"]
    );
    assert_eq!(
        table.caption.as_deref(),
        Some("第二批支持创新相关改革举措推广清单")
    );
    let groups: Vec<&str> = table
        .rows
        .iter()
        .filter(|r| r.cells.len() == 1)
        .map(|r| r.cells[0].as_str())
        .collect();
    assert_eq!(
        groups,
        [
            "一、知识产权保护方面（共5项）",
            "二、科技成果转化激励方面（共4项）",
            "三、科技金融创新方面（共5项）",
            "四、军民深度融合方面（共6项）",
            "五、管理体制创新方面（共3项）"
        ]
    );
    let numbers: Vec<u32> = table.rows.iter().filter_map(|r| r.number).collect();
    let expected: Vec<u32> = (1..=14).chain(21..=23).collect();
    assert_eq!(numbers, expected);
    let first = table
        .rows
        .iter()
        .find(|r| r.number == Some(1))
        .expect("row 1");
    assert_eq!(first.cells.len(), 5);
    assert_eq!(first.cells[4], "全国");
}
