//! The dates one sentence prints, found in order: deadlines, recurring
//! deadlines, starts and ends of periods, each with its place in the
//! sentence; and the date atoms (`2019年3月底`, `7月中旬`, `年底`) they are
//! made of, with the years placed around the document's date.
//!
//! Not for: deciding which block or sentence to read, or the unit a report
//! goes to ([`super`] does that).

use std::ops::Range;

use chrono::{Datelike, Months, NaiveDate};

use super::{Dates, Frequency, MonthDay, Recurrence, When};

impl Dates {
    /// The dates after `sentence`: anchored on its last date with a year.
    pub(crate) fn after(self, sentence: &str) -> Dates {
        let last = sentence
            .char_indices()
            .filter(|(i, _)| !sentence[..*i].ends_with(|c: char| c.is_ascii_digit()))
            .filter_map(|(i, _)| atom(&sentence[i..]).map(|(a, _)| a))
            .filter(|a| a.year.is_some() && a.shape != Shape::Year)
            .filter_map(|a| a.first_day(self))
            .next_back();
        Dates {
            anchor: last.or(self.anchor),
            ..self
        }
    }
}

/// A date found in a sentence: what it is and where (bytes in the sentence).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    pub(crate) when: When,
    pub(crate) range: Range<usize>,
    /// Text inside `range` that is not part of the expression: what lies
    /// between a start and the end paired with it.
    pub(crate) elided: Option<Range<usize>>,
}

impl Mark {
    fn new(when: When, range: Range<usize>) -> Mark {
        Mark {
            when,
            range,
            elided: None,
        }
    }

    /// The expression as printed in `text`, `…` for what is elided.
    pub(super) fn printed(&self, text: &str) -> String {
        let part = |r: Range<usize>| text.get(r).unwrap_or_default();
        match &self.elided {
            Some(gap) => format!(
                "{}…{}",
                part(self.range.start..gap.start),
                part(gap.end..self.range.end)
            ),
            None => part(self.range.clone()).to_owned(),
        }
    }
}

/// Finds the dates of one sentence, in order; starts and ends are not paired.
pub(crate) fn scan(text: &str, ctx: Dates) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let found = recurring(text, pos, ctx, &marks)
            .or_else(|| from_now(text, pos, ctx))
            .or_else(|| dated(text, pos, ctx, &marks));
        match found {
            Some((mark, end)) => {
                marks.extend(mark);
                pos = end;
            }
            None => pos += text[pos..].chars().next().map_or(1, char::len_utf8),
        }
    }
    marks
}

/// Joins a start and the end that follows it in the same sentence into one
/// period.
pub(crate) fn pair_periods(marks: Vec<Mark>) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::with_capacity(marks.len());
    for mark in marks {
        if let (When::PeriodEnd { date: end }, Some(last)) = (&mark.when, out.last_mut()) {
            if let When::PeriodStart { date: start } = last.when {
                if start <= *end {
                    last.when = When::Period { start, end: *end };
                    last.elided = (last.range.end < mark.range.start)
                        .then_some(last.range.end..mark.range.start);
                    last.range.end = mark.range.end;
                    continue;
                }
            }
        }
        out.push(mark);
    }
    out
}

/// `每月23日前`, `每月底前`, `每年2月底前`, `每年1月31日前` at `pos`.
fn recurring(
    text: &str,
    pos: usize,
    ctx: Dates,
    earlier: &[Mark],
) -> Option<(Option<Mark>, usize)> {
    let rest = &text[pos..];
    let (rule, used) = if let Some(after) = rest.strip_prefix("每月") {
        let (day, used) = month_day(after)?;
        let rule = Recurrence {
            frequency: Frequency::Monthly,
            month: None,
            day,
        };
        (rule, "每月".len() + used)
    } else {
        let after = rest.strip_prefix("每年")?;
        let (month, rest_month) = number(after)?;
        let after_month = after[rest_month..].strip_prefix('月')?;
        let (day, used) = month_day(after_month)?;
        let rule = Recurrence {
            frequency: Frequency::Yearly,
            month: Some(month).filter(|m| (1..=12).contains(m)),
            day,
        };
        rule.month?;
        (rule, "每年".len() + rest_month + '月'.len_utf8() + used)
    };
    let end = pos + used + before_suffix(&text[pos + used..]);
    let from = earlier
        .iter()
        .rev()
        .find_map(|mark| match mark.when {
            When::PeriodStart { date } => Some(date),
            _ => None,
        })
        .into_iter()
        .chain(ctx.doc)
        .max()?;
    let mark = rule.next_on_or_after(from).map(|first| {
        let when = When::Recurring {
            rule,
            first,
            until: None,
        };
        Mark::new(when, pos..end)
    });
    Some((mark, end))
}

