//! Ranking, snippets and the section a hit points to.

use gazette_search::Snippet;

use crate::common::{id_with_number, ids, search, sorted};

/// The snippet's text, its marks shown as `<mark>…</mark>` (nothing
/// escaped).
fn marked(snippet: &Snippet) -> String {
    snippet.marked_with("<mark>", "</mark>")
}

#[test]
fn the_social_insurance_notice_comes_first_for_its_title_phrase() {
    // 降低社会保险费率 is in q2's title and body and in one row of q4's table.
    let results = search("降低社会保险费率");
    let found: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["q2", "q4"]);
    let first = &results.hits[0];
    assert_eq!(first.doc_number.as_deref(), Some("青政办发〔2019〕4号"));
    assert_eq!(first.id, id_with_number("青政办发〔2019〕4号"));
    assert!(first.title_match);
    assert!(!results.hits[1].title_match);
}

#[test]
fn a_title_match_outranks_body_matches() {
    // 工作人员 is in q6's title only (line 526) and twice in q4's body
    // (lines 303 and 306).
    let results = search("工作人员");
    let found: Vec<(&str, bool)> = results
        .hits
        .iter()
        .map(|h| (h.id.as_str(), h.title_match))
        .collect();
    assert_eq!(found, [("q6", true), ("q4", false)]);
    // q6 has no body match to show.
    assert_eq!(results.hits[0].snippet, None);
    assert!(results.hits[1].snippet.is_some());
}

#[test]
fn the_document_a_number_names_comes_first() {
    // q4's number; q4's text has it only on its number line.
    let results = search("青政办字[2019]31号");
    assert_eq!(results.hits[0].id, "q4");
    assert_eq!(
        results.hits[0].doc_number.as_deref(),
        Some("青政办字〔2019〕31号")
    );
}

#[test]
fn equal_scores_put_the_latest_document_first() {
    // A filter scores nothing: the 通知 are ordered by date, latest first
    // (q5 2019-07-11, q4 06-28, q2 06-26, q3 06-24).
    assert_eq!(ids("type:通知"), ["q5", "q4", "q2", "q3"]);
    for hit in search("type:通知").hits {
        assert_eq!(hit.score, 0.0);
        assert_eq!(hit.snippet, None);
    }
}

#[test]
fn the_snippet_marks_the_match_in_its_section() {
    // Line 29, under 二、支持措施 / （二）给予研发费用支持: …最高不超过3000万元。
    let results = search("3000万元");
    let hit = &results.hits[0];
    let snippet = marked(hit.snippet.as_ref().expect("a body match"));
    assert!(
        snippet.contains("最高不超过<mark>3000万元</mark>。（责任单位"),
        "{snippet}"
    );
    assert!(
        hit.heading_path
            .starts_with(&["支持措施".to_owned(), "给予研发费用支持".to_owned()]),
        "{:?}",
        hit.heading_path
    );
    assert!(
        hit.section_id
            .as_deref()
            .is_some_and(|id| id.starts_with("s2-2")),
        "{:?}",
        hit.section_id
    );
    assert!(!hit.title_match);
}

#[test]
fn snippets_keep_the_text_as_printed() {
    // A full-width query marks the ASCII text of line 39 as printed.
    let results = search("ＧＭＰ");
    let snippet = marked(results.hits[0].snippet.as_ref().expect("a body match"));
    assert!(snippet.contains("<mark>GMP</mark> 装修"), "{snippet}");
}

#[test]
fn jieba_words_rank_but_never_decide() {
    // 费率 as a word is in q2 many times; a query for it finds exactly the
    // documents that contain the characters, word or not.
    let found = ids("费率");
    assert_eq!(sorted(found.clone()), ["q2", "q4"]);
    assert_eq!(found[0], "q2");
}
