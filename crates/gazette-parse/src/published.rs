//! What a publisher prints beside a document in text (a Markdown front
//! matter, the metadata block of a web page's text) → a [`PublishedMeta`].
//!
//! Labels are matched without their inner spaces (`索   引   号`); values
//! are kept as printed.
//!
//! The labels themselves and how a value goes into its field live in
//! `gazette-model` (`meta_label`, `PublishedMeta::set`), shared with the
//! HTML reader; this module adds what text needs: labels in traditional
//! characters. Attaching the meta to its document is `meta`'s.
//!
//! Not for: reading HTML (`gazette-html` does).

use crate::traditional;
use gazette_model::{meta_label, PublishedMeta};

pub(crate) use gazette_model::{meta_date, MetaLabel as Label};

/// The label `text` is, compared without whitespace and ASCII case, and in
/// simplified characters (標題, 文號 are 标题, 文号).
pub(crate) fn label(text: &str) -> Option<(&'static str, Label)> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| traditional::fold_char(c.to_ascii_lowercase()))
        .collect();
    meta_label(&compact)
}

/// Puts one labelled value into `meta` (see [`PublishedMeta::set`]).
pub(crate) fn set(meta: &mut PublishedMeta, printed_label: &str, value: &str) {
    if let Some((known, label)) = label(printed_label) {
        meta.set(known, label, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_matched_without_inner_spaces() {
        assert_eq!(label("索   引   号"), Some(("索引号", Label::IndexNumber)));
        assert_eq!(label("Title"), Some(("title", Label::Title)));
        assert_eq!(label("正文"), None);
    }
}