/// `23日` or `底` / `末` after `每月` or `每年N月`.
fn month_day(text: &str) -> Option<(MonthDay, usize)> {
    if text.starts_with('底') || text.starts_with('末') {
        return Some((MonthDay::Last, '底'.len_utf8()));
    }
    let (day, used) = number(text)?;
    let rest = &text[used..];
    let suffix = ['日', '号'].into_iter().find(|c| rest.starts_with(*c))?;
    (1..=31)
        .contains(&day)
        .then_some((MonthDay::Day(day), used + suffix.len_utf8()))
}

/// The length of `前`, `之前` or `以前` at the start of `text`, else 0.
fn before_suffix(text: &str) -> usize {
    ["之前", "以前", "前"]
        .into_iter()
        .find(|s| text.starts_with(s))
        .map_or(0, str::len)
}

/// Words after which `之日起` means the document's own date.
const OWN_DATE_EVENTS: &[&str] = &["发文", "印发", "发布", "公布", "下发"];

/// `从现在起`, `自即日起`, `自发文之日起`, `自本通知印发之日起` at `pos`: the
/// document's date as a start.
fn from_now(text: &str, pos: usize, ctx: Dates) -> Option<(Option<Mark>, usize)> {
    let rest = &text[pos..];
    let opener = ['自', '从'].into_iter().find(|c| rest.starts_with(*c))?;
    let inner = &rest[opener.len_utf8()..];
    let used = ["现在起", "即日起"]
        .into_iter()
        .find(|w| inner.starts_with(w))
        .map(str::len)
        .or_else(|| own_date_start(inner))?;
    let end = pos + opener.len_utf8() + used;
    if text[end..].starts_with(|c: char| c.is_ascii_digit()) {
        return None; // 自印发之日起30日内: relative, not read
    }
    let mark = ctx
        .doc
        .map(|date| Mark::new(When::PeriodStart { date }, pos..end));
    Some((mark, end))
}

/// The length of `[本通知]印发之日起` at the start of `text`, at most a few
/// characters before the event word.
fn own_date_start(text: &str) -> Option<usize> {
    let at = text.find("之日起")?;
    let head = &text[..at];
    let short = head.chars().count() <= 5 && !head.contains(['，', '。', '；']);
    (short && OWN_DATE_EVENTS.iter().any(|e| head.ends_with(e))).then_some(at + "之日起".len())
}

/// A date at `pos` with its role in the sentence, if it has one.
fn dated(text: &str, pos: usize, ctx: Dates, earlier: &[Mark]) -> Option<(Option<Mark>, usize)> {
    let before = &text[..pos];
    if before.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let (atom, used) = atom(&text[pos..])?;
    let end = pos + used;
    let after = &text[end..];
    let after_rule = earlier
        .iter()
        .any(|m| matches!(m.when, When::Recurring { .. }));
    if !atom.stands_alone(before) || (after_rule && atom.year.is_none()) {
        return Some((None, end)); // `每年2月底前…，3月底前…`: the second is yearly too
    }
    if let Some(found) = range_to(&atom, text, pos, end, ctx) {
        return Some(found);
    }
    let role = role(before, after, &atom, earlier.last());
    let mark = role.and_then(|(role, extra)| {
        let when = role.when(&atom, ctx)?;
        let start = pos - opener_len(before, role);
        Some(Mark::new(when, start..end + extra))
    });
    let resume = mark.as_ref().map_or(end, |m| m.range.end);
    Some((mark, resume))
}

