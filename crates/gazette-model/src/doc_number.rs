//! The 发文字号 (document number) of a 公文, such as 青政办字〔2019〕31号.
//!
//! Printed numbers vary: the year may sit in 〔〕, [], (), （）, 【】 or ［］,
//! digits may be full-width, PDF text puts spaces inside, and OCR mixes or
//! doubles the brackets (鄂文旅办发〔2021]38号, 南住建函【[2025]671号). [`DocNumber`]
//! reads all of these and prints the one normal form: 〔〕 and ASCII digits.
//! Orders (令) are numbered without a year: 中华人民共和国国务院令 第706号.
//!
//! A standard (标准) is numbered otherwise: `GB/T 9704—2012` is standard
//! 9704 of the recommended national series (GB/T), in its 2012 edition;
//! `GB/T 1.1—2009` is part 1 of GB/T 1; a local standard names its
//! province: `DB37/T 1234—2019`. Such a number is a [`NumberKind::Standard`]
//! and prints in its own normal form (code, space, number, —, year), never
//! dressed as a 发文字号.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A parsed 发文字号, order number or standard number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocNumber {
    /// The issuer code, for example `青政办字` or `国办发`; for an order,
    /// `国令`; for a standard, its series: `GB/T`, `GB`, `DB37/T`.
    pub code: String,
    /// The year in the brackets; `None` for orders, which are numbered
    /// across years. For a standard, the year of its edition.
    pub year: Option<u16>,
    /// The serial number within the year (or within the order series); for
    /// a standard, its number in the series.
    pub serial: u32,
    /// The part of a standard in several parts: 1 in `GB/T 1.1—2009`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    /// What the number numbers: a 公文 (the default) or a standard.
    #[serde(default, skip_serializing_if = "NumberKind::is_official")]
    pub kind: NumberKind,
    /// The serial as printed in Chinese numerals (`七` in `〔十三届〕第七号`),
    /// which the number prints with; `None` when printed in digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerals: Option<String>,
}

/// What a [`DocNumber`] numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A 公文: a 发文字号 (青政办字〔2019〕31号) or an order number (国令第706号).
    #[default]
    Official,
    /// A standard: GB/T 9704—2012.
    Standard,
}

impl NumberKind {
    /// Whether this is [`NumberKind::Official`] (left out of the JSON).
    pub fn is_official(&self) -> bool {
        *self == NumberKind::Official
    }
}

/// Opening brackets accepted around the year.
const OPEN: &[char] = &['〔', '[', '(', '（', '【', '［', '〖'];
/// Closing brackets accepted around the year.
const CLOSE: &[char] = &['〕', ']', ')', '）', '】', '］', '〗'];

impl DocNumber {
    /// Parses a whole string as a document number, e.g. `青政办字[2019]31号`,
    /// or as a standard number, e.g. `GB/T 9704-2012`.
    ///
    /// Whitespace anywhere is ignored, full-width digits are read as ASCII.
    /// Returns `None` when the string is anything else than one number.
    pub fn parse(text: &str) -> Option<DocNumber> {
        let compact = compact_digits(text);
        let whole = |found: Option<(DocNumber, usize)>| {
            found.filter(|(_, consumed)| *consumed == compact.len())
        };
        whole(Self::parse_prefix_of(&compact))
            .or_else(|| whole(Self::parse_year_first_prefix(&compact)))
            .map(|(number, _)| number)
            .or_else(|| standard(&compact))
    }

    /// The normal form of `printed` when it is one number in any printed
    /// form (`青政办字[2019]31号` → `青政办字〔2019〕31号`), `None` when it is
    /// anything else: the one rule by which numbers are stored, indexed,
    /// looked up and corrected.
    pub fn normalise(printed: &str) -> Option<String> {
        Self::parse(printed).map(|number| number.to_string())
    }

    /// [`normalise`](Self::normalise)d, or the text trimmed when it is no
    /// number: the key of a number field that keeps whatever was printed.
    pub fn normal_or_trimmed(printed: &str) -> String {
        Self::normalise(printed).unwrap_or_else(|| printed.trim().to_owned())
    }

