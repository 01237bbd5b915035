//! Deadlines and periods: the dates a document sets, each with the sentence
//! it governs.
//!
//! Read here: deadlines (`于7月15日前将工作方案报市安委会办公室`,
//! `2019年3月底前`, `年底前`), recurring deadlines (`每月23日前报送…`,
//! `每年2月底前…`), period starts (`自2019年5月1日起`, `自印发之日起`,
//! `2020年起`), period ends (`执行期限至2020年4月30日`, `有效期至…`) and whole
//! periods (`从现在起到10月底`, `自发文之日起至2019年12月底`, a start and an
//! end in one sentence, phases such as `集中整改阶段（7—8月）`).
//!
//! Not read: relative periods (`之日起30日内`), dates without a role
//! (a date merely mentioned), recurring phrases without a day (`每月召开三次`),
//! anything that needs a guess. Precision comes first: what is not clear is
//! left out.
//!
//! **Years.** A date printed without its year is placed in the window that
//! runs from three months before the document's date to nine months after
//! it: a notice of 2019-07-11 saying `10月23日前` means 2019-10-23; one of
//! 2018-12-20 saying `3月底前` means 2019-03-31; one of 2019-06-24 saying
//! `6月25日前` means 2019-06-25. A document without a date yields only the
//! dates that print their year.
//!
//! **Recurring deadlines** start at the first day on or after the document's
//! date (or after a `2020年起` printed before them in the sentence) that
//! matches the rule. They end where the document bounds them: the latest end
//! of the document's periods that contain the first occurrence (the monthly
//! report of a campaign that runs `从现在起到10月底` ends on 31 October).

use std::ops::Range;

use chrono::{Datelike, Months, NaiveDate};
use gazette_model::{Block, BlockKind, Document, Span};
use serde::{Deserialize, Serialize};

/// A date or period a document sets, with what it governs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// What kind of date it is, with its dates.
    #[serde(flatten)]
    pub when: When,
    /// The sentence or clause the date governs (the sentence as printed,
    /// without its heading marker).
    pub governs: String,
    /// The unit a report is due to, when the sentence names it
    /// (`报市安委会办公室` → `市安委会办公室`).
    pub unit: Option<String>,
    /// The date expression as printed (`7月15日前`, `从现在起到10月底`).
    pub printed: String,
    /// Where the date expression is printed.
    pub span: Span,
    /// Line of the block the expression is in (1-based).
    pub line: usize,
    /// Id of the innermost section of that block.
    pub section: Option<String>,
    /// Number of the attachment of that block, `None` for the body.
    pub attachment: Option<u32>,
}

/// The kind of a [`Deadline`] with its dates; serialized with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum When {
    /// Something is due by `date` (inclusive).
    Deadline {
        /// The last day.
        date: NaiveDate,
    },
    /// Something is due again and again.
    Recurring {
        /// The rule.
        rule: Recurrence,
        /// The first day the rule gives.
        first: NaiveDate,
        /// The last day the rule may give, when the document bounds it.
        until: Option<NaiveDate>,
    },
    /// A period starts on `date`; its end is not printed with it.
    PeriodStart {
        /// The first day.
        date: NaiveDate,
    },
    /// A period ends on `date`; its start is not printed with it.
    PeriodEnd {
        /// The last day.
        date: NaiveDate,
    },
    /// A period from `start` to `end`, both inclusive.
    Period {
        /// The first day.
        start: NaiveDate,
        /// The last day.
        end: NaiveDate,
    },
}

/// How often a recurring deadline comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every month (`每月`).
    Monthly,
    /// Every year (`每年`), in [`Recurrence::month`].
    Yearly,
}

/// The day of the month a recurring deadline falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthDay {
    /// A numbered day; months without it are skipped, as RFC 5545 does.
    Day(u32),
    /// The last day (`月底`).
    Last,
}

