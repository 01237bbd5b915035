//! References to other documents in running text: 发文字号 such as
//! （国办发〔2019〕13号） and titles in 《》, paired when a number follows its
//! title.
//!
//! Resolving a reference to a document of the archive is not done here: that
//! needs the archive.

use gazette_model::DocNumber;

/// A reference found in a piece of text; offsets are bytes into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub doc_number: Option<DocNumber>,
    pub title: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Words that run into an issuer code in prose: 按照鲁政办字〔2019〕94号.
const LEADING_WORDS: &[&str] = &[
    "按照", "根据", "依据", "依照", "参照", "执行", "落实", "贯彻", "详见", "参见", "见", "和",
    "及", "与", "或", "即", "对", "经", "以", "按", "据", "在", "将", "由", "同", "并", "的", "是",
    "为", "号",
];

/// Longest issuer code looked at, in characters.
const MAX_CODE_CHARS: usize = 12;

/// Finds every cited number and 《title》 in `text`, in order.
pub(crate) fn find_citations(text: &str) -> Vec<Found> {
    let numbers = find_numbers(text);
    let mut found = Vec::new();
    let mut used_numbers = vec![false; numbers.len()];
    for (start, end, title) in find_titles(text) {
        // Numbers are in order of their start: only the first one at or
        // after the title can have nothing but an opening bracket before it.
        let first_after = numbers.partition_point(|n| n.start < end);
        let following = Some(first_after).filter(|&k| {
            numbers
                .get(k)
                .is_some_and(|n| text[end..n.start].trim_matches(['（', '(', ' ']).is_empty())
        });
        let (doc_number, end) = match following {
            Some(k) => {
                used_numbers[k] = true;
                (
                    numbers[k].doc_number.clone(),
                    numbers[k].end + close_paren_len(&text[numbers[k].end..]),
                )
            }
            None => (None, end),
        };
        found.push(Found {
            doc_number,
            title: Some(title),
            start,
            end,
        });
    }
    found.extend(
        numbers
            .into_iter()
            .zip(used_numbers)
            .filter(|(_, used)| !used)
            .map(|(n, _)| n),
    );
    found.sort_by_key(|f| f.start);
    found
}

fn close_paren_len(text: &str) -> usize {
    text.chars()
        .next()
        .filter(|c| matches!(c, '）' | ')'))
        .map_or(0, char::len_utf8)
}

/// 《…》 spans (outermost; nested 〈〉 stay inside).
fn find_titles(text: &str) -> Vec<(usize, usize, String)> {
    let mut titles = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = text[rest_start..].find('《').map(|i| rest_start + i) {
        let inner_start = open + '《'.len_utf8();
        let Some(close) = text[inner_start..].find('》').map(|i| inner_start + i) else {
            break;
        };
        let title = text[inner_start..close].trim();
        if !title.is_empty() && !title.contains('《') {
            titles.push((open, close + '》'.len_utf8(), title.to_owned()));
        }
        rest_start = close + '》'.len_utf8();
    }
    titles
}

/// Every 发文字号 in running text.
fn find_numbers(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for (open, c) in text.char_indices() {
        if !matches!(c, '〔' | '[' | '（' | '(' | '【' | '［') {
            continue;
        }
        // Most brackets hold no year: look at what follows before the code
        // in front is looked for (a digit, or a bracket doubled by OCR).
        let Some(after_open) = text[open..].chars().skip(1).find(|c| !c.is_whitespace()) else {
            continue;
        };
        let after_open = gazette_model::ascii_digit(after_open);
        if !after_open.is_ascii_digit() && !matches!(after_open, '〔' | '[' | '【' | '［') {
            continue;
        }
        let code = strip_leading_words(&text[code_start(text, open)..open]);
        match code_first(text, code, open) {
            Some(number) => found.push(number),
            None => found.extend(year_first(text, open)),
        }
    }
    found.extend(find_orders(text));
    found.sort_by_key(|f| f.start);
    found
}

/// A number printed code first, `code` before the bracket at `open`:
/// `国办发〔2019〕13号`, read by [`DocNumber::parse_prefix_of`].
fn code_first(text: &str, code: &str, open: usize) -> Option<Found> {
    if code.is_empty() {
        return None;
    }
    let (rest, ends) = compact_from(text, open);
    let (number, used) = DocNumber::parse_prefix_of(&format!("{code}{rest}"))?;
    let end = *ends.get(used.checked_sub(code.len() + 1)?)?;
    Some(Found {
        doc_number: Some(number),
        title: None,
        start: open - code.len(),
        end,
    })
}

/// A number printed year first at `open`: `〔1996〕武司字第82号`.
fn year_first(text: &str, open: usize) -> Option<Found> {
    // Most brackets hold no year: look at the first character before
    // building anything.
    let after_open = text[open..].chars().skip(1).find(|c| !c.is_whitespace())?;
    if !gazette_model::ascii_digit(after_open).is_ascii_digit() {
        return None;
    }
    let (compact, ends) = compact_from(text, open);
    let (number, used) = DocNumber::parse_year_first_prefix(&compact)?;
    let end = *ends.get(used.checked_sub(1)?)?;
    Some(Found {
        doc_number: Some(number),
        title: None,
        start: open,
        end,
    })
}

