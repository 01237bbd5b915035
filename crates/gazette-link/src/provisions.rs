//! Provisions in time: the quantities a document sets (rates, caps, amounts,
//! counts), each with its subject, its old value when the text states one,
//! and the period it is in force.
//!
//! Read here, in narrow patterns so that what comes out is right:
//! - changes: `失业保险费率由1.5%降至1%`, `其中单位费率由1%降至0.7%` (a
//!   subject after `其中` without its scheme borrows it from the one before:
//!   `失业保险单位费率`);
//! - lists by class: `一至八类分别控制在…的0.05%、0.1%、…、0.48%`;
//! - ranges: `在…平均工资的60%—300%之间选择适当的缴费基数`;
//! - bounds: `最高不超过3000万元`, `每年不少于500万元`, `不低于4%`;
//! - grants: `对…项目…给予50%补助`, `其中2000万元用于…`;
//! - amounts ending a clause: `支持…工程经费4000万元`, `首期募集2亿元`;
//! - counts opening a clause: `力争15个研发成果进入候选药物阶段`.
//!
//! The effective period comes from the dates of the same sentence, else
//! from those of the sentences before it in the same paragraph (see
//! [`crate::deadlines`]). Not read: relative changes (`再下调50%`), numbers
//! written in Chinese numerals, statistics, anything whose subject cannot be
//! named from the text.
//!
//! [`as_of`] answers "what is the value of this subject on this day".

use std::ops::Range;

use chrono::NaiveDate;
use gazette_model::{BlockKind, Document, Span};
use serde::{Deserialize, Serialize};

use crate::deadlines::{self, Dates, When};
use crate::text;

mod numbers;
mod patterns;

use patterns::find;

/// A number with its unit as printed: `0.7` `%`, `3000` `万元`, `15` `个`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    /// The decimal value as printed, without spaces: `0.05`, `3000`.
    pub value: String,
    /// The unit: `%`, `万元`, `亿元`, `个`, `次` …; `/年` is added for an
    /// amount per year (`每年不少于500万元` → `万元/年`).
    pub unit: String,
}

impl Quantity {
    /// A quantity of `value` in `unit`.
    pub fn new(value: &str, unit: &str) -> Quantity {
        Quantity {
            value: value.to_owned(),
            unit: unit.to_owned(),
        }
    }

    /// The value as a number.
    pub fn as_f64(&self) -> Option<f64> {
        self.value.parse().ok()
    }
}

/// How the quantity binds its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Exactly the value.
    Exact,
    /// At most the value (`不超过`, `最高`).
    AtMost,
    /// At least the value (`不少于`, `不低于`, `余`).
    AtLeast,
    /// Between the value and [`Provision::upper`], both included.
    Between,
}

/// When a provision is in force; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effective {
    /// The first day, when printed.
    pub from: Option<NaiveDate>,
    /// The last day, when printed.
    pub to: Option<NaiveDate>,
}

/// The document a provision comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentContext {
    /// Its id in its issue.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its 发文字号, when printed.
    pub doc_number: Option<String>,
    /// Its date, when printed.
    pub date: Option<NaiveDate>,
}

impl DocumentContext {
    /// The context of `doc`.
    pub fn of(doc: &Document) -> DocumentContext {
        DocumentContext {
            id: doc.id.clone(),
            title: doc.title.clone(),
            doc_number: doc.doc_number.clone(),
            date: doc.date,
        }
    }
}

