//! Which document a 解读 explains.
//!
//! A 解读 (关于《…》的解读, 《…》政策解读, 一图读懂《…》) is a document of its
//! own, typed 解读 by the parser from its title; it names the document it
//! explains by 《title》 in its title and, in its first lines, by 《title》
//! and 发文字号 (“《国务院办公厅关于…的指导意见》（国办发〔2018〕115号，以下简称
//! 《指导意见》）”). This module picks that one among its citations, as a
//! [`Reference`] of [`citations`], so that the archive resolves it like any
//! citation (by number, then by title).
//!
//! Not for: typing a document 解读 (the parser does, from the title), or
//! resolving the reference against an archive (the caller does, with the
//! keys of [`citations`]).
//!
//! ```
//! use gazette_link::interpretation::quoted_title;
//! assert_eq!(quoted_title("关于《青岛市降低社会保险费率实施方案》的解读"), Some("青岛市降低社会保险费率实施方案"));
//! assert_eq!(quoted_title("2019年政府工作报告政策解读"), None);
//! ```

use gazette_model::Document;

use crate::citations::{self, Reference};

/// The document type (文种) the parser gives a 解读.
pub const INTERPRETATION: &str = "解读";

/// Whether `doc` is a 解读.
pub fn is_interpretation(doc: &Document) -> bool {
    doc.doc_type.as_deref() == Some(INTERPRETATION)
}

/// The first title in 《》 inside `title`, without its brackets; `None`
/// when there is none or it is empty.
pub fn quoted_title(title: &str) -> Option<&str> {
    let open = title.find('《')? + '《'.len_utf8();
    let close = open + title[open..].find('》')?;
    Some(title[open..close].trim()).filter(|t| !t.is_empty())
}

/// The document a 解读 explains, as it names it; `None` when `doc` is no
/// 解读 or names no document.
///
/// When its title quotes a 《title》, that is the document: its citation
/// in the body with a 发文字号 is taken (the number resolves best), else its
/// first citation, else the title alone (with the 解读's own span: the
/// title is where it is named). A title that quotes none (…政策解读) leaves
/// the first citation of the body with a 发文字号.
pub fn explained(doc: &Document) -> Option<Reference> {
    if !is_interpretation(doc) {
        return None;
    }
    let references = citations::references(doc);
    let Some(named) = quoted_title(&doc.title) else {
        return references.into_iter().find(|r| r.doc_number.is_some());
    };
    let key = citations::title_key(named);
    let of_named: Vec<Reference> = references
        .into_iter()
        .filter(|r| r.title.as_deref().map(citations::title_key) == Some(key.clone()))
        .collect();
    if let Some(numbered) = of_named.iter().find(|r| r.doc_number.is_some()) {
        return Some(numbered.clone());
    }
    of_named.into_iter().next().or_else(|| {
        Some(Reference {
            doc_number: None,
            code: None,
            title: Some(named.to_owned()),
            issuing_body: None,
            span: doc.span,
            line: doc.line_start,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_quoted_title() {
        assert_eq!(
            quoted_title("一图读懂《国务院关于印发个人所得税专项附加扣除暂行办法的通知》"),
            Some("国务院关于印发个人所得税专项附加扣除暂行办法的通知")
        );
        assert_eq!(quoted_title("关于《》的解读"), None);
        assert_eq!(quoted_title("关于《未闭合的解读"), None);
    }
}
