//! Following a store that another connection writes (issue 17 §2): how an
//! instance learns, without asking all the time, that a write of another
//! instance or process has been committed.

use std::time::{Duration, Instant};

use gazette_model::Status;

use crate::common::{add, change, day, Parsed, SAMPLE_IDS};
use crate::harness::Harness;

pub fn a_wait_ends_at_a_commit_of_another_connection_or_at_its_timeout(h: &mut Harness) {
    let mut writer = h.shared_store();
    let watcher = h.connection();
    assert_eq!(watcher.last_seq().expect("last position"), 0);

    let started = Instant::now();
    let seen = watcher
        .wait_for_change(0, Duration::from_millis(300))
        .expect("a wait with nothing written");
    assert_eq!(seen, 0, "nothing was written");
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "the wait ended before its timeout, after {:?}",
        started.elapsed()
    );

    let writing = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        add(&mut *writer, &Parsed::sample(), "qingdao-2019.txt");
        writer
    });
    let started = Instant::now();
    let seen = watcher
        .wait_for_change(0, Duration::from_secs(20))
        .expect("a wait for the ingest");
    let waited = started.elapsed();
    let mut writer = writing.join().expect("the writing thread");
    // One change per document of the sample.
    assert_eq!(seen, 6, "the wait saw the whole committed ingest");
    assert!(
        waited < Duration::from_secs(5),
        "the wait outlasted the commit by far: {waited:?}"
    );

    // A position already passed ends the wait at once.
    let started = Instant::now();
    assert_eq!(
        watcher
            .wait_for_change(3, Duration::from_secs(20))
            .expect("a wait for a passed position"),
        6
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // A status change is a change too.
    writer
        .record_status(
            SAMPLE_IDS[0],
            &change(Status::Repealed, day(2021, 1, 1), "2021-01-01T00:00:00Z"),
            None,
        )
        .expect("status");
    assert_eq!(
        watcher
            .wait_for_change(6, Duration::from_secs(20))
            .expect("a wait for the status change"),
        7
    );
}
