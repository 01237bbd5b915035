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
