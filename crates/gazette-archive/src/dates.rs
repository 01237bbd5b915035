//! A document's dates told apart, as the faces show them: 成文日期,
//! 发布日期, 施行日期 and the last day of its 有效期, each from the one field
//! of the parsed document that holds it.
//!
//! Not for: reading dates from text (the parser does), or a document's
//! status (`validity`).

use chrono::NaiveDate;
use gazette_model::Document;
use serde::Serialize;

/// A document's dates, told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// 成文日期: the date printed under the title or with the signature.
    pub written: Option<NaiveDate>,
    /// 发布日期: the date its publisher's page gives, when it gives one.
    pub published: Option<NaiveDate>,
    /// 施行日期, when the text gives a day (or the 成文日期 for 自印发之日起施行).
    pub takes_effect: Option<NaiveDate>,
    /// The last day of its 有效期, when the text gives one.
    pub valid_until: Option<NaiveDate>,
}

impl Dates {
    /// The dates of `doc`.
    pub fn of(doc: &Document) -> Dates {
        Dates {
            written: doc.date,
            published: doc.published_meta.as_ref().and_then(|m| m.published),
            takes_effect: doc.takes_effect.as_ref().and_then(|t| t.date),
            valid_until: doc.valid_period.as_ref().and_then(|p| p.until),
        }
    }
}
