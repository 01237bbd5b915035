//! The sample issue typeset as PDFs (two columns with a running header;
//! one column with 版头 and “— N —”) parses to the documents of its text.
//!
//! Tables too: the sample's two tables are drawn as ruled grids, which the
//! layout turns back into TAB-separated rows, reading a table on over
//! column and page breaks and joining the rows they cut. What differs is
//! only where each row is: its `line` (a line number in the text parsed)
//! and its `block` (an index into the document's blocks), for the PDF's
//! text wraps paragraphs and has page headers and 版头 where the sample has
//! none, so lines and blocks are counted differently.

use gazette_model::{Artifact, ArtifactKind, Document, Issue, Table};

use crate::common::{extract, generated, poppler, root};

fn text_version() -> Issue {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/qingdao-gazette-2019-issue.txt"))
            .expect("sample fixture");
    gazette_parse::parse_text(&text)
}

/// The PDF's text and its parse, or `None` when skipped.
fn pdf_version(name: &str) -> Option<(String, Issue, usize)> {
    if !poppler() {
        return None;
    }
    let pdf = extract(&generated(name)?);
    let text = pdf.text();
    let issue = gazette_parse::parse_text(&text);
    Some((text, issue, pdf.pages.len()))
}

/// The fields that must not change between the text and the PDF.
fn metadata(doc: &Document) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        &doc.title,
        &doc.doc_number,
        doc.date,
        &doc.doc_type,
        &doc.issuer,
        &doc.recipients,
        &doc.promulgated_title,
    )
}

fn attachments(doc: &Document) -> Vec<(u32, &str)> {
    doc.attachments
        .iter()
        .map(|a| (a.number, a.title.as_str()))
        .collect()
}

fn appointments(doc: &Document) -> Vec<String> {
    doc.appointments
        .iter()
        .map(|a| {
            format!(
                "{}|{:?}|{}|{:?}|{:?}",
                a.person, a.action, a.post, a.note, a.date
            )
        })
        .collect()
}

/// Each table, where its rows are left out (see the module
/// documentation).
fn tables(doc: &Document) -> Vec<Table> {
    let mut tables = doc.tables.clone();
    for row in tables.iter_mut().flat_map(|t| &mut t.rows) {
        row.line = 0;
        row.block = 0;
    }
    tables
}

fn non_blank(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Everything the text version parses, the PDF version parses the same.
fn same_documents(pdf: &Issue) {
    let text = text_version();
    assert_eq!(pdf.documents.len(), 6);
    // Read from the sample by hand: the roster of document 3 is 28 rows
    // with tabs and the 10 lines after them; the task table of document 4
    // has a header and 39 tasks (1–11, 1.2–1.4, 15–39).
    let sizes = |issue: &Issue| -> Vec<Vec<(usize, usize)>> {
        issue
            .documents
            .iter()
            .map(|d| {
                d.tables
                    .iter()
                    .map(|t| (t.columns.len(), t.rows.len()))
                    .collect()
            })
            .collect()
    };
    let want_sizes = [vec![], vec![], vec![(0, 38)], vec![(4, 39)], vec![], vec![]];
    assert_eq!(sizes(&text), want_sizes);
    for (want, got) in text.documents.iter().zip(&pdf.documents) {
        assert_eq!(metadata(got), metadata(want), "{}", want.title);
        assert_eq!(attachments(got), attachments(want), "{}", want.title);
        assert_eq!(appointments(got), appointments(want), "{}", want.title);
        assert_eq!(tables(got), tables(want), "{}", want.title);
    }
    assert!(!appointments(&pdf.documents[5]).is_empty());
}

fn count(artifacts: &[Artifact], kind: ArtifactKind) -> usize {
    artifacts.iter().filter(|a| a.kind == kind).count()
}

/// Every non-blank character of the text is in one block or one artifact.
fn nothing_lost(text: &str, issue: &Issue) {
    let mut covered: String = issue
        .front_matter
        .iter()
        .chain(issue.documents.iter().flat_map(|d| &d.blocks))
        .flat_map(|b| &b.pieces)
        .map(|p| non_blank(p.of(text)))
        .collect();
    covered.extend(issue.artifacts.iter().map(|a| non_blank(&a.text)));
    assert_eq!(covered.chars().count(), non_blank(text).chars().count());
}

#[test]
fn the_two_column_sample_parses_like_its_text() {
    let Some((text, issue, pages)) = pdf_version("two-column.pdf") else {
        return;
    };
    same_documents(&issue);
    // One running header and one page number on every page, all taken out.
    assert_eq!(count(&issue.artifacts, ArtifactKind::RunningHeader), pages);
    assert_eq!(count(&issue.artifacts, ArtifactKind::PageNumber), pages);
    assert!(issue
        .artifacts
        .iter()
        .any(|a| a.text == "青岛市人民政府公报 2019年第7期"));
    for doc in &issue.documents {
        assert!(doc.blocks.iter().all(|b| !b.text.contains("人民政府公报")));
        assert_eq!(doc.masthead, None);
    }
    nothing_lost(&text, &issue);
}

#[test]
fn two_columns_are_read_column_by_column() {
    let Some((_, issue, _)) = pdf_version("two-column.pdf") else {
        return;
    };
    let first = &issue.documents[0];
    let body: String = first.blocks.iter().map(|b| b.text.as_str()).collect();
    // Sentences that cross a column or a page in the PDF read whole.
    assert!(body.contains("3—4个新药进入临床研究阶段，1—2个新药实现产业化"));
    assert!(body.contains("（一）加强组织领导。建立以市政府分管领导为总召集人的联席会议制度"));
    let pages = first.pages.expect("paged");
    assert_eq!(pages.first, 1);
    let last = issue.documents[5].pages.expect("paged");
    assert!(
        last.first >= pages.last,
        "documents follow each other's pages"
    );
}

#[test]
fn the_one_column_sample_keeps_its_mastheads_as_metadata() {
    let Some((text, issue, pages)) = pdf_version("one-column.pdf") else {
        return;
    };
    same_documents(&issue);
    let mastheads: Vec<Option<&str>> = issue
        .documents
        .iter()
        .map(|d| d.masthead.as_deref())
        .collect();
    assert_eq!(
        mastheads,
        [
            Some("青岛市人民政府文件"),
            Some("青岛市人民政府办公厅文件"),
            Some("青岛市人民政府办公厅文件"),
            Some("青岛市人民政府办公厅文件"),
            Some("青岛市人民政府办公厅文件"),
            None
        ]
    );
    assert_eq!(count(&issue.artifacts, ArtifactKind::PageNumber), pages);
    // Each document starts on a new page (under its 版头).
    for pair in issue.documents.windows(2) {
        let (before, after) = (pair[0].pages.expect("paged"), pair[1].pages.expect("paged"));
        assert_eq!(after.first, before.last + 1, "{}", pair[1].title);
    }
    nothing_lost(&text, &issue);
}
