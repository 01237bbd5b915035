//! What goes into the store and what comes out: plain data, the same for
//! every backend. The records serialize to JSON for the API and the CLI.

use gazette_model::{Document, Issue, IssuePublication, Status};
use serde::Serialize;

/// An issue to add: the file as published and what the parser made of it.
#[derive(Debug, Clone, Copy)]
pub struct NewIssue<'a> {
    /// The file's name as given, for people (not unique, not a key).
    pub file_name: &'a str,
    /// The bytes as published; their SHA-256 identifies the issue.
    pub bytes: &'a [u8],
    /// The encoding the bytes were decoded from (`UTF-8`, `gb18030` …).
    pub encoding: &'a str,
    /// The decoded text, which the documents' spans point into.
    pub text: &'a str,
    /// The parsed issue.
    pub issue: &'a Issue,
    /// For an issue read from a PDF, how its pages were read (JSON, kept
    /// as given; see `gazette-pdf`'s `ExtractionReport`).
    pub extraction: Option<&'a str>,
    /// The gazette and the issue's place in it (year, 期号, date), when
    /// printed or given; stored with the issue.
    pub publication: Option<&'a IssuePublication>,
}

/// What [`crate::Store::add_issue`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum IngestOutcome {
    /// The issue is new and was stored with its documents.
    Added {
        /// The new issue's id.
        issue_id: i64,
        /// The ids of its documents, in issue order.
        documents: Vec<String>,
        /// Those of `documents` that were already known: they got a new
        /// version (above 1).
        new_versions: Vec<String>,
    },
    /// The same bytes were stored before; nothing changed.
    AlreadyPresent {
        /// The id of the issue stored then.
        issue_id: i64,
    },
}

impl IngestOutcome {
    /// The id of the issue, new or already present.
    pub fn issue_id(&self) -> i64 {
        match self {
            IngestOutcome::Added { issue_id, .. } | IngestOutcome::AlreadyPresent { issue_id } => {
                *issue_id
            }
        }
    }
}

/// A stored issue, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueRecord {
    /// The issue id, in order of ingest from 1.
    pub id: i64,
    /// SHA-256 of the bytes, lowercase hex.
    pub hash: String,
    /// The file name given at ingest. Serialized without any directory
    /// (archives made before ingest kept only the file's own name held
    /// paths), so that no answer shows where a file lay.
    #[serde(serialize_with = "own_name")]
    pub file_name: String,
    /// The encoding the bytes were decoded from.
    pub encoding: String,
    /// When the issue was ingested (RFC 3339, UTC).
    pub ingested_at: String,
    /// How many documents the issue holds now (after any reindex).
    pub documents: usize,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// The gazette and the issue's place in it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication: Option<IssuePublication>,
}

/// An issue as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSource {
    /// The bytes, identical to those ingested.
    pub bytes: Vec<u8>,
    /// The decoded text the documents' spans point into.
    pub text: String,
}

/// One version of a stored document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRecord {
    /// The stable id (`d` + 12 hex digits), shared by all versions.
    pub id: String,
    /// The readable, URL-safe name, shared by all versions.
    pub slug: String,
    /// The issue this version was printed in.
    pub issue_id: i64,
    /// Position in that issue, from 1 (the parser's `d1`, `d2` …).
    pub ordinal: usize,
    /// The version, from 1 in order of ingest.
    pub version: u32,
    /// The parsed document.
    pub document: Document,
    /// The document's own slice of the issue text, as published.
    pub text: String,
    /// The document's status today (China Standard Time) by its history;
    /// the same for every version.
    pub status: Status,
}

/// What happened to a document at a point of the change sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The document was stored for the first time.
    Added,
    /// Another issue printed it again: it got a new version.
    NewVersion,
    /// A status change was recorded.
    Status,
    /// Its issue was reindexed: the document was re-parsed, or is gone from
    /// the issue (then it may have no version left).
    Replaced,
}

impl ChangeKind {
    /// Every kind.
    pub const ALL: [ChangeKind; 4] = [
        ChangeKind::Added,
        ChangeKind::NewVersion,
        ChangeKind::Status,
        ChangeKind::Replaced,
    ];

    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::NewVersion => "new_version",
            ChangeKind::Status => "status",
            ChangeKind::Replaced => "replaced",
        }
    }

    /// Reads a code written by [`ChangeKind::code`].
    pub fn parse(code: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// One entry of the change sequence.
///
/// A reader of the sequence (the search index) re-reads the document by id:
/// [`crate::Store::document`] returning `None` means it is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Position in the sequence; only grows.
    pub seq: i64,
    /// The document that changed.
    pub document_id: String,
    /// What happened to it.
    pub kind: ChangeKind,
}

/// How much the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Issues.
    pub issues: usize,
    /// Documents (each counted once, whatever its number of versions).
    pub documents: usize,
    /// Versions of documents, all together.
    pub versions: usize,
}

/// A file name without its directories, whatever the separator.
fn own_name<S: serde::Serializer>(name: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(name.rsplit(['/', '\\']).next().unwrap_or(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_record_shows_its_file_without_directories() {
        let record = IssueRecord {
            id: 49,
            hash: "00".to_owned(),
            file_name: "/srv/data/govcn/govcn-row60.txt".to_owned(),
            encoding: "UTF-8".to_owned(),
            ingested_at: "2026-01-01T00:00:00Z".to_owned(),
            documents: 1,
            bytes: 10,
            publication: None,
        };
        let json = serde_json::to_value(&record).expect("JSON");
        assert_eq!(json["file_name"], "govcn-row60.txt");
        assert!(json.get("publication").is_none());
    }

    #[test]
    fn change_kinds_read_back_their_codes() {
        for kind in ChangeKind::ALL {
            assert_eq!(ChangeKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(ChangeKind::parse("deleted"), None);
    }

    #[test]
    fn outcomes_serialize_with_a_tag() {
        let outcome = IngestOutcome::AlreadyPresent { issue_id: 3 };
        let json = serde_json::to_string(&outcome).expect("serialize");
        assert_eq!(json, r#"{"outcome":"already_present","issue_id":3}"#);
        assert_eq!(outcome.issue_id(), 3);
    }
}

/// What [`crate::Store::backup_to`] copied: the store as of one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The file written.
    pub path: std::path::PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The identity of the store copied (the copy keeps it).
    pub store_id: String,
    /// The last position of the change sequence in the copy.
    pub last_seq: i64,
    /// What the copy holds.
    pub counts: Counts,
}
