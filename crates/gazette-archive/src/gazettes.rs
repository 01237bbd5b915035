//! Gazettes and their issues as published: what the uploader gives
//! ([`GivenIssue`]: `--gazette 青岛市人民政府公报 --issue 2019-7 --published
//! 2019-07-20`, the same fields of an upload) merged with what the issue
//! prints ([`gazette_model::PrintedIssue`]) into the
//! [`IssuePublication`] stored with the issue; and the reads of the
//! gazette pages: every gazette with its years ([`GazetteSummary`]), one
//! year with its issues and the 期号 missing from the archive
//! ([`GazetteYear`]), one issue with its table of contents
//! ([`GazetteIssue`]).
//!
//! The rule of the merge: a value the uploader gives is recorded (an OCR
//! misread masthead is corrected by giving the right number), a printed
//! value fills what was not given, and where both exist and differ the
//! printed one is kept in `conflicts` and shown, never dropped. An issue
//! that names no gazette and came from a web page belongs to its
//! publisher's collection (the publisher from the page's metadata, else the
//! first document's issuer).
//!
//! Not for: reading the masthead (the parser's `masthead`), storing (the
//! store keeps the publication as given), HTTP or terminals.

use std::collections::{BTreeMap, BTreeSet};

use gazette_model::{
    Frequency, Gazette, Issue, IssuePublication, NaiveDate, PageRange, PrintedContentsEntry,
    PrintedIssue, PublicationConflict, TextForm, ValueSource,
};
use serde::Serialize;

use crate::{ArchiveReader, InvalidInput, IssueRecord, Result};

/// What the uploader says of an issue; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GivenIssue {
    /// The gazette's name (刊名).
    pub gazette: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The 期号.
    pub number: Option<u32>,
    /// The 总期号.
    pub total_number: Option<u32>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// How often the gazette appears.
    pub frequency: Option<Frequency>,
}

impl GivenIssue {
    /// Whether nothing was given.
    pub fn is_empty(&self) -> bool {
        *self == GivenIssue::default()
    }

    /// Whether anything that belongs to one issue only (year, 期号, 总期号,
    /// date) was given: such values cannot go to several files at once.
    pub fn names_one_issue(&self) -> bool {
        self.year.is_some()
            || self.number.is_some()
            || self.total_number.is_some()
            || self.published.is_some()
    }

    /// Sets year and 期号 from `2019-7` (also `2019/7`, `2019年第7期`).
    pub fn set_issue(&mut self, text: &str) -> Result<(), InvalidInput> {
        let (year, number) = parse_issue(text)?;
        self.year = Some(year);
        self.number = Some(number);
        Ok(())
    }

    /// Sets the date from `2019-07-20` (also `2019年7月20日`).
    pub fn set_published(&mut self, text: &str) -> Result<(), InvalidInput> {
        let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .or_else(|| gazette_model::parse_date(text))
            .ok_or_else(|| {
                InvalidInput::Value(format!(
                    "published: “{text}” is not a date (write it 2019-07-20)"
                ))
            })?;
        self.published = Some(date);
        Ok(())
    }

    /// Sets the frequency from `monthly`, 月刊 ….
    pub fn set_frequency(&mut self, text: &str) -> Result<(), InvalidInput> {
        let frequency = Frequency::parse(text).ok_or_else(|| {
            InvalidInput::Value(format!(
                "frequency: “{text}” is none of weekly, ten_daily, semimonthly, monthly, bimonthly, quarterly, irregular (周刊 旬刊 半月刊 月刊 双月刊 季刊 不定期)"
            ))
        })?;
        self.frequency = Some(frequency);
        Ok(())
    }

    /// Sets the gazette's name (blank is none).
    pub fn set_gazette(&mut self, text: &str) -> Result<(), InvalidInput> {
        let name: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if name.chars().count() > 60 {
            return Err(InvalidInput::Value(
                "gazette: a gazette's name has at most 60 characters".to_owned(),
            ));
        }
        self.gazette = (!name.is_empty()).then_some(name);
        Ok(())
    }
}

/// Reads `2019-7`, `2019/7` or `2019年第7期` as (year, 期号).
pub fn parse_issue(text: &str) -> Result<(i32, u32), InvalidInput> {
    let bad = || {
        InvalidInput::Value(format!(
            "issue: “{text}” is not a year and an issue number (write it 2019-7)"
        ))
    };
    let trimmed = text.trim();
    let (year, number) = match trimmed.split_once(['-', '/']) {
        Some(parts) => parts,
        None => {
            let (year, rest) = trimmed.split_once("年第").ok_or_else(bad)?;
            (year, rest.strip_suffix('期').ok_or_else(bad)?)
        }
    };
    let year: i32 = year.trim().parse().map_err(|_| bad())?;
    let number: u32 = number.trim().parse().map_err(|_| bad())?;
    if !(1949..=2100).contains(&year) || number == 0 || number > 400 {
        return Err(bad());
    }
    Ok((year, number))
}

