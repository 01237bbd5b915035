//! The gazettes as both faces show them: 刊 → 年 → 期 → 目录. The reads
//! shared by `api::gazettes` and `pages::gazettes` (a gazette's years and
//! missing 期号, a year's issues, an issue's table of contents), the views
//! they answer with (each entry with its page and API addresses), and the
//! one label an issue is shown with everywhere ([`issue_label`]): its
//! gazette and 期号, never the path of the file it came from.
//!
//! Not for: merging printed and given values (the archive's `gazettes`),
//! rendering (the page module), routing.

use gazette_archive::types::IssueRecord;
use gazette_archive::{ArchiveReader, ContentsEntry, GazetteSummary, GazetteYear};
use gazette_model::{Gazette, IssuePublication, PrintedContentsEntry};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::urls;

/// Every gazette the archive holds issues of.
#[derive(Debug, Serialize)]
pub struct GazetteList {
    /// The gazettes and collections, by name.
    pub items: Vec<GazetteView>,
}

/// A gazette with its years.
#[derive(Debug, Serialize)]
pub struct GazetteView {
    /// The gazette.
    #[serde(flatten)]
    pub gazette: Gazette,
    /// Issues held, all years.
    pub issues: usize,
    /// Its years, latest first.
    pub years: Vec<YearView>,
}

/// One year of a gazette in its list.
#[derive(Debug, Serialize)]
pub struct YearView {
    /// The year; null for issues whose year is not known.
    pub year: Option<i32>,
    /// Issues held.
    pub issues: usize,
    /// 期号 that should exist and are not in the archive.
    pub missing: Vec<u32>,
    /// The year's page (null without a year).
    pub url: Option<String>,
    /// The year's API resource (null without a year).
    pub api_url: Option<String>,
}

/// One year of a gazette: its issues and the 期号 missing.
#[derive(Debug, Serialize)]
pub struct YearDetail {
    /// The gazette.
    pub gazette: Gazette,
    /// The year.
    pub year: i32,
    /// The issues held, by 期号.
    pub issues: Vec<IssueEntryView>,
    /// 期号 that should exist and are not in the archive.
    pub missing: Vec<u32>,
}

/// One issue of a gazette's year.
#[derive(Debug, Serialize)]
pub struct IssueEntryView {
    /// The issue's id.
    pub issue_id: i64,
    /// How the issue is shown (青岛市人民政府公报 2019年第7期).
    pub label: String,
    /// The 期号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The 总期号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_number: Option<u32>,
    /// The publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<chrono::NaiveDate>,
    /// Its documents.
    pub documents: usize,
    /// Its page: under the gazette when it has a 期号, else the issue page.
    pub url: String,
    /// Its API resource, likewise.
    pub api_url: String,
}

/// An issue of a gazette with its table of contents.
#[derive(Debug, Serialize)]
pub struct IssueContents {
    /// The issue's id.
    pub issue_id: i64,
    /// How the issue is shown.
    pub label: String,
    /// The issue as published.
    pub publication: IssuePublication,
    /// The documents in issue order (目录).
    pub contents: Vec<ContentsView>,
    /// Entries of the printed 目录 that no document of the text matches.
    pub printed_only: Vec<PrintedContentsEntry>,
    /// The year's page.
    pub year_url: String,
    /// The issue's file as published.
    pub original_url: String,
}

/// One entry of a table of contents.
#[derive(Debug, Serialize)]
pub struct ContentsView {
    /// The entry.
    #[serde(flatten)]
    pub entry: ContentsEntry,
    /// The document's page.
    pub url: String,
    /// The document's API resource.
    pub api_url: String,
}

/// How an issue is shown to people: its gazette and 期号 when known
/// (青岛市人民政府公报 2019年第7期), a publisher's web collection, else
/// its number in the archive and the file's own name (never a directory).
pub fn issue_label(record: &IssueRecord) -> String {
    match &record.publication {
        Some(p) => publication_label(p, record.id),
        None => format!("收录第 {} 号：{}", record.id, base_name(&record.file_name)),
    }
}

