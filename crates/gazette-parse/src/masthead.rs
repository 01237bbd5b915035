//! What an issue prints about itself (`Issue::printed`): the gazette's
//! name, the year, 期号, 总期号 and the publication date, read from its
//! cover and masthead (the front matter) and its running headers:
//! “青岛市人民政府公报 2019年第7期”, “2019年第7期（总第305期）”,
//! “中华人民共和国国务院公报　2019年第二十号”, “上海市人民政府公报 2025·1”,
//! a cover line of the name alone.
//!
//! A line counts only when it is short and holds nothing but these parts:
//! a sentence that mentions a gazette (“刊登在青岛市人民政府公报上”) or a
//! title that ends in 公报 (…统计公报) is not a masthead. The first line
//! that prints a value gives it; the line that gave the first value is the
//! evidence. The front matter is read line by line as printed (its blocks
//! may have joined a cover's lines).
//!
//! A table of contents (目录) in the front matter gives its entries: after
//! a line 目录, each line that ends in a page number after a leader
//! (“……（3）”, “…… 3”) is a title and the page it begins on.
//!
//! Not for: the name of the bodies whose gazette it is (`canonical`), the
//! values the uploader gives and their merge (the archive).

use gazette_model::{date_prefix, ArtifactKind, Issue, PrintedContentsEntry, PrintedIssue};

use crate::issuers;
use crate::lines::LineIndex;
use crate::markers::chinese_number;
use crate::text::compact;

/// The longest line read as a masthead, in characters.
const MAX_LINE_CHARS: usize = 60;

/// Characters of a leader between a title and its page in a 目录.
const LEADERS: &[char] = &['…', '·', '.', '．', '-', '—', '_', '⋯', '。'];

/// The lines of the front matter as printed in `text`, with their numbers.
fn front_lines(issue: &Issue, text: &str) -> Vec<(String, usize)> {
    let index = LineIndex::new(text);
    let mut lines: Vec<(String, usize)> = Vec::new();
    for block in &issue.front_matter {
        for piece in &block.pieces {
            let line = index.line_of(piece.start);
            let piece_text = piece.of(text);
            if piece_text.trim().is_empty() {
                continue;
            }
            match lines.last_mut() {
                // Pieces of one line (cut around noise) read together,
                // without the noise.
                Some((last, at)) if *at == line => last.push_str(piece_text),
                _ => lines.push((piece_text.to_owned(), line)),
            }
        }
    }
    lines
}

/// What the issue prints about itself, `None` when nothing; `text` is the
/// text the issue was parsed from.
pub(crate) fn printed_issue(issue: &Issue, text: &str) -> Option<PrintedIssue> {
    let front = front_lines(issue, text);
    let contents = contents(&front);
    let covers = front.iter().map(|(line, number)| (line.as_str(), *number));
    let headers = issue
        .artifacts
        .iter()
        .filter(|a| matches!(a.kind, ArtifactKind::RunningHeader | ArtifactKind::Masthead))
        .map(|a| (a.text.as_str(), a.line));
    let mut printed: Option<PrintedIssue> = None;
    for (line, number) in covers.chain(headers) {
        let Some(found) = read_line(line) else {
            continue;
        };
        let merged = printed.get_or_insert_with(|| PrintedIssue {
            evidence: line.trim().to_owned(),
            line: number,
            ..PrintedIssue::default()
        });
        merged.gazette = merged.gazette.take().or(found.gazette);
        merged.year = merged.year.or(found.year);
        merged.number = merged.number.or(found.number);
        merged.total_number = merged.total_number.or(found.total_number);
        merged.published = merged.published.or(found.published);
    }
    if !contents.is_empty() {
        printed.get_or_insert_with(PrintedIssue::default).contents = contents;
    }
    printed
}

