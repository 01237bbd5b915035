//! An issue read from an HTML page: the document page shows the page's
//! 索引号, 主题分类, 成文日期 and 发布日期, and the stored page is served
//! as text (its scripts never run on this site).

use crate::common::Fixture;

#[tokio::test]
async fn the_document_page_shows_the_publishers_metadata() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/govcn/html/govcn-row01.html");
    let page = std::fs::read(path).expect("the page fixture");
    let fixture = Fixture::with_issues(&[("govcn-row01.html".to_owned(), page.clone())]);
    let original = fixture.get("/api/v1/issues/1/original").await;
    assert_eq!(original.status, 200);
    assert_eq!(original.media_type(), "text/plain");
    assert!(original.body == page, "the bytes as published");

    let issue = fixture.get("/api/v1/issues/1").await.json();
    let url = issue["contents"][0]["url"]
        .as_str()
        .expect("a document url")
        .to_owned();
    let html = fixture.get(&url).await.text();
    // Read by hand from the page's table.
    for shown in [
        "<dt>索引号</dt><dd>000014349/2019-00007</dd>",
        "<dt>主题分类</dt><dd>市场监管、安全生产监管\\工商</dd>",
        "<dt>成文日期</dt><dd>2019-01-27</dd>",
        "<dt>发布日期</dt><dd>2019-02-15</dd>",
    ] {
        assert!(html.contains(shown), "{shown} missing from {html}");
    }
}
