//! A gazette (公报) and its issues as published: the gazette's name
//! (刊名), its slug, publisher and frequency; an issue's year, 期号,
//! 总期号 and publication date, with where each value came from.
//!
//! Two layers: [`PrintedIssue`] is what the issue text itself prints (a
//! masthead or running header such as “青岛市人民政府公报 2019年第7期”),
//! filled by the parser; [`IssuePublication`] is what the archive records
//! for the issue, printed values merged with those the uploader gave, and
//! every disagreement between the two kept ([`PublicationConflict`]).
//!
//! Not for: reading the text (the parser's `masthead`), merging the two
//! layers (the archive's `gazettes`), the table of contents (derived from
//! the issue's documents when read).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A gazette: a periodical that prints issues, or, for documents published
/// on web pages, the collection of one publisher.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Gazette {
    /// The name as printed (刊名), e.g. 青岛市人民政府公报; for a
    /// collection, the publisher's name.
    pub name: String,
    /// The stable name in URLs: [`gazette_slug`] of `name`.
    pub slug: String,
    /// The body that publishes it, when known (青岛市人民政府 for
    /// 青岛市人民政府公报).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// How often it appears, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// Whether this is a publisher's collection of web pages rather than a
    /// gazette with numbered issues.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub collection: bool,
}

impl Gazette {
    /// The gazette called `name` (spaces taken out); its publisher is the
    /// name before 公报 when it ends so.
    pub fn named(name: &str) -> Gazette {
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        let publisher = name
            .strip_suffix("公报")
            .filter(|body| !body.is_empty())
            .map(str::to_owned);
        Gazette {
            slug: gazette_slug(&name),
            name,
            publisher,
            frequency: None,
            collection: false,
        }
    }

    /// The collection of documents that `publisher` published on its web
    /// pages, outside any gazette issue.
    pub fn collection_of(publisher: &str) -> Gazette {
        let name: String = publisher.chars().filter(|c| !c.is_whitespace()).collect();
        Gazette {
            slug: gazette_slug(&name),
            publisher: Some(name.clone()),
            name,
            frequency: None,
            collection: true,
        }
    }
}

/// The slug of a gazette's name: the name without whitespace and without
/// the characters that have a meaning in a URL path (`/ ? # % \`). Chinese
/// stays as it is, as in document slugs (`2019-青政办字-31`).
pub fn gazette_slug(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !"/?#%\\".contains(*c))
        .collect()
}

/// How often a gazette appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 周刊: 52 issues a year.
    Weekly,
    /// 旬刊: 36 issues a year.
    TenDaily,
    /// 半月刊: 24 issues a year.
    Semimonthly,
    /// 月刊: 12 issues a year.
    Monthly,
    /// 双月刊: 6 issues a year.
    Bimonthly,
    /// 季刊: 4 issues a year.
    Quarterly,
    /// 不定期: no fixed number of issues.
    Irregular,
}

impl Frequency {
    /// The issues of a full year, `None` for an irregular gazette.
    pub fn issues_per_year(self) -> Option<u32> {
        match self {
            Frequency::Weekly => Some(52),
            Frequency::TenDaily => Some(36),
            Frequency::Semimonthly => Some(24),
            Frequency::Monthly => Some(12),
            Frequency::Bimonthly => Some(6),
            Frequency::Quarterly => Some(4),
            Frequency::Irregular => None,
        }
    }

    /// The Chinese word (月刊 …).
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Weekly => "周刊",
            Frequency::TenDaily => "旬刊",
            Frequency::Semimonthly => "半月刊",
            Frequency::Monthly => "月刊",
            Frequency::Bimonthly => "双月刊",
            Frequency::Quarterly => "季刊",
            Frequency::Irregular => "不定期",
        }
    }

    /// Reads the Chinese word or the English snake-case name
    /// (`monthly`, 月刊 …).
    pub fn parse(text: &str) -> Option<Frequency> {
        let text = text.trim();
        [
            Frequency::Weekly,
            Frequency::TenDaily,
            Frequency::Semimonthly,
            Frequency::Monthly,
            Frequency::Bimonthly,
            Frequency::Quarterly,
            Frequency::Irregular,
        ]
        .into_iter()
        .find(|f| f.label() == text || f.code() == text)
    }

    /// The snake-case name used in JSON (`monthly` …).
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::TenDaily => "ten_daily",
            Frequency::Semimonthly => "semimonthly",
            Frequency::Monthly => "monthly",
            Frequency::Bimonthly => "bimonthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Irregular => "irregular",
        }
    }
}

