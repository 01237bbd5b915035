//! Real government PDFs (see tests/fixtures/pdf/SOURCES.md). The expected
//! titles, numbers and dates were read by hand from the PDFs (pdftotext
//! output and the page images), not taken from the parser.

use gazette_model::{Document, NaiveDate};
use gazette_pdf::PageSource;

use crate::common::{extract, poppler, real, real_dir, tesseract};

fn parse(name: &str) -> Option<(gazette_pdf::ExtractedPdf, gazette_model::Issue)> {
    if !poppler() {
        return None;
    }
    let bytes = real(name)?;
    let pdf = extract(&bytes);
    let issue = gazette_parse::parse_text(&pdf.text());
    Some((pdf, issue))
}

fn only_document(issue: &gazette_model::Issue) -> &Document {
    assert_eq!(issue.documents.len(), 1, "one 公文");
    &issue.documents[0]
}

/// Every file, OCR left out to keep the sweep fast (the OCR tests below
/// read the scanned pages): pages without text are empty with a warning.
#[test]
fn every_real_pdf_extracts_and_parses_without_a_crash() {
    if !poppler() {
        return;
    }
    if real_dir().ends_with("tests/fixtures/pdf") {
        eprintln!("note: ../shared/corpus/pdf is absent (or GAZETTE_PDF_CORPUS unset): only the fixtures' cuts are swept");
    }
    let mut seen = 0;
    for entry in std::fs::read_dir(real_dir()).expect("the real PDFs") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let options = gazette_pdf::ExtractOptions {
            ocr: false,
            ..gazette_pdf::ExtractOptions::default()
        };
        let pdf = gazette_pdf::extract(&bytes, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for page in pdf.pages.iter().filter(|p| p.source == PageSource::Empty) {
            assert!(page
                .warning
                .as_deref()
                .is_some_and(|w| w.contains("OCR is needed")));
        }
        let text = pdf.text();
        assert_eq!(text.matches('\u{c}').count(), pdf.pages.len());
        let issue = gazette_parse::parse_text(&text);
        let lost = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let kept: usize = issue
            .front_matter
            .iter()
            .chain(issue.documents.iter().flat_map(|d| &d.blocks))
            .flat_map(|b| &b.pieces)
            .map(|p| lost(p.of(&text)))
            .sum::<usize>()
            + issue.artifacts.iter().map(|a| lost(&a.text)).sum::<usize>();
        assert_eq!(kept, lost(&text), "{}: nothing lost", path.display());
        seen += 1;
    }
    assert!(seen >= 4, "the real PDFs are there");
}

#[test]
fn the_state_council_notice_gives_its_title_number_and_date() {
    let Some((pdf, issue)) = parse("gbf-2021-43-web.pdf") else {
        return;
    };
    assert!(pdf.pages.iter().all(|p| p.source == PageSource::Text));
    let doc = only_document(&issue);
    assert_eq!(
        doc.title,
        "国务院办公厅关于印发“十四五”文物保护和科技创新规划的通知"
    );
    // Printed “国办发〔2021〕43 号” and “2021 年 10 月 28 日”.
    assert_eq!(doc.doc_number.as_deref(), Some("国办发〔2021〕43号"));
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2021, 10, 28));
    assert_eq!(doc.issuer, ["国务院办公厅"]);
    assert_eq!(doc.pages.map(|p| p.first), Some(1));
}

#[test]
fn a_regulation_without_a_header_is_known_by_the_title_it_opens_with() {
    let Some((pdf, issue)) = parse("csrc-2020-17-att.pdf") else {
        return;
    };
    assert_eq!(pdf.pages.len(), 3);
    // Printed “上市公司创业投资基金股东减持股份的特别规定” / “（2020 年修订）”
    // / “第一条”: no 发文字号, no date of its own (“自…起施行” is not one).
    let doc = only_document(&issue);
    assert_eq!(
        doc.title,
        "上市公司创业投资基金股东减持股份的特别规定（2020年修订）"
    );
    assert_eq!((doc.doc_number.as_deref(), doc.date), (None, None));
    assert_eq!(doc.doc_type.as_deref(), Some("规定"));
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts[1], "（2020年修订）",
        "its space dropped in derived text"
    );
    assert_eq!(texts[2], "第一条");
    assert!(issue.front_matter.is_empty());
}

