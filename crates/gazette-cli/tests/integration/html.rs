//! HTML pages through `gazette parse`: known by their content, parsed
//! beside text, their metadata table in the JSON as `published_meta`.

use crate::{fixtures, gazette, sample};

fn page(stem: &str) -> String {
    fixtures()
        .join(format!("govcn/html/{stem}.html"))
        .display()
        .to_string()
}

#[test]
fn parse_json_of_a_page_has_its_form_and_published_meta() {
    let out = gazette(&["parse", &page("govcn-row44"), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["encoding"], "html");
    assert_eq!(json["form"], "html");
    let doc = &json["documents"][0];
    assert_eq!(doc["doc_number"], "国函〔2006〕132号");
    // Read by hand from the page's table.
    let meta = &doc["published_meta"];
    assert_eq!(meta["source"], "html_table");
    assert_eq!(meta["index_number"], "000014349/2006-00209");
    assert_eq!(meta["topic"], "港澳台侨工作\\港澳工作");
    assert_eq!(meta["written"], "2006-12-30");
    assert_eq!(meta["published"], "2018-12-03");
}

#[test]
fn pages_and_text_parse_side_by_side() {
    let out = gazette(&[
        "parse",
        &page("govcn-row01"),
        &sample(),
        "--format",
        "summary",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        stdout.contains("govcn-row01.html: 1 document(s)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("国发〔2019〕5号\t2019-01-27\t意见"),
        "{stdout}"
    );
    assert!(
        stdout.contains("qingdao-gazette-2019-issue.txt: 6 document(s)"),
        "{stdout}"
    );
}