/// A quantity a document sets for a subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provision {
    /// What the number is about: `失业保险单位费率`, `缴费基数`,
    /// `海洋候选药物补助`.
    pub subject: String,
    /// The value (the lower end of a range).
    pub quantity: Quantity,
    /// The upper end, for [`Bound::Between`].
    pub upper: Option<Quantity>,
    /// How the value binds.
    pub bound: Bound,
    /// The value it replaces, when stated (`由18%降至16%` → 18%).
    pub old: Option<Quantity>,
    /// The total it is part of (`4000万元…其中2000万元用于…`).
    pub part_of: Option<Quantity>,
    /// What a percentage is of, when stated (`平均工资的60%—300%`).
    pub base: Option<String>,
    /// When it is in force.
    pub effective: Effective,
    /// The sentence it is printed in.
    pub context: String,
    /// The document that sets it.
    pub document: DocumentContext,
    /// Where the quantity (with its old value) is printed.
    pub span: Span,
    /// Line of its block (1-based).
    pub line: usize,
    /// Id of the innermost section of its block.
    pub section: Option<String>,
    /// Number of the attachment of its block, `None` for the body.
    pub attachment: Option<u32>,
}

/// Extracts the provisions of `doc`, in printed order.
pub fn extract(doc: &Document) -> Vec<Provision> {
    let context = DocumentContext::of(doc);
    let mut out = Vec::new();
    for block in doc.blocks.iter().filter(|b| {
        matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::TableRow | BlockKind::TableTail
        )
    }) {
        let mut state = BlockState::default();
        let mut dates = Dates::new(doc.date);
        for sentence in text::sentences(&block.text) {
            let Some(s) = block.text.get(sentence.clone()) else {
                continue;
            };
            state.update_period(s, dates);
            dates = dates.after(s);
            for found in find(s, &mut state) {
                let at = sentence.start + found.range.start..sentence.start + found.range.end;
                out.push(Provision {
                    subject: found.subject,
                    quantity: found.quantity,
                    upper: found.upper,
                    bound: found.bound,
                    old: found.old,
                    part_of: found.part_of,
                    base: found.base,
                    effective: state.period,
                    context: text::strip_marker(s).to_owned(),
                    document: context.clone(),
                    span: block.source_span(at),
                    line: block.line,
                    section: block.section.clone(),
                    attachment: block.attachment,
                });
            }
        }
    }
    out
}

/// What one paragraph carries from sentence to sentence.
#[derive(Debug, Default)]
struct BlockState {
    /// The period of the latest sentence that printed one.
    period: Effective,
    /// The latest amount a later `其中` may divide.
    total: Option<Quantity>,
}

impl BlockState {
    fn update_period(&mut self, sentence: &str, dates: Dates) {
        let marks = deadlines::pair_periods(deadlines::scan(sentence, dates));
        let period = marks.iter().rev().find_map(|m| match m.when {
            When::Period { start, end } => Some(Effective {
                from: Some(start),
                to: Some(end),
            }),
            When::PeriodStart { date } => Some(Effective {
                from: Some(date),
                to: None,
            }),
            When::PeriodEnd { date } => Some(Effective {
                from: None,
                to: Some(date),
            }),
            _ => None,
        });
        if let Some(period) = period {
            self.period = period;
        }
    }
}

/// A provision found in a sentence, before it gets its context.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    subject: String,
    quantity: Quantity,
    upper: Option<Quantity>,
    bound: Bound,
    old: Option<Quantity>,
    part_of: Option<Quantity>,
    base: Option<String>,
    range: Range<usize>,
}

impl Found {
    fn new(subject: String, quantity: Quantity, bound: Bound, range: Range<usize>) -> Found {
        Found {
            subject,
            quantity,
            upper: None,
            bound,
            old: None,
            part_of: None,
            base: None,
            range,
        }
    }
}

