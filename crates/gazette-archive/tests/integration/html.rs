//! HTML pages go in beside text: the page is known by its content, its
//! rendered main text is what the parser reads, the stored original is the
//! page byte for byte, and its documents carry the page's metadata table,
//! after a reindex too.

use std::path::PathBuf;

use gazette_archive::{is_html_encoding, Archive, FileOutcome};
use gazette_model::{NaiveDate, TextForm};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

#[test]
fn a_page_goes_in_with_its_metadata_and_its_original() {
    let page = fixtures().join("govcn/html/govcn-row01.html");
    let folder = tempfile::tempdir().expect("tempdir");
    // Known by its content, whatever its name; text beside it.
    std::fs::copy(&page, folder.path().join("policy.txt")).expect("copy");
    std::fs::copy(
        fixtures().join("govcn/govcn-row05.txt"),
        folder.path().join("row05.txt"),
    )
    .expect("copy");

    let data = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(data.path()).expect("open");
    let summary = archive
        .ingest_paths(&[folder.path().to_path_buf()], "test", |_| {})
        .expect("ingest");
    assert_eq!((summary.issues, summary.failed), (2, 0));
    let outcome = summary
        .files
        .iter()
        .find(|f| f.path.ends_with("policy.txt"))
        .map(|f| f.outcome.clone());
    assert!(
        matches!(outcome, Some(FileOutcome::Added { documents: 1, .. })),
        "{outcome:?}"
    );

    let reader = archive.reads();
    let issue = reader
        .issues()
        .expect("issues")
        .into_iter()
        .find(|i| i.file_name.ends_with("policy.txt"))
        .expect("the page's issue");
    assert!(is_html_encoding(&issue.encoding), "{}", issue.encoding);
    let (_, original) = reader
        .issue_original(issue.id)
        .expect("read")
        .expect("stored");
    assert_eq!(original, std::fs::read(&page).expect("page"));

    let docs = reader.issue_documents(issue.id).expect("documents");
    let [doc] = docs.as_slice() else {
        panic!("{} documents", docs.len());
    };
    // Read by hand from the page: title and number in #UCAP-CONTENT, the
    // metadata in the table above it.
    assert_eq!(
        doc.document.title,
        "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"
    );
    assert_eq!(doc.document.doc_number.as_deref(), Some("国发〔2019〕5号"));
    assert!(
        doc.text.starts_with("国务院关于在市场监管领域全面推行\n"),
        "{}",
        &doc.text[..60]
    );
    assert!(!doc.text.contains("索 引 号"));
    let meta = doc
        .document
        .published_meta
        .as_ref()
        .expect("published_meta");
    assert_eq!(meta.index_number.as_deref(), Some("000014349/2019-00007"));
    assert_eq!(meta.topic.as_deref(), Some("市场监管、安全生产监管\\工商"));
    assert_eq!(meta.written, NaiveDate::from_ymd_opt(2019, 1, 27));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2019, 2, 15));

    let show = reader.document(&doc.id).expect("show");
    assert_eq!(show.record.document.published_meta.as_ref(), Some(meta));

    archive.reindex().expect("reindex");
    let again = archive
        .reads()
        .issue_documents(issue.id)
        .expect("documents");
    assert_eq!(
        again.iter().map(|d| &d.document).collect::<Vec<_>>(),
        docs.iter().map(|d| &d.document).collect::<Vec<_>>()
    );
}

#[test]
fn the_parse_of_a_page_is_in_html_form() {
    let bytes = std::fs::read(fixtures().join("govcn/html/govcn-row58.html")).expect("page");
    let source = gazette_archive::IssueText::read(&bytes).expect("reads");
    assert_eq!(source.encoding, "html");
    let issue = source.parse();
    assert_eq!(issue.form, TextForm::Html);
    assert_eq!(
        issue.documents[0].doc_number.as_deref(),
        Some("国令第706号")
    );
    assert!(issue.documents[0].published_meta.is_some());
}
