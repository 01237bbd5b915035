//! The text of a web page, copied or scraped: its metadata block read, the
//! page's own lines (navigation, print and share links, footer) kept out of
//! the document.
//!
//! [`WebText::find`] sorts out two kinds of lines that are the page's, not
//! the document's:
//! - chrome: breadcrumbs (`首页 > 政务公开 > 政策文件`, `当前位置：…`),
//!   `【字体：大 中 小】 打印 关闭窗口`, `分享到：`, `扫一扫在手机打开当前页`,
//!   `返回顶部`, a bar of site links, and footer lines (网站标识码, ICP备,
//!   主办单位, 版权所有 …); kinds without a mark (`pagelines`): a row of
//!   buttons (`朗读`) or of menu words, a news headline over the title, a
//!   publication stamp;
//! - the metadata block: labelled fields (`索引号：…`, `• 发文字号：…`,
//!   `发布日期：2023-03-21 访问次数：123`, two fields on one line, labels
//!   spaced out as `索   引   号`, a label alone with its value on the next
//!   line, a publication time before `来源：`, labels glued to their values
//!   (`文    号厅头〔2022〕723号效力状态有效`), a visit counter
//!   `日期:2015-10-10 浏览:9 评论:0`).
//!
//! Both are blanked in a working text of the same length (so spans need no
//! mapping) and kept as the issue's artifacts (`web_chrome`, `meta_line`):
//! nothing is lost, and no field (title, number, issuer, first paragraph)
//! takes them in. The fields go into the first document's
//! `published_meta` (source `text_block`).
//!
//! A page in traditional characters is matched on its simplified folding
//! (`traditional`); the values are read as printed.
//!
//! Not for: paged text (a page printed to PDF keeps its layout and its
//! field table, read by `segment`'s `Fields` header; a browser's print
//! has its tab title and metadata line taken out by `webprint`), Markdown,
//! HTML.

use std::sync::OnceLock;

use gazette_model::{Artifact, ArtifactKind, Issue, MetaSource, PublishedMeta, Span};

use crate::pagelines;
use crate::published::{self, meta_date, Label};
use crate::traditional;

/// Phrases that make a short line the page's own wherever they stand.
const CHROME_MARKS: &[&str] = &[
    "当前位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
    "【字体",
    "字体：",
    "字体:",
    "【字号",
    "分享到",
    "扫一扫在手机",
    "返回顶部",
    "关闭窗口",
    "打印本页",
    "网站标识码",
    "ICP备",
    "公网安备",
    "主办单位",
    "承办单位",
    "版权所有",
    "技术支持",
    "网站地图",
    "无障碍浏览",
    "无障碍阅读",
    "设为首页",
    "加入收藏",
    "长者版",
    "上一期",
    "下一期",
    "点击此处下载",
    "使用tab按钮",
    "中国政府网",
    "上一篇",
    "下一篇",
    "猜你喜欢",
    "相关推荐",
    "大家正在看",
    "本文标签",
    "相关阅读",
    "相关文章",
];

/// Strong labels: one of them must be in a metadata block.
pub(crate) const STRONG: &[Label] = &[
    Label::IndexNumber,
    Label::DocNumber,
    Label::Published,
    Label::Written,
    Label::Issuer,
    Label::Topic,
];

/// Labels of a page's visit counter and dates (日期, 浏览, 评论 …) that
/// make a metadata line only with another label beside them.
const LOOSE_LABELS: &[&str] = &["日期", "时间", "浏览", "评论", "标签"];

/// A line that holds a later line of the head whole, with a place before
/// and a unit in brackets after it, is looked for among this many first
/// lines (a news headline over the document's own title).
const HEADLINE_LINES: usize = 8;

/// A metadata block is looked for among this many first non-blank lines,
/// so that a labelled line of the body (名称：… in a form) stays body.
const HEADER_LINES: usize = 40;

/// The page's own lines are looked for among the first [`HEADER_LINES`]
/// and this many last non-blank lines: navigation and links above the
/// document, share links and the footer below it.
const FOOTER_LINES: usize = 30;

