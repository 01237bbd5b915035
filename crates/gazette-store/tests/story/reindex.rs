//! Reindex: a new parse of an issue replaces its documents, keeping ids.

use gazette_model::Status;
use gazette_store::{Change, ChangeKind, Counts, StoreError};

use crate::common::{
    add, change, day, edited_open_government_notice, store_with_sample, Parsed, OPEN_GOVERNMENT,
    SAMPLE_IDS, SAMPLE_SLUGS,
};
use crate::harness::{fail_sixth_version, Harness};

pub fn a_new_parse_keeps_ids_slugs_versions_and_histories(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let repeal = change(Status::Repealed, day(2021, 1, 1), "2024-05-01T08:00:00Z");
    store
        .record_status(SAMPLE_IDS[5], &repeal, None)
        .expect("record");
    let seq = store.last_seq().expect("last seq");

    let mut reparsed = Parsed::sample().issue;
    reparsed.documents[0].title = "重新解析的标题".to_owned();
    store.replace_documents(1, &reparsed).expect("replace");

    let records = store.issue_documents(1).expect("documents");
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let slugs: Vec<&str> = records.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(ids, SAMPLE_IDS);
    assert_eq!(slugs, SAMPLE_SLUGS);
    assert!(records.iter().all(|r| r.version == 1));
    assert_eq!(records[0].document.title, "重新解析的标题");
    assert_eq!(
        store.status_history(SAMPLE_IDS[5]).expect("history"),
        [repeal]
    );
    assert_eq!(records[5].status, Status::Repealed);
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 1,
            documents: 6,
            versions: 6
        }
    );
    let expected: Vec<Change> = SAMPLE_IDS
        .iter()
        .zip(seq + 1..)
        .map(|(id, seq)| Change {
            seq,
            document_id: (*id).to_owned(),
            kind: ChangeKind::Replaced,
        })
        .collect();
    assert_eq!(store.changes_since(seq).expect("changes"), expected);
}

pub fn a_document_missing_from_the_new_parse_is_gone_until_it_returns(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let seq = store.last_seq().expect("last seq");
    let mut shorter = Parsed::sample().issue;
    shorter.documents.truncate(5);
    store.replace_documents(1, &shorter).expect("replace");

    assert_eq!(store.issue_documents(1).expect("documents").len(), 5);
    assert_eq!(store.issue(1).expect("read").expect("issue").documents, 5);
    assert_eq!(store.document(SAMPLE_IDS[5]).expect("read"), None);
    let changed: Vec<String> = store
        .changes_since(seq)
        .expect("changes")
        .into_iter()
        .map(|c| c.document_id)
        .collect();
    assert_eq!(changed, SAMPLE_IDS, "the dropped document is announced too");
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 1,
            documents: 5,
            versions: 5
        }
    );

    store
        .replace_documents(1, &Parsed::sample().issue)
        .expect("replace again");
    let back = store.document(SAMPLE_IDS[5]).expect("read").expect("back");
    assert_eq!((back.slug.as_str(), back.version), ("1-6", 1));
}

pub fn reindexing_an_older_issue_keeps_the_later_version_current(h: &mut Harness) {
    let mut store = store_with_sample(h);
    add(&mut *store, &edited_open_government_notice(), "reprint.txt");
    store
        .replace_documents(1, &Parsed::sample().issue)
        .expect("replace");
    let id = SAMPLE_IDS[OPEN_GOVERNMENT];
    let versions: Vec<(u32, i64)> = store
        .document_versions(id)
        .expect("versions")
        .into_iter()
        .map(|r| (r.version, r.issue_id))
        .collect();
    assert_eq!(versions, [(1, 1), (2, 2)]);
    let current = store.document(id).expect("read").expect("current");
    assert_eq!((current.version, current.issue_id), (2, 2));
}

pub fn a_failed_reindex_changes_nothing(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let before = store.issue_documents(1).expect("documents");
    let mut broken = Parsed::sample().issue;
    broken.documents[0].title = "不会保存".to_owned();
    broken.documents[2].span.start += 1; // inside the title's first character
    let error = store
        .replace_documents(1, &broken)
        .expect_err("a span off a character boundary");
    assert!(
        matches!(error, StoreError::BadSpan { ordinal: 3, .. }),
        "{error}"
    );
    assert_eq!(store.issue_documents(1).expect("documents"), before);
    assert_eq!(store.last_seq().expect("last seq"), 6);
}

pub fn reindexing_an_unknown_issue_is_refused(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let error = store
        .replace_documents(7, &Parsed::sample().issue)
        .expect_err("no issue 7");
    assert!(matches!(error, StoreError::NotFound(_)), "{error}");
}

pub fn a_reindex_failing_midway_is_rolled_back_whole(h: &mut Harness) {
    let mut store = h.shared_store();
    add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");
    let before = store.issue_documents(1).expect("documents");
    drop(store);
    // Make the sixth document's insert fail, after the old rows were
    // deleted and five new ones went in.
    fail_sixth_version(h);

    let mut store = h.connection();
    let mut reparsed = Parsed::sample().issue;
    reparsed.documents[0].title = "不会保存".to_owned();
    let error = store
        .replace_documents(1, &reparsed)
        .expect_err("the trigger fails the reindex");
    assert!(error.to_string().contains("injected failure"), "{error}");
    assert_eq!(store.issue_documents(1).expect("documents"), before);
    assert_eq!(store.last_seq().expect("last seq"), 6);
}
