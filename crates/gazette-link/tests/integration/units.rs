//! Responsible units of the sample issue, counted by hand from the fixture.

use gazette_link::units::{responsibilities, Origin, Role, UnitMention};

use super::support_a::{by_number, sample, sample_text};

/// (document, section or table row, role) of every task naming `unit`.
fn tasks_of(issue: &gazette_model::Issue, unit: &str) -> Vec<(String, String, Role)> {
    let mut found = Vec::new();
    for doc in &issue.documents {
        for mention in responsibilities(doc).units {
            if mention.unit == unit {
                found.push((
                    doc.doc_number.clone().unwrap_or_default(),
                    place(&mention),
                    mention.role,
                ));
            }
        }
    }
    found
}

fn place(mention: &UnitMention) -> String {
    match mention.row {
        Some(row) => format!("row {row}"),
        None => mention.section.clone().unwrap_or_default(),
    }
}

#[test]
fn the_finance_bureau_has_exactly_the_tasks_that_name_it() {
    // Counted by hand (grep 市财政局 in the fixture): in the 蓝色药库
    // measures, lines 29 (二（二）1), 31 (二（二）2), 39 twice (二（三）1:
    // the 2000万元 equipment and the animal centre), 45 (二（四）),
    // 53 (二（五）2), 55 (二（五）3); in the 政务公开 task table, rows 5, 7,
    // 11 and 14 (printed 1.4). Line 154 is a post in the flood roster and
    // line 556 a removal, not tasks. No list marks a lead.
    let issue = sample();
    let blue = "青政字〔2019〕16号";
    let open = "青政办字〔2019〕31号";
    let expected: Vec<(String, String, Role)> = [
        (blue, "s2-2-1"),
        (blue, "s2-2-2"),
        (blue, "s2-3-1"),
        (blue, "s2-3-1"),
        (blue, "s2-4"),
        (blue, "s2-5-2"),
        (blue, "s2-5-3"),
        (open, "row 5"),
        (open, "row 7"),
        (open, "row 11"),
        (open, "row 14"),
    ]
    .iter()
    .map(|(doc, place)| ((*doc).to_owned(), (*place).to_owned(), Role::Unspecified))
    .collect();
    assert_eq!(tasks_of(&issue, "青岛市财政局"), expected);
}

#[test]
fn a_clause_gives_the_text_it_closes_as_the_task() {
    let issue = sample();
    let text = sample_text();
    let units = responsibilities(by_number(&issue, "青政字〔2019〕16号")).units;
    let equipment: Vec<&UnitMention> = units
        .iter()
        .filter(|u| u.task == "2000 万元用于合成试验、中试等设备购置")
        .collect();
    let names: Vec<&str> = equipment.iter().map(|u| u.unit.as_str()).collect();
    assert_eq!(names, ["青岛市科学技术局", "青岛市财政局"]);
    assert_eq!(equipment[1].published, "市财政局");
    assert_eq!(equipment[1].span.of(&text), "市财政局");
    assert_eq!(equipment[1].line, 39);
    assert_eq!(equipment[1].origin, Origin::LabelledClause);
    let first = &units[0];
    assert_eq!(first.published, "市科技局");
    assert!(first
        .task
        .starts_with("争取将“蓝色药库”计划列入科技部国家重点研发计划"));
    assert!(first
        .task
        .ends_with("争创山东省海洋生物医药科技创新中心和制造业创新中心"));
}

#[test]
fn the_district_governments_are_one_collective_unit() {
    let issue = sample();
    let units = responsibilities(by_number(&issue, "青政办字〔2019〕31号")).units;
    let row5: Vec<(&str, &str, bool)> = units
        .iter()
        .filter(|u| u.row == Some(5))
        .map(|u| (u.published.as_str(), u.unit.as_str(), u.collective))
        .collect();
    assert_eq!(
        row5,
        [
            ("市财政局", "青岛市财政局", false),
            ("各区、市政府", "各区（市）人民政府", true),
        ]
    );
}

#[test]
fn leads_are_read_from_niutou_and_the_others_participate() {
    // Row 17: 市市场监管局、市大数据局牵头，各区、市政府，市政府各有关部门负责落实.
    let issue = sample();
    let units = responsibilities(by_number(&issue, "青政办字〔2019〕31号")).units;
    let row17: Vec<(&str, Role)> = units
        .iter()
        .filter(|u| u.row == Some(17))
        .map(|u| (u.unit.as_str(), u.role))
        .collect();
    assert_eq!(
        row17,
        [
            ("青岛市市场监督管理局", Role::Lead),
            ("青岛市大数据发展管理局", Role::Lead),
            ("各区（市）人民政府", Role::Participating),
            ("青岛市人民政府各有关部门", Role::Participating),
        ]
    );
    // Row 2: the lead of the second clause leads that clause only.
    let row2: Vec<(&str, Role)> = units
        .iter()
        .filter(|u| u.row == Some(2))
        .map(|u| (u.unit.as_str(), u.role))
        .collect();
    assert_eq!(
        row2,
        [
            ("各区（市）人民政府", Role::Unspecified),
            ("青岛市人民政府各部门", Role::Unspecified),
            ("青岛市人民政府办公厅", Role::Lead),
        ]
    );
}

#[test]
fn garbled_lists_are_reported_not_guessed() {
    // Row 19 prints 市政府各区、市政府各有关部门; rows 25 and 26 print
    // 各区、市民政府.
    let issue = sample();
    let found = responsibilities(by_number(&issue, "青政办字〔2019〕31号"));
    let unreadable: Vec<(&str, usize)> = found
        .unreadable
        .iter()
        .map(|u| (u.text.as_str(), u.line))
        .collect();
    assert_eq!(
        unreadable,
        [
            ("市政府各区、市政府各有关部门", 278),
            ("各区、市民政府", 286),
            ("各区、市民政府", 287),
        ]
    );
}

#[test]
fn a_document_declaring_the_first_listed_leads_is_read_so() {
    // govcn-row05: （税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/govcn/govcn-row05.txt"
    );
    let issue = gazette_parse::parse_text(&std::fs::read_to_string(path).expect("fixture"));
    let units = responsibilities(&issue.documents[0]).units;
    let first: Vec<(&str, Role)> = units
        .iter()
        .take(3)
        .map(|u| (u.unit.as_str(), u.role))
        .collect();
    assert_eq!(
        first,
        [
            ("国家税务总局", Role::Lead),
            ("财政部", Role::Participating),
            ("海关总署", Role::Participating),
        ]
    );
    assert!(units.iter().all(|u| u.origin == Origin::Clause));
}
