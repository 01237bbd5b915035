//! The normative-document ledger (规范性文件台账) as page, JSON and CSV: the
//! sample issue, a later notice that repeals 青政办字〔2019〕30号 (written
//! for the validity tests), and gov.cn documents — two kept, a 复函 and a
//! 解读 left out. Expected values were read by hand from the texts.

use crate::common::{fixture_bytes, sample_bytes, Fixture};
use crate::validity::REPEALING;

fn fixture() -> Fixture {
    let mut issues = vec![
        ("qingdao-2019.txt".to_owned(), sample_bytes()),
        ("later.txt".to_owned(), REPEALING.as_bytes().to_vec()),
    ];
    for name in [
        "govcn/govcn-row35.txt",
        "govcn/govcn-row40.txt",
        "govcn/govcn-row24.txt",
        "interpretation/govcn-row35-jiedu.txt",
    ] {
        let file = name.rsplit('/').next().expect("a file name").to_owned();
        issues.push((file, fixture_bytes(name)));
    }
    Fixture::with_issues(&issues)
}

#[tokio::test]
async fn the_ledger_as_json_lists_bodies_documents_statuses_and_evidence() {
    let fixture = fixture();
    let json = fixture.get("/api/v1/ledger").await.json();
    let bodies: Vec<&str> = json["bodies"]
        .as_array()
        .expect("bodies")
        .iter()
        .map(|b| b["body"].as_str().expect("name"))
        .collect();
    assert_eq!(
        bodies,
        [
            "国务院",
            "国务院办公厅",
            "青岛市人民政府",
            "青岛市人民政府办公厅"
        ]
    );
    // 5 of the sample's 6 documents (not the 任免 list), the later notice,
    // 国发〔1981〕88号 and 国办发〔2018〕115号; not the 复函 or the 解读.
    assert_eq!(json["total"], 8);
    let office = &json["bodies"][3];
    let numbers: Vec<&str> = office["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|e| e["document"]["doc_number"].as_str().expect("number"))
        .collect();
    assert_eq!(
        numbers,
        [
            "青政办字〔2019〕30号",
            "青政办发〔2019〕4号",
            "青政办字〔2019〕31号",
            "青政办字〔2019〕33号",
            "青政办字〔2020〕12号",
        ]
    );
    let repealed = &office["documents"][0];
    assert_eq!(repealed["validity"]["status"], "repealed");
    assert_eq!(repealed["validity"]["source"], "derived");
    assert_eq!(repealed["validity"]["evidence"][0]["kind"], "repeal");
    assert_eq!(
        repealed["validity"]["evidence"][0]["document"]["doc_number"],
        "青政办字〔2020〕12号"
    );
    assert_eq!(repealed["changes"][0]["status"], "repealed");
    assert_eq!(repealed["changes"][0]["effective"], "2020-06-01");
    assert_eq!(repealed["dates"]["written"], "2019-06-24");
    let rates = &office["documents"][1];
    assert_eq!(rates["dates"]["takes_effect"], "2019-05-01");
    assert_eq!(rates["validity"]["status"], "unverified");
    assert_eq!(office["statuses"]["repealed"], 1);
    let old = &json["bodies"][0]["documents"][0];
    assert_eq!(old["document"]["doc_number"], "国发〔1981〕88号");
    assert_eq!(old["validity"]["summary"], "未核实");
}

#[tokio::test]
async fn the_ledger_as_csv_has_a_bom_chinese_headers_and_one_row_per_document() {
    let fixture = fixture();
    let reply = fixture.get("/api/v1/ledger?format=csv").await;
    assert_eq!(reply.media_type(), "text/csv");
    let text = reply.text();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "制发主体,发文字号,标题,文种,成文日期,发布日期,施行日期,有效期至,效力状态,状态来源,状态说明,依据,状态变更,链接"
    );
    assert_eq!(lines.len(), 1 + 8);
    let repealed = lines
        .iter()
        .find(|l| l.contains("青政办字〔2019〕30号,"))
        .expect("30号's row");
    assert!(
        repealed.starts_with("青岛市人民政府办公厅,青政办字〔2019〕30号,"),
        "{repealed}"
    );
    assert!(repealed.contains(",2019-06-24,"), "{repealed}");
    assert!(
        repealed.contains(",已废止,文本推定,已废止：青政办字〔2020〕12号 二,"),
        "{repealed}"
    );
    assert!(
        repealed.contains("青政办字〔2020〕12号：") && repealed.contains("同时废止"),
        "{repealed}"
    );
    assert!(repealed.contains("2020-06-01起已废止"), "{repealed}");
    assert!(
        !text.contains("国办函〔2004〕36号"),
        "a 复函 is no 规范性文件"
    );
    assert!(!text.contains(",解读,"), "a 解读 is no 规范性文件");
}

#[tokio::test]
async fn the_ledger_page_lists_the_bodies_and_their_documents() {
    let fixture = fixture();
    let page = fixture.get("/ledger").await.text();
    assert!(page.contains("<h1>规范性文件台账</h1>"), "{page}");
    assert!(page.contains("制发主体清单"));
    assert!(
        page.contains("href=\"#body-4\">青岛市人民政府办公厅</a>"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"body-4\">青岛市人民政府办公厅</h2>"));
    assert!(page.contains("青政办字〔2019〕30号"));
    assert!(page.contains("已废止：青政办字〔2020〕12号 二"));
    assert!(page.contains("2020-06-01 起 已废止"));
    assert!(page.contains("href=\"/api/v1/ledger?format=csv\""));
    assert!(!page.contains("国办函〔2004〕36号"));
}

#[tokio::test]
async fn an_unknown_format_is_a_problem() {
    fixture()
        .get("/api/v1/ledger?format=xlsx")
        .await
        .assert_problem(400, "bad_parameter");
}

/// The sample uploaded as an issue published on 2019-07-20 (its text
/// prints no date): its documents' 发布日期 is the issue's, in the document
/// answer, the document page and the ledger.
#[tokio::test]
async fn the_published_date_falls_back_to_the_issue_s() {
    use gazette_archive::types::TokenScope;

    use crate::common::enc;

    let fixture = Fixture::with_issues(&[]);
    let token = fixture.token("clerk", TokenScope::Write);
    let url = format!(
        "/api/v1/issues?name=2019-07.txt&gazette={}&issue=2019-7&published=2019-07-20",
        enc("青岛市人民政府公报")
    );
    let reply = fixture.post(&url, Some(&token), sample_bytes()).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let json = fixture
        .get(&format!("/api/v1/documents/{}", enc("青政办发〔2019〕4号")))
        .await
        .json();
    assert_eq!(json["dates"]["published"], "2019-07-20");
    assert_eq!(json["dates"]["published_from"], "issue");
    let page = fixture
        .get(json["links"]["html"].as_str().expect("page"))
        .await
        .text();
    assert!(
        page.contains("<dd data-field=\"published\">2019-07-20（所在期次的出版日期）</dd>"),
        "{page}"
    );
    let ledger = fixture.get("/api/v1/ledger").await.json();
    let rates = &ledger["bodies"][1]["documents"][1];
    assert_eq!(rates["document"]["doc_number"], "青政办发〔2019〕4号");
    assert_eq!(rates["dates"]["published"], "2019-07-20");
}