/// The entries of a 目录 in the front matter, in order.
fn contents(front: &[(String, usize)]) -> Vec<PrintedContentsEntry> {
    let Some(heading) = front.iter().position(|(line, _)| compact(line) == "目录") else {
        return Vec::new();
    };
    front[heading + 1..]
        .iter()
        .filter_map(|(line, number)| {
            let (title, page) = contents_entry(line)?;
            Some(PrintedContentsEntry {
                title,
                page,
                line: *number,
            })
        })
        .collect()
}

/// A 目录 line: the title and the page after its leader.
fn contents_entry(line: &str) -> Option<(String, u32)> {
    let text = compact(line);
    let (before, page) = bracketed_page(&text).or_else(|| trailing_page(&text))?;
    let title = before.trim_end_matches(LEADERS);
    // A leader of two characters or more tells an entry from a heading or
    // a sentence that ends in a number.
    let leader = before[title.len()..].chars().count();
    (leader >= 2 && title.chars().count() >= 4).then(|| (title.to_owned(), page))
}

/// `…（3）`: what comes before the bracketed page, and the page.
fn bracketed_page(text: &str) -> Option<(&str, u32)> {
    let inner = text.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let open_len = inner[open..].chars().next()?.len_utf8();
    let numeral = &inner[open + open_len..];
    let (page, used) = digits(numeral)?;
    (used == numeral.len()).then_some((&inner[..open], page))
}

/// `… 3`: what comes before the page, and the page.
fn trailing_page(text: &str) -> Option<(&str, u32)> {
    let start = text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (page, _) = digits(&text[start..])?;
    Some((&text[..start], page))
}

/// Reads one line as a masthead; `None` when it is not one.
fn read_line(line: &str) -> Option<PrintedIssue> {
    let text = compact(line);
    if text.is_empty() || text.chars().count() > MAX_LINE_CHARS {
        return None;
    }
    let mut found = PrintedIssue::default();
    let mut rest = text.as_str();
    if let Some(at) = rest.find("公报") {
        let name = &rest[..at + "公报".len()];
        if !issuers::is_body_names(&rest[..at]) || name.ends_with("统计公报") {
            return None;
        }
        found.gazette = Some(name.to_owned());
        rest = &rest[at + "公报".len()..];
    }
    if let Some((year, number, used)) = year_and_number(rest, found.gazette.is_some()) {
        found.year = Some(year);
        found.number = Some(number);
        rest = &rest[used..];
    }
    if let Some((total, used)) = total_number(rest) {
        found.total_number = Some(total);
        rest = &rest[used..];
    }
    if let Some((date, used)) = date_prefix(rest) {
        found.published = Some(date);
        rest = &rest[used..];
        rest = rest.strip_prefix("出版").unwrap_or(rest);
    }
    let numbered = found.number.is_some() || found.total_number.is_some();
    (rest.is_empty() && (numbered || found.gazette.is_some())).then_some(found)
}

/// `2019年第7期` (or `第七期`; `第7号` after a gazette's name, as the
/// 国务院公报 numbers its issues), `〔2019〕第7期`, and after a gazette's
/// name `2025·1` (a running header's short form): the year, the number and
/// the bytes used.
fn year_and_number(text: &str, named: bool) -> Option<(i32, u32, usize)> {
    if named {
        if let Some(found) = dotted(text) {
            return Some(found);
        }
    }
    let (year, after_year) = if let Some(inner) = text.strip_prefix('〔') {
        let (year, used) = digits(inner)?;
        let close = inner[used..].strip_prefix('〕')?;
        (year, text.len() - close.len())
    } else {
        let (year, used) = digits(text)?;
        let after = text[used..].strip_prefix('年')?;
        (year, text.len() - after.len())
    };
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1949..=2100).contains(y))?;
    let (number, used) = ordinal(&text[after_year..], named)?;
    Some((year, number, after_year + used))
}

/// `2025·1`: the year, the number and the bytes used.
fn dotted(text: &str) -> Option<(i32, u32, usize)> {
    let (year, used) = digits(text)?;
    let after = text[used..].strip_prefix('·')?;
    let (number, number_used) = digits(after)?;
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1949..=2100).contains(y))?;
    (number > 0).then_some((year, number, text.len() - after.len() + number_used))
}

