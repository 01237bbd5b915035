//! What the JSON API sends: documents, summaries, search results, issues,
//! and the lists and reports of the linked archive (units, people,
//! calendars).
//!
//! These are views over the archive's records, shaped for clients (links
//! included, facets as objects); the archive's own types stay as they are.
//! Building them reads nothing: handlers fetch, views shape.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use gazette_archive::types::{
    Correction, DocumentRecord, Facets, Hit, IssueRecord, PersonHistory, Snippet,
};
use gazette_archive::{CalendarEntry, Dates, DocumentView, Interpretations, KeyCount, Validity};
use gazette_model::{Document, Status, StatusChange};
use serde::Serialize;

use crate::{snippet, urls};

/// A document in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    /// The archive's id.
    pub id: String,
    /// The readable name used in page URLs.
    pub slug: String,
    /// The title as parsed.
    pub title: String,
    /// The 发文字号, normalised.
    pub doc_number: Option<String>,
    /// The date.
    pub date: Option<NaiveDate>,
    /// The issuers.
    pub issuer: Vec<String>,
    /// The kind of document.
    pub doc_type: Option<String>,
    /// The validity status today.
    pub status: Status,
    /// The status in Chinese.
    pub status_label: &'static str,
    /// The document's page.
    pub url: String,
    /// The document's API resource.
    pub api_url: String,
}

impl DocumentSummary {
    /// The summary of a search hit.
    pub fn of_hit(hit: &Hit) -> DocumentSummary {
        DocumentSummary {
            id: hit.id.clone(),
            slug: hit.slug.clone(),
            title: hit.title.clone(),
            doc_number: hit.doc_number.clone(),
            date: hit.date,
            issuer: hit.issuer.clone(),
            doc_type: hit.doc_type.clone(),
            status: hit.status,
            status_label: hit.status.label(),
            url: urls::document_page(&hit.slug),
            api_url: urls::document_api(&hit.id),
        }
    }

    /// The summary of a stored document.
    pub fn of_record(record: &DocumentRecord) -> DocumentSummary {
        let doc = &record.document;
        DocumentSummary {
            id: record.id.clone(),
            slug: record.slug.clone(),
            title: doc.title.clone(),
            doc_number: doc.doc_number.clone(),
            date: doc.date,
            issuer: doc.issuer.clone(),
            doc_type: doc.doc_type.clone(),
            status: record.status,
            status_label: record.status.label(),
            url: urls::document_page(&record.slug),
            api_url: urls::document_api(&record.id),
        }
    }
}

/// A page of a list of documents.
#[derive(Debug, Serialize)]
pub struct DocumentList {
    /// Matching documents, exactly.
    pub total: usize,
    /// This page.
    pub items: Vec<DocumentSummary>,
    /// The `cursor` of the next page, `null` on the last.
    pub next_cursor: Option<String>,
}

/// One search result.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    /// The document.
    #[serde(flatten)]
    pub document: DocumentSummary,
    /// The relevance score.
    pub score: f32,
    /// HTML excerpt: matches in `<mark>`, the rest escaped (`snippet_runs`
    /// rendered by the `snippet` module, as the search page renders them).
    pub snippet: Option<String>,
    /// The same excerpt as runs of plain text, matches marked.
    pub snippet_runs: Option<Snippet>,
    /// The section of the snippet (a URL fragment of the document page).
    pub section_id: Option<String>,
    /// The headings above the snippet.
    pub heading_path: Vec<String>,
    /// Whether a term of the query is in the title.
    pub title_match: bool,
}

impl SearchHit {
    /// The result of a hit.
    pub fn of(hit: &Hit) -> SearchHit {
        SearchHit {
            document: DocumentSummary::of_hit(hit),
            score: hit.score,
            snippet: hit.snippet.as_ref().map(snippet::html),
            snippet_runs: hit.snippet.clone(),
            section_id: hit.section_id.clone(),
            heading_path: hit.heading_path.clone(),
            title_match: hit.title_match,
        }
    }
}

/// A value of a facet with its count.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Matching documents with it.
    pub count: u64,
}

/// Counts over all matching documents.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// By year.
    pub year: Vec<FacetCount>,
    /// By issuer.
    pub issuer: Vec<FacetCount>,
    /// By kind of document.
    pub doc_type: Vec<FacetCount>,
    /// By status code.
    pub status: Vec<FacetCount>,
}

