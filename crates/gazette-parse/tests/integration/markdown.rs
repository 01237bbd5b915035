//! Markdown: the 49 State Council documents rendered as Markdown
//! mechanically (the title as `# …`, every other line its own paragraph,
//! tab-separated rows as `| … |` tables) give the same fields as the text
//! as published; a hand-written Markdown document with a front matter gives
//! its fields and its published meta.

use gazette_model::{DocNumber, MetaSource, NaiveDate, RepairKind, TextForm};

use crate::common::{fields, govcn_texts};
use crate::nothing_lost::check;

/// `text` as a Markdown writer would put it: the lines down to the first
/// 发文字号 standing alone (or the first line) joined as the `# ` title,
/// every other line a paragraph of its own, tab rows a pipe table.
fn render_markdown(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let number_line = lines
        .iter()
        .position(|l| DocNumber::parse(l).is_some() && l.chars().count() < 30);
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let title_end = match number_line {
        Some(n) if n > first => n,
        _ => first + 1,
    };
    let mut out = format!("# {}\n\n", lines[first..title_end].concat());
    let mut in_table = false;
    for raw in text.lines().skip(title_end) {
        let line = raw.trim();
        let cells: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if cells.len() > 1 && cells.iter().any(|c| !c.is_empty()) {
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if !in_table {
                out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
            }
            in_table = true;
            continue;
        }
        if in_table {
            out.push('\n');
            in_table = false;
        }
        if !line.is_empty() {
            out.push_str(line);
            out.push_str("\n\n");
        }
    }
    out
}

#[test]
fn the_state_council_documents_as_markdown_give_the_same_fields() {
    let texts = govcn_texts();
    assert_eq!(texts.len(), 49);
    let mut failures = Vec::new();
    for (name, text) in &texts {
        let markdown = render_markdown(text);
        let plain = gazette_parse::parse_text(text);
        let issue = gazette_parse::parse_text(&markdown);
        check(&markdown, &issue).unwrap_or_else(|e| panic!("{name}: {e}"));
        if issue.form != TextForm::Markdown {
            failures.push(format!("{name}: not recognised as Markdown"));
            continue;
        }
        if plain.documents.len() != issue.documents.len() {
            failures.push(format!(
                "{name}: {} documents, Markdown {}",
                plain.documents.len(),
                issue.documents.len()
            ));
            continue;
        }
        for (p, m) in plain.documents.iter().zip(&issue.documents) {
            let (want, got) = (fields(p, str::to_owned), fields(m, str::to_owned));
            if want != got {
                failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
            }
        }
    }
    // An attachment's title ends where the attachment list's title for it
    // does (the table under it, one cell per line, stays out of it).
    assert!(
        failures.is_empty(),
        "{} of 49 differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A policy document as a site generator would keep it: front matter,
/// a note before the title, headings, bold, a list and a table.
const HAND_WRITTEN: &str = "---
标题: 青岛市人民政府办公厅关于做好2019年春季农业生产工作的通知
文号: 青政办字〔2019〕12号
发布单位: 青岛市人民政府办公厅
成文日期: 2019-03-01
发布日期: 2019年3月5日
索引号: 00300-04-2019-0012
主题分类: 农业、林业、水利
主题词:
  - 农业
  - 春耕
---

> 本文件已于2019年3月5日公开发布。

# 青岛市人民政府办公厅关于做好2019年春季农业生产工作的通知

青政办字〔2019〕12号

各区、市人民政府，市政府各部门，市直各单位：

为做好今年春季农业生产工作，经市政府同意，现将有关事项通知如下：

## 一、**抓好粮食生产**

- 稳定粮食播种面积。

- 推广优良品种。

## 二、加强农资供应

| 序号 | 品种 | 数量（吨） |
|---|---|---|
| 1 | 化肥 | 1200 |
| 2 | 农药 | 80 |

青岛市人民政府办公厅

2019年3月1日
";

#[test]
fn a_hand_written_markdown_document_gives_its_fields_and_its_front_matter() {
    let issue = gazette_parse::parse_text(HAND_WRITTEN);
    assert_eq!(issue.form, TextForm::Markdown);
    check(HAND_WRITTEN, &issue).expect("nothing lost");
    let [doc] = issue.documents.as_slice() else {
        panic!("one document, got {}", issue.documents.len());
    };
    assert_eq!(
        doc.title,
        "青岛市人民政府办公厅关于做好2019年春季农业生产工作的通知"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("青政办字〔2019〕12号"));
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2019, 3, 1));
    assert_eq!(doc.doc_type.as_deref(), Some("通知"));
    assert_eq!(doc.issuer, ["青岛市人民政府办公厅"]);
    assert_eq!(
        doc.recipients,
        ["各区、市人民政府", "市政府各部门", "市直各单位"]
    );
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["抓好粮食生产", "加强农资供应"]);
    let [table] = doc.tables.as_slice() else {
        panic!("one table, got {}", doc.tables.len());
    };
    assert_eq!(table.columns, ["序号", "品种", "数量（吨）"]);
    let cells: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(cells, [["1", "化肥", "1200"], ["2", "农药", "80"]]);
    assert!(doc.blocks.iter().any(|b| b.text == "稳定粮食播种面积。"));
    assert!(doc.blocks.iter().all(|b| !b.text.contains(['#', '|', '*'])));
    assert!(doc
        .repairs
        .iter()
        .any(|r| r.kind == RepairKind::StripMarkup));

    let meta = doc.published_meta.as_ref().expect("front matter read");
    assert_eq!(meta.source, MetaSource::FrontMatter);
    assert_eq!(meta.doc_number.as_deref(), Some("青政办字〔2019〕12号"));
    assert_eq!(meta.issuer.as_deref(), Some("青岛市人民政府办公厅"));
    assert_eq!(meta.written, NaiveDate::from_ymd_opt(2019, 3, 1));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2019, 3, 5));
    assert_eq!(meta.index_number.as_deref(), Some("00300-04-2019-0012"));
    assert_eq!(meta.topic.as_deref(), Some("农业、林业、水利"));
    assert_eq!(meta.keywords, ["农业", "春耕"]);
    assert!(doc.warnings.iter().all(|w| w.code != "meta_disagrees"));

    // The front matter is kept whole, as printed, before the document.
    let front = &issue.front_matter[0];
    assert!(front.text.starts_with("---\n标题:"));
    assert!(front.text.trim_end().ends_with("---"));
}