/// The rule of a recurring deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    /// Monthly or yearly.
    pub frequency: Frequency,
    /// The month, for a yearly rule.
    pub month: Option<u32>,
    /// The day of the month.
    pub day: MonthDay,
}

impl Recurrence {
    /// The first day on or after `from` that the rule gives.
    pub fn next_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        let start = NaiveDate::from_ymd_opt(from.year(), from.month(), 1)?;
        (0..48)
            .filter_map(|k| start.checked_add_months(Months::new(k)))
            .filter(|month| self.month.is_none_or(|m| m == month.month()))
            .filter_map(|month| self.day_in(month.year(), month.month()))
            .find(|day| *day >= from)
    }

    fn day_in(&self, year: i32, month: u32) -> Option<NaiveDate> {
        match self.day {
            MonthDay::Day(d) => NaiveDate::from_ymd_opt(year, month, d),
            MonthDay::Last => last_of_month(year, month),
        }
    }
}

/// Extracts the deadlines and periods of `doc`, in printed order.
pub fn extract(doc: &Document) -> Vec<Deadline> {
    let mut found = Vec::new();
    for block in doc.blocks.iter().filter(|b| carries_dates(b.kind)) {
        let mut ctx = Dates::new(doc.date);
        for sentence in text::sentences(&block.text) {
            // Every date, rule or start read here holds 年, 月 or 起.
            if !block
                .text
                .get(sentence.clone())
                .is_some_and(|s| s.contains(['年', '月', '起']))
            {
                continue;
            }
            found.extend(in_sentence(ctx, block, sentence.clone()));
            ctx = ctx.after(block.text.get(sentence).unwrap_or_default());
        }
    }
    bound_recurrences(&mut found);
    found
}

/// The dates a year-less date is read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dates {
    /// The document's date: `从现在起`, `年底`, and the default for placing
    /// years.
    doc: Option<NaiveDate>,
    /// The last date printed with its year earlier in the paragraph: a
    /// narrative `自2004年3月8日至7月7日…。自7月7日至8月8日…` keeps its year.
    anchor: Option<NaiveDate>,
}

impl Dates {
    /// Dates for a paragraph of a document of `doc`.
    pub(crate) fn new(doc: Option<NaiveDate>) -> Dates {
        Dates { doc, anchor: None }
    }

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

/// Whether blocks of `kind` hold running text that may set dates.
fn carries_dates(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::Heading | BlockKind::TableRow | BlockKind::TableTail
    )
}

