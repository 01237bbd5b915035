//! Malformed queries are errors that say where, never panics.

use gazette_search::{SearchError, SearchOptions};
use proptest::prelude::*;

use crate::common::index;

fn query_error(query: &str) -> (String, usize) {
    match index().search(query, &SearchOptions::default()) {
        Err(SearchError::Query { message, position }) => (message, position),
        other => panic!("{query}: expected a query error, got {other:?}"),
    }
}

#[test]
fn malformed_queries_are_query_errors_with_positions() {
    assert_eq!(
        query_error("title:"),
        ("'title:' needs a value".to_owned(), 6)
    );
    assert_eq!(query_error("\"unclosed"), ("unclosed quote".to_owned(), 0));
    let (message, position) = query_error("date:2019-13-01..");
    assert!(message.contains("invalid date '2019-13-01'"), "{message}");
    assert_eq!(position, 5);
    let (message, position) = query_error("status:gone");
    assert!(message.contains("unknown status 'gone'"), "{message}");
    assert_eq!(position, 7);
    assert_eq!(query_error("").0, "the query is empty");
    assert_eq!(query_error("社会保险 (费率").1, 5);
}

#[test]
fn query_errors_are_the_users_and_print_their_position() {
    let error = index()
        .search("status:gone", &SearchOptions::default())
        .expect_err("bad status");
    assert!(error.is_user_error());
    assert!(error.to_string().ends_with("(at character 7)"), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_queries_never_panic(query in ".{0,40}") {
        let _ = index().search(&query, &SearchOptions::default());
    }

    #[test]
    fn query_like_strings_never_panic(
        query in "[ a-zA-Z:：\"()（）\\-.社会保险费率年月日〔〕\\[\\]0-9０-９ORNTAD]{0,40}"
    ) {
        match index().search(&query, &SearchOptions::default()) {
            Ok(results) => prop_assert!(results.hits.len() <= results.total),
            Err(error) => prop_assert!(error.is_user_error(), "{}", error),
        }
    }
}
