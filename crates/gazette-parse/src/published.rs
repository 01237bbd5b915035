//! What a publisher prints beside a document (a Markdown front matter, the
//! metadata block of a web page's text) → a [`PublishedMeta`], and that
//! meta attached to the document it describes.
//!
//! Labels are matched without their inner spaces (`索   引   号`); values
//! are kept as printed. Attaching fills the document's missing number,
//! date, issuer and title from the meta and warns `meta_disagrees` where
//! both say something different; the text's own reading is kept.
//!
//! Not for: reading HTML (the html crate does). The lead merges this with
//! the html branch's `meta.rs`, which does the same for HTML tables.

use crate::traditional;
use gazette_model::{date_prefix, parse_date, MetaField, MetaSource, NaiveDate, PublishedMeta};

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    IndexNumber,
    Topic,
    Issuer,
    Written,
    Published,
    Title,
    DocNumber,
    Keywords,
    Validity,
    /// A known label with no field of its own (来源, 访问次数 …).
    Other,
}

/// Labels as publishers print them (Chinese, and the English keys of a
/// front matter), without inner spaces.
const LABELS: &[(&str, Label)] = &[
    ("索引号", Label::IndexNumber),
    ("主题分类", Label::Topic),
    ("分类", Label::Topic),
    ("topic", Label::Topic),
    ("发文机关", Label::Issuer),
    ("发文机构", Label::Issuer),
    ("发布机构", Label::Issuer),
    ("发布单位", Label::Issuer),
    ("issuer", Label::Issuer),
    ("成文日期", Label::Written),
    ("发文日期", Label::Written),
    ("written", Label::Written),
    ("发布日期", Label::Published),
    ("发布时间", Label::Published),
    ("公开日期", Label::Published),
    ("published", Label::Published),
    ("date", Label::Published),
    ("标题", Label::Title),
    ("名称", Label::Title),
    ("title", Label::Title),
    ("发文字号", Label::DocNumber),
    ("文号", Label::DocNumber),
    ("doc_number", Label::DocNumber),
    ("主题词", Label::Keywords),
    ("keywords", Label::Keywords),
    ("效力状态", Label::Validity),
    ("有效性", Label::Validity),
    ("时效性", Label::Validity),
    ("validity", Label::Validity),
    ("来源", Label::Other),
    ("信息来源", Label::Other),
    ("上载日期", Label::Other),
    ("生成日期", Label::Other),
    ("访问次数", Label::Other),
    ("浏览次数", Label::Other),
    ("点击数", Label::Other),
    ("内容概述", Label::Other),
    ("作者", Label::Other),
];

/// The label `text` is, compared without whitespace and ASCII case, and in
/// simplified characters (標題, 文號 are 标题, 文号).
pub(crate) fn label(text: &str) -> Option<(&'static str, Label)> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| traditional::fold_char(c.to_ascii_lowercase()))
        .collect();
    LABELS
        .iter()
        .find(|(known, _)| *known == compact)
        .map(|&(known, label)| (known, label))
}

/// The labels of web pages (Chinese), without inner spaces.
pub(crate) fn chinese_labels() -> impl Iterator<Item = (&'static str, Label)> {
    LABELS
        .iter()
        .filter(|(known, _)| !known.is_ascii())
        .map(|&(known, label)| (known, label))
}

/// A date as publishers print it: `2019年3月1日`, `2024年04月06日 16:40`,
/// `2019-03-01`, `2019/03/01`, `2019.03.01`, with or without a time.
pub(crate) fn meta_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(date) = parse_date(value).or_else(|| date_prefix(value).map(|(d, _)| d)) {
        return Some(date);
    }
    let head: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        .map(|c| if c.is_ascii_digit() { c } else { '-' })
        .collect();
    NaiveDate::parse_from_str(&head, "%Y-%m-%d").ok()
}

/// An empty meta read from `source`.
pub(crate) fn empty(source: MetaSource) -> PublishedMeta {
    PublishedMeta {
        source,
        ..PublishedMeta::default()
    }
}

/// Puts one labelled value into `meta`. Empty values are left out; a
/// date that cannot be read is kept among the other fields as printed.
pub(crate) fn set(meta: &mut PublishedMeta, printed_label: &str, value: &str) {
    let value = value.trim().trim_matches(['"', '\'']).trim();
    let Some((known, label)) = label(printed_label) else {
        return;
    };
    if value.is_empty() {
        return;
    }
    let other = |meta: &mut PublishedMeta| {
        meta.other.push(MetaField {
            label: known.to_owned(),
            value: value.to_owned(),
        });
    };
    match label {
        Label::IndexNumber => meta.index_number = Some(value.to_owned()),
        Label::Topic => meta.topic = Some(value.to_owned()),
        Label::Issuer => meta.issuer = Some(value.to_owned()),
        Label::Title => meta.title = Some(value.to_owned()),
        Label::DocNumber => meta.doc_number = Some(value.to_owned()),
        Label::Validity => meta.validity = Some(value.to_owned()),
        Label::Keywords => meta.keywords.extend(
            value
                .split([' ', '\u{3000}', '、', ',', '，', ';', '；'])
                .map(|k| k.trim_matches(['[', ']', '"', '\'', ' ']))
                .filter(|k| !k.is_empty())
                .map(str::to_owned),
        ),
        Label::Written => match meta_date(value) {
            Some(date) => meta.written = Some(date),
            None => other(meta),
        },
        Label::Published => match meta_date(value) {
            Some(date) => meta.published = Some(date),
            None => other(meta),
        },
        Label::Other => other(meta),
    }
}

/// Whether `meta` holds anything.
pub(crate) fn is_empty(meta: &PublishedMeta) -> bool {
    *meta == empty(meta.source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_every_printed_form() {
        let want = NaiveDate::from_ymd_opt(2024, 4, 6);
        for printed in [
            "2024年04月06日 16:40",
            "2024-04-06",
            "2024-04-06 16:34:00",
            "2024/04/06",
            "2024.04.06",
        ] {
            assert_eq!(meta_date(printed), want, "{printed}");
        }
        assert_eq!(meta_date("不详"), None);
    }

    #[test]
    fn labels_are_matched_without_inner_spaces() {
        assert_eq!(label("索   引   号"), Some(("索引号", Label::IndexNumber)));
        assert_eq!(label("Title"), Some(("title", Label::Title)));
        assert_eq!(label("正文"), None);
    }
}
