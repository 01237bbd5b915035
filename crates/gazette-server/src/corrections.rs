//! Corrections of parsed fields: which fields may be corrected, how a value
//! is checked and normalised, and which value holds once corrections are
//! recorded.
//!
//! A correction never changes the document as parsed from the published
//! text; the archive keeps it beside the document. This module only checks
//! requests and reads corrections back; storing is the archive's job.

use std::collections::BTreeMap;

use gazette_model::{parse_date, DocNumber, Document};
use gazette_store::Correction;

use crate::error::{ApiError, ApiResult};

/// Longest corrected value, in characters.
const MAX_VALUE_CHARS: usize = 500;

/// A field that may be corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The title.
    Title,
    /// The date (`YYYY-MM-DD` or a date as printed, 2019年6月15日).
    Date,
    /// The 发文字号, in any printed form.
    DocNumber,
    /// The kind of document.
    DocType,
    /// The issuers, separated by 、 as printed.
    Issuer,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::Title,
        Field::Date,
        Field::DocNumber,
        Field::DocType,
        Field::Issuer,
    ];

    /// The field's name in requests and in the archive.
    pub fn code(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Date => "date",
            Field::DocNumber => "doc_number",
            Field::DocType => "doc_type",
            Field::Issuer => "issuer",
        }
    }

    /// Reads a field name; 400 for any other.
    pub fn parse(name: &str) -> ApiResult<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.code() == name.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.code()).collect();
                ApiError::bad_request(
                    "bad_field",
                    format!("“{name}” cannot be corrected; one of {}", names.join(", ")),
                )
            })
    }

    /// The value as parsed from the published text.
    pub fn original(self, doc: &Document) -> Option<String> {
        match self {
            Field::Title => Some(doc.title.clone()),
            Field::Date => doc.date.map(|d| d.to_string()),
            Field::DocNumber => doc.doc_number.clone(),
            Field::DocType => doc.doc_type.clone(),
            Field::Issuer => (!doc.issuer.is_empty()).then(|| doc.issuer.join("、")),
        }
    }

    /// Checks a corrected value and brings it to the form the archive
    /// uses (dates as `YYYY-MM-DD`, 发文字号 normalised).
    pub fn normalise(self, value: &str) -> ApiResult<String> {
        let value = value.trim();
        let bad = |why: String| ApiError::bad_request("bad_value", why);
        if value.is_empty() {
            return Err(bad("the corrected value is empty".to_owned()));
        }
        if value.chars().count() > MAX_VALUE_CHARS || value.chars().any(char::is_control) {
            return Err(bad(format!(
                "the corrected value must be at most {MAX_VALUE_CHARS} characters, without control characters"
            )));
        }
        match self {
            Field::Date => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .ok()
                .or_else(|| parse_date(value))
                .map(|d| d.to_string())
                .ok_or_else(|| bad(format!("“{value}” is not a date"))),
            Field::DocNumber => DocNumber::parse(value)
                .map(|n| n.to_string())
                .ok_or_else(|| bad(format!("“{value}” is not a 发文字号"))),
            Field::Title | Field::DocType | Field::Issuer => Ok(value.to_owned()),
        }
    }
}

/// The value that holds for each corrected field: the latest correction.
pub fn corrected(corrections: &[Correction]) -> BTreeMap<String, String> {
    corrections
        .iter()
        .map(|c| (c.field.clone(), c.corrected.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_normalised() {
        assert_eq!(
            Field::DocNumber
                .normalise("青政办字[2019]31号")
                .expect("a number"),
            "青政办字〔2019〕31号"
        );
        assert_eq!(
            Field::Date.normalise("2019年6月15日").expect("a date"),
            "2019-06-15"
        );
        assert_eq!(
            Field::Date.normalise(" 2019-06-15 ").expect("a date"),
            "2019-06-15"
        );
        assert!(Field::Date.normalise("yesterday").is_err());
        assert!(Field::DocNumber.normalise("no number").is_err());
        assert!(Field::Title.normalise("  ").is_err());
        assert!(Field::Title.normalise("a\u{0}b").is_err());
        assert!(Field::parse("body").is_err());
        assert_eq!(Field::parse("doc_type").expect("known"), Field::DocType);
    }

    #[test]
    fn the_latest_correction_of_a_field_holds() {
        let correction = |field: &str, value: &str| Correction {
            field: field.to_owned(),
            original: None,
            corrected: value.to_owned(),
            reason: None,
            recorded_by: "t".to_owned(),
            recorded_at: "2024-01-01T00:00:00Z".to_owned(),
        };
        let map = corrected(&[
            correction("title", "a"),
            correction("date", "2019-01-01"),
            correction("title", "b"),
        ]);
        assert_eq!(map.get("title").map(String::as_str), Some("b"));
        assert_eq!(map.len(), 2);
    }
}
