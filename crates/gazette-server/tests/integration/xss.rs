//! A hostile issue — `<script>`, `"><img onerror>` and `javascript:` in
//! titles, recipients, headings, tables, attachments, citations, and in a
//! status reason and a correction — is archived, and no page or feed
//! carries any of it as markup.

use gazette_archive::types::TokenScope;

use crate::common::{enc, Fixture};

fn hostile_issue() -> Vec<u8> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile-issue.txt");
    std::fs::read(path).expect("the hostile fixture")
}

/// Fails when `body` holds markup an attacker wrote.
fn assert_inert(uri: &str, body: &str) {
    for raw in [
        "<script>alert",
        "<img",
        "href=\"javascript:",
        "href='javascript:",
        "src=\"javascript:",
        "onerror=\"",
    ] {
        assert!(!body.contains(raw), "{uri} contains {raw:?}");
    }
    // The only script is the site's own.
    for (at, _) in body.match_indices("<script") {
        let tag = body.get(at..at + 40).unwrap_or("");
        assert!(
            tag.starts_with("<script src=\"/assets/app.js"),
            "{uri}: {tag}"
        );
    }
}

#[tokio::test]
async fn hostile_text_is_escaped_everywhere() {
    let fixture = Fixture::with_issues(&[("hostile.txt".to_owned(), hostile_issue())]);
    let token = fixture.token("mallory", TokenScope::Write);
    let notice = enc("青政字〔2019〕99号");
    let status = fixture
        .post(
            &format!("/api/v1/documents/{notice}/status"),
            Some(&token),
            r#"{"status":"repealed","effective":"2019-07-01","by":"javascript:alert(1)","reason":"<script>alert(1)</script>"}"#,
        )
        .await;
    assert_eq!(status.status, 200, "{}", status.text());
    let correction = fixture
        .post(
            &format!("/api/v1/documents/{notice}/corrections"),
            Some(&token),
            r#"{"field":"title","value":"\"><img src=x onerror=alert(1)>","reason":"<script>alert(1)</script>"}"#,
        )
        .await;
    assert_eq!(correction.status, 201, "{}", correction.text());

    let list = fixture.get("/api/v1/documents").await.json();
    let mut uris: Vec<String> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["url"].as_str().expect("a page URL").to_owned())
        .collect();
    assert_eq!(uris.len(), 2);
    for query in [
        "alert",
        "script",
        "<script>",
        "\"><img",
        "javascript:",
        "\"<script>",
    ] {
        uris.push(format!("/search?q={}", enc(query)));
        uris.push(format!("/feed.atom?q={}", enc(query)));
    }
    uris.extend(
        [
            "/",
            "/issues",
            "/issues/1",
            "/feed.atom",
            "/search?q=type%3A%E9%80%9A%E7%9F%A5",
        ]
        .map(str::to_owned),
    );
    uris.extend(["/units", "/people", "/calendar", "/provisions"].map(str::to_owned));
    // The linked pages of whatever the hostile text made a unit, a person
    // or a provision subject, and the calendars of both documents.
    for list in ["/api/v1/units", "/api/v1/people", "/api/v1/provisions"] {
        let json = fixture.get(list).await.json();
        for item in json["items"].as_array().into_iter().flatten() {
            uris.extend(item["url"].as_str().map(str::to_owned));
        }
    }
    uris.push(format!("/calendar?document={notice}"));
    uris.push(format!("/units/{}", enc("市<script>alert(1)</script>局")));
    uris.push(format!("/people/{}", enc("<script>alert(1)</script>")));
    uris.push(format!(
        "/provisions?subject={}&as_of=2019-01-01",
        enc("<script>alert(1)</script>")
    ));
    uris.push(format!("/documents/{}", enc("<script>alert(1)</script>")));
    uris.push(format!(
        "/documents/{}",
        enc("\"><img src=x onerror=alert(1)>")
    ));

    let mut pages = 0;
    for uri in &uris {
        let reply = fixture.get(uri).await;
        assert!(reply.status.as_u16() < 500, "{uri}: {}", reply.status);
        let body = reply.text();
        assert_inert(uri, &body);
        pages += 1;
    }
    assert!(pages >= 20);

    // The hostile text is there, as text.
    let notice_page = fixture.get(&format!("/documents/{notice}")).await.text();
    assert!(notice_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(notice_page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(notice_page.contains("本文件已废止"));
    // The citation of the other hostile document is a link to it.
    assert!(notice_page.contains("青政发〔2018〕1号</a>"));
    // A unit named with markup is shown as text on its page.
    let units = fixture.get("/api/v1/units").await.json();
    for item in units["items"].as_array().into_iter().flatten() {
        let (Some(name), Some(url)) = (item["name"].as_str(), item["url"].as_str()) else {
            continue;
        };
        if name.contains('<') {
            let html = fixture.get(url).await.text();
            assert!(html.contains(&name.replace('<', "&lt;").replace('>', "&gt;")));
        }
    }
    let feed = fixture.get("/feed.atom").await.text();
    assert!(feed.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
