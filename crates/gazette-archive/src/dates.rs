//! A document's dates told apart, as the faces show them: 成文日期,
//! 发布日期, 施行日期 and the last day of its 有效期, each from the one field
//! of the parsed document that holds it; the 发布日期 falls back to its
//! issue's publication date when the publisher's page gives none, and says
//! so (`published_from`).
//!
//! Not for: reading dates from text (the parser does), or a document's
//! status (`validity`).

use chrono::NaiveDate;
use gazette_model::Document;
use serde::Serialize;

/// Where a 发布日期 comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedFrom {
    /// The publisher's page (its 发布日期 in the metadata).
    Page,
    /// The publication date of the gazette issue that printed it.
    Issue,
}

/// A document's dates, told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// 成文日期: the date printed under the title or with the signature.
    pub written: Option<NaiveDate>,
    /// 发布日期: the date its publisher's page gives, else the publication
    /// date of its issue.
    pub published: Option<NaiveDate>,
    /// Where `published` comes from; absent when it is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_from: Option<PublishedFrom>,
    /// 施行日期, when the text gives a day (or the 成文日期 for 自印发之日起施行).
    pub takes_effect: Option<NaiveDate>,
    /// The last day of its 有效期, when the text gives one.
    pub valid_until: Option<NaiveDate>,
}

impl Dates {
    /// The dates of `doc` as its own text and page give them.
    pub fn of(doc: &Document) -> Dates {
        let published = doc.published_meta.as_ref().and_then(|m| m.published);
        Dates {
            written: doc.date,
            published,
            published_from: published.map(|_| PublishedFrom::Page),
            takes_effect: doc.takes_effect.as_ref().and_then(|t| t.date),
            valid_until: doc.valid_period.as_ref().and_then(|p| p.until),
        }
    }

    /// The dates of `doc` printed in an issue published on
    /// `issue_published` (`gazette_model::IssuePublication`'s `published`): without a 发布日期
    /// of its page, the issue's publication date.
    pub fn in_issue(doc: &Document, issue_published: Option<NaiveDate>) -> Dates {
        let mut dates = Dates::of(doc);
        if dates.published.is_none() {
            if let Some(day) = issue_published {
                dates.published = Some(day);
                dates.published_from = Some(PublishedFrom::Issue);
            }
        }
        dates
    }
}
