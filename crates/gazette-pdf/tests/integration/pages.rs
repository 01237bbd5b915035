//! A run of pages of a real PDF as a PDF of its own (`page_range`): the
//! pages come out whole and in order — each page's text is the text of the
//! same page of the original — and pages the file does not have are
//! refused by number.

use gazette_pdf::{extract, page_range, ExtractOptions, PdfError};

use crate::common::{poppler, root};

/// The text of each page of `bytes`.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let pdf = extract(bytes, &ExtractOptions::default()).expect("extract");
    pdf.pages.into_iter().map(|p| p.text).collect()
}

#[test]
fn pages_two_and_three_of_three_are_those_pages_of_the_original() {
    if !poppler() {
        return;
    }
    // The CSRC attachment has three pages with a text layer.
    let original = std::fs::read(root().join("tests/fixtures/pdf/csrc-2020-17-att.pdf"))
        .expect("the PDF fixture");
    let whole = page_texts(&original);
    assert_eq!(whole.len(), 3);
    let options = ExtractOptions::default();

    let two_three = page_range(&original, 2, 3, &options).expect("pages 2–3");
    assert_eq!(page_texts(&two_three), whole[1..3]);
    let first = page_range(&original, 1, 1, &options).expect("page 1");
    assert_eq!(page_texts(&first), whole[..1]);

    for (from, to) in [(3, 4), (0, 1), (3, 2)] {
        match page_range(&original, from, to, &options) {
            Err(PdfError::PageRange { pages: 3, .. }) => {}
            other => panic!("{from}–{to}: {:?}", other.map(|b| b.len())),
        }
    }
    assert!(matches!(
        page_range(b"not a pdf", 1, 1, &options),
        Err(PdfError::NotPdf)
    ));
}
