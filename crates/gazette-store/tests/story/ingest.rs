//! Ingest of the sample: what is stored, how it reads back, idempotence.

use chrono::DateTime;
use gazette_model::Status;
use gazette_store::{Counts, IngestOutcome, StoreError};

use crate::common::{
    add, sample_bytes, store_with_sample, Parsed, OPEN_GOVERNMENT, SAMPLE_HASH, SAMPLE_IDS,
    SAMPLE_LEN, SAMPLE_SLUGS,
};
use crate::harness::{fail_sixth_version, Harness};

const SAMPLE_COUNTS: Counts = Counts {
    issues: 1,
    documents: 6,
    versions: 6,
};

pub fn the_sample_is_stored_with_its_six_documents(h: &mut Harness) {
    let mut store = h.store();
    let outcome = add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");
    assert_eq!(
        outcome,
        IngestOutcome::Added {
            issue_id: 1,
            documents: SAMPLE_IDS.map(str::to_owned).to_vec(),
            new_versions: Vec::new(),
        }
    );
    assert_eq!(store.counts().expect("counts"), SAMPLE_COUNTS);

    let records = store.issue_documents(1).expect("documents of issue 1");
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let slugs: Vec<&str> = records.iter().map(|r| r.slug.as_str()).collect();
    let ordinals: Vec<usize> = records.iter().map(|r| r.ordinal).collect();
    assert_eq!(ids, SAMPLE_IDS);
    assert_eq!(slugs, SAMPLE_SLUGS);
    assert_eq!(ordinals, [1, 2, 3, 4, 5, 6]);
    for record in &records {
        assert_eq!(record.issue_id, 1);
        assert_eq!(record.version, 1);
        assert_eq!(
            record.status,
            Status::Unverified,
            "no history yet: 未核实, not in force"
        );
    }
    assert_eq!(records[5].document.title, "近期市政府任免的工作人员名单");
}

pub fn the_issue_record_describes_the_file(h: &mut Harness) {
    let store = store_with_sample(h);
    let issues = store.issues().expect("issues");
    assert_eq!(issues.len(), 1);
    let issue = &issues[0];
    assert_eq!(issue.id, 1);
    assert_eq!(issue.hash, SAMPLE_HASH);
    assert_eq!(issue.file_name, "qingdao-2019.txt");
    assert_eq!(issue.encoding, "UTF-8");
    assert_eq!(issue.bytes, SAMPLE_LEN);
    assert_eq!(issue.documents, 6);
    assert!(issue.ingested_at.ends_with('Z'), "{}", issue.ingested_at);
    assert!(DateTime::parse_from_rfc3339(&issue.ingested_at).is_ok());
    assert_eq!(store.issue(1).expect("issue 1").as_ref(), Some(issue));
    assert_eq!(store.issue(2).expect("issue 2"), None);
}

pub fn adding_the_same_bytes_again_changes_nothing(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let seq = store.last_seq().expect("last seq");
    let outcome = add(&mut *store, &Parsed::sample(), "another-name.txt");
    assert_eq!(outcome, IngestOutcome::AlreadyPresent { issue_id: 1 });
    assert_eq!(store.counts().expect("counts"), SAMPLE_COUNTS);
    assert_eq!(store.last_seq().expect("last seq"), seq);
    let issues = store.issues().expect("issues");
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].file_name, "qingdao-2019.txt");
}

pub fn the_source_comes_back_byte_identical(h: &mut Harness) {
    let store = store_with_sample(h);
    let source = store.issue_source(1).expect("read").expect("issue 1");
    assert!(source.bytes == sample_bytes(), "bytes differ");
    assert!(
        source.text.as_bytes() == sample_bytes(),
        "UTF-8 text is the bytes"
    );
    assert_eq!(store.issue_source(2).expect("read"), None);
}

pub fn an_extraction_report_is_kept_beside_its_issue(h: &mut Harness) {
    let mut store = h.store();
    let parsed = Parsed::sample();
    let report = r#"{"pages":[{"page":1,"source":{"kind":"ocr","confidence":88.5},"chars":10}]}"#;
    let new = gazette_store::NewIssue {
        extraction: Some(report),
        ..parsed.new_issue("issue.pdf")
    };
    store.add_issue(&new, None).expect("add");
    assert_eq!(
        store.extraction_report(1).expect("read").as_deref(),
        Some(report)
    );
    assert_eq!(store.extraction_report(2).expect("read"), None);
    let text_only = store_with_sample(h);
    assert_eq!(text_only.extraction_report(1).expect("read"), None);
}

pub fn slug_and_id_name_the_same_document(h: &mut Harness) {
    let store = store_with_sample(h);
    for (id, slug) in SAMPLE_IDS.iter().zip(SAMPLE_SLUGS) {
        let by_id = store.document(id).expect("read").expect("found by id");
        let by_slug = store.document(slug).expect("read").expect("found by slug");
        assert_eq!(by_id, by_slug);
        assert_eq!(by_id.id, *id);
        assert_eq!(by_id.slug, slug);
    }
    assert_eq!(store.document("2019-青政办字-32").expect("read"), None);
}

pub fn a_document_text_is_its_slice_of_the_issue_text(h: &mut Harness) {
    let store = store_with_sample(h);
    let source = store.issue_source(1).expect("read").expect("issue 1");
    for record in store.issue_documents(1).expect("documents") {
        let span = record.document.span;
        assert_eq!(
            record.text,
            source.text[span.start..span.end],
            "{}",
            record.slug
        );
    }
    let notice = store
        .document(SAMPLE_IDS[OPEN_GOVERNMENT])
        .expect("read")
        .expect("notice");
    // As published: the title keeps the stray space the parser drops.
    assert!(notice
        .text
        .starts_with("青岛市人民政府办公厅关于印发 2019年青岛市政务公开工作要点的通知"));
    assert!(notice.text.contains("青政办字〔2019〕31号"));
    assert!(
        notice.text.contains("39\t抓好考核监督培训"),
        "last table row"
    );
    assert!(
        !notice.text.contains("百日安全生产"),
        "stops before the next notice"
    );
    let list = store.document(SAMPLE_IDS[5]).expect("read").expect("list");
    assert!(list.text.starts_with("近期市政府任免的工作人员名单"));
}

