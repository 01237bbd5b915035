//! PDF → text for the gazette parser: the only place that runs poppler
//! (`pdfinfo`, `pdftotext`, `pdftoppm`) and Tesseract.
//!
//! [`extract`] writes the bytes to a temporary file, reads every page's text
//! layer with `pdftotext -bbox-layout` and puts the blocks in reading order
//! (a two-column page is read column by column, see `layout`), and reads the
//! pages without a text layer through OCR when Tesseract with its
//! simplified-Chinese data is installed. Each page says where its text came
//! from ([`PageSource`]: text layer, OCR with its mean confidence, or empty
//! with a warning). [`ExtractedPdf::text`] joins the pages with form feeds,
//! as `pdftotext` does: that text is what the archive stores and the parser
//! reads (it takes page numbers and running headers out itself).
//!
//! A file-level problem is a typed [`PdfError`] with a message for people:
//! a missing tool (with the `apt-get install` line), an encrypted, corrupt
//! or truncated file (with poppler's own words), a file that needs OCR.
//! A page that fails is a warning, not a failure of the file. Nothing here
//! panics on any input.
//!
//! What this crate is not: a parser of 公文 (see `gazette-parse`). Ruled
//! tables whose cells align at their tops come out as TAB-separated rows,
//! which the parser rebuilds; other tables come out cell by cell.
//!
//! ```no_run
//! let bytes = std::fs::read("issue.pdf")?;
//! if gazette_pdf::is_pdf(&bytes) {
//!     let pdf = gazette_pdf::extract(&bytes, &gazette_pdf::ExtractOptions::default())?;
//!     let issue = pdf.text(); // pages ended by form feeds, ready for gazette_parse::parse_text
//!     println!("{} pages, {} chars", pdf.pages.len(), issue.chars().count());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod grid;
mod info;
mod layout;
mod limits;
mod ocr;
mod pages;
mod radicals;
mod tools;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};

pub use crate::limits::PdfLimits;
pub use crate::pages::page_range;
use crate::tools::{stderr_of, Runner, PDFTOTEXT, TESSERACT};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bytes do not start like a PDF.
    #[error("not a PDF: no %PDF- header in the first 1024 bytes")]
    NotPdf,
    /// A program this needs is not installed.
    #[error("{tool} is not installed: apt-get install {packages}")]
    ToolMissing {
        /// The program.
        tool: &'static str,
        /// The Debian packages to install.
        packages: &'static str,
    },
    /// The PDF is protected by a password.
    #[error("the PDF is encrypted with a password; decrypt it first (qpdf --decrypt --password=… in.pdf out.pdf)")]
    Encrypted,
    /// The PDF is damaged or cut short.
    #[error("the PDF is corrupt or truncated: {detail}")]
    Corrupt {
        /// What poppler said.
        detail: String,
    },
    /// No page has a text layer and OCR is not available.
    #[error("the PDF has no text layer ({pages} image-only page(s)); OCR is needed: install Tesseract with apt-get install tesseract-ocr tesseract-ocr-chi-sim")]
    NeedsOcr {
        /// Pages in the file.
        pages: usize,
    },
    /// No page gave any text, OCR included.
    #[error("no text in the PDF ({pages} page(s)), not even through OCR")]
    NoText {
        /// Pages in the file.
        pages: usize,
    },
    /// One page could not be read (reported as a page warning, not as a
    /// failure of the file).
    #[error("page {page}: {detail}")]
    PageFailed {
        /// The page, from 1.
        page: u32,
        /// What went wrong.
        detail: String,
    },
    /// The file has more pages than the limit allows.
    #[error("the PDF has {pages} pages, over the limit of {limit} pages per file")]
    TooManyPages {
        /// Pages in the file.
        pages: usize,
        /// The limit ([`PdfLimits::max_pages`]).
        limit: usize,
    },
    /// A tool ran over its time limit and was killed.
    #[error("{tool} ran over its time limit of {seconds} s per run and was stopped")]
    ToolTimeout {
        /// The program.
        tool: &'static str,
        /// The limit ([`PdfLimits::tool_timeout`]), in seconds.
        seconds: f64,
    },
    /// Reading the file took longer than the limit per file.
    #[error("reading the PDF ran over the limit of {seconds} s per file and was stopped")]
    FileTimeLimit {
        /// The limit ([`PdfLimits::file_timeout`]), in seconds.
        seconds: u64,
    },
    /// Pages asked for that the file does not have ([`page_range`]).
    #[error("pages {first}–{last} asked for; the PDF has pages 1–{pages}")]
    PageRange {
        /// The first page asked for.
        first: u32,
        /// The last page asked for.
        last: u32,
        /// Pages in the file.
        pages: usize,
    },
    /// A program could not be run, or its files written or read.
    #[error("{tool}: {source}")]
    Io {
        /// The program or step.
        tool: &'static str,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Result of PDF operations.
pub type Result<T, E = PdfError> = std::result::Result<T, E>;

/// How to extract.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractOptions {
    /// Read pages without a text layer through Tesseract when it is there.
    pub ocr: bool,
    /// Tesseract's language (`chi_sim`, from tesseract-ocr-chi-sim).
    pub ocr_language: String,
    /// Resolution pages are rendered at for OCR (lowered for a page that
    /// would give more than [`PdfLimits::max_page_pixels`]).
    pub ocr_dpi: u32,
    /// Bounds on the file and on each tool run.
    pub limits: PdfLimits,
    /// The folder the tools are taken from; `None` searches `PATH`.
    pub tool_dir: Option<PathBuf>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            ocr: true,
            ocr_language: "chi_sim".to_owned(),
            ocr_dpi: 300,
            limits: PdfLimits::default(),
            tool_dir: None,
        }
    }
}

