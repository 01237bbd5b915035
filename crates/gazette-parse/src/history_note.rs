//! The history note (题注) a 规章 or 条例 prints under its title:
//! `（2009年12月14日上海市人民政府令第25号发布，根据2018年12月7日上海市人民政府令第52号修正并重新发布）`.
//!
//! A regulation printed on its own (not under the 令 that promulgates it)
//! has no 发文字号 line and no signature: the note is the only place that
//! says which order first published it, when, and by whom. This module
//! reads that first entry; the later ones (修正, 修订) are citations, which
//! the reference finder reads like any other.
//!
//! Not for: adoption notes of a congress (`…会议通过`), which name a session
//! and no number, nor notes that are not in parentheses.

use chrono::NaiveDate;
use gazette_model::{date_prefix, DocNumber};

/// What the first entry of a history note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FirstPublished {
    /// The order number: 上海市人民政府令第25号.
    pub number: DocNumber,
    /// The day it was published.
    pub date: NaiveDate,
    /// The body whose order it is: 上海市人民政府.
    pub issuer: String,
}

/// Reads `text` as a history note whose first entry publishes by order;
/// `None` for anything else.
pub(crate) fn first_published(text: &str) -> Option<FirstPublished> {
    let inner = text.trim();
    let inner = inner
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim();
    let first = inner
        .split(['，', ',', '；', ';', '　', ' '])
        .next()?
        .trim();
    let (date, used) = date_prefix(first)?;
    let entry = first[used..].trim_start();
    let entry = entry
        .strip_suffix("发布")
        .or_else(|| entry.strip_suffix("公布"))?;
    let order = entry.rfind('令')?;
    let name = &entry[..order + '令'.len_utf8()];
    let issuer = name.strip_suffix('令')?;
    if issuer.chars().count() < 2 || !issuer.chars().all(gazette_model::is_han) {
        return None;
    }
    let number = DocNumber::parse_order(name, &entry[order + '令'.len_utf8()..])?;
    Some(FirstPublished {
        number,
        date,
        issuer: issuer.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_order_that_first_published_a_regulation() {
        let note = "（2009年12月14日上海市人民政府令第25号发布，根据2018年12月7日上海市人民政府令第52号修正并重新发布）";
        let found = first_published(note).expect("a history note");
        assert_eq!(found.number.to_string(), "上海市人民政府令第25号");
        assert_eq!(
            found.date,
            NaiveDate::from_ymd_opt(2009, 12, 14).expect("a day")
        );
        assert_eq!(found.issuer, "上海市人民政府");
        let spaced = "（1991年3月4日中华人民共和国国务院令第76号发布　2018年9月6日国务院第23次常务会议修订通过）";
        assert_eq!(
            first_published(spaced)
                .map(|f| f.number.to_string())
                .as_deref(),
            Some("国令第76号")
        );
    }

    #[test]
    fn leaves_other_notes_alone() {
        for text in [
            "（2019年3月29日上海市第十五届人民代表大会常务委员会第十次会议通过）",
            "（2018年9月6日国务院第23次常务会议修订通过）",
            "2009年12月14日上海市人民政府令第25号发布",
            "（此件公开发布）",
            "（令第25号发布）",
        ] {
            assert_eq!(first_published(text), None, "{text}");
        }
    }
}