/// The issue as published: `given` over what `issue` prints, the
/// disagreements kept; `None` when neither names a gazette and the issue
/// is not a web page with a publisher.
pub fn publication_of(issue: &Issue, given: &GivenIssue) -> Option<IssuePublication> {
    let mut printed = issue.printed.clone().unwrap_or_default();
    let mut merge = Merge::default();
    let name = merge.field("gazette", given.gazette.clone(), printed.gazette.clone());
    let gazette = match name {
        Some(name) => Gazette::named(&name),
        None => {
            // A web page: its 发布日期 is the date it was published.
            printed.published = printed.published.or_else(|| web_published(issue));
            Gazette::collection_of(&web_publisher(issue)?)
        }
    };
    let gazette = Gazette {
        frequency: given.frequency,
        ..gazette
    };
    let mut year = merge.field("year", given.year, printed.year);
    let number = merge.field("number", given.number, printed.number);
    let total_number = merge.field("total_number", given.total_number, printed.total_number);
    let published = merge.field("published", given.published, printed.published);
    if year.is_none() && (number.is_some() || gazette.collection) {
        year = published.map(|d| chrono::Datelike::year(&d));
    }
    Some(IssuePublication {
        gazette,
        year,
        number,
        total_number,
        published,
        sources: merge.sources,
        conflicts: merge.conflicts,
        contents: printed.contents,
    })
}

/// The 发布日期 of an issue read from a web page, from its metadata.
fn web_published(issue: &Issue) -> Option<NaiveDate> {
    if !matches!(issue.form, TextForm::WebText | TextForm::Html) {
        return None;
    }
    issue.documents.first()?.published_meta.as_ref()?.published
}

/// What the uploader gave of a recorded publication: its values whose
/// source is `given`, and the gazette's frequency.
pub fn given_of(recorded: &IssuePublication) -> GivenIssue {
    let given = |field: &str| recorded.source_of(field) == Some(ValueSource::Given);
    GivenIssue {
        gazette: given("gazette").then(|| recorded.gazette.name.clone()),
        year: recorded.year.filter(|_| given("year")),
        number: recorded.number.filter(|_| given("number")),
        total_number: recorded.total_number.filter(|_| given("total_number")),
        published: recorded.published.filter(|_| given("published")),
        frequency: recorded.gazette.frequency,
    }
}

/// `newer` over `older`, field by field.
pub fn given_over(newer: &GivenIssue, older: GivenIssue) -> GivenIssue {
    GivenIssue {
        gazette: newer.gazette.clone().or(older.gazette),
        year: newer.year.or(older.year),
        number: newer.number.or(older.number),
        total_number: newer.total_number.or(older.total_number),
        published: newer.published.or(older.published),
        frequency: newer.frequency.or(older.frequency),
    }
}

/// The publication of an issue parsed anew (`gazette reindex`): the values
/// the uploader gave kept, the printed ones read again.
pub fn reparsed(recorded: Option<&IssuePublication>, issue: &Issue) -> Option<IssuePublication> {
    let given = recorded.map(given_of).unwrap_or_default();
    publication_of(issue, &given)
}

/// The publisher of an issue read from a web page: the page's metadata,
/// else the first document's issuer.
fn web_publisher(issue: &Issue) -> Option<String> {
    if !matches!(issue.form, TextForm::WebText | TextForm::Html) {
        return None;
    }
    let first = issue.documents.first()?;
    first
        .published_meta
        .as_ref()
        .and_then(|meta| meta.issuer.clone())
        .or_else(|| first.issuer_canonical.first().map(|name| name.name.clone()))
        .or_else(|| first.issuer.first().cloned())
        .filter(|name| !name.trim().is_empty())
}

/// The sources and conflicts of a merge, field by field.
#[derive(Default)]
struct Merge {
    sources: BTreeMap<String, ValueSource>,
    conflicts: Vec<PublicationConflict>,
}

