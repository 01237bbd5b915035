//! 发文字号 in every printed form, whole or in part.

use crate::common::{ids, search, sorted};

#[test]
fn every_printed_form_of_a_number_finds_its_document() {
    for printed in [
        "青政办字[2019]31号",
        "青政办字〔2019〕31号",
        "青政办字(2019)31号",
        "青政办字（2019）31号",
        "青政办字【2019】31号",
        "青政办字〔２０１９〕３１号",
    ] {
        let query = format!("number:{printed}");
        let results = search(&query);
        assert_eq!(results.total, 1, "{query}");
        assert_eq!(results.hits[0].id, "q4", "{query}");
        assert_eq!(
            results.hits[0].doc_number.as_deref(),
            Some("青政办字〔2019〕31号")
        );
        // The same as a plain term: the numbered document first.
        assert_eq!(
            ids(printed).first().map(String::as_str),
            Some("q4"),
            "{printed}"
        );
    }
}

#[test]
fn a_part_of_a_number_is_a_substring_of_it() {
    // q3, q4 and q5 are 青政办字〔2019〕30, 31 and 33号; q2 is 青政办发.
    assert_eq!(sorted(ids("number:青政办字")), ["q3", "q4", "q5"]);
    // Every numbered document (q6, a 任免 list, has none) is of 2019.
    assert_eq!(sorted(ids("number:2019")), ["q1", "q2", "q3", "q4", "q5"]);
    assert_eq!(ids("number:31号"), ["q4"]);
    assert_eq!(ids("number:\"〔2019〕33\""), ["q5"]);
}

#[test]
fn a_number_that_is_not_in_the_issue_finds_nothing() {
    assert_eq!(search("number:青政办字〔2019〕32号").total, 0);
    // 鲁政办字〔2019〕94号 is cited in q5's text but is not q5's number.
    assert_eq!(search("number:鲁政办字〔2019〕94号").total, 0);
    assert_eq!(ids("鲁政办字〔2019〕94号"), ["q5"]);
}