/// A start and an end printed as one expression: `2019年1月1日至2019年12月31日`.
fn range_to(
    first: &Atom,
    text: &str,
    pos: usize,
    end: usize,
    ctx: Dates,
) -> Option<(Option<Mark>, usize)> {
    if !matches!(first.shape, Shape::Day(..)) {
        return None;
    }
    let joiner = ['至', '到']
        .into_iter()
        .find(|c| text[end..].starts_with(*c))?;
    let second_at = end + joiner.len_utf8();
    let (mut second, used) = atom(&text[second_at..])?;
    let start = first.first_day(ctx)?;
    second.year = second.year.or(Some(start.year()));
    let last = second.last_day(ctx)?;
    let opener = opener_len(&text[..pos], Role::Start);
    let to = second_at + used + closer(&text[second_at + used..]);
    let mark =
        (start <= last).then(|| Mark::new(When::Period { start, end: last }, pos - opener..to));
    Some((mark, to))
}

/// The role a date plays, read from the words around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Due,
    Start,
    End,
    Phase,
}

impl Role {
    fn when(self, atom: &Atom, ctx: Dates) -> Option<When> {
        Some(match self {
            Role::Due => When::Deadline {
                date: atom.last_day(ctx)?,
            },
            Role::Start => When::PeriodStart {
                date: atom.first_day(ctx)?,
            },
            Role::End => When::PeriodEnd {
                date: atom.last_day(ctx)?,
            },
            Role::Phase => When::Period {
                start: atom.first_day(ctx)?,
                end: atom.last_day(ctx)?,
            },
        })
    }
}

/// Words before a date that make it an end, longest first; they belong to
/// the printed expression.
const END_OPENERS: &[&str] = &[
    "执行期限至",
    "执行期限到",
    "有效期至",
    "有效期到",
    "期限至",
    "期限到",
    "执行至",
    "延续至",
    "延长至",
];

/// Words before `至`/`到` that make the date after it an end without being
/// part of the expression (`自…起至`).
const END_AFTER: &[&str] = &["起至", "起到", "日至", "期至"];

/// What a date does in its sentence, and how many bytes after it belong to
/// the expression (`前`, `起`, `止`).
fn role(before: &str, after: &str, atom: &Atom, last: Option<&Mark>) -> Option<(Role, usize)> {
    let due = before_suffix(after);
    if due > 0 && atom.is_point() && !after[due..].starts_with('已') {
        return Some((Role::Due, due));
    }
    if after.starts_with('起') && !before.ends_with(['至', '到']) {
        return Some((Role::Start, '起'.len_utf8()));
    }
    let closer = closer(after);
    let after_start = last.is_some_and(|m| {
        matches!(m.when, When::PeriodStart { .. }) && before.len() == m.range.end + '至'.len_utf8()
    });
    if before.ends_with(['至', '到'])
        && (closer > 0
            || after_start
            || END_OPENERS
                .iter()
                .chain(END_AFTER)
                .any(|w| before.ends_with(w)))
    {
        return Some((Role::End, closer));
    }
    let phase = before.ends_with("阶段（") || before.ends_with("阶段(");
    (phase && after.starts_with(['）', ')'])).then_some((Role::Phase, 0))
}

/// The length of `止` or `结束` at the start of `text`, else 0.
fn closer(text: &str) -> usize {
    ["止", "结束"]
        .into_iter()
        .find(|s| text.starts_with(s))
        .map_or(0, str::len)
}

/// How many bytes before the date belong to the expression (`自`,
/// `执行期限至`, `至`).
fn opener_len(before: &str, role: Role) -> usize {
    let (words, fallback): (&[&str], &[&str]) = match role {
        Role::Start => (&["自", "从"], &[]),
        Role::End => (END_OPENERS, &["至", "到"]),
        Role::Due | Role::Phase => (&[], &[]),
    };
    let longest = |words: &[&str]| {
        words
            .iter()
            .filter(|w| before.ends_with(**w))
            .map(|w| w.len())
            .max()
    };
    longest(words).or_else(|| longest(fallback)).unwrap_or(0)
}

