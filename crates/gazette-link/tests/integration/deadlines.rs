//! Deadlines and periods of the sample issue, and a run over every fixture.

use gazette_link::deadlines::{self, Deadline, Frequency, MonthDay, Recurrence, When};
use gazette_model::{Document, Issue, NaiveDate};

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/qingdao-gazette-2019-issue.txt"
);

pub fn sample_text() -> String {
    std::fs::read_to_string(SAMPLE).unwrap_or_default()
}

pub fn sample() -> Issue {
    gazette_parse::parse_text(&sample_text())
}

/// The sample's document with 发文字号 `number`.
pub fn by_number<'a>(issue: &'a Issue, number: &str) -> &'a Document {
    let found = issue
        .documents
        .iter()
        .find(|d| d.doc_number.as_deref() == Some(number));
    found.unwrap_or_else(|| panic!("no document {number} in the sample"))
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn find<'a>(found: &'a [Deadline], printed: &str) -> &'a Deadline {
    let hit = found.iter().find(|d| d.printed == printed);
    hit.unwrap_or_else(|| panic!("no deadline printed as {printed}: {found:#?}"))
}

#[test]
fn hundred_day_campaign_sets_its_three_reporting_deadlines() {
    let issue = sample();
    let doc = by_number(&issue, "青政办字〔2019〕33号");
    assert_eq!(doc.date, Some(day(2019, 7, 11)));
    let found = deadlines::extract(doc);

    let first = find(&found, "7月15日前");
    assert_eq!(
        first.when,
        When::Deadline {
            date: day(2019, 7, 15)
        }
    );
    assert_eq!(first.unit.as_deref(), Some("市安委会办公室"));
    assert_eq!(
        first.governs,
        "各专业委员会、部门和区（市）于7月15日前将工作方案报市安委会办公室；"
    );

    let monthly = find(&found, "每月23日前");
    let rule = Recurrence {
        frequency: Frequency::Monthly,
        month: None,
        day: MonthDay::Day(23),
    };
    // The campaign runs 从现在起到10月底: the monthly report stops with it.
    assert_eq!(
        monthly.when,
        When::Recurring {
            rule,
            first: day(2019, 7, 23),
            until: Some(day(2019, 10, 31)),
        }
    );
    assert_eq!(monthly.unit, None);

    let last = find(&found, "10月23日前");
    assert_eq!(
        last.when,
        When::Deadline {
            date: day(2019, 10, 23)
        }
    );
    assert_eq!(last.governs, "10月23日前报送专项整治攻坚行动总体开展情况。");
    assert!(first.line == monthly.line && monthly.line == last.line);
}

#[test]
fn hundred_day_campaign_has_its_period_and_phases() {
    let issue = sample();
    let found = deadlines::extract(by_number(&issue, "青政办字〔2019〕33号"));
    let periods: Vec<(&str, &When)> = found
        .iter()
        .filter(|d| matches!(d.when, When::Period { .. }))
        .map(|d| (d.printed.as_str(), &d.when))
        .collect();
    let period = |s, e| When::Period { start: s, end: e };
    assert_eq!(
        periods,
        [
            (
                "从现在起到10月底结束",
                &period(day(2019, 7, 11), day(2019, 10, 31))
            ),
            ("7月中旬", &period(day(2019, 7, 11), day(2019, 7, 20))),
            ("7—8月", &period(day(2019, 7, 1), day(2019, 8, 31))),
            ("9—10月", &period(day(2019, 9, 1), day(2019, 10, 31))),
        ]
    );
    assert_eq!(found.len(), 7);
}

#[test]
fn spans_point_at_the_printed_expression() {
    let text = sample_text();
    let issue = gazette_parse::parse_text(&text);
    for doc in &issue.documents {
        for d in deadlines::extract(doc) {
            if !d.printed.contains('…') {
                assert_eq!(d.span.of(&text), d.printed, "{d:?}");
            }
        }
    }
}

#[test]
fn flood_control_transition_period_runs_from_the_notice_to_december() {
    let issue = sample();
    let found = deadlines::extract(by_number(&issue, "青政办字〔2019〕30号"));
    let transition = find(&found, "自发文之日起至2019年12月底");
    assert_eq!(
        transition.when,
        When::Period {
            start: day(2019, 6, 24),
            end: day(2019, 12, 31)
        }
    );
    let report = find(&found, "6月25日前");
    assert_eq!(
        report.when,
        When::Deadline {
            date: day(2019, 6, 25)
        }
    );
    assert_eq!(report.unit.as_deref(), Some("市政府防汛抗旱指挥部办公室"));
}

#[test]
fn records_survive_json() {
    let issue = sample();
    for doc in &issue.documents {
        for d in deadlines::extract(doc) {
            let json = serde_json::to_string(&d).unwrap_or_default();
            let back: Option<Deadline> = serde_json::from_str(&json).ok();
            assert_eq!(back.as_ref(), Some(&d), "{json}");
        }
    }
}

/// Every fixture: the sample and the 49 State Council documents.
pub fn all_fixture_texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/govcn");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 49);
    let mut texts = vec![sample_text()];
    texts.extend(
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default()),
    );
    texts
}

#[test]
fn extractors_and_export_never_panic_on_any_fixture() {
    let stamp = day(2019, 7, 20).and_hms_opt(0, 0, 0).unwrap_or_default();
    for text in all_fixture_texts() {
        for doc in gazette_parse::parse_text(&text).documents {
            let found = deadlines::extract(&doc);
            let provisions = gazette_link::provisions::extract(&doc);
            let reference = gazette_link::ics::DocumentRef::of(&doc, doc.id.clone());
            let entries: Vec<_> = found
                .iter()
                .map(|d| gazette_link::ics::Entry {
                    document: &reference,
                    deadline: d,
                })
                .collect();
            let ics = gazette_link::ics::calendar("test", stamp, &entries);
            assert!(ics.ends_with("END:VCALENDAR\r\n"));
            for p in &provisions {
                assert!(p.span.start <= p.span.end && !p.subject.is_empty());
            }
        }
    }
    // And on text that is not a gazette at all.
    for junk in [
        "",
        "每月",
        "每年13月32日前",
        "自至",
        "7—",
        "1.2.3%—",
        "由%降至",
        "一至八类分别",
    ] {
        for doc in
            gazette_parse::parse_text(&format!("国务院关于测试的通知\n国发〔2019〕1号\n{junk}\n"))
                .documents
        {
            deadlines::extract(&doc);
            gazette_link::provisions::extract(&doc);
        }
    }
}
