//! The text of three government web pages as a crawler stored it
//! (`tests/fixtures/webtext`, sources in SOURCES.md): the metadata block
//! read into `published_meta`, the page's own lines kept out of every
//! field and kept as artifacts. Expected values read by hand from the
//! fixtures.

use gazette_model::{ArtifactKind, Issue, MetaSource, NaiveDate, TextForm};

use crate::common::fixtures;
use crate::nothing_lost::check;

fn parse(name: &str) -> (String, Issue) {
    let text = std::fs::read_to_string(fixtures().join("webtext").join(name)).expect("fixture");
    let issue = gazette_parse::parse_text(&text);
    check(&text, &issue).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, issue)
}

fn chrome(issue: &Issue) -> Vec<&str> {
    issue
        .artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::WebChrome)
        .map(|a| a.text.as_str())
        .collect()
}

#[test]
fn qiqihar_a_metadata_block_with_spaced_labels_and_two_fields_a_line() {
    let (_, issue) = parse("qiqihar-2019-29.txt");
    assert_eq!(issue.form, TextForm::WebText);
    let doc = &issue.documents[0];
    // Line 7, printed again as 名 称 in the block.
    assert_eq!(
        doc.title,
        "齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》等三个文件的通知"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("齐政办发〔2019〕29号"));
    // Signature 齐齐哈尔市人民政府办公室 / 2019年11月29日.
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2019, 11, 29));
    assert_eq!(doc.issuer, ["齐齐哈尔市人民政府办公室"]);
    assert_eq!(doc.doc_type.as_deref(), Some("通知"));
    assert_eq!(
        doc.recipients,
        ["各县(市)、区人民政府", "市政府各委、办、局"]
    );
    // Lines 1–2: the site's link bar and navigation.
    assert_eq!(chrome(&issue).len(), 2);
    assert!(chrome(&issue)[0].starts_with("中国政府网"));
    let meta = doc.published_meta.as_ref().expect("metadata block");
    assert_eq!(meta.source, MetaSource::TextBlock);
    assert_eq!(meta.index_number.as_deref(), Some("20191202-189769"));
    assert_eq!(
        meta.topic.as_deref(),
        Some("其他; 市人民政府办公室; 市政府、市政府办公室文件;")
    );
    assert_eq!(meta.issuer.as_deref(), Some("市人民政府办公室"));
    assert_eq!(meta.written, NaiveDate::from_ymd_opt(2019, 11, 29));
    assert_eq!(meta.doc_number.as_deref(), Some("齐政办发〔2019〕29号"));
    assert_eq!(
        meta.title.as_deref(),
        Some(
            "齐齐哈尔市人民政府办公室关于印发《齐齐哈尔市政务云平台管理实施细则》等三个文件的通知"
        )
    );
    let other: Vec<(&str, &str)> = meta
        .other
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert!(other.contains(&("上载日期", "2019-12-02")));
    assert!(other.contains(&("信息来源", "市人民政府办公室")));
    // The body opens with the recipients, not with a remnant.
    assert!(doc.blocks.iter().all(|b| !b.text.contains("索")));
    assert!(doc.warnings.iter().all(|w| w.code != "meta_disagrees"));
}

#[test]
fn haikou_a_publication_time_and_a_font_switch_between_title_and_number() {
    let (_, issue) = parse("haikou-2011-33.txt");
    assert_eq!(issue.form, TextForm::WebText);
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "关于印发《海口市人民政府工作规则》的通知");
    assert_eq!(doc.doc_number.as_deref(), Some("海府〔2011〕33号"));
    // 二○一一年四月八日, right-aligned under the notice.
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2011, 4, 8));
    assert_eq!(doc.doc_type.as_deref(), Some("通知"));
    assert_eq!(doc.recipients, ["各区人民政府", "市政府直属各单位"]);
    assert_eq!(chrome(&issue), ["【字体:"]);
    let meta = doc.published_meta.as_ref().expect("metadata line");
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2011, 6, 18));
    assert_eq!(meta.other[0].label, "来源");
    assert_eq!(meta.other[0].value, "本站原创");
    assert!(doc.blocks.iter().all(|b| !b.text.contains("本站原创")));
}

#[test]
fn zhenba_a_metadata_block_of_labels_each_over_its_value() {
    let (_, issue) = parse("zhenba-2024-7.txt");
    assert_eq!(issue.form, TextForm::WebText);
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "镇巴县人民政府工作规则");
    // Printed only in the block: • 发文字号: / 镇政发〔2024〕7号.
    assert_eq!(doc.doc_number.as_deref(), Some("镇政发〔2024〕7号"));
    assert_eq!(chrome(&issue), ["返回顶部"]);
    let meta = doc.published_meta.as_ref().expect("metadata block");
    assert_eq!(meta.index_number.as_deref(), Some("6107280000/2024-001005"));
    assert_eq!(meta.issuer.as_deref(), Some("县政府网站"));
    assert_eq!(meta.doc_number.as_deref(), Some("镇政发〔2024〕7号"));
    // 发文日期: 2024年04月06日 16:40; 发布日期: 2024年04月06日 16:34.
    assert_eq!(meta.written, NaiveDate::from_ymd_opt(2024, 4, 6));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2024, 4, 6));
    assert_eq!(meta.topic, None);
    assert_eq!(meta.validity, None);
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2024, 4, 6));
    // The first heading of the body is 第一章总则.
    let headings: Vec<&str> = doc.sections.iter().map(|s| s.marker.as_str()).collect();
    assert_eq!(headings.first(), Some(&"第一章"));
}

