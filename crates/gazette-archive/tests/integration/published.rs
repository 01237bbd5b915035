//! A document's 发布日期: the publisher's page's when it gives one (the
//! gov.cn page of 国办函〔2004〕36号 prints 发布日期 2018年12月24日), else the
//! publication date of the issue that printed it (the sample, whose text
//! prints no date, uploaded as published 2019-07-20), else unknown.
//! Expected values were read by hand from the fixtures.

use std::path::PathBuf;

use chrono::NaiveDate;
use gazette_archive::{Archive, GivenIssue, PublishedFrom};

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

#[test]
fn the_published_date_falls_back_to_the_issue_s() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    let mut given = GivenIssue::default();
    given.set_gazette("青岛市人民政府公报").expect("name");
    given.set_issue("2019-7").expect("issue");
    given.set_published("2019-07-20").expect("date");
    archive
        .ingest_paths_as(
            &[fixture("qingdao-gazette-2019-issue.txt")],
            &given,
            "test",
            |_| {},
        )
        .expect("ingest the sample as an issue");
    archive
        .ingest_paths(&[fixture("govcn/html/govcn-row24.html")], "test", |_| {})
        .expect("ingest the page");

    let view = archive
        .reads()
        .document("青政办发〔2019〕4号")
        .expect("4号");
    assert_eq!(view.dates.written, Some(day(2019, 6, 26)));
    assert_eq!(view.dates.published, Some(day(2019, 7, 20)));
    assert_eq!(view.dates.published_from, Some(PublishedFrom::Issue));

    let page = archive
        .reads()
        .document("国办函〔2004〕36号")
        .expect("the 复函");
    // The signature's date, 二〇〇四年四月二十七日 (the page's table says
    // 2004年04月17日; the document as signed wins, the table is kept in
    // `published_meta`).
    assert_eq!(page.dates.written, Some(day(2004, 4, 27)));
    assert_eq!(page.dates.published, Some(day(2018, 12, 24)));
    assert_eq!(page.dates.published_from, Some(PublishedFrom::Page));

    let ledger = archive.reads().ledger_on(day(2026, 1, 1)).expect("ledger");
    let entry = ledger
        .bodies
        .iter()
        .flat_map(|b| &b.documents)
        .find(|e| e.document.doc_number.as_deref() == Some("青政办发〔2019〕4号"))
        .expect("4号 in the ledger");
    assert_eq!(entry.dates.published, Some(day(2019, 7, 20)));
}

#[test]
fn without_a_page_or_an_issue_date_the_published_date_is_unknown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    archive
        .ingest_paths(&[fixture("qingdao-gazette-2019-issue.txt")], "test", |_| {})
        .expect("ingest");
    let view = archive
        .reads()
        .document("青政办发〔2019〕4号")
        .expect("4号");
    assert_eq!(view.dates.published, None);
    assert_eq!(view.dates.published_from, None);
}
