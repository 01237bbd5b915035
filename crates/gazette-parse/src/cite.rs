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
        let following = numbers.iter().position(|n| {
            n.start >= end && text[end..n.start].trim_matches(['（', '(', ' ']).is_empty()
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
        let code_start = code_start(text, open);
        if code_start == open {
            continue;
        }
        let Some((serial_part, end)) = year_and_serial(text, open) else {
            continue;
        };
        let code = strip_leading_words(&text[code_start..open]);
        if code.is_empty() {
            continue;
        }
        let start = open - code.len();
        found.push(Found {
            doc_number: Some(DocNumber {
                code: code.to_owned(),
                year: Some(serial_part.0),
                serial: serial_part.1,
                ..DocNumber::default()
            }),
            title: None,
            start,
            end,
        });
    }
    found
}

/// Start of the run of Han characters before `open`, at most
/// [`MAX_CODE_CHARS`] long.
fn code_start(text: &str, open: usize) -> usize {
    text[..open]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| gazette_model::is_han(c))
        .take(MAX_CODE_CHARS)
        .last()
        .map_or(open, |(i, _)| i)
}

fn strip_leading_words(mut code: &str) -> &str {
    loop {
        match LEADING_WORDS.iter().find(|w| code.starts_with(*w)) {
            Some(word) => code = &code[word.len()..],
            None => return code,
        }
    }
}

/// Reads `〔2019〕13号` at `open` (spaces and full-width digits allowed).
fn year_and_serial(text: &str, open: usize) -> Option<((u16, u32), usize)> {
    let mut chars = text[open..]
        .char_indices()
        .skip(1)
        .filter(|(_, c)| !c.is_whitespace())
        .peekable();
    let mut year: u32 = 0;
    for _ in 0..4 {
        let (_, c) = chars.next()?;
        year = year * 10 + gazette_model::ascii_digit(c).to_digit(10)?;
    }
    let (_, close) = chars.next()?;
    if !matches!(close, '〕' | ']' | '）' | ')' | '】' | '］') {
        return None;
    }
    let mut serial: u32 = 0;
    let mut digits = 0;
    while let Some(d) = chars
        .peek()
        .and_then(|&(_, c)| gazette_model::ascii_digit(c).to_digit(10))
    {
        serial = serial.checked_mul(10)?.checked_add(d)?;
        digits += 1;
        chars.next();
    }
    let (at, hao) = chars.next()?;
    if digits == 0 || hao != '号' {
        return None;
    }
    Some((
        (u16::try_from(year).ok()?, serial),
        open + at + hao.len_utf8(),
    ))
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
    fn ignores_brackets_that_hold_no_number() {
        assert!(find_citations("（2019年6月15日）（一）指导思想（试行）").is_empty());
    }
}