/// A line sorted out of the document.
#[derive(Debug, Clone)]
pub(crate) struct PageLine {
    pub(crate) kind: ArtifactKind,
    pub(crate) span: Span,
    pub(crate) line: usize,
}

/// The page's lines of a web text, its metadata and its working text.
#[derive(Debug, Clone)]
pub(crate) struct WebText {
    /// The text with the page's lines blanked.
    pub work: String,
    lines: Vec<PageLine>,
    meta: PublishedMeta,
}

/// One labelled field of a line: label as matched, value as printed.
pub(crate) type Field<'a> = (&'static str, Label, &'a str);

impl WebText {
    /// The page's lines of `text`, when it is the text of a web page.
    /// A page in traditional characters (`is_traditional`) is matched on
    /// its simplified folding (same offsets); values are read as printed.
    pub(crate) fn find(text: &str, is_traditional: bool) -> Option<WebText> {
        if memchr::memchr(0x0C, text.as_bytes()).is_some() {
            return None;
        }
        // A line as matched: folded when the page is in traditional
        // characters (same offsets, so a value's place in it is its place
        // in the printed line).
        let matched = |printed: &str| -> String {
            if is_traditional {
                traditional::fold(printed)
            } else {
                printed.to_owned()
            }
        };
        let printed = |value: &str, folded_line: &str, printed_line: &str| -> String {
            let at = (value.as_ptr() as usize).wrapping_sub(folded_line.as_ptr() as usize);
            printed_line
                .get(at..at + value.len())
                .unwrap_or(value)
                .to_owned()
        };
        let lines = edge_lines(text);
        let mut page = Vec::new();
        let mut meta = PublishedMeta::new(MetaSource::TextBlock);
        let mut strong = 0;
        let mut chrome = 0;
        let mut most_labels = 0;
        let mut k = 0;
        while k < lines.len() {
            let (number, span) = lines[k];
            let printed_line = span.of(text);
            let line_text = matched(printed_line);
            let line = line_text.as_str();
            k += 1;
            let headline = k <= HEADLINE_LINES
                && lines[k..lines.len().min(k + 4)]
                    .iter()
                    .any(|&(_, s)| pagelines::is_headline_over(line, &matched(s.of(text))));
            // A metadata line with the page's buttons at its end (…来源：中国政府网
            // 字号：[大][中][小]) is read for its fields.
            let fields_first = k <= HEADER_LINES && meta_fields(line).is_some();
            if headline || (is_chrome(line) && !fields_first) {
                chrome += 1;
                page.push(PageLine {
                    kind: ArtifactKind::WebChrome,
                    span,
                    line: number,
                });
                continue;
            }
            if k > HEADER_LINES {
                continue;
            }
            let after_meta = page.last().is_some_and(|p| {
                p.kind == ArtifactKind::MetaLine && k >= 2 && p.span == lines[k - 2].1
            });
            let fields =
                meta_fields(line).or_else(|| after_meta.then(|| glued_field(line)).flatten());
            let Some(fields) = fields else {
                // A publication stamp: 社会热点2022-10-12 06:32:26未知.
                if pagelines::is_stamp_line(line) {
                    chrome += 1;
                    page.push(PageLine {
                        kind: ArtifactKind::WebChrome,
                        span,
                        line: number,
                    });
                }
                continue;
            };
            most_labels = most_labels.max(fields.len());
            page.push(PageLine {
                kind: ArtifactKind::MetaLine,
                span,
                line: number,
            });
            // A label alone: its value is the next line, unless that is a
            // field, the page's, or a sentence.
            if let [(label, kind, "")] = fields.as_slice() {
                let next = lines.get(k).map(|&(n, s)| (n, s, matched(s.of(text))));
                if let Some((n, s, value)) = next.filter(|(_, _, v)| takes_value(*kind, v)) {
                    strong += usize::from(STRONG.contains(kind));
                    published::set(&mut meta, label, &printed(&value, &value, s.of(text)));
                    page.push(PageLine {
                        kind: ArtifactKind::MetaLine,
                        span: s,
                        line: n,
                    });
                    k += 1;
                }
                continue;
            }
            for (label, kind, value) in fields {
                strong += usize::from(STRONG.contains(&kind) && !value.is_empty());
                published::set(&mut meta, label, &printed(value, line, printed_line));
            }
        }
        let fields = page.len() - chrome;
        // Two lines of the page's, or a publisher's field with another
        // (on its line or on another), or one line of the page's with one
        // field.
        let is_web = chrome >= 2
            || (strong >= 1 && (fields >= 2 || chrome >= 1 || most_labels >= 2))
            || (chrome >= 1 && fields >= 1);
        if !is_web {
            return None;
        }
        Some(WebText {
            work: blanked(text, &page)?,
            lines: page,
            meta,
        })
    }