impl ExtractOptions {
    /// The runner of this extraction's tools, its file time starting now.
    fn runner(&self) -> Runner {
        Runner {
            dir: self.tool_dir.clone(),
            tool_timeout: self.limits.tool_timeout,
            deadline: Instant::now() + self.limits.file_timeout,
            file_timeout: self.limits.file_timeout,
            memory_bytes: self.limits.tool_memory_bytes,
        }
    }
}

/// Where the text of a page came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PageSource {
    /// The PDF's text layer.
    Text,
    /// Tesseract, with its mean word confidence (0–100).
    Ocr {
        /// Mean confidence of the words read.
        confidence: f32,
    },
    /// Nothing: no text layer and no OCR (see the page's warning).
    Empty,
}

/// One page of an extracted PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page number, from 1.
    pub number: u32,
    /// Its text, lines ended by `\n`, without form feeds.
    pub text: String,
    /// Where the text came from.
    pub source: PageSource,
    /// Why the page has no text, or what went wrong reading it.
    pub warning: Option<String>,
}

/// A PDF's text, page by page, with how each page was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedPdf {
    /// Every page, in order.
    pub pages: Vec<Page>,
    /// What the tools reported about the file (syntax errors poppler
    /// recovered from …).
    pub warnings: Vec<String>,
    /// The versions of the tools that were used.
    pub tools: Vec<String>,
}

/// What the archive keeps about an extraction: everything but the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractionReport {
    /// Every page, in order.
    pub pages: Vec<PageReport>,
    /// File-level warnings.
    pub warnings: Vec<String>,
    /// Tool versions.
    pub tools: Vec<String>,
}

