//! Export and import of a whole archive as JSON Lines.
//!
//! The export holds what cannot be derived: each issue's original bytes (as
//! hex, byte for byte) with its file name and, when known, the issue as
//! published (gazette, year, 期号, date, with the sources and conflicts
//! recorded at ingest, carried as they are), in ingest order, then every
//! status change with who recorded it and when. Documents, versions and the
//! search index are derived from those on import, exactly as on ingest, so
//! an import restores the same documents, ids, versions and histories.
//! The time each issue was ingested is not carried over: an import is a new
//! ingest.

use std::io::{BufRead, Write};

use gazette_model::{IssuePublication, StatusChange};
use gazette_store::WriteAudit;
use serde::{Deserialize, Serialize};

use crate::gazettes::GivenIssue;
use crate::{Archive, ArchiveReader, FileOutcome, Result};

/// Why an export or import failed.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// Reading or writing the stream failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// A line is not a record of this format.
    #[error("line {line}: {message}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One line of an export.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Record {
    /// An issue as published.
    Issue {
        file_name: String,
        sha256: String,
        bytes_hex: String,
        /// The issue as published, as recorded (absent in exports made
        /// before it was kept).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        publication: Option<IssuePublication>,
    },
    /// A status change of a document (by id, which is stable).
    Status {
        document: String,
        change: StatusChange,
    },
}

impl ArchiveReader {
    /// Writes the archive as JSON Lines; returns the number of lines.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<usize> {
        let mut lines = 0;
        for issue in self.store.issues()? {
            let Some(source) = self.store.issue_source(issue.id)? else {
                continue;
            };
            write_record(
                out,
                &Record::Issue {
                    file_name: issue.file_name,
                    sha256: issue.hash,
                    bytes_hex: hex::encode(&source.bytes),
                    publication: issue.publication,
                },
            )?;
            lines += 1;
        }
        for record in self.store.documents()? {
            for change in self.store.status_history(&record.id)? {
                write_record(
                    out,
                    &Record::Status {
                        document: record.id.clone(),
                        change,
                    },
                )?;
                lines += 1;
            }
        }
        Ok(lines)
    }
}

impl Archive {
    /// Writes the archive as JSON Lines; returns the number of lines.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<usize> {
        self.reads.export_jsonl(out)
    }

    /// Restores an export into this archive; returns the number of lines
    /// read. Issues already present are left as they are. Each issue and
    /// status change imported is audited as done by `actor`.
    pub fn import_jsonl(&mut self, input: &mut dyn BufRead, actor: &str) -> Result<usize> {
        let mut count = 0;
        for (i, line) in input.lines().enumerate() {
            let line = line.map_err(ExchangeError::Io)?;
            if line.trim().is_empty() {
                continue;
            }
            let bad = |message: String| ExchangeError::Line {
                line: i + 1,
                message,
            };
            let record: Record = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
            match record {
                Record::Issue {
                    file_name,
                    sha256: _,
                    bytes_hex,
                    publication,
                } => {
                    let bytes =
                        hex::decode(bytes_hex).map_err(|e| bad(format!("bytes_hex: {e}")))?;
                    let (stored, _) =
                        self.ingest_one(&file_name, &bytes, &GivenIssue::default(), actor)?;
                    if let FileOutcome::Failed { message } = stored.outcome {
                        return Err(bad(format!("{file_name}: {message}")).into());
                    }
                    // The publication as recorded then, not as the text
                    // alone gives it now.
                    if let (Some(issue_id), Some(publication)) = (stored.issue_id, publication) {
                        if self
                            .reads
                            .store
                            .issue(issue_id)?
                            .and_then(|i| i.publication)
                            != Some(publication.clone())
                        {
                            let audit = WriteAudit {
                                at: &crate::now(),
                                actor,
                                detail: Some(serde_json::json!({ "imported": true })),
                            };
                            self.store().set_issue_publication(
                                issue_id,
                                Some(&publication),
                                Some(&audit),
                            )?;
                        }
                    }
                }
                Record::Status { document, change } => {
                    let known = self.reads.store.status_history(&document)?;
                    if !known.contains(&change) {
                        let audit = WriteAudit {
                            at: &crate::now(),
                            actor,
                            detail: Some(serde_json::json!({
                                "status": change.status.code(),
                                "effective": change.effective,
                                "imported": true,
                            })),
                        };
                        self.store()
                            .record_status(&document, &change, Some(&audit))?;
                    }
                }
            }
            count += 1;
        }
        self.catch_up()?;
        Ok(count)
    }
}

fn write_record(out: &mut dyn Write, record: &Record) -> Result<()> {
    let line = serde_json::to_string(record).map_err(|e| ExchangeError::Io(e.into()))?;
    writeln!(out, "{line}").map_err(ExchangeError::Io)?;
    Ok(())
}
