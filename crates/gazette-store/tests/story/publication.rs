//! An issue as published (gazette, year, 期号, date) is stored with the
//! issue record, read back unchanged, set anew and removed.

use gazette_model::{
    Frequency, Gazette, IssuePublication, NaiveDate, PublicationConflict, ValueSource,
};
use gazette_store::StoreError;

use crate::fixture::Parsed;
use crate::harness::Harness;

/// What the uploader gave for the sample: 青岛市人民政府公报 2019年第7期,
/// published 2019-07-20 (the sample prints none of it).
fn given_sample() -> IssuePublication {
    let mut gazette = Gazette::named("青岛市人民政府公报");
    gazette.frequency = Some(Frequency::Semimonthly);
    IssuePublication {
        gazette,
        year: Some(2019),
        number: Some(7),
        total_number: None,
        published: NaiveDate::from_ymd_opt(2019, 7, 20),
        sources: [
            ("gazette", ValueSource::Given),
            ("year", ValueSource::Given),
            ("number", ValueSource::Given),
            ("published", ValueSource::Given),
        ]
        .into_iter()
        .map(|(field, source)| (field.to_owned(), source))
        .collect(),
        conflicts: Vec::new(),
        contents: Vec::new(),
    }
}

pub fn an_issue_keeps_its_publication_and_it_can_be_set_anew(h: &mut Harness) {
    let mut store = h.store();
    let parsed = Parsed::sample();
    let given = given_sample();
    let new = gazette_store::NewIssue {
        publication: Some(&given),
        ..parsed.new_issue("qingdao-2019-7.txt")
    };
    let issue_id = store.add_issue(&new, None).expect("add").issue_id();
    let record = store.issue(issue_id).expect("read").expect("found");
    assert_eq!(record.publication.as_ref(), Some(&given));
    assert_eq!(
        store.issues().expect("list")[0].publication.as_ref(),
        Some(&given)
    );

    let mut corrected = given.clone();
    corrected.total_number = Some(305);
    corrected.conflicts.push(PublicationConflict {
        field: "number".to_owned(),
        printed: "8".to_owned(),
        given: "7".to_owned(),
    });
    store
        .set_issue_publication(issue_id, Some(&corrected), None)
        .expect("set");
    let record = store.issue(issue_id).expect("read").expect("found");
    assert_eq!(record.publication, Some(corrected));

    store
        .set_issue_publication(issue_id, None, None)
        .expect("remove");
    assert_eq!(
        store
            .issue(issue_id)
            .expect("read")
            .expect("found")
            .publication,
        None
    );

    let audit = gazette_store::WriteAudit {
        at: "2026-01-01T00:00:00Z",
        actor: "cli:clerk",
        detail: None,
    };
    store
        .set_issue_publication(issue_id, Some(&given), Some(&audit))
        .expect("set, audited");
    let log = store.audit_log(0, 10).expect("audit log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].action.as_str(), log[0].target.as_str()),
        ("publication", issue_id.to_string().as_str())
    );

    let unknown = store.set_issue_publication(issue_id + 1, Some(&given), None);
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );
}
