//! Unit tests of `paragraphs` on made-up lines.

use super::*;
use crate::lines::split_lines;

fn texts(input: &str) -> Vec<String> {
    paragraphs(&split_lines(input))
        .into_iter()
        .map(|p| p.text)
        .collect()
}

#[test]
fn a_headline_is_not_joined_to_the_paragraph_under_it() {
    assert_eq!(
        texts("纪委“七个严禁”严明纪律要求\n\n清明节即将来临。为严明纪律，现作出如下规定：\n"),
        [
            "纪委“七个严禁”严明纪律要求",
            "清明节即将来临。为严明纪律，现作出如下规定："
        ]
    );
    assert_eq!(
        texts("国务院关于推行\n\n监管的意见\n"),
        ["国务院关于推行监管的意见"]
    );
}

#[test]
fn punctuation_left_alone_by_a_wrap_is_joined_but_a_rule_is_not() {
    assert_eq!(
        texts("王青波、于莲华的青岛市发展和改革委员会副局级领导干部职务\n；\n"),
        ["王青波、于莲华的青岛市发展和改革委员会副局级领导干部职务；"]
    );
    assert!(is_rule("———"));
    assert!(is_rule("|"));
    assert!(!is_rule("；"));
}

#[test]
fn headings_between_table_rows_are_group_rows_of_the_table() {
    let text = "序号\t举措\t部门\n一、保护方面（共1项）\n1\t审判\t法院\n\
                二、融合方面（共0项）\n三、管理方面（共1项）\n2\t评审\t教育部\n\
                四、高度重视推广工作\n各地区要抓好落实。\n";
    let kinds: Vec<bool> = paragraphs(&split_lines(text))
        .iter()
        .map(|p| p.kind == LineKind::TableRow)
        .collect();
    assert_eq!(
        kinds,
        [true, true, true, true, true, true, false, false],
        "a heading after the table that no row follows stays a heading"
    );
}

#[test]
fn a_standards_cover_keeps_its_lines_apart_and_its_clauses_are_headings() {
    let cover = "GB/T 9704—2012\n代替 GB/T 9704—1999\n党政机关公文格式\n\
                 Layout key for official document\n2012-06-29 发布\n2012-07-01 实施\n\
                 中华人民共和国国家质量监督检验检疫总局\n中 国 国 家 标 准 化 管 理 委 员 会\n发 布\n\
                 目 次\n3. 1\n字 word\n标示公文中横向距离的长度单位。\n";
    assert_eq!(
        texts(cover),
        [
            "GB/T 9704—2012",
            "代替 GB/T 9704—1999",
            "党政机关公文格式",
            "Layout key for official document",
            "2012-06-29 发布",
            "2012-07-01 实施",
            "中华人民共和国国家质量监督检验检疫总局中 国 国 家 标 准 化 管 理 委 员 会发 布",
            "目 次",
            "3. 1字 word",
            "标示公文中横向距离的长度单位。",
        ]
    );
    let one_body = "2012-06-29 发布\n国家市场监督管理总局    发布\n目 次\n";
    assert_eq!(texts(one_body).len(), 3);
}

#[test]
fn joins_a_sentence_split_by_a_page_break() {
    let paras = paragraphs(&split_lines(
        "3—4个新药进入临床研究阶段，1—2个\n\n新药实现产业化。\n",
    ));
    assert_eq!(paras.len(), 1);
    assert_eq!(
        paras[0].text,
        "3—4个新药进入临床研究阶段，1—2个新药实现产业化。"
    );
    assert_eq!(paras[0].repairs[0].kind, RepairKind::JoinPageBreak);
    assert_eq!(paras[0].pieces.len(), 2);
}

#[test]
fn keeps_latin_after_a_join_without_inventing_spaces() {
    assert_eq!(
        texts("其中2000万元用于\n\nGMP 装修。"),
        ["其中2000万元用于GMP 装修。"]
    );
}

