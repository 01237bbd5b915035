//! Copies from forums, blogs and news pages (`tests/fixtures/corpus`,
//! sources in SOURCES.md): their anti-scraping junk and news marks kept as
//! artifacts, out of every field, and nothing lost. Expected values read
//! by hand from the fixtures.

use gazette_model::{ArtifactKind, Issue};

use crate::common::fixtures;
use crate::nothing_lost::check;

fn parse(name: &str) -> (String, Issue) {
    let text = std::fs::read_to_string(fixtures().join("corpus").join(name)).expect("fixture");
    let issue = gazette_parse::parse_text(&text);
    check(&text, &issue).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, issue)
}

fn of_kind(issue: &Issue, kind: ArtifactKind) -> Vec<&str> {
    issue
        .artifacts
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a| a.text.as_str())
        .collect()
}

#[test]
fn every_corpus_text_loses_nothing() {
    let corpus = std::fs::read_dir(fixtures().join("corpus")).expect("corpus");
    for entry in corpus {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().and_then(|n| n.to_str()).expect("name");
            parse(name);
        }
    }
}

#[test]
fn a_blog_copy_with_junk_on_every_line() {
    let (_, issue) = parse("gwyb-2009-1.txt");
    let doc = &issue.documents[0];
    // Lines 6 and 8, each with junk after it, a junk line between them.
    assert_eq!(doc.title, "国务院办公厅关于2010年部分节假日安排的通知");
    assert_eq!(doc.doc_number.as_deref(), Some("国办发明电〔2009〕27号"));
    assert_eq!(
        doc.recipients,
        ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    );
    assert_eq!(doc.issuer, ["国务院办公厅"]);
    let junk = of_kind(&issue, ArtifactKind::Jammer);
    // Line 1 is junk alone; line 2 ends with junk after a space.
    assert_eq!(junk[0], "=>v\"//O8");
    assert_eq!(junk[1], "MEAWSPo");
    assert!(junk.iter().all(|j| j.is_ascii()));
    // No block holds junk.
    let blocks: String = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(!blocks.contains("MEAWSPo") && !blocks.contains("^AbcGet"));
}

#[test]
fn a_forum_copy_with_a_site_name_glued_to_its_junk() {
    let (_, issue) = parse("ncha-2009-1.txt");
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "");
    assert_eq!(doc.doc_number.as_deref(), Some("文物保函〔2009〕472号"));
    assert_eq!(doc.recipients, ["山西省文物局"]);
    let junk = of_kind(&issue, ArtifactKind::Jammer);
    assert_eq!(junk[0], "中国古建筑营造网nTA6zId$W#[\"Ux u");
    // The forum's footer with its address is no junk.
    assert!(junk.iter().all(|j| !j.contains("yingzao")));
}

#[test]
fn a_forum_copy_with_junk_before_and_after_its_lines() {
    let (_, issue) = parse("customs-2022-1.txt");
    let doc = &issue.documents[0];
    assert_eq!(doc.issuer, ["海关总署"]);
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2022-03-30")
    );
    assert_eq!(doc.doc_type.as_deref(), Some("公告"));
    let junk = of_kind(&issue, ArtifactKind::Jammer);
    // x2022年: the year is the date line's own.
    assert!(junk.contains(&"r3 {& ^' I, V' n\" x"));
    // The address in brackets and the attachment's file name stay.
    let blocks: String = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(blocks.contains("(http://www.tbtsps.cn)"));
    assert!(blocks.contains("名称表.doc"));
}

#[test]
fn a_news_copy_keeps_its_marks_out_of_the_title() {
    let (_, issue) = parse("npcsc-2014-1.txt");
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "全国人民代表大会常务委员会公告");
    assert_eq!(doc.doc_number.as_deref(), Some("〔十二届〕第七号"));
    assert_eq!(
        of_kind(&issue, ArtifactKind::NewsMark),
        ["新华社北京8月31日电", "(授权发布)"]
    );
}

#[test]
fn page_lines_without_marks_stay_out_of_the_fields() {
    // A button (朗读) over the 主送 of a text without title.
    let (_, issue) = parse("pujiang-2005-1.txt");
    assert_eq!(issue.documents[0].recipients, ["县水务局"]);
    assert!(of_kind(&issue, ArtifactKind::WebChrome).contains(&"朗读"));
    // A row of menu words over the title, a date and source line under it.
    let (_, issue) = parse("scrd-2013-1.txt");
    assert!(issue.documents[0].title.starts_with("四川省第十二届"));
    assert!(of_kind(&issue, ArtifactKind::WebChrome)
        .contains(&"常委会公报 人事任免 调查研究 一府两院传真"));
    // A headline with a place before the title and a unit after it.
    let (_, issue) = parse("cyga-2021-1.txt");
    assert_eq!(issue.documents[0].title, "关于实施交通管制的通告");
    // Labels glued to their values.
    let (_, issue) = parse("hbzjt-2022-1.txt");
    let doc = &issue.documents[0];
    assert_eq!(doc.doc_number.as_deref(), Some("厅头〔2022〕723号"));
    let meta = doc.published_meta.as_ref().expect("metadata");
    assert_eq!(meta.index_number.as_deref(), Some("01104325X/2022-14728"));
    assert_eq!(meta.topic.as_deref(), Some("城乡建设(含住房)"));
    assert_eq!(meta.issuer.as_deref(), Some("湖北省住房和城乡建设厅"));
    assert_eq!(meta.validity.as_deref(), Some("有效"));
}
