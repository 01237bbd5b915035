//! OCR of one page: `pdftoppm` renders it (honouring `/Rotate`: a page
//! scanned sideways with `/Rotate 270` comes out upright), `tesseract`
//! reads it, and the mean word confidence of its TSV output says how far
//! to trust the text.

use std::path::Path;

use crate::tools::{stderr_of, Runner, PDFTOPPM, TESSERACT};
use crate::{ExtractOptions, PdfError, Result};

/// The text Tesseract read on a page and its mean word confidence (0–100).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OcrText {
    pub text: String,
    pub confidence: f32,
}

/// Renders page `page` of `pdf` at `dpi` into `dir` and reads it, each
/// tool within the runner's limits.
pub(crate) fn ocr_page(
    runner: &Runner,
    pdf: &Path,
    page: u32,
    dpi: u32,
    options: &ExtractOptions,
    dir: &Path,
) -> Result<OcrText> {
    let base = dir.join(format!("page-{page}"));
    let number = page.to_string();
    let dpi = dpi.to_string();
    let render = runner.run(
        PDFTOPPM,
        [
            "-r".as_ref(),
            dpi.as_ref(),
            "-gray".as_ref(),
            "-singlefile".as_ref(),
            "-png".as_ref(),
            "-f".as_ref(),
            number.as_ref(),
            "-l".as_ref(),
            number.as_ref(),
            pdf.as_os_str(),
            base.as_os_str(),
        ],
    )?;
    if !render.status.success() {
        return Err(PdfError::PageFailed {
            page,
            detail: format!("pdftoppm: {}", stderr_of(&render)),
        });
    }
    let image = base.with_extension("png");
    let read = runner.run(
        TESSERACT,
        [
            image.as_os_str(),
            base.as_os_str(),
            "-l".as_ref(),
            options.ocr_language.as_ref(),
            "txt".as_ref(),
            "tsv".as_ref(),
        ],
    )?;
    if !read.status.success() {
        return Err(PdfError::PageFailed {
            page,
            detail: format!("tesseract: {}", stderr_of(&read)),
        });
    }
    let text = std::fs::read_to_string(base.with_extension("txt")).unwrap_or_default();
    let tsv = std::fs::read_to_string(base.with_extension("tsv")).unwrap_or_default();
    Ok(OcrText {
        text: text.replace('\u{c}', ""),
        confidence: mean_confidence(&tsv),
    })
}

/// The mean confidence of the words (level 5 rows with text) of a
/// Tesseract TSV; 0 when there are none.
fn mean_confidence(tsv: &str) -> f32 {
    let confidences: Vec<f32> = tsv
        .lines()
        .skip(1)
        .filter_map(|row| {
            let cells: Vec<&str> = row.split('\t').collect();
            let word = cells.get(11).is_some_and(|t| !t.trim().is_empty());
            (cells.first() == Some(&"5") && word)
                .then(|| cells.get(10)?.parse::<f32>().ok())
                .flatten()
        })
        .filter(|c| *c >= 0.0)
        .collect();
    if confidences.is_empty() {
        0.0
    } else {
        confidences.iter().sum::<f32>() / confidences.len() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_the_confidence_of_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90.5\t南宁\n\
                   5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70.5\t市\n\
                   5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t \n";
        assert!((mean_confidence(tsv) - 80.5).abs() < 1e-3);
        assert!(mean_confidence("").abs() < f32::EPSILON);
    }
}
