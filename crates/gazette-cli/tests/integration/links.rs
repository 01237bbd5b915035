//! `gazette links`, `units`, `people`, `calendar` and `provisions` on the
//! sample issue: exit codes, JSON and text, and clear messages for what
//! the archive does not know. Expected values were read by hand from
//! `tests/fixtures/qingdao-gazette-2019-issue.txt` (line numbers given).

use std::path::PathBuf;
use std::process::Output;

use crate::archive::{gazette, sample, stdout};

/// An archive holding the sample, in a temporary directory.
fn ingested() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = gazette(&data, &["ingest", &sample().display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, data)
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Asserts a failure with exit code 1, `message` on stderr and no panic.
fn assert_fails_with(out: &Output, message: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(message), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn links_marks_the_flood_notices_citation_external_with_its_issuing_body() {
    let (_dir, data) = ingested();
    // Line 121: （鲁政办字〔2019〕97号）.
    let links = json(&gazette(
        &data,
        &["links", "青政办字〔2019〕30号", "--format", "json"],
    ));
    assert_eq!(links["references"][0]["doc_number"], "鲁政办字〔2019〕97号");
    assert_eq!(
        links["references"][0]["issuing_body"],
        "山东省人民政府办公厅"
    );
    assert!(links["references"][0]["target"].is_null());
    let text = stdout(&gazette(&data, &["links", "青政办字〔2019〕30号"]));
    assert!(
        text.contains("未收录，发文机关：山东省人民政府办公厅"),
        "{text}"
    );
    assert_fails_with(
        &gazette(&data, &["links", "青政办字〔2019〕999号"]),
        "no document “青政办字〔2019〕999号” in the archive",
    );
}

#[test]
fn units_finds_the_finance_bureau_by_its_short_name_with_eleven_tasks() {
    let (_dir, data) = ingested();
    // Lines 29, 31, 39 (twice), 45, 53, 55, 256, 260, 264, 269.
    let report = json(&gazette(&data, &["units", "市财政局", "--format", "json"]));
    assert_eq!(report["unit"], "青岛市财政局");
    assert_eq!(report["tasks"].as_array().map(Vec::len), Some(11));
    let text = stdout(&gazette(&data, &["units", "市财政局"]));
    assert!(text.starts_with("青岛市财政局: 11 task(s)"), "{text}");
    assert!(text.contains("line 256, row 5"), "{text}");
    let list = stdout(&gazette(&data, &["units"]));
    assert!(list.contains("青岛市财政局"));
    assert_fails_with(
        &gazette(&data, &["units", "市不存在局"]),
        "no task in the archive names the unit “市不存在局”",
    );
}

#[test]
fn people_gives_cao_yanpings_appointment_and_removal() {
    let (_dir, data) = ingested();
    // Line 536 appoints him, line 556 removes him.
    let histories = json(&gazette(&data, &["people", "曹彦平", "--format", "json"]));
    let lines: Vec<u64> = histories[0]["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["line"].as_u64())
        .collect();
    assert_eq!(lines, [536, 556]);
    let text = stdout(&gazette(&data, &["people", "曹彦平"]));
    assert!(text.contains("任命 青岛市住房公积金管理中心"), "{text}");
    assert!(text.contains("免去 青岛市财政局副局长"), "{text}");
    let everyone = json(&gazette(&data, &["people", "--format", "json"]));
    assert_eq!(everyone.as_array().map(Vec::len), Some(29));
    assert_fails_with(&gazette(&data, &["people", "无此人"]), "names “无此人”");
}

#[test]
fn calendar_writes_the_hundred_days_deadlines_and_their_icalendar_file() {
    let (_dir, data) = ingested();
    // Line 378: 于7月15日前 …, 每月23日前 …, 10月23日前.
    let entries = json(&gazette(
        &data,
        &[
            "calendar",
            "--document",
            "青政办字〔2019〕33号",
            "--format",
            "json",
        ],
    ));
    let due: Vec<&str> = entries
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["deadline"]["date"].as_str())
        .collect();
    assert!(
        due.contains(&"2019-07-15") && due.contains(&"2019-10-23"),
        "{due:?}"
    );
    let ics = stdout(&gazette(
        &data,
        &["calendar", "--document", "青政办字〔2019〕33号", "--ics"],
    ));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=23"));
    assert_fails_with(
        &gazette(&data, &["calendar", "--document", "nothing-here"]),
        "no document “nothing-here” in the archive",
    );
}

#[test]
fn provisions_answers_the_unemployment_rate_as_of_a_day() {
    let (_dir, data) = ingested();
    // Line 87: 自2019年5月1日起 … 由1.5%降至1% … 执行期限至2020年4月30日.
    let report = json(&gazette(
        &data,
        &[
            "provisions",
            "失业保险费率",
            "--as-of",
            "2019-06-01",
            "--format",
            "json",
        ],
    ));
    assert_eq!(report["as_of"]["state"], "in_force");
    assert_eq!(
        report["as_of"]["provisions"][0]["provision"]["quantity"]["value"],
        "1"
    );
    let text = stdout(&gazette(
        &data,
        &["provisions", "失业保险费率", "--as-of", "2020-06-01"],
    ));
    assert!(text.starts_with("ended before 2020-06-01: 1% "), "{text}");
    assert!(text.contains("青政办发〔2019〕4号"), "{text}");
    assert_fails_with(
        &gazette(&data, &["provisions", "不存在的费率"]),
        "no provision in the archive is about “不存在的费率”",
    );
    let bad = gazette(
        &data,
        &["provisions", "失业保险费率", "--as-of", "2019-13-01"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--as-of"));
}
