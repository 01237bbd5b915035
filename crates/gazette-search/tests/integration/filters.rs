//! Field filters and boolean operators.

use crate::common::{ids, search, sorted};

fn found(query: &str) -> Vec<String> {
    sorted(ids(query))
}

#[test]
fn type_year_status() {
    assert_eq!(found("type:通知"), ["q2", "q3", "q4", "q5"]);
    assert_eq!(found("type:意见"), ["q1"]);
    assert_eq!(found("type:任免"), ["q6"]);
    // Exact, not a substring.
    assert_eq!(search("type:通").total, 0);
    assert_eq!(found("year:2019"), ["q1", "q2", "q3", "q4", "q5", "q6"]);
    assert_eq!(search("year:2018").total, 0);
    assert_eq!(search("year:2020..").total, 0);
    // The tests mark q3 as repealed.
    assert_eq!(found("status:repealed"), ["q3"]);
    assert_eq!(found("status:已废止"), ["q3"]);
    assert_eq!(found("status:in_force"), ["q1", "q2", "q4", "q5", "q6"]);
    assert_eq!(search("status:expired").total, 0);
}

#[test]
fn date_ranges() {
    // q1 06-15, q6 06-19, q3 06-24, q2 06-26, q4 06-28, q5 07-11.
    assert_eq!(
        found("date:2019-06-01..2019-06-30"),
        ["q1", "q2", "q3", "q4", "q6"]
    );
    assert_eq!(found("date:2019-07-01.."), ["q5"]);
    assert_eq!(found("date:..2019-06-19"), ["q1", "q6"]);
    assert_eq!(found("date:2019-06-24"), ["q3"]);
    assert_eq!(found("date:2019-06"), ["q1", "q2", "q3", "q4", "q6"]);
    assert_eq!(found("date:2019年6月26日"), ["q2"]);
}

#[test]
fn title_issuer_unit() {
    assert_eq!(found("title:防汛抗旱"), ["q3"]);
    assert_eq!(found("title:通知"), ["q2", "q3", "q4", "q5"]);
    // 社会保险 is in q4's body, not its title.
    assert_eq!(found("title:社会保险"), ["q2"]);
    // q2–q5 are issued by 青岛市人民政府办公厅, q1 by 青岛市人民政府, q6 by
    // 市政府 as printed, whose full name 市人民政府 is found too.
    assert_eq!(found("issuer:办公厅"), ["q2", "q3", "q4", "q5"]);
    assert_eq!(found("issuer:市政府"), ["q6"]);
    assert_eq!(
        found("issuer:人民政府"),
        ["q1", "q2", "q3", "q4", "q5", "q6"]
    );
    assert_eq!(
        found("issuer:市人民政府"),
        ["q1", "q2", "q3", "q4", "q5", "q6"]
    );
    // Only q1 has （责任单位：…） notes; 市人才办 is named in one (line 53).
    // q4's task table names 市财政局 in its 责任单位 column too (line 256:
    // `5	推进执行公开	…	市财政局，各区、市政府负责落实`; lines 260, 264,
    // 269), as the unit pages read it.
    assert_eq!(found("unit:市财政局"), ["q1", "q4"]);
    assert_eq!(found("unit:人才办"), ["q1"]);
}

#[test]
fn filters_combine_with_text() {
    assert_eq!(found("市财政局 type:通知"), ["q3", "q4"]);
    assert_eq!(found("市财政局 date:2019-06-15..2019-06-20"), ["q1", "q6"]);
}

#[test]
fn not_and_minus_exclude() {
    // 市财政局 is in q1, q3, q4 and q6; 防汛抗旱 only in q3.
    assert_eq!(found("市财政局 -防汛抗旱"), ["q1", "q4", "q6"]);
    assert_eq!(found("市财政局 NOT 防汛抗旱"), ["q1", "q4", "q6"]);
    assert_eq!(found("市财政局 -type:任免"), ["q1", "q3", "q4"]);
    // A query of exclusions alone keeps everything else.
    assert_eq!(found("-type:通知"), ["q1", "q6"]);
    assert_eq!(found("NOT 市财政局"), ["q2", "q5"]);
}

#[test]
fn or_and_groups() {
    // GMP is in q1, IPv6 in q4.
    assert_eq!(found("GMP OR IPv6"), ["q1", "q4"]);
    assert_eq!(found("(GMP OR IPv6) type:通知"), ["q4"]);
    assert_eq!(found("GMP OR IPv6 type:通知"), ["q1", "q4"]);
    assert_eq!(found("防汛抗旱 OR type:任免"), ["q3", "q6"]);
}
