//! iCalendar (RFC 5545) export of [deadlines](crate::deadlines): one
//! all-day `VEVENT` per deadline, recurring ones with an `RRULE`, periods
//! as events over several days.
//!
//! Written by hand: content lines end in CRLF, text values are escaped
//! (`\\`, `\;`, `\,`, `\n`) and lines are folded at 75 octets without
//! splitting a UTF-8 character. `UID`s are stable: they come from the
//! document's key and the span of the date expression, so a calendar program
//! that imports the file again updates its events instead of doubling them.
//!
//! Not for: time zones, times of day, alarms, reading calendars.
//!
//! ```
//! use gazette_link::ics::{calendar, DocumentRef, Entry};
//! use gazette_link::deadlines::{Deadline, When};
//! use gazette_model::{NaiveDate, Span};
//!
//! let doc = DocumentRef { key: "2019-13/d5".into(), title: "关于印发工作方案的通知".into(),
//!     doc_number: Some("青政办字〔2019〕33号".into()), url: None };
//! let deadline = Deadline {
//!     when: When::Deadline { date: NaiveDate::from_ymd_opt(2019, 7, 15).unwrap() },
//!     governs: "于7月15日前将工作方案报市安委会办公室".into(),
//!     unit: Some("市安委会办公室".into()), printed: "7月15日前".into(),
//!     span: Span::new(10, 23), line: 3, section: None, attachment: None,
//! };
//! let stamp = NaiveDate::from_ymd_opt(2019, 7, 20).unwrap().and_hms_opt(0, 0, 0).unwrap();
//! let ics = calendar("青岛市政府公报", stamp, &[Entry { document: &doc, deadline: &deadline }]);
//! assert!(ics.contains("DTSTART;VALUE=DATE:20190715\r\n"));
//! ```

use chrono::{Days, NaiveDate, NaiveDateTime};
use gazette_model::Document;

use crate::deadlines::{Deadline, Frequency, MonthDay, Recurrence, When};

/// What an event says about the document that set its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    /// A key that names the document uniquely in the archive (the `UID`s
    /// are made from it): an issue key with the document id, or the 发文字号.
    pub key: String,
    /// The document's title.
    pub title: String,
    /// The 发文字号, when printed.
    pub doc_number: Option<String>,
    /// Where the document can be read, when known.
    pub url: Option<String>,
}

impl DocumentRef {
    /// The reference of `doc`, keyed by `key`, without a URL.
    pub fn of(doc: &Document, key: impl Into<String>) -> DocumentRef {
        DocumentRef {
            key: key.into(),
            title: doc.title.clone(),
            doc_number: doc.doc_number.clone(),
            url: None,
        }
    }
}

/// One deadline with its document: one event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'a> {
    /// The document that set the deadline.
    pub document: &'a DocumentRef,
    /// The deadline.
    pub deadline: &'a Deadline,
}

/// The iCalendar text of `entries`, a calendar called `name`, with `stamp`
/// (UTC) as every event's `DTSTAMP`; lines end in CRLF.
pub fn calendar(name: &str, stamp: NaiveDateTime, entries: &[Entry<'_>]) -> String {
    let mut out = String::new();
    let mut line = |text: String| push_folded(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//gazette//gazette-link//ZH".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for entry in entries {
        for text in event(stamp, entry) {
            line(text);
        }
    }
    line("END:VCALENDAR".into());
    out
}

/// The content lines of one event, unfolded.
fn event(stamp: NaiveDateTime, entry: &Entry<'_>) -> Vec<String> {
    let Entry { document, deadline } = entry;
    let (start, end) = days(&deadline.when);
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", uid(document, deadline)),
        format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;VALUE=DATE:{}", date(start)),
        format!(
            "DTEND;VALUE=DATE:{}",
            date(end.checked_add_days(Days::new(1)).unwrap_or(end))
        ),
    ];
    if let When::Recurring { rule, until, .. } = &deadline.when {
        lines.push(format!("RRULE:{}", rrule(rule, *until)));
    }
    lines.push(format!("SUMMARY:{}", escape(&summary(deadline))));
    lines.push(format!(
        "DESCRIPTION:{}",
        escape(&description(document, deadline))
    ));
    if let Some(url) = &document.url {
        lines.push(format!("URL:{url}"));
    }
    lines.push("END:VEVENT".to_owned());
    lines
}

