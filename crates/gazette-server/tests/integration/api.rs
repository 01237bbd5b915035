//! The JSON API on the sample issue: documents, text, lists with filters
//! and sorts, search, issues, feeds, problems.

use crate::common::{enc, Fixture};

/// The sample's 发文字号 by date, newest first; the 任免 list has none.
const BY_DATE_DESC: [&str; 6] = [
    "青政办字〔2019〕33号",
    "青政办字〔2019〕31号",
    "青政办发〔2019〕4号",
    "青政办字〔2019〕30号",
    "",
    "青政字〔2019〕16号",
];

fn numbers(list: &serde_json::Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["doc_number"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn a_document_is_found_by_id_slug_and_any_printed_number() {
    let fixture = Fixture::sample();
    let mut ids = Vec::new();
    for key in [
        "青政办字〔2019〕31号",
        "青政办字[2019]31号",
        "青政办字（2019）31号",
        "2019-青政办字-31",
        "d6d5d3f594143",
    ] {
        let reply = fixture
            .get(&format!("/api/v1/documents/{}", enc(key)))
            .await;
        assert_eq!(reply.status, 200, "{key}: {}", reply.text());
        assert_eq!(reply.media_type(), "application/json");
        ids.push(reply.json()["id"].as_str().expect("an id").to_owned());
    }
    ids.dedup();
    assert_eq!(ids, ["d6d5d3f594143"]);
}

#[tokio::test]
async fn a_document_comes_with_its_whole_structure() {
    let fixture = Fixture::sample();
    let json = fixture
        .get(&format!(
            "/api/v1/documents/{}",
            enc("青政办字〔2019〕31号")
        ))
        .await
        .json();
    let doc = &json["document"];
    assert_eq!(
        doc["title"],
        "青岛市人民政府办公厅关于印发2019年青岛市政务公开工作要点的通知"
    );
    assert_eq!(doc["date"], "2019-06-28");
    assert_eq!(doc["issuer"][0], "青岛市人民政府办公厅");
    assert_eq!(doc["sections"][0]["id"], "s1");
    assert_eq!(doc["sections"][0]["children"][0]["id"], "s1-1");
    assert_eq!(
        doc["tables"][0]["columns"],
        serde_json::json!(["序号", "工作任务", "具体要求", "责任单位"])
    );
    assert_eq!(
        doc["attachments"][0]["title"],
        "2019年青岛市政务公开重点工作任务分解落实表"
    );
    for key in ["cited", "appointments", "warnings", "repairs", "blocks"] {
        assert!(doc[key].is_array(), "{key}");
    }
    // Nothing recorded, nothing in the archive's texts: 未核实, never
    // 现行有效 by default.
    assert_eq!(json["status"], "unverified");
    assert_eq!(json["status_label"], "未核实");
    assert_eq!(json["validity"]["source"], "none");
    assert_eq!(json["status_history"], serde_json::json!([]));
    assert_eq!(json["corrections"], serde_json::json!([]));
    assert_eq!(json["issue_id"], 1);
    assert_eq!(
        json["links"]["text"],
        "/api/v1/documents/d6d5d3f594143/text"
    );
}

#[tokio::test]
async fn the_text_is_served_as_published() {
    let fixture = Fixture::sample();
    let reply = fixture
        .get(&format!(
            "/api/v1/documents/{}/text",
            enc("2019-青政办字-31")
        ))
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "text/plain; charset=utf-8");
    let text = reply.text();
    assert!(text.starts_with("青岛市人民政府办公厅关于印发 2019年青岛市政务公开工作要点的通知"));
    let sample = String::from_utf8(crate::common::sample_bytes()).expect("UTF-8");
    assert!(sample.contains(&text), "the text is a slice of the issue");
}

#[tokio::test]
async fn lists_filter_like_the_search_language_and_count_exactly() {
    let fixture = Fixture::sample();
    let total = |uri: String| {
        let fixture = &fixture;
        async move {
            let reply = fixture.get(&uri).await;
            assert_eq!(reply.status, 200, "{uri}: {}", reply.text());
            reply.json()["total"].as_u64().expect("a total")
        }
    };
    assert_eq!(total("/api/v1/documents".into()).await, 6);
    assert_eq!(total("/api/v1/documents?year=2019".into()).await, 6);
    assert_eq!(total("/api/v1/documents?year=2020".into()).await, 0);
    assert_eq!(total("/api/v1/documents?year=2018..2019".into()).await, 6);
    assert_eq!(
        total(format!("/api/v1/documents?doc_type={}", enc("通知"))).await,
        4
    );
    assert_eq!(
        total(format!(
            "/api/v1/documents?issuer={}",
            enc("青岛市人民政府办公厅")
        ))
        .await,
        4
    );
    assert_eq!(
        total("/api/v1/documents?from=2019-06-20&to=2019-06-30".into()).await,
        3
    );
    assert_eq!(total("/api/v1/documents?status=in_force".into()).await, 0);
    assert_eq!(total("/api/v1/documents?status=unverified".into()).await, 6);
    assert_eq!(
        total(format!("/api/v1/documents?status={}", enc("已废止"))).await,
        0
    );
    let by_unit = total(format!("/api/v1/documents?unit={}", enc("市财政局"))).await;
    let searched = total(format!("/api/v1/search?q={}", enc("unit:市财政局"))).await;
    assert!(by_unit >= 1);
    assert_eq!(by_unit, searched);
}

#[tokio::test]
async fn lists_sort_by_date_both_ways() {
    let fixture = Fixture::sample();
    let desc = fixture.get("/api/v1/documents").await.json();
    assert_eq!(numbers(&desc), BY_DATE_DESC);
    let asc = fixture.get("/api/v1/documents?sort=date_asc").await.json();
    let mut reversed = BY_DATE_DESC;
    reversed.reverse();
    assert_eq!(numbers(&asc), reversed);
    let page = fixture
        .get("/api/v1/documents?sort=date_asc&limit=4")
        .await
        .json();
    assert_eq!(numbers(&page), reversed[..4]);
    let cursor = page["next_cursor"].as_str().expect("a next page");
    let rest = fixture
        .get(&format!(
            "/api/v1/documents?sort=date_asc&limit=4&cursor={cursor}"
        ))
        .await
        .json();
    assert_eq!(numbers(&rest), reversed[4..]);
    assert!(rest["next_cursor"].is_null());
}

#[tokio::test]
async fn search_gives_snippets_facets_and_exact_totals() {
    let fixture = Fixture::sample();
    let reply = fixture
        .get(&format!("/api/v1/search?q={}", enc("社会保险")))
        .await;
    assert_eq!(reply.status, 200);
    let json = reply.json();
    assert_eq!(json["total"], 2);
    assert_eq!(json["query"], "社会保险");
    assert_eq!(json["hits"][0]["doc_number"], "青政办发〔2019〕4号");
    let snippet = json["hits"][0]["snippet"].as_str().expect("a snippet");
    assert!(snippet.contains("<mark>社会保险</mark>"), "{snippet}");
    assert_eq!(json["facets"]["year"][0]["value"], "2019");
    assert_eq!(json["facets"]["year"][0]["count"], 2);
    assert!(json["next_cursor"].is_null());
    let filtered = fixture
        .get(&format!("/api/v1/search?q={}", enc("type:意见")))
        .await
        .json();
    assert_eq!(filtered["total"], 1);
}

/// A made-up issue of one notice whose body has `A&B<C>"D"` just before
/// 社会保险.
const MARKUP_ISSUE: &str = "青岛市人民政府关于规范产品型号填写的通知

青政字〔2019〕88号

各区、市人民政府，市政府各部门：

为统一填写口径，现将有关事项通知如下：产品型号A&B<C>\"D\"应当在社会保险登记中如实填写。

青岛市人民政府
2019年8月1日
";

#[tokio::test]
async fn a_snippet_is_escaped_html_and_plain_runs_alike_in_the_api_and_the_page() {
    let fixture = Fixture::with_issues(&[("markup.txt".to_owned(), MARKUP_ISSUE.into())]);
    let json = fixture
        .get(&format!("/api/v1/search?q={}", enc("社会保险")))
        .await
        .json();
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    let escaped = "A&amp;B&lt;C&gt;&quot;D&quot;应当在<mark>社会保险</mark>登记中";
    let snippet = hit["snippet"].as_str().expect("a snippet");
    assert!(snippet.contains(escaped), "{snippet}");
    let runs = hit["snippet_runs"].as_array().expect("snippet runs");
    let plain: String = runs.iter().filter_map(|r| r["text"].as_str()).collect();
    assert!(plain.contains("A&B<C>\"D\"应当在社会保险登记中"), "{plain}");
    let marked: Vec<&str> = runs
        .iter()
        .filter(|r| r["marked"] == true)
        .filter_map(|r| r["text"].as_str())
        .collect();
    assert_eq!(marked, ["社会保险"]);
    // The page shows what the API's HTML says.
    let page = fixture
        .get(&format!("/search?q={}", enc("社会保险")))
        .await
        .text();
    assert!(page.contains(snippet), "{page}");
    assert!(!page.contains("A&B<C>"), "{page}");
}

#[tokio::test]
async fn issues_list_their_documents_in_printed_order() {
    let fixture = Fixture::sample();
    let list = fixture.get("/api/v1/issues").await.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], 1);
    assert_eq!(list["items"][0]["documents"], 6);
    assert_eq!(list["items"][0]["first_date"], "2019-06-15");
    assert_eq!(list["items"][0]["last_date"], "2019-07-11");
    let issue = fixture.get("/api/v1/issues/1").await.json();
    let printed: Vec<&str> = issue["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .map(|d| d["doc_number"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        printed,
        [
            "青政字〔2019〕16号",
            "青政办发〔2019〕4号",
            "青政办字〔2019〕30号",
            "青政办字〔2019〕31号",
            "青政办字〔2019〕33号",
            ""
        ]
    );
    fixture
        .get("/api/v1/issues/2")
        .await
        .assert_problem(404, "not_found");
    fixture
        .get("/api/v1/issues/one")
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn feeds_are_atom_newest_first() {
    let fixture = Fixture::sample();
    let reply = fixture.get("/feed.atom").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.media_type(), "application/atom+xml");
    let xml = reply.text();
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<entry>").count(), 6);
    let newest = xml.find("百日安全生产").expect("the 2019-07-11 notice");
    let oldest = xml.find("蓝色药库").expect("the 2019-06-15 opinion");
    assert!(newest < oldest);
    assert!(xml.contains("<updated>2019-07-11T00:00:00+08:00</updated>"));
    let filtered = fixture
        .get(&format!("/feed.atom?q={}", enc("社会保险")))
        .await
        .text();
    assert_eq!(filtered.matches("<entry>").count(), 2);
    fixture
        .get(&format!("/feed.atom?q={}", enc("\"unclosed")))
        .await
        .assert_problem(400, "bad_query");
}

