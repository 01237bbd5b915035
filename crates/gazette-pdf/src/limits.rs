//! [`PdfLimits`]: how much one PDF may cost — pages, rendered pixels per
//! page, time per tool run and per file, memory per tool — with defaults
//! that read real gazettes (hundreds of A4 pages) and refuse hostile files
//! (a one-page PDF of 4500 × 4500 pt rendered at 300 dpi is 350 million
//! pixels). The limits are enforced by `info` (pages), `ocr` (pixels,
//! through the resolution) and `tools` (time, memory).

use std::time::Duration;

/// Points per inch: PDF page sizes are in points.
const POINTS_PER_INCH: f64 = 72.0;

/// Bounds on the reading of one PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfLimits {
    /// Most pages a file may have; a longer one is refused
    /// ([`crate::PdfError::TooManyPages`]).
    pub max_pages: usize,
    /// Most pixels a page may be rendered to for OCR: a larger page is
    /// rendered at a lower resolution, so that width × height stays under
    /// this.
    pub max_page_pixels: u64,
    /// The lowest resolution worth reading: a page that would need less to
    /// stay under [`PdfLimits::max_page_pixels`] is not read through OCR
    /// (a page warning says why).
    pub min_ocr_dpi: u32,
    /// Longest one run of a tool may take before it is killed.
    pub tool_timeout: Duration,
    /// Longest the whole file may take, every run included.
    pub file_timeout: Duration,
    /// The address space each tool may take, in bytes (Unix; `None`: no
    /// limit).
    pub tool_memory_bytes: Option<u64>,
}

impl Default for PdfLimits {
    fn default() -> Self {
        PdfLimits {
            max_pages: 2_000,
            // An A3 page at 300 dpi is 17.4 million pixels.
            max_page_pixels: 25_000_000,
            min_ocr_dpi: 70,
            tool_timeout: Duration::from_secs(120),
            file_timeout: Duration::from_secs(900),
            tool_memory_bytes: Some(2 << 30),
        }
    }
}

/// The resolution a page is rendered at for OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OcrResolution {
    /// Dots per inch.
    pub dpi: u32,
    /// Whether it is below the one asked for, to keep to the pixel limit.
    pub lowered: bool,
}

impl PdfLimits {
    /// The resolution to render a page of `size` (width, height in points)
    /// at, `wanted` or lower so that it stays under the pixel limit; the
    /// reason when the page is not to be rendered at all.
    pub(crate) fn ocr_resolution(
        &self,
        wanted: u32,
        size: Option<(f64, f64)>,
    ) -> Result<OcrResolution, String> {
        let Some((width, height)) = size else {
            return Err("pdfinfo gave no size for the page".to_owned());
        };
        let area = width * height;
        if !(area.is_finite() && area > 0.0) {
            return Err(format!("the page size {width} × {height} pt is not a size"));
        }
        // pixels = area × (dpi / 72)², so the largest dpi within the limit:
        let most = (POINTS_PER_INCH * (self.max_page_pixels as f64 / area).sqrt()).floor();
        if most >= f64::from(wanted) {
            return Ok(OcrResolution {
                dpi: wanted,
                lowered: false,
            });
        }
        if most < f64::from(self.min_ocr_dpi) {
            return Err(format!(
                "the page is {width} × {height} pt, too large to render at {} dpi or more within the limit of {} pixels per page",
                self.min_ocr_dpi, self.max_page_pixels
            ));
        }
        // `most` is below `wanted`, a u32, and at least 0 here.
        let dpi = most as u32;
        Ok(OcrResolution { dpi, lowered: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_a4_page_is_rendered_as_asked() {
        let limits = PdfLimits::default();
        let a4 = Some((595.3, 841.9));
        assert_eq!(
            limits.ocr_resolution(300, a4),
            Ok(OcrResolution {
                dpi: 300,
                lowered: false
            })
        );
    }

    #[test]
    fn a_huge_page_is_rendered_lower_within_the_pixel_limit() {
        let limits = PdfLimits::default();
        let read = limits
            .ocr_resolution(300, Some((4500.0, 4500.0)))
            .expect("rendered lower");
        assert!(read.lowered);
        let side = 4500.0 / 72.0 * f64::from(read.dpi);
        assert!(side * side <= limits.max_page_pixels as f64, "{read:?}");
        assert!(read.dpi >= limits.min_ocr_dpi);
    }

    #[test]
    fn a_page_too_large_even_at_the_lowest_resolution_is_refused() {
        let limits = PdfLimits::default();
        let refusal = limits
            .ocr_resolution(300, Some((14_400.0, 14_400.0)))
            .expect_err("refused");
        assert!(refusal.contains("14400 × 14400 pt"), "{refusal}");
        assert!(refusal.contains("25000000 pixels"), "{refusal}");
        assert!(limits.ocr_resolution(300, None).is_err());
        assert!(limits.ocr_resolution(300, Some((0.0, 10.0))).is_err());
        assert!(limits.ocr_resolution(300, Some((f64::NAN, 10.0))).is_err());
    }
}
