//! Where the header and the closing lines of a line-less 公文 start: the
//! cuts `lineless` makes outside the running sentences.
//!
//! The header, before the 主送 (or, without one, before the first
//! sentence), read as printed on the first page:
//! - form labels (公文稿纸, 会签稿纸, 内部资料, 签批盖章, 发电单位, 抄报),
//!   each a line of its own;
//! - 紧急程度 and 明电 fields (等级特急·明电, 特提) as one line;
//! - a 发文字号: its code starts after the 版头 (…文件, …纪要, …明电, or
//!   a body's name ending in 厅, 局, 室 …), so the 版头 is a line of its
//!   own; a second serial right after it (鲁机发454号) too;
//! - a 版头 printed over a title that names the same body again
//!   (山东省档案局 / 山东省档案局山东省档案馆关于…);
//! - 签发人：…;
//! - the title, which ends at the kind of document (通知, 函, 报告 …) just
//!   before the 主送, and the 主送, which ends at its colon.
//!
//! The closing lines: the items of the attachment list (附件：1.… 2.…),
//! 抄送/抄报/分送, and the signature: the issuing bodies, their date, and a
//! remark or 印发 after it (国务院 / 2019年1月27日 / （此件公开发布）).
//!
//! Only cuts are found here; nothing is classified for good. The segmenter
//! and the document builder read the resulting lines as printed ones.

use gazette_model::{date_prefix, is_han};

use crate::issuers;
use crate::lineless::starts_heading;
use crate::markers::{is_serial_number, FORM_LABELS, URGENCIES};
use crate::province;

/// Kinds of document a title ends with, longest first where one ends
/// another.
const KINDS: &[&str] = &[
    "预备通知",
    "通知",
    "意见",
    "复函",
    "函",
    "批复",
    "报告",
    "请示",
    "决定",
    "方案",
    "纪要",
    "通报",
    "公告",
    "通告",
    "决议",
    "办法",
    "规定",
    "细则",
    "规则",
    "答复",
    "汇报",
    "授权书",
    "要点",
    "规划",
    "预案",
];

/// Labels whose colon is not the 主送's.
const FIELD_COLONS: &[&str] = &[
    "签发人",
    "抄报",
    "抄送",
    "发电单位",
    "联系人",
    "电话",
    "附件",
    "时间",
    "地点",
    "如下",
];

/// Characters that end the name of a body (厅, 局 …).
const BODY_ENDS: &[char] = &[
    '厅', '局', '室', '会', '府', '馆', '站', '院', '部', '委', '办', '处', '司', '组',
];

/// How a body's name can start, for finding a signature run on after
/// other text (a province's name counts too).
const BODY_STARTS: &[&str] = &["中共", "中华人民共和国", "国务院", "共青团"];

/// The cuts in the header of a line-less text that opens with it.
pub(crate) fn head_cuts(text: &str) -> Vec<usize> {
    let mut at = Vec::new();
    let first_stop = floor_boundary(text, text.find('。').unwrap_or(text.len()).min(3000));
    let recipients = recipients_colon(&text[..first_stop]);
    let title_end = match recipients {
        Some((end, colon)) => {
            at.push(colon);
            end
        }
        None => untitled_head_end(&text[..first_stop]),
    };
    let head = &text[..title_end];
    label_cuts(head, &mut at);
    urgency_cuts(head, &mut at);
    let numbered = recipients.map_or(title_end, |(_, colon)| colon);
    number_cuts(&text[..numbered], &mut at);
    order_cuts(&text[..floor_boundary(text, first_stop.min(300))], &mut at);
    let title_start = at
        .iter()
        .copied()
        .filter(|&c| c < title_end)
        .max()
        .unwrap_or(0);
    if let Some(cut) = repeated_body(&text[title_start..title_end]) {
        at.push(title_start + cut);
    }
    form_sheet_cuts(head, &mut at);
    if title_end > 0 {
        at.push(title_end);
    }
    at
}

/// The 主送 line: the first colon that ends no known field and follows a
/// title (a kind of document); returns where the title ends and where the
/// line after the colon starts.
fn recipients_colon(head: &str) -> Option<(usize, usize)> {
    for (i, c) in head.char_indices() {
        if !matches!(c, '：' | ':') {
            continue;
        }
        let before = &head[..i];
        if FIELD_COLONS.iter().any(|l| before.ends_with(l)) {
            continue;
        }
        let Some(end) = last_kind_end(before) else {
            continue;
        };
        let between = &before[end..];
        if between.is_empty() || between.chars().count() > 200 || between.contains('《') {
            continue;
        }
        return Some((end, i + c.len_utf8()));
    }
    None
}

