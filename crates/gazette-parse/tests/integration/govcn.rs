//! 49 State Council documents in another house style, checked against
//! `tests/fixtures/govcn/expected.tsv` (numbers and titles agree with the
//! crawl's own index.tsv; dates, types and issuers were read by hand).

use crate::common::fixtures;

struct Expected {
    stem: String,
    number: String,
    title: String,
    date: String,
    doc_type: String,
    issuer: String,
}

fn expected() -> Vec<Expected> {
    let table =
        std::fs::read_to_string(fixtures().join("govcn/expected.tsv")).expect("expected.tsv");
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
