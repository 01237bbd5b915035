//! Totals, facets and paging.

use gazette_search::SearchOptions;

use crate::common::{index, search};

fn counts(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|&(k, n)| (k.to_owned(), n)).collect()
}

#[test]
fn facets_count_every_hit() {
    // 市财政局: q1 (意见, 青岛市人民政府), q3 and q4 (通知, 办公厅; q3
    // marked repealed), q6 (任免, printed 市政府: counted by its full name,
    // which is only written out, 市人民政府, as the text names no city);
    // all of 2019.
    let results = search("市财政局");
    assert_eq!(results.total, 4);
    assert_eq!(results.facets.year, counts(&[("2019", 4)]));
    assert_eq!(
        results.facets.issuer,
        counts(&[
            ("青岛市人民政府办公厅", 2),
            ("市人民政府", 1),
            ("青岛市人民政府", 1)
        ])
    );
    assert_eq!(
        results.facets.doc_type,
        counts(&[("通知", 2), ("任免", 1), ("意见", 1)])
    );
    assert_eq!(
        results.facets.status,
        counts(&[("in_force", 3), ("repealed", 1)])
    );
}

#[test]
fn facets_and_total_do_not_depend_on_the_page() {
    let options = SearchOptions {
        limit: 1,
        ..SearchOptions::default()
    };
    let page = index().search("2019", &options).expect("searches");
    assert_eq!(page.total, 6);
    assert_eq!(page.hits.len(), 1);
    assert_eq!(
        page.facets.doc_type,
        counts(&[("通知", 4), ("任免", 1), ("意见", 1)])
    );
    assert_eq!(page.facets, search("2019").facets);
}

#[test]
fn cursors_walk_through_every_hit_once() {
    let mut seen = Vec::new();
    let mut options = SearchOptions {
        limit: 4,
        ..SearchOptions::default()
    };
    let mut pages = 0;
    loop {
        let page = index().search("year:2019", &options).expect("searches");
        assert_eq!(page.total, 6);
        seen.extend(page.hits.into_iter().map(|h| h.id));
        pages += 1;
        match page.next_cursor {
            Some(cursor) => options.after = Some(cursor),
            None => break,
        }
    }
    assert_eq!(pages, 2);
    // Ordered by date, latest first: q5 07-11, q4 06-28, q2 06-26, q3 06-24,
    // q6 06-19, q1 06-15.
    assert_eq!(seen, ["q5", "q4", "q2", "q3", "q6", "q1"]);
}

#[test]
fn offsets_page_too_and_a_cursor_belongs_to_its_query() {
    let options = SearchOptions {
        limit: 2,
        offset: 4,
        ..SearchOptions::default()
    };
    let page = index().search("year:2019", &options).expect("searches");
    let found: Vec<&str> = page.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["q6", "q1"]);
    assert_eq!(page.next_cursor, None);

    let first = index()
        .search(
            "year:2019",
            &SearchOptions {
                limit: 2,
                ..SearchOptions::default()
            },
        )
        .expect("searches");
    let cursor = first.next_cursor.expect("more pages");
    let other = SearchOptions {
        after: Some(cursor),
        ..SearchOptions::default()
    };
    let error = index()
        .search("type:通知", &other)
        .expect_err("another query's cursor");
    assert!(error.is_user_error());
}

#[test]
fn results_serialize() {
    fn serializable<T: serde::Serialize>(_: &T) {}
    serializable(&search("GMP"));
}
