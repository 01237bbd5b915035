//! The labels publishers print beside a document (索引号, 发文字号, 发布日期 …)
//! and how a labelled value goes into a [`PublishedMeta`]: the one home of
//! that knowledge for every form that prints them (an HTML page's table,
//! the metadata block of web text, a Markdown front matter).
//!
//! Not for: finding the labels in a page or a text (`gazette-html` and
//! `gazette-parse` do), nor folding traditional characters (callers fold a
//! label before they look it up).

use chrono::NaiveDate;

use crate::{date_prefix, parse_date, MetaField, MetaSource, PublishedMeta};

/// What a publisher's label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaLabel {
    /// 索引号
    IndexNumber,
    /// 主题分类
    Topic,
    /// 发文机关
    Issuer,
    /// 成文日期
    Written,
    /// 发布日期
    Published,
    /// 标题
    Title,
    /// 发文字号
    DocNumber,
    /// 主题词
    Keywords,
    /// 效力状态
    Validity,
    /// A known label with no field of its own (来源, 访问次数 …), kept in
    /// [`PublishedMeta::other`].
    Other,
}

/// Labels as publishers print them, without inner spaces (Chinese), and
/// the English keys of a front matter.
const LABELS: &[(&str, MetaLabel)] = &[
    ("索引号", MetaLabel::IndexNumber),
    ("主题分类", MetaLabel::Topic),
    ("所属主题", MetaLabel::Topic),
    ("分类", MetaLabel::Topic),
    ("信息分类", MetaLabel::Topic),
    ("topic", MetaLabel::Topic),
    ("发文机关", MetaLabel::Issuer),
    ("发文机构", MetaLabel::Issuer),
    ("发文单位", MetaLabel::Issuer),
    ("发布机构", MetaLabel::Issuer),
    ("发布机关", MetaLabel::Issuer),
    ("发布单位", MetaLabel::Issuer),
    ("责任部门", MetaLabel::Issuer),
    ("issuer", MetaLabel::Issuer),
    ("成文日期", MetaLabel::Written),
    ("成文时间", MetaLabel::Written),
    ("发文日期", MetaLabel::Written),
    ("written", MetaLabel::Written),
    ("发布日期", MetaLabel::Published),
    ("发布时间", MetaLabel::Published),
    ("公开日期", MetaLabel::Published),
    ("published", MetaLabel::Published),
    ("date", MetaLabel::Published),
    ("标题", MetaLabel::Title),
    ("名称", MetaLabel::Title),
    ("文件名称", MetaLabel::Title),
    ("title", MetaLabel::Title),
    ("发文字号", MetaLabel::DocNumber),
    ("文号", MetaLabel::DocNumber),
    ("doc_number", MetaLabel::DocNumber),
    ("主题词", MetaLabel::Keywords),
    ("关键词", MetaLabel::Keywords),
    ("keywords", MetaLabel::Keywords),
    ("效力状态", MetaLabel::Validity),
    ("有效性", MetaLabel::Validity),
    ("时效性", MetaLabel::Validity),
    ("validity", MetaLabel::Validity),
    ("来源", MetaLabel::Other),
    ("信息来源", MetaLabel::Other),
    ("上载日期", MetaLabel::Other),
    ("生成日期", MetaLabel::Other),
    ("访问次数", MetaLabel::Other),
    ("浏览次数", MetaLabel::Other),
    ("点击数", MetaLabel::Other),
    ("内容概述", MetaLabel::Other),
    ("核心提示", MetaLabel::Other),
    // A page's visit counter and dates: `webtext` takes these for a
    // metadata line only with another label beside them.
    ("日期", MetaLabel::Published),
    ("时间", MetaLabel::Published),
    ("浏览", MetaLabel::Other),
    ("评论", MetaLabel::Other),
    ("标签", MetaLabel::Other),
    ("作者", MetaLabel::Other),
    // A county's register of normative documents: 统一登记号 YXDR-2012-00006
    // is no 发文字号.
    ("统一登记号", MetaLabel::Other),
    ("登记日期", MetaLabel::Other),
    ("签署日期", MetaLabel::Other),
    ("公开方式", MetaLabel::Other),
    ("公开范围", MetaLabel::Other),
    ("信息时效期", MetaLabel::Other),
    ("所属机构", MetaLabel::Other),
    ("公开责任部门", MetaLabel::Other),
];