#[test]
fn gazette_text_is_not_web_text() {
    let text = crate::common::sample_text();
    assert_eq!(gazette_parse::parse_text(&text).form, TextForm::Printed);
    for (name, text) in crate::common::govcn_texts() {
        assert_eq!(
            gazette_parse::parse_text(&text).form,
            TextForm::Printed,
            "{name}"
        );
    }
}

/// A page copied by hand from a browser: breadcrumbs, the metadata block
/// with bullets and two fields on a line, the document, share links and the
/// footer.
const COPIED: &str = "首页 > 政务公开 > 政策文件
索引号：11370200MB1234567X/2023-00012
• 发文字号：青政办发〔2023〕5号
发布日期：2023-03-21 访问次数：123
来源：青岛市人民政府办公厅
【字体：大 中 小】 打印 关闭窗口
青岛市人民政府办公厅关于印发青岛市促进消费若干措施的通知
青政办发〔2023〕5号
各区、市人民政府，市政府各部门，市直各单位：
《青岛市促进消费若干措施》已经市政府同意，现印发给你们，请认真组织实施。
青岛市人民政府办公厅
2023年3月20日
（此件公开发布）
分享到：
扫一扫在手机打开当前页
返回顶部
主办单位：青岛市人民政府办公厅 承办单位：青岛市大数据发展管理局
网站标识码：3702000001 鲁ICP备05002386号
";

#[test]
fn a_copied_page_keeps_its_remnants_out_of_every_field() {
    let issue = gazette_parse::parse_text(COPIED);
    check(COPIED, &issue).expect("nothing lost");
    assert_eq!(issue.form, TextForm::WebText);
    let [doc] = issue.documents.as_slice() else {
        panic!("one document, got {}", issue.documents.len());
    };
    assert_eq!(
        doc.title,
        "青岛市人民政府办公厅关于印发青岛市促进消费若干措施的通知"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("青政办发〔2023〕5号"));
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 3, 20));
    assert_eq!(doc.issuer, ["青岛市人民政府办公厅"]);
    assert_eq!(
        doc.recipients,
        ["各区、市人民政府", "市政府各部门", "市直各单位"]
    );
    let first = doc
        .blocks
        .iter()
        .find(|b| b.kind == gazette_model::BlockKind::Paragraph)
        .expect("a paragraph");
    assert!(first.text.starts_with("《青岛市促进消费若干措施》"));
    for block in &doc.blocks {
        for remnant in ["分享到", "返回顶部", "扫一扫", "ICP", "字体", "访问次数"] {
            assert!(!block.text.contains(remnant), "{}", block.text);
        }
    }
    assert_eq!(chrome(&issue).len(), 7, "{:?}", chrome(&issue));
    let meta = doc.published_meta.as_ref().expect("metadata block");
    assert_eq!(
        meta.index_number.as_deref(),
        Some("11370200MB1234567X/2023-00012")
    );
    assert_eq!(meta.doc_number.as_deref(), Some("青政办发〔2023〕5号"));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2023, 3, 21));
    let other: Vec<(&str, &str)> = meta
        .other
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        other,
        [("访问次数", "123"), ("来源", "青岛市人民政府办公厅")]
    );
}

#[test]
fn a_web_page_in_traditional_characters_gives_the_same_fields_as_printed() {
    let s2t = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
        .expect("OpenCC s2t");
    let text = s2t.convert(COPIED);
    let issue = gazette_parse::parse_text(&text);
    check(&text, &issue).expect("nothing lost");
    assert_eq!(issue.form, TextForm::WebText);
    assert!(issue.traditional);
    let doc = &issue.documents[0];
    assert_eq!(
        doc.title,
        "青島市人民政府辦公廳關於印發青島市促進消費若干措施的通知"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("青政办发〔2023〕5号"));
    assert_eq!(doc.issuer, ["青島市人民政府辦公廳"]);
    assert_eq!(chrome(&issue).len(), 7);
    let meta = doc.published_meta.as_ref().expect("metadata block");
    // Values as printed: 發文字號：青政辦發〔2023〕5號.
    assert_eq!(meta.doc_number.as_deref(), Some("青政辦發〔2023〕5號"));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2023, 3, 21));
    assert_eq!(
        meta.index_number.as_deref(),
        Some("11370200MB1234567X/2023-00012")
    );
}

#[test]
fn a_table_copied_one_cell_per_line_is_rebuilt_in_web_text() {
    let text = "首页 > 政务公开 > 通知公告
发布日期：2023-05-08
青岛市财政局关于下达2023年专项资金的通知
青财教〔2023〕12号
各区、市财政局：
现将2023年专项资金下达给你们，具体金额如下：
序号
单位
金额（万元）
1
市南区
120
2
市北区
95
3
李沧区
60
请按规定使用。
青岛市财政局
2023年5月6日
返回顶部
";
    let issue = gazette_parse::parse_text(text);
    check(text, &issue).expect("nothing lost");
    assert_eq!(issue.form, TextForm::WebText);
    let doc = &issue.documents[0];
    assert_eq!(doc.doc_number.as_deref(), Some("青财教〔2023〕12号"));
    let [table] = doc.tables.as_slice() else {
        panic!("one table, got {}", doc.tables.len());
    };
    assert_eq!(table.columns, ["序号", "单位", "金额（万元）"]);
    let cells: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        cells,
        [
            ["1", "市南区", "120"],
            ["2", "市北区", "95"],
            ["3", "李沧区", "60"]
        ]
    );
    assert!(doc.blocks.iter().any(|b| b.text == "请按规定使用。"));
}
