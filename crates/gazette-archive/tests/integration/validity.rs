//! Validity derived from the archive's own texts, with provenance: the
//! sample's rate notice (whose rates end on 2020-04-30 while the notice as
//! a whole has no end), a later notice written for this test that repeals
//! 青政办字〔2019〕30号 by number, and an editor's status over both.
//! Expected values were read by hand from the texts.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gazette_archive::{Archive, EvidenceKind, StatusRequest, StatusSource};
use gazette_model::Status;
use gazette_search::SearchOptions;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt")
}

/// A later notice, as a gazette would print it, that repeals the sample's
/// 青政办字〔2019〕30号 in its last section and takes effect on 2020-06-01.
pub(crate) const REPEALING: &str = "青岛市人民政府办公厅关于调整全市防汛抗旱指挥部组成人员的通知\n\n\
（2020年5月20日）\n\n青政办字〔2020〕12号\n\n\
各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位：\n\n\
经市政府同意，现将调整后的市政府防汛抗旱指挥部组成人员通知如下。\n\n\
一、指挥部组成人员\n\n总指挥由市长担任，常务副总指挥由分管副市长担任。\n\n\
二、其他事项\n\n\
本通知自2020年6月1日起施行。《青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知》（青政办字〔2019〕30号）同时废止。\n";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn sample(dir: &Path) -> Archive {
    let mut archive = Archive::open(dir).expect("open");
    archive
        .ingest_paths(&[sample_path()], "test", |_| {})
        .expect("ingest the sample");
    archive
}

fn numbers(archive: &Archive, query: &str) -> Vec<String> {
    let results = archive
        .reads()
        .search(query, &SearchOptions::default())
        .expect("search");
    results
        .hits
        .iter()
        .filter_map(|h| h.doc_number.clone())
        .collect()
}

#[test]
fn the_rate_notice_is_unverified_with_its_rates_ending_on_2020_04_30() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = sample(dir.path());
    let view = archive
        .reads()
        .document("青政办发〔2019〕4号")
        .expect("the rate notice");
    let effect = view
        .record
        .document
        .takes_effect
        .as_ref()
        .expect("施行日期");
    assert_eq!(effect.date, Some(day(2019, 5, 1)));
    let validity = &view.validity;
    // Only the rates of 二（一）and 二（二）end; 一 and 三 have no end, so
    // the notice as a whole neither expires nor is shown in force.
    assert_eq!(validity.status, Status::Unverified);
    assert_eq!(validity.source, StatusSource::None);
    assert_eq!(view.record.status, Status::Unverified);
    let ends: Vec<_> = validity
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::ProvisionEnd)
        .collect();
    // One finding per sentence: 二（一）the unemployment rates, 二（二）the
    // work-injury rates, both 执行期限至2020年4月30日 (lines 87 and 89).
    assert_eq!(ends.len(), 2, "{:?}", validity.evidence);
    assert!(
        ends[0]
            .summary
            .ends_with("执行期限至2020年4月30日（本文二（一））"),
        "{}",
        ends[0].summary
    );
    assert!(
        ends[1]
            .summary
            .ends_with("执行期限至2020年4月30日（本文二（二））"),
        "{}",
        ends[1].summary
    );
    assert_eq!((ends[0].line, ends[1].line), (87, 89));
    for end in &ends {
        assert_eq!(end.status, None);
        assert_eq!(end.effective, Some(day(2020, 5, 1)));
        assert!(
            end.summary.contains("执行期限至2020年4月30日"),
            "{}",
            end.summary
        );
        assert!(
            end.clause.contains("执行期限至2020年4月30日"),
            "{}",
            end.clause
        );
        assert!(
            end.place.as_deref().is_some_and(|p| p.starts_with("二（")),
            "{:?}",
            end.place
        );
        let text = std::fs::read_to_string(sample_path()).expect("sample");
        assert!(text[end.span.start..end.span.end].chars().count() > 0);
    }
    assert!(numbers(&archive, "status:unverified").contains(&"青政办发〔2019〕4号".to_owned()));
    assert!(
        numbers(&archive, "status:in_force").is_empty(),
        "nothing is in force by default"
    );
}

