//! Fixtures and helpers shared by the tests (the story suite of
//! `gazette-store` has the same fixtures for both backends).

use std::path::PathBuf;

use gazette_model::{Issue, NaiveDate, Status, StatusChange};
use gazette_store::{IngestOutcome, NewIssue, Store};
use gazette_store_sqlite::SqliteStore;

/// The ids of the sample's documents: `d` + 12 hex digits of the SHA-256 of
/// the 发文字号, or of the sample's hash and `:6` for the unnumbered 任免
/// list.
pub const SAMPLE_IDS: [&str; 6] = [
    "db32c427dd89a", // 青政字〔2019〕16号
    "d4aac986e929a", // 青政办发〔2019〕4号
    "defd99f2e74b5", // 青政办字〔2019〕30号
    "d6d5d3f594143", // 青政办字〔2019〕31号
    "d885944f5caec", // 青政办字〔2019〕33号
    "dff9bf5540d47", // the 任免 list, sixth of the sample
];

/// The sample issue's bytes, as published (UTF-8).
pub fn sample_bytes() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/qingdao-gazette-2019-issue.txt");
    std::fs::read(path).expect("sample fixture")
}

/// An issue file and what the parser makes of it.
pub struct Parsed {
    pub bytes: Vec<u8>,
    pub text: String,
    pub encoding: &'static str,
    pub issue: Issue,
}

impl Parsed {
    pub fn new(bytes: Vec<u8>) -> Parsed {
        let (issue, encoding) = gazette_parse::parse_bytes(&bytes).expect("parsable issue");
        let text = gazette_parse::decode(&bytes).expect("decodable").text;
        Parsed {
            bytes,
            text,
            encoding,
            issue,
        }
    }

    pub fn sample() -> Parsed {
        Parsed::new(sample_bytes())
    }

    pub fn new_issue<'a>(&'a self, file_name: &'a str) -> NewIssue<'a> {
        NewIssue {
            file_name,
            bytes: &self.bytes,
            encoding: self.encoding,
            text: &self.text,
            issue: &self.issue,
            extraction: None,
        }
    }
}

/// Adds `parsed` to `store` under `file_name`.
pub fn add(store: &mut SqliteStore, parsed: &Parsed, file_name: &str) -> IngestOutcome {
    store
        .add_issue(&parsed.new_issue(file_name), None)
        .expect("ingest succeeds")
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

pub fn change(status: Status, effective: NaiveDate, recorded_at: &str) -> StatusChange {
    StatusChange {
        status,
        effective,
        reason: Some("test".to_owned()),
        by_document: None,
        recorded_by: "tester".to_owned(),
        recorded_at: recorded_at.to_owned(),
    }
}
