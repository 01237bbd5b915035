//! Line-less text → the lines it lost.
//!
//! OCR output, a copy from a PDF viewer or a data set often gives a 公文 as
//! one line: 版头, 发文字号, title, 主送 and body run together. This module
//! tells such text apart ([`is_line_less`]) and finds the line structure
//! inside its long lines ([`split_long_lines`]) without inserting or
//! changing a character: every new [`Line`] is a sub-range of the line it
//! came from, so spans still point into the text as published.
//!
//! Where lines start:
//! - the header (版头, 紧急程度, 发文字号, form labels, title, 主送) — see
//!   `lineless_head`;
//! - when the text has no whitespace to tell its lines by (OCR output),
//!   after a sentence end (。！？ outside parentheses) that a heading marker
//!   (一、 （一） 1. 第一条), 附件, 联系人, 抄送 or a remark （此件…）
//!   follows, and after a colon or semicolon that a heading marker follows
//!   or that ends 如下：. The text has lost its paragraph ends; they are
//!   not guessed, so the sentences between two such places stay one
//!   paragraph (cutting at every sentence would make each sentence a
//!   paragraph and halve the speed, for ends that were never printed);
//! - at the items of an attachment list (附件：1.… 2.…), before 抄送 and
//!   the like, and around the signature and its date (`lineless_head`);
//! - at whitespace that is not inside a line: text flattened from lines
//!   keeps their indentation and padding, which is where they were broken;
//!   where such whitespace is found at least once for every four sentence
//!   ends, it alone tells the body's lines (no cut at sentence ends).
//!   A run of padding marks the line before it as padded (right-aligned),
//!   as `lines` does.
//!
//! It does not join anything: the paragraph stage still does that, and
//! the segmenter and document builder read the lines as they read printed
//! ones.

use gazette_model::Span;

use crate::lineless_head::{head_cuts, tail_cuts};
use crate::lines::{is_padding, CellEnd, Line};
use crate::markers::{marker, MarkerKind};

/// A line this long (bytes) may hold several lines run together.
const LONG_LINE: usize = 300;

/// Whether the text of `lines` lost its line breaks: few lines, one of
/// them holding nearly all the text, with sentence ends or field colons
/// inside it rather than only at its end.
pub(crate) fn is_line_less(lines: &[Line<'_>]) -> bool {
    let Some(longest) = lines.iter().max_by_key(|l| l.text.len()) else {
        return false;
    };
    let total: usize = lines.iter().map(|l| l.text.len()).sum();
    lines.len() <= 5
        && longest.text.len() >= LONG_LINE
        && longest.text.len() * 5 >= total * 4
        && inner_stops(longest.text) >= 2
}

/// Sentence ends and colons with text after them (counted up to 2).
fn inner_stops(text: &str) -> usize {
    let trimmed = text.trim_end_matches(|c: char| is_stop(c) || c.is_whitespace());
    trimmed.chars().filter(|&c| is_stop(c)).take(2).count()
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '：' | ':' | '!' | '?')
}

/// Splits every long line of a line-less text into the lines it ran
/// together; short lines are kept as they are.
pub(crate) fn split_long_lines(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(lines.len() * 8);
    for (k, line) in lines.into_iter().enumerate() {
        if line.text.len() < LONG_LINE {
            out.push(line);
            continue;
        }
        let cuts = cuts(line.text, k == 0);
        pieces(&line, &cuts, &mut out);
    }
    out
}

/// A place where a line starts; `hard` when the line before surely ends
/// there (a header field, the title, the 主送, the signature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cut {
    at: usize,
    hard: bool,
}

/// The places in `text` where a line starts, sorted, one per offset.
fn cuts(text: &str, opens_text: bool) -> Vec<Cut> {
    let mut hard = Vec::new();
    if opens_text {
        hard.extend(head_cuts(text));
    }
    hard.extend(tail_cuts(text));
    let mut soft = Vec::new();
    whitespace_cuts(text, &mut soft);
    // Text flattened from lines keeps a space where each line began: its
    // whitespace gives the lines back, paragraph ends included, and cutting
    // at every sentence end would only split its paragraphs.
    let sentences = memchr::memmem::find_iter(text.as_bytes(), "。".as_bytes()).count();
    if soft.len() * 4 < sentences {
        sentence_cuts(text, &mut soft);
    }
    let mut all: Vec<Cut> = hard
        .into_iter()
        .map(|at| Cut { at, hard: true })
        .chain(soft.into_iter().map(|at| Cut { at, hard: false }))
        .collect();
    // Hard first at the same offset, so that dedup keeps it.
    all.sort_unstable_by_key(|c| (c.at, !c.hard));
    all.dedup_by_key(|c| c.at);
    all
}

