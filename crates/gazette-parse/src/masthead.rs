//! What an issue prints about itself (`Issue::printed`): the gazette's
//! name, the year, 期号, 总期号 and the publication date, read from its
//! cover and masthead (the front matter) and its running headers:
//! “青岛市人民政府公报 2019年第7期”, “2019年第7期（总第305期）”,
//! “中华人民共和国国务院公报　2019年第二十号”, a cover line of the name
//! alone.
//!
//! A line counts only when it is short and holds nothing but these parts:
//! a sentence that mentions a gazette (“刊登在青岛市人民政府公报上”) or a
//! title that ends in 公报 (…统计公报) is not a masthead. The first line
//! that prints a value gives it; the line that gave the first value is the
//! evidence.
//!
//! Not for: the name of the bodies whose gazette it is (`canonical`), the
//! values the uploader gives and their merge (the archive).

use gazette_model::{date_prefix, ArtifactKind, Issue, PrintedIssue};

use crate::issuers;
use crate::markers::chinese_number;
use crate::text::compact;

/// The longest line read as a masthead, in characters.
const MAX_LINE_CHARS: usize = 60;

/// What the issue prints about itself, `None` when nothing.
pub(crate) fn printed_issue(issue: &Issue) -> Option<PrintedIssue> {
    let covers = issue
        .front_matter
        .iter()
        .flat_map(|block| block.text.lines().map(move |line| (line, block.line)));
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
    printed
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
/// 国务院公报 numbers its issues), `〔2019〕第7期`: the year, the number and
/// the bytes used.
fn year_and_number(text: &str, named: bool) -> Option<(i32, u32, usize)> {
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
        let found = read_line("〔2019〕第7期（总第305期） 2019年7月20日").expect("masthead");
        assert_eq!(found.year, Some(2019));
        assert_eq!(found.published, NaiveDate::from_ymd_opt(2019, 7, 20));
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
