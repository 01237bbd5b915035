//! The sample issue, parsed and indexed once per test binary.

use std::path::PathBuf;
use std::sync::OnceLock;

use gazette_model::{Document, Issue, Status};
use gazette_search::{index_doc, IndexDoc, SearchIndex, SearchOptions, SearchResults};

/// The repository's `tests/fixtures` directory.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The Qingdao sample issue, parsed.
pub fn issue() -> &'static Issue {
    static ISSUE: OnceLock<Issue> = OnceLock::new();
    ISSUE.get_or_init(|| {
        let text = std::fs::read_to_string(fixtures().join("qingdao-gazette-2019-issue.txt"))
            .expect("sample fixture is UTF-8");
        gazette_parse::parse_text(&text)
    })
}

/// The id the tests give a document of the sample: `q` and its number in
/// the issue (`q1` …).
pub fn id_of(doc: &Document) -> String {
    format!("q{}", doc.id.trim_start_matches('d'))
}

/// The index documents of the sample: status in force except for the
/// documents `repealed()` names.
pub fn index_docs() -> Vec<IndexDoc> {
    issue()
        .documents
        .iter()
        .map(|doc| {
            let id = id_of(doc);
            let status = if repealed().contains(&id.as_str()) {
                Status::Repealed
            } else {
                Status::InForce
            };
            // The units the archive hands the index: gazette-link's.
            let mentions = gazette_link::units::responsibilities(doc).units;
            let units = mentions
                .iter()
                .map(|m| (m.unit.as_str(), m.published.as_str()));
            index_doc(&id, &format!("slug-{id}"), doc, status, units)
        })
        .collect()
}

/// Documents the tests mark as repealed, to test status filters.
pub fn repealed() -> [&'static str; 1] {
    ["q3"]
}

/// The sample, indexed in memory once.
pub fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("in-memory index");
        index.upsert(&index_docs()).expect("sample indexes");
        index
    })
}

/// Searches the sample with room for every document.
pub fn search(query: &str) -> SearchResults {
    let options = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    index()
        .search(query, &options)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// The ids of the hits of `query`, best first.
pub fn ids(query: &str) -> Vec<String> {
    search(query).hits.into_iter().map(|h| h.id).collect()
}

/// The id of the sample document with the 发文字号 `number`.
pub fn id_with_number(number: &str) -> String {
    let doc = issue()
        .documents
        .iter()
        .find(|d| d.doc_number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no document {number} in the sample"));
    id_of(doc)
}

/// `ids` in order, for comparing sets.
pub fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}