    /// The first bytes of the page's lines, in order.
    pub(crate) fn page_line_starts(&self) -> Vec<usize> {
        line_starts(&self.lines)
    }

    /// Brings the page's lines and metadata into `issue`, parsed from the
    /// working text.
    pub(crate) fn apply(self, issue: &mut Issue, text: &str) {
        issue.form = gazette_model::TextForm::WebText;
        bring_in(issue, self.lines, self.meta, text);
    }
}

/// `text` with the page's `lines` blanked (spaces, so every offset stays).
pub(crate) fn blanked(text: &str, lines: &[PageLine]) -> Option<String> {
    let mut work = text.as_bytes().to_vec();
    for line in lines {
        work.get_mut(line.span.start..line.span.end)?.fill(b' ');
    }
    String::from_utf8(work).ok()
}

/// The first bytes of the page's `lines`, in order.
pub(crate) fn line_starts(lines: &[PageLine]) -> Vec<usize> {
    let mut starts: Vec<usize> = lines.iter().map(|l| l.span.start).collect();
    starts.sort_unstable();
    starts
}

/// Brings a page's lines (as artifacts of page 1) and its metadata (onto
/// the first document) into `issue`, parsed from the working text: for web
/// text and for a web page printed to PDF alike.
pub(crate) fn bring_in(issue: &mut Issue, lines: Vec<PageLine>, meta: PublishedMeta, text: &str) {
    keep_as_artifacts(issue, lines, text);
    if let Some(doc) = issue.documents.first_mut() {
        if !meta.is_empty() {
            crate::meta::attach_to_document(doc, meta);
        }
    }
}

/// Keeps `lines` (a page's lines, or the noise inside lines: `noise`) as
/// artifacts of page 1 of `issue`, each with its text as printed in
/// `text`, all of them in the order of the text.
pub(crate) fn keep_as_artifacts(
    issue: &mut Issue,
    lines: impl IntoIterator<Item = PageLine>,
    text: &str,
) {
    issue
        .artifacts
        .extend(lines.into_iter().map(|line| Artifact {
            kind: line.kind,
            text: line.span.of(text).to_owned(),
            span: line.span,
            line: line.line,
            page: 1,
        }));
    issue.artifacts.sort_by_key(|a| a.span.start);
}

/// The first [`HEADER_LINES`] and the last [`FOOTER_LINES`] non-blank
/// lines of `text` (each once): number (1-based) and trimmed span.
fn edge_lines(text: &str) -> Vec<(usize, Span)> {
    let bytes = text.as_bytes();
    let mut head = Vec::new();
    let mut start = 0;
    let mut number = 1;
    while start <= bytes.len() && head.len() < HEADER_LINES {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if let Some(span) = trimmed(text, start, end) {
            head.push((number, span));
        }
        start = end + 1;
        number += 1;
    }
    let head_end = start;
    let mut tail = Vec::new();
    let mut end = bytes.len();
    while end > head_end && tail.len() < FOOTER_LINES {
        let line_start =
            memchr::memrchr(b'\n', &bytes[head_end..end]).map_or(head_end, |i| head_end + i + 1);
        if let Some(span) = trimmed(text, line_start, end) {
            tail.push(span);
        }
        end = line_start.saturating_sub(1);
    }
    tail.reverse();
    let mut counted = head_end.min(bytes.len());
    for span in tail {
        number += memchr::memchr_iter(b'\n', &bytes[counted..span.start]).count();
        counted = span.start;
        head.push((number, span));
    }
    head
}