/// How an issue with this publication is shown.
pub fn publication_label(p: &IssuePublication, issue_id: i64) -> String {
    if p.gazette.collection {
        return format!("{}网站发布（收录第 {issue_id} 号）", p.gazette.name);
    }
    match (p.year, p.number) {
        (Some(year), Some(number)) => format!("{} {year}年第{number}期", p.gazette.name),
        (Some(year), None) => format!(
            "{} {year}年（期号不详，收录第 {issue_id} 号）",
            p.gazette.name
        ),
        _ => format!("{}（期号不详，收录第 {issue_id} 号）", p.gazette.name),
    }
}

/// The last part of a file name as given, whatever the separator.
pub fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Every gazette.
pub fn gazette_list(reader: &ArchiveReader) -> ApiResult<GazetteList> {
    let items = reader
        .gazettes()?
        .into_iter()
        .map(|summary: GazetteSummary| GazetteView {
            years: summary
                .years
                .into_iter()
                .map(|y| YearView {
                    url: y
                        .year
                        .map(|year| urls::gazette_year_page(&summary.gazette.slug, year)),
                    api_url: y
                        .year
                        .map(|year| urls::gazette_year_api(&summary.gazette.slug, year)),
                    year: y.year,
                    issues: y.issues,
                    missing: y.missing,
                })
                .collect(),
            issues: summary.issues,
            gazette: summary.gazette,
        })
        .collect();
    Ok(GazetteList { items })
}

/// One year of a gazette; 404 when the archive holds no issue of it.
pub fn gazette_year(reader: &ArchiveReader, slug: &str, year: &str) -> ApiResult<YearDetail> {
    let missing =
        || ApiError::not_found(format!("no issue of “{slug}” in “{year}” in the archive"));
    let year: i32 = year.trim().parse().map_err(|_| missing())?;
    let GazetteYear {
        gazette,
        year,
        issues,
        missing: absent,
    } = reader.gazette_year(slug, year)?.ok_or_else(missing)?;
    let issues = issues
        .into_iter()
        .map(|entry| {
            let (url, api_url) = match entry.number {
                Some(number) => (
                    urls::gazette_issue_page(&gazette.slug, year, number),
                    urls::gazette_issue_api(&gazette.slug, year, number),
                ),
                None => (
                    urls::issue_page(entry.issue_id),
                    urls::issue_api(entry.issue_id),
                ),
            };
            let label = match entry.number {
                Some(number) => format!("{} {year}年第{number}期", gazette.name),
                None => format!(
                    "{} {year}年（期号不详，收录第 {} 号）",
                    gazette.name, entry.issue_id
                ),
            };
            IssueEntryView {
                issue_id: entry.issue_id,
                label,
                number: entry.number,
                total_number: entry.total_number,
                published: entry.published,
                documents: entry.documents,
                url,
                api_url,
            }
        })
        .collect();
    Ok(YearDetail {
        gazette,
        year,
        issues,
        missing: absent,
    })
}

/// One issue of a gazette with its 目录; 404 when the archive does not
/// hold it.
pub fn gazette_issue(
    reader: &ArchiveReader,
    slug: &str,
    year: &str,
    number: &str,
) -> ApiResult<IssueContents> {
    let missing = || {
        ApiError::not_found(format!(
            "no issue {year}-{number} of “{slug}” in the archive"
        ))
    };
    let year: i32 = year.trim().parse().map_err(|_| missing())?;
    let number: u32 = number.trim().parse().map_err(|_| missing())?;
    let issue = reader
        .gazette_issue(slug, year, number)?
        .ok_or_else(missing)?;
    Ok(IssueContents {
        label: publication_label(&issue.publication, issue.issue_id),
        year_url: urls::gazette_year_page(&issue.publication.gazette.slug, year),
        original_url: urls::issue_original(issue.issue_id),
        issue_id: issue.issue_id,
        printed_only: issue.printed_only,
        publication: issue.publication,
        contents: issue
            .contents
            .into_iter()
            .map(|entry| ContentsView {
                url: urls::document_page(&entry.slug),
                api_url: urls::document_api(&entry.id),
                entry,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_shown_without_its_directories() {
        assert_eq!(base_name("/srv/data/govcn-row60.txt"), "govcn-row60.txt");
        assert_eq!(base_name("C:\\up\\a.pdf"), "a.pdf");
        assert_eq!(base_name("a.txt"), "a.txt");
    }
}
