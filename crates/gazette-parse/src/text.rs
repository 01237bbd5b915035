//! Small judgements on Chinese text shared by the extractors: where a
//! sentence ends, what a title looks like, how to quote a few characters.

use gazette_model::is_han;

/// Endings of titles: the kinds of 公文 and of the documents they issue.
/// Only multi-character words, so that a line broken after 代表 or 命令 is
/// not taken for a title.
pub(crate) const TITLE_ENDINGS: &[&str] = &[
    "通知",
    "意见",
    "方案",
    "决定",
    "办法",
    "名单",
    "要点",
    "公约",
    "目录",
    "规定",
    "条例",
    "细则",
    "复函",
    "的函",
    "批复",
    "通报",
    "报告",
    "请示",
    "公告",
    "通告",
    "决议",
    "纪要",
    "一览表",
    "落实表",
    "分解表",
    "对照表",
    "汇总表",
    "清单",
    "指南",
    "规则",
    "纲要",
    "规划",
    "计划",
    "预案",
    "答复",
    "章程",
    "守则",
    "措施",
    "标准",
    "统计公报",
    "禁火令",
];

/// The text without whitespace.
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `text` ends a sentence or a clause that introduces what follows.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let mut rev = text
        .chars()
        .rev()
        .skip_while(|c| matches!(c, '”' | '’' | '」' | '』'));
    matches!(
        rev.next(),
        Some('。' | '！' | '？' | '；' | '：' | '…' | '!' | '?' | ';' | ':')
    )
}

/// Whether `text` reads as a complete title: no sentence punctuation, not
/// too long, and ending with a kind of document (a trailing parenthetical
/// such as （以化工企业为例） aside).
pub(crate) fn looks_like_title(text: &str) -> bool {
    // Checked first and bounded: a paragraph growing line by line asks this
    // after every line, so a scan of all its text would be quadratic.
    if text.chars().nth(100).is_some()
        || text.contains(['，', '。', '；', '：', '！', '？', ':', ';'])
    {
        return false;
    }
    let has_ending = |core: &str| {
        let core = strip_trailing_parenthetical(strip_footnote_marker(core));
        TITLE_ENDINGS.iter().any(|ending| core.ends_with(ending))
    };
    if !text.contains(char::is_whitespace) {
        return has_ending(text);
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    has_ending(&compact)
}

/// The text without a footnote marker after it: …统计公报[1], …公报［2］,
/// …公报[注1] → …公报. A bracket that holds anything else stays.
pub(crate) fn strip_footnote_marker(text: &str) -> &str {
    let Some(body) = text.strip_suffix([']', '］']) else {
        return text;
    };
    let Some(open) = body.rfind(['[', '［']) else {
        return text;
    };
    let inner = body[open..]
        .trim_start_matches(['[', '［'])
        .trim_start_matches('注');
    let marker = (1..=3).contains(&inner.chars().count())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if marker && open > 0 {
        text[..open].trim_end()
    } else {
        text
    }
}

fn strip_trailing_parenthetical(text: &str) -> &str {
    if !text.ends_with(['）', ')']) {
        return text;
    }
    match text.rfind(['（', '(']) {
        Some(open) if open > 0 => &text[..open],
        _ => text,
    }
}

/// Removes spaces next to a Han character or CJK punctuation, as titles are
/// set without them: “关于印发 青岛市…” reads “关于印发青岛市…”, “关于印发
/// 2019年…” reads “关于印发2019年…”. Spaces between Latin words stay.
/// Returns the text and whether anything was removed.
pub(crate) fn drop_stray_spaces(text: &str) -> (String, bool) {
    if !text.contains(char::is_whitespace) {
        return (text.to_owned(), false);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut dropped = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let (Some(&b), Some(&a)) = (before, after) else {
                out.push(c);
                continue;
            };
            if is_cjk(b) || is_cjk(a) {
                dropped = true;
                continue;
            }
        }
        out.push(c);
    }
    (out, dropped)
}

fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(
            c,
            '“' | '”' | '《' | '》' | '（' | '）' | '、' | '〔' | '〕'
        )
}

/// The first `n` characters of `text`, for messages.
pub(crate) fn excerpt(text: &str, n: usize) -> &str {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The last `n` characters of `text`, for messages.
pub(crate) fn tail_chars(text: &str, n: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("制定本实施意见。"));
        assert!(ends_sentence("各区、市人民政府，市直各单位："));
        assert!(ends_sentence("打好“重大安全隐患攻坚战。”"));
        assert!(!ends_sentence("1—2个"));
        assert!(!ends_sentence("（责任单位：市科技局）"));
    }

    #[test]
    fn titles() {
        assert!(looks_like_title("青岛市降低社会保险费率实施方案"));
        assert!(looks_like_title(
            "企业安全生产风险隐患排查整治指导目录（以化工企业为例）"
        ));
        assert!(looks_like_title(
            "2019年青岛市政务公开重点工作任务分解落实表"
        ));
        assert!(looks_like_title("国 务 院 工 作 规 则"));
        assert!(!looks_like_title("推进人大代表"));
        assert!(!looks_like_title("附件：青岛市人民政府防汛抗旱指挥部人员"));
        assert!(!looks_like_title("按照市委、市政府作"));
    }

    #[test]
    fn footnote_markers_after_a_title() {
        assert_eq!(strip_footnote_marker("某省统计公报[1]"), "某省统计公报");
        assert_eq!(strip_footnote_marker("某省统计公报［12］"), "某省统计公报");
        assert_eq!(strip_footnote_marker("某省统计公报[注1]"), "某省统计公报");
        assert_eq!(
            strip_footnote_marker("某省统计公报[试行]"),
            "某省统计公报[试行]"
        );
        assert_eq!(strip_footnote_marker("[1]"), "[1]");
        assert!(looks_like_title("某省2022年国民经济和社会发展统计公报[1]"));
    }

    #[test]
    fn stray_spaces_between_han_go() {
        assert_eq!(
            drop_stray_spaces("青岛市人民政府办公厅关于印发 青岛市降低社会保险费率实施方案的通知"),
            (
                "青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知".to_owned(),
                true
            )
        );
        assert_eq!(
            drop_stray_spaces("土 地 使 用 期 限 的 批 复").0,
            "土地使用期限的批复"
        );
        assert_eq!(
            drop_stray_spaces("关于印发 2019年要点").0,
            "关于印发2019年要点"
        );
        assert_eq!(
            drop_stray_spaces("IPv6 and GMP"),
            ("IPv6 and GMP".to_owned(), false)
        );
    }
}
