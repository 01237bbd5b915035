//! `gazette parse` and `gazette ingest` on PDF files, beside text and bad
//! PDFs. Needs poppler-utils: skipped with a message without it, unless
//! `GAZETTE_REQUIRE_PDF_TOOLS=1`.

use std::process::Command;

use crate::{fixtures, gazette, sample, temp_file};

fn poppler() -> bool {
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        return true;
    }
    let required = std::env::var("GAZETTE_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "poppler-utils is missing: apt-get install poppler-utils"
    );
    eprintln!("skipped: poppler-utils is missing (apt-get install poppler-utils)");
    false
}

fn state_council_pdf() -> String {
    fixtures()
        .join("pdf/gbf-2021-43-web.pdf")
        .display()
        .to_string()
}

fn corrupt_pdf() -> String {
    let bytes = [b"%PDF-1.4\n".as_slice(), &[0x8f; 512], b"\n%%EOF\n"].concat();
    temp_file("corrupt.pdf", &bytes).display().to_string()
}

#[test]
fn parse_reads_a_pdf_and_reports_a_corrupt_one_by_name() {
    if !poppler() {
        return;
    }
    let corrupt = corrupt_pdf();
    let out = gazette(&[
        "parse",
        "--format",
        "summary",
        &state_council_pdf(),
        &corrupt,
    ]);
    assert!(!out.status.success(), "a file failed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Read by hand from the PDF: “国办发〔2021〕43 号”, “2021 年 10 月 28 日”.
    assert!(
        stdout.contains("国办发〔2021〕43号\t2021-10-28\t通知\t国务院办公厅关于印发“十四五”文物保护和科技创新规划的通知"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{corrupt}: cannot read the PDF: the PDF is corrupt or truncated"
        )),
        "{stderr}"
    );
}

#[test]
fn parse_json_of_a_pdf_has_pages_and_the_extraction() {
    if !poppler() {
        return;
    }
    let out = gazette(&["parse", "--format", "json", &state_council_pdf()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["encoding"], "pdf");
    assert_eq!(json["extraction"]["pages"][0]["source"]["kind"], "text");
    assert_eq!(json["documents"][0]["pages"]["first"], 1);
}

#[test]
fn ingest_takes_the_good_files_of_a_batch_and_fails_on_the_bad() {
    if !poppler() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data").display().to_string();
    let corrupt = corrupt_pdf();
    let out = gazette(&[
        "ingest",
        "--data",
        &data,
        &sample(),
        &state_council_pdf(),
        &corrupt,
    ]);
    assert!(
        !out.status.success(),
        "a file failed: the exit code says so"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 issue(s) added, 7 document(s)"),
        "{stdout}"
    );
    let all = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(all.contains("the PDF is corrupt or truncated"), "{all}");
}
