//! Fixtures shared by the integration tests.

use std::path::PathBuf;

/// The repository's `tests/fixtures` directory.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The Qingdao sample issue, as published (UTF-8).
pub fn sample_bytes() -> Vec<u8> {
    std::fs::read(fixtures().join("qingdao-gazette-2019-issue.txt")).expect("sample fixture")
}

/// The sample issue's text.
pub fn sample_text() -> String {
    String::from_utf8(sample_bytes()).expect("sample is UTF-8")
}
