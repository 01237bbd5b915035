//! The OpenAPI document as a contract that every test holds the API to:
//! [`check`] is run by `common::send_to` (so `Fixture::send`, `get`,
//! `post` …) on every answer a test receives, so each JSON or problem-JSON
//! body is validated against the schema the document declares for its
//! path, method, status and media type, and an answer the document does not
//! describe (a path, a method, a status, a media type) fails the test that
//! received it. A request to an undocumented path under `/api/v1` must be
//! answered 404, an undocumented method 405, both as problems. A problem's
//! `status` and `type` must agree with the answer and its `code`.
//! `GAZETTE_TRACE_OPENAPI=1` (with `--nocapture`) prints every validation.
//!
//! Not for: the pages, the assets or anything else outside the document's
//! servers (`/api/v1`, and the paths it lists under `/`).
//!
//! The document is OpenAPI 3.0, whose schema objects are not quite JSON
//! Schema; [`json_schema`] turns them into draft 7 (the `date` format is a
//! draft 7 one) for the `jsonschema` crate:
//! - `nullable: true` adds `null` to the `type` (and to an `enum`); on a
//!   schema without a `type` (`allOf: [{$ref}]`) it allows `null` beside it,
//!   as OpenAPI tools read that idiom;
//! - an object that lists its `properties` is closed
//!   (`additionalProperties: false`) unless it says otherwise, so a field
//!   an answer carries and the document does not list is a failure; for
//!   that, an `allOf` of objects is merged into one object first (closing
//!   each part would reject the other parts' fields);
//! - formats are asserted (`date`, `date-time`).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use jsonschema::Validator;
use serde_json::{json, Map, Value};

/// The document the server serves at `/api/v1/openapi.json` (a test checks
/// that they are the same).
pub const OPENAPI: &str = include_str!("../../src/api/openapi.json");

static CONTRACT: LazyLock<Contract> =
    LazyLock::new(|| Contract::new(serde_json::from_str(OPENAPI).expect("the OpenAPI document")));

/// Checks one answer against the document: `Ok` when the document does
/// not speak about this path or describes the answer, else why not, naming
/// the method, the documented path, the status and the offending field.
pub fn check(
    method: &Method,
    uri: &Uri,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), String> {
    CONTRACT.check(method, uri.path(), status, headers, body)
}

/// What the contract says about one received answer, or why it broke it.
struct Contract {
    doc: Value,
    /// Every documented path with its server's prefix: (full template,
    /// template as the document writes it).
    paths: Vec<(String, String)>,
    /// `components.schemas`, as JSON Schema.
    components: Value,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

impl Contract {
    fn new(doc: Value) -> Contract {
        let server = doc["servers"][0]["url"].as_str().unwrap_or("/").to_owned();
        let mut paths = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            let prefix = item["servers"][0]["url"].as_str().unwrap_or(&server);
            paths.push((
                format!("{}{path}", prefix.trim_end_matches('/')),
                path.clone(),
            ));
        }
        let raw = &doc["components"]["schemas"];
        let mut components = Map::new();
        for (name, schema) in raw.as_object().expect("components.schemas") {
            components.insert(name.clone(), json_schema(schema, raw));
        }
        Contract {
            doc,
            paths,
            components: Value::Object(components),
            validators: Mutex::new(HashMap::new()),
        }
    }

