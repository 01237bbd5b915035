//! Writes behind tokens: 401 without a valid token, 403 without the
//! scope, 429 past the rate; ingest, status and corrections through the
//! API, each in the audit log.

use axum::http::Method;
use gazette_archive::types::TokenScope;
use gazette_server::ServerConfig;

use crate::common::{enc, sample_bytes, variant, Fixture};

const STATUS_URI: &str = "/api/v1/documents/d6d5d3f594143/status";
const REPEAL: &str =
    r#"{"status":"repealed","effective":"2020-01-01","by":"青政发[2019]1号","reason":"被取代"}"#;

#[tokio::test]
async fn writes_without_a_valid_token_are_401_with_a_bearer_challenge() {
    let fixture = Fixture::sample();
    let reply = fixture.post(STATUS_URI, None, REPEAL).await;
    reply.assert_problem(401, "unauthorized");
    assert!(reply.header("www-authenticate").starts_with("Bearer"));

    let reply = fixture
        .post(STATUS_URI, Some("gzt_not-a-token"), REPEAL)
        .await;
    reply.assert_problem(401, "unauthorized");
    assert!(reply.header("www-authenticate").contains("invalid_token"));

    let basic = fixture
        .send(crate::common::request(
            axum::http::Method::POST,
            "/api/v1/issues",
            &[("authorization", "Basic dXNlcjpwYXNz")],
            axum::body::Body::from(sample_bytes()),
        ))
        .await;
    basic.assert_problem(401, "unauthorized");

    let token = fixture.token("old", TokenScope::Write);
    fixture.revoke("old");
    fixture
        .post(STATUS_URI, Some(&token), REPEAL)
        .await
        .assert_problem(401, "unauthorized");
    fixture
        .get_with(
            "/api/v1/audit",
            &[("authorization", &format!("Bearer {token}"))],
        )
        .await
        .assert_problem(401, "unauthorized");
    // Reads stay public.
    assert_eq!(fixture.get("/api/v1/documents").await.status, 200);
}

#[tokio::test]
async fn a_token_without_the_scope_is_403() {
    let fixture = Fixture::sample();
    let writer = fixture.token("writer", TokenScope::Write);
    let reply = fixture
        .get_with(
            "/api/v1/audit",
            &[("authorization", &format!("Bearer {writer}"))],
        )
        .await;
    reply.assert_problem(403, "insufficient_scope");
    assert!(reply
        .header("www-authenticate")
        .contains("insufficient_scope"));
    let admin = fixture.token("admin", TokenScope::Admin);
    let reply = fixture
        .get_with(
            "/api/v1/audit",
            &[("authorization", &format!("Bearer {admin}"))],
        )
        .await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn writes_past_the_burst_are_429_with_retry_after() {
    let config = ServerConfig {
        write_burst: 2,
        writes_per_second: 0.01,
        ..ServerConfig::default()
    };
    let fixture = Fixture::with_config(&[("sample.txt".to_owned(), sample_bytes())], config);
    let token = fixture.token("busy", TokenScope::Write);
    for _ in 0..2 {
        assert_eq!(
            fixture.post(STATUS_URI, Some(&token), REPEAL).await.status,
            200
        );
    }
    let reply = fixture.post(STATUS_URI, Some(&token), REPEAL).await;
    reply.assert_problem(429, "rate_limited");
    let retry: u64 = reply.header("retry-after").parse().expect("seconds");
    assert!(retry >= 1);
    // Another token has its own bucket.
    let other = fixture.token("calm", TokenScope::Write);
    assert_eq!(
        fixture.post(STATUS_URI, Some(&other), REPEAL).await.status,
        200
    );
}

#[tokio::test]
async fn an_uploaded_issue_takes_the_ingest_path_and_is_audited() {
    let fixture = Fixture::sample();
    let token = fixture.token("uploader", TokenScope::Write);
    let reply = fixture
        .post("/api/v1/issues?name=q2020.txt", Some(&token), variant(2020))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_eq!(reply.header("location"), "/api/v1/issues/2");
    let json = reply.json();
    assert_eq!(json["outcome"]["outcome"], "added");
    assert_eq!(json["issue"]["file_name"], "q2020.txt");
    assert_eq!(json["contents"].as_array().map(Vec::len), Some(6));
    // Searchable at once.
    let found = fixture
        .get(&format!(
            "/api/v1/search?q={}",
            enc("number:青政办字[2020]31号")
        ))
        .await
        .json();
    assert_eq!(found["total"], 1);
    // The same bytes again change nothing.
    let again = fixture
        .post("/api/v1/issues", Some(&token), variant(2020))
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["outcome"]["outcome"], "already_present");
    // Not an issue: 422; nothing: 400.
    fixture
        .post("/api/v1/issues", Some(&token), "just some words")
        .await
        .assert_problem(422, "not_an_issue");
    fixture
        .post("/api/v1/issues", Some(&token), "")
        .await
        .assert_problem(400, "empty_body");

    let admin = fixture.token("auditor", TokenScope::Admin);
    let audit = fixture
        .get_with(
            "/api/v1/audit",
            &[("authorization", &format!("Bearer {admin}"))],
        )
        .await
        .json();
    let actions: Vec<(String, String, String)> = audit["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap_or("").to_owned(),
                e["action"].as_str().unwrap_or("").to_owned(),
                e["target"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            // The fixture's own ingest of the sample, audited like any.
            ("fixture".into(), "ingest".into(), "1".into()),
            ("test".into(), "token_create".into(), "uploader".into()),
            ("uploader".into(), "ingest".into(), "2".into()),
            ("test".into(), "token_create".into(), "auditor".into()),
        ]
    );
}