/// The end of the last kind of document named in `text`.
/// A kind inside a 发文字号's code (国函〔2006〕38号) ends no title.
fn last_kind_end(text: &str) -> Option<usize> {
    KINDS
        .iter()
        .filter_map(|kind| {
            text.rmatch_indices(kind)
                .map(|(at, _)| at + kind.len())
                .find(|&end| !text[end..].starts_with(['〔', '[', '(', '（', '【', '［']))
        })
        .max()
}

/// A header without 主送: the title ends before the first heading marker
/// or at a kind of document a date follows (…纪要2022年7月21日，…).
fn untitled_head_end(head: &str) -> usize {
    for (i, c) in head.char_indices() {
        let rest = &head[i..];
        let after_digit = head[..i].ends_with(|c: char| c.is_ascii_digit());
        if i > 0 && !after_digit && !c.is_ascii_digit() && starts_heading(rest) {
            return i;
        }
        if c.is_ascii_digit()
            && !after_digit
            && KINDS.iter().any(|k| head[..i].ends_with(k))
            && date_prefix(rest).is_some()
        {
            return i;
        }
    }
    0
}

/// The largest char boundary of `text` not after `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// An order's name and number: 中华人民共和国国务院令 / 第706号.
fn order_cuts(head: &str, at: &mut Vec<usize>) {
    let Some(k) = head.find("令第") else {
        return;
    };
    let number = &head[k + "令".len()..];
    let digits = number["第".len()..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits > 0 && number["第".len() + digits..].starts_with('号') {
        at.push(k + "令".len());
        at.push(k + "令第".len() + digits + "号".len());
    }
}

/// Before and after each form label; a label with a colon keeps its value.
fn label_cuts(head: &str, at: &mut Vec<usize>) {
    for label in FORM_LABELS {
        for (i, _) in head.match_indices(label) {
            at.push(i);
            let after = i + label.len();
            match head[after..].strip_prefix(['：', ':']) {
                // A field left empty runs into the title.
                Some(value) if value.starts_with("关于") => at.push(head.len() - value.len()),
                Some(_) => {}
                None => at.push(after),
            }
        }
    }
}

/// Around 等级特急·明电, 特提 and the like.
fn urgency_cuts(head: &str, at: &mut Vec<usize>) {
    for word in URGENCIES {
        for (i, _) in head.match_indices(word) {
            let start = if head[..i].ends_with("等级") {
                i - "等级".len()
            } else {
                i
            };
            let mut end = i + word.len();
            let rest = &head[end..];
            let separator = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '·' | '，' | ',' | '、' | ' '));
            let after_sep = &rest[separator.map_or(0, char::len_utf8)..];
            if let Some(kind) = ["明电", "密电"].iter().find(|k| after_sep.starts_with(**k)) {
                end += separator.map_or(0, char::len_utf8) + kind.len();
            }
            at.push(start);
            at.push(end);
        }
    }
}

/// Before and after each 发文字号 of the header, and after a serial that
/// follows one (鲁机发454号).
fn number_cuts(head: &str, at: &mut Vec<usize>) {
    let mut last_end = 0;
    for (q, _) in head.match_indices('号') {
        let end = q + '号'.len_utf8();
        let before = at.iter().copied().filter(|&c| c <= q).max().unwrap_or(0);
        let prev = before.max(last_end);
        if let Some(open) = bracketed_year_before(head, q).filter(|&o| o >= last_end) {
            let start = code_start(head, open).max(last_end);
            at.push(start);
            at.push(end);
            last_end = end;
        } else if prev > 0 && is_serial_number(&head[prev..end]) {
            at.push(prev);
            at.push(end);
            last_end = end;
        }
    }
}

/// The opening bracket of a four-digit year within a few characters before
/// byte `q` (the 号): 〔2021〕1号, （2020）164号, [2020]的43号.
fn bracketed_year_before(head: &str, q: usize) -> Option<usize> {
    let window_start = head[..q].char_indices().rev().nth(14).map_or(0, |(i, _)| i);
    let window = &head[window_start..q];
    let open = window.rfind(['〔', '[', '(', '（', '【', '［'])?;
    let after = &window[open..];
    let after = after.get(after.chars().next()?.len_utf8()..)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 4).then_some(window_start + open)
}