impl FacetCounts {
    /// The facets of a search.
    pub fn of(facets: &Facets) -> FacetCounts {
        let list = |counts: &[(String, u64)]| {
            counts
                .iter()
                .map(|(value, count)| FacetCount {
                    value: value.clone(),
                    count: *count,
                })
                .collect()
        };
        FacetCounts {
            year: list(&facets.year),
            issuer: list(&facets.issuer),
            doc_type: list(&facets.doc_type),
            status: list(&facets.status),
        }
    }
}

/// A page of search results.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    /// The query as given.
    pub query: String,
    /// Matching documents, exactly.
    pub total: usize,
    /// This page, best first.
    pub hits: Vec<SearchHit>,
    /// Counts over all matching documents.
    pub facets: FacetCounts,
    /// The `cursor` of the next page, `null` on the last.
    pub next_cursor: Option<String>,
}

/// Links of a document.
#[derive(Debug, Serialize)]
pub struct DocumentLinks {
    /// Its page.
    pub html: String,
    /// Its original text.
    pub text: String,
    /// The issue that printed this version.
    pub issue: String,
    /// Its linked data: references, cited by, units, deadlines, provisions.
    pub linked: String,
}

/// A document in full.
#[derive(Debug, Serialize)]
pub struct DocumentFull<'a> {
    /// The archive's id.
    pub id: &'a str,
    /// The readable name.
    pub slug: &'a str,
    /// The issue that printed this version.
    pub issue_id: i64,
    /// Its place in that issue, from 1.
    pub ordinal: usize,
    /// This version, from 1.
    pub version: u32,
    /// How many versions the archive holds.
    pub versions: usize,
    /// The validity status today.
    pub status: Status,
    /// The status in Chinese.
    pub status_label: &'static str,
    /// Every recorded status change.
    pub status_history: &'a [StatusChange],
    /// The status with where it comes from (`recorded`, `derived`, `none`)
    /// and why: every finding of the archive's texts with its document and
    /// span.
    pub validity: &'a Validity,
    /// The document's dates, each labelled: 成文日期, 发布日期, 施行日期,
    /// 有效期.
    pub dates: Dates,
    /// Its 解读 links: the document it explains when it is a 解读, the 解读
    /// of it in the archive.
    pub interpretations: &'a Interpretations,
    /// The document as parsed from the published text: metadata,
    /// sections, tables, attachments, references (`cited`),
    /// appointments, warnings, repairs, blocks.
    pub document: &'a Document,
    /// Corrections of parsed fields, in recording order.
    pub corrections: &'a [Correction],
    /// The value that holds for each corrected field.
    pub corrected: BTreeMap<String, String>,
    /// Where to find more.
    pub links: DocumentLinks,
}

impl<'a> DocumentFull<'a> {
    /// The full view of a document with its corrections.
    pub fn new(view: &'a DocumentView, corrections: &'a [Correction]) -> DocumentFull<'a> {
        let record = &view.record;
        DocumentFull {
            id: &record.id,
            slug: &record.slug,
            issue_id: record.issue_id,
            ordinal: record.ordinal,
            version: record.version,
            versions: view.versions,
            status: record.status,
            status_label: record.status.label(),
            status_history: &view.status_history,
            validity: &view.validity,
            dates: view.dates,
            interpretations: &view.interpretations,
            document: &record.document,
            corrections,
            corrected: gazette_archive::corrected(corrections),
            links: DocumentLinks {
                html: urls::document_page(&record.slug),
                text: urls::document_text(&record.id),
                issue: urls::issue_api(record.issue_id),
                linked: urls::document_links_api(&record.id),
            },
        }
    }
}

/// A derived status waiting for an editor.
#[derive(Debug, Serialize)]
pub struct ReviewItem {
    /// The document, with its derived status.
    pub document: DocumentSummary,
    /// The status, where it comes from and the findings.
    pub validity: Validity,
}

/// The derived statuses no editor has confirmed (at most 200).
#[derive(Debug, Serialize)]
pub struct ReviewList {
    /// Documents with a derived status, oldest finding first.
    pub items: Vec<ReviewItem>,
}

