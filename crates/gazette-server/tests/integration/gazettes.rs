//! 刊 → 年 → 期 → 目录 through HTTP: the sample uploaded as
//! 青岛市人民政府公报 2019年第7期 (published 2019-07-20; its text prints
//! neither), an issue of two gov.cn documents as 2019年第9期, and what the
//! API and the pages answer: the gazette with its years, the missing 期号
//! (1–6 and 8), the 目录 in issue order, and no server path anywhere.
//! Expected values were read by hand from the fixtures.

use gazette_archive::types::TokenScope;
use serde_json::Value;

use crate::common::{enc, fixture_bytes, sample_bytes, Fixture};

const GAZETTE: &str = "青岛市人民政府公报";

/// The archive with both issues uploaded; the sample under a name with
/// directories, which must never be shown.
async fn two_issues() -> Fixture {
    let fixture = Fixture::with_issues(&[]);
    let token = fixture.token("clerk", TokenScope::Write);
    let url = format!(
        "/api/v1/issues?name={}&gazette={}&issue=2019-7&published=2019-07-20",
        enc("/srv/uploads/qingdao/2019-07.txt"),
        enc(GAZETTE)
    );
    let reply = fixture.post(&url, Some(&token), sample_bytes()).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let issue = &reply.json()["issue"];
    assert_eq!(issue["label"], "青岛市人民政府公报 2019年第7期");
    assert_eq!(issue["file_name"], "2019-07.txt");
    assert_eq!(issue["publication"]["sources"]["number"], "given");
    let second = [
        fixture_bytes("govcn/govcn-row01.txt"),
        b"\n\n".to_vec(),
        fixture_bytes("govcn/govcn-row02.txt"),
    ]
    .concat();
    let url = format!(
        "/api/v1/issues?name=second.txt&gazette={}&issue=2019-9",
        enc(GAZETTE)
    );
    let reply = fixture.post(&url, Some(&token), second).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    fixture
}

fn numbers(values: &Value) -> Vec<u64> {
    values
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_u64().expect("a number"))
        .collect()
}

#[tokio::test]
async fn the_api_lists_the_gazette_its_years_issues_and_missing_numbers() {
    let fixture = two_issues().await;
    let list = fixture.get("/api/v1/gazettes").await.json();
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], GAZETTE);
    assert_eq!(items[0]["publisher"], "青岛市人民政府");
    assert_eq!(items[0]["issues"], 2);
    assert_eq!(items[0]["years"][0]["year"], 2019);
    assert_eq!(
        numbers(&items[0]["years"][0]["missing"]),
        [1, 2, 3, 4, 5, 6, 8]
    );

    let year_url = format!("/api/v1/gazettes/{}/2019", enc(GAZETTE));
    assert_eq!(items[0]["years"][0]["api_url"], year_url.as_str());
    let year = fixture.get(&year_url).await.json();
    let held: Vec<u64> = year["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| i["number"].as_u64().expect("a number"))
        .collect();
    assert_eq!(held, [7, 9]);
    assert_eq!(year["issues"][0]["published"], "2019-07-20");
    assert_eq!(numbers(&year["missing"]), [1, 2, 3, 4, 5, 6, 8]);
}