/// What an issue's text prints about the issue itself: on its cover, in
/// its masthead or its running headers (“青岛市人民政府公报 2019年第7期”,
/// “2019年第7期（总第305期）”). Every field is as printed, `None` when
/// the text does not print it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedIssue {
    /// The gazette's name (刊名).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazette: Option<String>,
    /// The year of the issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The issue's number in its year (期号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The issue's number since the gazette began (总期号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_number: Option<u32>,
    /// The publication date (出版日期).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The line the values were read from, as printed (empty when the
    /// issue prints only a table of contents).
    #[serde(default)]
    pub evidence: String,
    /// That line's number in the issue text (1-based; 0 with no evidence).
    #[serde(default)]
    pub line: usize,
    /// The entries of a printed table of contents (目录), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<PrintedContentsEntry>,
}

/// One entry of a printed table of contents: a title and the page the
/// issue says it begins on (“青岛市人民政府关于…的实施意见……（3）”).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedContentsEntry {
    /// The title as printed, without the leader and the page; a 发文字号
    /// printed after it in brackets stays.
    pub title: String,
    /// The page printed after it.
    pub page: u32,
    /// The entry's line in the issue text (1-based).
    pub line: usize,
}

/// Where a value of an [`IssuePublication`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    /// The issue's text prints it.
    #[default]
    Printed,
    /// The uploader gave it (`--issue`, the upload's fields).
    Given,
}

/// A value the issue prints that differs from the one the uploader gave.
/// The given value is the one recorded; this keeps the printed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationConflict {
    /// The field: `gazette`, `year`, `number`, `total_number`, `published`.
    pub field: String,
    /// The value as printed.
    pub printed: String,
    /// The value as given.
    pub given: String,
}

/// An issue as published, as the archive records it: the gazette and the
/// issue's place in it. Values the uploader gave win over printed ones;
/// each disagreement is kept in `conflicts`, and `sources` says where each
/// recorded value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuePublication {
    /// The gazette (or the publisher's collection) the issue belongs to.
    pub gazette: Gazette,
    /// The year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The number in the year (期号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The number since the gazette began (总期号), where printed or given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_number: Option<u32>,
    /// The publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Where each value came from, by field name (`gazette`, `year`,
    /// `number`, `total_number`, `published`), for the fields that have one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, ValueSource>,
    /// The printed values that the given ones replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<PublicationConflict>,
    /// The issue's printed table of contents (目录), when it prints one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contents: Vec<PrintedContentsEntry>,
}

impl IssuePublication {
    /// Where `field`'s value came from, when it has one.
    pub fn source_of(&self, field: &str) -> Option<ValueSource> {
        self.sources.get(field).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gazette_is_named_and_slugged_as_printed() {
        let gazette = Gazette::named(" 青岛市人民政府公报 ");
        assert_eq!(gazette.name, "青岛市人民政府公报");
        assert_eq!(gazette.slug, "青岛市人民政府公报");
        assert_eq!(gazette.publisher.as_deref(), Some("青岛市人民政府"));
        assert_eq!(gazette_slug("a/b?c#d%e f"), "abcdef");
    }

    #[test]
    fn frequencies_read_both_words_and_count_issues() {
        assert_eq!(Frequency::parse("月刊"), Some(Frequency::Monthly));
        assert_eq!(
            Frequency::parse("semimonthly"),
            Some(Frequency::Semimonthly)
        );
        assert_eq!(Frequency::parse("yearly"), None);
        assert_eq!(Frequency::Monthly.issues_per_year(), Some(12));
        assert_eq!(Frequency::Irregular.issues_per_year(), None);
    }
}
