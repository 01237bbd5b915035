//! Fixtures shared by the integration tests.

use std::path::PathBuf;

use gazette_model::Document;

/// The repository's `tests/fixtures` directory.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The Qingdao sample issue, as published (UTF-8).
pub fn sample_bytes() -> Vec<u8> {
    std::fs::read(fixtures().join("qingdao-gazette-2019-issue.txt")).expect("sample fixture")
}

/// The sample issue's text.
pub fn sample_text() -> String {
    String::from_utf8(sample_bytes()).expect("sample is UTF-8")
}

/// The fields compared between two forms of one document (title, 发文字号,
/// date, issuers, type, 主送, attachments, cited numbers), each text field
/// passed through `fold`.
pub fn fields(doc: &Document, fold: impl Fn(&str) -> String) -> Vec<String> {
    vec![
        fold(&doc.title),
        doc.doc_number.clone().unwrap_or_default(),
        doc.date.map(|d| d.to_string()).unwrap_or_default(),
        fold(&doc.issuer.join("、")),
        fold(doc.doc_type.as_deref().unwrap_or_default()),
        fold(&doc.recipients.join("、")),
        fold(
            &doc.attachments
                .iter()
                .map(|a| a.title.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        ),
        doc.cited
            .iter()
            .filter_map(|c| c.doc_number.as_deref())
            .collect::<Vec<_>>()
            .join("|"),
    ]
}

/// The 49 State Council texts, by file name.
pub fn govcn_texts() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = std::fs::read_dir(fixtures().join("govcn"))
        .expect("govcn fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("utf-8"))
        })
        .collect();
    texts.sort();
    texts
}
