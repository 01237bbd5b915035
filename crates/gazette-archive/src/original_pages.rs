//! Part of an issue's original PDF: pages `first` to `last` as a PDF of
//! their own (issue 16 §1: an issue downloadable whole and by page range),
//! cut out by `gazette-pdf` with its default limits.
//!
//! Not for: which pages a document or a 目录 entry is on (the parse and the
//! pages say that), nor serving the file.

use gazette_pdf::PdfError;

use crate::types::IssueRecord;
use crate::{ArchiveError, ArchiveReader, ExtractOptions, InvalidInput, Result, PDF_ENCODING};

impl ArchiveReader {
    /// Pages `first` to `last` (1-based, inclusive) of issue `issue_id`'s
    /// original PDF, with the issue's record; `None` for an unknown issue.
    /// Fails with [`InvalidInput::Parameter`] for an issue that is text
    /// (it has no pages) or pages the PDF does not have.
    pub fn issue_original_pages(
        &self,
        issue_id: i64,
        first: u32,
        last: u32,
    ) -> Result<Option<(IssueRecord, Vec<u8>)>> {
        let Some((record, bytes)) = self.issue_original(issue_id)? else {
            return Ok(None);
        };
        if record.encoding != PDF_ENCODING {
            return Err(InvalidInput::Parameter(format!(
                "pages: issue {issue_id} was published as text, not as a PDF; it has no pages"
            ))
            .into());
        }
        match gazette_pdf::page_range(&bytes, first, last, &ExtractOptions::default()) {
            Ok(pages) => Ok(Some((record, pages))),
            Err(error @ PdfError::PageRange { .. }) => {
                Err(InvalidInput::Parameter(format!("pages: {error}")).into())
            }
            Err(error) => Err(ArchiveError::Pdf(error)),
        }
    }
}