    /// Parses a whole string as a standard number with the year of its
    /// edition: `GB/T 9704—2012`, `GB/T 1.1—2009`, `DB 37/T 1234-2019`.
    /// Any dash may join the number and the year.
    pub fn parse_standard(text: &str) -> Option<DocNumber> {
        standard(&compact_digits(text))
    }

    /// Parses a number of the order form: `第706号` under a heading such as
    /// `中华人民共和国国务院令`, given as `order_name`. The number may sit in
    /// parentheses and carry the term of the issuing congress, as the
    /// announcements (公告) of a people's congress standing committee print
    /// it: `（十四届第3号）` or `〔十三届〕第七号`, or the year of a yearly
    /// series (`2026年第1号`, a 禁火令); the term or year is then the code
    /// (`十四届第3号`, `2026年第1号`), and such a series may number in
    /// Chinese numerals (kept as printed in [`DocNumber::numerals`]).
    pub fn parse_order(order_name: &str, text: &str) -> Option<DocNumber> {
        let compact = compact_digits(text);
        let inner = strip_parentheses(&compact);
        let (term, rest) = split_term(inner);
        let digits = rest.strip_prefix('第')?.strip_suffix('号')?;
        // Chinese numerals only in a series that names its term or year
        // (〔十三届〕第七号); an order is numbered in digits.
        let (serial, numerals) = match parse_ascii_u32(digits) {
            Some(serial) => (serial, None),
            None => (
                term.and_then(|_| chinese_number(digits))?,
                Some(digits.to_owned()),
            ),
        };
        let code = match term {
            Some(term) => term.to_owned(),
            None => order_code(order_name.trim()),
        };
        Some(DocNumber {
            code,
            year: None,
            serial,
            numerals,
            ..DocNumber::default()
        })
    }

    /// Reads a number that starts a string already stripped of whitespace
    /// and with ASCII digits; returns it and the byte length it used.
    ///
    /// The issuer code is every Han character before the opening bracket, so
    /// callers that scan running text must cut the code themselves (see
    /// `gazette-parse`'s reference finder).
    pub fn parse_prefix_of(compact: &str) -> Option<(DocNumber, usize)> {
        let open = code_len(compact)?;
        let code = &compact[..open];
        let rest = &compact[open..];
        let after_open = rest.char_indices().nth(1).map_or(rest.len(), |(i, _)| i);
        // OCR doubles a bracket now and then: 南住建函【[2025]671号.
        let rest = rest[after_open..].trim_start_matches(OPEN);
        let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if year_len != 4 {
            return None;
        }
        let year: u16 = rest[..4].parse().ok()?;
        let rest = &rest[4..];
        let close = rest.chars().next().filter(|c| CLOSE.contains(c))?;
        let rest = rest[close.len_utf8()..].trim_start_matches(CLOSE);
        yearly(compact, code, year, rest)
    }
}

impl DocNumber {
    /// Reads a number printed year first, as documents up to the 1990s
    /// print them (`〔1996〕武司字第82号`, `(1988)内法经请字第6号`), at the start
    /// of `compact` (no whitespace, ASCII digits); returns it and the byte
    /// length it used. It is the same number as one printed code first, and
    /// prints in the one normal form: 武司字〔1996〕82号.
    pub fn parse_year_first_prefix(compact: &str) -> Option<(DocNumber, usize)> {
        let rest = compact.strip_prefix(OPEN)?;
        let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if year_len != 4 {
            return None;
        }
        let year: u16 = rest[..4].parse().ok()?;
        let rest = rest[4..].strip_prefix(CLOSE)?;
        let code_len: usize = rest
            .chars()
            .take_while(|&c| is_code_char(c) && c != '第')
            .map(char::len_utf8)
            .sum();
        if code_len == 0 {
            return None;
        }
        let code = &rest[..code_len];
        let rest = &rest[code_len..];
        yearly(compact, code, year, rest.strip_prefix('第').unwrap_or(rest))
    }
}

