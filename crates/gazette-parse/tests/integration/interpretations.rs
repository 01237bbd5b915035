//! A 解读 (an interpretation of a policy document) is a document of its
//! own: its title and kind are read like any other's, and it names the
//! document it explains by 《title》 and 发文字号. The fixture was written
//! for the test (tests/fixtures/interpretation/SOURCES.md); the expected
//! values were read from it by hand.

use gazette_parse::parse_text;

const JIEDU: &str = include_str!("../../../../tests/fixtures/interpretation/govcn-row35-jiedu.txt");

#[test]
fn a_jiedu_is_one_document_typed_jiedu_with_its_own_title() {
    let issue = parse_text(JIEDU);
    assert_eq!(issue.documents.len(), 1);
    let doc = &issue.documents[0];
    assert_eq!(
        doc.title,
        "关于《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》的解读"
    );
    assert_eq!(doc.doc_type.as_deref(), Some("解读"));
    assert_eq!(
        doc.doc_number, None,
        "the number it prints is the explained document's"
    );
}

#[test]
fn a_jiedu_cites_the_document_it_explains_by_title_and_number() {
    let doc = &parse_text(JIEDU).documents[0];
    let explained = doc
        .cited
        .iter()
        .find(|c| c.doc_number.is_some())
        .expect("a citation with a number");
    assert_eq!(
        explained.title.as_deref(),
        Some("国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见")
    );
    assert_eq!(explained.doc_number.as_deref(), Some("国办发〔2018〕115号"));
}
