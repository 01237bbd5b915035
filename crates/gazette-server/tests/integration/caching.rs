//! ETags, 304 on If-None-Match, Cache-Control on documents and assets, and
//! the security headers on every response.

use gazette_store::TokenScope;

use crate::common::Fixture;

/// Documents and assets that carry an ETag.
const CACHED: [&str; 5] = [
    "/api/v1/documents/d6d5d3f594143",
    "/api/v1/documents/d6d5d3f594143/text",
    "/documents/d6d5d3f594143",
    "/assets/style.css",
    "/api/v1/openapi.json",
];

#[tokio::test]
async fn documents_and_assets_revalidate_with_their_etag() {
    let fixture = Fixture::sample();
    for uri in CACHED {
        let first = fixture.get(uri).await;
        assert_eq!(first.status, 200, "{uri}");
        let tag = first.header("etag");
        assert!(tag.starts_with("W/\""), "{uri}: {tag}");
        assert!(first.header("cache-control").contains("max-age"), "{uri}");
        let again = fixture.get_with(uri, &[("if-none-match", &tag)]).await;
        assert_eq!(again.status, 304, "{uri}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), tag);
        let stale = fixture
            .get_with(uri, &[("if-none-match", "W/\"something-else\"")])
            .await;
        assert_eq!(stale.status, 200, "{uri}");
    }
    let css = fixture.get("/assets/style.css").await;
    assert!(css.header("cache-control").contains("immutable"));
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
}

#[tokio::test]
async fn a_status_change_changes_the_etag() {
    let fixture = Fixture::sample();
    let uri = "/api/v1/documents/d6d5d3f594143";
    let before = fixture.get(uri).await.header("etag");
    let token = fixture.token("editor", TokenScope::Write);
    let reply = fixture
        .post(
            "/api/v1/documents/d6d5d3f594143/status",
            Some(&token),
            r#"{"status":"expired","effective":"2020-01-01"}"#,
        )
        .await;
    assert_eq!(reply.status, 200);
    let after = fixture.get_with(uri, &[("if-none-match", &before)]).await;
    assert_eq!(after.status, 200, "the old tag no longer matches");
    assert_ne!(after.header("etag"), before);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let fixture = Fixture::sample();
    for uri in [
        "/",
        "/search?q=x",
        "/documents/d6d5d3f594143",
        "/nowhere",
        "/api/v1/documents",
        "/api/v1/nowhere",
        "/feed.atom",
        "/assets/app.js",
    ] {
        let reply = fixture.get(uri).await;
        let csp = reply.header("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}");
        assert!(!csp.contains("unsafe-inline"), "{uri}");
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{uri}");
        assert!(!reply.header("referrer-policy").is_empty(), "{uri}");
    }
}

#[tokio::test]
async fn a_long_query_string_is_414() {
    let fixture = Fixture::sample();
    let uri = format!("/api/v1/search?q={}", "a".repeat(5000));
    fixture
        .get(&uri)
        .await
        .assert_problem(414, "query_too_long");
    let page = fixture
        .get(&format!("/search?q={}", "a".repeat(5000)))
        .await;
    assert_eq!(page.status, 414);
    assert_eq!(page.media_type(), "text/html");
}