/// The lines of `line` between its cuts, trimmed; empty ones dropped.
fn pieces<'a>(line: &Line<'a>, cuts: &[Cut], out: &mut Vec<Line<'a>>) {
    let text = line.text;
    let bounds = cuts
        .iter()
        .copied()
        .filter(|c| c.at > 0 && c.at < text.len())
        .chain(std::iter::once(Cut {
            at: text.len(),
            hard: false,
        }));
    let mut start = 0;
    let mut first = true;
    // Whether the cut that starts the next line is hard; kept across
    // empty pieces.
    let mut hard_before = false;
    for cut in bounds {
        let end = cut.at;
        let Some(raw) = text.get(start..end) else {
            continue;
        };
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            let from = line.span.start + start + lead;
            // The whitespace after the line, up to the next one: padding,
            // or the tab line of a table cell rendered one per line.
            let after = start + lead + trimmed.len();
            let tail_len = text[after..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(text.len() - after);
            let tail = &text[after..after + tail_len];
            out.push(Line {
                text: trimmed,
                span: Span::new(from, from + trimmed.len()),
                number: line.number,
                gap_before: first && line.gap_before,
                padded: (is_padding(tail) && !tail.contains('\t'))
                    || (end == text.len() && line.padded),
                cell_end: tail.contains('\t').then_some(CellEnd::Cell),
                empty_cells_after: empty_cells(tail),
                full: false,
                cut_before: hard_before && !first,
            });
            first = false;
            hard_before = false;
        }
        hard_before = hard_before || cut.hard;
        start = end;
    }
}

/// The empty cells in the whitespace after a cell: its tabs after the
/// first (`\t &nbsp; \t`).
fn empty_cells(tail: &str) -> u8 {
    let tabs = memchr::memchr_iter(b'\t', tail.as_bytes()).count();
    u8::try_from(tabs.saturating_sub(1)).unwrap_or(u8::MAX)
}

/// After a sentence end outside parentheses (closing quotes and brackets
/// right after it included) that opens a block (`opens_a_block`), and
/// after a colon or semicolon that a heading marker follows.
fn sentence_cuts(text: &str, at: &mut Vec<usize>) {
    // The full-width marks start with 0xE3 (。) or 0xEF (！？：；): only
    // characters starting so, and the ASCII marks, are looked at.
    let bytes = text.as_bytes();
    let wide = memchr::memchr3_iter(0xE3, 0xEF, b':', bytes);
    let ascii = memchr::memchr3_iter(b';', b'!', b'?', bytes);
    let mut candidates: Vec<usize> = wide.chain(ascii).collect();
    candidates.sort_unstable();
    for i in candidates {
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let after = i + c.len_utf8();
        let ends = match c {
            '。' | '！' | '？' | '!' | '?' => !inside_parentheses(&text[after..]),
            // 现答复如下：ends the paragraph that introduces what follows.
            '：' | ':' => {
                text[..i].ends_with("如下")
                    || (!text[..i].ends_with("附件") && starts_heading(&text[after..]))
            }
            '；' | ';' => starts_heading(&text[after..]),
            _ => false,
        };
        if ends {
            let closing = text[after..]
                .chars()
                .take_while(|c| matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '】' | '〕'))
                .map(char::len_utf8)
                .sum::<usize>();
            let next = &text[after + closing..];
            if !matches!(c, '。' | '！' | '？' | '!' | '?') || opens_a_block(next) {
                at.push(after + closing);
            }
        }
    }
}

