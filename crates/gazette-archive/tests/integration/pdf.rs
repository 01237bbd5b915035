//! PDF files go in beside text: the original PDF is kept, the extraction
//! report survives in the store, bad PDFs fail one by one and the rest of
//! the batch goes in. Uses the PDFs `scripts/make-test-pdfs.py` builds (in
//! `$GAZETTE_TEST_PDFS`, default `target/test-pdfs`); skipped with a
//! message when they or poppler are missing, unless
//! `GAZETTE_REQUIRE_PDF_TOOLS=1`.

use std::path::PathBuf;

use gazette_archive::{Archive, FileOutcome, PDF_ENCODING};
use gazette_search::SearchOptions;

/// The generated test PDFs, or `None` when the test is skipped.
fn test_pdfs() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var_os("GAZETTE_TEST_PDFS")
        .map_or_else(|| root.join("target/test-pdfs"), PathBuf::from);
    let poppler = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if poppler && dir.join("two-column.pdf").is_file() {
        return Some(dir);
    }
    let message = "the test PDFs need poppler-utils (apt-get install poppler-utils) and scripts/make-test-pdfs.py";
    let required = std::env::var("GAZETTE_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1");
    assert!(!required, "{message}");
    eprintln!("skipped: {message}");
    None
}

#[test]
fn a_folder_mixing_pdf_and_text_goes_in_and_bad_pdfs_fail_one_by_one() {
    let Some(pdfs) = test_pdfs() else {
        return;
    };
    let folder = tempfile::tempdir().expect("tempdir");
    for name in [
        "two-column.pdf",
        "corrupt.pdf",
        "encrypted.pdf",
        "truncated.pdf",
    ] {
        std::fs::copy(pdfs.join(name), folder.path().join(name)).expect("copy");
    }
    // A PDF is known by its content, whatever its name.
    std::fs::copy(
        pdfs.join("one-column.pdf"),
        folder.path().join("one-column.txt"),
    )
    .expect("copy");
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt");
    std::fs::copy(sample, folder.path().join("sample.txt")).expect("copy");

    let data = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(data.path()).expect("open");
    let summary = archive
        .ingest_paths(&[folder.path().to_path_buf()], "test", |_| {})
        .expect("ingest");
    assert_eq!((summary.issues, summary.failed), (3, 3));
    let outcome = |name: &str| {
        summary
            .files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| f.outcome.clone())
            .expect("reported")
    };
    let failure = |name: &str| match outcome(name) {
        FileOutcome::Failed { message } => message,
        other => panic!("{name}: {other:?}"),
    };
    assert!(failure("corrupt.pdf")
        .starts_with("cannot read the PDF: the PDF is corrupt or truncated: "));
    assert!(failure("truncated.pdf").contains("corrupt or truncated"));
    assert!(failure("encrypted.pdf").contains("encrypted with a password"));
    assert!(matches!(
        outcome("two-column.pdf"),
        FileOutcome::Added { documents: 6, .. }
    ));

    // The PDF is kept as published, with how its pages were read.
    let reader = archive.reads();
    let issue = reader
        .issues()
        .expect("issues")
        .into_iter()
        .find(|i| i.file_name.ends_with("two-column.pdf"))
        .expect("the PDF issue");
    assert_eq!(issue.encoding, PDF_ENCODING);
    let (_, original) = reader
        .issue_original(issue.id)
        .expect("read")
        .expect("stored");
    assert_eq!(
        original,
        std::fs::read(pdfs.join("two-column.pdf")).expect("read")
    );
    let report = reader
        .extraction_report(issue.id)
        .expect("read")
        .expect("a report");
    assert!(report.pages.len() > 10);
    assert!(report.tools.iter().any(|t| t.starts_with("pdftotext")));
    for other in reader.issues().expect("issues") {
        let report = reader.extraction_report(other.id).expect("read");
        let text = other.file_name.ends_with("sample.txt");
        assert_eq!(report.is_none(), text, "{}", other.file_name);
        assert_eq!(other.encoding == PDF_ENCODING, !text, "{}", other.file_name);
    }

    // Documents and search hits know their pages; reindex reads the
    // stored text again, without poppler.
    let docs = reader.issue_documents(issue.id).expect("documents");
    assert!(docs.iter().all(|d| d.document.pages.is_some()));
    let hits = reader
        .search("蓝色药库", &gazette_search::SearchOptions::default())
        .expect("search")
        .hits;
    assert!(hits.iter().any(|h| h.pages.is_some_and(|p| p.first == 1)));
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

/// The whole shared corpus of real PDFs (`../shared/corpus/pdf`, or
/// `$GAZETTE_PDF_CORPUS`) goes in without a failure, scanned pages and all;
/// skipped with a note on a clone without it (the fixtures' cuts are tested
/// by gazette-pdf and gazette-parse).
#[test]
fn every_real_pdf_of_the_shared_corpus_goes_in() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = std::env::var_os("GAZETTE_PDF_CORPUS")
        .map_or_else(|| root.join("../shared/corpus/pdf"), PathBuf::from);
    if !corpus.is_dir() {
        eprintln!(
            "skipped: no shared PDF corpus at {} (set GAZETTE_PDF_CORPUS)",
            corpus.display()
        );
        return;
    }
    let poppler = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    let required = std::env::var("GAZETTE_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1");
    assert!(poppler || !required, "apt-get install poppler-utils");
    if !poppler {
        eprintln!("skipped: poppler-utils is missing (apt-get install poppler-utils)");
        return;
    }
    let pdfs: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    let data = tempfile::tempdir().expect("tempdir");
    let mut archive = Archive::open(data.path()).expect("open");
    let summary = archive.ingest_paths(&pdfs, "test", |_| {}).expect("ingest");
    let failed: Vec<String> = summary
        .files
        .iter()
        .filter(|f| !matches!(f.outcome, FileOutcome::Added { .. }))
        .map(|f| format!("{}: {:?}", f.path.display(), f.outcome))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(summary.issues, pdfs.len());
    assert!(
        summary.documents >= summary.issues,
        "a document or more per issue"
    );
    if pdfs.iter().any(|p| p.ends_with("gbt-9704-2012.pdf")) {
        a_standard_is_found_by_its_number_as_users_type_it(&archive);
    }
}

/// GB/T 9704—2012, printed with an em dash on its cover, is found and
/// shown by its number typed with a hyphen and without the space, or as
/// printed.
fn a_standard_is_found_by_its_number_as_users_type_it(archive: &Archive) {
    for query in [
        "number:GB/T9704-2012",
        "number:\"GB/T 9704—2012\"",
        "GB/T9704-2012",
    ] {
        let results = archive
            .reads()
            .search(query, &SearchOptions::default())
            .expect("search");
        let numbers: Vec<Option<&str>> = results
            .hits
            .iter()
            .map(|h| h.doc_number.as_deref())
            .collect();
        assert_eq!(numbers, [Some("GB/T 9704—2012")], "{query}");
    }
    let shown = archive.reads().document("GB/T 9704-2012").expect("show");
    assert_eq!(shown.record.document.title, "党政机关公文格式");
}