/// The known label `compact` is: a label without its inner whitespace, in
/// simplified characters, English keys in lower case.
pub fn meta_label(compact: &str) -> Option<(&'static str, MetaLabel)> {
    LABELS
        .iter()
        .find(|(known, _)| *known == compact)
        .map(|&(known, label)| (known, label))
}

/// Every known label printed in Chinese, with what it names.
pub fn chinese_meta_labels() -> impl Iterator<Item = (&'static str, MetaLabel)> {
    LABELS
        .iter()
        .filter(|(known, _)| !known.is_ascii())
        .map(|&(known, label)| (known, label))
}

/// A date as publishers print it: `2019年3月1日`, `2024年04月06日 16:40`,
/// `2019-03-01`, `2019/03/01`, `2019.03.01`, with or without a time.
pub fn meta_date(value: &str) -> Option<NaiveDate> {
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

impl PublishedMeta {
    /// An empty meta read from `source`.
    pub fn new(source: MetaSource) -> PublishedMeta {
        PublishedMeta {
            source,
            ..PublishedMeta::default()
        }
    }

    /// Whether nothing was read into it.
    pub fn is_empty(&self) -> bool {
        *self == PublishedMeta::new(self.source)
    }

    /// Puts the value printed under the known label `known` (what
    /// [`meta_label`] gave) into its field. The first value printed for a
    /// field is kept, but keywords add up (a front matter lists them one
    /// per line); an empty value is left out; a date that cannot be read,
    /// and a label with no field of its own, go to `other` as printed.
    pub fn set(&mut self, known: &str, label: MetaLabel, value: &str) {
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            return;
        }
        let text = || Some(value.to_owned());
        match label {
            MetaLabel::IndexNumber => self.index_number = self.index_number.take().or_else(text),
            MetaLabel::Topic => self.topic = self.topic.take().or_else(text),
            MetaLabel::Issuer => self.issuer = self.issuer.take().or_else(text),
            MetaLabel::Title => self.title = self.title.take().or_else(text),
            MetaLabel::DocNumber => self.doc_number = self.doc_number.take().or_else(text),
            MetaLabel::Validity => self.validity = self.validity.take().or_else(text),
            MetaLabel::Keywords => {
                let words = value
                    .split(|c: char| c.is_whitespace() || "、，,；;".contains(c))
                    .map(|k| k.trim_matches(['[', ']', '"', '\'']))
                    .filter(|k| !k.is_empty());
                for word in words {
                    if !self.keywords.iter().any(|k| k == word) {
                        self.keywords.push(word.to_owned());
                    }
                }
            }
            MetaLabel::Written | MetaLabel::Published => {
                let slot = if label == MetaLabel::Written {
                    &mut self.written
                } else {
                    &mut self.published
                };
                match meta_date(value) {
                    Some(date) => *slot = slot.or(Some(date)),
                    None => self.push_other(known, value),
                }
            }
            MetaLabel::Other => self.push_other(known, value),
        }
    }

    fn push_other(&mut self, label: &str, value: &str) {
        let field = MetaField {
            label: label.to_owned(),
            value: value.to_owned(),
        };
        if !self.other.contains(&field) {
            self.other.push(field);
        }
    }
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
    fn the_first_value_of_a_field_is_kept_and_unreadable_dates_go_to_other() {
        let mut meta = PublishedMeta::new(MetaSource::TextBlock);
        assert!(meta.is_empty());
        meta.set("标题", MetaLabel::Title, " 关于X的通知 ");
        meta.set("标题", MetaLabel::Title, "另一个标题");
        meta.set("发布日期", MetaLabel::Published, "不详");
        meta.set("主题词", MetaLabel::Keywords, "政务公开、信息 [公开]");
        assert_eq!(meta.title.as_deref(), Some("关于X的通知"));
        assert_eq!(meta.published, None);
        assert_eq!(meta.other[0].value, "不详");
        assert_eq!(meta.keywords, ["政务公开", "信息", "公开"]);
        assert_eq!(
            meta_label("索引号"),
            Some(("索引号", MetaLabel::IndexNumber))
        );
        assert_eq!(meta_label("正文"), None);
    }
}
