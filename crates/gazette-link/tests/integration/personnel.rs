//! The personnel register and the flood-control roster of the sample issue.

use gazette_link::personnel::{register, rosters, PersonHistory, RosterEntry, UnpairedReason};
use gazette_model::{Appointment, AppointmentAction, Document, Span};

use super::support_a::{sample, sample_text};

fn sample_register() -> Vec<PersonHistory> {
    let issue = sample();
    register(issue.documents.iter().map(|d| (d.id.as_str(), d)))
}

#[test]
fn the_appointment_list_forms_29_histories() {
    // Lines 528–584: 7 appointed (张洪, 招继亮, 孙刚, 周民书, 曹彦平, 孙黎,
    // 任焕盛) and 24 removals (22 lines; 王青波/于莲华, 汉红燕/章群 and
    // 唐存礼/白友喜 share one; 李红兵 loses two posts in one). 曹彦平 is
    // both appointed and removed: 31 records, 29 people.
    let people = sample_register();
    assert_eq!(people.len(), 29);
    let records: usize = people.iter().map(|p| p.entries.len()).sum();
    assert_eq!(records, 31);
    assert!(people.iter().all(|p| !p.homonym));
    let twice: Vec<&str> = people
        .iter()
        .filter(|p| p.entries.len() == 2)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(twice, ["曹彦平", "李红兵"]);
}

#[test]
fn cao_yanping_is_appointed_to_one_post_and_removed_from_another() {
    let people = sample_register();
    let cao = people.iter().find(|p| p.name == "曹彦平").expect("曹彦平");
    let history: Vec<(AppointmentAction, &str, Option<&str>, usize)> = cao
        .entries
        .iter()
        .map(|e| (e.action, e.post.as_str(), e.organisation.as_deref(), e.line))
        .collect();
    assert_eq!(
        history,
        [
            (
                AppointmentAction::Appoint,
                "青岛市住房公积金管理中心（青岛市住房资金管理中心）主任",
                Some("青岛市住房公积金管理中心（青岛市住房资金管理中心）"),
                536
            ),
            (
                AppointmentAction::Remove,
                "青岛市财政局副局长",
                Some("青岛市财政局"),
                556
            ),
        ]
    );
    let date = cao.entries[0].date.map(|d| d.to_string());
    assert_eq!(date.as_deref(), Some("2019-06-19"));
    assert_eq!(
        cao.entries[0].document_title,
        "近期市政府任免的工作人员名单"
    );
}

fn decision(id: &str, person: &str, post: &str, start: usize) -> (String, Document) {
    let doc = Document {
        id: id.to_owned(),
        title: format!("任免 {id}"),
        appointments: vec![Appointment {
            person: person.to_owned(),
            action: AppointmentAction::Appoint,
            post: post.to_owned(),
            note: None,
            date: None,
            span: Span::new(start, start + 10),
            line: 1,
        }],
        ..Document::default()
    };
    (id.to_owned(), doc)
}

#[test]
fn one_name_in_two_units_is_flagged_not_merged() {
    let docs = [
        decision("a", "王 伟", "青岛市教育局副局长", 0),
        decision("b", "王伟", "青岛市财政局副局长", 100),
        decision("c", "王伟", "青岛市教育局局长", 200),
    ];
    let people = register(docs.iter().map(|(k, d)| (k.as_str(), d)));
    let groups: Vec<(Vec<&str>, bool)> = people
        .iter()
        .map(|p| {
            (
                p.entries.iter().map(|e| e.document.as_str()).collect(),
                p.homonym,
            )
        })
        .collect();
    assert_eq!(groups, [(vec!["a", "c"], true), (vec!["b"], true)]);
}

fn entry(roster: &[RosterEntry], person: &str) -> (String, bool, String) {
    let e = roster
        .iter()
        .find(|e| e.person == person)
        .unwrap_or_else(|| panic!("{person} not in the roster"));
    (e.role.clone(), e.role_printed, e.post.clone())
}