#[test]
fn front_matter_fills_what_the_text_does_not_print_and_warns_where_it_disagrees() {
    let text = "---\ntitle: 国务院关于推行监管的意见\n文号: 国发〔2019〕6号\n---\n\n# 国务院关于推行监管的意见\n\n国发〔2019〕5号\n\n各省人民政府：\n\n现提出如下意见。\n";
    let issue = gazette_parse::parse_text(text);
    let doc = &issue.documents[0];
    assert_eq!(doc.doc_number.as_deref(), Some("国发〔2019〕5号"));
    assert!(doc.warnings.iter().any(|w| w.code == "meta_disagrees"));
    check(text, &issue).expect("nothing lost");
}

#[test]
fn plain_text_with_a_hash_inside_a_line_is_not_markdown() {
    let text = "国务院关于推行监管的意见\n国发〔2019〕5号\n各省人民政府：\n现将第#3号意见印发。\n";
    assert_eq!(gazette_parse::parse_text(text).form, TextForm::Printed);
}

#[test]
fn markdown_in_traditional_characters_is_read_as_both() {
    let s2t = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
        .expect("OpenCC s2t");
    let text = s2t.convert(HAND_WRITTEN);
    let issue = gazette_parse::parse_text(&text);
    check(&text, &issue).expect("nothing lost");
    assert_eq!(issue.form, TextForm::Markdown);
    assert!(issue.traditional);
    let doc = &issue.documents[0];
    assert_eq!(
        doc.title,
        "青島市人民政府辦公廳關於做好2019年春季農業生產工作的通知"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("青政办字〔2019〕12号"));
    assert_eq!(doc.issuer, ["青島市人民政府辦公廳"]);
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["抓好糧食生產", "加強農資供應"]);
    // Front matter keys in traditional characters (文號, 發佈單位 …), values
    // as printed.
    let meta = doc.published_meta.as_ref().expect("front matter read");
    assert_eq!(meta.doc_number.as_deref(), Some("青政辦字〔2019〕12號"));
    assert_eq!(meta.issuer.as_deref(), Some("青島市人民政府辦公廳"));
    assert_eq!(meta.written, NaiveDate::from_ymd_opt(2019, 3, 1));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2019, 3, 5));
}