/// How one page was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageReport {
    /// The page number, from 1.
    pub page: u32,
    /// Where its text came from.
    pub source: PageSource,
    /// Characters of text (whitespace excluded).
    pub chars: usize,
    /// Why it has no text, or what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl ExtractedPdf {
    /// The whole text: every page followed by a form feed, as `pdftotext`
    /// writes it, so the page of a position is 1 + the form feeds before it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            out.push_str(&page.text);
            if !page.text.is_empty() && !page.text.ends_with('\n') {
                out.push('\n');
            }
            out.push('\u{c}');
        }
        out
    }

    /// Pages, provenance, warnings and tools, without the text.
    pub fn report(&self) -> ExtractionReport {
        ExtractionReport {
            pages: self
                .pages
                .iter()
                .map(|p| PageReport {
                    page: p.number,
                    source: p.source.clone(),
                    chars: p.text.chars().filter(|c| !c.is_whitespace()).count(),
                    warning: p.warning.clone(),
                })
                .collect(),
            warnings: self.warnings.clone(),
            tools: self.tools.clone(),
        }
    }

    /// Every warning, file-level then per page, as one list for people.
    pub fn all_warnings(&self) -> Vec<String> {
        let pages = self.pages.iter().filter_map(|p| {
            p.warning
                .as_ref()
                .map(|w| format!("page {}: {w}", p.number))
        });
        self.warnings.iter().cloned().chain(pages).collect()
    }
}

/// Whether `bytes` are a PDF: `%PDF-` within the first 1024 bytes (the
/// file's content decides, not its name).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// A PDF written to a temporary folder for the tools, with the runner that
/// bounds them; the folder goes when this is dropped.
pub(crate) struct Staged {
    pub runner: Runner,
    pub dir: tempfile::TempDir,
    /// The PDF, `input.pdf` in `dir`.
    pub path: std::path::PathBuf,
}

/// Checks that `bytes` are a PDF and writes them where the tools read them.
pub(crate) fn stage(bytes: &[u8], options: &ExtractOptions) -> Result<Staged> {
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let dir = tempfile::tempdir().map_err(temporary_file)?;
    let path = dir.path().join("input.pdf");
    std::fs::write(&path, bytes).map_err(temporary_file)?;
    Ok(Staged {
        runner: options.runner(),
        dir,
        path,
    })
}

/// A temporary file that could not be written or read.
pub(crate) fn temporary_file(source: std::io::Error) -> PdfError {
    PdfError::Io {
        tool: "temporary file",
        source,
    }
}

/// Extracts the text of every page of a PDF (see the crate documentation).
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<ExtractedPdf> {
    let Staged { runner, dir, path } = stage(bytes, options)?;
    let info = info::read(&runner, &path, options.limits.max_pages)?;
    let output = runner.run(
        PDFTOTEXT,
        ["-bbox-layout".as_ref(), path.as_os_str(), "-".as_ref()],
    )?;
    if !output.status.success() {
        return Err(file_error(&stderr_of(&output)));
    }
    let mut warnings = Vec::new();
    if !output.stderr.is_empty() {
        warnings.push(format!("pdftotext: {}", stderr_of(&output)));
    }
    let xhtml = String::from_utf8_lossy(&output.stdout);
    let mut radicals = 0;
    let mut pages: Vec<Page> = layout::page_texts(&layout::parse_bbox(&xhtml))
        .into_iter()
        .zip(1..)
        .map(|(text, number)| {
            let (text, folded) = radicals::fold(&text);
            radicals += folded;
            Page {
                number,
                text,
                source: PageSource::Text,
                warning: None,
            }
        })
        .collect();
    if radicals > 0 {
        warnings.push(format!(
            "{radicals} radical character(s) (U+2E80–U+2FDF) in the text layer read as the ideographs they stand for"
        ));
    }
    let blank = BlankPages {
        runner: &runner,
        info: &info,
        options,
        dir: dir.path(),
    };
    let ocr = blank.read(&path, &mut pages)?;
    let mut tools: Vec<String> = runner.version(PDFTOTEXT).into_iter().collect();
    if ocr {
        tools.extend(runner.version(TESSERACT));
    }
    if pages.iter().all(|p| p.source == PageSource::Empty) {
        return Err(if ocr {
            PdfError::NoText { pages: pages.len() }
        } else {
            PdfError::NeedsOcr { pages: pages.len() }
        });
    }
    Ok(ExtractedPdf {
        pages,
        warnings,
        tools,
    })
}

