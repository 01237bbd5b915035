//! The linked archive on the sample issue: citations, units, people,
//! deadlines and provisions asked across documents. Expected values were
//! read by hand from the sample's text (line numbers given).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gazette_archive::{Archive, AsOfAnswer, CalendarFilter};
use gazette_link::deadlines::When;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt")
}

fn ingested(dir: &Path) -> Archive {
    let mut archive = Archive::open(dir).expect("open");
    archive
        .ingest_paths(&[sample_path()], "test", |_| {})
        .expect("ingest");
    archive
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

#[test]
fn cited_numbers_outside_the_archive_are_external_with_their_issuing_body() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    // Lines 79 (国办发 13号, 鲁政办发 14号), 121 (鲁政办字 97号), 320 and 370
    // (鲁政办字 94号).
    let mut seen = Vec::new();
    for number in [
        "青政办发〔2019〕4号",
        "青政办字〔2019〕30号",
        "青政办字〔2019〕33号",
    ] {
        let links = archive.reads().links(number).expect("links");
        for r in links
            .references
            .iter()
            .filter(|r| r.reference.doc_number.is_some())
        {
            assert!(r.target.is_none(), "{r:?}");
            seen.push((
                r.reference.doc_number.clone().unwrap_or_default(),
                r.reference.issuing_body.clone().unwrap_or_default(),
            ));
        }
    }
    seen.sort();
    seen.dedup();
    let expected = [
        ("国办发〔2019〕13号", "国务院办公厅"),
        ("鲁政办发〔2019〕14号", "山东省人民政府办公厅"),
        ("鲁政办字〔2019〕94号", "山东省人民政府办公厅"),
        ("鲁政办字〔2019〕97号", "山东省人民政府办公厅"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(n, b)| ((*n).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn a_cited_document_ingested_later_resolves_and_shows_who_cites_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut archive = ingested(dir.path());
    let cited = "国务院办公厅关于印发降低社会保险费率综合方案的通知\n\
                 国办发〔2019〕13号\n各省、自治区、直辖市人民政府：\n现印发给你们，请认真贯彻执行。\n";
    archive
        .ingest_bytes("state-council.txt", cited.as_bytes(), "test")
        .expect("ingest");
    archive.catch_up().expect("catch up");
    let reads = archive.reads();
    let links = reads.links("青政办发〔2019〕4号").expect("links");
    let resolved = links
        .references
        .iter()
        .find(|r| r.reference.doc_number.as_deref() == Some("国办发〔2019〕13号"))
        .expect("the citation of line 79");
    let target = resolved.target.as_ref().expect("resolved");
    assert_eq!(target.doc_number.as_deref(), Some("国办发〔2019〕13号"));
    assert_eq!(resolved.resolved_by, Some("number"));
    let cited_links = reads.links("国办发〔2019〕13号").expect("links");
    let citing: Vec<_> = cited_links
        .cited_by
        .iter()
        .map(|c| c.source.doc_number.clone())
        .collect();
    assert_eq!(citing, [Some("青政办发〔2019〕4号".to_owned())]);
    let graph = reads.graph("国办发〔2019〕13号", 2).expect("graph");
    assert_eq!(graph.center, target.id);
    let from_4 = links.document.id.clone();
    assert!(graph
        .edges
        .iter()
        .any(|e| e.from == from_4 && e.to == target.id));
    // Two steps out: the notice's other citation, external.
    assert!(graph
        .nodes
        .iter()
        .any(|n| n.id == "ext:鲁政办发〔2019〕14号"));
}

#[test]
fn the_finance_bureau_is_found_by_its_short_name_with_its_eleven_tasks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    // 7 in the 蓝色药库 measures (lines 29, 31, 39 twice, 45, 53, 55) and
    // rows 5, 7, 11 and 14 of the 政务公开 table (lines 256, 260, 264, 269).
    let report = archive
        .reads()
        .unit("市财政局")
        .expect("unit")
        .expect("known");
    assert_eq!(report.unit, "青岛市财政局");
    let mut lines: Vec<usize> = report.tasks.iter().map(|t| t.mention.line).collect();
    lines.sort_unstable();
    assert_eq!(lines, [29, 31, 39, 39, 45, 53, 55, 256, 260, 264, 269]);
    assert!(archive.reads().unit("市不存在局").expect("unit").is_none());
}

#[test]
fn the_personnel_register_has_29_people_and_keeps_both_records_of_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    // 7 任命 and 24 免去 (lines 536–584); 李红兵 twice in one removal, 曹彦平
    // appointed (line 536) and removed (line 556).
    assert_eq!(archive.reads().people().expect("people").len(), 29);
    let histories = archive.reads().person("曹彦平").expect("person");
    assert_eq!(histories.len(), 1);
    let lines: Vec<usize> = histories[0].entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [536, 556]);
    assert!(!histories[0].homonym);
}