/// `（总第305期）` or `总第305期`: the number and the bytes used.
fn total_number(text: &str) -> Option<(u32, usize)> {
    let (inner, open) = match text.chars().next() {
        Some(c @ ('（' | '(')) => (&text[c.len_utf8()..], c.len_utf8()),
        _ => (text, 0),
    };
    let after = inner.strip_prefix("总")?;
    let (number, used) = ordinal(after, false)?;
    let mut end = open + "总".len() + used;
    if open > 0 {
        let close = text[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '）' | ')'))?;
        end += close.len_utf8();
    }
    Some((number, end))
}

/// `第7期` / `第七期` (and `第7号` when `number_sign`): the number and the
/// bytes used.
fn ordinal(text: &str, number_sign: bool) -> Option<(u32, usize)> {
    let inner = text.strip_prefix('第')?;
    let end = inner.find(['期', '号'])?;
    if inner[end..].starts_with('号') && !number_sign {
        return None;
    }
    let numeral = &inner[..end];
    let number = match digits(numeral) {
        Some((n, used)) if used == numeral.len() => n,
        _ => chinese_number(numeral)?,
    };
    Some((number, "第".len() + end + "期".len()))
}

/// ASCII or full-width digits at the start of `text`: their value and the
/// bytes they use.
fn digits(text: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut used = 0;
    for c in text.chars() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        value = value.checked_mul(10)?.checked_add(digit)?;
        used += c.len_utf8();
    }
    (used > 0).then_some((value, used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_model::NaiveDate;

    #[test]
    fn reads_name_year_number_and_total() {
        let found = read_line("青岛市人民政府公报　2019年第7期（总第305期）").expect("masthead");
        assert_eq!(found.gazette.as_deref(), Some("青岛市人民政府公报"));
        assert_eq!((found.year, found.number), (Some(2019), Some(7)));
        assert_eq!(found.total_number, Some(305));
    }

    #[test]
    fn reads_numbers_in_chinese_and_the_state_council_number_sign() {
        let found = read_line("中华人民共和国国务院公报 2019年第二十号").expect("masthead");
        assert_eq!(found.gazette.as_deref(), Some("中华人民共和国国务院公报"));
        assert_eq!(found.number, Some(20));
        let found = read_line("上海市人民政府公报 2025·1").expect("masthead");
        assert_eq!((found.year, found.number), (Some(2025), Some(1)));
        assert_eq!(read_line("2025·1"), None, "only after a gazette's name");
        let found = read_line("〔2019〕第7期（总第305期） 2019年7月20日").expect("masthead");
        assert_eq!(found.year, Some(2019));
        assert_eq!(found.published, NaiveDate::from_ymd_opt(2019, 7, 20));
    }

    #[test]
    fn contents_entries_are_titles_leaders_and_pages() {
        assert_eq!(
            contents_entry("青岛市人民政府关于支持“蓝色药库”开发计划的实施意见……………（3）"),
            Some((
                "青岛市人民政府关于支持“蓝色药库”开发计划的实施意见".to_owned(),
                3
            ))
        );
        assert_eq!(
            contents_entry("市政府任免的工作人员名单 ........ 12"),
            Some(("市政府任免的工作人员名单".to_owned(), 12))
        );
        assert_eq!(contents_entry("【市政府文件】"), None);
        assert_eq!(contents_entry("到2021年，组建200余人的队伍（3）"), None);
    }

    #[test]
    fn sentences_titles_and_order_numbers_are_not_mastheads() {
        assert_eq!(read_line("本决定刊登在青岛市人民政府公报上"), None);
        assert_eq!(read_line("万载县2015年国民经济和社会发展统计公报"), None);
        // An order's number (令 2014年第3号) is no issue number.
        assert_eq!(read_line("2014年第3号"), None);
        assert_eq!(read_line("2019年第7期工作要点"), None);
    }
}
