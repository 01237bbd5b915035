//! The words people read for the records of this crate: roles, kinds of
//! dates, rules of recurring deadlines, quantities and periods, in
//! Chinese. The web pages, the command line and the calendar export all
//! print them from here, so they say the same thing.
//!
//! ```
//! use chrono::NaiveDate;
//! use gazette_link::deadlines::When;
//! use gazette_link::provisions::Effective;
//!
//! let day = NaiveDate::from_ymd_opt(2019, 7, 15).unwrap();
//! assert_eq!(When::Deadline { date: day }.describe(), "2019-07-15 前");
//! let effective = Effective { from: Some(day), to: None };
//! assert_eq!(effective.describe(), "自 2019-07-15 起");
//! ```

use std::fmt;

use crate::deadlines::{Frequency, MonthDay, Recurrence, When};
use crate::provisions::{Bound, Effective, Provision, Quantity};
use crate::units::Role;

impl Role {
    /// The role in Chinese: 牵头, 配合, 指导, or 负责 when none is marked.
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Participating => "配合",
            Role::Guiding => "指导",
            Role::Unspecified => "负责",
        }
    }
}

impl When {
    /// The kind of date in Chinese: 截止, 定期截止, 开始, 结束 or 期间.
    pub fn label(&self) -> &'static str {
        match self {
            When::Deadline { .. } => "截止",
            When::Recurring { .. } => "定期截止",
            When::PeriodStart { .. } => "开始",
            When::PeriodEnd { .. } => "结束",
            When::Period { .. } => "期间",
        }
    }

    /// The dates in Chinese: `2019-07-15 前`, `每月23日（首次 2019-07-23）`,
    /// `自 2019-05-01 起`, `至 2020-04-30`, `2019-05-01 至 2020-04-30`.
    pub fn describe(&self) -> String {
        match self {
            When::Deadline { date } => format!("{date} 前"),
            When::Recurring { rule, first, until } => {
                let until = until.map(|u| format!("，至 {u}")).unwrap_or_default();
                format!("{}（首次 {first}{until}）", rule.describe())
            }
            When::PeriodStart { date } => format!("自 {date} 起"),
            When::PeriodEnd { date } => format!("至 {date}"),
            When::Period { start, end } => format!("{start} 至 {end}"),
        }
    }
}

impl Recurrence {
    /// The rule in Chinese: `每月23日`, `每月月底`, `每年6月30日`.
    pub fn describe(&self) -> String {
        let day = match self.day {
            MonthDay::Day(d) => format!("{d}日"),
            MonthDay::Last => "月底".to_owned(),
        };
        match (self.frequency, self.month) {
            (Frequency::Monthly, _) | (Frequency::Yearly, None) => {
                let every = match self.frequency {
                    Frequency::Monthly => "每月",
                    Frequency::Yearly => "每年",
                };
                format!("{every}{day}")
            }
            (Frequency::Yearly, Some(month)) => match self.day {
                MonthDay::Day(_) => format!("每年{month}月{day}"),
                MonthDay::Last => format!("每年{month}月底"),
            },
        }
    }
}

impl fmt::Display for Quantity {
    /// The value with its unit: `1%`, `3000万元`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.value, self.unit)
    }
}

impl Provision {
    /// The value with how it binds: `1%`, `不超过3000万元`, `不少于15个`,
    /// `60%–300%`.
    pub fn value_text(&self) -> String {
        let value = &self.quantity;
        match (self.bound, &self.upper) {
            (Bound::Exact, _) => value.to_string(),
            (Bound::AtMost, _) => format!("不超过{value}"),
            (Bound::AtLeast, _) => format!("不少于{value}"),
            (Bound::Between, Some(upper)) => format!("{value}–{upper}"),
            (Bound::Between, None) => format!("不少于{value}"),
        }
    }
}

impl Effective {
    /// The period in Chinese: `2019-05-01 至 2020-04-30`, `自 2019-05-01
    /// 起`, `至 2020-04-30`, or `未注明` when neither end is printed.
    pub fn describe(&self) -> String {
        match (self.from, self.to) {
            (Some(from), Some(to)) => format!("{from} 至 {to}"),
            (Some(from), None) => format!("自 {from} 起"),
            (None, Some(to)) => format!("至 {to}"),
            (None, None) => "未注明".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn recurring_rules_and_periods_read_as_printed_chinese() {
        let rule = Recurrence {
            frequency: Frequency::Monthly,
            month: None,
            day: MonthDay::Day(23),
        };
        let when = When::Recurring {
            rule,
            first: day(2019, 7, 23),
            until: Some(day(2019, 10, 23)),
        };
        assert_eq!(
            when.describe(),
            "每月23日（首次 2019-07-23，至 2019-10-23）"
        );
        assert_eq!(when.label(), "定期截止");
        let yearly = Recurrence {
            frequency: Frequency::Yearly,
            month: Some(12),
            day: MonthDay::Last,
        };
        assert_eq!(yearly.describe(), "每年12月底");
        let period = Effective {
            from: Some(day(2019, 5, 1)),
            to: Some(day(2020, 4, 30)),
        };
        assert_eq!(period.describe(), "2019-05-01 至 2020-04-30");
        assert_eq!(Effective::default().describe(), "未注明");
        assert_eq!(Quantity::new("0.7", "%").to_string(), "0.7%");
    }
}
