//! The normative-document ledger (规范性文件台账) of the sample issue, a
//! later notice written for the validity tests that repeals 青政办字〔2019〕30号,
//! and gov.cn documents of every kind the rule keeps or leaves out; an
//! editor's change shows in the changes with its day. Expected values were
//! read by hand from the texts (titles, numbers, dates under the titles).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gazette_archive::{Archive, StatusRequest, StatusSource};
use gazette_model::Status;

use crate::validity::REPEALING;

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn archive(dir: &Path) -> Archive {
    let later = dir.join("repealing.txt");
    std::fs::write(&later, REPEALING).expect("write the later notice");
    let mut files = vec![fixture("qingdao-gazette-2019-issue.txt"), later];
    for name in [
        "govcn/govcn-row35.txt",                // 国办发〔2018〕115号 指导意见: kept
        "govcn/govcn-row40.txt",                // 国发〔1981〕88号 通知: kept
        "govcn/govcn-row47.txt", // 国发〔2004〕18号 印发《国务院工作规则》的通知: kept
        "govcn/govcn-row24.txt", // 国办函〔2004〕36号 复函: left out
        "govcn/govcn-row44.txt", // 国函〔2006〕132号 批复: left out
        "govcn/govcn-row58.txt", // 国令第706号 专利代理条例: left out
        "govcn/govcn-row60.txt", // 国办函〔2018〕71号 a 通知 under a 函 code: left out
        "interpretation/govcn-row35-jiedu.txt", // 解读: left out
    ] {
        files.push(fixture(name));
    }
    let mut archive = Archive::open(&dir.join("data")).expect("open");
    archive
        .ingest_paths(&files, "test", |_| {})
        .expect("ingest");
    archive
}

fn numbers(ledger: &gazette_archive::Ledger, body: &str) -> Vec<String> {
    ledger
        .bodies
        .iter()
        .find(|b| b.body == body)
        .unwrap_or_else(|| panic!("{body} in the ledger"))
        .documents
        .iter()
        .filter_map(|e| e.document.doc_number.clone())
        .collect()
}

#[test]
fn the_ledger_lists_normative_documents_by_issuing_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = archive(dir.path());
    let ledger = archive.reads().ledger_on(day(2026, 1, 1)).expect("ledger");
    let bodies: Vec<&str> = ledger.bodies.iter().map(|b| b.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "国务院",
            "国务院办公厅",
            "青岛市人民政府",
            "青岛市人民政府办公厅"
        ]
    );
    assert_eq!(
        numbers(&ledger, "国务院"),
        ["国发〔1981〕88号", "国发〔2004〕18号"]
    );
    assert_eq!(numbers(&ledger, "国务院办公厅"), ["国办发〔2018〕115号"]);
    assert_eq!(numbers(&ledger, "青岛市人民政府"), ["青政字〔2019〕16号"]);
    // By 成文日期: 6月24日, 6月26日, 6月28日, 7月11日, then 2020年5月20日.
    assert_eq!(
        numbers(&ledger, "青岛市人民政府办公厅"),
        [
            "青政办字〔2019〕30号",
            "青政办发〔2019〕4号",
            "青政办字〔2019〕31号",
            "青政办字〔2019〕33号",
            "青政办字〔2020〕12号",
        ]
    );
    assert_eq!(ledger.total, 9);
}

#[test]
fn each_entry_has_its_dates_status_evidence_and_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = archive(dir.path());
    let office = |ledger: &gazette_archive::Ledger, number: &str| {
        ledger
            .bodies
            .iter()
            .flat_map(|b| &b.documents)
            .find(|e| e.document.doc_number.as_deref() == Some(number))
            .cloned()
            .unwrap_or_else(|| panic!("{number} in the ledger"))
    };
    let ledger = archive.reads().ledger_on(day(2026, 1, 1)).expect("ledger");

    let rates = office(&ledger, "青政办发〔2019〕4号");
    assert_eq!(rates.dates.written, Some(day(2019, 6, 26)));
    assert_eq!(rates.dates.takes_effect, Some(day(2019, 5, 1)));
    assert_eq!(rates.validity.status, Status::Unverified);
    assert!(
        rates.changes.is_empty(),
        "a provision's end changes no status"
    );

    let repealed = office(&ledger, "青政办字〔2019〕30号");
    assert_eq!(repealed.validity.status, Status::Repealed);
    assert_eq!(repealed.validity.source, StatusSource::Derived);
    assert_eq!(repealed.validity.summary, "已废止：青政办字〔2020〕12号 二");
    let changes: Vec<_> = repealed
        .changes
        .iter()
        .map(|c| (c.status, c.effective, c.source))
        .collect();
    assert_eq!(
        changes,
        [(
            Status::Repealed,
            Some(day(2020, 6, 1)),
            StatusSource::Derived
        )]
    );

    let old = office(&ledger, "国发〔1981〕88号");
    assert_eq!(old.validity.status, Status::Unverified);
    assert_eq!(old.dates.written, Some(day(1981, 5, 23)));

    archive
        .record_status(
            "青政办字〔2019〕31号",
            StatusRequest {
                status: Status::Expired,
                effective: day(2020, 1, 1),
                reason: Some("年度工作要点，2019年度届满".to_owned()),
                by_document: None,
                recorded_by: "editor".to_owned(),
            },
            "editor",
        )
        .expect("record");
    let ledger = archive.reads().ledger_on(day(2026, 1, 1)).expect("ledger");
    let points = office(&ledger, "青政办字〔2019〕31号");
    assert_eq!(points.validity.status, Status::Expired);
    assert_eq!(points.validity.source, StatusSource::Recorded);
    assert_eq!(points.changes.len(), 1);
    assert_eq!(points.changes[0].effective, Some(day(2020, 1, 1)));
    assert_eq!(points.changes[0].source, StatusSource::Recorded);
    assert_eq!(points.changes[0].summary, "年度工作要点，2019年度届满");
    let office_body = ledger
        .bodies
        .iter()
        .find(|b| b.body == "青岛市人民政府办公厅")
        .expect("the office");
    assert_eq!(office_body.statuses.get("expired"), Some(&1));
    assert_eq!(office_body.statuses.get("repealed"), Some(&1));
}
