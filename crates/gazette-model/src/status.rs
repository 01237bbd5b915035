//! Validity status of a document (现行有效, 已废止 …) and its history.
//!
//! A status is never overwritten: every change is a [`StatusChange`]
//! appended to the document's history, with the day it takes effect. The
//! status on a given day is read from that history by [`status_as_of`], so a
//! repeal recorded today that takes effect next month leaves the document in
//! force until then. A document with no recorded change, and nothing in
//! the archive that says more, is [`Status::Unverified`] (未核实): the
//! archive never claims 现行有效 by default.

use std::fmt;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Whether a document is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 现行有效
    InForce,
    /// 已修改
    Amended,
    /// 已废止
    Repealed,
    /// 已失效
    Expired,
    /// 尚未生效
    NotYetInForce,
    /// 未核实 — the default: no editor recorded a status and nothing in the
    /// archive says one.
    #[default]
    Unverified,
}

impl Status {
    /// Every status, in the order above.
    pub const ALL: [Status; 6] = [
        Status::InForce,
        Status::Amended,
        Status::Repealed,
        Status::Expired,
        Status::NotYetInForce,
        Status::Unverified,
    ];

    /// The stable code used in the API, the CLI and queries: `in_force`,
    /// `amended`, `repealed`, `expired`, `not_yet_in_force`, `unverified`.
    pub fn code(self) -> &'static str {
        match self {
            Status::InForce => "in_force",
            Status::Amended => "amended",
            Status::Repealed => "repealed",
            Status::Expired => "expired",
            Status::NotYetInForce => "not_yet_in_force",
            Status::Unverified => "unverified",
        }
    }

    /// The Chinese label: 现行有效, 已修改, 已废止, 已失效, 尚未生效, 未核实.
    pub fn label(self) -> &'static str {
        match self {
            Status::InForce => "现行有效",
            Status::Amended => "已修改",
            Status::Repealed => "已废止",
            Status::Expired => "已失效",
            Status::NotYetInForce => "尚未生效",
            Status::Unverified => "未核实",
        }
    }

    /// Reads a code or a Chinese label (also the short forms 有效, 修改,
    /// 废止, 失效).
    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim();
        let short = match text {
            "有效" => Some(Status::InForce),
            "修改" => Some(Status::Amended),
            "废止" => Some(Status::Repealed),
            "失效" => Some(Status::Expired),
            _ => None,
        };
        short.or_else(|| {
            Status::ALL
                .into_iter()
                .find(|s| s.code() == text || s.label() == text)
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One recorded change of a document's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The status from `effective` on.
    pub status: Status,
    /// The day the change takes effect.
    pub effective: NaiveDate,
    /// Why, in the recorder's words.
    pub reason: Option<String>,
    /// The document that made the change, by its 发文字号 when known.
    pub by_document: Option<String>,
    /// Who recorded the change.
    pub recorded_by: String,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
}

/// China Standard Time's offset from UTC in hours (no daylight saving):
/// gazette dates, and so the days status changes take effect, are meant in it.
pub const CHINA_OFFSET_HOURS: i64 = 8;

/// The day it is in China at `instant`.
pub fn china_day(instant: DateTime<Utc>) -> NaiveDate {
    (instant + TimeDelta::hours(CHINA_OFFSET_HOURS)).date_naive()
}

/// Today in China: the day a status is computed for and a status change
/// takes effect on when none is given, the same for the CLI, the API and
/// the store.
pub fn china_today() -> NaiveDate {
    china_day(Utc::now())
}

/// The status that held on `day` according to `history`: the change with
/// the latest effective date not after `day` (of two on the same day, the
/// one recorded later), or [`Status::Unverified`] when none applies yet.
/// Changes corrected by a later one ([`is_corrected`]) are left out.
pub fn status_as_of(history: &[StatusChange], day: NaiveDate) -> Status {
    change_as_of(history, day).map_or(Status::Unverified, |change| change.status)
}

/// The change that gives the status on `day` (see [`status_as_of`]),
/// `None` when none applies yet.
pub fn change_as_of(history: &[StatusChange], day: NaiveDate) -> Option<&StatusChange> {
    history
        .iter()
        .enumerate()
        .filter(|(i, change)| change.effective <= day && !is_corrected(history, *i))
        .max_by(|(i, a), (j, b)| {
            (a.effective, &a.recorded_at, i).cmp(&(b.effective, &b.recorded_at, j))
        })
        .map(|(_, change)| change)
}

/// Whether the change at `index` of `history` was corrected: a change
/// recorded after it names the same status and the same document
/// (`by_document`, or neither names one). The same document does not make
/// the same change twice, so the later record is a correction of the day
/// (a repeal first recorded from the wrong day), and the earlier one no
/// longer counts.
pub fn is_corrected(history: &[StatusChange], index: usize) -> bool {
    let Some(change) = history.get(index) else {
        return false;
    };
    history.iter().enumerate().any(|(j, later)| {
        j != index
            && later.status == change.status
            && later.by_document == change.by_document
            && (&later.recorded_at, j) > (&change.recorded_at, index)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn change(status: Status, effective: NaiveDate, recorded_at: &str) -> StatusChange {
        StatusChange {
            status,
            effective,
            reason: None,
            by_document: None,
            recorded_by: "test".to_owned(),
            recorded_at: recorded_at.to_owned(),
        }
    }

    #[test]
    fn reads_codes_and_labels() {
        assert_eq!(Status::parse("repealed"), Some(Status::Repealed));
        assert_eq!(Status::parse("已废止"), Some(Status::Repealed));
        assert_eq!(Status::parse("废止"), Some(Status::Repealed));
        assert_eq!(Status::parse("现行有效"), Some(Status::InForce));
        assert_eq!(Status::parse("gone"), None);
        for status in Status::ALL {
            assert_eq!(Status::parse(status.code()), Some(status));
            assert_eq!(Status::parse(status.label()), Some(status));
        }
    }

    #[test]
    fn a_future_repeal_leaves_the_document_in_force_until_it_takes_effect() {
        let history = [change(
            Status::Repealed,
            day(2021, 3, 1),
            "2021-02-01T00:00:00Z",
        )];
        assert_eq!(status_as_of(&history, day(2021, 2, 28)), Status::Unverified);
        assert_eq!(status_as_of(&history, day(2021, 3, 1)), Status::Repealed);
    }

    #[test]
    fn nothing_recorded_is_unverified_not_in_force() {
        assert_eq!(status_as_of(&[], day(1981, 1, 1)), Status::Unverified);
        assert_eq!(Status::default(), Status::Unverified);
        assert_eq!(Status::parse("unverified"), Some(Status::Unverified));
        assert_eq!(Status::parse("未核实"), Some(Status::Unverified));
    }

    #[test]
    fn a_correction_of_the_effective_day_replaces_the_wrong_one() {
        let mut wrong = change(Status::Repealed, day(2021, 1, 1), "2021-01-05T00:00:00Z");
        wrong.by_document = Some("青政发〔2021〕3号".to_owned());
        let mut right = change(Status::Repealed, day(2021, 6, 1), "2021-02-01T00:00:00Z");
        right.by_document = Some("青政发〔2021〕3号".to_owned());
        let history = [
            change(Status::InForce, day(2019, 5, 1), "2019-05-02T00:00:00Z"),
            wrong,
            right,
        ];
        // Before the correction the wrong day would have made it repealed in March.
        assert_eq!(status_as_of(&history, day(2021, 3, 1)), Status::InForce);
        assert_eq!(status_as_of(&history, day(2021, 6, 1)), Status::Repealed);
        assert!(is_corrected(&history, 1));
        assert!(!is_corrected(&history, 2));
        // Another document's repeal is no correction of this one.
        let mut other = history.clone();
        other[2].by_document = Some("青政发〔2021〕9号".to_owned());
        assert_eq!(status_as_of(&other, day(2021, 3, 1)), Status::Repealed);
    }

    #[test]
    fn the_latest_effective_change_wins_whatever_the_order_of_recording() {
        let history = [
            change(Status::Expired, day(2022, 1, 1), "2020-01-01T00:00:00Z"),
            change(Status::Amended, day(2020, 6, 1), "2021-01-01T00:00:00Z"),
        ];
        assert_eq!(status_as_of(&history, day(2019, 1, 1)), Status::Unverified);
        assert_eq!(status_as_of(&history, day(2021, 1, 1)), Status::Amended);
        assert_eq!(status_as_of(&history, day(2023, 1, 1)), Status::Expired);
    }

    #[test]
    fn a_day_in_china_turns_at_16_utc() {
        let at = |h: u32, m: u32| {
            NaiveDate::from_ymd_opt(2026, 3, 10)
                .and_then(|d| d.and_hms_opt(h, m, 0))
                .map(|t| t.and_utc())
                .expect("a valid instant")
        };
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("a valid day");
        // 23:00 in Shanghai is 15:00 UTC: still the 10th.
        assert_eq!(china_day(at(15, 0)), day(10));
        assert_eq!(china_day(at(15, 59)), day(10));
        // Midnight in Shanghai: the 11th, while UTC is still on the 10th.
        assert_eq!(china_day(at(16, 0)), day(11));
        assert_eq!(china_day(at(0, 0)), day(10));
    }
}
