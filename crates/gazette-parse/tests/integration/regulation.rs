//! A regulation printed on its own, without the 令 that promulgates it:
//! the 专利代理条例 of govcn-row58 from its title on. Its number, date and
//! issuer are printed only in the history note under the title
//! (（1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）,
//! read by hand).

use gazette_model::InferredField;
use gazette_parse::parse_text;

use crate::common::fixtures;

#[test]
fn a_regulation_on_its_own_takes_number_date_and_issuer_from_its_history_note() {
    let text = std::fs::read_to_string(fixtures().join("govcn/govcn-row58.txt")).expect("fixture");
    let from = text
        .find("\n 专利代理条例\n")
        .expect("the regulation's title")
        + 1;
    let issue = parse_text(&text[from..]);
    assert_eq!(issue.documents.len(), 1);
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "专利代理条例");
    assert_eq!(doc.doc_number.as_deref(), Some("国令第76号"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("1991-03-04")
    );
    assert_eq!(doc.issuer, ["中华人民共和国国务院"]);
    assert_eq!(doc.doc_type.as_deref(), Some("条例"));
    // Each value names the note as its evidence.
    for field in [
        InferredField::DocNumber,
        InferredField::Date,
        InferredField::Issuer,
    ] {
        let inference = doc
            .inferred
            .iter()
            .find(|i| i.field == field)
            .unwrap_or_else(|| panic!("{field:?} inferred"));
        assert!(inference.evidence.contains("国务院令第76号发布"));
        assert!(inference
            .span
            .of(&text[from..])
            .contains("国务院令第76号发布"));
    }
    // Its own publication is no reference to another document.
    assert!(doc
        .cited
        .iter()
        .all(|c| c.doc_number.as_deref() != Some("国令第76号")));
}