    fn check(
        &self,
        method: &Method,
        path: &str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), String> {
        let in_api = path == "/api/v1" || path.starts_with("/api/v1/");
        let Some(documented) = self.template_of(path) else {
            if !in_api {
                return Ok(());
            }
            let what = format!("{method} {path} (no documented path) → {status}");
            return self.problem(&what, status, StatusCode::NOT_FOUND, headers, body);
        };
        let item = &self.doc["paths"][documented];
        let verb = if method == Method::HEAD {
            "get".to_owned()
        } else {
            method.as_str().to_ascii_lowercase()
        };
        let Some(operation) = item.get(&verb) else {
            let what = format!("{method} {documented} (no documented method) → {status}");
            return self.problem(&what, status, StatusCode::METHOD_NOT_ALLOWED, headers, body);
        };
        let what = format!("{method} {documented} → {status}");
        let code = status.as_u16().to_string();
        let Some(response) = operation["responses"]
            .get(&code)
            .or_else(|| operation["responses"].get("default"))
        else {
            return Err(format!("{what}: the status is not documented"));
        };
        let response = response_object(&self.doc, response);
        let media = media_type(headers);
        let content = response["content"].as_object();
        let Some(content) = content.filter(|c| !c.is_empty()) else {
            return if body.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{what}: the document gives no content, the answer has {} bytes of {media}",
                    body.len()
                ))
            };
        };
        let Some(declared) = content.get(&media) else {
            return Err(format!(
                "{what}: {media:?} is not among the documented {:?}",
                content.keys().collect::<Vec<_>>()
            ));
        };
        if !is_json(&media)
            || method == Method::HEAD
            || headers.contains_key(header::CONTENT_ENCODING)
        {
            return Ok(());
        }
        let key = format!("{verb} {documented} {code} {media}");
        let instance = self.validate(&what, &key, &declared["schema"], body)?;
        if media == "application/problem+json" {
            problem_agrees(&what, status, &instance)?;
        }
        Ok(())
    }

    /// An answer the document has no operation for: it must be a problem
    /// with the status the router gives such requests (404 for a path,
    /// 405 for a method).
    fn problem(
        &self,
        what: &str,
        status: StatusCode,
        expected: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), String> {
        if status != expected {
            return Err(format!(
                "{what}: expected {expected} for an undocumented request"
            ));
        }
        let media = media_type(headers);
        if media != "application/problem+json" {
            return Err(format!("{what}: {media:?} is not a problem"));
        }
        let schema = json!({ "$ref": "#/components/schemas/Problem" });
        let instance = self.validate(what, "problem", &schema, body)?;
        problem_agrees(what, status, &instance)
    }

    /// The documented path that `path` is an instance of; a literal segment
    /// wins over a parameter, as in the router.
    fn template_of(&self, path: &str) -> Option<&str> {
        let segments: Vec<&str> = path.split('/').collect();
        self.paths
            .iter()
            .filter_map(|(full, documented)| {
                let template: Vec<&str> = full.split('/').collect();
                if template.len() != segments.len() {
                    return None;
                }
                let mut literals = 0;
                for (t, s) in template.iter().zip(&segments) {
                    if t.starts_with('{') && t.ends_with('}') {
                        if s.is_empty() {
                            return None;
                        }
                    } else if t == s {
                        literals += 1;
                    } else {
                        return None;
                    }
                }
                Some((literals, documented.as_str()))
            })
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, documented)| documented)
    }

    /// Validates `body` against `schema` (an OpenAPI schema object of the
    /// document); the validator is built once per `key`.
    fn validate(
        &self,
        what: &str,
        key: &str,
        schema: &Value,
        body: &[u8],
    ) -> Result<Value, String> {
        let instance: Value = serde_json::from_slice(body).map_err(|e| {
            format!(
                "{what}: the body is not JSON ({e}): {}",
                String::from_utf8_lossy(body)
            )
        })?;
        let validator = self.validator(key, schema)?;
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| {
                let at = e.instance_path().to_string();
                let field = if at.is_empty() { "the body" } else { &at };
                format!("{field}: {e}")
            })
            .collect();
        if std::env::var_os("GAZETTE_TRACE_OPENAPI").is_some() {
            eprintln!("openapi: validated {what}");
        }
        if errors.is_empty() {
            Ok(instance)
        } else {
            Err(format!(
                "{what}: the body breaks the documented schema:\n  {}\nbody: {instance}",
                errors.join("\n  ")
            ))
        }
    }

    fn validator(&self, key: &str, schema: &Value) -> Result<Arc<Validator>, String> {
        let mut validators = self.validators.lock().expect("the validator cache");
        if let Some(validator) = validators.get(key) {
            return Ok(Arc::clone(validator));
        }
        // The response's schema, with the components beside it so that its
        // `#/components/schemas/…` references resolve.
        let root = json!({
            "components": { "schemas": self.components },
            "allOf": [json_schema(schema, &self.doc["components"]["schemas"])],
        });
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| format!("{key}: the documented schema does not compile: {e}"))?;
        let validator = Arc::new(validator);
        validators.insert(key.to_owned(), Arc::clone(&validator));
        Ok(validator)
    }
}

/// A response object of the document, its `$ref` to
/// `#/components/responses/…` followed.
pub fn response_object<'a>(doc: &'a Value, response: &'a Value) -> &'a Value {
    match response["$ref"].as_str() {
        Some(reference) => {
            let name = reference
                .strip_prefix("#/components/responses/")
                .unwrap_or_else(|| panic!("a response reference: {reference}"));
            &doc["components"]["responses"][name]
        }
        None => response,
    }
}

/// A problem's `status` is the answer's, and its `type` names its `code`
/// (what no schema can say).
fn problem_agrees(what: &str, status: StatusCode, problem: &Value) -> Result<(), String> {
    if problem["status"] != status.as_u16() {
        return Err(format!(
            "{what}: the problem says status {}",
            problem["status"]
        ));
    }
    let code = problem["code"].as_str().unwrap_or("");
    if problem["type"] != format!("urn:gazette:problem:{code}").as_str() {
        return Err(format!(
            "{what}: the problem's type {} is not its code's",
            problem["type"]
        ));
    }
    Ok(())
}

/// The media type of an answer, without parameters.
fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_owned()
}

fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

