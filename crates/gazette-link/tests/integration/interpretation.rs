//! A 解读 and the document it explains, linked by the keys of
//! `citations`: the 解读 written for the test
//! (tests/fixtures/interpretation/SOURCES.md) names the gov.cn document
//! 国办发〔2018〕115号 (tests/fixtures/govcn/govcn-row35.txt) by 《title》 and
//! number; expected values read by hand from both texts.

use gazette_link::citations::{number_key, title_key};
use gazette_link::interpretation::{explained, is_interpretation};
use gazette_parse::parse_text;

const JIEDU: &str = include_str!("../../../../tests/fixtures/interpretation/govcn-row35-jiedu.txt");
const EXPLAINED: &str = include_str!("../../../../tests/fixtures/govcn/govcn-row35.txt");

#[test]
fn a_jiedu_names_the_document_it_explains_by_number_and_title() {
    let jiedu = &parse_text(JIEDU).documents[0];
    assert!(is_interpretation(jiedu));
    let named = explained(jiedu).expect("the 解读 names its document");
    assert_eq!(named.doc_number.as_deref(), Some("国办发〔2018〕115号"));
    assert_eq!(named.issuing_body.as_deref(), Some("国务院办公厅"));
    assert_eq!(
        named.title.as_deref(),
        Some("国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见")
    );
    assert_eq!(named.line, 3, "the first paragraph names it");
}

#[test]
fn the_keys_of_the_named_document_are_the_explained_documents_own() {
    let jiedu = &parse_text(JIEDU).documents[0];
    let named = explained(jiedu).expect("the 解读 names its document");
    let document = &parse_text(EXPLAINED).documents[0];
    assert!(!is_interpretation(document));
    assert_eq!(explained(document), None, "a 意见 explains nothing");
    assert_eq!(
        named.doc_number,
        document.doc_number.as_deref().and_then(number_key)
    );
    assert_eq!(
        named.title.as_deref().map(title_key),
        Some(title_key(&document.title))
    );
}
