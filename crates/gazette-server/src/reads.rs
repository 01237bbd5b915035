//! The reads that the JSON API and the HTML pages share: a page of issues,
//! an issue, the units, people, calendars and provisions of the linked
//! archive. Each takes an [`ArchiveReader`] and gives the view both faces
//! show (see `views`), turning an unknown name into a 404 and a malformed
//! parameter into a 400 naming it.
//!
//! `api` and `pages` both call this module and never each other. It does
//! not render anything, and routes nothing.

use chrono::NaiveDate;
use gazette_archive::listing::{self, encode_cursor};
use gazette_archive::{ArchiveReader, CalendarFilter, CalendarPage, ProvisionReport, UnitReport};
use gazette_model::PageLimits;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::urls;
use crate::views::{
    CalendarView, DocumentSummary, IssueDetail, IssueList, IssueSummary, KeyedList, PersonReport,
    ReviewItem, ReviewList,
};

/// What issue cursors are bound to.
pub const ISSUE_CURSOR_KEY: &str = "issues";

/// Issues from `offset`, latest ingested first.
pub fn issue_page(reader: &ArchiveReader, offset: usize, limit: usize) -> ApiResult<IssueList> {
    let mut issues = reader.issues()?;
    issues.reverse();
    let total = issues.len();
    let items = issues
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|issue| {
            let range = reader.issue_date_range(issue.id)?;
            Ok(IssueSummary::with_dates(issue, range))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let next = offset.saturating_add(items.len());
    Ok(IssueList {
        total,
        next_cursor: (!items.is_empty() && next < total)
            .then(|| encode_cursor(next, ISSUE_CURSOR_KEY)),
        items,
    })
}

/// An issue with its documents in printed order; 404 for an unknown or
/// malformed id.
pub fn issue_detail(reader: &ArchiveReader, key: &str) -> ApiResult<IssueDetail> {
    let missing = || ApiError::not_found(format!("no issue “{key}” in the archive"));
    let id: i64 = key.trim().parse().map_err(|_| missing())?;
    let issue = reader.issue(id)?.ok_or_else(missing)?;
    let documents = reader.issue_documents(id)?;
    Ok(IssueDetail {
        contents: documents.iter().map(DocumentSummary::of_record).collect(),
        summary: IssueSummary::new(issue, &documents),
    })
}

/// Every unit named as responsible, most tasks first.
pub fn unit_list(reader: &ArchiveReader) -> ApiResult<KeyedList> {
    Ok(KeyedList::new(
        reader.units()?,
        urls::unit_page,
        urls::unit_api,
    ))
}

/// How many derived statuses the review list shows at most.
const REVIEW_LIMIT: usize = 200;

/// The derived statuses no editor has confirmed yet.
pub fn review_list(reader: &ArchiveReader) -> ApiResult<ReviewList> {
    let items = reader
        .review(REVIEW_LIMIT)?
        .into_iter()
        .map(|(record, validity)| {
            let mut document = DocumentSummary::of_record(&record);
            document.status = validity.status;
            document.status_label = validity.status.label();
            ReviewItem { document, validity }
        })
        .collect();
    Ok(ReviewList { items })
}

/// Which page of a long list: `offset` items skipped, at most `limit`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct PageParams {
    offset: Option<usize>,
    limit: Option<usize>,
}

impl PageParams {
    /// Items to skip.
    pub fn offset(&self) -> usize {
        self.offset.unwrap_or(0)
    }

    /// Items on the page: [`LIST_PAGE`] unless asked, at most [`LIST_MAX_PAGE`].
    pub fn limit(&self) -> usize {
        page_limit(self.limit)
    }
}

fn page_limit(limit: Option<usize>) -> usize {
    PageLimits {
        default: LIST_PAGE,
        max: LIST_MAX_PAGE,
    }
    .size(limit)
}

/// The tasks of a unit, by its normal or short name (one page of them);
/// 404 when none names it.
pub fn unit_report(reader: &ArchiveReader, name: &str, page: PageParams) -> ApiResult<UnitReport> {
    reader
        .unit_page(name, page.offset(), page.limit())?
        .ok_or_else(|| {
            ApiError::not_found(format!("no task in the archive names the unit “{name}”"))
        })
}

/// Every person appointed or removed, most records first.
pub fn people_list(reader: &ArchiveReader) -> ApiResult<KeyedList> {
    Ok(KeyedList::new(
        reader.people()?,
        urls::person_page,
        urls::person_api,
    ))
}

