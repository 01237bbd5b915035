//! Writing: replacing, deleting, clearing, the indexed sequence, an index
//! on disk that survives reopening, and compacting one.

use chrono::NaiveDate;
use gazette_search::{IndexDoc, IndexSection, SearchError, SearchIndex, SearchOptions, Status};

fn doc(id: &str, title: &str, body: &str) -> IndexDoc {
    IndexDoc {
        date: NaiveDate::from_ymd_opt(2019, 6, 1),
        doc_type: Some("通知".to_owned()),
        sections: vec![IndexSection::new(body)],
        ..IndexDoc::new(id, format!("slug-{id}"), title)
    }
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(query, &SearchOptions::default())
        .expect("searches")
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn upsert_replaces_a_document_with_the_same_id() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(&[
            doc("a", "关于社会保险的通知", "旧的正文"),
            doc("b", "其他", "无关"),
        ])
        .expect("indexes");
    index
        .upsert(&[doc("a", "关于医疗保险的通知", "新的正文")])
        .expect("replaces");
    assert_eq!(index.doc_count().expect("counts"), 2);
    assert_eq!(ids(&index, "医疗保险"), ["a"]);
    assert!(ids(&index, "社会保险").is_empty());
    assert!(ids(&index, "旧的").is_empty());
    // The last of two versions in one batch wins.
    index
        .upsert(&[doc("c", "第一版", "x"), doc("c", "第二版", "y")])
        .expect("indexes");
    assert_eq!(ids(&index, "第二版"), ["c"]);
    assert!(ids(&index, "第一版").is_empty());
}

#[test]
fn delete_and_clear() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(&[doc("a", "甲通知", "正文"), doc("b", "乙通知", "正文")])
        .expect("indexes");
    index.delete(&["a", "unknown"]).expect("deletes");
    assert_eq!(ids(&index, "正文"), ["b"]);
    index.set_indexed_seq(7).expect("records");
    index.clear().expect("clears");
    assert_eq!(index.doc_count().expect("counts"), 0);
    assert_eq!(index.indexed_seq().expect("reads"), 0);
    assert_eq!(
        index
            .search("正文", &SearchOptions::default())
            .expect("searches")
            .total,
        0
    );
}

#[test]
fn the_indexed_sequence_is_committed_with_the_documents() {
    let index = SearchIndex::in_memory().expect("index");
    assert_eq!(index.indexed_seq().expect("reads"), 0);
    index
        .apply(&[doc("a", "甲", "正文")], &[], Some(12))
        .expect("applies");
    assert_eq!(index.indexed_seq().expect("reads"), 12);
    // Later commits keep it unless told otherwise.
    index.upsert(&[doc("b", "乙", "正文")]).expect("indexes");
    assert_eq!(index.indexed_seq().expect("reads"), 12);
    index.apply(&[], &["a"], Some(13)).expect("applies");
    assert_eq!(index.indexed_seq().expect("reads"), 13);
    assert_eq!(ids(&index, "正文"), ["b"]);
}

#[test]
fn an_index_on_disk_survives_reopening() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("nested").join("index");
    {
        let index = SearchIndex::open_or_create(&path).expect("creates");
        let repealed = IndexDoc {
            status: Status::Repealed,
            ..doc("a", "关于降低社会保险费率的通知", "自2019年5月1日起执行。")
        };
        index.apply(&[repealed], &[], Some(99)).expect("applies");
        // A second handle on the same directory would need the writer lock,
        // and says so in words a user can act on.
        let busy = SearchIndex::open_or_create(&path).expect_err("the writer lock is taken");
        assert!(
            matches!(busy, gazette_search::SearchError::Busy(_)),
            "{busy:?}"
        );
        assert!(busy
            .to_string()
            .contains("in use by another gazette process"));
    }
    let index = SearchIndex::open_or_create(&path).expect("reopens");
    assert_eq!(index.doc_count().expect("counts"), 1);
    assert_eq!(index.indexed_seq().expect("reads"), 99);
    let results = index
        .search("社会保险 status:repealed", &SearchOptions::default())
        .expect("searches");
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].status, Status::Repealed);
    assert_eq!(results.hits[0].date, NaiveDate::from_ymd_opt(2019, 6, 1));
}

#[test]
fn a_compacted_index_finds_the_same_and_keeps_its_sequence() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_or_create(&path).expect("creates");
        // Three commits, three segments; one document deleted in the last
        // (not the whole of its segment, which would go at once).
        let first = doc("a", "关于降低社会保险费率的通知", "人民政府决定降低费率。");
        let second = [
            doc("b", "关于印发方案的通知", "各区市人民政府要落实。"),
            doc("d", "关于印发计划的通知", "市政府各部门要落实。"),
        ];
        let third = doc("c", "关于废止的决定", "人民政府决定废止。");
        index.apply(&[first], &[], Some(1)).expect("applies");
        index.apply(&second, &[], Some(2)).expect("applies");
        index.apply(&[third], &["b"], Some(3)).expect("applies");
        let found = |index: &SearchIndex| {
            let mut found = ids(index, "人民政府");
            found.sort();
            found
        };
        assert_eq!(found(&index), ["a", "c"]);
        assert_eq!(index.compact().expect("compacts"), 3);
        assert_eq!(found(&index), ["a", "c"]);
        assert_eq!(index.compact().expect("nothing to do"), 1);
    }
    let index = SearchIndex::open_or_create(&path).expect("reopens");
    assert_eq!(index.indexed_seq().expect("reads"), 3);
    assert_eq!(index.doc_count().expect("counts"), 3);
    assert_eq!(index.compact().expect("still one"), 1);
}

