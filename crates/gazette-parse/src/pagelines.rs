//! Kinds of a web page's own lines that have no mark of their own, for
//! `webtext`: a row of the page's buttons (`朗读`, `打印 关闭`, `字号：大 中
//! 小`, `【收藏】`), a row of menu words (`常委会公报 人事任免 调查研究`),
//! and a news headline that repeats the document's title with a place
//! before it and a unit in brackets after it.
//!
//! Each judges the kind of the line, never its exact words: a menu row is
//! any row of three or more short Han words that name no body and no
//! document; a headline any line that holds a later title line whole.
//!
//! Not for: lines with a mark of their own (breadcrumbs, 分享到, footer),
//! which `webtext` finds by its marks; metadata lines.

use crate::text::{looks_like_title, TITLE_ENDINGS};

/// The page's buttons and links: a line of these (and [`FILLERS`]) only is
/// the page's.
const BUTTONS: &[&str] = &[
    "打印",
    "关闭",
    "收藏",
    "朗读",
    "我要纠错",
    "纠错",
    "分享",
    "字号",
    "上一篇",
    "下一篇",
    "首页",
];

/// What stands between buttons: font sizes, brackets, bars, arrows.
const FILLERS: &[&str] = &[
    "大", "中", "小", "【", "】", "[", "]", "|", ">", "＞", "›", "»", "：", ":",
];

/// Last characters of the names of bodies: a row of such names is a joint
/// signature or a list of issuers, not a menu.
const BODY_ENDINGS: &[char] = &[
    '部', '委', '局', '厅', '院', '办', '会', '府', '署', '行', '室', '处', '所', '站', '队', '团',
    '社', '心', '馆', '司', '组', '关', '校', '协',
];

/// Whether `line` is a row of the page's buttons only (at least one button).
pub(crate) fn is_button_row(line: &str) -> bool {
    let mut rest = line.trim();
    let mut buttons = 0;
    while !rest.is_empty() {
        if let Some(button) = BUTTONS.iter().find(|w| rest.starts_with(**w)) {
            buttons += 1;
            rest = rest[button.len()..].trim_start();
        } else if let Some(filler) = FILLERS.iter().find(|w| rest.starts_with(**w)) {
            rest = rest[filler.len()..].trim_start();
        } else {
            return false;
        }
    }
    buttons >= 1
}

/// Whether `line` is a row of menu words: three or more words of two to
/// eight Han characters, three of them of four or more, that name no body
/// and no kind of document.
pub(crate) fn is_menu_row(line: &str) -> bool {
    let mut words = 0;
    let mut long = 0;
    let mut bodies = 0;
    for word in line.split(|c: char| c.is_whitespace() || c == '|') {
        if word.is_empty() {
            continue;
        }
        let chars = word.chars().count();
        if !(2..=8).contains(&chars) || !word.chars().all(gazette_model::is_han) {
            return false;
        }
        if TITLE_ENDINGS.iter().any(|e| word.ends_with(e)) {
            return false;
        }
        words += 1;
        long += usize::from(chars >= 4);
        bodies += usize::from(word.ends_with(BODY_ENDINGS));
    }
    words >= 3 && long >= 3 && bodies * 2 < words
}

/// Whether `headline` is a news headline over `title`: it holds the title
/// line whole, with a short place before it and a note in brackets after
/// it (`新乡长垣市关于实施交通管制的通告(长垣市交通管理局)` over
/// `关于实施交通管制的通告`).
pub(crate) fn is_headline_over(headline: &str, title: &str) -> bool {
    let title = title.trim();
    if title.chars().count() < 6 || !looks_like_title(title) {
        return false;
    }
    let Some(at) = headline.find(title) else {
        return false;
    };
    let before = headline[..at].trim();
    let after = headline[at + title.len()..].trim();
    let bracketed = after.starts_with(['(', '（'])
        && after.ends_with([')', '）'])
        && after.chars().count() <= 30;
    bracketed && before.chars().count() <= 12 && before.chars().all(gazette_model::is_han)
}

/// Whether `line` is a page's publication stamp: a short line with a date
/// and a time of day (`社会热点2022-10-12 06:32:26未知`)
/// and no sentence. A document's own date line has no time of day.
pub(crate) fn is_stamp_line(line: &str) -> bool {
    if line.chars().count() > 40 || line.contains(['。', '，', '；']) {
        return false;
    }
    let bytes = line.as_bytes();
    // hh:mm after a space, with digits on both sides of the colon.
    let timed = (2..bytes.len().saturating_sub(2)).any(|i| {
        bytes[i] == b':'
            && bytes[i - 1].is_ascii_digit()
            && bytes[i - 2].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit()
            && bytes[i + 2].is_ascii_digit()
            && (i < 3 || bytes[i - 3] == b' ')
    });
    // A date where a run of digits starts.
    timed
        && (0..bytes.len()).any(|i| {
            bytes[i].is_ascii_digit()
                && (i == 0 || !bytes[i - 1].is_ascii_digit())
                && gazette_model::meta_date(&line[i..]).is_some()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn button_rows() {
        for line in [
            "朗读",
            "打印 关闭",
            "【打印】【关闭】",
            "字号：大 中 小",
            "字号:",
            "【收藏】 | 【纠错】",
        ] {
            assert!(is_button_row(line), "{line}");
        }
        for line in ["大 中 小", "关闭工作", "县水务局：", "打印机采购"] {
            assert!(!is_button_row(line), "{line}");
        }
    }

    #[test]
    fn menu_rows() {
        assert!(is_menu_row("常委会公报 人事任免 调查研究 一府两院传真"));
        assert!(is_menu_row("政务公开 | 政策解读 | 互动交流"));
        // Joint issuers, names, a spaced title are no menu.
        assert!(!is_menu_row(
            "国家发展改革委 财政部 人力资源社会保障部 住房城乡建设部"
        ));
        assert!(!is_menu_row("张三 李四 王五 赵六"));
        assert!(!is_menu_row("关于印发 实施方案 的通知"));
        assert!(!is_menu_row("一、总体要求"));
    }

    #[test]
    fn stamp_lines() {
        assert!(is_stamp_line("社会热点2022-10-12 06:32:26未知"));
        assert!(!is_stamp_line("2021年10月9日"));
        assert!(!is_stamp_line(
            "会议时间：2021年10月9日 14:30，地点：市政府"
        ));
        assert!(!is_stamp_line("上午9:30-11:30"));
    }

    #[test]
    fn headlines_over_a_title() {
        assert!(is_headline_over(
            "新乡长垣市关于实施交通管制的通告(长垣市交通管理局)",
            "关于实施交通管制的通告"
        ));
        // The title itself, or the title with its issuer, is no headline.
        assert!(!is_headline_over(
            "关于实施交通管制的通告",
            "关于实施交通管制的通告"
        ));
        assert!(!is_headline_over(
            "长垣市公安局关于实施交通管制的通告",
            "关于实施交通管制的通告"
        ));
        assert!(!is_headline_over("特此通告。", "特此通告"));
    }
}