/// A date as printed, perhaps without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Atom {
    year: Option<i32>,
    shape: Shape,
}

/// What an [`Atom`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `7月15日`
    Day(u32, u32),
    /// `10月底`, `10月末`
    MonthEnd(u32),
    /// `7月` (only with a year, or as a phase)
    Month(u32),
    /// `7月中旬`: the month and the part (0 上旬, 1 中旬, 2 下旬).
    Decade(u32, u32),
    /// `7—8月`
    Months(u32, u32),
    /// `2019年底`, `年底`
    YearEnd,
    /// `2020年` (only before `起`)
    Year,
}

/// Reads a date at the start of `text`.
fn atom(text: &str) -> Option<(Atom, usize)> {
    if let Some(rest) = text
        .strip_prefix("年底")
        .or_else(|| text.strip_prefix("年末"))
    {
        let used = text.len() - rest.len();
        return Some((
            Atom {
                year: None,
                shape: Shape::YearEnd,
            },
            used,
        ));
    }
    let (year, mut pos) = year(text);
    let year_end = ["年底", "年末", "底", "末"]
        .into_iter()
        .find(|w| text[pos..].starts_with(w));
    let (shape, used) = match (year, year_end) {
        (Some(_), Some(word)) => (Shape::YearEnd, word.len()),
        (Some(_), None) if text[pos..].starts_with('起') => (Shape::Year, 0),
        _ => month_shape(&text[pos..])?,
    };
    pos += used;
    Some((Atom { year, shape }, pos))
}

/// `2019年` at the start of `text`: the year and the bytes used.
fn year(text: &str) -> (Option<i32>, usize) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    match (digits, text[digits..].starts_with('年')) {
        (4, true) => (text[..4].parse().ok(), 4 + '年'.len_utf8()),
        _ => (None, 0),
    }
}

/// The month part of a date: `7月15日`, `10月底`, `7月中旬`, `7—8月`, `7月`.
fn month_shape(text: &str) -> Option<(Shape, usize)> {
    let (month, mut pos) = number(text)?;
    if let Some(dash) = ['—', '－', '-', '–', '至', '~']
        .into_iter()
        .find(|c| text[pos..].starts_with(*c))
    {
        let (to, used) = number(&text[pos + dash.len_utf8()..])?;
        let end = pos + dash.len_utf8() + used;
        text[end..].starts_with('月').then_some(())?;
        let valid = (1..=12).contains(&month) && (month..=12).contains(&to);
        return valid.then_some((Shape::Months(month, to), end + '月'.len_utf8()));
    }
    text[pos..].starts_with('月').then_some(())?;
    (1..=12).contains(&month).then_some(())?;
    pos += '月'.len_utf8();
    let rest = &text[pos..];
    if rest.starts_with(['底', '末']) {
        return Some((Shape::MonthEnd(month), pos + '底'.len_utf8()));
    }
    let decade = ["上旬", "中旬", "下旬"]
        .iter()
        .position(|w| rest.starts_with(w));
    if let Some(part) = decade {
        return Some((Shape::Decade(month, part as u32), pos + "上旬".len()));
    }
    match month_day(rest) {
        Some((MonthDay::Day(day), used)) => Some((Shape::Day(month, day), pos + used)),
        _ => Some((Shape::Month(month), pos)),
    }
}

/// ASCII digits (at most four) at the start of `text`: the value and the bytes.
fn number(text: &str) -> Option<(u32, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4)
        .contains(&digits)
        .then(|| text[..digits].parse().ok().map(|n| (n, digits)))
        .flatten()
}