#[test]
fn joins_wrapped_titles_and_attachment_lines() {
    assert_eq!(
        texts(
            "国务院关于在市场监管领域全面推行\n部门联合“双随机、一公开”监管的意见\n国发〔2019〕5号"
        ),
        [
            "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见",
            "国发〔2019〕5号"
        ]
    );
    assert_eq!(
        texts("附件：青岛市人民政府防汛抗旱指挥部人员\n名单\n\n附件"),
        ["附件：青岛市人民政府防汛抗旱指挥部人员名单", "附件"]
    );
}

#[test]
fn never_joins_real_paragraphs() {
    let cases = [
        "一、总体要求\n\n（一）指导思想。以习近平",
        "（一）积极争取国家、省项目支持\n\n争取将“蓝色药库”计划列入",
        "制定本实施意见。\n\n一、总体要求",
        "青岛市降低社会保险费率实施方案\n\n为完善社会保险制度，",
        "各区、市人民政府，市直各单位：\n\n为深入贯彻",
        "青岛市人民政府关于支持“蓝色药库”开发计划的实施意见\n\n（2019年6月15日）",
        "国务院 \u{a0} \u{a0} \u{a0}\n2019年1月27日",
        "附件\n\n青岛市人民政府防汛抗旱指挥部人员名单",
    ];
    for case in cases {
        assert_eq!(texts(case).len(), 2, "{case}");
    }
}

#[test]
fn a_page_break_never_joins_the_next_document_to_the_last() {
    let cases = [
        "（此件公开发布）\n\n国务院关于同意建立联席会议制度的批复\n国函〔2018〕144号",
        "国家发展改革委、审计署\n全国\n\n国务院办公厅关于抓好有关文件\n贯彻落实工作的通知\n国办发〔2018〕127号",
        "全国\n\n青岛市人民政府关于支持开发计划的实施意见\n\n（2019年6月15日）",
    ];
    for case in cases {
        let paras = texts(case);
        assert!(
            paras
                .iter()
                .any(|p| p.starts_with("国务院") || p.starts_with("青岛市")),
            "{case}: {paras:?}"
        );
    }
}

#[test]
fn a_title_that_ends_mid_phrase_still_joins() {
    assert_eq!(
        texts("国务院关于印发暂行办法\n的通知"),
        ["国务院关于印发暂行办法的通知"]
    );
}

#[test]
fn a_title_under_a_number_never_takes_the_recipients() {
    // OCR of a GB/T 9704 first page: the title misread (，) no longer
    // ends like one.
    assert_eq!(
        texts("哪文旅办发[2021] 38 号\n\n省文化和旅游厅关于印发《湖北省文物\n业发展规划，》 的通知\n\n各市、州文化和旅游局:\n"),
        [
            "哪文旅办发[2021] 38 号",
            "省文化和旅游厅关于印发《湖北省文物业发展规划，》 的通知",
            "各市、州文化和旅游局:"
        ]
    );
}

#[test]
fn lines_after_a_table_stay_apart() {
    let paras = paragraphs(&split_lines("成 员：\t毛加杰\t市委宣传部副部长\n\n分公司总经理\n王晓深 中石油山东青岛销售\n\n市政府防汛抗旱指挥部办公室设在市水务管理局。"));
    let tails: Vec<_> = paras.iter().map(|p| p.table_tail).collect();
    assert_eq!(tails, [false, true, true, false]);
}

#[test]
fn a_paragraph_wrapped_after_a_table_is_no_cell() {
    let text = "成 员：\t毛加杰\t市委宣传部副部长\n分公司总经理\n办公室设在市水务管理局，承担指挥部日\n常工作，于成璞兼任办公室主任。\n";
    let mut lines = split_lines(text);
    // Paged text: the paragraph's first line fills the column.
    lines[2].full = true;
    let paras = paragraphs(&lines);
    let tails: Vec<_> = paras.iter().map(|p| p.table_tail).collect();
    assert_eq!(tails, [false, true, false]);
    assert_eq!(
        paras[2].text,
        "办公室设在市水务管理局，承担指挥部日常工作，于成璞兼任办公室主任。"
    );
}
