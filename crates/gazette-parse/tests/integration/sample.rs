//! The Qingdao sample issue, checked against values read by hand from
//! `tests/fixtures/qingdao-gazette-2019-issue.txt`.

use gazette_model::{AppointmentAction, BlockKind, Document, Issue, NaiveDate};

use crate::common::sample_text;

fn issue() -> Issue {
    gazette_parse::parse_text(&sample_text())
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn block_texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn has_exactly_six_documents_with_their_headers() {
    let issue = issue();
    let expected = [
        (
            "青岛市人民政府关于支持“蓝色药库”开发计划的实施意见",
            Some("青政字〔2019〕16号"),
            date(2019, 6, 15),
            "意见",
        ),
        (
            "青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知",
            Some("青政办发〔2019〕4号"),
            date(2019, 6, 26),
            "通知",
        ),
        (
            "青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知",
            Some("青政办字〔2019〕30号"),
            date(2019, 6, 24),
            "通知",
        ),
        (
            "青岛市人民政府办公厅关于印发2019年青岛市政务公开工作要点的通知",
            Some("青政办字〔2019〕31号"),
            date(2019, 6, 28),
            "通知",
        ),
        (
            "青岛市人民政府办公厅关于印发青岛市开展“百日安全生产专项整治攻坚行动”工作方案的通知",
            Some("青政办字〔2019〕33号"),
            date(2019, 7, 11),
            "通知",
        ),
        (
            "近期市政府任免的工作人员名单",
            None,
            date(2019, 6, 19),
            "任免",
        ),
    ];
    assert_eq!(issue.documents.len(), expected.len());
    for (doc, (title, number, day, kind)) in issue.documents.iter().zip(expected) {
        assert_eq!(doc.title, title);
        assert_eq!(doc.doc_number.as_deref(), number, "{title}");
        assert_eq!(doc.date, day, "{title}");
        assert_eq!(doc.doc_type.as_deref(), Some(kind), "{title}");
    }
    let ids: Vec<_> = issue.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d1", "d2", "d3", "d4", "d5", "d6"]);
    assert!(issue.front_matter.is_empty());
}

#[test]
fn numbers_come_with_their_parts() {
    let issue = issue();
    let parts = issue.documents[3]
        .doc_number_parts
        .as_ref()
        .expect("number");
    assert_eq!(parts.code, "青政办字");
    assert_eq!(parts.year, Some(2019));
    assert_eq!(parts.serial, 31);
}

#[test]
fn issuers_recipients_and_promulgated_titles() {
    let issue = issue();
    let issuers: Vec<_> = issue
        .documents
        .iter()
        .map(|d| d.issuer.join("、"))
        .collect();
    assert_eq!(
        issuers,
        [
            "青岛市人民政府",
            "青岛市人民政府办公厅",
            "青岛市人民政府办公厅",
            "青岛市人民政府办公厅",
            "青岛市人民政府办公厅",
            "市政府"
        ]
    );
    let usual = [
        "各区、市人民政府",
        "青岛西海岸新区管委",
        "市政府各部门",
        "市直各单位",
    ];
    for doc in &issue.documents[..4] {
        assert_eq!(doc.recipients, usual, "{}", doc.title);
    }
    assert_eq!(
        issue.documents[4].recipients,
        [
            "各区、市人民政府",
            "青岛西海岸新区管委",
            "市政府各部门",
            "市直有关单位"
        ]
    );
    assert!(issue.documents[5].recipients.is_empty());
    let promulgated: Vec<_> = issue
        .documents
        .iter()
        .map(|d| d.promulgated_title.as_deref())
        .collect();
    assert_eq!(
        promulgated,
        [
            None,
            Some("青岛市降低社会保险费率实施方案"),
            None,
            Some("2019年青岛市政务公开工作要点"),
            Some("青岛市开展“百日安全生产专项整治攻坚行动”工作方案"),
            None
        ]
    );
}

#[test]
fn attachments_including_the_unlabelled_third() {
    let issue = issue();
    let counts: Vec<_> = issue
        .documents
        .iter()
        .map(|d| d.attachments.len())
        .collect();
    assert_eq!(counts, [0, 0, 1, 1, 4, 0]);
    assert_eq!(
        issue.documents[2].attachments[0].title,
        "青岛市人民政府防汛抗旱指挥部人员名单"
    );
    assert_eq!(
        issue.documents[3].attachments[0].title,
        "2019年青岛市政务公开重点工作任务分解落实表"
    );
    let notice = &issue.documents[4];
    let titles: Vec<_> = notice
        .attachments
        .iter()
        .map(|a| (a.number, a.title.as_str(), a.labelled))
        .collect();
    assert_eq!(
        titles,
        [
            (1, "聚焦“四个重点”的主要内容及工作要求", true),
            (2, "行业领域专项整治工作重点及分工", true),
            (
                3,
                "企业安全生产风险隐患排查整治指导目录（以化工企业为例）",
                false
            ),
            (4, "社区安全公约", true),
        ]
    );
    assert!(notice
        .warnings
        .iter()
        .any(|w| w.code == "attachment_unlabelled" && w.message.contains("attachment 3")));
    // 附件4's content is the 公约's ten articles.
    let fourth: Vec<_> = notice
        .blocks
        .iter()
        .filter(|b| b.attachment == Some(4))
        .collect();
    assert!(fourth
        .iter()
        .any(|b| b.text.starts_with("十、密切关注身边安全隐患")));
    assert!(fourth.iter().all(|b| b.attachment == Some(4)));
}

#[test]
fn page_breaks_are_repaired_without_gluing_paragraphs() {
    let issue = issue();
    let first = block_texts(&issue.documents[0]);
    assert!(first
        .iter()
        .any(|t| t.contains("3—4个新药进入临床研究阶段，1—2个新药实现产业化，15个海洋大健康")));
    assert!(first.iter().any(|t| t.contains("其中2000万元用于GMP 装修")));
    assert!(first
        .iter()
        .any(|t| t.contains("政策向海洋药物研发机构倾斜。")));
    // The heading and the paragraph after it stay two blocks.
    assert!(first.contains(&"（一）积极争取国家、省项目支持"));
    assert!(first
        .iter()
        .any(|t| t.starts_with("争取将“蓝色药库”计划列入")));
    let fourth = block_texts(&issue.documents[3]);
    assert!(fourth
        .iter()
        .any(|t| t.contains("按照市委、市政府作出的15个攻势部署")));
    let roster_notice = &issue.documents[2];
    assert!(roster_notice
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::AttachmentList
            && b.text == "附件：青岛市人民政府防汛抗旱指挥部人员名单"));
    let social = block_texts(&issue.documents[1]);
    assert!(social
        .iter()
        .any(|t| t.contains("再下调50%，调整后一至八类分别控制在")));
    assert!(social.contains(&"青岛市降低社会保险费率实施方案"));
    let repairs = &issue.documents[0].repairs;
    assert!(repairs.iter().any(|r| r.original.contains("1—2个⏎新药")));
}

