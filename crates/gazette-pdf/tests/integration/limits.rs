//! Hostile PDFs are bounded: too many pages are refused, a huge page is
//! rendered for OCR within the pixel limit (or not at all), and every tool
//! run has a time limit. The PDFs are written here byte by byte.

use std::time::Duration;

use gazette_pdf::{ExtractOptions, PageSource, PdfError, PdfLimits};

use crate::common::{poppler, tesseract};

/// A PDF of pages of the given sizes (points); the first says `Hello
/// gazette` in Helvetica, the others are blank. The cross-reference table's
/// offsets are counted, so poppler reads it without repairs.
fn pdf_of_pages(sizes: &[(u32, u32)]) -> Vec<u8> {
    let pages = sizes.len();
    // Objects: 1 catalog, 2 pages, 3 font, 4 content, then one per page.
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    let content = "BT /F1 24 Tf 72 200 Td (Hello gazette) Tj ET";
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    for (i, (width, height)) in sizes.iter().enumerate() {
        let text = if i == 0 { " /Contents 4 0 R" } else { "" };
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Resources << /Font << /F1 3 0 R >> >>{text} >>"
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn the_hand_written_pdf_reads() {
    if !poppler() {
        return;
    }
    let pdf = gazette_pdf::extract(&pdf_of_pages(&[(300, 300)]), &ExtractOptions::default())
        .expect("the PDF reads");
    assert_eq!(pdf.pages.len(), 1);
    assert!(
        pdf.pages[0].text.contains("Hello gazette"),
        "{:?}",
        pdf.pages
    );
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
}

#[test]
fn a_file_over_the_page_limit_is_refused_before_reading() {
    if !poppler() {
        return;
    }
    let options = ExtractOptions {
        limits: PdfLimits {
            max_pages: 3,
            ..PdfLimits::default()
        },
        ..ExtractOptions::default()
    };
    let bytes = pdf_of_pages(&[(300, 300); 5]);
    let error = gazette_pdf::extract(&bytes, &options).expect_err("refused");
    assert!(
        matches!(error, PdfError::TooManyPages { pages: 5, limit: 3 }),
        "{error}"
    );
    assert!(
        error.to_string().contains("over the limit of 3 pages"),
        "{error}"
    );
    let four = pdf_of_pages(&[(300, 300); 3]);
    assert!(gazette_pdf::extract(&four, &options).is_ok());
}

/// Finding 6 of issue 14: a 4500 × 4500 pt page was rendered at 300 dpi
/// (350 million pixels) and drove Tesseract to 3.7 GB.
#[test]
fn a_huge_blank_page_is_rendered_within_the_pixel_limit() {
    if !poppler() || !tesseract() {
        return;
    }
    let bytes = pdf_of_pages(&[(300, 300), (4500, 4500)]);
    let options = ExtractOptions::default();
    let pdf = gazette_pdf::extract(&bytes, &options).expect("the text page reads");
    let huge = &pdf.pages[1];
    let warning = huge.warning.as_deref().unwrap_or_default();
    assert!(
        warning.contains("rendered for OCR at 80 dpi instead of 300"),
        "{warning}"
    );
    // 4500 pt at 80 dpi is 5000 pixels a side: 25 million pixels.
    let side: u64 = 4500 * 80 / 72;
    assert!(side * side <= options.limits.max_page_pixels);
}

#[test]
fn a_page_too_large_for_the_lowest_resolution_is_not_rendered() {
    if !poppler() {
        return;
    }
    let bytes = pdf_of_pages(&[(300, 300), (4500, 4500)]);
    let options = ExtractOptions {
        limits: PdfLimits {
            max_page_pixels: 1_000_000,
            ..PdfLimits::default()
        },
        ..ExtractOptions::default()
    };
    let pdf = gazette_pdf::extract(&bytes, &options).expect("the text page reads");
    let huge = &pdf.pages[1];
    assert_eq!(huge.source, PageSource::Empty);
    let warning = huge.warning.as_deref().unwrap_or_default();
    // Without Tesseract the page says OCR is needed instead.
    if tesseract() {
        assert!(
            warning.starts_with("not read through OCR: the page is 4500 × 4500 pt"),
            "{warning}"
        );
        assert!(warning.contains("1000000 pixels"), "{warning}");
    }
}

#[test]
fn a_tool_that_hangs_is_stopped_at_its_time_limit() {
    if !poppler() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let script = dir.path().join("pdfinfo");
    std::fs::write(&script, "#!/bin/sh\nexec sleep 60\n").expect("script written");
    let chmod = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status();
    assert!(chmod.is_ok_and(|s| s.success()));
    let options = ExtractOptions {
        tool_dir: Some(dir.path().to_path_buf()),
        limits: PdfLimits {
            tool_timeout: Duration::from_millis(500),
            ..PdfLimits::default()
        },
        ..ExtractOptions::default()
    };
    let error = gazette_pdf::extract(&pdf_of_pages(&[(300, 300)]), &options)
        .expect_err("the hanging pdfinfo is stopped");
    assert!(
        matches!(
            error,
            PdfError::ToolTimeout {
                tool: "pdfinfo",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "pdfinfo ran over its time limit of 0.5 s per run and was stopped"
    );
}