/// Where the code of a number whose year bracket opens at `open` starts:
/// after the 版头 (…文件, …纪要, …明电, or a body's name) right before it,
/// leaving at least two characters of code.
fn code_start(head: &str, open: usize) -> usize {
    let back: Vec<(usize, char)> = head[..open].char_indices().rev().take(12).collect();
    let mut best = None;
    for (k, &(i, c)) in back.iter().enumerate() {
        let end = i + c.len_utf8();
        let code_chars = k;
        let followed_by_paren = head[end..].starts_with([')', '）']);
        let boundary = !(is_han(c) || matches!(c, '(' | ')' | '（' | '）'))
            || head[..end].ends_with("文件")
            || head[..end].ends_with("纪要")
            || head[..end].ends_with("明电")
            || head[..end].ends_with("稿纸")
            || KINDS.iter().any(|k| head[..end].ends_with(k))
            || (BODY_ENDS.contains(&c) && !matches!(c, '委' | '办') && !followed_by_paren);
        if boundary && code_chars >= 2 && !doubled(&head[..end]) {
            best = Some(end);
            break;
        }
    }
    best.unwrap_or_else(|| back.last().map_or(open, |&(i, _)| i))
}

/// Whether `text` ends with a word of three characters printed twice: the
/// 版头 ends at the first (山东省人民政府办公厅 | 办公厅便函〔…).
fn doubled(text: &str) -> bool {
    let tail: Vec<char> = text.chars().rev().take(6).collect();
    tail.len() == 6 && tail[..3] == tail[3..]
}

/// The fields of a draft form (山东省应急管理厅公文稿纸: the drafting
/// division and its phone, the form's 标题 and 主送, their labels lost)
/// stand apart from the document the form carries, whose title names the
/// form's body again (山东省应急管理厅关于…的函): cuts after the form's
/// name, before each 关于 of the fields, after the kind of document they
/// name, and where that title starts.
fn form_sheet_cuts(head: &str, at: &mut Vec<usize>) {
    let Some(sheet) = head.find("稿纸").filter(|&k| k <= 120) else {
        return;
    };
    let body = head[..sheet]
        .trim_end_matches("公文")
        .trim_end_matches("发文")
        .trim_end_matches("会签");
    if body.chars().count() < 3 {
        return;
    }
    let fields_start = sheet + "稿纸".len();
    let Some(title) = head[fields_start..].rfind(&format!("{body}关于")) else {
        return;
    };
    let title = fields_start + title;
    let fields = &head[fields_start..title];
    at.push(fields_start);
    at.push(title);
    if let Some(about) = fields.find("关于").filter(|&k| k > 0) {
        at.push(fields_start + about);
    }
    if let Some(end) = last_kind_end(fields).filter(|&end| end < fields.len()) {
        at.push(fields_start + end);
    }
}

/// A 版头 over a title that names the same body first: the end of the
/// 版头 (山东省档案局 / 山东省档案局山东省档案馆关于…).
fn repeated_body(text: &str) -> Option<usize> {
    for (i, c) in text.char_indices().take(40) {
        let end = i + c.len_utf8();
        if BODY_ENDS.contains(&c) && end >= 6 && text[end..].starts_with(&text[..end]) {
            return Some(end);
        }
    }
    None
}

/// Cuts at the end of the text: attachment list items, 抄送 lines, the
/// signature, its date and what follows the date.
pub(crate) fn tail_cuts(text: &str) -> Vec<usize> {
    let mut at = Vec::new();
    attachment_items(text, &mut at);
    for label in ["抄送", "抄报", "分送"] {
        for i in find_all(text, label) {
            if text[i + label.len()..].starts_with(['：', ':']) {
                at.push(i);
            }
        }
    }
    signature_cuts(text, &mut at);
    at
}

/// Where `needle` occurs in `text` (SIMD search: these pass over the whole
/// text).
fn find_all<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
}

/// 附件：1.甲2.乙3.丙 → a line for each item.
fn attachment_items(text: &str, at: &mut Vec<usize>) {
    for i in find_all(text, "附件") {
        let rest = &text[i + "附件".len()..];
        let Some(list) = rest.strip_prefix(['：', ':']) else {
            continue;
        };
        let list_start = text.len() - list.len();
        if !list.starts_with("1.") && !list.starts_with("1、") && !list.starts_with("1．") {
            continue;
        }
        at.push(i);
        let mut from = list_start + 2;
        for n in 2..=30u32 {
            let window_end = floor_boundary(text, (from + 600).min(text.len()));
            let window = text.get(from..window_end).unwrap_or("");
            let found = [".", "、", "．"].iter().find_map(|sep| {
                let item = format!("{n}{sep}");
                window
                    .match_indices(&item)
                    .map(|(k, _)| k)
                    .find(|&k| !window[..k].ends_with(|c: char| c.is_ascii_digit()))
            });
            let Some(k) = found else {
                break;
            };
            at.push(from + k);
            from += k + 2;
        }
    }
}