/// What starts a block of its own after a sentence: a heading, the
/// attachment list, a contact line, 抄送, a remark.
fn opens_a_block(rest: &str) -> bool {
    starts_heading(rest)
        || ["附件", "联系人", "抄送", "抄报", "（此件", "(此件"]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// Whether a closing parenthesis comes before any opening one or sentence
/// end in the next few characters: the text is inside parentheses.
fn inside_parentheses(rest: &str) -> bool {
    for c in rest.chars().take(60) {
        match c {
            '）' | ')' => return true,
            '（' | '(' | '。' => return false,
            _ => {}
        }
    }
    false
}

/// Whether `rest` opens with a heading marker (whitespace skipped).
pub(crate) fn starts_heading(rest: &str) -> bool {
    let rest = rest.trim_start();
    match marker(rest) {
        Some(m) if m.kind == MarkerKind::Arabic => m.number.is_some_and(|n| n <= 50),
        Some(m) => m.kind != MarkerKind::Circled,
        None => false,
    }
}

/// At whitespace that held a line break: a run with an ASCII space, a
/// tab or a no-break space, not inside 《》, not between two Latin letters
/// or digits, and not letter spacing (主 要 内 容). The runs are found with
/// `memchr`, as this passes over the whole text.
fn whitespace_cuts(text: &str, at: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let opens: Vec<usize> = memchr::memmem::find_iter(bytes, "《".as_bytes()).collect();
    let closes: Vec<usize> = memchr::memmem::find_iter(bytes, "》".as_bytes()).collect();
    let mut handled = 0;
    let mut last_run: Option<(usize, usize)> = None;
    for pos in memchr::memchr3_iter(b' ', b'\t', 0xC2, bytes) {
        if pos < handled || (bytes[pos] == 0xC2 && bytes.get(pos + 1) != Some(&0xA0)) {
            continue;
        }
        let mut start = pos;
        while let n @ 1.. = whitespace_len_before(&bytes[..start]) {
            start -= n;
        }
        let mut end = pos;
        while let n @ 1.. = whitespace_len(&bytes[end..]) {
            end += n;
        }
        handled = end;
        let previous = last_run.replace((start, end));
        if start == 0 || end == bytes.len() {
            continue;
        }
        // A tab parts table cells, digits on both sides or not.
        let latin = bytes[start - 1].is_ascii_alphanumeric()
            && bytes[end].is_ascii_alphanumeric()
            && !bytes[start..end].contains(&b'\t');
        let one_space = end - start == 1 && bytes[start] == b' ';
        let spaced = one_space
            && previous.is_some_and(|(s, e)| {
                e - s == 1 && bytes[s] == b' ' && text[e..start].chars().count() == 1
            })
            && spaced_after(&text[end..]);
        let open = opens.partition_point(|&o| o < start) > closes.partition_point(|&c| c < start);
        if !open && !latin && !spaced {
            at.push(start);
        }
    }
}

/// The bytes of the whitespace character that ends `bytes`, or 0.
fn whitespace_len_before(bytes: &[u8]) -> usize {
    match bytes {
        [.., b' ' | b'\t' | 0x0B | 0x0C] => 1,
        [.., 0xC2, 0xA0] => 2,
        [.., 0xE3, 0x80, 0x80] => 3,
        _ => 0,
    }
}

/// The bytes of the whitespace character at the start of `bytes`, or 0:
/// ASCII blanks, the no-break space and the ideographic space.
fn whitespace_len(bytes: &[u8]) -> usize {
    match bytes {
        [b' ' | b'\t' | 0x0B | 0x0C, ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// One character then a single space: letter spacing goes on.
fn spaced_after(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next();
    chars.next() == Some(' ') && chars.next().is_some_and(|c| !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn split(text: &str) -> Vec<&str> {
        split_long_lines(split_lines(text))
            .iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn printed_text_is_not_line_less() {
        let printed =
            "国务院关于推行\n监管的意见\n国发〔2019〕5号\n各省人民政府：\n现提出如下意见。\n";
        assert!(!is_line_less(&split_lines(printed)));
    }

    #[test]
    fn finds_lines_without_changing_a_character() {
        let body = "为持续深化改革，现提出如下意见。一、总体要求以习近平新时代中国特色社会主义思想为指导，全面贯彻落实。二、主要任务（一）明确抽查范围。要求各地加强领导，认真组织实施，确保工作落到实处，取得实效。";
        let text = format!("国务院关于推行监管的意见国发〔2019〕5号各省人民政府：{body}国务院2019年1月27日（此件公开发布）");
        let lines = split_lines(&text);
        assert!(is_line_less(&lines));
        let split = split_long_lines(lines);
        for line in &split {
            assert_eq!(line.span.of(&text), line.text);
        }
        let texts: Vec<&str> = split.iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "国务院关于推行监管的意见",
                "国发〔2019〕5号",
                "各省人民政府：",
                "为持续深化改革，现提出如下意见。",
                "一、总体要求以习近平新时代中国特色社会主义思想为指导，全面贯彻落实。",
                "二、主要任务（一）明确抽查范围。要求各地加强领导，认真组织实施，确保工作落到实处，取得实效。",
                "国务院",
                "2019年1月27日",
                "（此件公开发布）"
            ]
        );
    }

    #[test]
    fn a_tab_between_numbers_parts_two_cells() {
        let row = "附件 坐标 编号\t X坐标 \t 1 \t 15172.500 \t 103655.000 \t 2 \t 14829.000 \t 103655.000。".repeat(4);
        let text =
            format!("国务院关于深圳湾口岸的批复国函〔2006〕132号广东省人民政府：现批复如下。{row}");
        assert!(split(&text).contains(&"15172.500"));
    }

    #[test]
    fn keeps_titles_in_guillemets_and_letter_spacing_whole() {
        let long = "根据《中共中央 国务院关于打赢脱贫攻坚战的决定》，现就有关事项通知如下，请认真贯彻执行，确保各项工作落实到位，主 要 内 容见下。".repeat(3);
        assert!(split(&long).iter().all(|l| !l.ends_with("中共中央")));
        assert!(split(&long).iter().all(|l| *l != "主"));
    }
}