impl Merge {
    fn field<T: PartialEq + ToString>(
        &mut self,
        name: &str,
        given: Option<T>,
        printed: Option<T>,
    ) -> Option<T> {
        match (given, printed) {
            (Some(given), printed) => {
                if let Some(printed) = printed.filter(|p| *p != given) {
                    self.conflicts.push(PublicationConflict {
                        field: name.to_owned(),
                        printed: printed.to_string(),
                        given: given.to_string(),
                    });
                }
                self.sources.insert(name.to_owned(), ValueSource::Given);
                Some(given)
            }
            (None, Some(printed)) => {
                self.sources.insert(name.to_owned(), ValueSource::Printed);
                Some(printed)
            }
            (None, None) => None,
        }
    }
}

/// A gazette with the years the archive holds of it.
#[derive(Debug, Clone, Serialize)]
pub struct GazetteSummary {
    /// The gazette.
    pub gazette: Gazette,
    /// Its years, latest first.
    pub years: Vec<YearSummary>,
    /// Issues held, all years.
    pub issues: usize,
}

/// One year of a gazette, in a list.
#[derive(Debug, Clone, Serialize)]
pub struct YearSummary {
    /// The year; `None` for issues whose year is not known.
    pub year: Option<i32>,
    /// Issues held.
    pub issues: usize,
    /// 期号 that should exist and are not in the archive.
    pub missing: Vec<u32>,
}

/// One issue of a gazette, in a list.
#[derive(Debug, Clone, Serialize)]
pub struct IssueEntry {
    /// The issue's id in the archive.
    pub issue_id: i64,
    /// The 期号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The 总期号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_number: Option<u32>,
    /// The publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Its documents.
    pub documents: usize,
}

/// One year of a gazette: its issues in order and the 期号 missing.
#[derive(Debug, Clone, Serialize)]
pub struct GazetteYear {
    /// The gazette.
    pub gazette: Gazette,
    /// The year.
    pub year: i32,
    /// The issues held, by 期号 (issues without one last, by id).
    pub issues: Vec<IssueEntry>,
    /// 期号 that should exist and are not in the archive: from 1 to the
    /// year's last (the frequency's count for a past year when it is
    /// known, else the highest number held).
    pub missing: Vec<u32>,
}

/// One entry of an issue's table of contents (目录).
#[derive(Debug, Clone, Serialize)]
pub struct ContentsEntry {
    /// The document's id.
    pub id: String,
    /// The document's slug.
    pub slug: String,
    /// Its title as printed.
    pub title: String,
    /// Its 发文字号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// The pages it is printed on, for an issue read from pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<PageRange>,
    /// The page the issue's printed 目录 gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

/// One issue of a gazette with its table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct GazetteIssue {
    /// The issue's id in the archive.
    pub issue_id: i64,
    /// The issue as published.
    pub publication: IssuePublication,
    /// The documents in issue order (目录).
    pub contents: Vec<ContentsEntry>,
    /// Entries of the printed 目录 that no document of the text matches
    /// (a document the file lacks, or one the parser did not find).
    pub printed_only: Vec<PrintedContentsEntry>,
}

impl ArchiveReader {
    /// Every gazette and collection the archive holds issues of, by name.
    pub fn gazettes(&self) -> Result<Vec<GazetteSummary>> {
        let mut by_slug: BTreeMap<String, (Gazette, Vec<IssueRecord>)> = BTreeMap::new();
        for record in self.issues()? {
            let Some(publication) = &record.publication else {
                continue;
            };
            let entry = by_slug
                .entry(publication.gazette.slug.clone())
                .or_insert_with(|| (publication.gazette.clone(), Vec::new()));
            // The latest issue says the gazette's frequency and publisher.
            if publication.gazette.frequency.is_some() {
                entry.0.frequency = publication.gazette.frequency;
            }
            entry.1.push(record);
        }
        let today = gazette_model::china_today();
        Ok(by_slug
            .into_values()
            .map(|(gazette, records)| {
                let mut years: BTreeMap<Option<i32>, Vec<&IssuePublication>> = BTreeMap::new();
                for record in &records {
                    if let Some(p) = &record.publication {
                        years.entry(p.year).or_default().push(p);
                    }
                }
                let years = years
                    .into_iter()
                    .rev()
                    .map(|(year, issues)| YearSummary {
                        year,
                        issues: issues.len(),
                        missing: year.map_or_else(Vec::new, |year| {
                            let held = issues.iter().filter_map(|p| p.number);
                            missing_numbers(&gazette, year, held, today)
                        }),
                    })
                    .collect();
                GazetteSummary {
                    issues: records.len(),
                    gazette,
                    years,
                }
            })
            .collect())
    }

