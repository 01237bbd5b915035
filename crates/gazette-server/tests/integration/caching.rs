//! ETags, 304 on If-None-Match, Cache-Control on documents and assets, and
//! the security headers on every response.

use gazette_archive::types::TokenScope;

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

#[tokio::test]
async fn answers_that_depend_on_a_token_are_never_stored() {
    let fixture = Fixture::sample();
    let admin = fixture.token("auditor", TokenScope::Admin);
    let bearer = format!("Bearer {admin}");
    let audit = fixture
        .get_with("/api/v1/audit", &[("authorization", &bearer)])
        .await;
    assert_eq!(audit.status, 200);
    assert_eq!(audit.header("cache-control"), "no-store");
    let anonymous = fixture.get("/api/v1/audit").await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.header("cache-control"), "no-store");
    let write = fixture
        .post(
            "/api/v1/documents/d6d5d3f594143/status",
            Some(&admin),
            r#"{"status":"expired","effective":"2020-01-01"}"#,
        )
        .await;
    assert_eq!(write.status, 200);
    assert_eq!(write.header("cache-control"), "no-store");
}

#[tokio::test]
async fn an_original_is_an_attachment_in_a_sandbox() {
    let fixture = Fixture::sample();
    let original = fixture.get("/api/v1/issues/1/original").await;
    assert_eq!(original.status, 200);
    assert_eq!(
        original.header("content-disposition"),
        "attachment; filename=\"issue-1.txt\""
    );
    let csp = original.header("content-security-policy");
    assert!(csp.starts_with("sandbox"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    // A revalidated original keeps them.
    let tag = original.header("etag");
    let again = fixture
        .get_with("/api/v1/issues/1/original", &[("if-none-match", &tag)])
        .await;
    assert_eq!(again.status, 304);
    assert!(again
        .header("content-security-policy")
        .starts_with("sandbox"));
}
