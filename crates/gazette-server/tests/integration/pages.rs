//! The HTML pages: structure for screen readers and small screens, the
//! document's outline, tables and status banner, facets and paging as
//! plain URLs, errors as pages.

use gazette_archive::types::TokenScope;

use crate::common::{enc, sample_bytes, variant, Fixture};

/// Checks what every page must have.
pub fn assert_accessible_frame(uri: &str, html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "{uri}");
    assert!(html.contains("<html lang=\"zh-CN\">"), "{uri}");
    assert!(html.contains("<meta name=\"viewport\""), "{uri}");
    for landmark in ["<header", "<nav", "<main", "<footer"] {
        assert!(html.contains(landmark), "{uri}: no {landmark}");
    }
    assert!(html.contains("href=\"#main\""), "{uri}: no skip link");
    assert_eq!(html.matches("<h1").count(), 1, "{uri}: one h1");
    assert!(!html.contains("style="), "{uri}: inline style");
    assert!(!html.contains("<style"), "{uri}: inline style");
    assert!(!html.contains("onclick"), "{uri}: inline handler");
    // Every text input has a label.
    for (at, _) in html.match_indices("<input id=\"") {
        let id: String = html[at + 11..].chars().take_while(|&c| c != '"').collect();
        assert!(
            html.contains(&format!("<label for=\"{id}\"")),
            "{uri}: {id} unlabelled"
        );
    }
    // Headings never skip a level.
    let mut last = 0u8;
    for (at, _) in html.match_indices("<h") {
        let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        let level = level as u8;
        assert!(level <= last + 1, "{uri}: h{level} after h{last}");
        last = level;
    }
}

#[tokio::test]
async fn the_home_page_has_the_search_box_the_latest_and_the_counts() {
    let fixture = Fixture::sample();
    let reply = fixture.get("/").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "text/html; charset=utf-8");
    let html = reply.text();
    assert_accessible_frame("/", &html);
    assert!(html.contains(
        "<form class=\"search-form\" role=\"search\" action=\"/search\" method=\"get\">"
    ));
    assert!(html.contains("最新文件"));
    assert!(html.contains("href=\"/issues/1\""));
    assert!(html.contains(&format!("href=\"/search?q={}\"", enc("year:2019"))));
    assert!(html.contains("2019</a> <span class=\"count\">(6)</span>"));
    assert!(html.contains(&format!("href=\"/search?q={}\"", enc("type:\"通知\""))));
}

#[tokio::test]
async fn the_search_page_is_a_shareable_url_with_facets_and_paging() {
    let fixture = Fixture::variants(3);
    let uri = format!("/search?q={}", enc("通知"));
    let html = fixture.get(&uri).await.text();
    assert_accessible_frame(&uri, &html);
    assert!(html.contains("共 12 件"), "4 notices × 3 issues");
    assert!(html.contains("<mark>"));
    // Facet links narrow the query.
    assert!(html.contains(&format!("href=\"/search?q={}\"", enc("通知 year:1991"))));
    // 12 results fit one page; more need paging.
    let all = fixture
        .get(&format!("/search?q={}", enc("青岛市")))
        .await
        .text();
    assert!(all.contains("共 18 件"));
    let next = format!("/search?q={}&amp;start=20", enc("青岛市"));
    assert!(!all.contains(&next), "18 results are one page");
    let filtered = fixture
        .get(&format!("/search?q={}", enc("青岛市 year:1990")))
        .await
        .text();
    assert!(filtered.contains("共 6 件"));
    // A bad query is shown back, with what is wrong.
    let bad = fixture
        .get(&format!("/search?q={}", enc("\"unclosed")))
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("检索式有误"));
    assert!(bad.text().contains("value=\"&quot;unclosed\""));
}