#[test]
fn stray_space_in_a_title_is_dropped_and_recorded() {
    let issue = issue();
    let doc = &issue.documents[1];
    assert_eq!(
        doc.blocks[0].text,
        "青岛市人民政府办公厅关于印发 青岛市降低社会保险费率实施方案的通知"
    );
    assert!(doc
        .repairs
        .iter()
        .any(|r| r.kind == gazette_model::RepairKind::DropStraySpace && r.line == 67));
}

#[test]
fn the_heading_tree_has_stable_ids() {
    let issue = issue();
    let doc = &issue.documents[0];
    let top: Vec<_> = doc
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.marker.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        top,
        [
            ("s1", "一、", "总体要求"),
            ("s2", "二、", "支持措施"),
            ("s3", "三、", "组织保障")
        ]
    );
    let measures: Vec<_> = doc.sections[1]
        .children
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        measures,
        [
            "积极争取国家、省项目支持",
            "给予研发费用支持",
            "推动平台建设",
            "设立蓝色药库开发基金",
            "支持人才团队建设"
        ]
    );
    assert_eq!(doc.sections[1].children[1].children.len(), 3);
    assert_eq!(doc.sections[1].children[1].children[2].id, "s2-2-3");
    let safety = &issue.documents[4];
    let second = &safety.attachments[1].sections;
    assert_eq!(second.len(), 22);
    assert_eq!(second[0].id, "a2-s1");
    assert_eq!(second[0].title, "城乡建设安全生产专业委员会");
    let block = &safety.blocks[second[0].block];
    assert_eq!(block.section.as_deref(), Some("a2-s1"));
}

