//! The OpenAPI document is the truth about the API: every GET path it
//! lists is called with its example parameters, and the status and
//! content type must be among those it documents; every route the server
//! declares under `/api/v1` is documented and every documented operation is
//! served; and the check every test's answers go through (`contract`)
//! rejects an answer that breaks its schema.

use axum::body::Body;
use axum::http::{header, Method, StatusCode, Uri};
use gazette_archive::types::TokenScope;
use serde_json::{json, Value};

use crate::common::{enc, request, variant, Fixture, Reply};
use crate::contract;

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
    // Job 1 exists, for the walk of /jobs/{id}; the upload is issue
    // 2019-7 of the gazette the examples of /gazettes name.
    let upload_url = format!(
        "/api/v1/issues?name=2001.txt&gazette={}&issue=2019-7&published=2019-07-20",
        enc("青岛市人民政府公报")
    );
    let upload = fixture.post(&upload_url, Some(&admin), variant(2001)).await;
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
                let response = contract::response_object(&doc, response);
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

#[tokio::test]
async fn the_served_document_is_the_one_the_tests_hold_answers_to() {
    let fixture = Fixture::sample();
    let served = fixture.get("/api/v1/openapi.json").await.json();
    let held: Value = serde_json::from_str(contract::OPENAPI).expect("the document");
    assert_eq!(served, held);
}

/// Checks a real answer whose JSON `tamper` changed.
fn check_tampered(uri: &str, reply: &Reply, tamper: impl FnOnce(&mut Value)) -> String {
    let mut json = reply.json();
    tamper(&mut json);
    let body = serde_json::to_vec(&json).expect("JSON");
    let uri: Uri = uri.parse().expect("a URI");
    contract::check(&Method::GET, &uri, reply.status, &reply.headers, &body)
        .expect_err("the tampered answer must be rejected")
}

#[tokio::test]
async fn an_answer_that_breaks_its_schema_is_rejected_naming_the_path_and_the_field() {
    let fixture = Fixture::sample();
    let uri = format!("/api/v1/documents/{}", enc("青政办字〔2019〕31号"));
    let reply = fixture.get(&uri).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let body = &reply.body;
    let parsed: Uri = uri.parse().expect("a URI");
    contract::check(&Method::GET, &parsed, reply.status, &reply.headers, body)
        .expect("the answer as the server gave it holds");

    let wrong_type = check_tampered(&uri, &reply, |json| json["id"] = json!(31));
    assert!(
        wrong_type.contains("GET /documents/{id} → 200") && wrong_type.contains("/id: 31"),
        "{wrong_type}"
    );
    let missing = check_tampered(&uri, &reply, |json| {
        json.as_object_mut().expect("an object").remove("slug");
    });
    assert!(
        missing.contains("\"slug\" is a required property"),
        "{missing}"
    );
    let undocumented = check_tampered(&uri, &reply, |json| json["surprise"] = json!(1));
    assert!(undocumented.contains("surprise"), "{undocumented}");
    let deep = check_tampered(&uri, &reply, |json| json["links"]["html"] = json!(false));
    assert!(deep.contains("/links/html"), "{deep}");
    let parsed_field = check_tampered(&uri, &reply, |json| {
        json["document"]["blocks"][0]["pieces"][0]["start"] = json!("0");
    });
    assert!(
        parsed_field.contains("/document/blocks/0/pieces/0/start"),
        "{parsed_field}"
    );
    let parsed_extra = check_tampered(&uri, &reply, |json| {
        json["document"]["sections"][0]["children"][0]["colour"] = json!("red");
    });
    assert!(parsed_extra.contains("colour"), "{parsed_extra}");
    let status = check_tampered(&uri, &reply, |json| json["status"] = json!("abolished?"));
    assert!(status.contains("/status"), "{status}");
    let list = fixture.get("/api/v1/documents").await;
    let date = check_tampered("/api/v1/documents", &list, |json| {
        json["items"][0]["date"] = json!("2019-13-45");
    });
    assert!(
        date.contains("GET /documents → 200") && date.contains("/items/0/date"),
        "{date}"
    );

    let teapot = contract::check(
        &Method::GET,
        &parsed,
        StatusCode::IM_A_TEAPOT,
        &reply.headers,
        body,
    )
    .expect_err("an undocumented status");
    assert!(teapot.contains("GET /documents/{id} → 418"), "{teapot}");
    let nowhere: Uri = "/api/v1/nowhere".parse().expect("a URI");
    let unknown = contract::check(&Method::GET, &nowhere, StatusCode::OK, &reply.headers, body)
        .expect_err("an undocumented path");
    assert!(unknown.contains("/api/v1/nowhere"), "{unknown}");
    let mut csv = reply.headers.clone();
    csv.insert(
        header::CONTENT_TYPE,
        "text/csv".parse().expect("a media type"),
    );
    let media = contract::check(&Method::GET, &parsed, StatusCode::OK, &csv, body)
        .expect_err("an undocumented media type");
    assert!(media.contains("text/csv"), "{media}");
}