#[tokio::test]
async fn search_pages_link_to_the_next_page() {
    let issues: Vec<(String, Vec<u8>)> = (0..4)
        .map(|i| (format!("v{i}.txt"), variant(2000 + i)))
        .collect();
    let fixture = Fixture::with_issues(&issues);
    let html = fixture
        .get(&format!("/search?q={}", enc("青岛市")))
        .await
        .text();
    assert!(html.contains("共 24 件"));
    assert!(html.contains(&format!(
        "href=\"/search?q={}&amp;start=20\" rel=\"next\"",
        enc("青岛市")
    )));
    let second = fixture
        .get(&format!("/search?q={}&start=20", enc("青岛市")))
        .await
        .text();
    assert!(second.contains("<ol class=\"results\" start=\"21\">"));
    assert!(second.contains("rel=\"prev\""));
    assert_eq!(second.matches("<li><h3>").count(), 4);
}

#[tokio::test]
async fn a_document_page_has_its_outline_tables_and_links() {
    let fixture = Fixture::sample();
    let uri = format!("/documents/{}", enc("2019-青政办字-31"));
    let reply = fixture.get(&uri).await;
    assert_eq!(reply.status, 200);
    let html = reply.text();
    assert_accessible_frame(&uri, &html);
    assert!(html.contains(
        "<h1 id=\"doc-title\">青岛市人民政府办公厅关于印发2019年青岛市政务公开工作要点的通知</h1>"
    ));
    assert!(html.contains("<dd>青政办字〔2019〕31号"));
    // The outline links to the section ids, which the body carries.
    assert!(html.contains("<nav class=\"outline\" aria-labelledby=\"outline-title\">"));
    for id in ["s1", "s1-1", "s2-3", "a1"] {
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "outline link to {id}"
        );
        assert!(html.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
    // The table is a table with column headers.
    assert!(html.contains("<table id=\"t1\">"));
    for column in ["序号", "工作任务", "具体要求", "责任单位"] {
        assert!(
            html.contains(&format!("<th scope=\"col\">{column}</th>")),
            "{column}"
        );
    }
    assert!(html.contains("href=\"/api/v1/documents/d6d5d3f594143/text\""));
    assert!(
        html.contains("data-status=\"unverified\" data-source=\"none\""),
        "no evidence: the banner says 未核实"
    );
}

#[tokio::test]
async fn every_page_of_the_sample_is_well_formed() {
    let fixture = Fixture::sample();
    let list = fixture.get("/api/v1/documents").await.json();
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 6);
    for item in items {
        let uri = item["url"].as_str().expect("a page URL");
        let reply = fixture.get(uri).await;
        assert_eq!(reply.status, 200, "{uri}");
        let html = reply.text();
        assert_accessible_frame(uri, &html);
        // Every fragment the outline links to exists on the page.
        for (at, _) in html.match_indices("href=\"#") {
            let id: String = html[at + 7..].chars().take_while(|&c| c != '"').collect();
            assert!(
                html.contains(&format!("id=\"{id}\"")),
                "{uri}: #{id} has no target"
            );
        }
    }
    let empty = fixture.get("/search").await;
    assert_eq!(empty.status, 200);
    assert_accessible_frame("/search", &empty.text());
}

#[tokio::test]
async fn a_repealed_document_says_so_at_the_top_with_a_link_to_the_repeal() {
    let fixture = Fixture::with_issues(&[
        ("2019.txt".to_owned(), sample_bytes()),
        ("2020.txt".to_owned(), variant(2020)),
    ]);
    let token = fixture.token("editor", TokenScope::Write);
    let reply = fixture
        .post(
            &format!("/api/v1/documents/{}/status", enc("青政办字〔2019〕31号")),
            Some(&token),
            r#"{"status":"repealed","effective":"2020-07-01","by":"青政办字[2020]31号","reason":"新要点印发"}"#,
        )
        .await;
    assert_eq!(reply.status, 200);
    let html = fixture.get("/documents/d6d5d3f594143").await.text();
    let banner = html.find("class=\"banner\"").expect("a banner");
    let title = html.find("<h1").expect("a title");
    assert!(banner < title, "the banner comes first");
    assert!(html.contains("本文件已废止"));
    assert!(html.contains("自 2020-07-01 起"));
    let link = format!("<a href=\"/documents/{}\"", enc("2020-青政办字-31"));
    assert!(html.contains(&link), "the repealing document is linked");
    assert!(html.contains("效力记录"));
}