#[test]
fn the_task_table_has_39_rows_and_its_anomalies_are_reported() {
    let issue = issue();
    let doc = &issue.documents[3];
    assert_eq!(doc.tables.len(), 1);
    let table = &doc.tables[0];
    assert_eq!(table.columns, ["序号", "工作任务", "具体要求", "责任单位"]);
    assert_eq!(table.attachment, Some(1));
    assert_eq!(
        table.caption.as_deref(),
        Some("2019年青岛市政务公开重点工作任务分解落实表")
    );
    let numbers: Vec<_> = table.rows.iter().map(|r| r.number).collect();
    let one_to_39: Vec<_> = (1..=39).map(Some).collect();
    assert_eq!(numbers, one_to_39);
    assert!(table.rows.iter().all(|r| r.cells.len() == 4));
    assert_eq!(table.rows[11].cells[0], "1.2", "the printed serial is kept");
    let row1 = &table.rows[0];
    assert_eq!(row1.cells[1], "推进重大行政决策公开");
    assert!(row1.cells[2].starts_with("出台和调整涉企政策要加强与市场的沟通"));
    assert!(
        row1.cells[2].ends_with("标注起止时间。"),
        "HTML stripped: {}",
        row1.cells[2]
    );
    assert_eq!(table.rows[4].cells[3], "市财政局，各区、市政府负责落实");
    assert_eq!(table.rows[38].cells[1], "抓好考核监督培训");
    let misprinted: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "serial_misprinted")
        .map(|w| w.line)
        .collect();
    assert_eq!(misprinted, [267, 268, 269]);
    let repeated: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "cell_repeats_neighbour")
        .map(|w| w.line)
        .collect();
    assert_eq!(repeated, [267, 268]);
    let dropped = doc
        .repairs
        .iter()
        .filter(|r| r.kind == gazette_model::RepairKind::DropRepeatedHeader)
        .count();
    assert_eq!(
        dropped, 9,
        "the header is printed 10 times: once, then after each of 9 page breaks"
    );
}

#[test]
fn cited_numbers_and_titles() {
    let issue = issue();
    let numbers = |doc: &Document| -> Vec<String> {
        doc.cited
            .iter()
            .filter_map(|c| c.doc_number.clone())
            .collect()
    };
    assert_eq!(
        numbers(&issue.documents[1]),
        ["国办发〔2019〕13号", "鲁政办发〔2019〕14号"]
    );
    assert_eq!(numbers(&issue.documents[2]), ["鲁政办字〔2019〕97号"]);
    assert_eq!(
        numbers(&issue.documents[4]),
        ["鲁政办字〔2019〕94号", "鲁政办字〔2019〕94号"]
    );
    assert!(numbers(&issue.documents[0]).is_empty());
    let social = &issue.documents[1].cited[0];
    assert_eq!(
        social.title.as_deref(),
        Some("关于印发降低社会保险费率综合方案的通知")
    );
    assert_eq!(social.line, 79);
    let source = sample_text();
    assert_eq!(
        social.span.of(&source),
        "《关于印发降低社会保险费率综合方案的通知》（国办发〔2019〕13号）"
    );
    let titles: Vec<_> = issue.documents[3]
        .cited
        .iter()
        .filter_map(|c| c.title.as_deref())
        .collect();
    assert!(titles.contains(&"青岛市重大行政决策程序规定（试行）"));
    assert!(titles.contains(&"中华人民共和国政府信息公开条例"));
    // The notice's own attachment is not a citation.
    assert!(!issue.documents[4]
        .cited
        .iter()
        .any(|c| c.title.as_deref() == Some("社区安全公约")));
}