#[test]
fn a_later_notice_repeals_the_earlier_by_number_and_the_editor_overrides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = sample(dir.path());
    let target = "青政办字〔2019〕30号";
    assert_eq!(
        archive
            .reads()
            .document(target)
            .expect("30号")
            .record
            .status,
        Status::Unverified
    );
    let file = dir.path().join("later.txt");
    std::fs::write(&file, REPEALING).expect("write the later notice");
    archive
        .ingest_paths(&[file], "test", |_| {})
        .expect("ingest the later notice");

    let view = archive.reads().document(target).expect("30号");
    let validity = &view.validity;
    assert_eq!(validity.status, Status::Repealed);
    assert_eq!(validity.source, StatusSource::Derived);
    assert_eq!(validity.summary, "已废止：青政办字〔2020〕12号 二");
    let repeal = validity
        .evidence
        .iter()
        .find(|e| e.kind == EvidenceKind::Repeal)
        .expect("the repeal");
    assert_eq!(
        repeal.effective,
        Some(day(2020, 6, 1)),
        "from the later notice's 施行日期"
    );
    assert_eq!(
        repeal.document.doc_number.as_deref(),
        Some("青政办字〔2020〕12号")
    );
    assert!(repeal.clause.contains("同时废止"));
    let later = archive
        .reads()
        .document("青政办字〔2020〕12号")
        .expect("the later notice");
    assert_eq!(
        repeal.document.slug, later.record.slug,
        "linked to the later notice"
    );
    assert_eq!(
        archive
            .reads()
            .status_on(target, day(2020, 5, 31))
            .expect("before")
            .1,
        Status::Unverified,
        "not repealed before the later notice takes effect"
    );
    // The search index followed, without a reindex.
    assert_eq!(numbers(&archive, "status:repealed"), [target]);
    assert!(!archive.reads().review(50).expect("review").is_empty());

    // An editor's status overrides the derived one.
    archive
        .record_status(
            target,
            StatusRequest {
                status: Status::Expired,
                effective: day(2020, 1, 1),
                reason: Some("过渡期至2019年12月底".to_owned()),
                by_document: None,
                recorded_by: "editor".to_owned(),
            },
            "editor",
        )
        .expect("record");
    let view = archive.reads().document(target).expect("30号");
    assert_eq!(view.validity.status, Status::Expired);
    assert_eq!(view.validity.source, StatusSource::Recorded);
    assert!(
        view.validity.summary.starts_with("已失效：编辑核定"),
        "{}",
        view.validity.summary
    );
    assert!(numbers(&archive, "status:repealed").is_empty());
    assert_eq!(numbers(&archive, "status:expired"), [target]);
    let review = archive.reads().review(50).expect("review");
    assert!(review
        .iter()
        .all(|(r, _)| r.document.doc_number.as_deref() != Some(target)));
}

#[test]
fn a_repeal_stored_through_the_server_path_is_followed_by_catch_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = sample(dir.path());
    archive
        .ingest_bytes("later.txt", REPEALING.as_bytes(), "test")
        .expect("ingest");
    archive.catch_up().expect("catch up");
    assert_eq!(
        numbers(&archive, "status:repealed"),
        ["青政办字〔2019〕30号"]
    );
    // The same after a rebuild of the derived indexes.
    archive.reindex().expect("reindex");
    assert_eq!(
        numbers(&archive, "status:repealed"),
        ["青政办字〔2019〕30号"]
    );
}

#[test]
fn search_filters_by_the_day_a_document_takes_effect() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = sample(dir.path());
    // 青政办发〔2019〕4号: 自2019年5月1日起 (its measures), read by hand.
    let found = numbers(&archive, "施行日期:2019..2020");
    assert!(
        found.contains(&"青政办发〔2019〕4号".to_owned()),
        "{found:?}"
    );
    assert_eq!(
        numbers(&archive, "effective:2019-05-01 社会保险"),
        ["青政办发〔2019〕4号"]
    );
    assert!(numbers(&archive, "effective:2021..").is_empty());
}

/// A short 办法 whose last article gives its 施行日期 and 有效期, written
/// for this test as a 规范性文件 prints them.
const EXPIRING: &str = "青岛市某某专项资金管理办法\n\n\
（2018年4月10日）\n\n青政办发〔2018〕9号\n\n\
第一条　为规范专项资金管理，制定本办法。\n\n\
第二条　本办法适用于市级专项资金。\n\n\
第三条　专项资金由市财政局负责管理。\n\n\
第四条　资金使用情况按年度公开。\n\n\
第五条　本办法自2018年5月1日起施行，有效期至2020年4月30日。\n";