#[tokio::test]
async fn cited_documents_in_the_archive_are_links() {
    // 青政办发〔2019〕4号 cites 国办发〔2019〕13号; a variant of the sample
    // whose numbers read 国办发 makes the cited document archived.
    let cited = String::from_utf8(sample_bytes())
        .expect("UTF-8")
        .replace("青政办发〔2019〕4号", "国办发〔2019〕13号")
        .replace("青政", "青府");
    let fixture = Fixture::with_issues(&[
        ("2019.txt".to_owned(), sample_bytes()),
        ("cited.txt".to_owned(), cited.into_bytes()),
    ]);
    let html = fixture
        .get(&format!("/documents/{}", enc("青政办发〔2019〕4号")))
        .await
        .text();
    assert!(html.contains("引用文件"));
    let found = fixture
        .get(&format!("/api/v1/documents/{}", enc("国办发〔2019〕13号")))
        .await
        .json();
    let slug = found["slug"].as_str().expect("archived");
    assert!(html.contains(&format!("<a href=\"/documents/{}\"", enc(slug))));
    // 鲁政办发〔2019〕14号 is not archived: text, not a link.
    assert!(html.contains("鲁政办发〔2019〕14号）"));
}

#[tokio::test]
async fn an_issue_page_is_its_table_of_contents() {
    let fixture = Fixture::sample();
    let html = fixture.get("/issues/1").await.text();
    assert_accessible_frame("/issues/1", &html);
    let first = html.find("蓝色药库").expect("the first document");
    let last = html.find("近期市政府任免").expect("the last document");
    assert!(first < last);
    let list = fixture.get("/issues").await.text();
    assert_accessible_frame("/issues", &list);
    assert!(list.contains("href=\"/issues/1\""));
}

#[tokio::test]
async fn errors_outside_the_api_are_pages() {
    let fixture = Fixture::sample();
    for (uri, status) in [
        ("/documents/nothing-here", 404),
        ("/issues/42", 404),
        ("/no/such/page", 404),
    ] {
        let reply = fixture.get(uri).await;
        assert_eq!(reply.status, status, "{uri}");
        assert_eq!(
            reply.header("content-type"),
            "text/html; charset=utf-8",
            "{uri}"
        );
        assert_accessible_frame(uri, &reply.text());
    }
}

#[tokio::test]
async fn the_stylesheet_is_responsive_and_shows_focus() {
    let fixture = Fixture::sample();
    let html = fixture.get("/").await.text();
    let href: String = html
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .map(|rest| rest.chars().take_while(|&c| c != '"').collect())
        .expect("a stylesheet link");
    let css = fixture.get(&href).await;
    assert_eq!(css.status, 200);
    let css = css.text();
    assert!(css.contains(":focus-visible"));
    assert!(css.contains("@media (min-width"));
    assert!(
        css.contains("overflow-x: auto"),
        "wide tables scroll on small screens"
    );
}

#[tokio::test]
async fn a_document_page_shows_the_issuer_as_printed_and_its_full_name() {
    let fixture = Fixture::sample();
    let list = fixture
        .get(&format!("/api/v1/documents?doc_type={}", enc("任免")))
        .await
        .json();
    let item = &list["items"][0];
    // 近期市政府任免的工作人员名单 names its issuer 市政府 only; the sample's
    // text names no city, so the full name is only written out. Lists show
    // the full names, as the issuer facet counts them.
    assert_eq!(item["issuer"][0], "市人民政府");
    let url = item["url"].as_str().expect("a page");
    let html = fixture.get(url).await.text();
    assert!(html.contains("<dd>市政府"), "printed");
    assert!(
        html.contains("<dt>发文机关全称</dt><dd>市人民政府</dd>"),
        "full name"
    );
    let api = fixture
        .get(item["api_url"].as_str().expect("an api url"))
        .await
        .json();
    assert_eq!(api["document"]["issuer"][0], "市政府");
    assert_eq!(api["document"]["issuer_canonical"][0]["name"], "市人民政府");
    assert_eq!(
        api["document"]["issuer_canonical"][0]["evidence"],
        "short_form"
    );
}
