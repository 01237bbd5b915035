//! The iCalendar export of the 百日行动 notice, read back by a real parser.

use gazette_link::deadlines;
use gazette_link::ics::{calendar, DocumentRef, Entry};
use icalendar::parser::{read_calendar, unfold, Component};

use super::deadlines::{by_number, day, sample};

fn prop(event: &Component<'_>, name: &str) -> String {
    event
        .find_prop(name)
        .map(|p| p.val.as_str().to_owned())
        .unwrap_or_default()
}

#[test]
fn hundred_day_notice_exports_to_a_calendar_a_parser_reads() {
    let issue = sample();
    let doc = by_number(&issue, "青政办字〔2019〕33号");
    let mut reference = DocumentRef::of(doc, "qingdao-2019/青政办字〔2019〕33号");
    reference.url = Some("https://example.org/documents/33".to_owned());
    let found = deadlines::extract(doc);
    let entries: Vec<Entry<'_>> = found
        .iter()
        .map(|deadline| Entry {
            document: &reference,
            deadline,
        })
        .collect();
    let stamp = day(2019, 7, 20).and_hms_opt(8, 0, 0).unwrap_or_default();
    let ics = calendar("青岛市政府公报", stamp, &entries);

    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    assert!(!ics.replace("\r\n", "").contains('\n'));

    let unfolded = unfold(&ics);
    let parsed = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    // The parser unwraps the VCALENDAR root into the calendar's properties
    // and components.
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    let calendar_prop = |name: &str| {
        let found = parsed.properties.iter().find(|p| p.name.as_str() == name);
        found.map(|p| p.val.as_str().to_owned()).unwrap_or_default()
    };
    assert_eq!(calendar_prop("VERSION"), "2.0");
    assert!(!calendar_prop("PRODID").is_empty());
    let events: Vec<&Component<'_>> = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), found.len());

    let starts: Vec<(String, String)> = events
        .iter()
        .map(|e| (prop(e, "DTSTART"), prop(e, "DTEND")))
        .collect();
    // Deadlines are one day; periods run to the day after their last day.
    for expected in [
        ("20190715", "20190716"),
        ("20190723", "20190724"),
        ("20191023", "20191024"),
        ("20190711", "20191101"),
        ("20190701", "20190901"),
    ] {
        let wanted = (expected.0.to_owned(), expected.1.to_owned());
        assert!(starts.contains(&wanted), "{expected:?} not in {starts:?}");
    }

    let monthly = events
        .iter()
        .find(|e| e.find_prop("RRULE").is_some())
        .unwrap_or_else(|| panic!("no recurring event"));
    assert_eq!(
        prop(monthly, "RRULE"),
        "FREQ=MONTHLY;BYMONTHDAY=23;UNTIL=20191031"
    );
    assert_eq!(prop(monthly, "DTSTART"), "20190723");
    let value_type = monthly
        .find_prop("DTSTART")
        .and_then(|p| p.params.iter().find(|param| param.key.as_str() == "VALUE"))
        .and_then(|param| param.val.as_ref().map(|v| v.as_str().to_owned()));
    assert_eq!(value_type.as_deref(), Some("DATE"));
    assert_eq!(
        events
            .iter()
            .filter(|e| e.find_prop("RRULE").is_some())
            .count(),
        1
    );

    let first = events
        .iter()
        .find(|e| prop(e, "DTSTART") == "20190715")
        .unwrap_or_else(|| panic!("no 7月15日 event"));
    let description = first
        .find_prop("DESCRIPTION")
        .map(|p| p.val.clone().unescape_text().as_str().to_owned())
        .unwrap_or_default();
    assert!(description.contains(&doc.title), "{description}");
    assert!(description.contains("青政办字〔2019〕33号"));
    assert!(description.contains("报送：市安委会办公室"));
    assert_eq!(prop(first, "URL"), "https://example.org/documents/33");

    let mut uids: Vec<String> = events.iter().map(|e| prop(e, "UID")).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len());
    // The same input gives the same file: UIDs are stable.
    assert_eq!(calendar_again(&reference, &found, stamp), ics);
}

fn calendar_again(
    reference: &DocumentRef,
    found: &[deadlines::Deadline],
    stamp: chrono::NaiveDateTime,
) -> String {
    let entries: Vec<Entry<'_>> = found
        .iter()
        .map(|deadline| Entry {
            document: reference,
            deadline,
        })
        .collect();
    calendar("青岛市政府公报", stamp, &entries)
}