#[test]
fn seven_appointments_and_24_removals() {
    let issue = issue();
    let doc = &issue.documents[5];
    let of = |action| -> Vec<(&str, &str)> {
        doc.appointments
            .iter()
            .filter(|a| a.action == action)
            .map(|a| (a.person.as_str(), a.post.as_str()))
            .collect()
    };
    let appointed = of(AppointmentAction::Appoint);
    let housing = "青岛市住房公积金管理中心（青岛市住房资金管理中心）";
    assert_eq!(
        appointed,
        [
            ("张洪", "青岛市人民政府副秘书长"),
            ("招继亮", "青岛市退役军人事务局副局长"),
            ("孙刚", "青岛市退役军人事务局副局长"),
            ("周民书", "青岛市技师学院院长"),
            ("曹彦平", &*format!("{housing}主任")),
            ("孙黎", &*format!("{housing}副主任")),
            ("任焕盛", &*format!("{housing}副主任")),
        ]
    );
    let removed = of(AppointmentAction::Remove);
    let people: Vec<_> = removed.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        people,
        [
            "林万松",
            "李振军",
            "王青波",
            "于莲华",
            "姜延贞",
            "王洪琪",
            "王唯",
            "曹彦平",
            "韩红星",
            "汉红燕",
            "章群",
            "金海国",
            "车永忠",
            "张国华",
            "唐存礼",
            "白友喜",
            "黄琳",
            "奚志刚",
            "沈建军",
            "杨钢锐",
            "王建军",
            "王春芳",
            "李红兵",
            "李红兵"
        ]
    );
    assert_eq!(
        removed[0].1, "青岛市人民政府办公厅副主任",
        "post joined over the page break"
    );
    assert_eq!(removed[22].1, "青岛红岛经济区管理委员会副主任");
    assert_eq!(removed[23].1, "青岛轨道交通产业示范区管理委员会主任");
    let notes: Vec<_> = doc
        .appointments
        .iter()
        .filter_map(|a| a.note.as_deref())
        .collect();
    assert_eq!(notes, ["挂职时间一年", "试用期一年", "试用期一年"]);
    assert!(doc.appointments.iter().all(|a| a.date == date(2019, 6, 19)));
    let elsewhere: usize = issue.documents[..5]
        .iter()
        .map(|d| d.appointments.len())
        .sum();
    assert_eq!(elsewhere, 0);
}

#[test]
fn the_flattened_roster_is_reported_not_invented() {
    let issue = issue();
    let doc = &issue.documents[2];
    assert_eq!(doc.tables.len(), 1);
    let roster = &doc.tables[0];
    assert!(roster.columns.is_empty());
    assert_eq!(
        roster.rows[0].cells,
        ["指 挥：", "孟凡利", "市长", "李苏满", "市文化和旅游局局长"]
    );
    assert!(doc.warnings.iter().any(|w| w.code == "table_layout_lost"));
    let last = doc.blocks.last().expect("blocks");
    assert!(last
        .text
        .starts_with("市政府防汛抗旱指挥部办公室设在市水务管理局"));
    assert_eq!(last.kind, BlockKind::Paragraph);
    assert_eq!(last.attachment, Some(1));
}
