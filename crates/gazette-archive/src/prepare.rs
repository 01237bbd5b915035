//! The half of ingest that needs no archive: a file's bytes read (a PDF's
//! text extracted, with its limits), parsed and checked into a
//! [`PreparedIssue`], ready for [`crate::Archive::store_prepared`].
//!
//! The server prepares an upload before it takes the archive's single
//! writer, so that a slow extraction (OCR of many pages) never holds back
//! another client's write; `gazette ingest` prepares and stores file by
//! file. This module stores nothing.

use gazette_model::{Issue, IssuePublication};
use gazette_pdf::ExtractOptions;

use crate::gazettes::{publication_of, GivenIssue};
use crate::IssueText;

/// A file read and parsed, with everything the store needs of it.
#[derive(Debug, Clone)]
pub struct PreparedIssue {
    /// The text and where it came from.
    pub source: IssueText,
    /// The parse of the text; it has at least one document.
    pub issue: Issue,
    /// Warnings of the parse and of the extraction.
    pub warnings: usize,
    /// The PDF extraction report as the store keeps it (JSON).
    pub extraction: Option<String>,
    /// The gazette and the issue's place in it: what the text prints,
    /// merged with what the uploader gave ([`PreparedIssue::given`]).
    pub publication: Option<IssuePublication>,
    /// What the uploader gave (nothing unless [`PreparedIssue::given`]).
    pub given: GivenIssue,
}

impl PreparedIssue {
    /// Reads `bytes` (a PDF within `options`' limits, an HTML page or text)
    /// and parses them; the message says why a file is not an issue.
    pub fn read(bytes: &[u8], options: &ExtractOptions) -> Result<PreparedIssue, String> {
        let source = IssueText::read_with(bytes, options).map_err(|error| error.to_string())?;
        let issue = source.parse();
        if issue.documents.is_empty() {
            return Err(
                "no document found in the text (no title with a 发文字号 or date line)".to_owned(),
            );
        }
        let warnings = issue
            .documents
            .iter()
            .map(|d| d.warnings.len())
            .sum::<usize>()
            + issue.warnings.len()
            + source.warnings.len();
        let extraction = match source.extraction.as_ref().map(serde_json::to_string) {
            Some(Ok(json)) => Some(json),
            Some(Err(error)) => return Err(format!("cannot record the PDF extraction: {error}")),
            None => None,
        };
        let publication = publication_of(&issue, &GivenIssue::default());
        Ok(PreparedIssue {
            source,
            issue,
            warnings,
            extraction,
            publication,
            given: GivenIssue::default(),
        })
    }

    /// The same issue with what the uploader says of it (gazette, 期号,
    /// date) merged over what it prints; see [`crate::gazettes`].
    pub fn given(mut self, given: &GivenIssue) -> PreparedIssue {
        self.publication = publication_of(&self.issue, given);
        self.given = given.clone();
        self
    }
}
