//! Rosters in the layouts the renderings leave: one label a line with
//! names padded by spaces, several names on a line, everything on one
//! line, and a table of roles, names and posts. The texts are made up
//! here in the shapes of the real rosters (see the archive's rosters
//! test for those); what each must give is read off the text.

use gazette_model::Roster;

fn rosters_of(text: &str) -> Vec<Roster> {
    let issue = gazette_parse::parse_text(text);
    issue
        .documents
        .into_iter()
        .flat_map(|d| d.rosters)
        .collect()
}

fn members(roster: &Roster) -> Vec<(String, String, String)> {
    roster
        .members
        .iter()
        .map(|m| {
            (
                m.role.clone(),
                m.name.clone().unwrap_or_default(),
                m.post.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn member(role: &str, name: &str, post: &str) -> (String, String, String) {
    (role.to_owned(), name.to_owned(), post.to_owned())
}

const HEAD: &str = "某市人民政府办公室关于成立某市防汛工作领导小组的通知\n各区人民政府，市政府各部门：\n为加强防汛工作，市政府决定成立某市防汛工作领导小组。现将组成人员通知如下：\n";

#[test]
fn label_lines_with_padded_names() {
    let text = format!(
        "{HEAD}组  长：张  三  市长\n副组长：李四 副市长、王  五 副市长\n成  员：赵六  市财政局局长\n        钱  七  市水务局局长\n领导小组办公室设在市水务局。\n"
    );
    let found = rosters_of(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].body.as_deref(), Some("某市防汛工作领导小组"));
    assert_eq!(
        members(&found[0]),
        [
            member("组长", "张三", "市长"),
            member("副组长", "李四", "副市长"),
            member("副组长", "王五", "副市长"),
            member("成员", "赵六", "市财政局局长"),
            member("成员", "钱七", "市水务局局长"),
        ]
    );
}

#[test]
fn the_same_roster_on_one_line_and_as_a_table() {
    let lines = format!(
        "{HEAD}组　长：张　三　　市长\n副组长：李　四　　副市长\n成　员：赵　六　　市财政局局长\n　　　　钱　七　　市水务局局长\n领导小组办公室设在市水务局。\n"
    );
    let one_line: String = lines.chars().filter(|&c| c != '\n').collect();
    let table = format!(
        "{HEAD}职务\t姓名\t单位及职务\n组长\t张　三\t市长\n副组长\t李　四\t副市长\n成员\t赵　六\t市财政局局长\n\t钱　七\t市水务局局长\n领导小组办公室设在市水务局。\n"
    );
    let want = [
        member("组长", "张三", "市长"),
        member("副组长", "李四", "副市长"),
        member("成员", "赵六", "市财政局局长"),
        member("成员", "钱七", "市水务局局长"),
    ];
    for (form, text) in [
        ("lines", &lines),
        ("one line", &one_line),
        ("table", &table),
    ] {
        let found = rosters_of(text);
        assert_eq!(found.len(), 1, "{form}");
        assert_eq!(members(&found[0]), want, "{form}");
    }
    assert!(rosters_of(&table)[0].table.is_some());
}

#[test]
fn one_label_in_prose_is_no_roster() {
    let text = format!("{HEAD}办公室主任：由市水务局局长张三兼任。\n");
    assert!(rosters_of(&text).is_empty());
}

#[test]
fn a_two_column_roster_is_read_column_by_column() {
    // The Qingdao sample's 指挥部 table (lines 136–175) prints a label, a
    // left and a right pair in each row; the right column continues 成员.
    // Read by hand: line 138 `⇥朱培吉⇥副市长⇥刘培喜⇥市应急局副局级领导` and
    // line 139 `⇥于成璞⇥市水务管理局局长⇥⇥干部` (刘培喜's post goes on);
    // line 142 `⇥⇥⇥管成密⇥市供销社主任` (the right column only: a 成员);
    // line 161 `⇥苟团年⇥市海洋发展局局长⇥⇥` (the left column: a 成员 too).
    let issue = gazette_parse::parse_bytes(&crate::common::sample_bytes())
        .expect("the sample decodes")
        .0;
    let found: Vec<&gazette_model::Roster> =
        issue.documents.iter().flat_map(|d| &d.rosters).collect();
    assert_eq!(found.len(), 1);
    let roster = found[0];
    assert_eq!(roster.body.as_deref(), Some("青岛市人民政府防汛抗旱指挥部"));
    let count = |role: &str| roster.members.iter().filter(|m| m.role == role).count();
    assert_eq!(
        [
            count("指挥"),
            count("常务副指挥"),
            count("副指挥"),
            count("成员")
        ],
        [1, 4, 5, 45]
    );
    let member = |name: &str| {
        roster
            .members
            .iter()
            .find(|m| m.name.as_deref() == Some(name))
            .map(|m| (m.role.as_str(), m.post.as_deref().unwrap_or("")))
    };
    assert_eq!(member("朱培吉"), Some(("常务副指挥", "副市长")));
    assert_eq!(member("刘培喜"), Some(("成员", "市应急局副局级领导干部")));
    assert_eq!(member("管成密"), Some(("成员", "市供销社主任")));
    assert_eq!(member("苟团年"), Some(("成员", "市海洋发展局局长")));
    assert_eq!(
        member("孟祥德"),
        Some(("成员", "中石化山东青岛石油分公司总经理"))
    );
}
