//! Documents whose kind (文种) or title is printed in an unusual way: a
//! kind named only by the body, with its evidence; a headline without a
//! kind; a 主送 line first; a page's metadata flattened into `|` cells.
//! The texts are short made-up documents in the forms of real pages.

use gazette_model::{InferredField, NaiveDate};
use gazette_parse::parse_text;

#[test]
fn a_kind_named_by_the_body_is_inferred_with_its_evidence() {
    let text = "为保障人民群众生命财产安全，特发布如下禁火令：\n\
                一、禁火时间：2016年3月20日至4月18日。\n\
                二、违反本禁火令者，将严格按照有关法律法规处理。\n\
                海丰县人民政府\n2016年3月7日\n";
    let issue = parse_text(text);
    let doc = &issue.documents[0];
    assert_eq!(doc.doc_type.as_deref(), Some("令"));
    let inference = &doc.inferred[0];
    assert_eq!(inference.field, InferredField::DocType);
    assert_eq!(inference.value, "令");
    assert_eq!(inference.evidence, "特发布如下禁火令");
    assert_eq!(inference.span.of(text), "特发布如下禁火令");
    assert_eq!(inference.line, 1);
}

#[test]
fn a_kind_in_the_title_needs_no_evidence() {
    let text = "某县人民政府关于禁止燃放烟花爆竹的通告\n某府通〔2019〕2号\n\
                现将有关事项通告如下：\n一、严禁燃放。\n某县人民政府\n2019年1月21日\n";
    let doc = &parse_text(text).documents[0];
    assert_eq!(doc.doc_type.as_deref(), Some("通告"));
    assert!(doc.inferred.is_empty());
}

#[test]
fn the_evidence_of_a_traditional_text_is_given_as_printed() {
    let text = "各鄉鎮人民政府，縣人民政府各工作部門：\n\
                經縣人民政府研究，決定對2008年度民政工作完成得較好的單位進行通報表彰。\n\
                希望受表彰的單位再接再厲。\n習水縣人民政府辦公室\n二○○九年三月二十日\n";
    let issue = parse_text(text);
    assert!(issue.traditional);
    let doc = &issue.documents[0];
    assert_eq!(doc.doc_type.as_deref(), Some("通报"));
    assert_eq!(doc.recipients, ["各鄉鎮人民政府", "縣人民政府各工作部門"]);
    assert_eq!(
        doc.inferred[0].evidence,
        "決定對2008年度民政工作完成得較好的單位進行通報表彰"
    );
}

#[test]
fn a_reply_to_a_request_printed_after_a_news_lead_is_a_pifu_with_its_addressee() {
    let text = "撤镇设街!某区某镇行政区划获批调整!\n\n\
                近日，省人民政府发布了关于某镇行政区划调整的批复。\n\n\
                具体内容如下:\n\n福州市人民政府:\n\n\
                你市《关于某镇撤镇设街道的请示》(榕政综〔2020〕264号)收悉。经研究，同意。\n\n\
                福建省人民政府\n\n2021年4月9日\n";
    let doc = &parse_text(text).documents[0];
    assert_eq!(doc.title, "");
    assert_eq!(doc.doc_type.as_deref(), Some("批复"));
    assert_eq!(doc.recipients, ["福州市人民政府"]);
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2021, 4, 9));
}

#[test]
fn a_text_that_opens_with_its_addressee_has_no_title() {
    let text = "市人大常委会:\n\
                根据有关规定，市人大常委会主任会议提议补选代表2名，请审议决定。\n\
                昭通市人大常委会主任会议\n2007年1月7日\n";
    let doc = &parse_text(text).documents[0];
    assert_eq!(doc.title, "");
    assert_eq!(doc.recipients, ["市人大常委会"]);
    assert_eq!(doc.doc_type, None);
}

#[test]
fn a_pages_headline_without_a_kind_is_its_title() {
    let text = "当前位置: 首页 > 新闻中心 >通知公告 >\n\n\
                荆州市纪委“七个严禁”严明清明节期间纪律要求\n\n\
                2021年清明节即将来临。为进一步严明节日期间纪律，现就有关纪律要求作出如下规定:\n\n\
                一、严禁组织或参与群体性聚集活动;\n\n\
                二、严禁在祭扫中讲排场、比阔气、奢侈浪费。\n\n\
                打印  |  收藏  |  关闭  |  我要纠错\n";
    let issue = parse_text(text);
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "荆州市纪委“七个严禁”严明清明节期间纪律要求");
    assert_eq!(doc.issuer, ["荆州市纪委"]);
    assert_eq!(
        doc.doc_type, None,
        "作出如下规定 names no kind of the document"
    );
    assert!(doc.inferred.is_empty());
}

#[test]
fn a_metadata_table_flattened_into_cells_gives_the_title() {
    let text = "发文机构 | 国家文物局 | 信息分类 | 通知公告 |\n\
                标题 | 国家文物局关于设立审核管理处的公告 | ||\n\
                发文字号 | |||\n\
                成文日期 | 2025-08-13 19:36:49 | 发布日期 | 2025-08-29 19:36:53 |\n\
                为进一步提升文物进出境审核管理与服务水平，国家文物局指定审核机构。\n\
                国家文物局\n2025年8月13日\n";
    let issue = parse_text(text);
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "国家文物局关于设立审核管理处的公告");
    assert_eq!(doc.doc_type.as_deref(), Some("公告"));
    assert_eq!(doc.doc_number, None);
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2025, 8, 13));
    let meta = doc.published_meta.as_ref().expect("the metadata");
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2025, 8, 29));
    assert_eq!(meta.topic.as_deref(), Some("通知公告"));
}

#[test]
fn a_register_number_is_no_doc_number() {
    let text = "永兴县人民政府森林防火禁火令\n\n\
                索引号:698598533/2012-1370466 文号: 统一登记号:YXDR-2012-00006\n\
                所属主题:综合政务 发文日期:2012-09-20 公开责任部门:县政府法制办\n\n\
                YXDR-2012-00006\n\n永兴县人民政府\n\n森林防火禁火令\n\n\
                为有效防范森林火灾，特发布如下禁火令：\n\n一、严禁炼山。\n\n\
                二○一二年九月二十日\n\n扫一扫在手机打开当前页\n";
    let doc = &parse_text(text).documents[0];
    assert_eq!(doc.title, "永兴县人民政府森林防火禁火令");
    assert_eq!(doc.doc_number, None);
    assert_eq!(doc.issuer, ["永兴县人民政府"]);
    assert_eq!(doc.doc_type.as_deref(), Some("令"));
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2012, 9, 20));
}