#[tokio::test]
async fn bad_requests_are_problems_not_failures() {
    let fixture = Fixture::sample();
    fixture
        .get(&format!("/api/v1/search?q={}", enc("\"unclosed")))
        .await
        .assert_problem(400, "bad_query");
    fixture
        .get("/api/v1/search")
        .await
        .assert_problem(400, "bad_query");
    fixture
        .get("/api/v1/search?q=x&cursor=nonsense")
        .await
        .assert_problem(400, "bad_cursor");
    fixture
        .get("/api/v1/documents?limit=many")
        .await
        .assert_problem(400, "bad_parameter");
    fixture
        .get("/api/v1/documents?year=MMXIX")
        .await
        .assert_problem(400, "bad_parameter");
    fixture
        .get("/api/v1/documents?sort=title")
        .await
        .assert_problem(400, "bad_parameter");
    fixture
        .get("/api/v1/documents?format=xml")
        .await
        .assert_problem(400, "bad_parameter");
    fixture
        .get("/api/v1/documents/d000000000000")
        .await
        .assert_problem(404, "not_found");
    fixture
        .get("/api/v1/nothing")
        .await
        .assert_problem(404, "not_found");
    let reply = fixture
        .send(crate::common::request(
            axum::http::Method::DELETE,
            "/api/v1/documents/d6d5d3f594143",
            &[],
            axum::body::Body::empty(),
        ))
        .await;
    reply.assert_problem(405, "method_not_allowed");
}

#[tokio::test]
async fn health_is_reported() {
    let fixture = Fixture::sample();
    let reply = fixture.get("/healthz").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["status"], "ok");
}