/// The histories of the people of a name; 404 when no record names it.
pub fn person_report(reader: &ArchiveReader, name: &str) -> ApiResult<PersonReport> {
    let histories = reader.person(name)?;
    if histories.is_empty() {
        return Err(ApiError::not_found(format!(
            "no appointment or removal in the archive names “{name}”"
        )));
    }
    Ok(PersonReport {
        name: name.trim().to_owned(),
        homonym: histories.len() > 1,
        histories,
    })
}

/// Items a page of a long list (a calendar, a unit's tasks) holds unless
/// `limit` says otherwise.
pub const LIST_PAGE: usize = 500;
/// The most items one page of a long list holds.
pub const LIST_MAX_PAGE: usize = 2000;

/// The parameters of a calendar; empty values count as absent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CalendarParams {
    document: Option<String>,
    unit: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
}

impl CalendarParams {
    /// The calendar's filter.
    pub fn filter(&self) -> CalendarFilter {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        CalendarFilter {
            document: given(&self.document),
            unit: given(&self.unit),
            offset: self.offset.unwrap_or(0),
            limit: Some(page_limit(self.limit)),
        }
    }
}

/// 404 when `filter` is of a document the archive does not hold (the
/// archive would answer an empty calendar).
pub fn check_document(reader: &ArchiveReader, filter: &CalendarFilter) -> ApiResult<()> {
    match &filter.document {
        Some(key) => reader.document(key).map(|_| ()).map_err(ApiError::from),
        _ => Ok(()),
    }
}

/// A calendar; 404 when it is of a document the archive does not hold.
pub fn calendar_view(reader: &ArchiveReader, filter: CalendarFilter) -> ApiResult<CalendarView> {
    check_document(reader, &filter)?;
    let CalendarPage { total, entries } = reader.calendar_page(&filter)?;
    let next_offset = filter.offset + entries.len();
    let next = (!entries.is_empty() && next_offset < total).then(|| {
        urls::calendar_api_page(
            filter.document.as_deref(),
            filter.unit.as_deref(),
            next_offset,
            page_limit(filter.limit),
        )
    });
    Ok(CalendarView {
        ics_url: urls::calendar_ics(filter.document.as_deref(), filter.unit.as_deref()),
        document: filter.document,
        unit: filter.unit,
        total,
        offset: filter.offset,
        next_offset: next.is_some().then_some(next_offset),
        next,
        entries,
    })
}

/// The parameters of the provisions: a subject, and a day to ask about.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProvisionParams {
    subject: Option<String>,
    as_of: Option<String>,
}

impl ProvisionParams {
    /// The subject asked for, when one is.
    pub fn subject(&self) -> Option<&str> {
        self.subject
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The day asked about, as given (for forms and links).
    pub fn as_of_text(&self) -> Option<&str> {
        self.as_of
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The day asked about; 400 naming `as_of` when it is not a date.
    pub fn as_of(&self) -> ApiResult<Option<NaiveDate>> {
        self.as_of_text()
            .map(|value| listing::day("as_of", value))
            .transpose()
            .map_err(ApiError::from)
    }
}

/// The provisions: every subject with its count, or one subject's
/// provisions with its value on the day asked about.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Provisions {
    /// No subject asked for: the subjects.
    Subjects(KeyedList),
    /// One subject.
    Subject(Box<ProvisionReport>),
}

/// The provisions `params` ask for.
pub fn provision_answer(reader: &ArchiveReader, params: &ProvisionParams) -> ApiResult<Provisions> {
    let as_of = params.as_of()?;
    Ok(match params.subject() {
        Some(subject) => Provisions::Subject(Box::new(reader.provisions(subject, as_of)?)),
        None => Provisions::Subjects(KeyedList::new(
            reader.provision_subjects()?,
            |s| urls::provisions_page(Some(s), None),
            |s| urls::provisions_api(Some(s), None),
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_day_is_a_400_naming_as_of() {
        let params = ProvisionParams {
            subject: Some("失业保险费率".to_owned()),
            as_of: Some("2019-13-01".to_owned()),
        };
        let problem = params.as_of().err().map(|e| e.problem());
        assert!(problem.is_some_and(|p| p.status == 400 && p.detail.starts_with("as_of")));
        let blank = ProvisionParams {
            subject: Some(" ".to_owned()),
            as_of: Some(String::new()),
        };
        assert_eq!(blank.subject(), None);
        assert_eq!(blank.as_of().ok(), Some(None));
    }
}