/// The text from `open` on as [`DocNumber`] reads it (no whitespace, ASCII
/// digits), as far as a number can reach, and where each of its bytes ends
/// in `text`.
fn compact_from(text: &str, open: usize) -> (String, Vec<usize>) {
    let mut compact = String::new();
    let mut ends = Vec::new();
    for (at, printed) in text[open..].char_indices().take(MAX_CODE_CHARS + 16) {
        if printed.is_whitespace() {
            continue;
        }
        let c = gazette_model::ascii_digit(printed);
        compact.push(c);
        let end = open + at + printed.len_utf8();
        ends.extend(std::iter::repeat_n(end, c.len_utf8()));
    }
    (compact, ends)
}

/// Order numbers in running text: `国务院令第142号`, `海关总署令 第140号`,
/// `沪府令第25号`.
fn find_orders(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('令') {
        let after = &text[at + '令'.len_utf8()..];
        let spaced = after.len() - after.trim_start().len();
        let Some(rest) = after[spaced..].strip_prefix('第') else {
            continue;
        };
        let digits: usize = rest
            .chars()
            .take_while(|c| gazette_model::ascii_digit(*c).is_ascii_digit())
            .map(char::len_utf8)
            .sum();
        if digits == 0 || !rest[digits..].starts_with('号') {
            continue;
        }
        let name_end = at + '令'.len_utf8();
        let name = strip_leading_words(&text[code_start(text, at)..name_end]);
        let end = name_end + spaced + '第'.len_utf8() + digits + '号'.len_utf8();
        let printed = &text[name_end..end];
        if name == "令" {
            continue;
        }
        if let Some(number) = DocNumber::parse_order(name, printed) {
            found.push(Found {
                doc_number: Some(number),
                title: None,
                start: name_end - name.len(),
                end,
            });
        }
    }
    found
}

/// Start of the run of Han characters before `open`, at most
/// [`MAX_CODE_CHARS`] long.
/// A date's 年, 月 or 日 right after its digits (2019年3月4日国务院令…) is
/// not part of the code.
fn code_start(text: &str, open: usize) -> usize {
    let start = text[..open]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| gazette_model::is_han(c))
        .take(MAX_CODE_CHARS)
        .last()
        .map_or(open, |(i, _)| i);
    let after_digit = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| gazette_model::ascii_digit(c).is_ascii_digit());
    match text[start..open].chars().next() {
        Some(unit @ ('年' | '月' | '日')) if after_digit => start + unit.len_utf8(),
        _ => start,
    }
}

fn strip_leading_words(mut code: &str) -> &str {
    loop {
        match LEADING_WORDS.iter().find(|w| code.starts_with(*w)) {
            Some(word) => code = &code[word.len()..],
            None => return code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        find_citations(text)
            .into_iter()
            .filter_map(|f| f.doc_number.map(|n| n.to_string()))
            .collect()
    }

    #[test]
    fn pairs_a_title_with_the_number_after_it() {
        let text =
            "根据国务院办公厅《关于印发降低社会保险费率综合方案的通知》（国办发〔2019〕13号）要求";
        let found = find_citations(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].title.as_deref(),
            Some("关于印发降低社会保险费率综合方案的通知")
        );
        assert_eq!(
            found[0]
                .doc_number
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("国办发〔2019〕13号")
        );
        assert_eq!(
            &text[found[0].start..found[0].end],
            "《关于印发降低社会保险费率综合方案的通知》（国办发〔2019〕13号）"
        );
    }

    #[test]
    fn cuts_prose_off_the_issuer_code() {
        assert_eq!(
            numbers("按照鲁政办字〔2019〕94号文件有关规定处理"),
            ["鲁政办字〔2019〕94号"]
        );
        assert_eq!(numbers("依据〔2019〕1号"), Vec::<String>::new());
        assert_eq!(
            numbers("见南住建函〔2025〕671 号。"),
            ["南住建函〔2025〕671号"]
        );
    }

    #[test]
    fn a_cited_number_reads_as_the_model_reads_a_number() {
        // Brackets mixed or doubled by OCR, as DocNumber reads them; the
        // number ends where its 号 is printed.
        let text = "依据南住建函【[2025]671号和鄂文旅办发〔2021]38号办理";
        assert_eq!(
            numbers(text),
            ["南住建函〔2025〕671号", "鄂文旅办发〔2021〕38号"]
        );
        let found = find_citations(text);
        assert_eq!(&text[found[0].start..found[0].end], "南住建函【[2025]671号");
    }

    #[test]
    fn titles_without_numbers_are_kept() {
        let found = find_citations("严格落实《青岛市重大行政决策程序规定（试行）》，");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].title.as_deref(),
            Some("青岛市重大行政决策程序规定（试行）")
        );
        assert_eq!(found[0].doc_number, None);
    }

    #[test]
    fn reads_numbers_printed_year_first_and_order_numbers() {
        assert_eq!(
            numbers("根据〔1996〕武司字第82号和国务院令第142号以及海关总署令 第140号的规定"),
            ["武司字〔1996〕82号", "国令第142号", "海关总署令第140号"]
        );
        let text = "你院(1988)内法经请字第6号关于确认的请示收悉";
        let found = find_citations(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "(1988)内法经请字第6号");
        assert_eq!(numbers("依照本令第3条"), Vec::<String>::new());
        assert_eq!(
            numbers(
                "（1991年3月4日中华人民共和国国务院令第76号发布，2019年1月2日国办发〔2019〕1号）"
            ),
            ["国令第76号", "国办发〔2019〕1号"]
        );
        assert_eq!(
            numbers("（2019年6月15日）〔2019〕13号"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn ignores_brackets_that_hold_no_number() {
        assert!(find_citations("（2019年6月15日）（一）指导思想（试行）").is_empty());
    }
}