impl Atom {
    /// Whether the words before the atom leave it its plain meaning: not in
    /// `每年年底` (recurring) nor in `上年底` (another year).
    fn stands_alone(&self, before: &str) -> bool {
        let relative = self.year.is_none()
            && self.shape == Shape::YearEnd
            && before.ends_with(['上', '去', '前', '明', '次', '本']);
        !relative && !before.ends_with('每') && !before.ends_with("每年")
    }

    /// Whether the atom names a day a thing can be due by.
    fn is_point(&self) -> bool {
        matches!(
            self.shape,
            Shape::Day(..) | Shape::MonthEnd(_) | Shape::YearEnd
        )
    }

    /// The month the atom starts in, for placing its year.
    fn first_month(&self) -> u32 {
        match self.shape {
            Shape::Day(m, _) | Shape::MonthEnd(m) | Shape::Month(m) | Shape::Decade(m, _) => m,
            Shape::Months(m, _) => m,
            Shape::YearEnd | Shape::Year => 1,
        }
    }

    fn resolved_year(&self, ctx: Dates) -> Option<i32> {
        match (self.year, self.shape) {
            (Some(year), _) => Some(year),
            (None, Shape::YearEnd) => ctx.doc.map(|d| d.year()),
            (None, _) => place_year(self.first_month(), ctx.anchor.or(ctx.doc)?),
        }
    }

    /// The first day the atom names.
    pub(crate) fn first_day(&self, ctx: Dates) -> Option<NaiveDate> {
        let year = self.resolved_year(ctx)?;
        match self.shape {
            Shape::Day(m, d) => NaiveDate::from_ymd_opt(year, m, d),
            Shape::MonthEnd(m) => last_of_month(year, m),
            Shape::Month(m) | Shape::Months(m, _) => NaiveDate::from_ymd_opt(year, m, 1),
            Shape::Decade(m, part) => NaiveDate::from_ymd_opt(year, m, 1 + 10 * part),
            Shape::YearEnd => NaiveDate::from_ymd_opt(year, 12, 31),
            Shape::Year => NaiveDate::from_ymd_opt(year, 1, 1),
        }
    }

    /// The last day the atom names.
    pub(crate) fn last_day(&self, ctx: Dates) -> Option<NaiveDate> {
        let year = self.resolved_year(ctx)?;
        match self.shape {
            Shape::Day(m, d) => NaiveDate::from_ymd_opt(year, m, d),
            Shape::MonthEnd(m) | Shape::Month(m) | Shape::Months(_, m) => last_of_month(year, m),
            Shape::Decade(m, part) if part < 2 => NaiveDate::from_ymd_opt(year, m, 10 + 10 * part),
            Shape::Decade(m, _) => last_of_month(year, m),
            Shape::YearEnd | Shape::Year => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }
}

/// The year of a date printed without one, in `month`: the year that puts
/// the month's first day in the window from three months before `ctx`
/// to nine months after it.
fn place_year(month: u32, ctx: NaiveDate) -> Option<i32> {
    let back = ctx.checked_sub_months(Months::new(3))?;
    let window_start = NaiveDate::from_ymd_opt(back.year(), back.month(), 1)?;
    let window_end = window_start.checked_add_months(Months::new(12))?;
    [ctx.year() - 1, ctx.year(), ctx.year() + 1]
        .into_iter()
        .find(|&y| {
            NaiveDate::from_ymd_opt(y, month, 1)
                .is_some_and(|first| first >= window_start && first < window_end)
        })
}

/// The last day of `month` in `year`.
pub(super) fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn places_years_around_the_document_date() {
        let doc = day(2018, 12, 20);
        assert_eq!(place_year(3, doc), Some(2019));
        assert_eq!(place_year(10, doc), Some(2018));
        assert_eq!(place_year(9, doc), Some(2018));
        assert_eq!(place_year(8, doc), Some(2019));
        assert_eq!(place_year(6, day(2019, 6, 24)), Some(2019));
        assert_eq!(place_year(4, day(2019, 7, 11)), Some(2019));
        assert_eq!(place_year(3, day(2019, 7, 11)), Some(2020));
    }
}
