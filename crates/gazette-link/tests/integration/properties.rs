//! The extractors never panic: they run inside `Archive::open` (the fact
//! index is rebuilt from the store), so a panic on one stored document
//! would keep the whole archive from opening. Two kinds of input: text the
//! parser made documents of, and documents whose fields disagree with each
//! other (spans past the text, pieces that do not add up, tables and
//! sections pointing at blocks that are not there), as a store written by
//! an older parser or edited by hand may hold.

use chrono::NaiveDate;
use gazette_link::{citations, deadlines, personnel, provisions, units};
use gazette_model::{
    Appointment, AppointmentAction, Block, BlockKind, Document, Section, Span, Table, TableRow,
};
use proptest::prelude::*;

/// Words the extractors look for, mixed with what surrounds them.
const WORDS: &[&str] = &[
    "责任单位：",
    "牵头单位",
    "牵头",
    "会同",
    "配合",
    "参与",
    "指导",
    "负责",
    "市财政局",
    "各区、市政府",
    "（",
    "）",
    "、",
    "，",
    "。",
    "；",
    "年",
    "月",
    "日",
    "前",
    "底",
    "起",
    "至",
    "从现在起到",
    "每月",
    "每年",
    "中旬",
    "自印发之日起",
    "执行期限至",
    "有效期至",
    "万元",
    "%",
    "不超过",
    "不低于",
    "降低至",
    "补助",
    "其中",
    "一类",
    "二类",
    "组长：",
    "副组长：",
    "成员：",
    "任命",
    "免去",
    "同志",
    "为",
    "的职务",
    "第",
    "号",
    "〔2019〕",
    "国办发",
    "青政办字",
    "《",
    "》",
    "一、",
    "（一）",
    "1.",
    "2019",
    "10",
    "31",
    "0.5",
    "\t",
    " ",
    "\n",
    "a",
    "—",
    "～",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..80).prop_map(|words| words.concat())
}

fn kind() -> impl Strategy<Value = BlockKind> {
    prop::sample::select(vec![
        BlockKind::Title,
        BlockKind::DateLine,
        BlockKind::Recipients,
        BlockKind::Heading,
        BlockKind::Paragraph,
        BlockKind::AttachmentList,
        BlockKind::PartTitle,
        BlockKind::TableRow,
        BlockKind::TableTail,
        BlockKind::Signature,
    ])
}

fn span() -> impl Strategy<Value = Span> {
    (0usize..400, 0usize..400).prop_map(|(a, b)| Span::new(a, b))
}

fn block() -> impl Strategy<Value = Block> {
    (
        kind(),
        text(),
        prop::collection::vec(span(), 0..4),
        0usize..50,
    )
        .prop_map(|(kind, text, pieces, line)| Block {
            kind,
            text,
            pieces,
            line,
            section: None,
            attachment: None,
        })
}

fn table() -> impl Strategy<Value = Table> {
    (
        prop::collection::vec(text(), 0..4),
        prop::collection::vec((prop::collection::vec(text(), 0..5), 0usize..12), 0..4),
    )
        .prop_map(|(columns, rows)| Table {
            id: "t1".to_owned(),
            caption: None,
            columns,
            rows: rows
                .into_iter()
                .map(|(cells, block)| TableRow {
                    number: None,
                    cells,
                    line: 1,
                    block,
                })
                .collect(),
            attachment: None,
        })
}

fn inconsistent_document() -> impl Strategy<Value = Document> {
    (
        prop::collection::vec(block(), 0..8),
        prop::collection::vec(table(), 0..2),
        prop::collection::vec((0usize..12, text()), 0..3),
        prop::collection::vec((text(), text(), span()), 0..3),
        prop::option::of(0i64..20_000),
    )
        .prop_map(|(blocks, tables, sections, appointments, day)| Document {
            id: "d1".to_owned(),
            blocks,
            tables,
            sections: sections
                .into_iter()
                .enumerate()
                .map(|(k, (block, title))| Section {
                    id: format!("s{k}"),
                    marker: "一、".to_owned(),
                    level: 1,
                    title,
                    block,
                    children: Vec::new(),
                    pages: None,
                })
                .collect(),
            appointments: appointments
                .into_iter()
                .map(|(person, post, span)| Appointment {
                    person,
                    action: AppointmentAction::Appoint,
                    post,
                    note: None,
                    date: None,
                    span,
                    line: 1,
                })
                .collect(),
            date: day.and_then(|d| {
                NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_days(chrono::Days::new(d as u64))
            }),
            ..Document::default()
        })
}

/// Runs every extractor over `doc`.
fn extract_all(doc: &Document) {
    let _ = citations::references(doc);
    let _ = units::responsibilities(doc);
    let _ = personnel::rosters(doc);
    let _ = personnel::register([("d1", doc)]);
    let _ = deadlines::extract(doc);
    let found = provisions::extract(doc);
    if let (Some(first), Some(day)) = (found.first(), doc.date) {
        let _ = provisions::as_of(&found, &first.subject, day);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extractors_never_panic_on_parsed_text(text in text()) {
        let issue = gazette_parse::parse_text(&text);
        for doc in &issue.documents {
            extract_all(doc);
            for reference in citations::references(doc) {
                prop_assert!(reference.span.end <= text.len());
            }
        }
    }

    #[test]
    fn extractors_never_panic_on_inconsistent_documents(doc in inconsistent_document()) {
        extract_all(&doc);
    }
}
