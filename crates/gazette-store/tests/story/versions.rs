//! Documents printed again in another issue become new versions.

use gazette_store::{Change, ChangeKind, Counts, IngestOutcome};

use crate::common::{
    add, edited_open_government_notice, sample_bytes, store_with_sample, Parsed, OPEN_GOVERNMENT,
    SAMPLE_IDS, SAMPLE_SLUGS,
};
use crate::harness::Harness;

pub fn a_reprinted_document_becomes_version_two_with_the_same_id(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let seq = store.last_seq().expect("last seq");
    let id = SAMPLE_IDS[OPEN_GOVERNMENT];

    let reprint = edited_open_government_notice();
    assert_eq!(reprint.issue.documents.len(), 1);
    let outcome = add(&mut *store, &reprint, "reprint.txt");
    assert_eq!(
        outcome,
        IngestOutcome::Added {
            issue_id: 2,
            documents: vec![id.to_owned()],
            new_versions: vec![id.to_owned()],
        }
    );

    let current = store.document(id).expect("read").expect("current");
    assert_eq!(current.version, 2);
    assert_eq!((current.issue_id, current.ordinal), (2, 1));
    assert_eq!(current.slug, SAMPLE_SLUGS[OPEN_GOVERNMENT]);
    assert!(current.text.contains("请结合实际认真贯彻执行"));
    assert_eq!(
        store.document(SAMPLE_SLUGS[OPEN_GOVERNMENT]).expect("read"),
        Some(current.clone())
    );

    let versions = store.document_versions(id).expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(store.version_count(id).expect("count"), 2);
    assert_eq!(store.version_count("no-such-document").expect("count"), 0);
    let first = &versions[0];
    assert_eq!((first.version, first.issue_id, first.ordinal), (1, 1, 4));
    assert!(first.text.contains("请认真贯彻执行"));
    assert!(!first.text.contains("请结合实际"));
    assert_eq!(versions[1], current);

    // The first issue still shows the version it printed.
    let issue_1 = store.issue_documents(1).expect("documents of issue 1");
    assert_eq!(issue_1[OPEN_GOVERNMENT].version, 1);

    let found = store
        .find_by_number("青政办字〔2019〕31号")
        .expect("lookup");
    assert_eq!(found, [current]);
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 2,
            documents: 6,
            versions: 7
        }
    );
    assert_eq!(
        store.changes_since(seq).expect("changes"),
        [Change {
            seq: seq + 1,
            document_id: id.to_owned(),
            kind: ChangeKind::NewVersion
        }]
    );
}

pub fn other_bytes_of_the_same_issue_give_numbered_documents_new_versions(h: &mut Harness) {
    let mut store = store_with_sample(h);
    // A byte-order mark makes other bytes with the same text.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(sample_bytes());
    let with_bom = Parsed::new(bytes.clone());
    let IngestOutcome::Added {
        issue_id,
        documents,
        new_versions,
    } = add(&mut *store, &with_bom, "qingdao-2019-bom.txt")
    else {
        panic!("other bytes are another issue");
    };
    assert_eq!(issue_id, 2);
    assert_eq!(documents[..5], SAMPLE_IDS[..5]);
    assert_eq!(new_versions, SAMPLE_IDS[..5]);
    // The 任免 list has no number: it is keyed by its own issue.
    assert_ne!(documents[5], SAMPLE_IDS[5]);
    let list = store.document(&documents[5]).expect("read").expect("list");
    assert_eq!((list.slug.as_str(), list.version), ("2-6", 1));
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 2,
            documents: 7,
            versions: 12
        }
    );

    // The text (without the mark) is kept apart from the bytes.
    let source = store.issue_source(2).expect("read").expect("issue 2");
    assert!(source.bytes == bytes);
    assert!(source.text.as_bytes() == sample_bytes());
}

pub fn a_number_printed_twice_in_one_issue_gets_two_versions(h: &mut Harness) {
    let mut store = h.store();
    let notice = edited_open_government_notice();
    let mut twice = notice.bytes.clone();
    twice.extend_from_slice(b"\n");
    twice.extend_from_slice(&notice.bytes);
    let parsed = Parsed::new(twice);
    assert_eq!(parsed.issue.documents.len(), 2);
    let id = SAMPLE_IDS[OPEN_GOVERNMENT];
    assert_eq!(
        add(&mut *store, &parsed, "twice.txt"),
        IngestOutcome::Added {
            issue_id: 1,
            documents: vec![id.to_owned(), id.to_owned()],
            new_versions: vec![id.to_owned()],
        }
    );
    let versions: Vec<(u32, usize)> = store
        .document_versions(id)
        .expect("versions")
        .into_iter()
        .map(|r| (r.version, r.ordinal))
        .collect();
    assert_eq!(versions, [(1, 1), (2, 2)]);
}