#[tokio::test]
async fn a_status_change_is_recorded_shown_and_audited() {
    let fixture = Fixture::sample();
    let token = fixture.token("editor", TokenScope::Write);
    let reply = fixture.post(STATUS_URI, Some(&token), REPEAL).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["status"], "repealed");
    assert_eq!(
        json["status_history"][0]["by_document"],
        "青政发〔2019〕1号"
    );
    assert_eq!(json["status_history"][0]["recorded_by"], "editor");
    let listed = fixture
        .get("/api/v1/documents?status=repealed")
        .await
        .json();
    assert_eq!(listed["total"], 1);

    for (body, code) in [
        (r#"{"status":"gone"}"#, "bad_status"),
        (
            r#"{"status":"repealed","effective":"2020-02-30"}"#,
            "bad_value",
        ),
        ("not json", "bad_json"),
    ] {
        fixture
            .post(STATUS_URI, Some(&token), body)
            .await
            .assert_problem(400, code);
    }
    fixture
        .post(
            "/api/v1/documents/d000000000000/status",
            Some(&token),
            REPEAL,
        )
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn a_correction_sits_beside_the_published_value() {
    let fixture = Fixture::sample();
    let token = fixture.token("editor", TokenScope::Write);
    let uri = format!(
        "/api/v1/documents/{}/corrections",
        enc("青政办字〔2019〕31号")
    );
    let reply = fixture
        .post(
            &uri,
            Some(&token),
            r#"{"field":"date","value":"2019年6月29日","reason":"印刷错误"}"#,
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["corrected"]["date"], "2019-06-29");
    assert_eq!(json["corrections"][0]["original"], "2019-06-28");
    assert_eq!(json["corrections"][0]["recorded_by"], "editor");

    let doc = fixture.get("/api/v1/documents/d6d5d3f594143").await.json();
    assert_eq!(
        doc["document"]["date"], "2019-06-28",
        "the parse stays as published"
    );
    assert_eq!(doc["corrected"]["date"], "2019-06-29");
    assert_eq!(doc["corrections"][0]["reason"], "印刷错误");

    let page = fixture.get("/documents/d6d5d3f594143").await.text();
    assert!(page.contains("更正记录"));
    assert!(page.contains("更正为：2019-06-29"));

    for (body, code) in [
        (r#"{"field":"body","value":"x"}"#, "bad_field"),
        (r#"{"field":"doc_number","value":"no number"}"#, "bad_value"),
        (r#"{"field":"title","value":"  "}"#, "bad_value"),
    ] {
        fixture
            .post(&uri, Some(&token), body)
            .await
            .assert_problem(400, code);
    }
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let config = ServerConfig {
        max_body_bytes: 1024,
        max_upload_bytes: 4096,
        ..ServerConfig::default()
    };
    let fixture = Fixture::with_config(&[("s.txt".to_owned(), sample_bytes())], config);
    let token = fixture.token("big", TokenScope::Write);
    let big_json = format!(r#"{{"status":"repealed","reason":"{}"}}"#, "x".repeat(2000));
    fixture
        .post(STATUS_URI, Some(&token), big_json)
        .await
        .assert_problem(413, "body_too_large");
    fixture
        .post("/api/v1/issues", Some(&token), sample_bytes())
        .await
        .assert_problem(413, "body_too_large");
}

#[tokio::test]
async fn an_issue_sent_as_a_form_is_415_and_not_archived() {
    let fixture = Fixture::sample();
    let token = fixture.token("former", TokenScope::Write);
    let bearer = format!("Bearer {token}");
    // What `curl -F file=@q2020.txt` sends.
    let mut multipart = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; \
        filename=\"q2020.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        .to_vec();
    multipart.extend(variant(2020));
    multipart.extend(b"\r\n--XyZ--\r\n");
    let forms = [
        ("multipart/form-data; boundary=XyZ", multipart),
        ("application/x-www-form-urlencoded", variant(2021)),
    ];
    for (content_type, body) in forms {
        let headers = [
            ("authorization", bearer.as_str()),
            ("content-type", content_type),
        ];
        let reply = fixture
            .send(crate::common::request(
                Method::POST,
                "/api/v1/issues?name=q2020.txt",
                &headers,
                body.into(),
            ))
            .await;
        reply.assert_problem(415, "unsupported_media_type");
        assert!(
            reply.json()["detail"]
                .as_str()
                .is_some_and(|d| d.contains("--data-binary")),
            "{}",
            reply.text()
        );
    }
    assert_eq!(fixture.get("/api/v1/issues").await.json()["total"], 1);
    // The file itself, as the raw body, is archived.
    let headers = [
        ("authorization", bearer.as_str()),
        ("content-type", "application/octet-stream"),
    ];
    let reply = fixture
        .send(crate::common::request(
            Method::POST,
            "/api/v1/issues?name=q2020.txt",
            &headers,
            variant(2020).into(),
        ))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text());
}