#[tokio::test]
async fn an_issue_answers_with_its_contents_in_issue_order() {
    let fixture = two_issues().await;
    let issue = fixture
        .get(&format!("/api/v1/gazettes/{}/2019/7", enc(GAZETTE)))
        .await
        .json();
    assert_eq!(issue["label"], "青岛市人民政府公报 2019年第7期");
    assert_eq!(issue["publication"]["published"], "2019-07-20");
    let contents: Vec<&str> = issue["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|e| e["doc_number"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        contents,
        [
            "青政字〔2019〕16号",
            "青政办发〔2019〕4号",
            "青政办字〔2019〕30号",
            "青政办字〔2019〕31号",
            "青政办字〔2019〕33号",
            "-"
        ]
    );
    let second = fixture
        .get(&format!("/api/v1/gazettes/{}/2019/9", enc(GAZETTE)))
        .await
        .json();
    let numbers: Vec<&str> = second["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|e| e["doc_number"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(numbers, ["国发〔2019〕5号", "国办发〔2019〕6号"]);
    fixture
        .get(&format!("/api/v1/gazettes/{}/2019/8", enc(GAZETTE)))
        .await
        .assert_problem(404, "not_found");
    fixture
        .get(&format!("/api/v1/gazettes/{}/2018", enc(GAZETTE)))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_printed_number_that_disagrees_is_reported_with_the_upload() {
    let fixture = Fixture::with_issues(&[]);
    let token = fixture.token("clerk", TokenScope::Write);
    let sample = String::from_utf8(sample_bytes()).expect("UTF-8");
    let printed = format!("青岛市人民政府公报　2019年第8期\n\n{sample}");
    let url = format!("/api/v1/issues?gazette={}&issue=2019-7", enc(GAZETTE));
    let reply = fixture.post(&url, Some(&token), printed).await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let body = reply.json();
    let conflict = &body["outcome"]["conflicts"][0];
    assert_eq!(conflict["field"], "number");
    assert_eq!(
        (conflict["printed"].as_str(), conflict["given"].as_str()),
        (Some("8"), Some("7"))
    );
    let page = fixture
        .get(&format!("/gazettes/{}/2019/7", enc(GAZETTE)))
        .await
        .text();
    assert!(page.contains("本期印载 8，上传时注明 7"), "{page}");
    let bad = fixture
        .post("/api/v1/issues?issue=7", Some(&token), sample_bytes())
        .await;
    bad.assert_problem(400, "bad_parameter");
}

#[tokio::test]
async fn the_pages_go_from_gazette_to_year_to_issue_and_show_no_server_path() {
    let fixture = two_issues().await;
    let list = fixture.get("/gazettes").await;
    assert_eq!(list.status, 200);
    let year_link = format!("/gazettes/{}/2019", enc(GAZETTE));
    assert!(list.text().contains(&year_link), "{}", list.text());
    assert!(list.text().contains("缺 7 期"));

    let year = fixture.get(&year_link).await.text();
    assert!(
        year.contains("第1期、第2期、第3期、第4期、第5期、第6期、第8期"),
        "{year}"
    );
    assert!(year.contains("青岛市人民政府公报 2019年第9期"));

    let issue = fixture.get(&format!("{year_link}/7")).await.text();
    let at = |needle: &str| {
        issue
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {issue}"))
    };
    assert!(at("青政字〔2019〕16号") < at("青政办发〔2019〕4号"));
    assert!(at("青政办发〔2019〕4号") < at("青政办字〔2019〕30号"));
    assert!(at("青政办字〔2019〕31号") < at("青政办字〔2019〕33号"));
    assert!(at("2019-07-20") > 0);

    for page in [
        "/",
        "/issues",
        "/issues/1",
        "/api/v1/issues",
        "/api/v1/issues/1",
    ] {
        let text = fixture.get(page).await.text();
        assert!(!text.contains("/srv/uploads"), "{page} shows a server path");
    }
    let home = fixture.get("/").await.text();
    assert!(home.contains("青岛市人民政府公报 2019年第7期"), "{home}");
}

#[tokio::test]
async fn a_printed_cover_and_contents_file_the_issue_without_parameters() {
    let fixture = Fixture::with_issues(&[]);
    let token = fixture.token("clerk", TokenScope::Write);
    let sample = String::from_utf8(sample_bytes()).expect("UTF-8");
    // A cover and a 目录 as gazettes print them; the second entry names a
    // document the file does not hold.
    let cover = "青岛市人民政府公报\n2019年第7期（总第305期）\n\n目　　录\n\n\
        青岛市人民政府关于支持“蓝色药库”开发计划的实施意见（青政字〔2019〕16号）……（3）\n\
        青岛市人民政府办公厅关于做好某项工作的通知（青政办字〔2019〕99号）……（5）\n\n";
    let reply = fixture
        .post(
            "/api/v1/issues?name=printed.txt",
            Some(&token),
            format!("{cover}{sample}"),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let issue = fixture
        .get(&format!("/api/v1/gazettes/{}/2019/7", enc(GAZETTE)))
        .await
        .json();
    assert_eq!(issue["publication"]["total_number"], 305);
    assert_eq!(issue["publication"]["sources"]["number"], "printed");
    assert_eq!(issue["contents"][0]["page"], 3);
    assert_eq!(issue["printed_only"].as_array().map(Vec::len), Some(1));
    let page = fixture
        .get(&format!("/gazettes/{}/2019/7", enc(GAZETTE)))
        .await
        .text();
    assert!(page.contains("目录列出而正文中未见的文件"), "{page}");
    assert!(page.contains("（据本期印载）"), "{page}");
}