/// The first and last day of the event (of its first occurrence).
fn days(when: &When) -> (NaiveDate, NaiveDate) {
    match *when {
        When::Deadline { date } | When::PeriodStart { date } | When::PeriodEnd { date } => {
            (date, date)
        }
        When::Recurring { first, .. } => (first, first),
        When::Period { start, end } => (start, end),
    }
}

/// The `RRULE` value of `rule`, ended by `until` when known.
fn rrule(rule: &Recurrence, until: Option<NaiveDate>) -> String {
    let mut out = match rule.frequency {
        Frequency::Monthly => "FREQ=MONTHLY".to_owned(),
        Frequency::Yearly => format!("FREQ=YEARLY;BYMONTH={}", rule.month.unwrap_or(1)),
    };
    match rule.day {
        MonthDay::Day(day) => out.push_str(&format!(";BYMONTHDAY={day}")),
        MonthDay::Last => out.push_str(";BYMONTHDAY=-1"),
    }
    if let Some(until) = until {
        out.push_str(&format!(";UNTIL={}", date(until)));
    }
    out
}

/// A stable `UID`: a hash of the document key with the span of the date.
fn uid(document: &DocumentRef, deadline: &Deadline) -> String {
    format!(
        "{:016x}-{}-{}@gazette",
        gazette_model::stable_hash(document.key.as_bytes()),
        deadline.span.start,
        deadline.span.end
    )
}

/// The one-line title of an event: what kind of date, then what it governs.
fn summary(deadline: &Deadline) -> String {
    format!("{}：{}", deadline.when.label(), deadline.governs)
}

/// The description: the document's title and number, the date as printed,
/// the unit a report goes to.
fn description(document: &DocumentRef, deadline: &Deadline) -> String {
    let mut parts = vec![document.title.clone()];
    parts.extend(document.doc_number.clone());
    parts.push(format!("{}：{}", deadline.printed, deadline.governs));
    parts.extend(deadline.unit.as_ref().map(|unit| format!("报送：{unit}")));
    parts.join("\n")
}

/// A DATE value: `20190715`.
fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// The longest a content line may be, in octets, without its CRLF.
const MAX_OCTETS: usize = 75;

/// Appends `line` to `out`, folded at 75 octets on character boundaries
/// (RFC 5545 §3.1), each physical line ended by CRLF.
pub fn push_folded(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_chinese_lines_on_character_boundaries() {
        let text = format!("SUMMARY:{}", "攻坚行动进展情况".repeat(10));
        let mut out = String::new();
        push_folded(&mut out, &text);
        assert!(out.ends_with("\r\n"));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 1);
        for (k, line) in lines.iter().enumerate() {
            assert!(
                line.len() <= MAX_OCTETS,
                "line {k} has {} octets",
                line.len()
            );
            assert_eq!(line.starts_with(' '), k > 0);
        }
        // "SUMMARY:" is 8 octets, then 22 characters of 3 octets: 74.
        assert_eq!(lines[0].len(), 74);
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(k, l)| if k == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, text);
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        push_folded(&mut out, "VERSION:2.0");
        assert_eq!(out, "VERSION:2.0\r\n");
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a,b;c\\d\ne，f"), "a\\,b\\;c\\\\d\\ne，f");
    }

    #[test]
    fn writes_rules() {
        let monthly = Recurrence {
            frequency: Frequency::Monthly,
            month: None,
            day: MonthDay::Day(23),
        };
        let until = NaiveDate::from_ymd_opt(2019, 10, 31);
        assert_eq!(
            rrule(&monthly, until),
            "FREQ=MONTHLY;BYMONTHDAY=23;UNTIL=20191031"
        );
        let yearly = Recurrence {
            frequency: Frequency::Yearly,
            month: Some(2),
            day: MonthDay::Last,
        };
        assert_eq!(rrule(&yearly, None), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
    }
}