/// The deadlines of one sentence of `block`.
fn in_sentence(ctx: Dates, block: &Block, sentence: Range<usize>) -> Vec<Deadline> {
    let Some(text) = block.text.get(sentence.clone()) else {
        return Vec::new();
    };
    let governs = text::strip_marker(text).to_owned();
    pair_periods(scan(text, ctx))
        .into_iter()
        .map(|mark| {
            let at = sentence.start + mark.range.start..sentence.start + mark.range.end;
            Deadline {
                unit: matches!(mark.when, When::Deadline { .. })
                    .then(|| recipient(&text[mark.range.end..]))
                    .flatten(),
                printed: mark.printed(text),
                when: mark.when,
                governs: governs.clone(),
                span: text::source_span(block, at),
                line: block.line,
                section: block.section.clone(),
                attachment: block.attachment,
            }
        })
        .collect()
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
    fn printed(&self, text: &str) -> String {
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
fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Suffixes that end the name of a unit a report goes to.
const UNIT_ENDINGS: &[&str] = &[
    "办公室",
    "办公厅",
    "委员会",
    "人民政府",
    "政府",
    "管委会",
    "管委",
    "指挥部",
    "领导小组",
    "小组",
    "中心",
    "国务院",
    "局",
    "厅",
    "委",
    "办",
    "部",
];

/// What may follow the unit a report goes to, besides the end of the clause.
const AFTER_UNIT: &[&str] = &["备案", "审核", "审批", "审定", "批准", "汇总"];

/// The unit after `报`, `报送`, `上报` or `提交` in the clause that follows a
/// deadline: the longest name that ends like a unit and is followed by the
/// end of the clause or by 备案/审核 ….
fn recipient(after: &str) -> Option<String> {
    let clause_end = after
        .find(['，', '；', '。', ',', ';'])
        .unwrap_or(after.len());
    let clause = &after[..clause_end];
    let verb_end = ["报送至", "报送", "上报", "提交", "报"]
        .iter()
        .find_map(|v| clause.find(v).map(|at| at + v.len()))?;
    let tail = &clause[verb_end..];
    tail.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| UNIT_ENDINGS.iter().any(|e| tail[..end].ends_with(e)))
        .filter(|&end| {
            tail[end..].is_empty() || AFTER_UNIT.iter().any(|a| tail[end..].starts_with(a))
        })
        .max()
        .map(|end| tail[..end].to_owned())
        .filter(|unit| unit.chars().count() >= 2)
}

/// Bounds each recurring deadline by the latest end of the periods of its
/// document that contain its first day.
fn bound_recurrences(found: &mut [Deadline]) {
    let periods: Vec<(NaiveDate, NaiveDate)> = found
        .iter()
        .filter_map(|d| match d.when {
            When::Period { start, end } => Some((start, end)),
            _ => None,
        })
        .collect();
    for deadline in found.iter_mut() {
        if let When::Recurring { first, until, .. } = &mut deadline.when {
            *until = periods
                .iter()
                .filter(|(start, end)| start <= first && *first <= *end)
                .map(|(_, end)| *end)
                .max();
        }
    }
}

/// Small helpers on the text of blocks, shared with [`crate::provisions`].
pub(crate) mod text {
    use std::ops::Range;

    use gazette_model::{Block, Span};

    /// The sentences of `text` as byte ranges, split after 。；！？ and at
    /// tabs and newlines, trimmed, empty ones dropped.
    pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            if matches!(c, '。' | '；' | '！' | '？' | ';' | '\t' | '\n') {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
        }
        push_trimmed(text, start..text.len(), &mut out);
        out
    }

    fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
        let Some(slice) = text.get(range.clone()) else {
            return;
        };
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if !trimmed.is_empty() {
            out.push(range.start + lead..range.start + lead + trimmed.len());
        }
    }

    /// `text` without a leading heading marker (`（一）`, `一、`, `1.`).
    pub(crate) fn strip_marker(text: &str) -> &str {
        let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
        let paren = text
            .strip_prefix('（')
            .and_then(|rest| rest.split_once('）'))
            .filter(|(inner, _)| !inner.is_empty() && inner.chars().all(numeral))
            .map(|(_, rest)| rest);
        let listed = text
            .split_once(['、', '.', '．'])
            .filter(|(head, _)| !head.is_empty() && head.chars().all(numeral))
            .map(|(_, rest)| rest);
        paren.or(listed).unwrap_or(text).trim_start()
    }

    /// The original [`Span`] of the bytes `range` of `block.text`.
    ///
    /// A block's text is its pieces joined, with a space or a tab between
    /// two pieces at most; when the text does not add up that way, the span
    /// of the whole block is given.
    pub(crate) fn source_span(block: &Block, range: Range<usize>) -> Span {
        let whole = Span::new(
            block.pieces.first().map_or(0, |p| p.start),
            block.pieces.last().map_or(0, |p| p.end),
        );
        let Some(starts) = piece_starts(block) else {
            return whole;
        };
        let map = |offset: usize| {
            let k = starts.partition_point(|&s| s <= offset).saturating_sub(1);
            match (block.pieces.get(k), starts.get(k)) {
                (Some(piece), Some(&start)) => (piece.start + (offset - start)).min(piece.end),
                _ => whole.start,
            }
        };
        match range.end.checked_sub(1) {
            Some(last) if range.end > range.start => Span::new(map(range.start), map(last) + 1),
            _ => Span::new(map(range.start), map(range.start)),
        }
    }

    /// Where each piece of `block` starts in its text, if the text is the
    /// pieces joined.
    fn piece_starts(block: &Block) -> Option<Vec<usize>> {
        let bytes = block.text.as_bytes();
        let mut starts = Vec::with_capacity(block.pieces.len());
        let mut pos = 0;
        for (k, piece) in block.pieces.iter().enumerate() {
            if k > 0 && matches!(bytes.get(pos), Some(b' ' | b'\t')) {
                pos += 1;
            }
            starts.push(pos);
            pos += piece.end.checked_sub(piece.start)?;
        }
        (pos == block.text.len()).then_some(starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn whens(text: &str, doc: NaiveDate) -> Vec<When> {
        pair_periods(scan(text, Dates::new(Some(doc))))
            .into_iter()
            .map(|m| m.when)
            .collect()
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

    #[test]
    fn reads_deadlines_and_periods() {
        let doc = day(2019, 7, 11);
        assert_eq!(
            whens("于7月15日前将工作方案报市安委会办公室", doc),
            [When::Deadline {
                date: day(2019, 7, 15)
            }]
        );
        assert_eq!(
            whens("专项整治攻坚行动从现在起到10月底结束", doc),
            [When::Period {
                start: doc,
                end: day(2019, 10, 31)
            }]
        );
        assert_eq!(
            whens("自2019年5月1日起，继续执行，执行期限至2020年4月30日", doc),
            [When::Period {
                start: day(2019, 5, 1),
                end: day(2020, 4, 30)
            }]
        );
        assert_eq!(
            whens("（二）集中整改阶段（7—8月）", doc),
            [When::Period {
                start: day(2019, 7, 1),
                end: day(2019, 8, 31)
            }]
        );
        assert_eq!(
            whens("（一）全面自查阶段（7月中旬）", doc),
            [When::Period {
                start: day(2019, 7, 11),
                end: day(2019, 7, 20)
            }]
        );
        assert_eq!(whens("2018年12月31日之前已完成转制的企业", doc), []);
        assert_eq!(whens("要在本意见印发之日起30日内，制定", doc), []);
        assert_eq!(whens("时间一般不少于5个工作日", doc), []);
    }

    #[test]
    fn reads_recurring_deadlines() {
        let doc = day(2019, 1, 30);
        let rule = Recurrence {
            frequency: Frequency::Yearly,
            month: Some(2),
            day: MonthDay::Last,
        };
        assert_eq!(
            whens("2020年起，每年2月底前各省份完成", doc),
            [
                When::PeriodStart {
                    date: day(2020, 1, 1)
                },
                When::Recurring {
                    rule,
                    first: day(2020, 2, 29),
                    until: None
                }
            ]
        );
        assert_eq!(whens("按照每月1000元的标准", doc), []);
    }

    #[test]
    fn finds_the_unit_a_report_goes_to() {
        assert_eq!(
            recipient("将工作方案报市安委会办公室").as_deref(),
            Some("市安委会办公室")
        );
        assert_eq!(
            recipient("报市政府防汛抗旱指挥部办公室备案。").as_deref(),
            Some("市政府防汛抗旱指挥部办公室")
        );
        assert_eq!(
            recipient("报送本区（市）、本行业领域攻坚行动进展情况"),
            None
        );
        assert_eq!(recipient("报送专项整治攻坚行动总体开展情况"), None);
    }

    #[test]
    fn strips_heading_markers() {
        assert_eq!(
            text::strip_marker("（二）自2019年5月1日起"),
            "自2019年5月1日起"
        );
        assert_eq!(text::strip_marker("1. 推动合作"), "推动合作");
        assert_eq!(text::strip_marker("7月15日前"), "7月15日前");
    }
}
