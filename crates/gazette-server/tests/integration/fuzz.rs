//! Hostile query strings and ids never make the server fail: every answer
//! is below 500 (a 400, 404 or 414 at worst), on every read route.

use crate::common::{enc, Fixture};

/// Strings that have broken servers before.
fn hostile() -> Vec<String> {
    let mut strings: Vec<String> = [
        "",
        " ",
        "\u{0}",
        "%00",
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "\"unclosed",
        "\"",
        "\"\"",
        "(",
        ")",
        "((()",
        "OR",
        "AND",
        "NOT",
        "-",
        "- -",
        "a OR",
        "NOT NOT NOT",
        ":",
        "title:",
        "number:",
        "year:abcd",
        "year:2019..",
        "year:..",
        "date:2019-13-45",
        "date:..",
        "status:whatever",
        "unknown:field",
        "type:(a OR b)",
        "*",
        "?",
        "\\",
        "'; DROP TABLE documents; --",
        "<script>alert(1)</script>",
        "\u{202e}逆序\u{202d}",
        "👍🏽👨‍👩‍👧",
        "𠀀𪚥",
        "e\u{301}\u{301}\u{301}",
        "\u{FEFF}",
        "\u{FFFF}",
        "，。、；：",
        "青政办字〔2019〕31号",
        "青政办字[2019]31号 OR",
        "-1",
        "18446744073709551616",
        "0-0",
        "1-ffffffffffffffff",
        "99999999999999999999-0123456789abcdef",
    ]
    .map(str::to_owned)
    .to_vec();
    strings.push("a".repeat(1001));
    strings.push("社".repeat(400));
    strings.push(format!("{}x{}", "(".repeat(40), ")".repeat(40)));
    strings.push("-".repeat(50) + "x");
    strings.push("NOT ".repeat(40) + "x");
    strings
}

/// Raw (not re-encoded) path and query pieces: bad percent-encodings.
const RAW: [&str; 6] = ["%", "%ZZ", "%FF%FE", "%C0%AF", "%00", "%E4%B8"];

async fn assert_no_failure(fixture: &Fixture, uri: &str) {
    let reply = fixture.get(uri).await;
    assert!(
        reply.status.as_u16() < 500,
        "GET {uri}: {} {}",
        reply.status,
        String::from_utf8_lossy(&reply.body)
    );
}

fn uris(value: &str) -> Vec<String> {
    vec![
        format!("/api/v1/search?q={value}"),
        format!("/api/v1/search?q=x&cursor={value}"),
        format!("/api/v1/search?q=x&limit={value}"),
        format!("/api/v1/search?q={value}&format=csv"),
        format!("/search?q={value}"),
        format!("/search?q=x&start={value}"),
        format!("/feed.atom?q={value}"),
        format!("/api/v1/documents/{value}"),
        format!("/api/v1/documents/{value}/text"),
        format!("/documents/{value}"),
        format!("/api/v1/issues/{value}"),
        format!("/issues/{value}"),
        format!("/api/v1/issues?cursor={value}"),
        format!("/api/v1/documents?year={value}"),
        format!("/api/v1/documents?from={value}"),
        format!("/api/v1/documents?issuer={value}"),
        format!("/api/v1/documents?doc_type={value}"),
        format!("/api/v1/documents?status={value}"),
        format!("/api/v1/documents?unit={value}"),
        format!("/api/v1/documents?sort={value}"),
        format!("/api/v1/documents?cursor={value}"),
        format!("/api/v1/documents?limit={value}"),
        format!("/api/v1/documents/{value}/links"),
        format!("/api/v1/documents/{value}/graph"),
        format!("/api/v1/documents/x/graph?depth={value}"),
        format!("/api/v1/units/{value}"),
        format!("/units/{value}"),
        format!("/api/v1/people/{value}"),
        format!("/people/{value}"),
        format!("/api/v1/calendar?document={value}"),
        format!("/api/v1/calendar?unit={value}"),
        format!("/api/v1/calendar.ics?document={value}"),
        format!("/api/v1/calendar.ics?unit={value}"),
        format!("/calendar?document={value}&unit={value}"),
        format!("/api/v1/provisions?subject={value}"),
        format!("/api/v1/provisions?subject=x&as_of={value}"),
        format!("/provisions?subject={value}&as_of={value}"),
    ]
}

#[tokio::test]
async fn hostile_strings_never_give_a_server_error() {
    let fixture = Fixture::sample();
    for value in hostile() {
        for uri in uris(&enc(&value)) {
            assert_no_failure(&fixture, &uri).await;
        }
    }
    for value in RAW {
        for uri in uris(value) {
            assert_no_failure(&fixture, &uri).await;
        }
    }
}

#[tokio::test]
async fn pages_past_the_end_are_empty_not_errors() {
    let fixture = Fixture::sample();
    for uri in [
        "/search?q=%E9%80%9A%E7%9F%A5&start=18446744073709551615",
        "/search?q=%E9%80%9A%E7%9F%A5&start=1000000000",
        "/api/v1/documents?limit=1000000",
        "/issues?start=99999999999",
        "/api/v1/issues?limit=100000",
    ] {
        let reply = fixture.get(uri).await;
        assert_eq!(reply.status, 200, "{uri}: {}", reply.text());
    }
}