/// The span of `text[start..end]` without its surrounding whitespace, when
/// anything is left.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let line = text.get(start..end)?;
    let content = line.trim();
    if content.is_empty() {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    Some(Span::new(start + lead, start + lead + content.len()))
}

/// Whether `line` is the page's own: navigation, links, footer.
fn is_chrome(line: &str) -> bool {
    // Longer than 80 characters of three bytes: a paragraph.
    if line.len() > 240 || line.contains('。') {
        return false;
    }
    if has_chrome_mark(line) {
        return true;
    }
    // 首页 > 政务公开 > 政策文件, or a menu bar that opens with 首页
    // (首     页 政 务 公 开 网 上 办 事 …).
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let crumbs = line.matches(['>', '＞', '›', '»']).count();
    if compact.contains("首页") && crumbs >= 1 {
        return true;
    }
    if compact.starts_with("首页") && line.split_whitespace().count() >= 3 {
        return true;
    }
    // A row of buttons (打印 关闭, 朗读) or of menu words.
    pagelines::is_button_row(line) || pagelines::is_menu_row(line)
}

/// Whether `line` holds one of [`CHROME_MARKS`]: one pass over its
/// characters, a mark tried only where its first character stands.
fn has_chrome_mark(line: &str) -> bool {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut first: Vec<char> = CHROME_MARKS
            .iter()
            .filter_map(|m| m.chars().next())
            .collect();
        first.sort_unstable();
        first.dedup();
        first
    });
    line.char_indices().any(|(i, c)| {
        first.binary_search(&c).is_ok() && CHROME_MARKS.iter().any(|m| line[i..].starts_with(m))
    })
}

/// The label `text` opens with, its inner spaces allowed (`索   引   号`):
/// the label, what it names and the bytes it takes.
fn label_at(text: &str) -> Option<(&'static str, Label, usize)> {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    let firsts = FIRST.get_or_init(|| {
        let mut firsts: Vec<char> = gazette_model::chinese_meta_labels()
            .filter_map(|(known, _)| known.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    });
    let first = text.chars().next()?;
    if firsts.binary_search(&first).is_err() {
        return None;
    }
    let mut best: Option<(&'static str, Label, usize)> = None;
    for (known, kind) in gazette_model::chinese_meta_labels() {
        let mut used = 0;
        let mut matched = true;
        for (n, want) in known.chars().enumerate() {
            let rest = &text[used..];
            let skipped = if n == 0 {
                0
            } else {
                rest.len() - rest.trim_start().len()
            };
            if rest[skipped..].starts_with(want) {
                used += skipped + want.len_utf8();
            } else {
                matched = false;
                break;
            }
        }
        if matched && best.is_none_or(|(b, _, _)| b.len() < known.len()) {
            best = Some((known, kind, used));
        }
    }
    best
}