impl DocNumber {
    /// Parses a whole string as a code-first number that has one stray
    /// character between its year and its serial, as OCR reads a mark
    /// printed there (`鲁汛旱办明电[2020]的43号`); returns the number without
    /// it and the character dropped. `None` when the character is anything
    /// but one Han character (第 is no stray: 〔2021〕第5号 is read as printed
    /// elsewhere), so also when [`DocNumber::parse`] reads the string as it
    /// is (a serial's digit follows the year there).
    pub fn parse_with_stray(text: &str) -> Option<(DocNumber, char)> {
        let compact = compact_digits(text);
        let open = code_len(&compact)?;
        let after_open = compact[open..].chars().next()?.len_utf8();
        let year_end = open + after_open + 4;
        let close = compact.get(year_end..)?.chars().next()?;
        let stray_at = year_end + close.len_utf8();
        let stray = compact.get(stray_at..)?.chars().next()?;
        if !CLOSE.contains(&close) || !is_han(stray) || stray == '第' {
            return None;
        }
        let without = format!(
            "{}{}",
            &compact[..stray_at],
            &compact[stray_at + stray.len_utf8()..]
        );
        DocNumber::parse(&without).map(|number| (number, stray))
    }
}

/// The byte length of the issuer code that opens `compact`: Han characters,
/// with any parenthesised group of one to three Han characters after the
/// first (鲁密办(局)函: a code two bodies share), up to the bracket that
/// opens the four-digit year. `None` when anything else stands there.
fn code_len(compact: &str) -> Option<usize> {
    let mut chars = compact.char_indices().peekable();
    let mut code_chars = 0;
    while let Some((i, c)) = chars.next() {
        if OPEN.contains(&c) {
            let after = &compact[i + c.len_utf8()..];
            let year = after.trim_start_matches(OPEN);
            if year.bytes().take_while(u8::is_ascii_digit).count() == 4 {
                return (code_chars > 0).then_some(i);
            }
            // A parenthesised part of the code, not its year.
            let inner = after.find(CLOSE)?;
            let group = &after[..inner];
            let len = group.chars().count();
            if code_chars == 0 || !(1..=3).contains(&len) || !group.chars().all(is_code_char) {
                return None;
            }
            let close_end = i + c.len_utf8() + inner;
            while chars.peek().is_some_and(|&(k, _)| k <= close_end) {
                chars.next();
            }
            code_chars += len;
        } else if is_code_char(c) {
            code_chars += 1;
        } else {
            return None;
        }
    }
    None
}

/// The number of `code` in `year` whose serial and 号 open `rest`, the
/// tail of `compact`; with the bytes of `compact` it used.
fn yearly(compact: &str, code: &str, year: u16, rest: &str) -> Option<(DocNumber, usize)> {
    let serial_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let serial = parse_ascii_u32(&rest[..serial_len])?;
    let rest = rest[serial_len..].strip_prefix('号')?;
    Some((
        DocNumber {
            code: code.to_owned(),
            year: Some(year),
            serial,
            ..DocNumber::default()
        },
        compact.len() - rest.len(),
    ))
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind == NumberKind::Standard {
            write!(f, "{} {}", self.code, self.serial)?;
            if let Some(part) = self.part {
                write!(f, ".{part}")?;
            }
            return match self.year {
                Some(year) => write!(f, "—{year}"),
                None => Ok(()),
            };
        }
        match self.year {
            Some(year) => write!(f, "{}〔{}〕{}号", self.code, year, self.serial),
            None => match &self.numerals {
                Some(numerals) => write!(f, "{}第{}号", self.code, numerals),
                None => write!(f, "{}第{}号", self.code, self.serial),
            },
        }
    }
}

/// Dashes printed between a standard's number and its year.
const DASHES: &[char] = &['—', '–', '-', '－', '―', '‐', '−'];