pub fn find_by_number_finds_the_open_government_notice(h: &mut Harness) {
    let store = store_with_sample(h);
    let found = store
        .find_by_number("青政办字〔2019〕31号")
        .expect("lookup");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, SAMPLE_IDS[OPEN_GOVERNMENT]);
    assert_eq!(
        found[0].document.title,
        "青岛市人民政府办公厅关于印发2019年青岛市政务公开工作要点的通知"
    );
    let printed_otherwise = store.find_by_number("青政办字[2019]31号").expect("lookup");
    assert_eq!(printed_otherwise, found);
    assert!(store
        .find_by_number("青政办字〔2019〕32号")
        .expect("lookup")
        .is_empty());
}

pub fn documents_are_listed_latest_date_first(h: &mut Harness) {
    let store = store_with_sample(h);
    let slugs: Vec<String> = store
        .documents()
        .expect("documents")
        .into_iter()
        .map(|r| r.slug)
        .collect();
    // Dates: 16号 6-15, 4号 6-26, 30号 6-24, 31号 6-28, 33号 7-11, 任免 6-19.
    assert_eq!(
        slugs,
        [
            "2019-青政办字-33",
            "2019-青政办字-31",
            "2019-青政办发-4",
            "2019-青政办字-30",
            "1-6",
            "2019-青政字-16"
        ]
    );
}

pub fn a_failed_ingest_leaves_nothing_behind(h: &mut Harness) {
    let mut store = h.store();
    let mut parsed = Parsed::sample();
    parsed.issue.documents[5].span.end = SAMPLE_LEN + 1;
    let error = store
        .add_issue(&parsed.new_issue("broken.txt"), None)
        .expect_err("a span past the text");
    assert!(
        matches!(error, StoreError::BadSpan { ordinal: 6, .. }),
        "{error}"
    );
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 0,
            documents: 0,
            versions: 0
        }
    );
    assert_eq!(store.last_seq().expect("last seq"), 0);
    // The same bytes, parsed right, are then taken as new.
    let outcome = add(&mut *store, &Parsed::sample(), "fixed.txt");
    assert!(matches!(outcome, IngestOutcome::Added { issue_id: 1, .. }));
}

pub fn an_ingest_failing_midway_is_rolled_back_whole(h: &mut Harness) {
    drop(h.shared_store());
    // Make the sixth document's insert fail, after five went in.
    fail_sixth_version(h);

    let mut store = h.connection();
    let error = store
        .add_issue(&Parsed::sample().new_issue("qingdao-2019.txt"), None)
        .expect_err("the trigger fails the ingest");
    assert!(error.to_string().contains("injected failure"), "{error}");
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 0,
            documents: 0,
            versions: 0
        }
    );
    assert_eq!(store.last_seq().expect("last seq"), 0);
    assert_eq!(store.document(SAMPLE_IDS[0]).expect("read"), None);
    assert_eq!(store.issue_source(1).expect("read"), None);
    drop(store);

    let identities = h.count("documents");
    assert_eq!(identities, 0, "no identity row outlives the rollback");
}

pub fn a_taken_slug_gets_a_suffix(h: &mut Harness) {
    let mut store = h.store();
    let mut parsed = Parsed::sample();
    // Another number whose slug reads the same as 青政办字〔2019〕31号's.
    let second = &mut parsed.issue.documents[1];
    second.doc_number = Some("青政·办字〔2019〕31号".to_owned());
    second.doc_number_parts = Some(gazette_model::DocNumber {
        code: "青政·办字".to_owned(),
        year: Some(2019),
        serial: 31,
        ..gazette_model::DocNumber::default()
    });
    add(&mut *store, &parsed, "qingdao-2019.txt");
    let slugs: Vec<String> = store
        .issue_documents(1)
        .expect("documents")
        .into_iter()
        .map(|r| r.slug)
        .collect();
    assert_eq!(slugs[1], "2019-青政办字-31");
    assert_eq!(slugs[OPEN_GOVERNMENT], "2019-青政办字-31-2");
    let notice = store
        .document("2019-青政办字-31-2")
        .expect("read")
        .expect("notice");
    assert_eq!(notice.id, SAMPLE_IDS[OPEN_GOVERNMENT]);
}

pub fn a_taken_id_makes_the_new_key_take_more_digits(h: &mut Harness) {
    drop(h.shared_store());
    let take = format!(
        "INSERT INTO documents (id, key, slug) VALUES ('{}', 'another key', 'x-1')",
        SAMPLE_IDS[OPEN_GOVERNMENT]
    );
    h.raw(&take, &take);

    let mut store = h.connection();
    let IngestOutcome::Added { documents, .. } =
        add(&mut *store, &Parsed::sample(), "qingdao-2019.txt")
    else {
        panic!("a new issue");
    };
    // 16 hex digits of the SHA-256 of 青政办字〔2019〕31号.
    assert_eq!(documents[OPEN_GOVERNMENT], "d6d5d3f594143e7b1");
    assert_eq!(documents[..3], SAMPLE_IDS[..3]);
    let notice = store
        .find_by_number("青政办字〔2019〕31号")
        .expect("lookup");
    assert_eq!(notice[0].id, "d6d5d3f594143e7b1");
}
