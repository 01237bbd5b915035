//! Files that cannot be read each get their own clear error.

use gazette_pdf::{ExtractOptions, PageSource, PdfError};

use crate::common::{generated, poppler, tesseract};

fn error_of(name: &str, options: &ExtractOptions) -> Option<PdfError> {
    if !poppler() {
        return None;
    }
    let bytes = generated(name)?;
    Some(gazette_pdf::extract(&bytes, options).expect_err("the file is refused"))
}

#[test]
fn a_corrupt_pdf_says_so_with_poppler_words() {
    for name in ["corrupt.pdf", "truncated.pdf"] {
        let Some(error) = error_of(name, &ExtractOptions::default()) else {
            return;
        };
        assert!(matches!(error, PdfError::Corrupt { .. }), "{name}: {error}");
        let message = error.to_string();
        assert!(
            message.starts_with("the PDF is corrupt or truncated: "),
            "{message}"
        );
        assert!(message.contains("xref"), "poppler's own words: {message}");
    }
}

#[test]
fn an_encrypted_pdf_says_so() {
    let Some(error) = error_of("encrypted.pdf", &ExtractOptions::default()) else {
        return;
    };
    assert!(matches!(error, PdfError::Encrypted), "{error}");
    assert!(error.to_string().contains("encrypted with a password"));
}

#[test]
fn an_image_only_pdf_without_ocr_says_ocr_is_needed() {
    let options = ExtractOptions {
        ocr: false,
        ..ExtractOptions::default()
    };
    let Some(error) = error_of("image-only.pdf", &options) else {
        return;
    };
    assert!(matches!(error, PdfError::NeedsOcr { pages: 2 }), "{error}");
    assert!(error.to_string().contains(
        "OCR is needed: install Tesseract with apt-get install tesseract-ocr tesseract-ocr-chi-sim"
    ));
}

#[test]
fn an_image_only_pdf_is_read_through_ocr_with_its_confidence() {
    if !poppler() || !tesseract() {
        return;
    }
    let Some(bytes) = generated("image-only.pdf") else {
        return;
    };
    let pdf = crate::common::extract(&bytes);
    assert_eq!(pdf.pages.len(), 2);
    for page in &pdf.pages {
        let PageSource::Ocr { confidence } = page.source else {
            panic!("page {} is OCR", page.number);
        };
        assert!(
            confidence > 50.0,
            "page {}: confidence {confidence}",
            page.number
        );
    }
    // The first pages of the one-column sample: its 发文字号 and date.
    let issue = gazette_parse::parse_text(&pdf.text());
    let doc = issue.documents.first().expect("a document");
    assert_eq!(doc.doc_number.as_deref(), Some("青政字〔2019〕16号"));
    assert_eq!(
        doc.date,
        gazette_model::NaiveDate::from_ymd_opt(2019, 6, 15)
    );
    assert!(pdf.tools.iter().any(|t| t.starts_with("tesseract")));
}

#[test]
fn text_is_not_a_pdf_and_missing_tools_say_what_to_install() {
    let error = gazette_pdf::extract("青岛市人民政府公报".as_bytes(), &ExtractOptions::default())
        .expect_err("not a PDF");
    assert!(matches!(error, PdfError::NotPdf));
    let missing = PdfError::ToolMissing {
        tool: "pdftotext",
        packages: "poppler-utils",
    };
    assert_eq!(
        missing.to_string(),
        "pdftotext is not installed: apt-get install poppler-utils"
    );
}