/// A standard number in `compact` (no whitespace, ASCII digits), whole:
/// series letters (`GB`), a province for a local standard (`DB37/`), `/T`
/// or `/Z`, the number, maybe `.part`, a dash and a four-digit year.
fn standard(compact: &str) -> Option<DocNumber> {
    let letters = compact.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(1..=4).contains(&letters) {
        return None;
    }
    let mut rest = &compact[letters..];
    let province = rest.bytes().take_while(u8::is_ascii_digit).count();
    if province == 2 && rest[province..].starts_with('/') {
        rest = &rest[province..];
    }
    if let Some(after) = rest.strip_prefix('/') {
        rest = after.strip_prefix(['T', 'Z']).unwrap_or(after);
    }
    let code = &compact[..compact.len() - rest.len()];
    let (serial, rest) = leading_number(rest)?;
    let (part, rest) = match rest.strip_prefix('.') {
        Some(after) => {
            let (part, rest) = leading_number(after)?;
            (Some(part), rest)
        }
        None => (None, rest),
    };
    let year = rest.trim_start_matches(DASHES);
    let dashed = year.len() < rest.len();
    if !dashed || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(DocNumber {
        code: code.to_owned(),
        year: Some(year.parse().ok()?),
        serial,
        part,
        kind: NumberKind::Standard,
        numerals: None,
    })
}

/// The ASCII number (at most six digits) that `text` starts with, and the rest.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 6 {
        return None;
    }
    Some((parse_ascii_u32(&text[..digits])?, &text[digits..]))
}

/// Characters that may form an issuer code: Han characters only.
fn is_code_char(c: char) -> bool {
    is_han(c)
}

/// Whether `c` is a CJK unified ideograph (the characters of Chinese words).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}' | '\u{F900}'..='\u{FAFF}')
}

/// Drops whitespace and maps full-width digits to ASCII.
fn compact_digits(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(ascii_digit)
        .collect()
}

/// Maps a full-width digit (０–９) to its ASCII form; other characters pass.
pub fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

fn parse_ascii_u32(digits: &str) -> Option<u32> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `（…）` or `(…)` around `text` taken off, also when a page lost one of
/// them (`2026年第1号)`); `text` itself otherwise.
fn strip_parentheses(text: &str) -> &str {
    let open = text.strip_prefix(['（', '(']);
    let inner = open.unwrap_or(text);
    match inner.strip_suffix(['）', ')']) {
        Some(inner) => inner,
        None if open.is_some() => inner,
        None => text,
    }
}

/// Splits what names the series of an announcement off the front of
/// `第3号`: a congress term (`十四届`, `〔十三届〕`) or a year (`2026年`).
fn split_term(text: &str) -> (Option<&str>, &str) {
    if let Some(rest) = text.strip_prefix(OPEN) {
        if let Some(close) = rest.find(CLOSE) {
            let term = &rest[..close];
            let after = &rest[close..];
            let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
            if is_term(term) && after.starts_with('第') {
                return (Some(&text[..text.len() - after.len()]), after);
            }
        }
    }
    let year = text.bytes().take_while(u8::is_ascii_digit).count();
    if year == 4 {
        if let Some(rest) = text[4..].strip_prefix('年') {
            return (Some(&text[..text.len() - rest.len()]), rest);
        }
    }
    let numeral = text
        .char_indices()
        .find(|&(_, c)| !"一二三四五六七八九十".contains(c))
        .map_or(text.len(), |(i, _)| i);
    match text[numeral..].strip_prefix('届') {
        Some(rest) if numeral > 0 => (Some(&text[..text.len() - rest.len()]), rest),
        _ => (None, text),
    }
}

/// A congress term: Chinese numerals and 届 (十三届).
fn is_term(text: &str) -> bool {
    text.strip_suffix('届')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)))
}

/// A number below a thousand in Chinese numerals: 七, 十二, 二十三, 一百零五.
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let mut total = 0;
    let mut pending: Option<u32> = None;
    for c in text.chars() {
        match c {
            '百' => total += pending.take().unwrap_or(1) * 100,
            '十' => total += pending.take().unwrap_or(1) * 10,
            _ => {
                let d = digit(c)?;
                if pending.is_some() {
                    return None;
                }
                pending = Some(d).filter(|&d| d > 0);
                if d == 0 {
                    continue;
                }
            }
        }
    }
    let total = total + pending.unwrap_or(0);
    (total > 0 && !text.is_empty()).then_some(total)
}

