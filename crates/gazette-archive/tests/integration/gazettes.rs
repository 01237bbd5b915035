//! Gazettes and issues as published: the sample issue (which prints no
//! 期号 or date) ingested as 青岛市人民政府公报 2019年第7期, a second issue
//! made of two gov.cn documents as 2019年第9期, the 目录 in issue order, the
//! missing 期号 between and before them, and export/import carrying it all.
//! Expected values were read by hand from the fixtures.

use std::path::{Path, PathBuf};

use gazette_archive::{Archive, FileOutcome, GivenIssue};
use gazette_model::{NaiveDate, ValueSource};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn given(issue: &str, published: Option<&str>) -> GivenIssue {
    let mut given = GivenIssue::default();
    given.set_gazette("青岛市人民政府公报").expect("name");
    given.set_issue(issue).expect("issue");
    if let Some(date) = published {
        given.set_published(date).expect("date");
    }
    given
}

/// The second issue: 国发〔2019〕5号 and 国办发〔2019〕6号 from gov.cn,
/// one after the other in one file.
fn second_issue(dir: &Path) -> PathBuf {
    let mut text = String::new();
    for row in ["govcn-row01.txt", "govcn-row02.txt"] {
        text.push_str(
            &std::fs::read_to_string(fixtures().join("govcn").join(row)).expect("fixture"),
        );
        text.push_str("\n\n");
    }
    let path = dir.join("second-issue.txt");
    std::fs::write(&path, text).expect("write");
    path
}

/// An archive with the sample as 2019-7 and the gov.cn issue as 2019-9.
fn two_issues(dir: &Path) -> Archive {
    let mut archive = Archive::open(dir).expect("open");
    let sample = fixtures().join("qingdao-gazette-2019-issue.txt");
    let summary = archive
        .ingest_paths_as(
            &[sample],
            &given("2019-7", Some("2019-07-20")),
            "test",
            |_| {},
        )
        .expect("ingest the sample");
    assert_eq!(summary.issues, 1);
    let second = second_issue(dir);
    let summary = archive
        .ingest_paths_as(&[second], &given("2019-9", None), "test", |_| {})
        .expect("ingest the second issue");
    assert_eq!(summary.issues, 1);
    archive
}

const SAMPLE_NUMBERS: [&str; 5] = [
    "青政字〔2019〕16号",
    "青政办发〔2019〕4号",
    "青政办字〔2019〕30号",
    "青政办字〔2019〕31号",
    "青政办字〔2019〕33号",
];

#[test]
fn the_sample_shows_under_its_gazette_year_and_number_with_its_contents_in_issue_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = two_issues(dir.path());
    let issue = archive
        .reads()
        .gazette_issue("青岛市人民政府公报", 2019, 7)
        .expect("read")
        .expect("2019-7 is held");
    let p = &issue.publication;
    assert_eq!(p.gazette.name, "青岛市人民政府公报");
    assert_eq!(p.gazette.publisher.as_deref(), Some("青岛市人民政府"));
    assert_eq!(p.published, NaiveDate::from_ymd_opt(2019, 7, 20));
    assert_eq!(p.source_of("number"), Some(ValueSource::Given));
    assert!(
        p.conflicts.is_empty(),
        "the sample prints nothing to disagree with"
    );
    let numbers: Vec<Option<&str>> = issue
        .contents
        .iter()
        .map(|e| e.doc_number.as_deref())
        .collect();
    let mut expected: Vec<Option<&str>> = SAMPLE_NUMBERS.iter().copied().map(Some).collect();
    expected.push(None);
    assert_eq!(numbers, expected);
    assert!(
        issue.contents[5].title.contains("任免"),
        "{}",
        issue.contents[5].title
    );
    assert!(archive
        .reads()
        .gazette_issue("青岛市人民政府公报", 2019, 8)
        .expect("read")
        .is_none());
}

#[test]
fn the_gap_between_two_issues_is_listed_as_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = two_issues(dir.path());
    let year = archive
        .reads()
        .gazette_year("青岛市人民政府公报", 2019)
        .expect("read")
        .expect("2019 is held");
    let held: Vec<Option<u32>> = year.issues.iter().map(|i| i.number).collect();
    assert_eq!(held, [Some(7), Some(9)]);
    assert_eq!(year.issues[1].documents, 2);
    // Numbered from 1 in the year: 1–6 are missing as well as 8.
    assert_eq!(year.missing, [1, 2, 3, 4, 5, 6, 8]);
    let gazettes = archive.reads().gazettes().expect("list");
    assert_eq!(gazettes.len(), 1);
    assert_eq!(gazettes[0].issues, 2);
    assert_eq!(gazettes[0].years[0].missing, [1, 2, 3, 4, 5, 6, 8]);
}

