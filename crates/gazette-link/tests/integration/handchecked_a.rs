//! 25 extracted items of the sample issue checked by hand against the
//! fixture text (5 references, 10 units, 10 people): each expected value was
//! written by reading the line named beside it, not copied from output.

use gazette_link::citations::references;
use gazette_link::personnel::{register, rosters};
use gazette_link::units::{responsibilities, Role};
use gazette_model::AppointmentAction::{Appoint, Remove};

use super::support_a::{by_number, sample, sample_text};

/// (line, number, title, issuing body).
const REFERENCES: &[(usize, &str, Option<&str>, &str)] = &[
    (
        79,
        "国办发〔2019〕13号",
        Some("关于印发降低社会保险费率综合方案的通知"),
        "国务院办公厅",
    ),
    (
        79,
        "鲁政办发〔2019〕14号",
        Some("关于印发山东省降低社会保险费率综合实施方案的通知"),
        "山东省人民政府办公厅",
    ),
    (
        121,
        "鲁政办字〔2019〕97号",
        Some("关于调整全省防汛抗旱指挥体制有关事项的通知"),
        "山东省人民政府办公厅",
    ),
    (
        320,
        "鲁政办字〔2019〕94号",
        Some("关于印发迎接建国70周年安全生产专项整治行动工作方案的通知"),
        "山东省人民政府办公厅",
    ),
    (370, "鲁政办字〔2019〕94号", None, "山东省人民政府办公厅"),
];

#[test]
fn five_references() {
    let issue = sample();
    let found: Vec<_> = issue.documents.iter().flat_map(references).collect();
    for &(line, number, title, body) in REFERENCES {
        let hit = found.iter().find(|r| {
            r.line == line
                && r.doc_number.as_deref() == Some(number)
                && r.title.as_deref() == title
                && r.issuing_body.as_deref() == Some(body)
        });
        assert!(hit.is_some(), "line {line}: {number}");
    }
}

/// (document, section or row, published, normalised, role, task starts with).
type UnitItem = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Role,
    &'static str,
);

const UNITS: &[UnitItem] = &[
    // Line 25.
    (
        "青政字〔2019〕16号",
        "s2-1",
        "市科技局",
        "青岛市科学技术局",
        Role::Unspecified,
        "争取将“蓝色药库”计划",
    ),
    (
        "青政字〔2019〕16号",
        "s2-1",
        "市发展改革委",
        "青岛市发展和改革委员会",
        Role::Unspecified,
        "争取将“蓝色药库”计划",
    ),
    // Line 39, the first clause (the paragraph opens on line 37).
    (
        "青政字〔2019〕16号",
        "s2-3-1",
        "崂山区政府",
        "崂山区人民政府",
        Role::Unspecified,
        "对青岛海洋生物医药研究院新增药物合成平台",
    ),
    // Line 41.
    (
        "青政字〔2019〕16号",
        "s2-3-2",
        "海洋试点国家实验室",
        "青岛海洋科学与技术试点国家实验室",
        Role::Unspecified,
        "青岛海洋科学与技术试点国家实验室支持",
    ),
    // Line 45.
    (
        "青政字〔2019〕16号",
        "s2-4",
        "青岛西海岸新区管委",
        "青岛西海岸新区管理委员会",
        Role::Unspecified,
        "设立总规模 50 亿元",
    ),
    // Line 255, row 4: 市政府办公厅牵头，各区、市政府各相关部门负责落实.
    (
        "青政办字〔2019〕31号",
        "row 4",
        "市政府办公厅",
        "青岛市人民政府办公厅",
        Role::Lead,
        "推进人大代表建议和政协委员提案办理结果公开",
    ),
    (
        "青政办字〔2019〕31号",
        "row 4",
        "各区、市政府各相关部门",
        "各区（市）人民政府各有关部门",
        Role::Participating,
        "推进人大代表建议",
    ),
    // Line 272, row 15: 市委编办牵头.
    (
        "青政办字〔2019〕31号",
        "row 15",
        "市委编办",
        "青岛市委机构编制委员会办公室",
        Role::Lead,
        "加强权责清单管理",
    ),
    // Line 284, row 23, second clause: 青岛广播电视台、职业技术学院按职责分工负责落实.
    (
        "青政办字〔2019〕31号",
        "row 23",
        "青岛广播电视台",
        "青岛广播电视台",
        Role::Unspecified,
        "推进教育信息公开",
    ),
    // Line 306, row 39: 市政府办公厅、市教育局牵头.
    (
        "青政办字〔2019〕31号",
        "row 39",
        "市教育局",
        "青岛市教育局",
        Role::Lead,
        "抓好考核监督培训",
    ),
];