/// What [`as_of`] finds for a subject on a day.
#[derive(Debug, Clone, PartialEq)]
pub enum AsOf<'a> {
    /// The provisions in force that day: those with the latest start (more
    /// than one when a document sets several values for the subject at once).
    InForce(Vec<&'a Provision>),
    /// No provision is in force that day; this one's period ended before it
    /// (the one that ended last). It says which document set it.
    Ended(&'a Provision),
    /// No provision is in force yet; this one starts after the day (the one
    /// that starts first). Its `old` value, when stated, was the value before.
    NotYet(&'a Provision),
    /// No provision names the subject.
    Unknown,
}

/// The value of `subject` on `day`.
///
/// Subjects match when their normal forms ([`normalize_subject`]) are equal,
/// so `失业保险费率` finds the overall rate and not `失业保险单位费率`. A
/// provision is in force on `day` when its start (or, without one, its
/// document's date) is on or before `day` and its end, if any, on or after;
/// among those, the ones with the latest start win.
pub fn as_of<'a>(provisions: &'a [Provision], subject: &str, day: NaiveDate) -> AsOf<'a> {
    let wanted = normalize_subject(subject);
    let matching: Vec<&Provision> = provisions
        .iter()
        .filter(|p| normalize_subject(&p.subject) == wanted)
        .collect();
    let start = |p: &Provision| p.effective.from.or(p.document.date);
    let in_force: Vec<&Provision> = matching
        .iter()
        .copied()
        .filter(|p| start(p).is_none_or(|s| s <= day) && p.effective.to.is_none_or(|e| e >= day))
        .collect();
    if let Some(latest) = in_force.iter().filter_map(|p| start(p)).max() {
        return AsOf::InForce(
            in_force
                .into_iter()
                .filter(|p| start(p) == Some(latest))
                .collect(),
        );
    }
    if !in_force.is_empty() {
        return AsOf::InForce(in_force);
    }
    if let Some(ended) = matching
        .iter()
        .filter(|p| p.effective.to.is_some_and(|e| e < day))
        .max_by_key(|p| p.effective.to)
    {
        return AsOf::Ended(ended);
    }
    matching
        .iter()
        .filter(|p| start(p).is_some_and(|s| s > day))
        .min_by_key(|p| start(p))
        .map_or(AsOf::Unknown, |p| AsOf::NotYet(p))
}

/// The normal form of a subject, for matching a user's words against
/// extracted subjects: spaces, brackets and quotes dropped, the qualifiers
/// `城镇职工`, `基本` and `缴费` dropped, and `费率` and `比例` both read as
/// `率`. So `失业保险单位缴费费率` matches `失业保险单位费率`, and
/// `企业养老保险单位费率` matches `企业养老保险单位缴费比例`.
pub fn normalize_subject(subject: &str) -> String {
    let kept: String = subject
        .chars()
        .filter(|c| !c.is_whitespace() && !"（）()“”\"《》".contains(*c))
        .collect();
    ["城镇职工", "基本", "缴费"]
        .iter()
        .fold(kept, |s, w| s.replace(w, ""))
        .replace("费率", "率")
        .replace("比例", "率")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(sentence: &str) -> Vec<(String, String, String, Option<String>)> {
        find(sentence, &mut BlockState::default())
            .into_iter()
            .map(|f| {
                (
                    f.subject,
                    f.quantity.value,
                    f.quantity.unit,
                    f.old.map(|o| o.value),
                )
            })
            .collect()
    }

    #[test]
    fn leaves_relative_changes_and_statistics_alone() {
        assert_eq!(found("城镇职工工伤保险费率在现行费率基础上再下调50%"), []);
        assert_eq!(found("全国同比增长5.5%"), []);
    }

    #[test]
    fn reads_bounds_on_named_subjects() {
        assert_eq!(
            found("三农”主体收取的担保费率原则上不超过1%"),
            [("担保费率".into(), "1".into(), "%".into(), None)]
        );
        assert_eq!(
            found("可申请最高不超过15万元的创业担保贷款"),
            [("创业担保贷款".into(), "15".into(), "万元".into(), None)]
        );
        assert_eq!(found("（最迟不超过4个小时）"), []);
    }

    #[test]
    fn normalizes_subjects() {
        assert_eq!(
            normalize_subject("失业保险单位缴费费率"),
            normalize_subject("失业保险单位费率")
        );
        assert_eq!(
            normalize_subject("企业养老保险单位缴费比例"),
            normalize_subject("企业养老保险单位费率")
        );
        assert_ne!(
            normalize_subject("失业保险费率"),
            normalize_subject("失业保险单位费率")
        );
    }
}