    /// One year of the gazette with this slug; `None` when the archive
    /// holds no issue of it that year.
    pub fn gazette_year(&self, slug: &str, year: i32) -> Result<Option<GazetteYear>> {
        let Some(summary) = self
            .gazettes()?
            .into_iter()
            .find(|g| g.gazette.slug == slug)
        else {
            return Ok(None);
        };
        let mut issues: Vec<IssueEntry> = self
            .issues()?
            .into_iter()
            .filter_map(|record| {
                let p = record.publication.filter(|p| p.gazette.slug == slug)?;
                (p.year == Some(year)).then_some(IssueEntry {
                    issue_id: record.id,
                    number: p.number,
                    total_number: p.total_number,
                    published: p.published,
                    documents: record.documents,
                })
            })
            .collect();
        if issues.is_empty() {
            return Ok(None);
        }
        issues.sort_by_key(|i| (i.number.is_none(), i.number, i.issue_id));
        let held = issues.iter().filter_map(|i| i.number);
        let missing = missing_numbers(&summary.gazette, year, held, gazette_model::china_today());
        Ok(Some(GazetteYear {
            gazette: summary.gazette,
            year,
            issues,
            missing,
        }))
    }

    /// The issue of the gazette with this slug, year and 期号, with its
    /// table of contents; `None` when the archive does not hold it (the
    /// first ingested when two claim the same number).
    pub fn gazette_issue(
        &self,
        slug: &str,
        year: i32,
        number: u32,
    ) -> Result<Option<GazetteIssue>> {
        let found = self.issues()?.into_iter().find_map(|record| {
            let p = record.publication?;
            (p.gazette.slug == slug && p.year == Some(year) && p.number == Some(number))
                .then_some((record.id, p))
        });
        let Some((issue_id, publication)) = found else {
            return Ok(None);
        };
        let mut printed: Vec<Option<&PrintedContentsEntry>> =
            publication.contents.iter().map(Some).collect();
        let contents = self
            .issue_documents(issue_id)?
            .into_iter()
            .map(|record| {
                let entry = take_entry(&mut printed, &record.document);
                ContentsEntry {
                    id: record.id,
                    slug: record.slug,
                    title: record.document.title,
                    doc_number: record.document.doc_number,
                    pages: record.document.pages,
                    page: entry.map(|e| e.page),
                }
            })
            .collect();
        let printed_only = printed.into_iter().flatten().cloned().collect();
        Ok(Some(GazetteIssue {
            issue_id,
            publication,
            contents,
            printed_only,
        }))
    }
}

/// The first printed 目录 entry not yet taken that names `document`: by its
/// 发文字号, else by its title (spaces aside); taken out of `printed`.
fn take_entry<'a>(
    printed: &mut [Option<&'a PrintedContentsEntry>],
    document: &gazette_model::Document,
) -> Option<&'a PrintedContentsEntry> {
    let title: String = document
        .title
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let names =
        |entry: &PrintedContentsEntry| match (&document.doc_number, printed_number(&entry.title)) {
            (Some(number), Some(printed)) => *number == printed,
            _ => !title.is_empty() && entry.title.starts_with(&title),
        };
    let slot = printed.iter_mut().find(|slot| slot.is_some_and(&names))?;
    slot.take()
}

/// The 发文字号 a 目录 entry prints in brackets after its title, in normal
/// form.
fn printed_number(title: &str) -> Option<String> {
    let inner = title.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let open_len = inner[open..].chars().next()?.len_utf8();
    gazette_model::DocNumber::normalise(&inner[open + open_len..])
}

/// The 期号 of `year` that should exist and are not among `held`: from 1
/// to the frequency's count for a year that is over (when the frequency is
/// known), else to the highest number held.
fn missing_numbers(
    gazette: &Gazette,
    year: i32,
    held: impl Iterator<Item = u32>,
    today: NaiveDate,
) -> Vec<u32> {
    if gazette.collection {
        return Vec::new();
    }
    let held: BTreeSet<u32> = held.collect();
    let highest = held.last().copied().unwrap_or(0);
    let year_over = year < chrono::Datelike::year(&today);
    let last = match gazette.frequency.and_then(Frequency::issues_per_year) {
        Some(per_year) if year_over => per_year.max(highest),
        _ => highest,
    };
    (1..=last).filter(|n| !held.contains(n)).collect()
}

