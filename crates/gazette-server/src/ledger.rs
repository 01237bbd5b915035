//! The normative-document ledger (规范性文件台账) as both faces give it:
//! the archive's [`Ledger`] read once, and its CSV for a spreadsheet
//! (UTF-8 with a byte-order mark and Chinese column names, so that Excel
//! on a Chinese Windows opens it as it is; one row per 规范性文件, the
//! issuing body in the first column).
//!
//! Not for: which documents count as 规范性文件 (the archive's `ledger`
//! says, and its docs give the rule), rendering the page (`pages/ledger.rs`).

use gazette_archive::{ArchiveReader, Ledger, LedgerEntry};
use gazette_model::NaiveDate;

use crate::error::ApiResult;
use crate::urls;

/// The CSV's column names.
pub const CSV_COLUMNS: [&str; 14] = [
    "制发主体",
    "发文字号",
    "标题",
    "文种",
    "成文日期",
    "发布日期",
    "施行日期",
    "有效期至",
    "效力状态",
    "状态来源",
    "状态说明",
    "依据",
    "状态变更",
    "链接",
];

/// The ledger today.
pub fn read(reader: &ArchiveReader) -> ApiResult<Ledger> {
    Ok(reader.ledger()?)
}

/// The ledger as CSV: a byte-order mark, the column names, one line per
/// 规范性文件; page links start with `base` (the public URL, when set).
pub fn csv(ledger: &Ledger, base: &str) -> String {
    let mut out = String::from('\u{feff}');
    out.push_str(&crate::csv::line(
        CSV_COLUMNS.iter().map(|c| (*c).to_owned()),
    ));
    for body in &ledger.bodies {
        for entry in &body.documents {
            out.push_str(&crate::csv::line(row(&body.body, entry, base).into_iter()));
        }
    }
    out
}

fn row(body: &str, entry: &LedgerEntry, base: &str) -> [String; 14] {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let validity = &entry.validity;
    let evidence: Vec<String> = validity
        .evidence
        .iter()
        .filter(|e| e.applies)
        .map(|e| {
            let by = e
                .document
                .doc_number
                .as_deref()
                .unwrap_or(&e.document.title);
            format!("{by}：{}", e.clause)
        })
        .collect();
    let changes: Vec<String> = entry
        .changes
        .iter()
        .map(|c| {
            let from = c.effective.map(|d| format!("{d}起")).unwrap_or_default();
            format!("{from}{}（{}）", c.status.label(), c.summary)
        })
        .collect();
    [
        body.to_owned(),
        entry.document.doc_number.clone().unwrap_or_default(),
        entry.document.title.clone(),
        entry.doc_type.clone().unwrap_or_default(),
        day(entry.dates.written),
        day(entry.dates.published),
        day(entry.dates.takes_effect),
        day(entry.dates.valid_until),
        validity.status.label().to_owned(),
        source_label(validity.source).to_owned(),
        validity.summary.clone(),
        evidence.join("；"),
        changes.join("；"),
        format!("{base}{}", urls::document_page(&entry.document.slug)),
    ]
}

/// Where a status comes from, in Chinese.
pub fn source_label(source: gazette_archive::StatusSource) -> &'static str {
    match source {
        gazette_archive::StatusSource::Recorded => "编辑核定",
        gazette_archive::StatusSource::Derived => "文本推定",
        gazette_archive::StatusSource::None => "未核实",
    }
}
