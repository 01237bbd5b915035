//! Corrections, API tokens and the audit log (schema version 2).

use gazette_store::{Correction, NewAuditEntry, NewToken, StoreError, TokenScope};

use crate::common::{add, Parsed, SAMPLE_IDS, SAMPLE_SLUGS};
use crate::harness::Harness;

fn correction(field: &str, corrected: &str) -> Correction {
    Correction {
        field: field.to_owned(),
        original: Some("as published".to_owned()),
        corrected: corrected.to_owned(),
        reason: Some("misprint".to_owned()),
        recorded_by: "editor".to_owned(),
        recorded_at: "2024-05-01T08:00:00Z".to_owned(),
    }
}

pub fn corrections_sit_beside_the_document_in_recording_order(h: &mut Harness) {
    let mut store = h.store();
    add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");
    let before = store.document(SAMPLE_IDS[0]).expect("read").expect("doc");
    store
        .record_correction(SAMPLE_SLUGS[0], &correction("title", "first"), None)
        .expect("by slug");
    store
        .record_correction(SAMPLE_IDS[0], &correction("date", "2019-06-16"), None)
        .expect("by id");
    let corrections = store.corrections(SAMPLE_IDS[0]).expect("read");
    assert_eq!(
        corrections
            .iter()
            .map(|c| (c.field.as_str(), c.corrected.as_str()))
            .collect::<Vec<_>>(),
        [("title", "first"), ("date", "2019-06-16")]
    );
    assert_eq!(
        store.corrections(SAMPLE_SLUGS[0]).expect("read"),
        corrections
    );
    let after = store.document(SAMPLE_IDS[0]).expect("read").expect("doc");
    assert_eq!(before, after, "the document as parsed is untouched");
    assert!(store.corrections(SAMPLE_IDS[1]).expect("read").is_empty());
    assert!(matches!(
        store.record_correction("d000000000000", &correction("title", "x"), None),
        Err(StoreError::NotFound(_))
    ));
}

pub fn tokens_are_found_by_hash_named_once_and_revoked(h: &mut Harness) {
    let mut store = h.store();
    let token = |name: &'static str, hash: &'static str| NewToken {
        name,
        scope: TokenScope::Write,
        hash,
        created_at: "2024-05-01T08:00:00Z",
    };
    store.add_token(&token("ci", "aa"), None).expect("add");
    assert!(matches!(
        store.add_token(&token("ci", "bb"), None),
        Err(StoreError::Conflict(_))
    ));
    let found = store.token_by_hash("aa").expect("read").expect("found");
    assert_eq!(
        (found.name.as_str(), found.scope),
        ("ci", TokenScope::Write)
    );
    assert_eq!(found.revoked_at, None);
    assert!(store.token_by_hash("bb").expect("read").is_none());

    assert!(store
        .revoke_token("ci", "2024-05-02T08:00:00Z", None)
        .expect("revoke"));
    assert!(!store
        .revoke_token("ci", "2024-05-03T08:00:00Z", None)
        .expect("again"));
    let revoked = store.token_by_hash("aa").expect("read").expect("kept");
    assert_eq!(revoked.revoked_at.as_deref(), Some("2024-05-02T08:00:00Z"));
    // The name is free again once revoked.
    store
        .add_token(&token("ci", "cc"), None)
        .expect("new token, same name");
    assert_eq!(store.tokens().expect("list").len(), 2);
}

pub fn the_valid_tokens_and_their_version_follow_every_addition_and_revocation(h: &mut Harness) {
    let mut store = h.shared_store();
    // A second connection, as a server's beside `gazette token`.
    let other = h.connection();
    let token = |name: &'static str, hash: &'static str| NewToken {
        name,
        scope: TokenScope::Admin,
        hash,
        created_at: "2024-05-01T08:00:00Z",
    };
    let mut versions = vec![other.tokens_version().expect("version")];
    store.add_token(&token("a", "aa"), None).expect("add a");
    versions.push(other.tokens_version().expect("version"));
    store.add_token(&token("b", "bb"), None).expect("add b");
    versions.push(other.tokens_version().expect("version"));
    let valid = other.valid_tokens().expect("valid");
    assert_eq!(
        valid
            .iter()
            .map(|(hash, t)| (hash.as_str(), t.name.as_str()))
            .collect::<Vec<_>>(),
        [("aa", "a"), ("bb", "b")]
    );
    store
        .revoke_token("a", "2024-05-02T08:00:00Z", None)
        .expect("revoke a");
    versions.push(other.tokens_version().expect("version"));
    // Nothing revoked: the version stays.
    assert!(!store
        .revoke_token("a", "2024-05-03T08:00:00Z", None)
        .expect("again"));
    assert_eq!(other.tokens_version().expect("version"), versions[3]);
    let valid = other.valid_tokens().expect("valid");
    assert_eq!(valid.len(), 1);
    assert_eq!(
        (valid[0].0.as_str(), valid[0].1.scope),
        ("bb", TokenScope::Admin)
    );
    let mut distinct = versions.clone();
    distinct.dedup();
    assert_eq!(
        distinct, versions,
        "every change moves the version: {versions:?}"
    );
}

pub fn the_audit_log_pages_in_order(h: &mut Harness) {
    let mut store = h.store();
    for target in ["1", "2", "3"] {
        store
            .append_audit(&NewAuditEntry {
                at: "2024-05-01T08:00:00Z",
                actor: "ci",
                action: "ingest",
                target,
                detail: Some(serde_json::json!({ "documents": 6 })),
            })
            .expect("append");
    }
    let first = store.audit_log(0, 2).expect("page 1");
    assert_eq!(
        first.iter().map(|e| e.target.as_str()).collect::<Vec<_>>(),
        ["1", "2"]
    );
    let last = first.last().map(|e| e.seq).expect("an entry");
    let rest = store.audit_log(last, 2).expect("page 2");
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].detail, Some(serde_json::json!({ "documents": 6 })));
}