/// The signature: issuing bodies, then a date that ends the line (nothing
/// but a remark, 印发 or another signature after it).
fn signature_cuts(text: &str, at: &mut Vec<usize>) {
    for i in find_all(text, "年") {
        let Some(start) = year_start(text, i) else {
            continue;
        };
        let Some((_, used)) = date_prefix(&text[start..]) else {
            continue;
        };
        let end = start + used;
        // A body that seals for the signer: 办公室（山东省住房和城乡建设厅代章）2021年….
        let names_end = sealed_for(text, start).unwrap_or(start);
        let names = names_before(text, names_end);
        if !ends_like_a_body(names) {
            continue;
        }
        let rest = &text[end..];
        let next_end = if let Some(verb) = ["印发", "翻印"].iter().find(|v| rest.starts_with(**v))
        {
            end + verb.len()
        } else if let Some(close) = remark_len(rest) {
            at.push(end);
            end + close
        } else if rest.trim().is_empty() || rest.starts_with(is_han) || rest.starts_with("抄送") {
            end
        } else {
            continue;
        };
        let names_start = names_end - names.len();
        at.push(names_start + body_start_in(names).unwrap_or(0));
        at.push(names_end);
        at.push(start);
        at.push(next_end);
    }
}

/// The byte where a four-digit year ends at `nian` (年) starts.
fn year_start(text: &str, nian: usize) -> Option<usize> {
    let before = text[..nian].trim_end();
    let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        let start = before.len() - digits;
        return (!text[..start].ends_with(|c: char| c.is_ascii_digit())).then_some(start);
    }
    // A year in Chinese numerals: 二〇一九年.
    let numerals: Vec<(usize, char)> = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| YEAR_NUMERALS.contains(c))
        .collect();
    match numerals.as_slice() {
        [.., (start, _)] if numerals.len() == 4 => Some(*start),
        _ => None,
    }
}

/// The digits of a year written in Chinese numerals.
const YEAR_NUMERALS: &str = "〇○零一二三四五六七八九";

/// The Han characters (and spaces) right before byte `at`, at most 60.
/// Where the parenthesised seal note that ends right before `at` opens
/// (（山东省住房和城乡建设厅代章）), when there is one.
fn sealed_for(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(['）', ')'])?;
    let open = before.rfind(['（', '('])?;
    let inner = &before[open..];
    (inner.chars().count() <= 40 && inner.ends_with("代章")).then_some(open)
}

fn names_before(text: &str, at: usize) -> &str {
    let mut start = at;
    for (i, c) in text[..at].char_indices().rev().take(60) {
        if !(is_han(c) || matches!(c, ' ' | '\u{3000}' | '《' | '》')) {
            break;
        }
        start = i;
    }
    &text[start..at]
}

fn ends_like_a_body(names: &str) -> bool {
    names.trim_end().ends_with(BODY_ENDS)
}

/// Where, inside a run of Han characters before a signature date, the
/// first body's name starts when other text runs into it
/// (…入场凭证中共山东省委办公厅).
fn body_start_in(names: &str) -> Option<usize> {
    names.char_indices().map(|(k, _)| k).find(|&k| {
        let rest = &names[k..];
        let starts =
            BODY_STARTS.iter().any(|s| rest.starts_with(s)) || province::starts_with_province(rest);
        // Each body named from here on ends like one, and none is a kind
        // of document: not 国务院职业教育…制度 | 国务院, an attachment's
        // title run into the signature.
        starts
            && !KINDS
                .iter()
                .chain(&["制度", "表"])
                .any(|w| rest.contains(w))
            && issuers::split_bodies(rest)
                .iter()
                .all(|name| issuers::is_body_names(name))
    })
}