/// What the issue prints, for a report line: `2019年第7期` ….
pub fn printed_label(printed: &PrintedIssue) -> String {
    let mut label = printed.gazette.clone().unwrap_or_default();
    if let (Some(year), Some(number)) = (printed.year, printed.number) {
        label.push_str(&format!("{year}年第{number}期"));
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue_printing(printed: Option<PrintedIssue>) -> Issue {
        let mut issue =
            gazette_parse::parse_text("关于某事的通知\n\n青政字〔2019〕1号\n\n正文。\n");
        issue.printed = printed;
        issue
    }

    #[test]
    fn dates_are_given_in_iso_or_chinese_form() {
        let mut given = GivenIssue::default();
        given.set_published("2019-07-20").expect("ISO date");
        assert_eq!(given.published, NaiveDate::from_ymd_opt(2019, 7, 20));
        given.set_published("2019年7月25日").expect("Chinese date");
        assert_eq!(given.published, NaiveDate::from_ymd_opt(2019, 7, 25));
        assert!(given.set_published("July").is_err());
    }

    #[test]
    fn issues_are_given_as_year_and_number() {
        assert_eq!(parse_issue("2019-7").ok(), Some((2019, 7)));
        assert_eq!(parse_issue("2019/12").ok(), Some((2019, 12)));
        assert_eq!(parse_issue("2019年第7期").ok(), Some((2019, 7)));
        assert!(parse_issue("7").is_err());
        assert!(parse_issue("2019-0").is_err());
        assert!(parse_issue("19-7").is_err());
    }

    #[test]
    fn given_values_win_and_disagreements_are_kept() {
        let printed = PrintedIssue {
            gazette: Some("青岛市人民政府公报".to_owned()),
            year: Some(2019),
            number: Some(8),
            total_number: Some(305),
            ..PrintedIssue::default()
        };
        let given = GivenIssue {
            year: Some(2019),
            number: Some(7),
            published: NaiveDate::from_ymd_opt(2019, 7, 20),
            ..GivenIssue::default()
        };
        let p = publication_of(&issue_printing(Some(printed)), &given).expect("a gazette");
        assert_eq!(p.gazette.slug, "青岛市人民政府公报");
        assert_eq!(
            (p.year, p.number, p.total_number),
            (Some(2019), Some(7), Some(305))
        );
        assert_eq!(p.source_of("number"), Some(ValueSource::Given));
        assert_eq!(p.source_of("total_number"), Some(ValueSource::Printed));
        assert_eq!(p.source_of("gazette"), Some(ValueSource::Printed));
        assert_eq!(
            p.conflicts,
            [PublicationConflict {
                field: "number".to_owned(),
                printed: "8".to_owned(),
                given: "7".to_owned(),
            }]
        );
    }

    #[test]
    fn a_reparse_keeps_the_given_values_and_reads_the_printed_ones_again() {
        let printed = PrintedIssue {
            gazette: Some("青岛市人民政府公报".to_owned()),
            number: Some(8),
            ..PrintedIssue::default()
        };
        let given = GivenIssue {
            year: Some(2019),
            number: Some(7),
            frequency: Some(Frequency::Monthly),
            ..GivenIssue::default()
        };
        let issue = issue_printing(Some(printed));
        let recorded = publication_of(&issue, &given).expect("a gazette");
        assert_eq!(given_of(&recorded), given);
        assert_eq!(reparsed(Some(&recorded), &issue), Some(recorded.clone()));
        // The parser now reads a total number too: it is added.
        let mut better = issue.clone();
        if let Some(p) = better.printed.as_mut() {
            p.total_number = Some(305);
        }
        let again = reparsed(Some(&recorded), &better).expect("a gazette");
        assert_eq!((again.number, again.total_number), (Some(7), Some(305)));
    }

    #[test]
    fn plain_text_without_a_gazette_has_no_publication() {
        assert_eq!(
            publication_of(&issue_printing(None), &GivenIssue::default()),
            None
        );
    }

    #[test]
    fn missing_numbers_run_from_one_to_the_last_that_should_exist() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let mut gazette = Gazette::named("青岛市人民政府公报");
        let held = [7, 9];
        let missing = missing_numbers(&gazette, 2019, held.into_iter(), today);
        assert_eq!(missing, [1, 2, 3, 4, 5, 6, 8]);
        gazette.frequency = Some(Frequency::Monthly);
        let missing = missing_numbers(&gazette, 2019, held.into_iter(), today);
        assert_eq!(missing, [1, 2, 3, 4, 5, 6, 8, 10, 11, 12]);
        // The current year is not over: only the numbers before the last held.
        let missing = missing_numbers(&gazette, 2026, held.into_iter(), today);
        assert_eq!(missing, [1, 2, 3, 4, 5, 6, 8]);
    }
}
