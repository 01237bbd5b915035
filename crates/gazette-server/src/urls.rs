//! The server's URLs, made in one place: pages, API resources, searches.
//! Every variable part is percent-encoded, so a slug or a query can never
//! break out of its place in a link.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What stays as it is in a path segment or a query value: RFC 3986's
/// unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `value` percent-encoded for a path segment or a query value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// The page of a document.
pub fn document_page(slug: &str) -> String {
    format!("/documents/{}", encode(slug))
}

/// The API resource of a document.
pub fn document_api(id: &str) -> String {
    format!("/api/v1/documents/{}", encode(id))
}

/// The original text of a document.
pub fn document_text(id: &str) -> String {
    format!("/api/v1/documents/{}/text", encode(id))
}

/// The page of an issue.
pub fn issue_page(id: i64) -> String {
    format!("/issues/{id}")
}

/// An issue's file as published (a PDF opens at a page with `#page=N`).
pub fn issue_original(id: i64) -> String {
    format!("/api/v1/issues/{id}/original")
}

/// The API resource of an issue.
pub fn issue_api(id: i64) -> String {
    format!("/api/v1/issues/{id}")
}

/// The page of one year of a gazette.
pub fn gazette_year_page(slug: &str, year: i32) -> String {
    format!("/gazettes/{}/{year}", encode(slug))
}

/// The API resource of one year of a gazette.
pub fn gazette_year_api(slug: &str, year: i32) -> String {
    format!("/api/v1/gazettes/{}/{year}", encode(slug))
}

/// The page of one issue of a gazette (its 目录).
pub fn gazette_issue_page(slug: &str, year: i32, number: u32) -> String {
    format!("/gazettes/{}/{year}/{number}", encode(slug))
}

/// The API resource of one issue of a gazette.
pub fn gazette_issue_api(slug: &str, year: i32, number: u32) -> String {
    format!("/api/v1/gazettes/{}/{year}/{number}", encode(slug))
}

/// The API address of an upload's job.
pub fn job_api(id: u64) -> String {
    format!("/api/v1/jobs/{id}")
}

/// The search page for `query`, from result `start` (0 for the first page).
pub fn search_page(query: &str, start: usize) -> String {
    if start == 0 {
        format!("/search?q={}", encode(query))
    } else {
        format!("/search?q={}&start={start}", encode(query))
    }
}

/// The linked data of a document (references, units, deadlines …).
pub fn document_links_api(id: &str) -> String {
    format!("/api/v1/documents/{}/links", encode(id))
}

/// The page of a unit.
pub fn unit_page(unit: &str) -> String {
    format!("/units/{}", encode(unit))
}

/// A page of a unit's page from `offset`.
pub fn unit_page_from(unit: &str, offset: usize, limit: usize) -> String {
    format!("{}?offset={offset}&limit={limit}", unit_page(unit))
}

/// The API resource of a unit.
pub fn unit_api(unit: &str) -> String {
    format!("/api/v1/units/{}", encode(unit))
}

/// The page of the people of a name.
pub fn person_page(name: &str) -> String {
    format!("/people/{}", encode(name))
}

/// The API resource of the people of a name.
pub fn person_api(name: &str) -> String {
    format!("/api/v1/people/{}", encode(name))
}

/// `path` with the pairs whose value is given as its query string.
fn with_params(path: &str, params: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={}", encode(v))))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The calendar page, of one document or unit when given.
pub fn calendar_page(document: Option<&str>, unit: Option<&str>) -> String {
    with_params("/calendar", &[("document", document), ("unit", unit)])
}

/// A page of a calendar (JSON) from `offset`.
pub fn calendar_api_page(
    document: Option<&str>,
    unit: Option<&str>,
    offset: usize,
    limit: usize,
) -> String {
    let (offset, limit) = (offset.to_string(), limit.to_string());
    with_params(
        "/api/v1/calendar",
        &[
            ("document", document),
            ("unit", unit),
            ("offset", Some(&offset)),
            ("limit", Some(&limit)),
        ],
    )
}

/// A page of the calendar page from `offset`.
pub fn calendar_page_from(document: Option<&str>, unit: Option<&str>, offset: usize) -> String {
    let offset = offset.to_string();
    with_params(
        "/calendar",
        &[
            ("document", document),
            ("unit", unit),
            ("offset", Some(&offset)),
        ],
    )
}

/// The iCalendar file of a calendar, of one document or unit when given.
pub fn calendar_ics(document: Option<&str>, unit: Option<&str>) -> String {
    with_params(
        "/api/v1/calendar.ics",
        &[("document", document), ("unit", unit)],
    )
}

/// The provisions page: the subjects, or one subject (as of a day).
pub fn provisions_page(subject: Option<&str>, as_of: Option<&str>) -> String {
    with_params("/provisions", &[("subject", subject), ("as_of", as_of)])
}

/// The API resource of a provision subject (as of a day).
pub fn provisions_api(subject: Option<&str>, as_of: Option<&str>) -> String {
    with_params(
        "/api/v1/provisions",
        &[("subject", subject), ("as_of", as_of)],
    )
}

/// `path` with `query=…` appended as its query string.
pub fn with_query(path: &str, query: &str) -> String {
    format!("{path}?q={}", encode(query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_parts_are_encoded() {
        assert_eq!(
            document_page("2019-青政办字-31"),
            "/documents/2019-%E9%9D%92%E6%94%BF%E5%8A%9E%E5%AD%97-31"
        );
        assert_eq!(search_page("a b&c\"<", 0), "/search?q=a%20b%26c%22%3C");
        assert_eq!(search_page("x", 20), "/search?q=x&start=20");
        assert_eq!(document_api("../x"), "/api/v1/documents/..%2Fx");
        assert_eq!(
            calendar_ics(Some("a&b"), None),
            "/api/v1/calendar.ics?document=a%26b"
        );
        assert_eq!(calendar_page(None, None), "/calendar");
        assert_eq!(
            provisions_page(Some("费率"), Some("2019-06-01")),
            "/provisions?subject=%E8%B4%B9%E7%8E%87&as_of=2019-06-01"
        );
    }
}
