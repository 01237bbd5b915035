//! Atom feeds of newly published documents: `/feed.atom` for the whole
//! archive, `/feed.atom?q=…` for the documents a query finds (newest
//! first, among its best [`FEED_CANDIDATES`] matches; a query of filters
//! only, such as `type:通知`, ranks newest first anyway).
//!
//! The XML is written here by hand, and every text and attribute goes
//! through [`escape`]: document titles are data, never markup.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use gazette_archive::listing::{self, match_all, Sort};
use gazette_archive::types::Hit;
use serde::Deserialize;

use crate::cache::{cached, CachePolicy};
use crate::error::ApiResult;
use crate::extract::Params;
use crate::state::AppState;
use crate::urls;

/// Entries in a feed.
const FEED_ENTRIES: usize = 50;
/// Best matches of a query among which a feed takes the newest.
const FEED_CANDIDATES: usize = 500;

/// The routes of the feeds.
pub fn routes() -> Router<AppState> {
    Router::new().route("/feed.atom", get(feed))
}

#[derive(Debug, Deserialize)]
struct FeedQuery {
    q: Option<String>,
}

async fn feed(
    State(state): State<AppState>,
    Params(params): Params<FeedQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let query = params
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    let for_read = query.clone();
    let hits = state
        .read(move |reader| {
            let mut hits = match &for_read {
                None => listing::page(reader, &match_all(), Sort::DateDesc, 0, FEED_ENTRIES)?.hits,
                Some(q) => listing::page(reader, q, Sort::Relevance, 0, FEED_CANDIDATES)?.hits,
            };
            // Newest first; the undated last.
            hits.sort_by_key(|hit| std::cmp::Reverse(hit.date));
            hits.truncate(FEED_ENTRIES);
            Ok(hits)
        })
        .await?;
    let base = state.config().public_url.clone().unwrap_or_default();
    let xml = atom(query.as_deref(), &hits, &base);
    Ok(cached(
        &headers,
        "application/atom+xml; charset=utf-8",
        CachePolicy::Content,
        xml,
    ))
}

/// The feed of `hits` for `query` (the whole archive when `None`).
fn atom(query: Option<&str>, hits: &[Hit], base: &str) -> String {
    let title = match query {
        Some(q) => format!("政府公报：{q}"),
        None => "政府公报：新发布的文件".to_owned(),
    };
    let (self_link, page_link, id) = match query {
        Some(q) => (
            urls::with_query("/feed.atom", q),
            urls::search_page(q, 0),
            format!("urn:gazette:feed:{}", urls::encode(q)),
        ),
        None => (
            "/feed.atom".to_owned(),
            "/".to_owned(),
            "urn:gazette:feed".to_owned(),
        ),
    };
    let updated = hits
        .iter()
        .filter_map(|h| h.date)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), day_time);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
    element(&mut xml, "title", &title);
    element(&mut xml, "id", &id);
    element(&mut xml, "updated", &updated);
    link(
        &mut xml,
        "self",
        "application/atom+xml",
        &format!("{base}{self_link}"),
    );
    link(
        &mut xml,
        "alternate",
        "text/html",
        &format!("{base}{page_link}"),
    );
    xml.push_str("<author><name>gazette</name></author>\n");
    for hit in hits {
        entry(&mut xml, hit, base);
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(xml: &mut String, hit: &Hit, base: &str) {
    xml.push_str("<entry>\n");
    element(xml, "title", &hit.title);
    element(xml, "id", &format!("urn:gazette:document:{}", hit.id));
    let updated = hit
        .date
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), day_time);
    element(xml, "updated", &updated);
    link(
        xml,
        "alternate",
        "text/html",
        &format!("{base}{}", urls::document_page(&hit.slug)),
    );
    for issuer in &hit.issuer {
        xml.push_str("<author>");
        element(xml, "name", issuer);
        xml.push_str("</author>\n");
    }
    if let Some(kind) = &hit.doc_type {
        xml.push_str(&format!("<category term=\"{}\"/>\n", escape(kind)));
    }
    let summary = [
        hit.doc_number
            .clone()
            .unwrap_or_else(|| "无文号".to_owned()),
        hit.date.map(|d| d.to_string()).unwrap_or_default(),
        hit.issuer.join("、"),
        hit.status.label().to_owned(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    element(xml, "summary", &summary);
    xml.push_str("</entry>\n");
}

/// A day as an Atom date-time: midnight China Standard Time.
fn day_time(day: chrono::NaiveDate) -> String {
    format!("{day}T00:00:00+08:00")
}

fn element(xml: &mut String, name: &str, text: &str) {
    xml.push_str(&format!("<{name}>{}</{name}>\n", escape(text)));
}

fn link(xml: &mut String, rel: &str, kind: &str, href: &str) {
    xml.push_str(&format!(
        "<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>\n",
        escape(href)
    ));
}

/// `text` for XML text or attributes: markup characters escaped, and
/// characters XML 1.0 does not allow dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\"\u{0}\u{1b}"),
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn a_feed_of_nothing_is_still_a_valid_feed() {
        let xml = atom(Some("a<b"), &[], "");
        assert!(xml.contains("<title>政府公报：a&lt;b</title>"), "{xml}");
        assert!(xml.contains("<updated>1970-01-01T00:00:00Z</updated>"));
        assert!(xml.ends_with("</feed>\n"));
    }
}