/// The labelled fields of a metadata line, when it is one.
pub(crate) fn meta_fields(line: &str) -> Option<Vec<Field<'_>>> {
    if line.contains('|') {
        return cell_fields(line);
    }
    let mut rest = line.trim_start_matches(['•', '·', '●', '◆', '■', '-', '*', ' ', '\u{3000}']);
    let mut fields: Vec<Field<'_>> = Vec::new();
    // A publication time before the first label: 2011-06-18 00:00:00 来源: …
    let stamp_len = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':' | ' ')))
        .unwrap_or(rest.len());
    if stamp_len >= 8 && meta_date(&rest[..stamp_len]).is_some() {
        fields.push(("发布时间", Label::Published, rest[..stamp_len].trim()));
        rest = &rest[stamp_len..];
    }
    let mut colons = 0;
    let mut spaced = false;
    let mut glued = false;
    loop {
        let (known, kind, used) = label_at(rest)?;
        spaced |= used > known.len();
        let mut after = rest[used..].trim_start();
        let colon = after.starts_with(['：', ':']);
        if colon {
            colons += 1;
            after = after[after.chars().next().map_or(0, char::len_utf8)..].trim_start();
        } else if after.len() == rest[used..].len() && !after.is_empty() {
            // A label runs straight into its value only after a colon, or
            // when it cannot be a word of a sentence (文    号厅头〔2022〕…,
            // 发文日期2022-04-27).
            if !glues(known, used) {
                return None;
            }
            glued = true;
        }
        // The value runs to the next label that follows whitespace, or
        // (labels glued to their values) to the next label that glues.
        let next = if glued {
            after
                .char_indices()
                .skip(1)
                .find(|&(i, _)| label_at(&after[i..]).is_some_and(|(k, _, u)| glues(k, u)))
                .map(|(i, _)| i)
        } else if colon && label_at(after).is_some_and(|(_, _, u)| label_ends(&after[u..])) {
            // A label right after the colon leaves the value empty
            // (文号: 统一登记号:…).
            Some(0)
        } else {
            let spaced_label = after
                .char_indices()
                .filter(|&(i, c)| i > 0 && c.is_whitespace())
                .map(|(i, _)| i + after[i..].len() - after[i..].trim_start().len())
                .find(|&i| {
                    label_at(&after[i..]).is_some_and(|(_, _, u)| label_ends(&after[i + u..]))
                });
            // A colon-led value that runs into the next label and its colon
            // with no space (发布时间：2025-08-27来源：中国政府网).
            let colon_label = || {
                after.char_indices().skip(1).map(|(i, _)| i).find(|&i| {
                    label_at(&after[i..])
                        .is_some_and(|(_, _, u)| after[i + u..].starts_with(['：', ':']))
                })
            };
            match (spaced_label, colon.then(colon_label).flatten()) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        };
        let value = after[..next.unwrap_or(after.len())].trim();
        fields.push((known, kind, value));
        match next {
            Some(i) => rest = &after[i..],
            None => break,
        }
    }
    // 日期, 时间, 浏览 … alone may be a sentence's words; a glued label
    // alone may be the start of one.
    let loose = fields.iter().all(|f| LOOSE_LABELS.contains(&f.0));
    if (loose || (glued && !spaced)) && fields.len() < 2 {
        return None;
    }
    let labelled = fields
        .iter()
        .filter(|f| f.0 != "发布时间" || colons > 0)
        .count();
    (colons > 0 || (spaced && labelled >= 1) || labelled >= 2).then_some(fields)
}

/// The fields of a metadata table's row flattened to text with its cells
/// between `|`, when its first cell is a label: `标题 | 国家文物局关于…的公告 | ||`,
/// `成文日期 | 2025-08-13 19:36:49 | 发布日期 | 2025-08-29 19:36:53 |`. A
/// label's value is the next cell, unless that is a label too.
fn cell_fields(line: &str) -> Option<Vec<Field<'_>>> {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    published::label(cells.first()?)?;
    let mut fields = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        let Some((known, kind)) = published::label(cells[k]) else {
            k += 1;
            continue;
        };
        let value = cells
            .get(k + 1)
            .copied()
            .filter(|v| published::label(v).is_none());
        fields.push((known, kind, value.unwrap_or("")));
        k += if value.is_some() { 2 } else { 1 };
    }
    Some(fields)
}

/// A label glued to its value alone on a line (文件名称关于公布…), read as a
/// field only under another metadata line.
fn glued_field(line: &str) -> Option<Vec<Field<'_>>> {
    let (known, kind, used) = label_at(line)?;
    let value = line[used..].trim();
    (glues(known, used) && !value.is_empty() && !value.contains('。'))
        .then(|| vec![(known, kind, value)])
}

/// Whether a label may run straight into its value: printed with inner
/// spaces (`文    号`), or of four characters or more (`发文日期`).
fn glues(known: &str, used: usize) -> bool {
    used > known.len() || known.chars().count() >= 4
}