#[test]
fn the_flood_control_roster_pairs_what_the_layout_allows() {
    // Lines 134–175, checked by hand. The left column carries the labels;
    // the right column (李苏满 … 张陕辉) continues 成员.
    let issue = sample();
    let doc = &issue.documents[2];
    let found = rosters(doc);
    assert_eq!(found.len(), 1);
    let roster = &found[0];
    assert_eq!(
        roster.title.as_deref(),
        Some("青岛市人民政府防汛抗旱指挥部人员名单")
    );
    let e = &roster.entries;
    let own = |role: &str, post: &str| (role.to_owned(), true, post.to_owned());
    let right = |post: &str| ("成员".to_owned(), false, post.to_owned());
    assert_eq!(entry(e, "孟凡利"), own("指挥", "市长"));
    assert_eq!(entry(e, "薛庆国"), own("常务副指挥", "副市长"));
    assert_eq!(entry(e, "朱培吉"), own("常务副指挥", "副市长"));
    assert_eq!(entry(e, "张建刚"), own("常务副指挥", "市应急局局长"));
    assert_eq!(entry(e, "杨苏"), own("副指挥", "北部战区海军副参谋长"));
    assert_eq!(entry(e, "陈勇"), own("副指挥", "市住房城乡建设局局长"));
    assert_eq!(entry(e, "毛加杰"), own("成员", "市委宣传部副部长"));
    assert_eq!(entry(e, "李红兵"), own("成员", "市财政局党组书记"));
    assert_eq!(entry(e, "李苏满"), right("市文化和旅游局局长"));
    assert_eq!(entry(e, "刘培喜"), right("市应急局副局级领导干部"));
    assert_eq!(
        entry(e, "张其翔"),
        right("中国电信集团山东省青岛市电信分公司总经理")
    );
    // Line 160 cuts 孟祥德's post; line 165, the right column's next line,
    // ends it.
    assert_eq!(entry(e, "孟祥德"), right("中石化山东青岛石油分公司总经理"));
    assert_eq!(entry(e, "王晓深"), right("中石油山东青岛销售分公司总经理"));
    assert_eq!(
        entry(e, "孙旭日"),
        right("国网山东省电力公司青岛供电公司总经理")
    );
    assert_eq!(entry(e, "王奇"), right("武警青岛支队副支队长"));
    assert_eq!(entry(e, "张陕辉"), right("海军91206部队训练处处长"));
    // 苟团年 … 赵士玉 print one pair a row: 成员 in either column.
    assert_eq!(
        entry(e, "赵士玉"),
        ("成员".to_owned(), false, "市商务局局长".to_owned())
    );

    let counted = |role: &str| e.iter().filter(|x| x.role == role).count();
    assert_eq!(counted("指挥"), 1);
    assert_eq!(counted("常务副指挥"), 4);
    assert_eq!(counted("副指挥"), 5);
    // 16 left (毛加杰 … 赵士玉) + 22 right in the rows (李苏满 … 孟祥德,
    // without 管成密 and 王建辉) + 5 after the table (王晓深 … 张陕辉).
    assert_eq!(counted("成员"), 43);

    let unpaired: Vec<(&str, UnpairedReason, usize)> = roster
        .unpaired
        .iter()
        .map(|u| (u.text.as_str(), u.reason, u.line))
        .collect();
    assert_eq!(
        unpaired,
        [
            ("管成密 市供销社主任", UnpairedReason::ColumnUnknown, 142),
            (
                "王建辉 青岛国信集团董事长",
                UnpairedReason::ColumnUnknown,
                147
            ),
        ]
    );
    let text = sample_text();
    let wang = e.iter().find(|x| x.person == "王奇").expect("王奇");
    assert_eq!(wang.span.of(&text), "王奇 武警青岛支队副支队\n长");
    assert_eq!(wang.line, 172);
}
