//! The full names of the issuers (`issuer_canonical`) of the Qingdao sample
//! issue (`tests/fixtures/qingdao-gazette-2019-issue.txt`, 青岛市人民政府公报
//! 2019年第7期). Its last document, 近期市政府任免的工作人员名单, names its
//! issuer only as 市政府 (“2019年6月19日，市政府决定，任命：”); the other five
//! print their issuers in full in their titles.

use gazette_model::{Document, Issue, NameEvidence};

use crate::common::sample_text;

/// The running header of the sample's gazette, as its PDF prints it.
const RUNNING_HEADER: &str = "青岛市人民政府公报　2019年第7期";

/// The sample typeset as pages of 40 lines, each under the gazette's
/// running header and over its page number, pages ended by form feeds: the
/// text a PDF of the issue gives.
fn paged(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .chunks(40)
        .enumerate()
        .map(|(i, page)| format!("{RUNNING_HEADER}\n{}\n— {} —\n", page.join("\n"), i + 1))
        .collect::<Vec<_>>()
        .join("\u{c}")
}

fn names(doc: &Document) -> Vec<&str> {
    doc.issuer_canonical
        .iter()
        .map(|c| c.name.as_str())
        .collect()
}

fn last(issue: &Issue) -> &Document {
    issue.documents.last().expect("documents")
}

#[test]
fn names_printed_in_full_stay_as_printed() {
    let issue = gazette_parse::parse_text(&sample_text());
    assert_eq!(issue.documents.len(), 6);
    for doc in &issue.documents[..5] {
        assert_eq!(names(doc), doc.issuer, "{}", doc.title);
        assert!(doc
            .issuer_canonical
            .iter()
            .all(|c| c.evidence == NameEvidence::AsPrinted && c.basis.is_none()));
    }
}

#[test]
fn without_the_gazette_s_name_a_short_name_is_only_written_out() {
    let issue = gazette_parse::parse_text(&sample_text());
    let list = last(&issue);
    assert_eq!(list.title, "近期市政府任免的工作人员名单");
    assert_eq!(list.issuer, ["市政府"]);
    // 政府 after a place's level is 人民政府; which city, nothing in this
    // text says.
    assert_eq!(names(list), ["市人民政府"]);
    assert_eq!(list.issuer_canonical[0].evidence, NameEvidence::ShortForm);
}

#[test]
fn under_the_gazette_s_running_header_the_short_name_is_the_city_s_government() {
    let text = paged(&sample_text());
    let issue = gazette_parse::parse_text(&text);
    assert!(issue.artifacts.iter().any(|a| a.text == RUNNING_HEADER));
    assert_eq!(issue.documents.len(), 6);
    let list = last(&issue);
    // The printed name stays as printed; the full name is derived.
    assert_eq!(list.issuer, ["市政府"]);
    assert_eq!(names(list), ["青岛市人民政府"]);
    let name = &list.issuer_canonical[0];
    assert_eq!(name.evidence, NameEvidence::Gazette);
    assert_eq!(name.basis.as_deref(), Some("青岛市人民政府公报"));
    // The others are unchanged by the header.
    let plain = gazette_parse::parse_text(&sample_text());
    for (paged, plain) in issue.documents.iter().zip(&plain.documents).take(5) {
        assert_eq!(paged.issuer_canonical, plain.issuer_canonical);
    }
    // The JSON carries both.
    let json = serde_json::to_value(list).expect("json");
    assert_eq!(json["issuer"][0], "市政府");
    assert_eq!(json["issuer_canonical"][0]["name"], "青岛市人民政府");
    assert_eq!(json["issuer_canonical"][0]["evidence"], "gazette");
}
