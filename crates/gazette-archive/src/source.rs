//! A file's bytes → the text of an issue, whatever the file is: a PDF
//! (known by its content, not its name) goes through `gazette-pdf`, anything
//! else is decoded as text. `gazette parse` and ingest both read files here,
//! so they agree on what a file holds.

use gazette_model::Issue;
use gazette_pdf::{ExtractOptions, ExtractionReport};

/// What the store records as the encoding of an issue read from a PDF.
pub const PDF_ENCODING: &str = "pdf";

/// Why a file gives no issue text. The message holds the cause, so that
/// it reads whole in a per-file report.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// Text that could not be decoded.
    #[error("cannot parse: {0}")]
    Decode(gazette_parse::DecodeError),
    /// A PDF that could not be read.
    #[error("cannot read the PDF: {0}")]
    Pdf(gazette_pdf::PdfError),
}

/// The text of an issue and where it came from.
#[derive(Debug, Clone)]
pub struct IssueText {
    /// The text the parser reads and the documents' spans point into; a
    /// PDF's pages are ended by form feeds.
    pub text: String,
    /// The encoding the bytes were decoded from, or [`PDF_ENCODING`].
    pub encoding: &'static str,
    /// For a PDF: how each page was read.
    pub extraction: Option<ExtractionReport>,
    /// For a PDF: file and page warnings of the extraction, for people.
    pub warnings: Vec<String>,
}

impl IssueText {
    /// Reads `bytes` as a PDF or as text.
    pub fn read(bytes: &[u8]) -> Result<IssueText, SourceError> {
        if gazette_pdf::is_pdf(bytes) {
            let pdf = gazette_pdf::extract(bytes, &ExtractOptions::default())
                .map_err(SourceError::Pdf)?;
            return Ok(IssueText {
                text: pdf.text(),
                encoding: PDF_ENCODING,
                extraction: Some(pdf.report()),
                warnings: pdf.all_warnings(),
            });
        }
        let decoded = gazette_parse::decode(bytes).map_err(SourceError::Decode)?;
        Ok(IssueText {
            text: decoded.text,
            encoding: decoded.encoding,
            extraction: None,
            warnings: Vec::new(),
        })
    }

    /// Parses the text.
    pub fn parse(&self) -> Issue {
        gazette_parse::parse_text(&self.text)
    }
}
