//! A 解读 and its document as the API and the pages show them: the gov.cn
//! document 国办发〔2018〕115号 (tests/fixtures/govcn/govcn-row35.txt) and a
//! 解读 of it written for the test (tests/fixtures/interpretation/), linked
//! both ways; search filters 解读 by `type:` and `文种:`. Expected values
//! were read by hand from the texts.

use crate::common::{enc, fixture_bytes, Fixture};

const NUMBER: &str = "国办发〔2018〕115号";
const JIEDU_TITLE: &str =
    "关于《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》的解读";

fn fixture() -> Fixture {
    Fixture::with_issues(&[
        (
            "govcn-row35.txt".to_owned(),
            fixture_bytes("govcn/govcn-row35.txt"),
        ),
        (
            "govcn-row35-jiedu.txt".to_owned(),
            fixture_bytes("interpretation/govcn-row35-jiedu.txt"),
        ),
    ])
}

#[tokio::test]
async fn the_api_links_a_jiedu_and_its_document_both_ways() {
    let fixture = fixture();
    let document = fixture
        .get(&format!("/api/v1/documents/{}", enc(NUMBER)))
        .await
        .json();
    let links = &document["interpretations"];
    assert_eq!(links["explains"], serde_json::Value::Null);
    let by = links["interpreted_by"].as_array().expect("interpreted_by");
    assert_eq!(by.len(), 1);
    assert_eq!(by[0]["title"], JIEDU_TITLE);

    let jiedu_id = by[0]["id"].as_str().expect("id");
    let jiedu = fixture
        .get(&format!("/api/v1/documents/{}", enc(jiedu_id)))
        .await
        .json();
    assert_eq!(jiedu["document"]["title"], JIEDU_TITLE);
    assert_eq!(jiedu["document"]["doc_type"], "解读");
    let explains = &jiedu["interpretations"]["explains"];
    assert_eq!(explains["doc_number"], NUMBER);
    assert_eq!(explains["resolved_by"], "number");
    assert_eq!(explains["target"]["id"], document["id"]);
    assert_eq!(
        jiedu["interpretations"]["interpreted_by"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn the_pages_link_a_jiedu_and_its_document_both_ways() {
    let fixture = fixture();
    let document = fixture
        .get(&format!("/api/v1/documents/{}", enc(NUMBER)))
        .await
        .json();
    let page_url = document["links"]["html"].as_str().expect("page").to_owned();
    let by = &document["interpretations"]["interpreted_by"][0];
    let jiedu_url = format!("/documents/{}", enc(by["slug"].as_str().expect("slug")));

    let page = fixture.get(&page_url).await.text();
    let box_at = page
        .find("data-role=\"interpreted-by\"")
        .expect("the 解读 box");
    let title_at = page.find("id=\"doc-title\"").expect("the title");
    assert!(box_at < title_at, "the 解读 are listed above the document");
    assert!(
        page.contains(&format!("href=\"{jiedu_url}\">{JIEDU_TITLE}</a>")),
        "{page}"
    );

    let jiedu_page = fixture.get(&jiedu_url).await.text();
    assert!(
        jiedu_page.contains("data-role=\"explains\""),
        "{jiedu_page}"
    );
    assert!(
        jiedu_page.contains(&format!("href=\"{page_url}\">")),
        "{jiedu_page}"
    );
    assert!(jiedu_page.contains(&format!("（{NUMBER}）")));
}

#[tokio::test]
async fn search_filters_jiedu_by_type() {
    let fixture = fixture();
    for query in ["type:解读", "文种:解读"] {
        let json = fixture
            .get(&format!("/api/v1/search?q={}", enc(query)))
            .await
            .json();
        assert_eq!(json["total"], 1, "{query}");
        assert_eq!(json["hits"][0]["title"], JIEDU_TITLE, "{query}");
    }
}
