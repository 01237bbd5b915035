//! Fixtures for the citation, unit and personnel tests: the sample issue and
//! the State Council documents, parsed.

use gazette_model::{Document, Issue};

/// The sample issue's text.
pub fn sample_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/qingdao-gazette-2019-issue.txt"
    );
    std::fs::read_to_string(path).expect("sample fixture")
}

/// The sample issue, parsed.
pub fn sample() -> Issue {
    gazette_parse::parse_text(&sample_text())
}

/// The document of `issue` with 发文字号 `number`.
pub fn by_number<'a>(issue: &'a Issue, number: &str) -> &'a Document {
    issue
        .documents
        .iter()
        .find(|d| d.doc_number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no document {number}"))
}

/// Every fixture (the sample and the 49 State Council documents): file
/// name, text.
pub fn all_fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/govcn");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("govcn fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&path).expect("fixture"))
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 49, "the govcn fixtures");
    files.push(("qingdao-gazette-2019-issue.txt".to_owned(), sample_text()));
    files
}