/// A parenthesised remark after a date: （此件公开发布）, 〔此件发…〕, or
/// the contact under a signature: (联系人:XXX，联系电话:0531-…).
fn remark_len(rest: &str) -> Option<usize> {
    let open = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '（' | '(' | '〔'))?;
    let inner = &rest[open.len_utf8()..];
    let close = inner.find(['）', ')', '〕'])?;
    let len = open.len_utf8() + close + inner[close..].chars().next()?.len_utf8();
    let longest = if inner.starts_with("联系") { 80 } else { 20 };
    (inner[..close].chars().count() <= longest).then_some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let mut cuts = head_cuts(text);
        cuts.extend(tail_cuts(text));
        cuts.push(0);
        cuts.push(text.len());
        cuts.sort_unstable();
        cuts.dedup();
        cuts.windows(2)
            .map(|w| text[w[0]..w[1]].trim())
            .filter(|t| !t.is_empty())
            .collect()
    }

    #[test]
    fn cuts_a_masthead_number_title_and_recipients() {
        let text = "山东省扶贫开发领导组文件鲁扶贫组字〔2021〕1号山东省扶贫开发领导小组关于召开工作会议的通知各市扶贫开发领导小组:经省委同意";
        assert_eq!(
            lines(text),
            [
                "山东省扶贫开发领导组文件",
                "鲁扶贫组字〔2021〕1号",
                "山东省扶贫开发领导小组关于召开工作会议的通知",
                "各市扶贫开发领导小组:",
                "经省委同意"
            ]
        );
    }

    #[test]
    fn cuts_urgency_fields_and_serials() {
        let text = "中共山东省委办公厅等级特提·明电鲁办发电〔2021〕30号鲁机发589号中共山东省委办公厅关于召开大会的通知各市党委:省委决定";
        assert_eq!(
            lines(text),
            [
                "中共山东省委办公厅",
                "等级特提·明电",
                "鲁办发电〔2021〕30号",
                "鲁机发589号",
                "中共山东省委办公厅关于召开大会的通知",
                "各市党委:",
                "省委决定"
            ]
        );
    }

    #[test]
    fn cuts_a_masthead_repeated_in_the_title() {
        let text = "山东省档案局山东省档案局山东省档案馆关于开展申报工作的通知各市档案局:根据";
        assert_eq!(
            lines(text),
            [
                "山东省档案局",
                "山东省档案局山东省档案馆关于开展申报工作的通知",
                "各市档案局:",
                "根据"
            ]
        );
    }

    #[test]
    fn cuts_the_signature_and_the_attachment_list() {
        let text = "附件:1.主会场参会人员2.主会场报名回执3.入场凭证中共山东省委办公厅2021年2月7日（此件公开发布）";
        assert_eq!(
            lines(text),
            [
                "附件:1.主会场参会人员",
                "2.主会场报名回执",
                "3.入场凭证",
                "中共山东省委办公厅",
                "2021年2月7日",
                "（此件公开发布）"
            ]
        );
        let sentence = "省委定于2021年2月18日上午9时在济南召开大会";
        assert_eq!(lines(sentence), [sentence]);
    }

    #[test]
    fn a_draft_forms_fields_stand_apart_from_the_document() {
        let text = "某省应急管理厅公文稿纸救援处0531-8179XXXX关于印发《某预案》的通知各市人民政府，有关企业某省应急管理厅关于商请会签《某手册》的函各市人民政府，有关企业:根据部署要求，现请会签。";
        let found = lines(text);
        assert!(
            found.contains(&"某省应急管理厅关于商请会签《某手册》的函"),
            "{found:?}"
        );
        assert!(found.contains(&"关于印发《某预案》的通知"), "{found:?}");
        assert!(found.contains(&"各市人民政府，有关企业"), "{found:?}");
    }

    #[test]
    fn a_contact_remark_after_the_date_ends_the_signature() {
        let text = "附件:1.征订通知2.征订统计表山东省保密局2020年10月27日(联系人:XXX，联系电话:0531-5177XXXX,1558888XXXX)征订通知正文";
        let found = lines(text);
        assert!(found.contains(&"2020年10月27日"), "{found:?}");
        assert!(
            found.contains(&"(联系人:XXX，联系电话:0531-5177XXXX,1558888XXXX)"),
            "{found:?}"
        );
        // A long aside that is no contact stays in its sentence.
        let aside =
            "山东省保密局2020年10月27日(根据国家保密局关于做好年度保密工作要求的统一部署安排)继续";
        assert_eq!(lines(aside), [aside]);
    }

    #[test]
    fn a_seal_note_between_signature_and_date_stands_alone() {
        // As ocr-flat train-058 prints it.
        let text = "请按时报送。专项小组办公室（山东省住房和城乡建设厅代章）2021年3月29日";
        assert_eq!(
            lines(text),
            [
                "请按时报送。",
                "专项小组办公室",
                "（山东省住房和城乡建设厅代章）",
                "2021年3月29日"
            ]
        );
        // Words in parentheses that seal nothing keep the signature unread.
        let remark = "见附表（单位：万元）2021年3月29日起执行";
        assert!(lines(remark).iter().all(|l| *l != "2021年3月29日"));
    }
}