/// The routes the server's sources declare: `(path, methods)` of every
/// `.route("…", get(…).post(…))`.
fn declared_routes() -> Vec<(String, Vec<String>)> {
    let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut routes = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("a source directory") {
                files.push(entry.expect("an entry").path());
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("a source file");
        for (at, _) in source.match_indices(".route(") {
            let rest = source[at + ".route(".len()..].trim_start();
            let Some(literal) = rest.strip_prefix('"') else {
                panic!("{}: a route whose path is not a literal", path.display());
            };
            let end = literal.find('"').expect("a closed literal");
            let route = literal[..end].to_owned();
            // The method router: up to the `)` that closes `.route(`.
            let mut depth = 1;
            let mut close = literal.len();
            for (i, c) in literal[end + 1..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    close = end + 1 + i;
                    break;
                }
            }
            let methods = ["get", "post", "put", "delete", "patch"]
                .into_iter()
                .filter(|m| {
                    let call = format!("{m}(");
                    literal[end + 1..close].match_indices(&call).any(|(i, _)| {
                        let before = literal[..end + 1 + i].chars().next_back();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    })
                })
                .map(str::to_owned)
                .collect();
            routes.push((route, methods));
        }
    }
    routes
}

#[tokio::test]
async fn every_route_under_api_v1_is_documented_and_every_documented_one_is_served() {
    let doc: Value = serde_json::from_str(contract::OPENAPI).expect("the document");
    let routes = declared_routes();
    let api: Vec<_> = routes
        .iter()
        .filter(|(path, _)| path.starts_with("/api/v1/"))
        .collect();
    assert!(
        api.len() >= 20,
        "only {} API routes found: {api:?}",
        api.len()
    );
    let mut undocumented = Vec::new();
    for (path, methods) in &api {
        assert!(!methods.is_empty(), "{path}: no method found");
        let documented = &doc["paths"][&path["/api/v1".len()..]];
        for method in methods {
            if !documented[method].is_object() {
                undocumented.push(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "served, not documented: {undocumented:?}"
    );

    let fixture = Fixture::sample();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("a path item") {
            let verb = match method.as_str() {
                "get" => Method::GET,
                "post" => Method::POST,
                "servers" | "parameters" => continue,
                other => panic!("{path}: method {other}"),
            };
            let url = url_of(&doc, path, item, op);
            let reply = fixture
                .send(request(verb.clone(), &url, &[], Body::empty()))
                .await;
            let fallback = reply.status == StatusCode::METHOD_NOT_ALLOWED
                || (reply.status == StatusCode::NOT_FOUND
                    && reply.text().contains("nothing at this address"));
            assert!(!fallback, "{verb} {url}: not served ({})", reply.text());
            operations += 1;
        }
    }
    assert!(
        operations >= api.len(),
        "{operations} documented operations"
    );
}
