//! `gazette ingest --gazette --issue --published --frequency`: the sample
//! (which prints no 期号 or date) recorded as 青岛市人民政府公报 2019年第7期,
//! carried by `gazette export`; a printed number that disagrees is warned
//! of; an issue number for several files, or one that is not one, refused.

use serde_json::Value;

use crate::archive::{gazette, sample};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_sample_is_recorded_as_the_issue_given_and_exported_with_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = gazette(
        &data,
        &[
            "ingest",
            &sample().display().to_string(),
            "--gazette",
            "青岛市人民政府公报",
            "--issue",
            "2019-7",
            "--published",
            "2019-07-20",
            "--frequency",
            "半月刊",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let export = dir.path().join("archive.jsonl");
    let out = gazette(&data, &["export", "-o", &export.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&export).expect("export");
    let issue: Value = serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
    assert_eq!(issue["kind"], "issue");
    assert_eq!(issue["file_name"], "qingdao-gazette-2019-issue.txt");
    let p = &issue["publication"];
    assert_eq!(p["gazette"]["name"], "青岛市人民政府公报");
    assert_eq!(p["gazette"]["frequency"], "semimonthly");
    assert_eq!(
        (p["year"].as_i64(), p["number"].as_i64()),
        (Some(2019), Some(7))
    );
    assert_eq!(p["published"], "2019-07-20");
}

#[test]
fn a_printed_number_that_differs_is_warned_of() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::fs::read_to_string(sample()).expect("sample");
    let file = dir.path().join("printed.txt");
    std::fs::write(
        &file,
        format!("青岛市人民政府公报　2019年第8期\n\n{sample}"),
    )
    .expect("write");
    let out = gazette(
        &dir.path().join("data"),
        &["ingest", &file.display().to_string(), "--issue", "2019-7"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(
        all.contains("number is printed as 8 but given as 7"),
        "{all}"
    );
}

#[test]
fn an_issue_number_for_several_files_or_not_a_number_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let sample = sample().display().to_string();
    let out = gazette(&data, &["ingest", &sample, &sample, "--issue", "2019-7"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("one file only"), "{}", stderr(&out));
    let out = gazette(&data, &["ingest", &sample, "--issue", "七"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("issue: “七”"), "{}", stderr(&out));
}