/// An issue in a list.
#[derive(Debug, Serialize)]
pub struct IssueSummary {
    /// The issue as stored.
    #[serde(flatten)]
    pub issue: IssueRecord,
    /// How the issue is shown: its gazette and 期号 when known, never the
    /// path of its file (`crate::gazettes::issue_label`).
    pub label: String,
    /// The earliest date of its documents.
    pub first_date: Option<NaiveDate>,
    /// The latest date of its documents.
    pub last_date: Option<NaiveDate>,
    /// Its page.
    pub url: String,
    /// Its API resource.
    pub api_url: String,
}

impl IssueSummary {
    /// The summary of an issue and its documents.
    pub fn new(issue: IssueRecord, documents: &[DocumentRecord]) -> IssueSummary {
        let dates = documents.iter().filter_map(|d| d.document.date);
        let range = dates.clone().min().zip(dates.max());
        IssueSummary::with_dates(issue, range)
    }

    /// The summary of an issue whose first and last dates are known.
    pub fn with_dates(issue: IssueRecord, range: Option<(NaiveDate, NaiveDate)>) -> IssueSummary {
        let (first_date, last_date) = range.unzip();
        IssueSummary {
            label: crate::gazettes::issue_label(&issue),
            url: urls::issue_page(issue.id),
            api_url: urls::issue_api(issue.id),
            issue,
            first_date,
            last_date,
        }
    }
}

/// A page of the list of issues.
#[derive(Debug, Serialize)]
pub struct IssueList {
    /// Issues in the archive.
    pub total: usize,
    /// This page, latest ingested first.
    pub items: Vec<IssueSummary>,
    /// The `cursor` of the next page, `null` on the last.
    pub next_cursor: Option<String>,
}

/// An issue with its documents in printed order.
#[derive(Debug, Serialize)]
pub struct IssueDetail {
    /// The issue.
    #[serde(flatten)]
    pub summary: IssueSummary,
    /// Its documents, in printed order.
    pub contents: Vec<DocumentSummary>,
}

/// A unit, person or provision subject with how often the archive names it.
#[derive(Debug, Clone, Serialize)]
pub struct KeyedCount {
    /// The unit's normal name, the person's name, or the subject.
    pub name: String,
    /// How many tasks, records or provisions name it.
    pub count: i64,
    /// In how many documents.
    pub documents: i64,
    /// Its page.
    pub url: String,
    /// Its API resource.
    pub api_url: String,
}

/// Every unit, person or provision subject, most named first.
#[derive(Debug, Clone, Serialize)]
pub struct KeyedList {
    /// How many.
    pub total: usize,
    /// All of them.
    pub items: Vec<KeyedCount>,
}

impl KeyedList {
    /// The list of `counts`, each with its page and API resource.
    pub fn new(
        counts: Vec<KeyCount>,
        page: impl Fn(&str) -> String,
        api: impl Fn(&str) -> String,
    ) -> KeyedList {
        let items: Vec<KeyedCount> = counts
            .into_iter()
            .map(|c| KeyedCount {
                url: page(&c.key),
                api_url: api(&c.key),
                name: c.key,
                count: c.facts,
                documents: c.documents,
            })
            .collect();
        KeyedList {
            total: items.len(),
            items,
        }
    }
}

/// The people of one name.
#[derive(Debug, Clone, Serialize)]
pub struct PersonReport {
    /// The name asked for.
    pub name: String,
    /// Whether the records of this name form more than one history (same
    /// name, unrelated units: not merged).
    pub homonym: bool,
    /// One history per person.
    pub histories: Vec<PersonHistory>,
}

/// A calendar: the deadlines of the archive, of a document or of a unit.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarView {
    /// The document asked for.
    pub document: Option<String>,
    /// The unit asked for.
    pub unit: Option<String>,
    /// The same calendar as iCalendar (its first page).
    pub ics_url: String,
    /// How many deadlines the calendar holds over all pages.
    pub total: usize,
    /// How many come before this page.
    pub offset: usize,
    /// Where the next page starts, `None` on the last.
    pub next_offset: Option<usize>,
    /// The next page of this calendar (JSON), `None` on the last.
    pub next: Option<String>,
    /// The deadlines of this page with their documents.
    pub entries: Vec<CalendarEntry>,
}
