//! When a document takes effect (施行日期) and until when it holds (有效期),
//! as the document's own text says it: the clause, its place, and the day
//! it names or the event it ties the day to.
//!
//! Not for: the dates of single provisions (a rate 执行期限至2020年4月30日 is
//! the provision's, read by `gazette-link`), nor a status (现行有效, 已废止),
//! which is derived from these and from other documents.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Span;

/// What a document's 施行日期 is tied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectBasis {
    /// A day the text names: 自2019年1月1日起施行.
    Date,
    /// The day it was issued (印发, 下发, 发文, 签发): 自印发之日起施行; the
    /// 成文日期.
    Issued,
    /// The day it was published (公布, 发布, 公告, 颁布): 自公布之日起施行;
    /// the 发布日期, which the text itself does not print.
    Published,
    /// No clause names it; the earliest day from which the document's
    /// measures apply (自2019年5月1日起，降低…), inferred.
    Measures,
}

/// A document's 施行日期 as its text gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakesEffect {
    /// What the day is tied to.
    pub basis: EffectBasis,
    /// The day, when known from the document: named, or its 成文日期 for
    /// [`EffectBasis::Issued`]; `None` when it depends on a date the text
    /// does not print (the 发布日期 of [`EffectBasis::Published`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Days after the basis: 30 in 自公布之日起30日后施行.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_after: Option<u32>,
    /// The sentence that says it, as printed.
    pub evidence: String,
    /// Where that sentence's block is printed.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
}

/// A document's 有效期 as its text gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidPeriod {
    /// The last day it holds: named (有效期至2020年4月30日), or counted from
    /// the 施行日期 when both are known (有效期5年 from 2019-05-01: 2024-04-30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The length in years, when printed so (有效期5年, 有效期为三年).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// The sentence that says it, as printed.
    pub evidence: String,
    /// Where that sentence's block is printed.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
}

/// The last day of a period of `years` years that starts on `from`
/// (a period from 2019-05-01 of 5 years ends on 2024-04-30).
pub fn last_day_of_years(from: NaiveDate, years: u32) -> Option<NaiveDate> {
    let year = from.year().checked_add(i32::try_from(years).ok()?)?;
    // The anniversary of 29 February in a common year is 1 March.
    let anniversary = NaiveDate::from_ymd_opt(year, from.month(), from.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, from.month() + 1, 1))?;
    anniversary.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    #[test]
    fn a_period_of_years_ends_the_day_before_its_anniversary() {
        assert_eq!(
            last_day_of_years(day(2019, 5, 1), 5),
            Some(day(2024, 4, 30))
        );
        assert_eq!(
            last_day_of_years(day(2020, 1, 1), 3),
            Some(day(2022, 12, 31))
        );
        assert_eq!(
            last_day_of_years(day(2020, 2, 29), 1),
            Some(day(2021, 2, 28))
        );
    }
}