/// The short code of an order series: 中华人民共和国国务院令 → 国令.
fn order_code(order_name: &str) -> String {
    match order_name {
        "中华人民共和国国务院令" | "国务院令" => "国令".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_may_hold_a_parenthesised_part() {
        let number = DocNumber::parse("鲁密办(局)函〔2021〕5号").expect("number");
        assert_eq!(number.code, "鲁密办(局)函");
        assert_eq!(number.year, Some(2021));
        assert_eq!(number.serial, 5);
        // Not at the start, not empty, not unclosed, not a long aside.
        for text in [
            "(局)函〔2021〕5号",
            "鲁密办()函〔2021〕5号",
            "鲁密办(局函〔2021〕5号",
            "鲁密办(保密局办公室)函〔2021〕5号",
        ] {
            assert_eq!(DocNumber::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_stray_character_before_the_serial_is_dropped_only_when_asked() {
        let printed = "鲁汛旱办明电[2020]的43号";
        assert_eq!(DocNumber::parse(printed), None);
        let (number, stray) = DocNumber::parse_with_stray(printed).expect("number");
        assert_eq!(number.to_string(), "鲁汛旱办明电〔2020〕43号");
        assert_eq!(stray, '的');
        for text in [
            "国发〔2020〕43号",
            "国发〔2020〕第43号",
            "国发〔2020〕xx43号",
            "国发〔2020〕的号",
        ] {
            assert_eq!(DocNumber::parse_with_stray(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_are_stored_in_normal_form() {
        let normal_number = DocNumber::normal_or_trimmed;
        assert_eq!(normal_number("青政办字[2019]31号"), "青政办字〔2019〕31号");
        assert_eq!(normal_number(" 不是文号 "), "不是文号");
    }

    #[test]
    fn reads_numbers_printed_year_first() {
        for (printed, normal) in [
            ("〔1996〕武司字第82号", "武司字〔1996〕82号"),
            ("(1988)内法经请字第6号", "内法经请字〔1988〕6号"),
            ("（1990）法经字 12 号", "法经字〔1990〕12号"),
        ] {
            let number = DocNumber::parse(printed).expect(printed);
            assert_eq!(number.to_string(), normal, "{printed}");
        }
        // A year and a serial with no code, a date, a code with no serial.
        for not_a_number in [
            "〔2019〕13号",
            "（2019年6月15日）",
            "〔1996〕武司字号",
            "〔96〕武司字第82号",
        ] {
            assert_eq!(DocNumber::parse(not_a_number), None, "{not_a_number}");
        }
    }

    #[test]
    fn parses_every_bracket_variant_to_one_form() {
        for printed in [
            "青政办字〔2019〕31号",
            "青政办字[2019]31号",
            "青政办字(2019)31号",
            "青政办字（2019）31号",
            "青政办字【2019】31号",
            "青政办字〔２０１９〕３１号",
            "青政办字〔2019〕31 号",
            "青政办字〔2019]31号",
            "青政办字【[2019] 31 号",
        ] {
            let number = DocNumber::parse(printed).expect(printed);
            assert_eq!(number.to_string(), "青政办字〔2019〕31号", "{printed}");
            assert_eq!(number.code, "青政办字");
            assert_eq!(number.year, Some(2019));
            assert_eq!(number.serial, 31);
        }
    }

    #[test]
    fn rejects_what_is_not_one_number() {
        for text in [
            "",
            "〔2019〕31号",
            "青政办字〔19〕31号",
            "青政办字〔2019〕号",
            "青政办字〔2019〕31号文件",
            "按照，鲁政办字〔2019〕94号",
            "2019年6月15日",
        ] {
            assert_eq!(DocNumber::parse(text), None, "{text}");
        }
    }

    #[test]
    fn reads_a_prefix_and_says_how_much_it_used() {
        let (number, used) =
            DocNumber::parse_prefix_of("国办发〔2019〕13号）要求").expect("prefix");
        assert_eq!(number.to_string(), "国办发〔2019〕13号");
        assert_eq!(used, "国办发〔2019〕13号".len());
    }

    #[test]
    fn standards_print_in_their_own_normal_form() {
        for printed in [
            "GB/T 9704—2012",
            "GB/T 9704-2012",
            "GB/T9704－2012",
            "GB/T 9704——2012",
        ] {
            let number = DocNumber::parse(printed).expect(printed);
            assert_eq!(number.to_string(), "GB/T 9704—2012", "{printed}");
            assert_eq!(number.kind, NumberKind::Standard);
            assert_eq!(
                (number.code.as_str(), number.year, number.serial),
                ("GB/T", Some(2012), 9704)
            );
        }
        let part = DocNumber::parse_standard("GB/T 1. 1—2009").expect("part");
        assert_eq!((part.serial, part.part), (1, Some(1)));
        assert_eq!(part.to_string(), "GB/T 1.1—2009");
        let local = DocNumber::parse_standard("DB 37/T 1234-2019").expect("local");
        assert_eq!(local.to_string(), "DB37/T 1234—2019");
        assert_eq!(
            DocNumber::parse("GB 3100—1993").map(|n| n.code),
            Some("GB".to_owned())
        );
    }

    #[test]
    fn a_standard_needs_its_year_and_nothing_more() {
        for text in [
            "GB/T 148",
            "GB/T 9704—12",
            "GB/T 9704—2012 代替",
            "ICS 35.240.20",
            "A 13",
            "gb/t 9704—2012",
            "GB/T —2012",
        ] {
            assert_eq!(DocNumber::parse_standard(text), None, "{text}");
        }
    }

    #[test]
    fn orders_have_no_year() {
        let number = DocNumber::parse_order("中华人民共和国国务院令", "第706号").expect("order");
        assert_eq!(number.to_string(), "国令第706号");
        assert_eq!(number.year, None);
        assert_eq!(DocNumber::parse_order("国务院令", "第七百号"), None);
    }

    #[test]
    fn announcements_number_by_congress_term() {
        // Printed “( 十四届第 3 号)” under 广西壮族自治区人大常委会公告.
        let number = DocNumber::parse_order("广西壮族自治区人大常委会公告", "( 十四届第 3 号)")
            .expect("term");
        assert_eq!(number.to_string(), "十四届第3号");
        assert_eq!((number.year, number.serial), (None, 3));
        assert_eq!(DocNumber::parse_order("公告", "（届第3号）"), None);
        assert_eq!(DocNumber::parse_order("公告", "（十四届）"), None);
        // 〔十三届〕第七号 under 全国人民代表大会常务委员会公告.
        let number = DocNumber::parse_order("", "〔十三届〕第二十三号").expect("bracketed term");
        assert_eq!((number.code.as_str(), number.serial), ("〔十三届〕", 23));
        assert_eq!(number.to_string(), "〔十三届〕第二十三号");
        assert_eq!(
            DocNumber::parse_order("", "〔十三届〕第七").map(|n| n.serial),
            None
        );
    }

    #[test]
    fn a_yearly_series_numbers_by_its_year() {
        // 禁火令 (2026年第1号), printed with its opening bracket lost.
        let number = DocNumber::parse_order("", "2026年第1号)").expect("yearly");
        assert_eq!(number.to_string(), "2026年第1号");
        assert_eq!(
            DocNumber::parse_order("", "（2025年第2号）").map(|n| n.serial),
            Some(2)
        );
        let numerals = DocNumber::parse_order("", "2025年第二号").expect("numerals");
        assert_eq!(
            (numerals.serial, numerals.to_string().as_str()),
            (2, "2025年第二号")
        );
        assert_eq!(DocNumber::parse_order("", "205年第2号"), None);
    }
}
