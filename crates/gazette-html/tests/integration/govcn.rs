//! The 49 State Council pages of `tests/fixtures/govcn/html/`: each, rendered
//! and parsed with its metadata, gives the one document that
//! `tests/fixtures/govcn/expected.tsv` (read by hand) describes, with the
//! recipients, attachments and citations the parser finds in the text of
//! the same page (`govcn-rowNN.txt`), and the page's metadata table.

use gazette_model::{Document, Issue, NaiveDate, PublishedMeta, TextForm};

use crate::govcn_support::{check_row10_table, expected, govcn_fixtures as fixtures};

fn page_issue(stem: &str) -> (Issue, Option<PublishedMeta>) {
    let bytes = std::fs::read(fixtures().join(format!("html/{stem}.html"))).expect("page");
    assert!(gazette_html::is_html(&bytes), "{stem}");
    let decoded = gazette_html::decode(&bytes).expect("decodes");
    let page = gazette_html::render(&decoded.html);
    let meta = page.meta.clone();
    (
        gazette_parse::parse_with_meta(&page.text, TextForm::Html, page.meta),
        meta,
    )
}

fn text_issue(stem: &str) -> Issue {
    let bytes = std::fs::read(fixtures().join(format!("{stem}.txt"))).expect("text");
    gazette_parse::parse_bytes(&bytes).expect("decodes").0
}

fn fields(doc: &Document) -> [String; 5] {
    [
        doc.doc_number.clone().unwrap_or_default(),
        doc.title.clone(),
        doc.date.map(|d| d.to_string()).unwrap_or_default(),
        doc.doc_type.clone().unwrap_or_default(),
        doc.issuer.join("、"),
    ]
}

fn extracted(doc: &Document) -> (Vec<String>, Vec<String>, Vec<Option<String>>) {
    (
        doc.recipients.clone(),
        doc.attachments.iter().map(|a| a.title.clone()).collect(),
        doc.cited.iter().map(|c| c.doc_number.clone()).collect(),
    )
}

#[test]
fn every_page_gives_its_document_as_the_text_does() {
    let rows = expected();
    assert_eq!(rows.len(), 49);
    let mut failures = Vec::new();
    for row in &rows {
        let stem = &row.stem;
        let (issue, _) = page_issue(stem);
        assert_eq!(issue.form, TextForm::Html);
        let [doc] = issue.documents.as_slice() else {
            failures.push(format!("{stem}: {} documents", issue.documents.len()));
            continue;
        };
        let want: [String; 5] = row.fields();
        if fields(doc) != want {
            failures.push(format!(
                "{stem}:\n  want {want:?}\n  got  {:?}",
                fields(doc)
            ));
        }
        let text = text_issue(stem);
        let from_text = extracted(&text.documents[0]);
        if extracted(doc) != from_text {
            failures.push(format!(
                "{stem}: recipients/attachments/citations\n  text {from_text:?}\n  page {:?}",
                extracted(doc)
            ));
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
fn every_page_has_its_metadata_table() {
    let mut missing = Vec::new();
    for row in expected() {
        let (issue, meta) = page_issue(&row.stem);
        let Some(meta) = meta else {
            missing.push(format!("{}: no metadata", row.stem));
            continue;
        };
        if meta.index_number.is_none()
            || meta.topic.is_none()
            || meta.written.is_none()
            || meta.published.is_none()
        {
            missing.push(format!("{}: {meta:?}", row.stem));
        }
        assert_eq!(
            issue
                .documents
                .first()
                .and_then(|d| d.published_meta.as_ref()),
            Some(&meta),
            "{}",
            row.stem
        );
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// (stem, 索引号, 主题分类, 成文日期, 发布日期, 主题词), read by hand from the
/// pages' tables.
type HandRead = (
    &'static str,
    &'static str,
    &'static str,
    Option<NaiveDate>,
    Option<NaiveDate>,
    &'static [&'static str],
);

#[test]
fn three_tables_read_by_hand() {
    let pages: [HandRead; 3] = [
        (
            "govcn-row24",
            "000014349/2004-00206",
            "卫生、体育\\体育",
            date(2004, 4, 17),
            date(2018, 12, 24),
            &["体育", "运动会", "函"],
        ),
        (
            "govcn-row44",
            "000014349/2006-00209",
            "港澳台侨工作\\港澳工作",
            date(2006, 12, 30),
            date(2018, 12, 3),
            &[],
        ),
        (
            "govcn-row58",
            "000014349/2018-00206",
            "科技、教育\\知识产权",
            date(2018, 11, 6),
            date(2018, 11, 19),
            &[],
        ),
    ];
    for (stem, index_number, topic, written, published, keywords) in pages {
        let (_, meta) = page_issue(stem);
        let meta = meta.expect("metadata");
        assert_eq!(meta.index_number.as_deref(), Some(index_number), "{stem}");
        assert_eq!(meta.topic.as_deref(), Some(topic), "{stem}");
        assert_eq!(meta.written, written, "{stem}");
        assert_eq!(meta.published, published, "{stem}");
        assert_eq!(meta.keywords, keywords, "{stem}");
    }
    let (_, order) = page_issue("govcn-row58");
    let order = order.expect("metadata");
    assert_eq!(order.title.as_deref(), Some("专利代理条例"));
    assert_eq!(order.doc_number.as_deref(), Some("国令第706号"));
    assert_eq!(order.issuer.as_deref(), Some("国务院"));
}

#[test]
fn a_table_date_that_disagrees_with_the_signature_is_flagged() {
    // govcn-row24 is signed 二〇〇四年四月二十七日; its table says 成文日期
    // 2004年04月17日. The text's date stays, the warning names both.
    let (issue, _) = page_issue("govcn-row24");
    let doc = &issue.documents[0];
    assert_eq!(doc.date, date(2004, 4, 27));
    let warning = doc
        .warnings
        .iter()
        .find(|w| w.code == "meta_disagrees")
        .expect("meta_disagrees");
    assert!(warning.message.contains("成文日期"), "{}", warning.message);
    assert!(warning.message.contains("2004-04-27") && warning.message.contains("2004-04-17"));
}

fn non_blank(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn nothing_of_a_rendered_page_is_lost_by_the_parser() {
    // Every non-blank character of the rendered text is in exactly one
    // block, in order (the parser's own invariant, on HTML text).
    for row in expected() {
        let stem = &row.stem;
        let bytes = std::fs::read(fixtures().join(format!("html/{stem}.html"))).expect("page");
        let page = gazette_html::render(&gazette_html::decode(&bytes).expect("decodes").html);
        let issue = gazette_parse::parse_with_meta(&page.text, TextForm::Html, page.meta);
        let covered: String = issue
            .front_matter
            .iter()
            .chain(issue.documents.iter().flat_map(|d| d.blocks.iter()))
            .flat_map(|b| b.pieces.iter().map(|p| p.of(&page.text)))
            .collect();
        assert_eq!(non_blank(&covered), non_blank(&page.text), "{stem}");
    }
}

#[test]
fn a_table_with_group_rows_stays_one_table() {
    // govcn-row10's attachment: five columns; the group rows (一、… to 五、…)
    // span all five (colspan) and come out as lines without TABs between
    // the rows; items 1–14 and 21–23 (the crawl lost 15–20).
    let (issue, _) = page_issue("govcn-row10");
    check_row10_table(&issue.documents[0].tables);
}