#[test]
fn a_printed_number_that_differs_from_the_given_one_is_reported_and_the_given_one_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample =
        std::fs::read_to_string(fixtures().join("qingdao-gazette-2019-issue.txt")).expect("sample");
    // The sample with a masthead line over it, as a cover would print it.
    let path = dir.path().join("with-masthead.txt");
    std::fs::write(
        &path,
        format!("青岛市人民政府公报　2019年第8期\n\n{sample}"),
    )
    .expect("write");
    let mut archive = Archive::open(&dir.path().join("archive")).expect("open");
    let summary = archive
        .ingest_paths_as(&[path], &given("2019-7", None), "test", |_| {})
        .expect("ingest");
    let FileOutcome::Added { conflicts, .. } = &summary.files[0].outcome else {
        panic!("{:?}", summary.files[0].outcome);
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].printed.as_str(), conflicts[0].given.as_str()),
        ("8", "7")
    );
    let issue = archive.reads().issues().expect("issues").remove(0);
    let p = issue.publication.expect("publication");
    assert_eq!(p.number, Some(7));
    assert_eq!(p.conflicts, *conflicts);
    assert_eq!(p.source_of("gazette"), Some(ValueSource::Given));
}

#[test]
fn an_issue_number_cannot_be_given_to_several_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    let sample = fixtures().join("qingdao-gazette-2019-issue.txt");
    let refused = archive.ingest_paths_as(
        &[sample.clone(), second_issue(dir.path())],
        &given("2019-7", None),
        "test",
        |_| {},
    );
    assert!(refused.is_err());
    assert!(archive.reads().issues().expect("issues").is_empty());
}

#[test]
fn export_and_import_carry_the_issues_as_published() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = two_issues(&dir.path().join("a"));
    let mut exported = Vec::new();
    archive.export_jsonl(&mut exported).expect("export");
    let mut restored = Archive::open(&dir.path().join("b")).expect("open");
    restored
        .import_jsonl(&mut exported.as_slice(), "test")
        .expect("import");
    let before: Vec<_> = archive
        .reads()
        .issues()
        .expect("issues")
        .into_iter()
        .map(|i| i.publication)
        .collect();
    let after: Vec<_> = restored
        .reads()
        .issues()
        .expect("issues")
        .into_iter()
        .map(|i| i.publication)
        .collect();
    assert_eq!(after, before);
    assert!(after.iter().all(Option::is_some));
    let year = restored
        .reads()
        .gazette_year("青岛市人民政府公报", 2019)
        .expect("read")
        .expect("held");
    assert_eq!(year.missing, [1, 2, 3, 4, 5, 6, 8]);
}

#[test]
fn a_file_is_stored_under_its_own_name_not_its_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    archive
        .ingest_paths(
            &[fixtures().join("qingdao-gazette-2019-issue.txt")],
            "test",
            |_| {},
        )
        .expect("ingest");
    let issue = archive.reads().issues().expect("issues").remove(0);
    assert_eq!(issue.file_name, "qingdao-gazette-2019-issue.txt");
    // A plain file that names no gazette has no publication.
    assert_eq!(issue.publication, None);
}

#[test]
fn a_web_page_without_a_gazette_belongs_to_its_publishers_collection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    // The gov.cn page of 国发〔2019〕5号: its table says 发文机关 国务院,
    // 发布日期 2019年02月15日.
    let page = fixtures().join("govcn/html/govcn-row01.html");
    archive
        .ingest_paths(&[page], "test", |_| {})
        .expect("ingest");
    let issue = archive.reads().issues().expect("issues").remove(0);
    let p = issue.publication.expect("a collection");
    assert!(p.gazette.collection);
    assert_eq!(p.gazette.name, "国务院");
    assert_eq!(p.published, NaiveDate::from_ymd_opt(2019, 2, 15));
    assert_eq!(p.year, Some(2019));
    assert_eq!(p.number, None);
    let year = archive
        .reads()
        .gazette_year("国务院", 2019)
        .expect("read")
        .expect("held");
    assert_eq!(year.issues.len(), 1);
    assert!(year.missing.is_empty(), "a collection has no 期号 to miss");
}

