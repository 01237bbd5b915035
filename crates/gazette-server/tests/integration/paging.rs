//! Paging never breaks down: 30 variants of the sample (180 documents)
//! walked to the end with cursors, totals exact, CSV exports complete.

use std::collections::HashSet;

use crate::common::{enc, Fixture};

const ISSUES: u32 = 30;
const DOCUMENTS: usize = 6 * ISSUES as usize;

/// Walks `first` (a URI without cursor) to the end; returns the ids in
/// order and the total each page claimed.
async fn walk(fixture: &Fixture, first: &str, items: &str) -> (Vec<String>, HashSet<u64>) {
    let mut ids = Vec::new();
    let mut totals = HashSet::new();
    let mut uri = first.to_owned();
    for _ in 0..1000 {
        let reply = fixture.get(&uri).await;
        assert_eq!(reply.status, 200, "{uri}: {}", reply.text());
        let json = reply.json();
        totals.insert(json["total"].as_u64().expect("a total"));
        for item in json[items].as_array().expect("a page") {
            ids.push(item["id"].as_str().expect("an id").to_owned());
        }
        match json["next_cursor"].as_str() {
            Some(cursor) => uri = format!("{first}&cursor={}", enc(cursor)),
            None => return (ids, totals),
        }
    }
    panic!("{first}: no last page after 1000 pages");
}

fn assert_complete(ids: &[String], totals: &HashSet<u64>, expected: usize) {
    assert_eq!(totals.len(), 1, "every page says the same total");
    assert!(totals.contains(&(expected as u64)));
    assert_eq!(ids.len(), expected);
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), expected, "no document twice, none skipped");
}

/// One archive of 30 issues for both checks: ingesting it is most of the
/// time of these tests.
#[tokio::test]
async fn thirty_issues_are_walked_to_the_end_and_exported_whole() {
    let fixture = Fixture::variants(ISSUES);
    every_result_is_reached_with_cursors(&fixture).await;
    exports_hold_every_row_not_one_page(&fixture).await;
}

async fn every_result_is_reached_with_cursors(fixture: &Fixture) {
    // A text query matching every document of every variant, then lists.
    let (ids, totals) = walk(
        fixture,
        &format!("/api/v1/search?q={}&limit=7", enc("青岛市")),
        "hits",
    )
    .await;
    assert_complete(&ids, &totals, DOCUMENTS);

    let (desc, totals) = walk(fixture, "/api/v1/documents?limit=11", "items").await;
    assert_complete(&desc, &totals, DOCUMENTS);
    let (mut asc, totals) =
        walk(fixture, "/api/v1/documents?limit=13&sort=date_asc", "items").await;
    assert_complete(&asc, &totals, DOCUMENTS);
    asc.reverse();
    assert_eq!(asc, desc, "oldest first is newest first reversed");

    let (filtered, totals) = walk(
        fixture,
        &format!("/api/v1/documents?doc_type={}&limit=9", enc("通知")),
        "items",
    )
    .await;
    assert_complete(&filtered, &totals, 4 * ISSUES as usize);
}

async fn exports_hold_every_row_not_one_page(fixture: &Fixture) {
    for uri in [
        "/api/v1/documents?format=csv".to_owned(),
        format!("/api/v1/search?q={}&format=csv&limit=5", enc("青岛市")),
    ] {
        let reply = fixture.get(&uri).await;
        assert_eq!(reply.status, 200, "{uri}");
        assert_eq!(reply.header("content-type"), "text/csv; charset=utf-8");
        assert!(reply
            .header("content-disposition")
            .starts_with("attachment"));
        let text = reply.text();
        let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
        assert_eq!(
            lines.next(),
            Some("id,slug,doc_number,date,title,issuer,doc_type,status,url")
        );
        let ids: HashSet<&str> = lines.map(|l| l.split(',').next().unwrap_or("")).collect();
        assert_eq!(ids.len(), DOCUMENTS, "{uri}");
    }
    let notices = fixture
        .get(&format!(
            "/api/v1/documents?format=csv&doc_type={}",
            enc("通知")
        ))
        .await
        .text();
    assert_eq!(
        notices.split("\r\n").filter(|l| !l.is_empty()).count(),
        1 + 4 * ISSUES as usize
    );
}

#[tokio::test]
async fn a_cursor_only_works_for_its_own_query() {
    let fixture = Fixture::variants(2);
    let first = fixture.get("/api/v1/documents?limit=2").await.json();
    let cursor = first["next_cursor"]
        .as_str()
        .expect("more pages")
        .to_owned();
    fixture
        .get(&format!(
            "/api/v1/documents?limit=2&sort=date_asc&cursor={cursor}"
        ))
        .await
        .assert_problem(400, "bad_cursor");
    fixture
        .get(&format!("/api/v1/search?q=x&cursor={cursor}"))
        .await
        .assert_problem(400, "bad_cursor");
    // A forged cursor far beyond the end is an empty last page, not a
    // failure (nor a huge allocation).
    let key_bound = cursor
        .split_once('-')
        .map(|(_, print)| print)
        .expect("offset-print");
    let far = fixture
        .get(&format!(
            "/api/v1/documents?limit=2&cursor=999999999999-{key_bound}"
        ))
        .await;
    assert_eq!(far.status, 200, "{}", far.text());
    assert_eq!(far.json()["items"], serde_json::json!([]));
    assert_eq!(far.json()["total"], 12);
}
