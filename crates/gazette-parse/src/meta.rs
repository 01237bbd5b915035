//! Text with what its publisher says of it: the metadata table of an HTML
//! page, the same fields printed as lines in web text, or a Markdown front
//! matter, as a [`PublishedMeta`]. The metadata goes to the document it
//! describes (the only one, or the one whose title or 发文字号 it names).
//! Where the text lacks a field (发文字号, title, date, issuer) the
//! publisher's value fills it; where both have one and they disagree (after
//! normalising brackets, digits, quotes and spaces; 发文字号 in their normal
//! form) the text's value stays, the publisher's stays in
//! `published_meta`, and a `meta_disagrees` warning names the field and
//! both values.
//!
//! Not for: reading the metadata from its source (HTML is read by
//! `gazette-html`); nothing here knows where the metadata came from.

use gazette_model::{
    ascii_digit, DocNumber, Document, InferredField, Issue, PublishedMeta, TextForm, Warning,
};

use crate::document::doc_type_of;
use crate::issuers::same_body;
use crate::parse_text;

/// Parses the text of an issue in the given form, with the metadata its
/// publisher printed beside it.
///
/// ```
/// use gazette_model::{PublishedMeta, TextForm, NaiveDate};
/// let meta = PublishedMeta {
///     doc_number: Some("国发[2019]5号".to_owned()),
///     written: NaiveDate::from_ymd_opt(2019, 1, 27),
///     index_number: Some("000014349/2019-00007".to_owned()),
///     ..PublishedMeta::default()
/// };
/// let issue = gazette_parse::parse_with_meta(
///     "国务院关于推行监管的意见\n国发〔2019〕5号\n各省人民政府：\n现提出如下意见。\n",
///     TextForm::Html,
///     Some(meta),
/// );
/// let doc = &issue.documents[0];
/// assert_eq!(doc.date, NaiveDate::from_ymd_opt(2019, 1, 27)); // filled in
/// assert!(doc.warnings.is_empty()); // the numbers agree
/// assert_eq!(doc.published_meta.as_ref().unwrap().index_number.as_deref(), Some("000014349/2019-00007"));
/// ```
pub fn parse_with_meta(text: &str, form: TextForm, meta: Option<PublishedMeta>) -> Issue {
    let mut issue = parse_text(text);
    issue.form = form;
    if let Some(meta) = meta {
        attach(&mut issue, meta);
        // The publisher's issuer may have filled a document's.
        crate::canonical::resolve_issue(&mut issue);
    }
    issue
}

/// Gives `meta` to the document it describes, or says that none matches.
fn attach(issue: &mut Issue, meta: PublishedMeta) {
    let target = match issue.documents.len() {
        0 => None,
        1 => Some(0),
        _ => issue.documents.iter().position(|doc| describes(&meta, doc)),
    };
    let Some(target) = target else {
        if !issue.documents.is_empty() {
            issue.warnings.push(Warning {
                code: "meta_unmatched".to_owned(),
                message: format!(
                    "the publisher's metadata (title {:?}, 发文字号 {:?}) names none of the {} documents; it is not attached",
                    meta.title.as_deref().unwrap_or(""),
                    meta.doc_number.as_deref().unwrap_or(""),
                    issue.documents.len()
                ),
                line: 0,
            });
        }
        return;
    };
    attach_to_document(&mut issue.documents[target], meta);
}

/// Gives `meta` to `doc`: fills what the text lacks, warns where the two
/// disagree, and keeps `meta` as the document's `published_meta` (a
/// publisher's table given with the text replaces a block read from it).
pub(crate) fn attach_to_document(doc: &mut Document, meta: PublishedMeta) {
    fill_or_compare(doc, &meta);
    doc.published_meta = Some(meta);
}

/// Whether the metadata names this document, by 发文字号 or title.
fn describes(meta: &PublishedMeta, doc: &Document) -> bool {
    let same_number = match (&meta.doc_number, &doc.doc_number) {
        (Some(theirs), Some(ours)) => same_doc_number(theirs, ours),
        _ => false,
    };
    let same_title = meta
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty() && normal(t) == normal(&doc.title));
    same_number || same_title
}

fn fill_or_compare(doc: &mut Document, meta: &PublishedMeta) {
    let line = doc.line_start;
    let disagree = |field: &str, ours: &str, theirs: &str| doc_warning(field, ours, theirs, line);
    let mut warnings = Vec::new();
    if let Some(theirs) = meta.doc_number.as_deref().filter(|t| !t.trim().is_empty()) {
        match doc.doc_number.as_deref() {
            None => {
                let parsed = DocNumber::parse(theirs);
                doc.doc_number = Some(
                    parsed
                        .as_ref()
                        .map_or_else(|| theirs.trim().to_owned(), ToString::to_string),
                );
                doc.doc_number_parts = parsed;
            }
            Some(ours) if !same_doc_number(theirs, ours) => {
                warnings.push(disagree("发文字号", ours, theirs));
            }
            Some(_) => {}
        }
    }
    if let Some(theirs) = meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        if doc.title.trim().is_empty() {
            doc.title = theirs.trim().to_owned();
            // The title's kind goes before one the body was read to name.
            if let Some(kind) = doc_type_of(&doc.title) {
                doc.doc_type = Some(kind.to_owned());
                doc.inferred.retain(|i| i.field != InferredField::DocType);
            }
        } else if normal(theirs) != normal(&doc.title) {
            warnings.push(disagree("标题", &doc.title, theirs));
        }
    }
    if let Some(theirs) = meta.written {
        match doc.date {
            None => doc.date = Some(theirs),
            Some(ours) if ours != theirs => {
                warnings.push(disagree("成文日期", &ours.to_string(), &theirs.to_string()));
            }
            Some(_) => {}
        }
    }
    if let Some(theirs) = meta.issuer.as_deref().filter(|t| !t.trim().is_empty()) {
        let names = issuers(theirs);
        if doc.issuer.is_empty() {
            doc.issuer = names;
        } else if names.len() != doc.issuer.len()
            || !names.iter().all(|theirs| {
                doc.issuer
                    .iter()
                    .any(|ours| same_body(&normal(ours), &normal(theirs)))
            })
        {
            warnings.push(disagree("发文机关", &doc.issuer.join("、"), theirs));
        }
    }
    doc.warnings.extend(warnings);
}