#[test]
fn a_reindex_keeps_what_the_uploader_gave() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = two_issues(dir.path());
    let before = archive.reads().issues().expect("issues");
    archive.reindex().expect("reindex");
    let after = archive.reads().issues().expect("issues");
    let publications = |records: &[gazette_archive::types::IssueRecord]| {
        records
            .iter()
            .map(|r| r.publication.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(publications(&after), publications(&before));
    assert!(archive
        .reads()
        .gazette_issue("青岛市人民政府公报", 2019, 9)
        .expect("read")
        .is_some());
}

#[test]
fn an_issue_already_archived_gets_the_values_given_later_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(dir.path()).expect("open");
    let sample = fixtures().join("qingdao-gazette-2019-issue.txt");
    archive
        .ingest_paths(std::slice::from_ref(&sample), "test", |_| {})
        .expect("ingest");
    assert_eq!(
        archive.reads().issues().expect("issues")[0].publication,
        None
    );
    // The number and date first, then the frequency: what was given
    // before stays.
    let summary = archive
        .ingest_paths_as(
            std::slice::from_ref(&sample),
            &given("2019-7", Some("2019-07-20")),
            "cli:clerk",
            |_| {},
        )
        .expect("ingest again");
    assert_eq!(summary.unchanged, 1);
    let mut frequency = GivenIssue::default();
    frequency.set_frequency("月刊").expect("frequency");
    archive
        .ingest_paths_as(&[sample], &frequency, "cli:clerk", |_| {})
        .expect("ingest once more");
    let p = archive.reads().issues().expect("issues")[0]
        .publication
        .clone()
        .expect("given now");
    assert_eq!((p.year, p.number), (Some(2019), Some(7)));
    assert_eq!(p.published, NaiveDate::from_ymd_opt(2019, 7, 20));
    assert_eq!(p.gazette.frequency, Some(gazette_model::Frequency::Monthly));
    let log = archive.reads().audit_log(0, 10).expect("audit");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["ingest", "publication", "publication"]);
    // The monthly gazette's 2019 is over: 1–6 and 8–12 are missing.
    let year = archive
        .reads()
        .gazette_year("青岛市人民政府公报", 2019)
        .expect("read")
        .expect("held");
    assert_eq!(year.missing, [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
}

#[test]
fn an_issue_that_prints_its_cover_and_contents_needs_nothing_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample =
        std::fs::read_to_string(fixtures().join("qingdao-gazette-2019-issue.txt")).expect("sample");
    // A cover and a 目录 as gazettes print them over the sample; the 目录's
    // second entry names a document the file does not hold.
    let cover = "青岛市人民政府公报\n2019年第7期（总第305期）\n\n目　　录\n\n\
        青岛市人民政府关于支持“蓝色药库”开发计划的实施意见（青政字〔2019〕16号）……（3）\n\
        青岛市人民政府办公厅关于做好某项工作的通知（青政办字〔2019〕99号）……（5）\n\
        青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知（青政办字〔2019〕30号）……（10）\n\
        近期市政府任免的工作人员名单……（40）\n\n";
    let path = dir.path().join("printed.txt");
    std::fs::write(&path, format!("{cover}{sample}")).expect("write");
    let mut archive = Archive::open(&dir.path().join("archive")).expect("open");
    archive
        .ingest_paths(&[path], "test", |_| {})
        .expect("ingest");
    let issue = archive
        .reads()
        .gazette_issue("青岛市人民政府公报", 2019, 7)
        .expect("read")
        .expect("the printed number files it");
    assert_eq!(issue.publication.total_number, Some(305));
    assert_eq!(
        issue.publication.source_of("number"),
        Some(ValueSource::Printed)
    );
    let pages: Vec<Option<u32>> = issue.contents.iter().map(|e| e.page).collect();
    assert_eq!(pages, [Some(3), None, Some(10), None, None, Some(40)]);
    assert_eq!(issue.printed_only.len(), 1);
    assert!(issue.printed_only[0].title.contains("青政办字〔2019〕99号"));
}
