//! The OpenAPI document is the truth about the API: every GET path it
//! lists is called with its example parameters, and the status and
//! content type must be among those it documents.

use gazette_archive::types::TokenScope;
use serde_json::Value;

use crate::common::{enc, variant, Fixture};

/// The URL of an operation: its server, its path with the examples of its
/// path parameters, and the examples of its query parameters.
fn url_of(doc: &Value, path: &str, item: &Value, op: &Value) -> String {
    let server = item["servers"][0]["url"]
        .as_str()
        .or_else(|| doc["servers"][0]["url"].as_str())
        .expect("a server URL");
    let mut url = format!("{}{path}", server.trim_end_matches('/'));
    let mut query = Vec::new();
    for param in op["parameters"].as_array().into_iter().flatten() {
        let name = param["name"].as_str().expect("a parameter name");
        let example = match &param["example"] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Null => {
                assert_ne!(
                    param["required"], true,
                    "{path}: required {name} needs an example"
                );
                continue;
            }
            other => panic!("{path}: example of {name}: {other}"),
        };
        match param["in"].as_str() {
            Some("path") => url = url.replace(&format!("{{{name}}}"), &enc(&example)),
            Some("query") => query.push(format!("{name}={}", enc(&example))),
            other => panic!("{path}: parameter {name} in {other:?}"),
        }
    }
    assert!(
        !url.contains('{'),
        "{path}: a path parameter without example"
    );
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    url
}

#[tokio::test]
async fn every_documented_get_answers_as_documented() {
    let fixture = Fixture::sample();
    let admin = fixture.token("walker", TokenScope::Admin);
    // Job 1 exists, for the walk of /jobs/{id}.
    let upload = fixture
        .post("/api/v1/issues?name=2001.txt", Some(&admin), variant(2001))
        .await;
    assert_eq!(upload.status, 201, "{}", upload.text());
    let reply = fixture.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    let doc = reply.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    let mut called = 0;
    for (path, item) in paths {
        let Some(op) = item.get("get") else {
            continue;
        };
        let url = url_of(&doc, path, item, op);
        let secured = op.get("security").is_some();
        let reply = if secured {
            fixture
                .get_with(&url, &[("authorization", &format!("Bearer {admin}"))])
                .await
        } else {
            fixture.get(&url).await
        };
        let status = reply.status.as_u16().to_string();
        let documented = &op["responses"][&status];
        assert!(
            documented.is_object(),
            "GET {url}: status {status} is not documented ({})",
            reply.text()
        );
        assert!(
            reply.status.is_success(),
            "GET {url}: {status} with the examples"
        );
        let content = documented["content"]
            .as_object()
            .expect("documented content");
        let media = reply.media_type();
        assert!(
            content.contains_key(&media),
            "GET {url}: {media} is not among {:?}",
            content.keys().collect::<Vec<_>>()
        );
        if secured {
            let anonymous = fixture.get(&url).await;
            let status = anonymous.status.as_u16().to_string();
            assert!(
                op["responses"][&status].is_object(),
                "GET {url} without a token: {status}"
            );
        }
        called += 1;
    }
    assert!(called >= 10, "only {called} GET operations");
}

#[tokio::test]
async fn every_documented_problem_code_is_a_documented_status() {
    let fixture = Fixture::sample();
    let doc = fixture.get("/api/v1/openapi.json").await.json();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("a path item") {
            if method == "servers" {
                continue;
            }
            for (status, response) in op["responses"].as_object().expect("responses") {
                let code: u16 = status.parse().expect("a numeric status");
                if code >= 400 {
                    assert!(
                        response["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status} is not a problem"
                    );
                }
            }
        }
    }
}
