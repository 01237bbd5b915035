//! A file's bytes → the text of an issue, whatever the file is: a PDF
//! (known by its content, not its name) goes through `gazette-pdf`, an HTML
//! page (known by its content too) through `gazette-html`, anything else is
//! decoded as text. `gazette parse` and ingest both read files here, so
//! they agree on what a file holds; reindex reads stored issues here too
//! (`parse_stored`), so it gives what ingest gave.

use gazette_model::{Issue, PublishedMeta, TextForm};
use gazette_pdf::{ExtractOptions, ExtractionReport};

/// What the store records as the encoding of an issue read from a PDF.
pub const PDF_ENCODING: &str = "pdf";

/// How the store's encoding of an issue read from an HTML page begins:
/// `html` for a UTF-8 page, `html/gbk`, `html/gb18030` … for others.
pub const HTML_ENCODING: &str = "html";

/// Whether a stored encoding says the original is an HTML page.
pub fn is_html_encoding(encoding: &str) -> bool {
    encoding == HTML_ENCODING || encoding.starts_with("html/")
}

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
    /// An HTML page that could not be decoded.
    #[error("cannot read the HTML page: {0}")]
    Html(gazette_html::HtmlError),
}

/// The text of an issue and where it came from.
#[derive(Debug, Clone)]
pub struct IssueText {
    /// The text the parser reads and the documents' spans point into; a
    /// PDF's pages are ended by form feeds; an HTML page's main content
    /// rendered one block per line.
    pub text: String,
    /// The encoding the bytes were decoded from, [`PDF_ENCODING`], or
    /// [`HTML_ENCODING`] with the page's charset (`html/gbk`).
    pub encoding: &'static str,
    /// For a PDF: how each page was read.
    pub extraction: Option<ExtractionReport>,
    /// For a PDF: file and page warnings of the extraction, for people.
    pub warnings: Vec<String>,
    /// For an HTML page: its metadata table (索引号, 发布日期 …), given to
    /// the document it describes.
    pub meta: Option<PublishedMeta>,
}

impl IssueText {
    /// Reads `bytes` as a PDF, an HTML page or text, a PDF with the
    /// default options and limits.
    pub fn read(bytes: &[u8]) -> Result<IssueText, SourceError> {
        IssueText::read_with(bytes, &ExtractOptions::default())
    }

    /// [`IssueText::read`] of bytes the caller gives away: a text file in
    /// UTF-8 becomes the text without being copied (the memory of a large
    /// file is not needed twice).
    pub fn read_owned(bytes: Vec<u8>) -> Result<IssueText, SourceError> {
        if gazette_pdf::is_pdf(&bytes) || gazette_html::is_html(&bytes) {
            return IssueText::read(&bytes);
        }
        gazette_parse::decode_owned(bytes)
            .map(IssueText::plain)
            .map_err(SourceError::Decode)
    }

    /// Decoded plain text: no extraction, no page metadata.
    fn plain(decoded: gazette_parse::Decoded) -> IssueText {
        IssueText {
            text: decoded.text,
            encoding: decoded.encoding,
            extraction: None,
            warnings: Vec::new(),
            meta: None,
        }
    }

    /// Reads `bytes` as a PDF (extracted with `options`, within their
    /// limits), an HTML page or text.
    pub fn read_with(bytes: &[u8], options: &ExtractOptions) -> Result<IssueText, SourceError> {
        if gazette_pdf::is_pdf(bytes) {
            let pdf = gazette_pdf::extract(bytes, options).map_err(SourceError::Pdf)?;
            return Ok(IssueText {
                text: pdf.text(),
                encoding: PDF_ENCODING,
                extraction: Some(pdf.report()),
                warnings: pdf.all_warnings(),
                meta: None,
            });
        }
        if gazette_html::is_html(bytes) {
            let decoded = gazette_html::decode(bytes).map_err(SourceError::Html)?;
            let page = gazette_html::render(&decoded.html);
            return Ok(IssueText {
                text: page.text,
                encoding: decoded.encoding,
                extraction: None,
                warnings: Vec::new(),
                meta: page.meta,
            });
        }
        gazette_parse::decode(bytes)
            .map(IssueText::plain)
            .map_err(SourceError::Decode)
    }

    /// Parses the text, with the page's metadata for an HTML page.
    pub fn parse(&self) -> Issue {
        if is_html_encoding(self.encoding) {
            gazette_parse::parse_with_meta(&self.text, TextForm::Html, self.meta.clone())
        } else {
            gazette_parse::parse_text(&self.text)
        }
    }
}

/// Parses a stored issue: its text as stored (the documents' spans point
/// into it), with, for an HTML page, the metadata read again from the
/// stored original, so that reindex gives what ingest gave.
pub(crate) fn parse_stored(encoding: &str, bytes: &[u8], text: &str) -> Issue {
    if !is_html_encoding(encoding) {
        return gazette_parse::parse_text(text);
    }
    let meta = gazette_html::decode(bytes)
        .ok()
        .and_then(|decoded| gazette_html::render(&decoded.html).meta);
    gazette_parse::parse_with_meta(text, TextForm::Html, meta)
}