#[test]
fn the_hundred_days_notice_gives_its_deadlines_and_a_calendar_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    // Line 378: 于7月15日前 … 每月23日前 …; 10月23日前 follows on it.
    let filter = CalendarFilter {
        document: Some("青政办字〔2019〕33号".to_owned()),
        ..CalendarFilter::default()
    };
    let entries = archive.reads().calendar(&filter).expect("calendar");
    let due: Vec<NaiveDate> = entries
        .iter()
        .filter_map(|e| match e.deadline.when {
            When::Deadline { date } => Some(date),
            _ => None,
        })
        .collect();
    assert!(
        due.contains(&day(2019, 7, 15)) && due.contains(&day(2019, 10, 23)),
        "{due:?}"
    );
    assert!(entries
        .iter()
        .any(|e| matches!(e.deadline.when, When::Recurring { .. })));
    // Pages of the whole archive's calendar add up to it.
    let reads = archive.reads();
    let whole = CalendarFilter::default();
    let size = reads.calendar_page(&whole).expect("size").total;
    assert_eq!(reads.calendar(&whole).expect("all").len(), size);
    let page = |offset| CalendarFilter {
        offset,
        limit: Some(3),
        ..CalendarFilter::default()
    };
    let first = reads.calendar(&page(0)).expect("page 1");
    let second = reads.calendar(&page(3)).expect("page 2");
    assert_eq!((first.len(), second.len()), (3, 3.min(size - 3)));
    assert_ne!(first[0].deadline.span, second[0].deadline.span);
    assert_eq!(
        reads.calendar_page(&filter).expect("size").total,
        entries.len()
    );
    let ics = archive
        .reads()
        .calendar_ics(&filter, "百日攻坚", |s| {
            Some(format!("https://example.org/documents/{}", s.slug))
        })
        .expect("ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=23"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20190715"));
}

#[test]
fn unemployment_insurance_rates_answer_as_of_a_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    // Line 87: 自2019年5月1日起 … 失业保险费率由1.5%降至1% … 执行期限至2020年4月30日.
    let report = archive
        .reads()
        .provisions("失业保险费率", Some(day(2019, 6, 1)))
        .expect("provisions");
    let Some(AsOfAnswer::InForce { provisions, .. }) = report.as_of else {
        panic!("in force on 2019-06-01: {:?}", report.as_of);
    };
    let values: Vec<String> = provisions
        .iter()
        .map(|p| {
            format!(
                "{}{}",
                p.provision.quantity.value, p.provision.quantity.unit
            )
        })
        .collect();
    assert_eq!(values, ["1%"]);
    let report = archive
        .reads()
        .provisions("失业保险费率", Some(day(2020, 6, 1)))
        .expect("provisions");
    let Some(AsOfAnswer::Ended { provision, .. }) = report.as_of else {
        panic!("ended by 2020-06-01: {:?}", report.as_of);
    };
    assert_eq!(
        provision.source.doc_number.as_deref(),
        Some("青政办发〔2019〕4号")
    );
    assert_eq!(provision.provision.effective.to, Some(day(2020, 4, 30)));
}

#[test]
fn the_fact_index_is_derived_data_rebuilt_when_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(ingested(dir.path()));
    for name in ["facts.sqlite", "facts.sqlite-wal", "facts.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let mut archive = Archive::open(dir.path()).expect("reopen");
    assert_eq!(archive.reads().people().expect("people").len(), 29);
    archive.reindex().expect("reindex");
    assert_eq!(archive.reads().people().expect("people").len(), 29);
    let report = archive
        .reads()
        .unit("青岛市财政局")
        .expect("unit")
        .expect("known");
    assert_eq!(report.tasks.len(), 11);
}

/// The documents a unit's page lists, and those `unit:` finds, for `name`.
fn unit_page_and_filter(archive: &Archive, name: &str) -> (Vec<String>, Vec<String>) {
    let reads = archive.reads();
    let mut listed: Vec<String> = reads
        .unit(name)
        .expect("unit")
        .map(|report| report.tasks.into_iter().map(|t| t.source.id).collect())
        .unwrap_or_default();
    listed.sort();
    listed.dedup();
    let options = gazette_search::SearchOptions {
        limit: 100,
        ..gazette_search::SearchOptions::default()
    };
    let query = format!("unit:\"{name}\"");
    let mut found: Vec<String> = reads
        .search(&query, &options)
        .expect("search")
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    found.sort();
    (listed, found)
}

#[test]
fn the_unit_filter_finds_the_documents_the_unit_page_lists() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingested(dir.path());
    // 市财政局 is named in the notes of the 蓝色药库 measures (lines 29–55)
    // and in the 责任单位 column of the 政务公开 table (lines 256, 260, 264,
    // 269): two documents, by its short name and by its full name.
    for name in ["市财政局", "青岛市财政局"] {
        let (listed, found) = unit_page_and_filter(&archive, name);
        assert_eq!(listed.len(), 2, "{name}: {listed:?}");
        assert_eq!(found, listed, "{name}");
    }
    // And every unit the pages know, by its full name.
    let units = archive.reads().units().expect("units");
    assert!(units.len() > 20, "{}", units.len());
    for unit in units {
        let (listed, found) = unit_page_and_filter(&archive, &unit.key);
        assert_eq!(found, listed, "{}", unit.key);
    }
}
