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

use crate::text::{self, UNIT_ENDINGS};

mod scan;

use scan::last_of_month;
pub(crate) use scan::{pair_periods, scan};

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
                span: block.source_span(at),
                line: block.line,
                section: block.section.clone(),
                attachment: block.attachment,
            }
        })
        .collect()
}

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
}
