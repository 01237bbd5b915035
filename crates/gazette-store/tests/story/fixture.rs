//! The fixtures every store test uses, whatever the backend: the sample
//! issue, what the parser makes of it, status changes. Shared by the story
//! suite and `gazette-store-sqlite`'s own tests (included by path).

use std::path::PathBuf;

use gazette_model::{Issue, NaiveDate, Status, StatusChange};
use gazette_store::{IngestOutcome, NewIssue, Store};

/// The sample's SHA-256, from `sha256sum`.
pub const SAMPLE_HASH: &str = "877b8b4c3caaefcbee0584afcc98ea1f3b8378041d78e29e01487c35305ec8c0";

/// The sample's size, from `wc -c`.
pub const SAMPLE_LEN: usize = 73_798;

/// The ids of the sample's documents: `d` + 12 hex digits of the SHA-256 of
/// the 发文字号, or of `{SAMPLE_HASH}:6` for the unnumbered 任免 list.
pub const SAMPLE_IDS: [&str; 6] = [
    "db32c427dd89a", // 青政字〔2019〕16号
    "d4aac986e929a", // 青政办发〔2019〕4号
    "defd99f2e74b5", // 青政办字〔2019〕30号
    "d6d5d3f594143", // 青政办字〔2019〕31号
    "d885944f5caec", // 青政办字〔2019〕33号
    "dff9bf5540d47", // the 任免 list, sixth of the sample
];

/// The slugs of the sample's documents when it is the first issue.
pub const SAMPLE_SLUGS: [&str; 6] = [
    "2019-青政字-16",
    "2019-青政办发-4",
    "2019-青政办字-30",
    "2019-青政办字-31",
    "2019-青政办字-33",
    "1-6",
];

/// Index in the sample of the 2019 政务公开 notice, 青政办字〔2019〕31号.
pub const OPEN_GOVERNMENT: usize = 3;

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
            publication: None,
        }
    }
}

/// Adds `parsed` to `store` under `file_name`.
pub fn add(store: &mut dyn Store, parsed: &Parsed, file_name: &str) -> IngestOutcome {
    store
        .add_issue(&parsed.new_issue(file_name), None)
        .expect("ingest succeeds")
}

/// The 政务公开 notice alone (lines 179–307 of the sample), with its
/// instruction edited: 请认真贯彻执行 → 请结合实际认真贯彻执行.
pub fn edited_open_government_notice() -> Parsed {
    let bytes = sample_bytes();
    let text = std::str::from_utf8(&bytes).expect("sample is UTF-8");
    let notice: String = text
        .lines()
        .skip(178)
        .take(129)
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(notice.starts_with("青岛市人民政府办公厅关于印发 2019年青岛市政务公开工作要点的通知"));
    let edited = notice.replace("请认真贯彻执行", "请结合实际认真贯彻执行");
    assert_ne!(edited, notice, "the edit applies");
    Parsed::new(edited.into_bytes())
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
