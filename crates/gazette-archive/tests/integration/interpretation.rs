//! A 解读 linked to the document it explains, both ways: the gov.cn
//! document 国办发〔2018〕115号 (tests/fixtures/govcn/govcn-row35.txt) and a
//! 解读 of it written for the test (tests/fixtures/interpretation/), in
//! either order of ingest; the link is derived (fact index) and comes back
//! when that index is rebuilt; `type:解读` and `文种:解读` find the 解读.
//! Expected values were read by hand from the texts.

use std::path::{Path, PathBuf};

use gazette_archive::Archive;
use gazette_search::SearchOptions;

const NUMBER: &str = "国办发〔2018〕115号";
const TITLE: &str = "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见";
const JIEDU_TITLE: &str =
    "关于《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》的解读";

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
}

fn ingest(dir: &Path, files: &[&str]) -> Archive {
    let mut archive = Archive::open(dir).expect("open");
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    archive
        .ingest_paths(&paths, "test", |_| {})
        .expect("ingest");
    archive
}

const DOCUMENT: &str = "govcn/govcn-row35.txt";
const JIEDU: &str = "interpretation/govcn-row35-jiedu.txt";

fn assert_linked_both_ways(archive: &Archive) {
    let reads = archive.reads();
    let document = reads.document(NUMBER).expect("the 指导意见");
    assert_eq!(document.record.document.title, TITLE);
    assert!(document.interpretations.explains.is_none());
    let by: Vec<&str> = document
        .interpretations
        .interpreted_by
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(by, [JIEDU_TITLE]);

    let jiedu_id = document.interpretations.interpreted_by[0].id.clone();
    let jiedu = reads.document(&jiedu_id).expect("the 解读");
    assert_eq!(jiedu.record.document.doc_type.as_deref(), Some("解读"));
    assert_eq!(jiedu.record.document.doc_number, None);
    assert!(jiedu.interpretations.interpreted_by.is_empty());
    let explains = jiedu.interpretations.explains.as_ref().expect("explains");
    assert_eq!(explains.reference.doc_number.as_deref(), Some(NUMBER));
    assert_eq!(explains.resolved_by, Some("number"));
    let target = explains.target.as_ref().expect("the archive holds it");
    assert_eq!(target.id, document.record.id);
    assert_eq!(target.doc_number.as_deref(), Some(NUMBER));
}

#[test]
fn a_jiedu_and_its_document_are_linked_both_ways_in_either_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_linked_both_ways(&ingest(dir.path(), &[DOCUMENT, JIEDU]));
    let dir = tempfile::tempdir().expect("tempdir");
    assert_linked_both_ways(&ingest(dir.path(), &[JIEDU, DOCUMENT]));
}

#[test]
fn a_jiedu_whose_document_is_not_archived_names_it_unresolved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingest(dir.path(), &[JIEDU]);
    let results = archive
        .reads()
        .search("type:解读", &SearchOptions::default())
        .expect("search");
    assert_eq!(results.hits.len(), 1);
    let jiedu = archive
        .reads()
        .document(&results.hits[0].id)
        .expect("the 解读");
    let explains = jiedu.interpretations.explains.expect("explains");
    assert_eq!(explains.reference.title.as_deref(), Some(TITLE));
    assert!(explains.target.is_none());
    assert_eq!(explains.resolved_by, None);
}

#[test]
fn the_link_comes_back_when_the_fact_index_is_rebuilt() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(ingest(dir.path(), &[DOCUMENT, JIEDU]));
    for file in ["facts.sqlite", "facts.sqlite-wal", "facts.sqlite-shm"] {
        let _ = std::fs::remove_file(dir.path().join(file));
    }
    assert_linked_both_ways(&Archive::open(dir.path()).expect("reopen"));
}

#[test]
fn search_filters_jiedu_by_type_in_english_and_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = ingest(dir.path(), &[DOCUMENT, JIEDU]);
    for query in ["type:解读", "文种:解读", "合法性审核 type:解读"] {
        let results = archive
            .reads()
            .search(query, &SearchOptions::default())
            .expect("search");
        let titles: Vec<&str> = results.hits.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, [JIEDU_TITLE], "{query}");
    }
    let results = archive
        .reads()
        .search("合法性审核 -type:解读", &SearchOptions::default())
        .expect("search");
    let numbers: Vec<_> = results
        .hits
        .iter()
        .filter_map(|h| h.doc_number.clone())
        .collect();
    assert_eq!(numbers, [NUMBER]);
}
