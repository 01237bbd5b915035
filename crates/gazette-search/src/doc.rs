//! What is indexed for one document: [`IndexDoc`], built from a parsed
//! [`Document`] by [`index_doc`], and its tantivy form.
//!
//! The body is indexed section by section (a run of blocks under the same
//! heading), so a hit can say in which section its snippet lies.
//!
//! Nothing here parses gazette text (that is `gazette-parse`) or decides a
//! document's status (the store keeps its history; callers pass today's).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use gazette_model::{BlockKind, DocNumber, Document, PageRange, Section, Status};
use serde::Serialize;
use tantivy::TantivyDocument;

use crate::schema::{Fields, PATH_SEPARATOR};
use crate::stored::encode_sections;

/// One document as the index sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexDoc {
    /// The archive's id of the document; [`SearchIndex::upsert`](crate::SearchIndex::upsert)
    /// replaces a document with the same id.
    pub id: String,
    /// The URL slug.
    pub slug: String,
    /// The title.
    pub title: String,
    /// The 发文字号, e.g. 青政办字〔2019〕31号; any printed form is brought to
    /// the normal one when indexed.
    pub doc_number: Option<String>,
    /// The document's date.
    pub date: Option<NaiveDate>,
    /// Its 施行日期, when its text gives a day (`effective:`).
    pub effective: Option<NaiveDate>,
    /// The issuing bodies by their full names (a document's
    /// `issuer_canonical`): the issuer facet counts these.
    pub issuer: Vec<String>,
    /// The issuers as printed where they differ from the full names
    /// (市政府 for 青岛市人民政府): found by `issuer:` too, never counted.
    pub issuer_printed: Vec<String>,
    /// The kind of document (通知, 意见 …).
    pub doc_type: Option<String>,
    /// The validity status today.
    pub status: Status,
    /// The pages the document is printed on, for an issue read from a PDF.
    pub pages: Option<PageRange>,
    /// The 责任单位 named in the document by their full names (青岛市财政局),
    /// each once: the names the unit pages know them by. `unit:` finds a
    /// substring of these or of [`units_printed`](Self::units_printed).
    pub units: Vec<String>,
    /// The 责任单位 as printed where they differ from the full names
    /// (市财政局 for 青岛市财政局), each once: found by `unit:` too.
    pub units_printed: Vec<String>,
    /// The body, in order.
    pub sections: Vec<IndexSection>,
}

/// A part of the body under one heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexSection {
    /// The section id (`s2-1`, `a1-s3`), `None` before the first heading.
    pub section_id: Option<String>,
    /// Titles of the headings above and of this one, outermost first; an
    /// attachment's title opens the path of its sections.
    pub heading_path: Vec<String>,
    /// The text, blocks joined by newlines.
    pub text: String,
}

impl IndexDoc {
    /// A document with only an id, a slug and a title: in force, no
    /// metadata, no body. Fill in the rest with struct update syntax.
    pub fn new(
        id: impl Into<String>,
        slug: impl Into<String>,
        title: impl Into<String>,
    ) -> IndexDoc {
        IndexDoc {
            id: id.into(),
            slug: slug.into(),
            title: title.into(),
            doc_number: None,
            date: None,
            effective: None,
            issuer: Vec::new(),
            issuer_printed: Vec::new(),
            doc_type: None,
            status: Status::InForce,
            pages: None,
            units: Vec::new(),
            units_printed: Vec::new(),
            sections: Vec::new(),
        }
    }
}

impl IndexSection {
    /// A section of body text with no heading.
    pub fn new(text: impl Into<String>) -> IndexSection {
        IndexSection {
            section_id: None,
            heading_path: Vec::new(),
            text: text.into(),
        }
    }
}

/// Builds what the index needs of `doc`.
///
/// Body blocks are grouped into sections by [`Block::section`](gazette_model::Block)
/// (and attachment); the title block is left out of the body when it prints
/// the title, which is indexed on its own.
///
/// `units` are the 责任单位 the document names, each as (full name, name as
/// printed), in printed order: this crate reads none itself. The archive
/// passes what `gazette-link` reads (`units::responsibilities`), the facts
/// the unit pages list, so that `unit:` and the unit pages agree.
pub fn index_doc<'a>(
    id: &str,
    slug: &str,
    doc: &Document,
    status: Status,
    units: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> IndexDoc {
    let issuer = full_names(doc);
    let (units, units_printed) = unit_names(units);
    IndexDoc {
        id: id.to_owned(),
        slug: slug.to_owned(),
        title: doc.title.clone(),
        doc_number: doc.doc_number.clone(),
        date: doc.date,
        effective: doc.takes_effect.as_ref().and_then(|t| t.date),
        issuer_printed: doc
            .issuer
            .iter()
            .filter(|printed| !issuer.contains(printed))
            .cloned()
            .collect(),
        issuer,
        doc_type: doc.doc_type.clone(),
        status,
        pages: doc.pages,
        units,
        units_printed,
        sections: sections(doc),
    }
}

