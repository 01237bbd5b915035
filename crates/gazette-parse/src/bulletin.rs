//! The header of a document that names its issuers on a line under its
//! title and has no 发文字号 above the body: a bulletin (统计公报 of a
//! province, city or county) or a report. The title, a line naming the
//! bodies (one, or the bodies of a joint issue on one line: 江西省统计局
//! 国家统计局江西调查总队), then the date: bare (2023年3月28日), in
//! parentheses (（2023年4月12日）) or without its day (（2023年5月）: the
//! line is the header's, but gives no 成文日期). A 发文字号 printed under
//! the date is the header's too.
//!
//! The same three lines end many a 公文 (a last line that reads as a
//! title, the signature, its date), so a bare date or one without its day
//! opens a document only when body text follows it; a date in parentheses
//! is never a signature's.
//!
//! Not for: a title over its date alone (`segment`'s `Dated` form), nor a
//! signature at the end of a text (see `document`).

use gazette_model::date_prefix;

use crate::issuers;
use crate::markers::LineKind;
use crate::paragraphs::Para;
use crate::segment::{reads_as_title, Header, HeaderForm};
use crate::text::ends_sentence;

/// The header whose issuers' line is paragraph `i`, when the title is
/// right above it (not before `taken`) and the date right under it.
pub(crate) fn header(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let title = i.checked_sub(1).filter(|&t| t >= taken)?;
    // Names of bodies are short: a paragraph of body text is passed over
    // without counting its characters.
    if paras[i].kind != LineKind::Text
        || paras[i].text.len() > 240
        || !issuers::is_body_names(paras[i].text.trim())
        || !reads_as_title(&paras[title])
    {
        return None;
    }
    let dated = i + 1;
    let line = paras.get(dated)?;
    let parenthesised = line.text.starts_with(['（', '(']);
    let (date, partial) = match line.kind {
        LineKind::Date(date) => (Some((dated, date)), None),
        LineKind::Text if is_month_line(&line.text) => (None, Some(dated)),
        _ => return None,
    };
    let number = match paras.get(dated + 1).map(|p| &p.kind) {
        Some(LineKind::Number(number)) => Some((dated + 1, number.clone())),
        _ => None,
    };
    let after = number.as_ref().map_or(dated + 1, |(k, _)| k + 1);
    // A date in parentheses is never a signature's; any other needs body
    // text under it.
    let surely_a_header = parenthesised && date.is_some();
    if !surely_a_header && !opens_body(paras.get(after)) {
        return None;
    }
    Some(Header {
        date,
        number,
        issuers: Some(i),
        partial_date: partial,
        ..Header::at(HeaderForm::Dated, title)
    })
}

/// A paragraph of running text (one that ends a sentence), or a heading:
/// what follows the header of a document, not its signature.
fn opens_body(para: Option<&Para>) -> bool {
    para.is_some_and(|p| match p.kind {
        LineKind::Text => ends_sentence(&p.text),
        LineKind::Heading(_) => true,
        _ => false,
    })
}

/// A date line without its day: 2023年5月, （2023年5月）, 二〇二三年五月.
pub(crate) fn is_month_line(text: &str) -> bool {
    // At most （二〇二三年十二月）, 10 characters of 3 bytes and spaces.
    if text.len() > 40 {
        return false;
    }
    let text = text.trim();
    let inner = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
        .unwrap_or(text)
        .trim();
    // A full date is a date line, not this.
    if date_prefix(inner).is_some() {
        return false;
    }
    let Some((year, rest)) = inner.split_once('年') else {
        return false;
    };
    let Some(month) = rest.strip_suffix('月') else {
        return false;
    };
    let Some(year) = year
        .trim()
        .chars()
        .map(numeral)
        .collect::<Option<Vec<u32>>>()
    else {
        return false;
    };
    year.len() == 4
        && year_is_plausible(&year)
        && month_value(month.trim()).is_some_and(|m| (1..=12).contains(&m))
}

fn year_is_plausible(digits: &[u32]) -> bool {
    let year = digits.iter().fold(0, |n, d| n * 10 + d);
    (1900..=2100).contains(&year)
}

/// The value of a month written in digits (5, ５, 05) or characters (五,
/// 十二).
fn month_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.chars().count() > 3 {
        return None;
    }
    if let Some(rest) = text.strip_prefix('十') {
        return match rest {
            "" => Some(10),
            _ => rest
                .chars()
                .map(numeral)
                .collect::<Option<Vec<_>>>()
                .filter(|d| d.len() == 1)
                .map(|d| 10 + d[0]),
        };
    }
    let digits = text.chars().map(numeral).collect::<Option<Vec<_>>>()?;
    Some(digits.iter().fold(0, |n, d| n * 10 + d))
}

/// A digit, full-width digit or Chinese numeral (〇 to 九).
fn numeral(c: char) -> Option<u32> {
    if let Some(d) = c.to_digit(10) {
        return Some(d);
    }
    if ('０'..='９').contains(&c) {
        return Some(c as u32 - '０' as u32);
    }
    "〇一二三四五六七八九"
        .chars()
        .position(|n| n == c)
        .or_else(|| (c == '○' || c == '零').then_some(0))
        .and_then(|d| u32::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;
    use gazette_model::NaiveDate;

    fn date_of(header: &Header) -> Option<NaiveDate> {
        header.date.map(|(_, d)| d)
    }

    use crate::paragraphs::paragraphs;

    fn found(text: &str) -> Option<Header> {
        let paras = paragraphs(&split_lines(text));
        (0..paras.len()).find_map(|i| header(&paras, i, 0))
    }

    #[test]
    fn a_joint_bulletin_under_its_title_with_a_bare_date() {
        let text = "某省2022年国民经济和社会发展统计公报\n某省统计局  国家统计局某省调查总队\n\
                    2023年3月28日\n2022年，全省经济稳中向好。\n一、综合\n";
        let header = found(text).expect("header");
        assert_eq!((header.title, header.issuers), (0, Some(1)));
        assert_eq!(date_of(&header), NaiveDate::from_ymd_opt(2023, 3, 28));
        assert_eq!(header.last(), 2);
    }

    #[test]
    fn a_date_without_its_day_is_the_headers_but_no_date() {
        let text = "某县2022年国民经济和社会发展统计公报\n某县统计局\n（2023年5月）\n\
                    2022年，全县经济稳中向好。\n";
        let header = found(text).expect("header");
        assert_eq!(date_of(&header), None);
        assert_eq!(header.partial_date, Some(2));
        assert_eq!(header.last(), 2);
    }

    #[test]
    fn a_signature_at_the_end_opens_nothing() {
        // The last line of a list of attachments, the signature, its date.
        let text = "附件：1.某某实施办法\n某某实施细则\n某市人民政府\n2023年3月28日\n";
        assert_eq!(found(text), None);
        let text = "某某实施细则\n某市人民政府\n2023年3月28日\n（此件公开发布）\n";
        assert_eq!(found(text), None);
    }

    #[test]
    fn month_lines() {
        assert!(is_month_line("（2023年5月）"));
        assert!(is_month_line("2023年12月"));
        assert!(is_month_line("二〇二三年五月"));
        assert!(is_month_line("(2023年十二月)"));
        assert!(!is_month_line("（2023年5月12日）"));
        assert!(!is_month_line("2023年13月"));
        assert!(!is_month_line("本年5月"));
        assert!(!is_month_line("23年5月"));
    }
}