/// Whether what follows a label makes it one: a colon, whitespace, or the
/// end of the line.
fn label_ends(after: &str) -> bool {
    after.is_empty() || after.starts_with(['：', ':']) || after.starts_with(char::is_whitespace)
}

/// Whether `line`, under a label printed alone, is that label's value.
fn takes_value(label: Label, line: &str) -> bool {
    label != Label::Other
        && line.chars().count() <= 60
        && !line.contains('。')
        && !is_chrome(line)
        && meta_fields(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_lines_are_numbered_as_in_the_text() {
        let text: String = (1..=100).map(|n| format!("  第{n}行\n\n")).collect();
        let lines = edge_lines(&text);
        assert_eq!(lines.len(), HEADER_LINES + FOOTER_LINES);
        for (number, span) in lines {
            assert_eq!(span.of(&text), format!("第{}行", number.div_ceil(2)));
        }
    }

    #[test]
    fn chrome_lines_are_recognised() {
        for line in [
            "首页 > 政务公开 > 政策文件",
            "【字体：大 中 小】 打印 关闭窗口",
            "分享到：",
            "扫一扫在手机打开当前页",
            "返回顶部",
            "网站标识码：3702000001 鲁ICP备05002386号",
            "主办单位：青岛市人民政府办公厅 版权所有",
            "打印 关闭",
            "打印  |  收藏  |  关闭  |  我要纠错",
        ] {
            assert!(is_chrome(line), "{line}");
        }
        assert!(!is_chrome("各区、市人民政府，市政府各部门："));
        assert!(!is_chrome("一、总体要求"));
    }

    #[test]
    fn metadata_lines_give_their_fields() {
        let fields = meta_fields("发布日期：2023-03-21 访问次数：123").expect("fields");
        assert_eq!(
            fields,
            [
                ("发布日期", Label::Published, "2023-03-21"),
                ("访问次数", Label::Other, "123")
            ]
        );
        let fields = meta_fields("文        号 齐政办发〔2019〕29号   上 载 日 期 2019-12-02")
            .expect("fields");
        assert_eq!(
            fields[0],
            ("文号", Label::DocNumber, "齐政办发〔2019〕29号")
        );
        assert_eq!(fields[1], ("上载日期", Label::Other, "2019-12-02"));
        assert_eq!(
            meta_fields("  • 索引号:"),
            Some(vec![("索引号", Label::IndexNumber, "")])
        );
        // A value that runs into the next label and its colon (a browser
        // print of a gov.cn page, gwy-2025-1.pdf).
        let fields =
            meta_fields("发布时间：2025-08-27来源：中国政府网 字号： [ 大 ] [ 中 ] [ 小 ]")
                .expect("fields");
        assert_eq!(fields[0], ("发布时间", Label::Published, "2025-08-27"));
        assert_eq!(fields[1].0, "来源");
        assert!(fields[1].2.starts_with("中国政府网"));
        assert_eq!(
            meta_fields("标题 | 国家文物局关于设立管理处的公告 | ||"),
            Some(vec![(
                "标题",
                Label::Title,
                "国家文物局关于设立管理处的公告"
            )])
        );
        assert_eq!(
            meta_fields("成文日期 | 2025-08-13 19:36:49 | 发布日期 | 2025-08-29 19:36:53 |"),
            Some(vec![
                ("成文日期", Label::Written, "2025-08-13 19:36:49"),
                ("发布日期", Label::Published, "2025-08-29 19:36:53")
            ])
        );
        assert_eq!(
            meta_fields("发文字号 | |||"),
            Some(vec![("发文字号", Label::DocNumber, "")])
        );
        assert!(meta_fields("序号 | 名称 | 地址").is_none());
        let fields = meta_fields("索引号:698598533/2012-1370466 文号: 统一登记号:YXDR-2012-00006")
            .expect("fields");
        assert_eq!(fields[1], ("文号", Label::DocNumber, ""));
        assert_eq!(fields[2], ("统一登记号", Label::Other, "YXDR-2012-00006"));
        assert!(meta_fields("来源于群众的意见，要认真办理。").is_none());
        assert!(meta_fields("文号管理").is_none());
    }
}