fn doc_warning(field: &str, ours: &str, theirs: &str, line: usize) -> Warning {
    Warning {
        code: "meta_disagrees".to_owned(),
        message: format!("{field}: the text says “{ours}”, the publisher's metadata says “{theirs}”; the text's value is kept"),
        line,
    }
}

/// The issuing bodies of a joint document, as the metadata lists them.
fn issuers(value: &str) -> Vec<String> {
    value
        .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

fn same_doc_number(a: &str, b: &str) -> bool {
    match (DocNumber::parse(a), DocNumber::parse(b)) {
        (Some(a), Some(b)) => a.to_string() == b.to_string(),
        _ => normal(a) == normal(b),
    }
}

/// A value for comparison: no whitespace, ASCII digits, one form of each
/// bracket and quote.
fn normal(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match ascii_digit(c) {
            '〔' | '[' | '（' | '【' | '［' | '〖' | '﹝' => '(',
            '〕' | ']' | '）' | '】' | '］' | '〗' | '﹞' => ')',
            '“' | '”' | '＂' | '「' | '」' => '"',
            '‘' | '’' | '＇' => '\'',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_model::{MetaSource, NaiveDate};

    const TEXT: &str = "国务院关于推行监管的意见\n国发〔2019〕5号\n各省人民政府：\n现提出如下意见。\n国务院\n2019年1月27日\n";

    fn meta() -> PublishedMeta {
        PublishedMeta {
            source: MetaSource::HtmlTable,
            index_number: Some("000014349/2019-00007".to_owned()),
            issuer: Some("国务院".to_owned()),
            written: NaiveDate::from_ymd_opt(2019, 1, 27),
            title: Some("国务院关于推行监管的意见".to_owned()),
            doc_number: Some("国发[2019]5号".to_owned()),
            ..PublishedMeta::default()
        }
    }

    #[test]
    fn agreeing_metadata_is_attached_without_warnings() {
        let issue = parse_with_meta(TEXT, TextForm::Html, Some(meta()));
        assert_eq!(issue.form, TextForm::Html);
        let doc = &issue.documents[0];
        assert_eq!(doc.published_meta, Some(meta()));
        assert!(
            doc.warnings.iter().all(|w| w.code != "meta_disagrees"),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn missing_fields_are_taken_from_the_metadata() {
        let text = "关于推行监管的意见\n各省人民政府：\n现提出如下意见。\n";
        let bare = parse_text(text);
        assert_eq!(bare.documents[0].doc_number, None);
        let issue = parse_with_meta(text, TextForm::Html, Some(meta()));
        let doc = &issue.documents[0];
        assert_eq!(doc.doc_number.as_deref(), Some("国发〔2019〕5号"));
        assert_eq!(doc.doc_number_parts.as_ref().map(|n| n.serial), Some(5));
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2019, 1, 27));
        assert_eq!(doc.issuer, ["国务院"]);
    }

    #[test]
    fn disagreeing_values_keep_the_text_and_warn() {
        let mut meta = meta();
        meta.written = NaiveDate::from_ymd_opt(2019, 1, 28);
        meta.doc_number = Some("国发〔2019〕6号".to_owned());
        let issue = parse_with_meta(TEXT, TextForm::Html, Some(meta));
        let doc = &issue.documents[0];
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2019, 1, 27));
        assert_eq!(doc.doc_number.as_deref(), Some("国发〔2019〕5号"));
        let messages: Vec<&str> = doc
            .warnings
            .iter()
            .filter(|w| w.code == "meta_disagrees")
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("发文字号") && messages[0].contains("国发〔2019〕6号"));
        assert!(messages[1].contains("成文日期") && messages[1].contains("2019-01-28"));
    }

    #[test]
    fn with_several_documents_the_metadata_goes_to_the_one_it_names() {
        let text = format!(
            "{TEXT}国务院关于另一事项的通知\n国发〔2019〕9号\n各省人民政府：\n现通知如下。\n"
        );
        let issue = parse_with_meta(&text, TextForm::WebText, Some(meta()));
        assert_eq!(issue.documents.len(), 2);
        assert!(issue.documents[0].published_meta.is_some());
        assert!(issue.documents[1].published_meta.is_none());
        let mut other = meta();
        other.title = Some("别的文件".to_owned());
        other.doc_number = Some("国发〔2018〕1号".to_owned());
        let issue = parse_with_meta(&text, TextForm::WebText, Some(other));
        assert!(issue.documents.iter().all(|d| d.published_meta.is_none()));
        assert_eq!(issue.warnings[0].code, "meta_unmatched");
    }
}
