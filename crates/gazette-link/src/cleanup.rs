//! Cleanup lists (规范性文件清理结果): a document that publishes the result
//! of reviewing an issuer's normative documents lists them in tables under
//! titles that say what became of them — 继续有效的…目录, 废止的…目录,
//! 宣布失效的…目录, 修改的…目录 — one row per document with its 文号.
//! Each row is a finding about the listed document, with the status the
//! list gives it from the list's own 施行日期 (else its date).
//!
//! Only a document whose title says it publishes a cleanup (清理) is read
//! this way, and only rows that cite a document (a 发文字号 the parser
//! found in the row): a table that merely mentions 废止 in its caption
//! elsewhere gives nothing. Not for: resolving the listed documents
//! against an archive (the caller does, as for repeal clauses).

use gazette_model::{Document, Status};

use crate::citations::{self, Reference};
use crate::validity::{place, Repeal};

/// What a list's title says of the documents in it, the more specific
/// words first (继续有效 before 有效, 宣布失效 before 失效).
const LIST_WORDS: &[(&str, Status)] = &[
    ("继续有效", Status::InForce),
    ("现行有效", Status::InForce),
    ("宣布失效", Status::Expired),
    ("失效", Status::Expired),
    ("废止", Status::Repealed),
    ("修改", Status::Amended),
    ("修订", Status::Amended),
];

/// Header words of the column that holds a listed document's title.
const TITLE_COLUMNS: &[&str] = &["文件名称", "名称", "文件标题", "标题"];

/// The documents a cleanup list in `doc` declares repealed, expired, amended
/// or still in force, each as a finding of `doc` about it; empty for a
/// document that publishes no cleanup.
pub fn listed(doc: &Document) -> Vec<Repeal> {
    listed_among(doc, &citations::references(doc))
}

/// [`listed`], with the document's references already read.
pub(crate) fn listed_among(doc: &Document, references: &[Reference]) -> Vec<Repeal> {
    if !doc.title.contains("清理") {
        return Vec::new();
    }
    let effective = doc.takes_effect.as_ref().and_then(|t| t.date).or(doc.date);
    let mut out = Vec::new();
    for table in &doc.tables {
        let list_title = table.caption.clone().or_else(|| {
            let number = table.attachment?;
            let attachment = doc.attachments.iter().find(|a| a.number == number)?;
            Some(attachment.title.clone())
        });
        let Some(list_title) = list_title else {
            continue;
        };
        let Some((_, gives)) = LIST_WORDS.iter().find(|(w, _)| list_title.contains(w)) else {
            continue;
        };
        let title_column = table
            .columns
            .iter()
            .position(|c| TITLE_COLUMNS.iter().any(|t| c.trim() == *t));
        for row in &table.rows {
            let Some(reference) = references.iter().find(|r| r.line == row.line) else {
                continue;
            };
            let mut reference = reference.clone();
            if reference.title.is_none() {
                reference.title = title_column
                    .and_then(|i| row.cells.get(i))
                    .map(|t| t.trim().trim_start_matches('《').trim_end_matches('》'))
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned);
            }
            out.push(Repeal {
                words: format!("列入《{list_title}》"),
                gives: *gives,
                cleanup: true,
                effective,
                clause: row.cells.join(" "),
                span: reference.span,
                line: row.line,
                place: doc
                    .blocks
                    .get(row.block)
                    .and_then(|block| place(doc, block))
                    .or_else(|| Some(list_title.clone())),
                reference,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cleanup notice written for this test, in the form such notices are
    /// published (a body and one table per outcome, as attachments).
    const NOTICE: &str = "青岛市人民政府办公厅关于公布市政府规范性文件清理结果的通知\n\n青政办发〔2021〕5号\n\n各区、市人民政府，市政府各部门：\n\n　　现将清理结果予以公布，自公布之日起施行。\n\n　　附件：1.继续有效的市政府规范性文件目录\n　　　　　2.废止的市政府规范性文件目录\n\n青岛市人民政府办公厅\n2021年3月1日\n\n附件1\n\n继续有效的市政府规范性文件目录\n\n序号\t文件名称\t文号\n1\t青岛市人民政府办公厅关于做好2019年社会保险工作的通知\t青政办发〔2019〕4号\n\n附件2\n\n废止的市政府规范性文件目录\n\n序号\t文件名称\t文号\n1\t青岛市人民政府办公厅关于印发青岛市加快推进新旧动能转换重大工程实施方案的通知\t青政办字〔2019〕30号\n";

    fn parsed(text: &str) -> Document {
        let mut issue = gazette_parse::parse_text(text);
        assert_eq!(issue.documents.len(), 1);
        issue.documents.remove(0)
    }

    #[test]
    fn each_row_of_a_cleanup_list_gives_its_document_the_list_status() {
        let found = listed(&parsed(NOTICE));
        let got: Vec<(Option<&str>, Status, Option<&str>)> = found
            .iter()
            .map(|r| {
                (
                    r.reference.doc_number.as_deref(),
                    r.gives,
                    r.reference.title.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("青政办发〔2019〕4号"),
                    Status::InForce,
                    Some("青岛市人民政府办公厅关于做好2019年社会保险工作的通知")
                ),
                (
                    Some("青政办字〔2019〕30号"),
                    Status::Repealed,
                    Some("青岛市人民政府办公厅关于印发青岛市加快推进新旧动能转换重大工程实施方案的通知")
                ),
            ]
        );
        // 自公布之日起施行 names no day: the list's date is the day.
        let day = chrono::NaiveDate::from_ymd_opt(2021, 3, 1);
        assert!(found.iter().all(|r| r.effective == day));
        assert_eq!(found[1].words, "列入《废止的市政府规范性文件目录》");
    }

    #[test]
    fn a_document_that_publishes_no_cleanup_lists_nothing() {
        let other = NOTICE.replace("规范性文件清理结果", "规范性文件目录");
        assert!(listed(&parsed(&other)).is_empty());
    }
}
