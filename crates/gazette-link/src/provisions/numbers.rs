//! The numbers of a sentence with their units (`500 万元`, `0.05%`,
//! `200余人`), which the patterns then claim.
//!
//! Not for: deciding what a number is the value of.

use std::ops::Range;

use super::Quantity;

/// A number printed in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Number {
    pub(super) value: String,
    pub(super) unit: Option<&'static str>,
    /// `200余人`: more than the value.
    pub(super) approx: bool,
    pub(super) range: Range<usize>,
}

impl Number {
    pub(super) fn quantity(&self, unit: &str) -> Quantity {
        Quantity::new(&self.value, self.unit.unwrap_or(unit))
    }
}

/// Units a number may carry, longest first where one is a prefix of another.
const UNITS: &[&str] = &[
    "个工作日",
    "个百分点",
    "个小时",
    "个月",
    "个",
    "万元",
    "亿元",
    "千元",
    "元",
    "%",
    "‰",
    "位",
    "人",
    "名",
    "项",
    "家",
    "次",
    "小时",
    "平方米",
    "平米",
    "亩",
    "倍",
    "吨",
    "公里",
    "周岁",
];

/// Units of money.
pub(super) const MONEY: &[&str] = &["万元", "亿元", "千元", "元"];

/// Units that count things.
pub(super) const COUNTS: &[&str] = &["个", "位", "项", "家", "名"];

/// The numbers of `text`: ASCII digits with a decimal point, a space before
/// the unit allowed; digits that are part of a date (`5月1日`) have no unit
/// and are ignored by every pattern.
pub(super) fn numbers(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if !bytes[pos].is_ascii_digit()
            || (pos > 0 && matches!(bytes[pos - 1], b'.' | b':' | b'0'..=b'9'))
        {
            pos += 1;
            continue;
        }
        let start = pos;
        while pos < bytes.len() && (bytes[pos].is_ascii_digit() || bytes[pos] == b'.') {
            pos += 1;
        }
        let value = text[start..pos].trim_end_matches('.').to_owned();
        let mut end = start + value.len();
        let approx = ["余", "多"].iter().find(|w| text[end..].starts_with(**w));
        end += approx.map_or(0, |w| w.len());
        let spaced = end + text[end..].len() - text[end..].trim_start_matches(' ').len();
        let unit = UNITS
            .iter()
            .find(|u| text[spaced..].starts_with(**u))
            .copied();
        let end = unit.map_or(start + value.len(), |u| spaced + u.len());
        out.push(Number {
            value,
            unit,
            approx: approx.is_some() && unit.is_some(),
            range: start..end,
        });
        pos = end.max(pos);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_with_units() {
        let ns = numbers("每年不少于 500 万元，约8000平米，2019年5月1日，0.05%、1.5%");
        let read: Vec<_> = ns.iter().map(|n| (n.value.as_str(), n.unit)).collect();
        assert_eq!(
            read,
            [
                ("500", Some("万元")),
                ("8000", Some("平米")),
                ("2019", None),
                ("5", None),
                ("1", None),
                ("0.05", Some("%")),
                ("1.5", Some("%"))
            ]
        );
    }
}
