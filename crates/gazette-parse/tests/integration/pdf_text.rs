//! Text that `gazette-pdf` extracted from real government PDFs (pages ended
//! by form feeds; see tests/fixtures/pdf/SOURCES.md, “Extracted text”).
//! Each expected value was read by hand in the fixture (and the PDF), at
//! the line quoted beside it.

use gazette_model::{ArtifactKind, BlockKind, Document, Issue, NaiveDate, NumberKind, RepairKind};

use crate::common::fixtures;

fn parse(name: &str) -> Issue {
    let path = fixtures().join("pdf/text").join(name);
    let text = std::fs::read_to_string(&path).expect("extracted text fixture");
    gazette_parse::parse_text(&text)
}

fn only(issue: &Issue) -> &Document {
    assert_eq!(issue.documents.len(), 1, "one document");
    &issue.documents[0]
}

#[test]
fn an_announcement_numbered_by_congress_term_promulgates_its_regulation() {
    let issue = parse("guangxi-rdgg-14-3.p1-2.txt");
    let doc = only(&issue);
    // Page 1: “广西壮族自治区人大常委会” / “公” / “告” / “( 十四届第 3 号)”.
    assert_eq!(doc.blocks[0].kind, BlockKind::Title);
    assert_eq!(doc.blocks[0].text, "广西壮族自治区人大常委会公告");
    assert_eq!(doc.doc_number.as_deref(), Some("十四届第3号"));
    // “广西壮族自治区人民代表大会常务委员会” / “2023 年 3 月 28 日”.
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2023, 3, 28));
    assert_eq!(doc.issuer, ["广西壮族自治区人民代表大会常务委员会"]);
    // “《 广西壮族自治区燃气管理条例》 已由…修订通过, 现予公布”; page 2
    // opens with the regulation's title. As for a 国务院令, the document is
    // known by the title of what it promulgates.
    assert_eq!(
        doc.promulgated_title.as_deref(),
        Some("广西壮族自治区燃气管理条例")
    );
    assert_eq!(doc.title, "广西壮族自治区燃气管理条例");
}

#[test]
fn a_web_page_printed_to_pdf_is_read_from_its_metadata_table() {
    let issue = parse("nanning-nfgg-2025-4-web.txt");
    let doc = only(&issue);
    // “标 题： 南宁市发展和改革委员会关于南宁市市区管道燃气价格联动有关事项的通知”,
    // printed again under the table.
    assert_eq!(
        doc.title,
        "南宁市发展和改革委员会关于南宁市市区管道燃气价格联动有关事项的通知"
    );
    // “发文字号： 南发改规〔 2025 〕 4 号”
    assert_eq!(doc.doc_number.as_deref(), Some("南发改规〔2025〕4号"));
    // “发布日期： 2025 年 10 月 11 日” (the signature's “年 10 月 11 日” /
    // “2025” is split by the browser's layout).
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2025, 10, 11));
    // “发文机关： 南宁市发展和改革委员会”
    assert_eq!(doc.issuer, ["南宁市发展和改革委员会"]);
    assert_eq!(doc.doc_type.as_deref(), Some("通知"));
    // The site's navigation stays before the document.
    assert!(issue.front_matter[0].text.starts_with("无障碍浏览"));
    assert!(doc.blocks[0].text.starts_with("发文机关："));
}

#[test]
fn attachments_published_without_their_notice_are_documents_of_their_own() {
    let issue = parse("fujian-mjbg-2026-1-att.p1-2,10-11.txt");
    let titles: Vec<&str> = issue.documents.iter().map(|d| d.title.as_str()).collect();
    // “附件 1” / “人工智能通识课程建设指南”; “附件 2” / “- 10 -” /
    // “““人工智能+”专业类课程建设指南”.
    assert_eq!(
        titles,
        ["人工智能通识课程建设指南", "“人工智能+”专业类课程建设指南"]
    );
    for doc in &issue.documents {
        assert_eq!(doc.blocks[0].kind, BlockKind::AttachmentLabel);
        assert_eq!(doc.doc_number, None);
        assert_eq!(doc.date, None);
        assert!(doc.issuer.is_empty(), "a title names no issuer here");
        assert!(doc.recipients.is_empty());
    }
    assert!(issue.front_matter.is_empty());
    assert!(issue.warnings.is_empty());
}

#[test]
fn ocr_misreading_the_province_of_a_number_is_corrected_and_recorded() {
    // Tesseract 5 (chi_sim, 300 dpi) on the scanned first page of
    // 鄂文旅办发〔2021〕38号: “哪文旅办发[2021] 38 号”.
    let issue = parse("hubei-wlbf-2021-38.p1-ocr.txt");
    let doc = only(&issue);
    assert_eq!(doc.doc_number.as_deref(), Some("鄂文旅办发〔2021〕38号"));
    let number = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::DocNumber)
        .expect("the number block");
    assert!(number.text.starts_with("哪文旅办发"), "printed as read");
    let repair = doc
        .repairs
        .iter()
        .find(|r| r.kind == RepairKind::CorrectProvinceCode)
        .expect("the correction is recorded");
    assert_eq!(repair.line, number.line);
    assert!(repair.original.starts_with("哪文旅办发"));
    // The title under the number (GB/T 9704 layout), not the 版头 above it;
    // OCR dropped 事 and added a comma: “省文化和旅游厅关于印发《湖北省文物”
    // / “业发展“十四五”规划，》 的通知”.
    assert!(doc.title.starts_with("省文化和旅游厅关于印发《湖北省文物"));
    assert!(doc.title.ends_with("的通知"));
    assert_eq!(doc.issuer, ["省文化和旅游厅"]);
    // “各市、州、直管市及神农架林区文化和旅游局 (文物局 )” / “厅直各文博单位、厅机关各相关处室:”
    assert!(doc.recipients[0].starts_with("各市、州、直管市及神农架林区"));
}

