//! Validity status: the append-only history and the status of today.

use gazette_model::Status;
use gazette_store::{Change, ChangeKind, Store, StoreError};

use crate::common::{change, day, store_with_sample, OPEN_GOVERNMENT, SAMPLE_IDS, SAMPLE_SLUGS};
use crate::harness::Harness;

pub fn the_history_keeps_every_change_in_recording_order(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let id = SAMPLE_IDS[OPEN_GOVERNMENT];
    let future_repeal = change(Status::Repealed, day(2999, 1, 1), "2024-05-01T08:00:00Z");
    let past_amendment = change(Status::Amended, day(2020, 1, 1), "2024-05-02T08:00:00Z");
    store
        .record_status(id, &future_repeal, None)
        .expect("record");
    store
        .record_status(id, &past_amendment, None)
        .expect("record");
    let history = store.status_history(id).expect("history");
    assert_eq!(history, [future_repeal, past_amendment]);
    assert_eq!(
        store
            .status_history(SAMPLE_SLUGS[OPEN_GOVERNMENT])
            .expect("history by slug"),
        history
    );
    assert!(store
        .status_history(SAMPLE_IDS[0])
        .expect("history")
        .is_empty());
}

pub fn a_record_shows_the_status_of_today(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let notice = SAMPLE_IDS[OPEN_GOVERNMENT];
    let first = SAMPLE_IDS[0];
    // The notice: amended in 2020, to be repealed in 2999.
    store
        .record_status(
            notice,
            &change(Status::Repealed, day(2999, 1, 1), "2024-05-01T08:00:00Z"),
            None,
        )
        .expect("record");
    store
        .record_status(
            notice,
            &change(Status::Amended, day(2020, 1, 1), "2024-05-02T08:00:00Z"),
            None,
        )
        .expect("record");
    // The first document: repealed since 2021.
    store
        .record_status(
            first,
            &change(Status::Repealed, day(2021, 3, 1), "2024-05-03T08:00:00Z"),
            None,
        )
        .expect("record");

    let status =
        |store: &dyn Store, id: &str| store.document(id).expect("read").expect("found").status;
    assert_eq!(status(&*store, notice), Status::Amended);
    assert_eq!(status(&*store, first), Status::Repealed);
    assert_eq!(status(&*store, SAMPLE_IDS[1]), Status::Unverified);
    let listed = store.documents().expect("documents");
    let listed_first = listed.iter().find(|r| r.id == first).expect("listed");
    assert_eq!(listed_first.status, Status::Repealed);

    store.set_today(Some(day(2019, 12, 31)));
    assert_eq!(status(&*store, notice), Status::Unverified);
    assert_eq!(status(&*store, first), Status::Unverified);
    store.set_today(Some(day(2999, 1, 1)));
    assert_eq!(status(&*store, notice), Status::Repealed);
    let versions = store.document_versions(notice).expect("versions");
    assert!(versions.iter().all(|v| v.status == Status::Repealed));
}

pub fn changes_follow_ingest_then_status_in_order(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let ingest = store.changes_since(0).expect("changes");
    let expected: Vec<Change> = SAMPLE_IDS
        .iter()
        .zip(1..)
        .map(|(id, seq)| Change {
            seq,
            document_id: (*id).to_owned(),
            kind: ChangeKind::Added,
        })
        .collect();
    assert_eq!(ingest, expected);
    assert_eq!(store.last_seq().expect("last seq"), 6);

    let notice = SAMPLE_IDS[OPEN_GOVERNMENT];
    store
        .record_status(
            SAMPLE_SLUGS[OPEN_GOVERNMENT],
            &change(Status::Repealed, day(2021, 1, 1), "2024-05-01T08:00:00Z"),
            None,
        )
        .expect("record by slug");
    store
        .record_status(
            SAMPLE_IDS[0],
            &change(Status::Expired, day(2022, 1, 1), "2024-05-02T08:00:00Z"),
            None,
        )
        .expect("record");
    assert_eq!(
        store.changes_since(6).expect("changes"),
        [
            Change {
                seq: 7,
                document_id: notice.to_owned(),
                kind: ChangeKind::Status
            },
            Change {
                seq: 8,
                document_id: SAMPLE_IDS[0].to_owned(),
                kind: ChangeKind::Status
            }
        ]
    );
    assert_eq!(store.changes_since(8).expect("changes"), []);
    assert_eq!(store.changes_since(0).expect("changes").len(), 8);
}

pub fn a_status_for_an_unknown_document_is_refused(h: &mut Harness) {
    let mut store = store_with_sample(h);
    let error = store
        .record_status(
            "d000000000000",
            &change(Status::Repealed, day(2021, 1, 1), "2024-05-01T08:00:00Z"),
            None,
        )
        .expect_err("unknown document");
    assert!(matches!(error, StoreError::NotFound(_)), "{error}");
    assert_eq!(store.last_seq().expect("last seq"), 6);
    assert!(store
        .status_history("d000000000000")
        .expect("history")
        .is_empty());
}
