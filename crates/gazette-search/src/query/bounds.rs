//! The values of `year:` and `date:` terms: `a..b`, `a..`, `..b` or one
//! bound, in full-width or ASCII digits, a date as `2019-06-01`, `2019-06`,
//! `2019` or `2019年6月15日`, each side read for the end it bounds.
//!
//! Not for: fields whose values are searched as text.

use chrono::{Datelike, NaiveDate};

use crate::error::{Result, SearchError};

/// Which end of a range a bound is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    Lower,
    Upper,
}

/// Reads `a..b`, `a..`, `..b` or `a` (meaning `a..a`) with `bound`, which
/// reads one side for one end or says what is wrong with it.
pub(super) fn range<T: PartialOrd + Copy>(
    value: &str,
    value_pos: usize,
    bound: fn(&str, End) -> Result<T, String>,
) -> Result<(Option<T>, Option<T>)> {
    let value: String = value.chars().map(ascii_form).collect();
    let (left, right, right_pos) = match value.find("..") {
        Some(dots) => (
            &value[..dots],
            &value[dots + 2..],
            value_pos + value[..dots].chars().count() + 2,
        ),
        None => (value.as_str(), value.as_str(), value_pos),
    };
    let read = |side: &str, end: End, pos: usize| -> Result<Option<T>> {
        if side.is_empty() {
            return Ok(None);
        }
        bound(side, end)
            .map(Some)
            .map_err(|message| SearchError::query(message, pos))
    };
    let from = read(left, End::Lower, value_pos)?;
    let to = read(right, End::Upper, right_pos)?;
    match (from, to) {
        (None, None) => Err(SearchError::query(
            "a range needs at least one bound",
            value_pos,
        )),
        (Some(a), Some(b)) if a > b => Err(SearchError::query(
            format!("the range '{value}' is empty"),
            value_pos,
        )),
        _ => Ok((from, to)),
    }
}

/// Full-width digits, hyphen and full stop as ASCII, one character for one
/// so positions stay right.
fn ascii_form(c: char) -> char {
    match c {
        '－' => '-',
        '．' => '.',
        c => gazette_model::ascii_digit(c),
    }
}

pub(super) fn year_bound(text: &str, _end: End) -> Result<i32, String> {
    match text.parse::<i32>() {
        Ok(year) if text.len() == 4 && year > 0 => Ok(year),
        _ => Err(format!("invalid year '{text}': expected four digits")),
    }
}

/// A day, a month (`2019-06`) or a year (`2019`), read as its first day for
/// a lower bound and its last day for an upper bound; or a date as printed
/// in gazettes (`2019年6月15日`).
pub(super) fn date_bound(text: &str, end: End) -> Result<NaiveDate, String> {
    if let Some(date) = gazette_model::parse_date(text) {
        return Ok(date);
    }
    let invalid = || format!("invalid date '{text}': expected YYYY-MM-DD, YYYY-MM or YYYY");
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, len: usize| -> Option<u32> {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = parts
        .first()
        .and_then(|p| number(p, 4))
        .and_then(|y| i32::try_from(y).ok())
        .ok_or_else(invalid)?;
    let date = match (parts.get(1), parts.get(2), parts.len()) {
        (None, None, 1) => match end {
            End::Lower => NaiveDate::from_ymd_opt(year, 1, 1),
            End::Upper => NaiveDate::from_ymd_opt(year, 12, 31),
        },
        (Some(month), None, 2) => {
            let month = number(month, 2).ok_or_else(invalid)?;
            let first = NaiveDate::from_ymd_opt(year, month, 1);
            match end {
                End::Lower => first,
                End::Upper => first.and_then(last_of_month),
            }
        }
        (Some(month), Some(day), 3) => {
            let month = number(month, 2).ok_or_else(invalid)?;
            let day = number(day, 2).ok_or_else(invalid)?;
            NaiveDate::from_ymd_opt(year, month, day)
        }
        _ => None,
    };
    date.ok_or_else(invalid)
}

fn last_of_month(first: NaiveDate) -> Option<NaiveDate> {
    let (year, month) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
}