/// An OpenAPI 3.0 schema object as a JSON Schema draft 7 schema (see the
/// module's docs); `components` resolves the `$ref`s of an `allOf`.
fn json_schema(schema: &Value, components: &Value) -> Value {
    let Some(object) = schema.as_object() else {
        return schema.clone();
    };
    if let Some(reference) = object.get("$ref") {
        // OpenAPI 3.0 ignores the siblings of a `$ref`.
        return json!({ "$ref": reference });
    }
    let mut out = object.clone();
    let nullable = out.remove("nullable") == Some(Value::Bool(true));
    if let Some(merged) = merged_objects(&out, components) {
        out = merged;
    }
    for (keyword, value) in out.iter_mut() {
        match keyword.as_str() {
            "properties" => {
                if let Some(properties) = value.as_object_mut() {
                    for property in properties.values_mut() {
                        *property = json_schema(property, components);
                    }
                }
            }
            "items" | "additionalProperties" | "not" => *value = json_schema(value, components),
            "allOf" | "anyOf" | "oneOf" => {
                if let Some(members) = value.as_array_mut() {
                    for member in members {
                        *member = json_schema(member, components);
                    }
                }
            }
            _ => {}
        }
    }
    let is_object = out.get("type").and_then(Value::as_str) == Some("object");
    if is_object && out.contains_key("properties") && !out.contains_key("additionalProperties") {
        out.insert("additionalProperties".to_owned(), Value::Bool(false));
    }
    if !nullable {
        return Value::Object(out);
    }
    if let Some(Value::Array(values)) = out.get_mut("enum") {
        values.push(Value::Null);
    }
    match out.get("type").cloned() {
        Some(Value::String(kind)) => {
            out.insert("type".to_owned(), json!([kind, "null"]));
            Value::Object(out)
        }
        _ => json!({ "anyOf": [Value::Object(out), { "type": "null" }] }),
    }
}

/// An `allOf` whose members are all objects with properties, as one object
/// (properties and required fields together), keeping the other keywords of
/// `schema`; `None` for any other schema.
fn merged_objects(schema: &Map<String, Value>, components: &Value) -> Option<Map<String, Value>> {
    let members = schema.get("allOf")?.as_array()?;
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for member in members {
        let member = resolve(member, components)?;
        let object = member.as_object()?;
        if object.get("type").and_then(Value::as_str) != Some("object")
            || object.get("nullable") == Some(&Value::Bool(true))
        {
            return None;
        }
        let nested = match object.get("allOf") {
            Some(_) => merged_objects(object, components)?,
            None => object.clone(),
        };
        for (name, property) in nested.get("properties")?.as_object()? {
            properties.insert(name.clone(), property.clone());
        }
        for name in nested
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !required.contains(name) {
                required.push(name.clone());
            }
        }
    }
    let mut merged = schema.clone();
    merged.remove("allOf");
    merged.insert("type".to_owned(), json!("object"));
    merged.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        merged.insert("required".to_owned(), Value::Array(required));
    }
    Some(merged)
}

/// A schema with its `$ref` to `#/components/schemas/…` followed.
fn resolve<'a>(schema: &'a Value, components: &'a Value) -> Option<&'a Value> {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => components.get(reference.strip_prefix("#/components/schemas/")?),
        None => Some(schema),
    }
}

#[test]
fn openapi_schemas_become_json_schema_with_nulls_and_closed_objects() {
    let components = json!({
        "Base": { "type": "object", "required": ["a"], "properties": { "a": { "type": "string" } } },
    });
    let nullable = json_schema(&json!({ "type": "string", "nullable": true }), &components);
    assert_eq!(nullable, json!({ "type": ["string", "null"] }));
    let nullable_ref =
        json!({ "allOf": [{ "$ref": "#/components/schemas/Base" }], "nullable": true });
    let converted = json_schema(&nullable_ref, &components);
    assert_eq!(converted["type"], json!(["object", "null"]));
    assert_eq!(converted["additionalProperties"], false);
    let validator = jsonschema::validator_for(&converted).expect("a schema");
    assert!(validator.is_valid(&Value::Null) && validator.is_valid(&json!({ "a": "x" })));
    assert!(!validator.is_valid(&json!({ "a": "x", "z": 0 })));
    let nullable_untyped = json_schema(&json!({ "nullable": true, "enum": ["a"] }), &components);
    assert_eq!(
        nullable_untyped,
        json!({ "anyOf": [{ "enum": ["a", null] }, { "type": "null" }] })
    );
    let extended = json!({ "allOf": [
        { "$ref": "#/components/schemas/Base" },
        { "type": "object", "required": ["b"], "properties": { "b": { "type": "integer" } } },
    ] });
    let merged = json_schema(&extended, &components);
    assert_eq!(merged["required"], json!(["a", "b"]));
    assert_eq!(merged["additionalProperties"], false);
    let validator = jsonschema::validator_for(&merged).expect("a schema");
    assert!(validator.is_valid(&json!({ "a": "x", "b": 1 })));
    assert!(!validator.is_valid(&json!({ "a": "x", "b": 1, "c": 2 })));
    assert!(!validator.is_valid(&json!({ "a": "x" })));
    let map = json!({ "type": "object", "additionalProperties": { "type": "string" } });
    assert_eq!(json_schema(&map, &components), map);
}