#[test]
fn a_letter_read_through_ocr_keeps_its_number_and_finds_its_numbered_attachment_labels() {
    // Pages 1–2 through Tesseract, page 3 from the text layer.
    let issue = parse("nanning-zjh-2025-671.p1-3-ocr.txt");
    let doc = only(&issue);
    // “南住建函【[2025] 671 号” under the 版头 “南宁市住房和城乡建设局”.
    assert_eq!(doc.doc_number.as_deref(), Some("南住建函〔2025〕671号"));
    assert!(
        !doc.repairs
            .iter()
            .any(|r| r.kind == RepairKind::CorrectProvinceCode),
        "a city's code is left alone"
    );
    // “南宁市住房和城乡建设局” / “关于征求《南宁市燃气管理条例 (修订草” …
    assert!(doc
        .title
        .starts_with("南宁市住房和城乡建设局关于征求《南宁市燃气管理条例"));
    assert_eq!(doc.issuer, ["南宁市住房和城乡建设局"]);
    // Page 3: “南住建函〔2025〕671 号附件 1” / “南宁市城镇燃气管理条例（修订草案）”.
    let first = &doc.attachments[0];
    assert_eq!(first.number, 1);
    assert!(first.labelled);
    let label = &doc.blocks[first.block.expect("printed")];
    assert_eq!(label.kind, BlockKind::AttachmentLabel);
    assert!(first.title.starts_with("南宁市城镇燃气管理条例"));
}

#[test]
fn a_standard_is_one_document_known_by_its_cover() {
    // The whole text of GB/T 9704—2012: a cover, a table of contents (目次),
    // the clauses 1–11, then eleven pages of figures that print only their
    // page numbers (the sample 公文 pages are images).
    let issue = parse("gbt-9704-2012.txt");
    let doc = only(&issue);
    assert!(issue.front_matter.is_empty());
    // Lines 5–9: “GB/T 9704—2012” / “代替 GB/T 9704—1999” / “党政机关公文格式”
    // / “Layout key for official document of Party and government organs”
    // / “2012-06-29 发布”.
    assert_eq!(doc.title, "党政机关公文格式");
    assert_eq!(doc.doc_number.as_deref(), Some("GB/T 9704—2012"));
    let number = doc.doc_number_parts.as_ref().expect("parts");
    assert_eq!(number.kind, NumberKind::Standard);
    assert_eq!(
        (number.code.as_str(), number.serial, number.year),
        ("GB/T", 9704, Some(2012))
    );
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2012, 6, 29));
    assert_eq!(doc.doc_type.as_deref(), Some("标准"));
    // The English title stays a block of its own, apart from the title.
    assert!(doc.blocks.iter().any(|b| b.kind == BlockKind::Paragraph
        && b.text == "Layout key for official document of Party and government organs"));
    // Line 10: “2012-07-01 实施”, a date line of the cover too.
    let dates: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::DateLine)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(dates, ["2012-06-29发布", "2012-07-01实施"]);
    // Page 2 opens with the issuers over “发 布”, letter-spaced as printed:
    // “中华人民共和国国家质量监督检验检疫总局” / “中 国 国 家 标 准 化 管 理 委 员 会”.
    assert_eq!(
        doc.issuer,
        [
            "中华人民共和国国家质量监督检验检疫总局",
            "中国国家标准化管理委员会"
        ]
    );
    // “前 言” (line 72), then the clauses “1 范围” … “11 式样” (lines
    // 99–321); the table of contents lists them too but gives no sections.
    let top: Vec<(&str, &str)> = doc
        .sections
        .iter()
        .map(|s| (s.marker.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(top.len(), 12);
    assert_eq!(top[0], ("", "前言"));
    assert_eq!(top[1], ("1", "范围"));
    assert_eq!(top[7], ("7", "公文格式各要素编排规则"));
    assert_eq!(top[11], ("11", "式样"));
    // 7.1–7.5; 7.3.1–7.3.7 (“7. 3.4 附件说明” printed with a space); 7.3.5.1–5.
    let seven = &doc.sections[7];
    assert_eq!(seven.children.len(), 5);
    let body = &seven.children[2];
    assert_eq!((body.marker.as_str(), body.title.as_str()), ("7.3", "主体"));
    assert_eq!(body.children.len(), 7);
    assert_eq!(body.children[3].title, "附件说明");
    assert_eq!(body.children[4].children.len(), 5);
    assert_eq!(body.children[4].children[0].title, "加盖印章的公文");
    // 3.1 and 3.2 are terms whose names are on the next line: “3. 1” / “字 word”.
    assert_eq!(doc.sections[3].children.len(), 2);
    // The running header “GB/T 9704—2012” is taken out of the pages that
    // have text; the figure pages print only “–– - 12 - ––” and so on.
    let running = issue
        .artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::RunningHeader)
        .count();
    assert!(running >= 6, "{running}");
    // The text about 发文字号 (7.2.5) starts no document of its own.
    assert!(doc.warnings.is_empty());
}
