//! An issue read from a PDF: the original is served as `application/pdf`
//! (an attachment, in a CSP sandbox)
//! and the document page links to its page in it. Needs poppler-utils:
//! skipped with a message without it, unless `GAZETTE_REQUIRE_PDF_TOOLS=1`.

use crate::common::{sample_bytes, Fixture};

fn state_council_pdf() -> Option<Vec<u8>> {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
    {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/pdf/gbf-2021-43-web.pdf");
        return Some(std::fs::read(path).expect("the PDF fixture"));
    }
    let required = std::env::var("GAZETTE_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "poppler-utils is missing: apt-get install poppler-utils"
    );
    eprintln!("skipped: poppler-utils is missing (apt-get install poppler-utils)");
    None
}

#[tokio::test]
async fn the_original_pdf_is_served_and_the_document_links_to_its_page() {
    let Some(pdf) = state_council_pdf() else {
        return;
    };
    let fixture = Fixture::with_issues(&[
        ("qingdao-2019.txt".to_owned(), sample_bytes()),
        ("gbf-2021-43.pdf".to_owned(), pdf.clone()),
    ]);
    let original = fixture.get("/api/v1/issues/2/original").await;
    assert_eq!(original.status, 200);
    assert_eq!(original.media_type(), "application/pdf");
    assert!(original.body == pdf, "the bytes as published");
    assert_eq!(
        original.header("content-disposition"),
        "attachment; filename=\"issue-2.pdf\""
    );
    assert!(original
        .header("content-security-policy")
        .starts_with("sandbox"));
    let text = fixture.get("/api/v1/issues/1/original").await;
    assert_eq!(text.media_type(), "text/plain");
    assert!(text.body == sample_bytes());
    fixture
        .get("/api/v1/issues/9/original")
        .await
        .assert_problem(404, "not_found");

    let issue = fixture.get("/api/v1/issues/2").await.json();
    let url = issue["contents"][0]["url"]
        .as_str()
        .expect("a document url")
        .to_owned();
    let page = fixture.get(&url).await.text();
    assert!(
        page.contains("href=\"/api/v1/issues/2/original#page=1\""),
        "{page}"
    );
    let sample_issue = fixture.get("/api/v1/issues/1").await.json();
    let url = sample_issue["contents"][0]["url"]
        .as_str()
        .expect("a document url")
        .to_owned();
    assert!(!fixture.get(&url).await.text().contains("#page="));
}

#[tokio::test]
async fn pages_of_the_original_pdf_are_served_as_a_pdf_and_others_refused() {
    let Some(pdf) = state_council_pdf() else {
        return;
    };
    let fixture = Fixture::with_issues(&[
        ("qingdao-2019.txt".to_owned(), sample_bytes()),
        ("gbf-2021-43.pdf".to_owned(), pdf.clone()),
    ]);
    // The State Council notice has two pages.
    let second = fixture.get("/api/v1/issues/2/original?pages=2").await;
    assert_eq!(second.status, 200);
    assert_eq!(second.media_type(), "application/pdf");
    assert!(second.body.starts_with(b"%PDF-"));
    assert!(second.body != pdf, "one page is not the whole file");
    assert_eq!(
        second.header("content-disposition"),
        "attachment; filename=\"issue-2-p2-2.pdf\""
    );
    assert!(second
        .header("content-security-policy")
        .starts_with("sandbox"));
    let both = fixture.get("/api/v1/issues/2/original?pages=1-2").await;
    assert_eq!(both.status, 200);
    assert!(both.body.starts_with(b"%PDF-"));
    for bad in ["3", "2-1", "0-1", "x", "1-"] {
        fixture
            .get(&format!("/api/v1/issues/2/original?pages={bad}"))
            .await
            .assert_problem(400, "bad_parameter");
    }
    fixture
        .get("/api/v1/issues/1/original?pages=1")
        .await
        .assert_problem(400, "bad_parameter");
}