/// The error for a file poppler refused, from what it said.
pub(crate) fn file_error(stderr: &str) -> PdfError {
    let lower = stderr.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        PdfError::Encrypted
    } else {
        PdfError::Corrupt {
            detail: stderr.to_owned(),
        }
    }
}

/// What reading the pages without text needs.
struct BlankPages<'a> {
    runner: &'a Runner,
    info: &'a info::PdfInfo,
    options: &'a ExtractOptions,
    dir: &'a Path,
}

impl BlankPages<'_> {
    /// Reads the pages without text through OCR when it is available, else
    /// marks them empty with a warning. Returns whether OCR was available.
    /// A page too large to render within the pixel limit, or whose tools
    /// failed, gets a warning; the file's time running out is an error.
    fn read(&self, path: &Path, pages: &mut [Page]) -> Result<bool> {
        let blank: Vec<&mut Page> = pages
            .iter_mut()
            .filter(|p| p.text.trim().is_empty())
            .collect();
        if blank.is_empty() {
            return Ok(false);
        }
        let options = self.options;
        let available = options.ocr && self.runner.has_ocr_language(&options.ocr_language);
        for page in blank {
            page.text.clear();
            page.source = PageSource::Empty;
            if !available {
                page.warning = Some(format!(
                    "no text layer; OCR is needed: install Tesseract with apt-get install {}",
                    TESSERACT.packages
                ));
                continue;
            }
            let size = self.info.size(page.number);
            let resolution = match options.limits.ocr_resolution(options.ocr_dpi, size) {
                Ok(resolution) => resolution,
                Err(refusal) => {
                    page.warning = Some(format!("not read through OCR: {refusal}"));
                    continue;
                }
            };
            let lowered = resolution.lowered.then(|| {
                format!(
                    "rendered for OCR at {} dpi instead of {} to stay within {} pixels per page",
                    resolution.dpi, options.ocr_dpi, options.limits.max_page_pixels
                )
            });
            let read = ocr::ocr_page(
                self.runner,
                path,
                page.number,
                resolution.dpi,
                options,
                self.dir,
            );
            let problem = match read {
                Ok(read) if !read.text.trim().is_empty() => {
                    page.text = read.text;
                    page.source = PageSource::Ocr {
                        confidence: read.confidence,
                    };
                    None
                }
                Ok(_) => Some("no text layer, and OCR found no text".to_owned()),
                Err(error @ PdfError::FileTimeLimit { .. }) => return Err(error),
                Err(error) => Some(format!("OCR failed: {error}")),
            };
            let notes: Vec<String> = lowered.into_iter().chain(problem).collect();
            page.warning = (!notes.is_empty()).then(|| notes.join("; "));
        }
        Ok(available)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_known_by_its_header_not_its_name() {
        assert!(is_pdf(b"%PDF-1.7\n..."));
        assert!(is_pdf(b"\xef\xbb\xbf  junk before %PDF-1.4"));
        assert!(!is_pdf("青岛市人民政府公报".as_bytes()));
        assert!(!is_pdf(b""));
        let mut late = vec![b' '; 1030];
        late.extend_from_slice(b"%PDF-1.4");
        assert!(!is_pdf(&late));
    }

    #[test]
    fn pages_are_joined_with_form_feeds() {
        let page = |number, text: &str| Page {
            number,
            text: text.to_owned(),
            source: PageSource::Text,
            warning: None,
        };
        let pdf = ExtractedPdf {
            pages: vec![page(1, "一\n"), page(2, ""), page(3, "三")],
            warnings: Vec::new(),
            tools: Vec::new(),
        };
        assert_eq!(pdf.text(), "一\n\u{c}\u{c}三\n\u{c}");
        assert_eq!(pdf.report().pages[2].chars, 1);
    }

    #[test]
    fn poppler_refusals_are_told_apart() {
        assert!(matches!(
            file_error("Command Line Error: Incorrect password"),
            PdfError::Encrypted
        ));
        assert!(matches!(
            file_error("Syntax Error: Couldn't read xref table"),
            PdfError::Corrupt { .. }
        ));
    }
}
