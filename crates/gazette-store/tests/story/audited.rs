//! A write and its audit entry are one transaction: both are stored, or
//! neither (issue 14, finding 3). The audit insert is made to fail by a
//! trigger added from a second connection, as a full disk or a constraint
//! would make it fail.

use gazette_model::Status;
use gazette_store::{
    Correction, Counts, IngestOutcome, NewToken, Store, StoreError, TokenScope, WriteAudit,
};

use crate::common::{add, change, day, Parsed, SAMPLE_IDS};
use crate::harness::Harness;

fn audit(actor: &str) -> WriteAudit<'_> {
    WriteAudit {
        at: "2024-05-01T08:00:00Z",
        actor,
        detail: Some(serde_json::json!({ "note": "test" })),
    }
}

fn correction() -> Correction {
    Correction {
        field: "title".to_owned(),
        original: None,
        corrected: "改正的标题".to_owned(),
        reason: None,
        recorded_by: "editor".to_owned(),
        recorded_at: "2024-05-01T08:00:00Z".to_owned(),
    }
}

/// Makes every insert into the audit log of the shared store fail.
fn break_audit_log(h: &Harness) {
    h.raw(
        "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log \
         BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;",
        "CREATE FUNCTION audit_refused() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN RAISE EXCEPTION 'injected audit failure'; END; $$; \
         CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log \
         FOR EACH ROW EXECUTE FUNCTION audit_refused();",
    );
}

fn mend_audit_log(h: &Harness) {
    h.raw(
        "DROP TRIGGER audit_refused",
        "DROP TRIGGER audit_refused ON audit_log; DROP FUNCTION audit_refused();",
    );
}

fn audit_rows(store: &dyn Store) -> Vec<(String, String, String)> {
    store
        .audit_log(0, 100)
        .expect("audit log")
        .into_iter()
        .map(|e| (e.actor, e.action, e.target))
        .collect()
}

pub fn an_ingest_whose_audit_fails_stores_nothing_and_one_that_succeeds_one_row(h: &mut Harness) {
    let mut store = h.shared_store();
    let parsed = Parsed::sample();
    let new = parsed.new_issue("qingdao-2019.txt");

    break_audit_log(h);
    let error = store
        .add_issue(&new, Some(&audit("ci")))
        .expect_err("the audit insert fails");
    assert!(matches!(error, StoreError::Database { .. }), "{error}");
    assert_eq!(
        store.counts().expect("counts"),
        Counts {
            issues: 0,
            documents: 0,
            versions: 0
        }
    );
    assert_eq!(store.last_seq().expect("last seq"), 0);
    assert!(audit_rows(&*store).is_empty());

    mend_audit_log(h);
    let outcome = store.add_issue(&new, Some(&audit("ci"))).expect("ingest");
    assert!(matches!(outcome, IngestOutcome::Added { issue_id: 1, .. }));
    let entries = store.audit_log(0, 100).expect("audit log");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].actor.as_str(), entries[0].action.as_str()),
        ("ci", "ingest")
    );
    assert_eq!(entries[0].target, "1", "the new issue's id");
    assert_eq!(
        entries[0].detail,
        Some(serde_json::json!({ "note": "test" }))
    );

    // The same bytes again write nothing, so audit nothing.
    let again = store
        .add_issue(&new, Some(&audit("ci")))
        .expect("ingest again");
    assert_eq!(again, IngestOutcome::AlreadyPresent { issue_id: 1 });
    assert_eq!(store.audit_log(0, 100).expect("audit log").len(), 1);
}

pub fn a_status_change_whose_audit_fails_is_not_stored(h: &mut Harness) {
    let mut store = h.shared_store();
    add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");
    let seq = store.last_seq().expect("last seq");
    let repeal = change(Status::Repealed, day(2021, 1, 1), "2024-05-01T08:00:00Z");

    break_audit_log(h);
    store
        .record_status(SAMPLE_IDS[0], &repeal, Some(&audit("ci")))
        .expect_err("the audit insert fails");
    assert!(store
        .status_history(SAMPLE_IDS[0])
        .expect("history")
        .is_empty());
    assert_eq!(store.last_seq().expect("last seq"), seq);
    assert!(audit_rows(&*store).is_empty());

    mend_audit_log(h);
    store
        .record_status(SAMPLE_IDS[0], &repeal, Some(&audit("ci")))
        .expect("record");
    assert_eq!(
        store.status_history(SAMPLE_IDS[0]).expect("history").len(),
        1
    );
    assert_eq!(
        audit_rows(&*store),
        [(
            "ci".to_owned(),
            "status".to_owned(),
            SAMPLE_IDS[0].to_owned()
        )]
    );
}

pub fn a_correction_whose_audit_fails_is_not_stored(h: &mut Harness) {
    let mut store = h.shared_store();
    add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");

    break_audit_log(h);
    store
        .record_correction(SAMPLE_IDS[1], &correction(), Some(&audit("ci")))
        .expect_err("the audit insert fails");
    assert!(store.corrections(SAMPLE_IDS[1]).expect("read").is_empty());
    assert!(audit_rows(&*store).is_empty());

    mend_audit_log(h);
    store
        .record_correction(SAMPLE_IDS[1], &correction(), Some(&audit("ci")))
        .expect("record");
    assert_eq!(store.corrections(SAMPLE_IDS[1]).expect("read").len(), 1);
    assert_eq!(
        audit_rows(&*store),
        [(
            "ci".to_owned(),
            "correction".to_owned(),
            SAMPLE_IDS[1].to_owned()
        )]
    );
}

pub fn a_write_without_audit_adds_no_row(h: &mut Harness) {
    let mut store = h.store();
    add(&mut *store, &Parsed::sample(), "qingdao-2019.txt");
    store
        .record_correction(SAMPLE_IDS[1], &correction(), None)
        .expect("record");
    assert!(audit_rows(&*store).is_empty());
}

pub fn a_token_whose_audit_fails_is_neither_made_nor_revoked(h: &mut Harness) {
    let mut store = h.shared_store();
    let token = NewToken {
        name: "ci",
        scope: TokenScope::Write,
        hash: "aa",
        created_at: "2024-05-01T08:00:00Z",
    };

    break_audit_log(h);
    store
        .add_token(&token, Some(&audit("admin")))
        .expect_err("the audit insert fails");
    assert!(store.tokens().expect("tokens").is_empty());

    mend_audit_log(h);
    store
        .add_token(&token, Some(&audit("admin")))
        .expect("made");
    break_audit_log(h);
    store
        .revoke_token("ci", "2024-05-02T08:00:00Z", Some(&audit("admin")))
        .expect_err("the audit insert fails");
    let kept = store.token_by_hash("aa").expect("read").expect("kept");
    assert_eq!(kept.revoked_at, None, "still valid");

    mend_audit_log(h);
    assert!(store
        .revoke_token("ci", "2024-05-02T08:00:00Z", Some(&audit("admin")))
        .expect("revoked"));
    assert_eq!(
        audit_rows(&*store),
        [
            (
                "admin".to_owned(),
                "token_create".to_owned(),
                "ci".to_owned()
            ),
            (
                "admin".to_owned(),
                "token_revoke".to_owned(),
                "ci".to_owned()
            ),
        ]
    );
}