#[test]
fn ten_units() {
    let issue = sample();
    let text = sample_text();
    for &(number, place, published, unit, role, task) in UNITS {
        let found = responsibilities(by_number(&issue, number)).units;
        let hit = found.iter().find(|u| {
            let at = match u.row {
                Some(row) => format!("row {row}"),
                None => u.section.clone().unwrap_or_default(),
            };
            at == place && u.published == published
        });
        let hit = hit.unwrap_or_else(|| panic!("{number} {place} {published}"));
        assert_eq!((hit.unit.as_str(), hit.role), (unit, role), "{published}");
        assert!(hit.task.starts_with(task), "{published}: {}", hit.task);
        assert_eq!(hit.span.of(&text), published);
    }
}

#[test]
fn ten_people() {
    let issue = sample();
    let people = register(issue.documents.iter().map(|d| (d.id.as_str(), d)));
    // (name, action, post, organisation, note, line): lines 530–584.
    let records = [
        (
            "张洪",
            Appoint,
            "青岛市人民政府副秘书长",
            "青岛市人民政府",
            Some("挂职时间一年"),
            530,
        ),
        (
            "孙黎",
            Appoint,
            "青岛市住房公积金管理中心（青岛市住房资金管理中心）副主任",
            "青岛市住房公积金管理中心（青岛市住房资金管理中心）",
            Some("试用期一年"),
            538,
        ),
        (
            "林万松",
            Remove,
            "青岛市人民政府办公厅副主任",
            "青岛市人民政府办公厅",
            None,
            542,
        ),
        (
            "于莲华",
            Remove,
            "青岛市发展和改革委员会副局级领导干部",
            "青岛市发展和改革委员会",
            None,
            548,
        ),
        (
            "李红兵",
            Remove,
            "青岛红岛经济区管理委员会副主任",
            "青岛红岛经济区管理委员会",
            None,
            584,
        ),
        (
            "王建军",
            Remove,
            "中国国际贸易促进委员会青岛市分会副会长",
            "中国国际贸易促进委员会青岛市分会",
            None,
            580,
        ),
    ];
    for (name, action, post, organisation, note, line) in records {
        let person = people.iter().find(|p| p.name == name).expect(name);
        let hit = person.entries.iter().find(|e| e.post == post).expect(post);
        assert_eq!(hit.action, action, "{name}");
        assert_eq!(hit.organisation.as_deref(), Some(organisation), "{name}");
        assert_eq!(hit.note.as_deref(), note, "{name}");
        assert_eq!(hit.line, line, "{name}");
    }

    // (person, role, role printed in its column, post): lines 139, 143,
    // 170 and 137.
    let roster = &rosters(&issue.documents[2])[0].entries;
    let pairs = [
        ("于成璞", "常务副指挥", true, "市水务管理局局长"),
        ("郇敏", "副指挥", true, "青岛警备区副司令员"),
        ("周智勇", "成员", false, "山东高速青岛发展有限公司总经理"),
        ("隋振华", "成员", false, "市卫生健康委主任"),
    ];
    for (person, role, printed, post) in pairs {
        let hit = roster.iter().find(|e| e.person == person).expect(person);
        assert_eq!(
            (hit.role.as_str(), hit.role_printed, hit.post.as_str()),
            (role, printed, post)
        );
    }
}