#[test]
fn an_index_with_another_schema_is_refused() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("something_else", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(dir.path(), schema.build()).expect("foreign index");
    let error = SearchIndex::open_or_create(dir.path()).expect_err("refused");
    assert!(matches!(error, SearchError::SchemaChanged(_)), "{error}");
}

#[test]
fn a_shared_index_serves_threads() {
    let index = std::sync::Arc::new(SearchIndex::in_memory().expect("index"));
    index
        .upsert(&[doc("a", "甲", "社会保险")])
        .expect("indexes");
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let index = index.clone();
            std::thread::spawn(move || ids(&index, "社会保险"))
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().expect("thread ends"), ["a"]);
    }
}

#[test]
fn cached_results_never_outlive_a_commit() {
    let index = SearchIndex::in_memory().expect("index");
    index.set_result_cache(16);
    index
        .upsert(&[doc("a", "关于社会保险的通知", "正文")])
        .expect("indexes");
    assert_eq!(ids(&index, "社会保险"), ["a"]);
    assert_eq!(ids(&index, "社会保险"), ["a"]);
    index
        .upsert(&[doc("b", "社会保险费率", "正文")])
        .expect("indexes");
    assert_eq!(ids(&index, "社会保险").len(), 2);
    index.delete(&["a"]).expect("deletes");
    assert_eq!(ids(&index, "社会保险"), ["b"]);
    // Two pages of one query are two entries.
    let page = |offset| SearchOptions {
        limit: 1,
        offset,
        ..SearchOptions::default()
    };
    let hit = |offset| {
        let results = index.search("正文", &page(offset)).expect("page");
        results.hits.first().map(|h| h.id.clone())
    };
    index.upsert(&[doc("c", "其他", "正文")]).expect("indexes");
    assert_ne!(hit(0), hit(1));
    index.set_result_cache(0);
    assert_eq!(ids(&index, "社会保险"), ["b"]);
}

#[test]
fn an_index_opened_read_only_is_searched_beside_its_writer_and_refuses_writes() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("index");
    assert!(
        SearchIndex::open_read_only(&path).is_err(),
        "no index there yet"
    );
    let writer = SearchIndex::open_or_create(&path).expect("creates");
    writer
        .apply(
            &[doc(
                "a",
                "关于降低社会保险费率的通知",
                "自2019年5月1日起执行。",
            )],
            &[],
            Some(7),
        )
        .expect("applies");
    // The writer (as a running server's) keeps its lock meanwhile.
    let reader = SearchIndex::open_read_only(&path).expect("opens beside the writer");
    assert_eq!(reader.indexed_seq().expect("reads"), 7);
    let results = reader
        .search("社会保险", &SearchOptions::default())
        .expect("searches");
    assert_eq!(results.total, 1);
    let refused = reader.set_indexed_seq(8).expect_err("read-only");
    assert!(
        matches!(refused, gazette_search::SearchError::ReadOnly),
        "{refused:?}"
    );
    assert!(reader.clear().is_err() && reader.compact().is_err());
    assert_eq!(writer.indexed_seq().expect("reads"), 7);
}

/// Issue 14 (kill -9 at 200 moments of API writes): a process killed in
/// the middle of a commit left a segment's `.del` file that the last commit
/// does not name (`….1786.del`); the next commit wrote the same name and
/// failed with FileAlreadyExists, so the archive could not open. Files that
/// no commit names are deleted when the index opens; the files of the last
/// commit stay.
#[test]
fn files_no_commit_names_are_deleted_at_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_or_create(&path).expect("opens");
        index
            .upsert(&[doc("a", "关于社会保险的通知", "正文")])
            .expect("indexes");
    }
    let segment = std::fs::read_dir(&path)
        .expect("list")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find_map(|name| name.strip_suffix(".idx").map(str::to_owned))
        .expect("a segment");
    // What a commit killed before its meta.json was written leaves.
    let strays: Vec<std::path::PathBuf> = (1..=50)
        .map(|opstamp| path.join(format!("{segment}.{opstamp}.del")))
        .collect();
    for stray in &strays {
        std::fs::write(stray, b"left by a killed process").expect("stray file");
    }
    // tantivy lists a file as its own (`.managed.json`) before it writes
    // it, so the killed process had listed them.
    let managed_path = path.join(".managed.json");
    let managed = std::fs::read_to_string(&managed_path).expect("managed files");
    let mut managed: Vec<String> = serde_json::from_str(&managed).expect("a JSON list");
    managed.extend(
        strays
            .iter()
            .filter_map(|p| Some(p.file_name()?.to_str()?.to_owned())),
    );
    std::fs::write(
        &managed_path,
        serde_json::to_string(&managed).expect("JSON"),
    )
    .expect("managed files written");
    let index = SearchIndex::open_or_create(&path).expect("opens after the kill");
    let left: Vec<_> = strays.iter().filter(|p| p.exists()).collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(path.join(format!("{segment}.idx")).exists());
    assert_eq!(ids(&index, "社会保险"), ["a"]);
    index
        .upsert(&[doc("a", "关于医疗保险的通知", "新的正文")])
        .expect("the next change commits");
    assert_eq!(ids(&index, "医疗保险"), ["a"]);
}