#[test]
fn an_attachment_published_alone_is_a_document_titled_under_its_label() {
    for (name, label, title) in [
        // Page 1: “附件 2” / “蔬菜别名及常用商品名称对照表” / “类别”.
        ("jtb-lscp-att2.pdf", "附件2", "蔬菜别名及常用商品名称对照表"),
        // Page 1 (printed “— 8 —”): “附件 1” / “江西省投资项目 “容缺审批 + 承诺制 ”办理模式事项清单”.
        (
            "jiangxi-rqsp-att1.pdf",
            "附件1",
            "江西省投资项目“容缺审批+承诺制”办理模式事项清单",
        ),
    ] {
        let Some((_, issue)) = parse(name) else {
            return;
        };
        let doc = only_document(&issue);
        assert_eq!(doc.title, title, "{name}");
        assert_eq!(doc.blocks[0].text, label, "{name}");
        assert_eq!(doc.doc_number, None, "{name}");
        assert_eq!(doc.date, None, "{name}");
        assert!(
            doc.issuer.is_empty(),
            "{name}: a title names no issuer here"
        );
        assert!(issue.front_matter.is_empty(), "{name}");
    }
}

#[test]
fn the_scanned_nanning_letter_is_read_through_ocr() {
    let Some((pdf, issue)) = parse("nanning-zjh-2025-671.pdf") else {
        return;
    };
    // Pages 1–2 are scans turned by /Rotate 270; page 3 has a text layer.
    assert_eq!(pdf.pages[2].source, PageSource::Text);
    assert!(pdf.pages[2]
        .text
        .starts_with("南住建函〔2025〕671 号附件 1"));
    if !tesseract() {
        for page in &pdf.pages[..2] {
            assert_eq!(page.source, PageSource::Empty);
            let warning = page.warning.as_deref().unwrap_or_default();
            assert!(warning.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"));
        }
        return;
    }
    for page in &pdf.pages[..2] {
        assert!(matches!(page.source, PageSource::Ocr { confidence } if confidence > 60.0));
    }
    let doc = issue.documents.first().expect("the letter");
    // The scan prints 南住建函〔2025〕671号 under the masthead.
    assert_eq!(doc.doc_number.as_deref(), Some("南住建函〔2025〕671号"));
    assert_eq!(doc.pages.map(|p| p.first), Some(1));
}

#[test]
fn the_scanned_hubei_notice_is_read_through_ocr() {
    let Some((pdf, issue)) = parse("hubei-wlbf-2021-38.pdf") else {
        return;
    };
    // Page 2 is the plan's cover, with a text layer.
    assert!(pdf.pages[1].text.starts_with("湖北省文物事业发展"));
    if !tesseract() {
        assert_eq!(pdf.pages[0].source, PageSource::Empty);
        assert!(pdf.pages[0].warning.is_some());
        return;
    }
    assert!(matches!(pdf.pages[0].source, PageSource::Ocr { .. }));
    // The scan prints 鄂文旅办发〔2021]38号 (mixed brackets): the derived
    // number is normalised. Tesseract 5 (chi_sim) reads 鄂 as 哪; the
    // parser corrects it from the province the document names (湖北省),
    // with a repair.
    let doc = issue.documents.first().expect("the notice");
    assert_eq!(doc.doc_number.as_deref(), Some("鄂文旅办发〔2021〕38号"));
    assert_eq!(doc.pages.map(|p| p.first), Some(1));
}

#[test]
fn the_standard_gbt_9704_is_one_document_known_by_its_cover() {
    let Some((pdf, issue)) = parse("gbt-9704-2012.pdf") else {
        return;
    };
    assert_eq!(pdf.pages.len(), 22);
    // Its cover: “GB/T 9704—2012” / “代替 GB/T 9704—1999” / “党政机关公文格式”
    // / “Layout key for …” / “2012-06-29 发布” / “2012-07-01 实施”, and on
    // page 2 “中华人民共和国国家质量监督检验检疫总局” / “中 国 国 家 标 准 化
    // 管 理 委 员 会” / “发 布”. The sample 公文 of pages 12–22 are images:
    // their 版头 and 发文字号 start no document.
    let doc = only_document(&issue);
    assert_eq!(doc.title, "党政机关公文格式");
    assert_eq!(doc.doc_number.as_deref(), Some("GB/T 9704—2012"));
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2012, 6, 29));
    assert_eq!(
        doc.issuer,
        [
            "中华人民共和国国家质量监督检验检疫总局",
            "中国国家标准化管理委员会"
        ]
    );
    assert_eq!(doc.doc_type.as_deref(), Some("标准"));
    // 前言, then the clauses 1 范围 … 11 式样.
    assert_eq!(doc.sections.len(), 12);
    assert!(issue.front_matter.is_empty());
}
