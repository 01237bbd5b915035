//! Corrections of parsed fields: which fields may be corrected, how a value
//! is checked and normalised, which value holds once corrections are
//! recorded, and [`Archive::correct`], which records one checked.
//!
//! A correction never changes the document as parsed from the published
//! text; the archive keeps it beside the document. Both faces take the
//! rules from here, so a correction made through the API and one made
//! any other way are checked alike. Storing is the store's job.

use std::collections::BTreeMap;

use gazette_model::{parse_date, DocNumber, Document};
use gazette_store::Correction;

use crate::input::{note, InvalidInput};
use crate::{Archive, Result};

/// Longest corrected value, in characters.
const MAX_VALUE_CHARS: usize = 500;

/// A field that may be corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionField {
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

impl CorrectionField {
    const ALL: [CorrectionField; 5] = [
        CorrectionField::Title,
        CorrectionField::Date,
        CorrectionField::DocNumber,
        CorrectionField::DocType,
        CorrectionField::Issuer,
    ];

    /// The field's name in requests and in the archive.
    pub fn code(self) -> &'static str {
        match self {
            CorrectionField::Title => "title",
            CorrectionField::Date => "date",
            CorrectionField::DocNumber => "doc_number",
            CorrectionField::DocType => "doc_type",
            CorrectionField::Issuer => "issuer",
        }
    }

    /// Reads a field name; [`InvalidInput::Field`] for any other.
    pub fn parse(name: &str) -> Result<CorrectionField, InvalidInput> {
        CorrectionField::ALL
            .into_iter()
            .find(|f| f.code() == name.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = CorrectionField::ALL.iter().map(|f| f.code()).collect();
                InvalidInput::Field(format!(
                    "“{name}” cannot be corrected; one of {}",
                    names.join(", ")
                ))
            })
    }

    /// The value as parsed from the published text.
    pub fn original(self, doc: &Document) -> Option<String> {
        match self {
            CorrectionField::Title => Some(doc.title.clone()),
            CorrectionField::Date => doc.date.map(|d| d.to_string()),
            CorrectionField::DocNumber => doc.doc_number.clone(),
            CorrectionField::DocType => doc.doc_type.clone(),
            CorrectionField::Issuer => (!doc.issuer.is_empty()).then(|| doc.issuer.join("、")),
        }
    }

    /// Checks a corrected value and brings it to the form the archive
    /// uses (dates as `YYYY-MM-DD`, 发文字号 normalised);
    /// [`InvalidInput::Value`] when it cannot be used.
    pub fn normalise(self, value: &str) -> Result<String, InvalidInput> {
        let value = value.trim();
        let bad = InvalidInput::Value;
        if value.is_empty() {
            return Err(bad("the corrected value is empty".to_owned()));
        }
        if value.chars().count() > MAX_VALUE_CHARS || value.chars().any(char::is_control) {
            return Err(bad(format!(
                "the corrected value must be at most {MAX_VALUE_CHARS} characters, without control characters"
            )));
        }
        match self {
            CorrectionField::Date => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .ok()
                .or_else(|| parse_date(value))
                .map(|d| d.to_string())
                .ok_or_else(|| bad(format!("“{value}” is not a date"))),
            CorrectionField::DocNumber => DocNumber::parse(value)
                .map(|n| n.to_string())
                .ok_or_else(|| bad(format!("“{value}” is not a 发文字号"))),
            CorrectionField::Title | CorrectionField::DocType | CorrectionField::Issuer => {
                Ok(value.to_owned())
            }
        }
    }
}

/// A correction as asked for, before it is checked.
#[derive(Debug, Clone)]
pub struct CorrectionRequest {
    /// The field's name (`title`, `date`, `doc_number`, `doc_type`, `issuer`).
    pub field: String,
    /// The corrected value, in any form the field reads.
    pub value: String,
    /// Why, when given.
    pub reason: Option<String>,
}

impl CorrectionRequest {
    /// The request checked: its field, its value normalised and its reason.
    pub fn check(self) -> Result<CheckedCorrection, InvalidInput> {
        let field = CorrectionField::parse(&self.field)?;
        let value = field.normalise(&self.value)?;
        let reason = note("reason", self.reason)?;
        Ok(CheckedCorrection {
            field,
            value,
            reason,
        })
    }
}

/// A correction whose field, value and reason passed the checks.
#[derive(Debug, Clone)]
pub struct CheckedCorrection {
    field: CorrectionField,
    value: String,
    reason: Option<String>,
}

/// The value that holds for each corrected field: the latest correction.
pub fn corrected(corrections: &[Correction]) -> BTreeMap<String, String> {
    corrections
        .iter()
        .map(|c| (c.field.clone(), c.corrected.clone()))
        .collect()
}

impl Archive {
    /// Records a checked correction beside the document `key` (id, slug or
    /// 发文字号) with its original value, by `actor`, audited in the same
    /// transaction; returns the document's id and all its corrections.
    pub fn correct(
        &mut self,
        key: &str,
        correction: CheckedCorrection,
        actor: &str,
    ) -> Result<(String, Vec<Correction>)> {
        let view = self.reads.document(key)?;
        let record = Correction {
            field: correction.field.code().to_owned(),
            original: correction.field.original(&view.record.document),
            corrected: correction.value,
            reason: correction.reason,
            recorded_by: actor.to_owned(),
            recorded_at: crate::now(),
        };
        let id = view.record.id;
        self.record_correction(&id, &record, actor)?;
        let corrections = self.reads.corrections(&id)?;
        Ok((id, corrections))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Field = CorrectionField;

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
