//! 49 State Council documents in another house style, checked against
//! `tests/fixtures/govcn/expected.tsv` (numbers and titles agree with the
//! crawl's own index.tsv; dates, types and issuers were read by hand).

use crate::common::fixtures;
use crate::govcn_support::{check_row10_table, expected};

#[test]
fn every_state_council_document_parses_to_its_index_entry() {
    let rows = expected();
    assert_eq!(rows.len(), 49);
    let mut failures = Vec::new();
    for row in &rows {
        let bytes =
            std::fs::read(fixtures().join(format!("govcn/{}.txt", row.stem))).expect("fixture");
        let (issue, _) = gazette_parse::parse_bytes(&bytes).expect("decodes");
        let [doc] = issue.documents.as_slice() else {
            failures.push(format!("{}: {} documents", row.stem, issue.documents.len()));
            continue;
        };
        let got = (
            doc.doc_number.clone().unwrap_or_default(),
            doc.title.clone(),
            doc.date.map(|d| d.to_string()).unwrap_or_default(),
            doc.doc_type.clone().unwrap_or_default(),
            doc.issuer.join("、"),
        );
        let want = (
            row.number.clone(),
            row.title.clone(),
            row.date.clone(),
            row.doc_type.clone(),
            row.issuer.clone(),
        );
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", row.stem));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 49 differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn forwarding_notices_name_the_forwarded_document() {
    let bytes = std::fs::read(fixtures().join("govcn/govcn-row47.txt")).expect("fixture");
    let (issue, _) = gazette_parse::parse_bytes(&bytes).expect("decodes");
    assert_eq!(
        issue.documents[0].promulgated_title.as_deref(),
        Some("国务院工作规则")
    );
}

#[test]
fn the_order_names_its_regulation_and_its_chapters() {
    let bytes = std::fs::read(fixtures().join("govcn/govcn-row58.txt")).expect("fixture");
    let (issue, _) = gazette_parse::parse_bytes(&bytes).expect("decodes");
    let doc = &issue.documents[0];
    assert_eq!(doc.doc_number_parts.as_ref().map(|n| n.serial), Some(706));
    assert_eq!(doc.promulgated_title.as_deref(), Some("专利代理条例"));
    let chapters: Vec<_> = doc.sections.iter().map(|s| s.marker.as_str()).collect();
    assert_eq!(chapters.first(), Some(&"第一章"));
    let first_chapter_articles = doc.sections[0].children.len();
    assert!(first_chapter_articles >= 5, "{first_chapter_articles}");
}

#[test]
fn documents_concatenated_into_one_issue_stay_apart() {
    // A multi-document issue in the State Council style: each document ends
    // with a signature, a remark such as （此件公开发布） or a table, and the
    // next begins with its title. No document may swallow the next.
    let rows = expected();
    let mut issue_text = String::new();
    for row in &rows {
        let text = std::fs::read_to_string(fixtures().join(format!("govcn/{}.txt", row.stem)))
            .expect("fixture");
        issue_text.push_str(&text);
        issue_text.push('\n');
    }
    let issue = gazette_parse::parse_text(&issue_text);
    let titles: Vec<&str> = issue.documents.iter().map(|d| d.title.as_str()).collect();
    let expected_titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, expected_titles);
    let numbers: Vec<&str> = issue
        .documents
        .iter()
        .filter_map(|d| d.doc_number.as_deref())
        .collect();
    let expected_numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, expected_numbers);
}

#[test]
fn an_attachment_printed_under_another_title_is_flagged() {
    // govcn-row23 lists 附件2 as “…地质险情调查专家组意见” but prints its title
    // as “湖北省巴东县官渡口镇马鬃山村 / 地质险情调查意见”.
    let bytes = std::fs::read(fixtures().join("govcn/govcn-row23.txt")).expect("fixture");
    let (issue, _) = gazette_parse::parse_bytes(&bytes).expect("decodes");
    let doc = &issue.documents[0];
    assert_eq!(doc.attachments.len(), 2);
    assert_eq!(
        doc.attachments[1].title,
        "湖北省巴东县官渡口镇马鬃山村地质险情调查意见"
    );
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.code == "attachment_title_differs" && w.message.contains("专家组意见")));
}

fn tables_of(stem: &str) -> Vec<gazette_model::Table> {
    let bytes = std::fs::read(fixtures().join(format!("govcn/{stem}.txt"))).expect("fixture");
    let (issue, _) = gazette_parse::parse_bytes(&bytes).expect("decodes");
    issue.documents.into_iter().flat_map(|d| d.tables).collect()
}

#[test]
fn a_table_rendered_one_cell_per_line_is_rebuilt() {
    // govcn-row10's attachment: five columns, five group rows (一、… to 五、…),
    // items 1–14 and 21–23; the crawl lost items 15–20 (四、军民深度融合方面
    // （共6项） is followed at once by 五、).
    check_row10_table(&tables_of("govcn-row10"));
}

#[test]
fn merged_cells_are_reported_and_headers_found() {
    let tables = tables_of("govcn-row04");
    assert_eq!(tables.len(), 1);
    assert_eq!(
        tables[0].columns,
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标说明"]
    );
    let bytes = std::fs::read(fixtures().join("govcn/govcn-row04.txt")).expect("fixture");
    let (issue, _) = gazette_parse::parse_bytes(&bytes).expect("decodes");
    assert!(issue.documents[0]
        .warnings
        .iter()
        .any(|w| w.code == "table_cells_merged"));
    let coordinates = tables_of("govcn-row44");
    assert_eq!(coordinates.len(), 2);
    assert_eq!(
        coordinates[0].columns,
        ["坐标编号", "X坐标", "Y坐标", "说\u{3000}明"]
    );
}
