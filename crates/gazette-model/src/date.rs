//! Dates as gazettes print them: `2019年6月15日`, `（2019年6月15日）`,
//! `二〇一九年六月十五日`, `一九九六年一月二十五日`.
//!
//! Only calendar dates with year, month and day are read here; partial dates
//! (`7月15日前`, `10月底`) need a document's context and belong to the
//! extractors that have it.

use chrono::NaiveDate;

/// Reads a string that is a date and nothing else, optionally in parentheses.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let inner = strip_parens(text).unwrap_or(text).trim();
    let (date, used) = date_prefix(inner)?;
    inner[used..].trim().is_empty().then_some(date)
}

/// Reads a date at the start of `text`; returns it and the bytes it used.
pub fn date_prefix(text: &str) -> Option<(NaiveDate, usize)> {
    let mut cursor = Cursor { text, pos: 0 };
    let year = cursor.year()?;
    cursor.expect('年')?;
    let month = cursor.small_number()?;
    cursor.expect('月')?;
    let day = cursor.small_number()?;
    cursor.expect('日')?;
    let date = NaiveDate::from_ymd_opt(i32::from(year), month, day)?;
    Some((date, cursor.pos))
}

fn strip_parens(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    inner.strip_suffix('）').or_else(|| inner.strip_suffix(')'))
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn expect(&mut self, wanted: char) -> Option<()> {
        self.skip_spaces();
        (self.bump()? == wanted).then_some(())
    }

    /// Four digits, ASCII, full-width or Chinese (一九九六, 二〇一九, 二○一九).
    fn year(&mut self) -> Option<u16> {
        self.skip_spaces();
        let mut year: u16 = 0;
        for _ in 0..4 {
            // Web copies print a Latin O for 〇 (二OO五年).
            let digit = match self.bump()? {
                'O' | 'Ｏ' => 0,
                c => digit_value(c)?,
            };
            year = year * 10 + u16::from(digit);
        }
        Some(year)
    }

    /// 1–31 in ASCII/full-width digits or Chinese numerals (十二, 二十五, 三十一).
    fn small_number(&mut self) -> Option<u32> {
        self.skip_spaces();
        let first = self.peek()?;
        if digit_value(first).is_some() && !is_chinese_numeral(first) {
            return self.arabic();
        }
        self.chinese()
    }

    fn arabic(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        let mut count = 0;
        while let Some(d) = self.peek().and_then(digit_value).filter(|_| count < 2) {
            if is_chinese_numeral(self.peek()?) {
                break;
            }
            self.bump();
            value = value * 10 + u32::from(d);
            count += 1;
        }
        (count > 0).then_some(value)
    }

    fn chinese(&mut self) -> Option<u32> {
        let mut tens: Option<u32> = None;
        let mut units: Option<u32> = None;
        while let Some(c) = self.peek() {
            if c == '十' {
                if tens.is_some() {
                    return None;
                }
                tens = Some(units.take().unwrap_or(1));
            } else if let Some(d) = digit_value(c).filter(|_| is_chinese_numeral(c)) {
                if units.is_some() {
                    return None;
                }
                units = Some(u32::from(d));
            } else {
                break;
            }
            self.bump();
        }
        match (tens, units) {
            (None, None) => None,
            (tens, units) => Some(tens.unwrap_or(0) * 10 + units.unwrap_or(0)),
        }
    }
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

fn digit_value(c: char) -> Option<u8> {
    let value = match c {
        '0'..='9' => c as u32 - '0' as u32,
        '０'..='９' => c as u32 - '０' as u32,
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    u8::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn reads_arabic_and_chinese_dates() {
        assert_eq!(parse_date("2019年6月15日"), Some(ymd(2019, 6, 15)));
        assert_eq!(parse_date("（2019年6月15日）"), Some(ymd(2019, 6, 15)));
        assert_eq!(parse_date("二〇一九年六月十五日"), Some(ymd(2019, 6, 15)));
        assert_eq!(parse_date("一九九六年一月二十五日"), Some(ymd(1996, 1, 25)));
        assert_eq!(parse_date("二○○四年四月二十七日"), Some(ymd(2004, 4, 27)));
        // A Latin O printed for 〇 by a web copy.
        assert_eq!(parse_date("二OO五年四月二十九日"), Some(ymd(2005, 4, 29)));
        assert_eq!(
            parse_date("二〇一八年十二月三十一日"),
            Some(ymd(2018, 12, 31))
        );
        assert_eq!(parse_date("２０１９年６月１５日"), Some(ymd(2019, 6, 15)));
        assert_eq!(
            parse_date(" 2019年1月27日 \u{a0}\u{a0}"),
            Some(ymd(2019, 1, 27))
        );
    }

    #[test]
    fn rejects_impossible_and_partial_dates() {
        assert_eq!(parse_date("2019年2月30日"), None);
        assert_eq!(parse_date("2019年6月"), None);
        assert_eq!(parse_date("7月15日"), None);
        assert_eq!(parse_date("2019年6月15日，市政府决定"), None);
        assert_eq!(parse_date("二〇一九年十十日"), None);
    }

    #[test]
    fn a_prefix_says_where_it_ends() {
        let text = "2019年6月19日，市政府决定，任命：";
        let (date, used) = date_prefix(text).expect("date");
        assert_eq!(date, ymd(2019, 6, 19));
        assert_eq!(&text[used..], "，市政府决定，任命：");
    }
}