#[test]
fn a_period_that_has_passed_makes_the_document_expired_from_the_day_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    archive
        .ingest_bytes("expiring.txt", EXPIRING.as_bytes(), "test")
        .expect("ingest");
    archive.catch_up().expect("catch up");
    let view = archive
        .reads()
        .document("青政办发〔2018〕9号")
        .expect("the 办法");
    let validity = &view.validity;
    assert_eq!(validity.status, Status::Expired);
    assert_eq!(validity.source, StatusSource::Derived);
    assert_eq!(
        validity.summary,
        "已失效：有效期至2020年4月30日（本文第五条）"
    );
    let expiry = validity
        .evidence
        .iter()
        .find(|e| e.kind == EvidenceKind::Expiry)
        .expect("the expiry");
    assert_eq!(expiry.effective, Some(day(2020, 5, 1)));
    assert!(EXPIRING[expiry.span.start..expiry.span.end].contains("有效期至2020年4月30日"));
    let (_, last_day) = archive
        .reads()
        .status_on("青政办发〔2018〕9号", day(2020, 4, 30))
        .expect("on its last day");
    assert_eq!(last_day, Status::Unverified, "still within its period");
    let (_, before) = archive
        .reads()
        .status_on("青政办发〔2018〕9号", day(2018, 4, 30))
        .expect("before it takes effect");
    assert_eq!(before, Status::NotYetInForce);
    assert_eq!(numbers(&archive, "status:expired"), ["青政办发〔2018〕9号"]);
    let review = archive.reads().review(10).expect("review");
    let listed: Vec<_> = review
        .iter()
        .filter_map(|(r, _)| r.document.doc_number.as_deref())
        .collect();
    assert_eq!(
        listed,
        ["青政办发〔2018〕9号"],
        "its expiry awaits an editor"
    );
}

/// A cleanup notice written for this test, in the form such notices are
/// published: the result in the body, one table per outcome as
/// attachments, each row a document by 文件名称 and 文号.
const CLEANUP: &str = "青岛市人民政府办公厅关于公布市政府规范性文件清理结果的通知\n\n\
青政办发〔2021〕5号\n\n各区、市人民政府，市政府各部门，市直各单位：\n\n\
\u{3000}\u{3000}市政府对以市政府、市政府办公厅名义印发的规范性文件进行了全面清理。经清理，继续有效的规范性文件1件，废止的规范性文件1件，宣布失效的规范性文件1件。现将清理结果予以公布，自公布之日起施行。\n\n\
\u{3000}\u{3000}附件：1.继续有效的市政府规范性文件目录\n　　　　　2.废止的市政府规范性文件目录\n　　　　　3.宣布失效的市政府规范性文件目录\n\n\
青岛市人民政府办公厅\n2021年3月1日\n\n附件1\n\n继续有效的市政府规范性文件目录\n\n\
序号\t文件名称\t文号\n1\t青岛市人民政府办公厅关于做好2019年社会保险工作的通知\t青政办发〔2019〕4号\n\n\
附件2\n\n废止的市政府规范性文件目录\n\n序号\t文件名称\t文号\n\
1\t青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知\t青政办字〔2019〕30号\n\n\
附件3\n\n宣布失效的市政府规范性文件目录\n\n序号\t文件名称\t文号\n\
1\t青岛市人民政府办公厅关于印发青岛市安全生产大排查大整治实施方案的通知\t青政办字〔2019〕31号\n";

#[test]
fn a_cleanup_list_gives_each_listed_document_its_status_from_the_list_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = sample(dir.path());
    archive
        .ingest_bytes("cleanup-2021.txt", CLEANUP.as_bytes(), "test")
        .expect("ingest the cleanup notice");
    archive.catch_up().expect("catch up");
    let status = |number: &str| {
        let view = archive.reads().document(number).expect(number);
        let validity = view.validity.clone();
        (validity.status, validity.source, validity.evidence)
    };
    for (number, expected) in [
        ("青政办字〔2019〕30号", Status::Repealed),
        ("青政办字〔2019〕31号", Status::Expired),
        ("青政办发〔2019〕4号", Status::InForce),
    ] {
        let (got, source, evidence) = status(number);
        assert_eq!(got, expected, "{number}");
        assert_eq!(source, StatusSource::Derived, "{number}");
        let listed = evidence
            .iter()
            .find(|e| e.kind == EvidenceKind::CleanupList)
            .unwrap_or_else(|| panic!("{number}: no cleanup finding in {evidence:?}"));
        assert_eq!(
            listed.document.doc_number.as_deref(),
            Some("青政办发〔2021〕5号")
        );
        assert_eq!(listed.effective, Some(day(2021, 3, 1)));
        assert!(listed.clause.contains(number), "{}", listed.clause);
    }
    // The search index follows: 30号 is found among the repealed.
    assert!(numbers(&archive, "status:repealed").contains(&"青政办字〔2019〕30号".to_owned()));
}
