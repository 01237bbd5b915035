//! Unit tests of `markers` on made-up lines.

use super::*;

fn kind_of(text: &str) -> Option<MarkerKind> {
    marker(text).map(|m| m.kind)
}

#[test]
fn reads_each_kind_of_heading_marker() {
    assert_eq!(kind_of("一、总体要求"), Some(MarkerKind::Chinese));
    assert_eq!(kind_of("二十二、电力生产"), Some(MarkerKind::Chinese));
    assert_eq!(
        kind_of("（一）指导思想。以习近平"),
        Some(MarkerKind::ParenChinese)
    );
    assert_eq!(
        kind_of("(二)给予研发费用支持"),
        Some(MarkerKind::ParenChinese)
    );
    assert_eq!(kind_of("1. 推动海洋药物"), Some(MarkerKind::Arabic));
    assert_eq!(kind_of("12．对"), Some(MarkerKind::Arabic));
    assert_eq!(kind_of("（1）开展"), Some(MarkerKind::ParenArabic));
    assert_eq!(kind_of("①加强"), Some(MarkerKind::Circled));
    assert_eq!(kind_of("第一章　总　　则"), Some(MarkerKind::Chapter));
    assert_eq!(kind_of("第三十二条　本条例自"), Some(MarkerKind::Article));
}

#[test]
fn reads_adoption_notes() {
    assert_eq!(
        adoption_note_date("(2023年5月31日济源市第十五届人民代表大会常务委员会第七次会议通过)"),
        NaiveDate::from_ymd_opt(2023, 5, 31)
    );
    assert_eq!(adoption_note_date("（2019年6月15日）"), None);
    assert_eq!(adoption_note_date("（会议通过）"), None);
}

#[test]
fn leaves_lookalikes_alone() {
    for text in [
        "1.2",
        "2019年政务公开",
        "3000万元",
        "（责任单位：市科技局）",
        "第706号",
        "一九九六年",
        "（2019年6月15日）",
    ] {
        assert_eq!(kind_of(text), None, "{text}");
    }
}

#[test]
fn marker_length_covers_the_spaces_after_it() {
    let text = "1. 推动";
    let m = marker(text).expect("marker");
    assert_eq!(&text[m.len..], "推动");
    assert_eq!(m.number, Some(1));
    let text = "第一章　总则";
    assert_eq!(&text[marker(text).expect("chapter").len..], "总则");
}

#[test]
fn reads_the_clauses_of_a_standard_only_when_asked() {
    fn clause(text: &str) -> Option<(MarkerKind, &str)> {
        match classify_in(text, true) {
            LineKind::Heading(m) => Some((m.kind, &text[m.len..])),
            _ => None,
        }
    }
    assert_eq!(clause("1 范围"), Some((MarkerKind::Clause(1), " 范围")));
    assert_eq!(
        clause("5. 1 幅面尺寸"),
        Some((MarkerKind::Clause(2), " 幅面尺寸"))
    );
    assert_eq!(
        clause("7.3.5.1 加盖印章的公文"),
        Some((MarkerKind::Clause(4), " 加盖印章的公文"))
    );
    assert_eq!(clause("3. 1"), Some((MarkerKind::Clause(2), "")));
    assert_eq!(clause("前 言"), Some((MarkerKind::Clause(1), "前 言")));
    for text in [
        "3",
        "3 号汉字高度的 7/8",
        "2mm，四角成 90º",
        "5.1幅面尺寸",
        "2019 年",
    ] {
        assert!(
            !matches!(clause(text), Some((MarkerKind::Clause(_), _))),
            "{text}"
        );
    }
    assert_eq!(classify_in("1 范围", false), LineKind::Text);
    assert_eq!(classify_in("2 学分的通识教育课程", false), LineKind::Text);
    assert_eq!(
        classify_in("第二条红色双线上一行如有文字", true),
        LineKind::Text
    );
}

#[test]
fn reads_the_cover_of_a_standard() {
    assert!(matches!(classify("GB/T 9704—2012"), LineKind::Standard(_)));
    assert_eq!(classify("代替 GB/T 9704—1999"), LineKind::Supersedes);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    assert_eq!(
        classify("2012-06-29 发布"),
        LineKind::Issued(day(2012, 6, 29))
    );
    assert_eq!(
        classify("2012-07-01 实施"),
        LineKind::Effective(day(2012, 7, 1))
    );
    assert_eq!(
        classify("2012-06-29 发布        2012-07-01 实施"),
        LineKind::Issued(day(2012, 6, 29))
    );
    for text in [
        "GB/T 148 印刷、书写和绘图纸幅面尺寸",
        "代替了 GB/T 9704—1999。",
        "2012-06-29",
        "2012-06-29 发布的标准",
        "2012-07-01 实施 2012-06-29 发布",
        "ICS 35.240.20",
    ] {
        assert!(
            !matches!(
                classify(text),
                LineKind::Standard(_) | LineKind::Supersedes | LineKind::Issued(_)
            ),
            "{text}"
        );
    }
}

#[test]
fn reads_chinese_numbers() {
    assert_eq!(chinese_number("三"), Some(3));
    assert_eq!(chinese_number("十"), Some(10));
    assert_eq!(chinese_number("十二"), Some(12));
    assert_eq!(chinese_number("二十一"), Some(21));
    assert_eq!(chinese_number("一百零五"), Some(105));
    assert_eq!(chinese_number("甲"), None);
}

#[test]
fn classifies_lines() {
    assert_eq!(classify("附件"), LineKind::AttachmentLabel(None));
    assert_eq!(classify("附件 2"), LineKind::AttachmentLabel(Some(2)));
    assert_eq!(classify("附件4"), LineKind::AttachmentLabel(Some(4)));
    assert_eq!(
        classify("附件：2019年青岛市政务公开重点工作任务分解落实表"),
        LineKind::AttachmentList
    );
    assert_eq!(
        classify("- 附件：1. 聚焦“四个重点”的主要内容及工作要求"),
        LineKind::AttachmentList
    );
    assert!(matches!(classify("（2019年6月15日）"), LineKind::Date(_)));
    assert!(matches!(
        classify("青政字〔2019〕16号"),
        LineKind::Number(_)
    ));
    assert_eq!(classify("第706号"), LineKind::OrderNumber);
    assert_eq!(classify("( 十四届第 3 号)"), LineKind::OrderNumber);
    assert_eq!(
        classify("南住建函〔2025〕671 号附件 1"),
        LineKind::AttachmentLabel(Some(1))
    );
    assert_eq!(
        classify("发文字号： 南发改规〔 2025 〕 4 号"),
        LineKind::Field("发文字号")
    );
    assert_eq!(
        classify("标 题： 南宁市关于调整价格的通知"),
        LineKind::Field("标题")
    );
    assert_eq!(classify("标题党：不是字段"), LineKind::Text);
    assert_eq!(classify("1\t推进\t要求\t单位"), LineKind::TableRow);
    assert_eq!(classify("附件是指"), LineKind::Text);
}
