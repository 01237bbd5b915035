//! Small helpers on the text of blocks that the extractors share: sentences,
//! heading markers, and the endings that make a name read as a unit. (Where
//! a piece of a block's text is printed is `gazette_model`'s
//! [`Block::source_span`](gazette_model::Block::source_span).)
//!
//! Not for: reading any one kind of record (each extractor has its module).

use std::ops::Range;

/// The sentences of `text` as byte ranges, split after 。；！？ and at
/// tabs and newlines, trimmed, empty ones dropped.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if matches!(c, '。' | '；' | '！' | '？' | ';' | '\t' | '\n') {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

/// `text` without a leading heading marker (`（一）`, `一、`, `1.`).
pub(crate) fn strip_marker(text: &str) -> &str {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let paren = text
        .strip_prefix('（')
        .and_then(|rest| rest.split_once('）'))
        .filter(|(inner, _)| !inner.is_empty() && inner.chars().all(numeral))
        .map(|(_, rest)| rest);
    let listed = text
        .split_once(['、', '.', '．'])
        .filter(|(head, _)| !head.is_empty() && head.chars().all(numeral))
        .map(|(_, rest)| rest);
    paren.or(listed).unwrap_or(text).trim_start()
}

/// Endings of a unit's name (局, 委员会, 政府 …): what a name must end with
/// to be read as a unit, in a responsibility list or as the unit a report goes to.
pub(crate) const UNIT_ENDINGS: &[&str] = &[
    "局",
    "委",
    "办",
    "厅",
    "部",
    "署",
    "政府",
    "管委",
    "委员会",
    "中心",
    "实验室",
    "会",
    "院",
    "台",
    "社",
    "行",
    "队",
    "室",
    "所",
    "组",
    "集团",
    "公司",
    "单位",
    "部门",
    "联",
    "团中央",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_heading_markers() {
        assert_eq!(strip_marker("（二）自2019年5月1日起"), "自2019年5月1日起");
        assert_eq!(strip_marker("1. 推动合作"), "推动合作");
        assert_eq!(strip_marker("7月15日前"), "7月15日前");
    }
}