/// The full names of `units`, each once, and the printed names that are
/// not among them, each once.
fn unit_names<'a>(
    units: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Vec<String>, Vec<String>) {
    let mut full: Vec<String> = Vec::new();
    let mut printed: Vec<&str> = Vec::new();
    for (name, as_printed) in units {
        if !full.iter().any(|f| f == name) {
            full.push(name.to_owned());
        }
        if !printed.contains(&as_printed) {
            printed.push(as_printed);
        }
    }
    let printed = printed
        .into_iter()
        .filter(|p| !full.iter().any(|f| f == p))
        .map(str::to_owned)
        .collect();
    (full, printed)
}

/// The full names of the issuers; the printed ones for a document parsed
/// before full names were derived.
fn full_names(doc: &Document) -> Vec<String> {
    if doc.issuer_canonical.is_empty() {
        return doc.issuer.clone();
    }
    let mut names: Vec<String> = Vec::with_capacity(doc.issuer_canonical.len());
    for name in &doc.issuer_canonical {
        if !names.contains(&name.name) {
            names.push(name.name.clone());
        }
    }
    names
}

fn sections(doc: &Document) -> Vec<IndexSection> {
    let paths = heading_paths(doc);
    let title = without_whitespace(&doc.title);
    let mut out: Vec<IndexSection> = Vec::new();
    let mut current_key: Option<(Option<u32>, Option<&str>)> = None;
    for block in &doc.blocks {
        if block.kind == BlockKind::Title && without_whitespace(&block.text) == title {
            continue;
        }
        let key = (block.attachment, block.section.as_deref());
        match out.last_mut() {
            Some(last) if current_key == Some(key) => {
                last.text.push('\n');
                last.text.push_str(&block.text);
            }
            _ => {
                let mut heading_path = Vec::new();
                if let Some(number) = block.attachment {
                    heading_path.push(attachment_heading(doc, number));
                }
                if let Some(path) = block.section.as_ref().and_then(|id| paths.get(id)) {
                    heading_path.extend(path.iter().cloned());
                }
                out.push(IndexSection {
                    section_id: block.section.clone(),
                    heading_path,
                    text: block.text.clone(),
                });
                current_key = Some(key);
            }
        }
    }
    out
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn attachment_heading(doc: &Document, number: u32) -> String {
    let title = doc
        .attachments
        .iter()
        .find(|a| a.number == number)
        .map(|a| a.title.trim())
        .unwrap_or_default();
    if title.is_empty() {
        format!("附件{number}")
    } else {
        title.to_owned()
    }
}

/// Section id → titles from the top of its tree down to it.
fn heading_paths(doc: &Document) -> HashMap<String, Vec<String>> {
    let mut paths = HashMap::new();
    let mut stack = Vec::new();
    for section in &doc.sections {
        walk(section, &mut stack, &mut paths);
    }
    for attachment in &doc.attachments {
        for section in &attachment.sections {
            walk(section, &mut stack, &mut paths);
        }
    }
    paths
}

fn walk(section: &Section, stack: &mut Vec<String>, paths: &mut HashMap<String, Vec<String>>) {
    let title = section.title.trim();
    stack.push(if title.is_empty() {
        section.marker.trim().to_owned()
    } else {
        title.to_owned()
    });
    paths.insert(section.id.clone(), stack.clone());
    for child in &section.children {
        walk(child, stack, paths);
    }
    stack.pop();
}

/// The date as stored in the `day` field.
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// The date of a `day` field value.
pub(crate) fn day_date(day: i64) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The tantivy document for `doc`.
pub(crate) fn to_tantivy(doc: &IndexDoc, f: &Fields) -> TantivyDocument {
    let mut t = TantivyDocument::new();
    t.add_text(f.id, &doc.id);
    t.add_text(f.slug, &doc.slug);
    t.add_text(f.title, &doc.title);
    t.add_text(f.title_grams, &doc.title);
    t.add_text(f.text_grams, &doc.title);
    if let Some(number) = &doc.doc_number {
        let number = DocNumber::normal_or_trimmed(number);
        t.add_text(f.number_grams, &number);
        t.add_text(f.text_grams, &number);
        t.add_text(f.number, number);
    }
    if let Some(pages) = doc.pages {
        t.add_u64(
            f.pages,
            (u64::from(pages.first) << 32) | u64::from(pages.last),
        );
    }
    if let Some(date) = doc.date {
        t.add_i64(f.day, day_number(date));
        t.add_i64(f.year, i64::from(date.year()));
    }
    if let Some(effective) = doc.effective {
        t.add_i64(f.effective_day, day_number(effective));
    }
    for issuer in doc
        .issuer
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
    {
        t.add_text(f.issuer, issuer);
        t.add_text(f.issuer_grams, issuer);
    }
    for printed in doc
        .issuer_printed
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
    {
        t.add_text(f.issuer_grams, printed);
    }
    if let Some(doc_type) = doc.doc_type.as_deref().map(str::trim) {
        if !doc_type.is_empty() {
            t.add_text(f.doc_type, doc_type);
        }
    }
    t.add_text(f.status, doc.status.code());
    for unit in doc.units.iter().chain(&doc.units_printed) {
        t.add_text(f.unit_grams, unit);
    }
    for section in &doc.sections {
        t.add_text(f.text_grams, &section.text);
    }
    t.add_text(f.sections, encode_sections(&doc.sections));
    t
}

/// The titles of a heading path joined by [`PATH_SEPARATOR`], which is
/// taken out of the titles.
pub(crate) fn join_path(path: &[String]) -> String {
    let mut joined = String::new();
    for (i, title) in path.iter().enumerate() {
        if i > 0 {
            joined.push(PATH_SEPARATOR);
        }
        joined.extend(title.chars().filter(|&c| c != PATH_SEPARATOR));
    }
    joined
}

/// The heading path of a stored section (see `stored`).
pub(crate) fn split_path(joined: &str) -> Vec<String> {
    if joined.is_empty() {
        return Vec::new();
    }
    joined.split(PATH_SEPARATOR).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_indexed_once_each_and_printed_forms_beside_full_names() {
        let units = [
            ("青岛市财政局", "市财政局"),
            ("青岛市科学技术局", "市科技局"),
            ("青岛市财政局", "市财政局"),
            ("各区（市）人民政府", "各区（市）人民政府"),
        ];
        let entry = index_doc("d1", "s", &Document::default(), Status::InForce, units);
        assert_eq!(
            entry.units,
            ["青岛市财政局", "青岛市科学技术局", "各区（市）人民政府"]
        );
        assert_eq!(entry.units_printed, ["市财政局", "市科技局"]);
    }

    #[test]
    fn heading_paths_survive_the_stored_form() {
        let path = vec!["总体要求".to_owned(), "指导思想".to_owned()];
        assert_eq!(split_path(&join_path(&path)), path);
        assert_eq!(split_path(&join_path(&[])), Vec::<String>::new());
    }

    #[test]
    fn days_round_trip() {
        let date = NaiveDate::from_ymd_opt(2019, 6, 15).expect("valid date");
        assert_eq!(day_date(day_number(date)), Some(date));
    }

    #[test]
    fn the_issuer_facet_counts_full_names_and_printed_names_are_searched() {
        use gazette_model::{CanonicalName, NameEvidence};
        let doc = Document {
            title: "近期市政府任免的工作人员名单".to_owned(),
            issuer: vec!["市政府".to_owned()],
            issuer_canonical: vec![CanonicalName {
                name: "青岛市人民政府".to_owned(),
                evidence: NameEvidence::Gazette,
                basis: Some("青岛市人民政府公报".to_owned()),
            }],
            ..Document::default()
        };
        let entry = index_doc("d1", "renmian", &doc, Status::InForce, []);
        assert_eq!(entry.issuer, ["青岛市人民政府"]);
        assert_eq!(entry.issuer_printed, ["市政府"]);
        let index = crate::SearchIndex::in_memory().expect("index");
        index.upsert(&[entry]).expect("indexes");
        let options = crate::SearchOptions::default();
        let printed = index.search("issuer:市政府", &options).expect("searches");
        assert_eq!(printed.total, 1);
        let full = index
            .search("issuer:青岛市人民政府", &options)
            .expect("searches");
        assert_eq!(full.total, 1);
        assert_eq!(full.facets.issuer, [("青岛市人民政府".to_owned(), 1)]);
        assert_eq!(full.hits[0].issuer, ["青岛市人民政府"]);
        // A document stored before full names were derived keeps its own.
        let old = Document {
            issuer: vec!["国务院".to_owned()],
            ..Document::default()
        };
        let entry = index_doc("d2", "old", &old, Status::InForce, []);
        assert_eq!(entry.issuer, ["国务院"]);
        assert!(entry.issuer_printed.is_empty());
    }
}
