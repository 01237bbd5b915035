//! References of the sample issue: numbers in normal form, titles, issuing
//! bodies from the code table.

use gazette_link::citations::{issuing_body, references, Reference};

use super::support_a::{by_number, sample, sample_text};

fn numbered(refs: &[Reference]) -> Vec<(&str, Option<&str>, Option<&str>)> {
    refs.iter()
        .filter_map(|r| {
            let number = r.doc_number.as_deref()?;
            Some((number, r.issuing_body.as_deref(), r.title.as_deref()))
        })
        .collect()
}

#[test]
fn the_four_cited_numbers_of_the_sample_have_their_issuing_bodies() {
    // Checked by hand: lines 79 (two), 121, 320 and 370 of the fixture.
    let issue = sample();
    let mut cited: Vec<(String, Option<String>)> = issue
        .documents
        .iter()
        .flat_map(references)
        .filter_map(|r| Some((r.doc_number?, r.issuing_body)))
        .collect();
    cited.sort();
    cited.dedup();
    let expected = [
        ("国办发〔2019〕13号", "国务院办公厅"),
        ("鲁政办发〔2019〕14号", "山东省人民政府办公厅"),
        ("鲁政办字〔2019〕94号", "山东省人民政府办公厅"),
        ("鲁政办字〔2019〕97号", "山东省人民政府办公厅"),
    ];
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(n, b)| ((*n).to_owned(), Some((*b).to_owned())))
        .collect();
    assert_eq!(cited, expected);
}

#[test]
fn a_title_and_the_number_printed_after_it_are_one_reference() {
    let issue = sample();
    let refs = references(by_number(&issue, "青政办发〔2019〕4号"));
    assert_eq!(
        numbered(&refs),
        [
            (
                "国办发〔2019〕13号",
                Some("国务院办公厅"),
                Some("关于印发降低社会保险费率综合方案的通知")
            ),
            (
                "鲁政办发〔2019〕14号",
                Some("山东省人民政府办公厅"),
                Some("关于印发山东省降低社会保险费率综合实施方案的通知")
            ),
        ]
    );
    let text = sample_text();
    assert_eq!(
        refs[0].span.of(&text),
        "《关于印发降低社会保险费率综合方案的通知》（国办发〔2019〕13号）"
    );
    assert_eq!(refs[0].line, 79);
}

#[test]
fn a_number_cited_again_alone_is_a_reference_of_its_own() {
    let issue = sample();
    let refs = references(by_number(&issue, "青政办字〔2019〕33号"));
    let again: Vec<&Reference> = refs
        .iter()
        .filter(|r| r.doc_number.as_deref() == Some("鲁政办字〔2019〕94号"))
        .collect();
    assert_eq!(again.len(), 2);
    assert_eq!(again[1].title, None);
    assert_eq!(again[1].line, 370);
    assert_eq!(again[1].span.of(&sample_text()), "鲁政办字〔2019〕94号");
}

#[test]
fn titles_without_numbers_have_no_issuing_body() {
    let issue = sample();
    let refs = references(by_number(&issue, "青政办字〔2019〕31号"));
    assert!(refs
        .iter()
        .all(|r| r.doc_number.is_none() && r.issuing_body.is_none()));
    assert_eq!(
        refs[0].title.as_deref(),
        Some("青岛市重大行政决策程序规定（试行）")
    );
}

#[test]
fn every_issuer_code_of_the_fixtures_is_in_the_table() {
    for code in [
        "国发",
        "国函",
        "国办发",
        "国办函",
        "国令",
        "中发",
        "青政字",
        "青政办发",
        "青政办字",
        "鲁政办发",
        "鲁政办字",
        "鄂政文",
        "教外际",
        "教职成",
        "发改农经",
        "国科发高",
        "民航总局",
    ] {
        assert!(issuing_body(code).is_some(), "{code}");
    }
    assert_eq!(issuing_body("青政办字"), Some("青岛市人民政府办公厅"));
    assert_eq!(issuing_body("国令"), Some("国务院"));
    assert_eq!(issuing_body("青政"), None);
}
