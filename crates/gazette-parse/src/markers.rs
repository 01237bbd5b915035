//! What a line of gazette text is, read from its first characters: a heading
//! marker (一、 （一） 1. （1） 第三条), a date line, a 发文字号 line, an
//! attachment label, a table row, the lines of a standard's cover (its
//! number, 代替 …, 2012-06-29 发布), or running text. The numbered clauses
//! of a standard (5.2.1 页边与版心尺寸) are read only where the caller says
//! the text is a standard: elsewhere “2 学分” at the start of a line is text.
//!
//! These are facts about one line; deciding what a line means in its
//! document (a title, a signature) is left to the segmenter.

use gazette_model::{is_han, parse_date, DocNumber, NaiveDate};

/// The kind of numbering that opens a heading, from the outermost in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum MarkerKind {
    /// 第一章
    Chapter,
    /// 第一节
    Part,
    /// 第一条
    Article,
    /// A clause of a standard, with its depth: 5 is 1, 5.2.1 is 3.
    Clause(u8),
    /// 一、
    Chinese,
    /// （一）
    ParenChinese,
    /// 1. 1． 1、
    Arabic,
    /// （1）
    ParenArabic,
    /// ①
    Circled,
}

/// A heading marker at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub kind: MarkerKind,
    /// Bytes the marker takes, separators after it included.
    pub len: usize,
    /// The number the marker gives, when it could be read.
    pub number: Option<u32>,
}

/// What a line is, judged on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Has a tab: a table row.
    TableRow,
    /// Starts with a heading marker.
    Heading(Marker),
    /// A date and nothing else, possibly in parentheses.
    Date(NaiveDate),
    /// A 发文字号 and nothing else.
    Number(DocNumber),
    /// An order number: 第706号, or an announcement's （十四届第3号）.
    OrderNumber,
    /// A labelled metadata field of a government web page printed to PDF,
    /// such as `发文字号： 南发改规〔2025〕4号`: its label, spaces dropped.
    Field(&'static str),
    /// 附件, 附件1, 附件 2 or 附件2： alone on its line.
    AttachmentLabel(Option<u32>),
    /// 附件：… (the attachment list of a notice).
    AttachmentList,
    /// The number of a standard alone on its line: GB/T 9704—2012.
    Standard(DocNumber),
    /// The standards a standard replaces: 代替 GB/T 9704—1999.
    Supersedes,
    /// The date a standard was issued: 2012-06-29 发布.
    Issued(NaiveDate),
    /// The date a standard takes effect: 2012-07-01 实施.
    Effective(NaiveDate),
    /// Anything else.
    Text,
}

/// Labels of the fields and forms printed around a header.
pub(crate) const FORM_LABELS: &[&str] = &[
    "公文稿纸",
    "会签稿纸",
    "内部资料",
    "签批盖章",
    "发电单位",
    "抄报",
    "签发人",
];

/// The words of 紧急程度.
pub(crate) const URGENCIES: &[&str] = &["特急", "特提", "加急", "平急"];

/// A line of a 公文's header that is neither 版头 nor title nor a 发文字号
/// with its year: a serial without a year (鲁机发454号), 紧急程度
/// (等级特急·明电, 特提), 签发人：…, or the label of a form (公文稿纸,
/// 签批盖章, 发电单位). Such a line is complete on its own.
pub(crate) fn is_header_field(text: &str) -> bool {
    // Asked of every line the paragraph stage may join: bounded first.
    if text.len() > 24 * 4 {
        return text.starts_with("签发人");
    }
    let short = text.chars().count() <= 24;
    let field = is_serial_number(text)
        || URGENCIES.iter().any(|u| text.contains(u))
        || FORM_LABELS.iter().any(|l| text.starts_with(l));
    (short && field) || text.starts_with("签发人")
}

/// A number without a year: a few Han characters, digits, 号 (鲁机发454号).
pub(crate) fn is_serial_number(text: &str) -> bool {
    let Some(body) = text.strip_suffix('号') else {
        return false;
    };
    let han = body.chars().take_while(|&c| is_han(c)).count();
    let digits = body.trim_start_matches(is_han);
    (1..=8).contains(&han) && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit())
}

const CHINESE_DIGITS: &str = "〇零一二三四五六七八九十百";

/// Classifies a trimmed line, of a standard's body when `clauses`: there
/// the headings are its numbered clauses and its unnumbered elements
/// (前言), and a line that opens with another marker is prose
/// (第二条红色双线…, （一）”“1.”“ quoted).
pub(crate) fn classify_in(text: &str, clauses: bool) -> LineKind {
    if !clauses {
        return classify(text);
    }
    let marker = clause_marker(text).or_else(|| unnumbered_clause(text));
    match (marker, classify(text)) {
        (Some(marker), _) => LineKind::Heading(marker),
        (None, LineKind::Heading(_)) => LineKind::Text,
        (None, kind) => kind,
    }
}

/// Classifies a trimmed line.
pub(crate) fn classify(text: &str) -> LineKind {
    if text.contains('\t') {
        return LineKind::TableRow;
    }
    if let Some(kind) = attachment_kind(text) {
        return kind;
    }
    // Date and number lines are short and end in 日, ） or 号: test that
    // first, as most lines are neither and the full readers allocate.
    let short = text.len() <= 120;
    if short && text.ends_with(['日', '）', ')']) {
        if let Some(date) = parse_date(text) {
            return LineKind::Date(date);
        }
    }
    if short && text.ends_with('号') {
        // A stray character before the serial is dropped in the derived
        // number, with a repair (`Builder::drop_number_stray`).
        if let Some(number) = DocNumber::parse(text)
            .or_else(|| DocNumber::parse_with_stray(text).map(|(number, _)| number))
        {
            return LineKind::Number(number);
        }
    }
    if is_order_number(text) {
        return LineKind::OrderNumber;
    }
    if let Some(kind) = cover_kind(text) {
        return kind;
    }
    if let Some((label, _)) = field(text) {
        return LineKind::Field(label);
    }
    match marker(text) {
        Some(marker) => LineKind::Heading(marker),
        None => LineKind::Text,
    }
}

/// The lines of a standard's cover: its number, the numbers it replaces,
/// its dates of issue and effect.
fn cover_kind(text: &str) -> Option<LineKind> {
    if text.len() > 120 {
        return None;
    }
    if let Some(replaced) = text.strip_prefix("代替") {
        let all_numbers = replaced
            .split(['，', ',', '、', '；', ';'])
            .all(|n| DocNumber::parse_standard(n).is_some());
        return all_numbers.then_some(LineKind::Supersedes);
    }
    if text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return DocNumber::parse_standard(text).map(LineKind::Standard);
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (date, verb, rest) = dated_verb(&compact)?;
    // The two dates may share a row: 2012-06-29 发布 2012-07-01 实施.
    let paired = rest.is_empty()
        || (verb == Verb::Issue
            && dated_verb(rest).is_some_and(|(_, v, r)| v == Verb::Effect && r.is_empty()));
    match verb {
        _ if !paired => None,
        Verb::Issue => Some(LineKind::Issued(date)),
        Verb::Effect => Some(LineKind::Effective(date)),
    }
}

/// What a date on a standard's cover says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    /// 发布
    Issue,
    /// 实施
    Effect,
}

/// `2012-06-29发布…` (no whitespace): the date, its verb and what follows.
fn dated_verb(compact: &str) -> Option<(NaiveDate, Verb, &str)> {
    let date_len = compact
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '-'))
        .map_or(compact.len(), |(i, _)| i);
    let date = NaiveDate::parse_from_str(&compact[..date_len], "%Y-%m-%d").ok()?;
    let rest = &compact[date_len..];
    if let Some(rest) = rest.strip_prefix("发布") {
        return Some((date, Verb::Issue, rest));
    }
    rest.strip_prefix("实施")
        .map(|rest| (date, Verb::Effect, rest))
}

/// `第706号`, `（十四届第3号）`
fn is_order_number(text: &str) -> bool {
    // An order number ends with 号, or with the bracket around it: most
    // lines are refused before the number is read (which allocates).
    text.len() <= 60
        && text.trim_end().ends_with(['号', '）', ')'])
        && DocNumber::parse_order("", text).is_some()
}

/// The labels of the metadata table that government web pages print above
/// a document (信息公开 pages: 标题, 发文字号, 成文日期 …).
const FIELD_LABELS: &[&str] = &[
    "标题",
    "发文字号",
    "文号",
    "发文机关",
    "成文日期",
    "发布日期",
    "发布时间",
    "索引号",
    "主题分类",
    "效力状态",
];

/// A metadata field: a known label, a colon, the value (trimmed).
pub(crate) fn field(text: &str) -> Option<(&'static str, &str)> {
    // The first colon, looked for only in the first 30 bytes: a label is
    // never longer (and this runs on every line).
    let (at, colon) = text
        .char_indices()
        .take_while(|&(i, _)| i <= 30)
        .find(|&(_, c)| matches!(c, '：' | ':'))?;
    let (label, value) = (&text[..at], &text[at + colon.len_utf8()..]);
    let unspaced = || label.chars().filter(|c| !c.is_whitespace());
    let known = FIELD_LABELS
        .iter()
        .find(|known| unspaced().eq(known.chars()))?;
    Some((known, value.trim()))
}

fn attachment_kind(text: &str) -> Option<LineKind> {
    let rest = text.trim_start_matches(['-', '—', ' ']).trim_start();
    let rest = after_own_number(rest);
    let after = rest.strip_prefix("附件")?;
    let label = after.trim_end_matches(['：', ':', '.', '．', ' ']).trim();
    if label.is_empty() {
        // 附件 or 附件： alone: a label whose title follows.
        return Some(LineKind::AttachmentLabel(None));
    }
    if let Some(number) = parse_arabic(label) {
        return Some(LineKind::AttachmentLabel(Some(number)));
    }
    let after_trim = after.trim_start();
    if after_trim.starts_with(['：', ':']) {
        return Some(LineKind::AttachmentList);
    }
    // 附件1.深圳湾口岸…: a numbered list item with its title on one line.
    let digits = after_trim.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && after_trim[digits..].starts_with(['.', '．', '：', ':', '、']) {
        return Some(LineKind::AttachmentList);
    }
    None
}

/// What follows the 发文字号 that labels an attachment with the number of
/// the document it belongs to: `南住建函〔2025〕671 号附件 1` → `附件 1`.
fn after_own_number(text: &str) -> &str {
    let Some(at) = text.find("号附件") else {
        return text;
    };
    let end = at + '号'.len_utf8();
    match DocNumber::parse(&text[..end]) {
        Some(_) => &text[end..],
        None => text,
    }
}

fn parse_arabic(text: &str) -> Option<u32> {
    let digits: String = text.chars().map(gazette_model::ascii_digit).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Reads a heading marker at the start of `text`.
pub(crate) fn marker(text: &str) -> Option<Marker> {
    ordinal_marker(text)
        .or_else(|| chinese_marker(text))
        .or_else(|| paren_marker(text))
        .or_else(|| arabic_marker(text))
        .or_else(|| circled_marker(text))
}

/// 第一章, 第二节, 第三条 (followed by a space or the article's text).
fn ordinal_marker(text: &str) -> Option<Marker> {
    let rest = text.strip_prefix('第')?;
    let numeral_len = prefix_len(rest, |c| CHINESE_DIGITS.contains(c));
    if numeral_len == 0 {
        return None;
    }
    let number = chinese_number(&rest[..numeral_len]);
    let unit = rest[numeral_len..].chars().next()?;
    let kind = match unit {
        '章' => MarkerKind::Chapter,
        '节' => MarkerKind::Part,
        '条' => MarkerKind::Article,
        _ => return None,
    };
    let len = '第'.len_utf8() + numeral_len + unit.len_utf8();
    Some(Marker {
        kind,
        len: len + spaces_len(&text[len..]),
        number,
    })
}

/// 一、
fn chinese_marker(text: &str) -> Option<Marker> {
    let numeral_len = prefix_len(text, |c| CHINESE_DIGITS.contains(c));
    if numeral_len == 0 || numeral_len > 9 {
        return None;
    }
    let rest = text[numeral_len..].strip_prefix('、')?;
    Some(Marker {
        kind: MarkerKind::Chinese,
        len: text.len() - rest.len() + spaces_len(rest),
        number: chinese_number(&text[..numeral_len]),
    })
}

/// （一） and （1）, with full-width or ASCII parentheses.
fn paren_marker(text: &str) -> Option<Marker> {
    let inner = text.strip_prefix('（').or_else(|| text.strip_prefix('('))?;
    let chinese = prefix_len(inner, |c| CHINESE_DIGITS.contains(c));
    let arabic = prefix_len(inner, |c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let (kind, numeral_len) = match (chinese, arabic) {
        (n, 0) if n > 0 && n <= 9 => (MarkerKind::ParenChinese, n),
        (0, n) if n > 0 && n <= 6 => (MarkerKind::ParenArabic, n),
        _ => return None,
    };
    let numeral = &inner[..numeral_len];
    let rest = inner[numeral_len..]
        .strip_prefix('）')
        .or_else(|| inner[numeral_len..].strip_prefix(')'))?;
    let number = match kind {
        MarkerKind::ParenChinese => chinese_number(numeral),
        _ => parse_arabic(numeral),
    };
    Some(Marker {
        kind,
        len: text.len() - rest.len() + spaces_len(rest),
        number,
    })
}

/// 1. 1． 1、 — but not 1.2 (a decimal) nor 2019年.
fn arabic_marker(text: &str) -> Option<Marker> {
    let digits = prefix_len(text, |c| c.is_ascii_digit());
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &text[digits..];
    let separator = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '.' | '．' | '、'))?;
    let rest = &rest[separator.len_utf8()..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) || rest.trim().is_empty() {
        return None;
    }
    Some(Marker {
        kind: MarkerKind::Arabic,
        len: text.len() - rest.len() + spaces_len(rest),
        number: text[..digits].parse().ok(),
    })
}

/// 5.2.1 页边与版心尺寸: the number of a standard's clause, of one to
/// four levels (PDF text may put a space after a dot: 5. 1), then a space
/// and a short heading without digits or punctuation that ends or splits
/// a sentence. A number of two levels or more may stand alone: a term
/// (3.1) whose name is on the next line.
fn clause_marker(text: &str) -> Option<Marker> {
    let mut levels = 0u8;
    let mut rest = text;
    let mut number = None;
    loop {
        let digits = prefix_len(rest, |c| c.is_ascii_digit());
        if digits == 0 || digits > 2 {
            return None;
        }
        number = rest[..digits].parse().ok().or(number);
        levels += 1;
        rest = &rest[digits..];
        let Some(after) = rest.strip_prefix('.').filter(|_| levels < 4) else {
            break;
        };
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    let heading = rest.trim_start();
    let spaced = heading.len() < rest.len();
    let bare = heading.is_empty() && levels >= 2;
    let headed = spaced
        && heading.starts_with(is_han)
        && heading.chars().count() <= 30
        && !heading.contains(|c: char| {
            c.is_ascii_digit()
                || matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':')
        });
    (bare || headed).then(|| Marker {
        kind: MarkerKind::Clause(levels),
        len: text.len() - rest.len(),
        number,
    })
}

/// The elements of a standard that head a part without a number: 前 言.
fn unnumbered_clause(text: &str) -> Option<Marker> {
    const ELEMENTS: &[&str] = &["前言", "引言", "参考文献", "索引"];
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ELEMENTS.contains(&compact.as_str()).then_some(Marker {
        kind: MarkerKind::Clause(1),
        len: 0,
        number: None,
    })
}

/// ① … ⑳
fn circled_marker(text: &str) -> Option<Marker> {
    let c = text.chars().next().filter(|c| ('①'..='⑳').contains(c))?;
    let len = c.len_utf8();
    Some(Marker {
        kind: MarkerKind::Circled,
        len: len + spaces_len(&text[len..]),
        number: Some(c as u32 - '①' as u32 + 1),
    })
}

fn prefix_len(text: &str, accept: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .find(|&(_, c)| !accept(c))
        .map_or(text.len(), |(i, _)| i)
}

fn spaces_len(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// Reads a Chinese numeral up to the hundreds: 三, 十二, 二十一, 一百零五.
pub(crate) fn chinese_number(text: &str) -> Option<u32> {
    let mut total = 0;
    let mut digit: Option<u32> = None;
    for c in text.chars() {
        match c {
            '百' => {
                total += digit.take().unwrap_or(1) * 100;
            }
            '十' => {
                total += digit.take().unwrap_or(1) * 10;
            }
            _ => {
                let value = CHINESE_DIGITS.chars().position(|d| d == c)?;
                let value = match value {
                    0 | 1 => 0,
                    n => u32::try_from(n - 1).ok()?,
                };
                digit = Some(value);
            }
        }
    }
    let value = total + digit.unwrap_or(0);
    (value > 0).then_some(value)
}

/// The kind of document a closing formula names: 特此公告。 → 公告,
/// 现予公告, 特此通知, 特此批复 ….
pub(crate) fn closing_formula_type(text: &str) -> Option<&'static str> {
    const KINDS: &[&str] = &["公告", "通告", "通知", "通报", "批复", "报告"];
    let text = text.trim().trim_end_matches(['。', '!', '！']);
    let kind = text
        .strip_prefix("特此")
        .or_else(|| text.strip_prefix("现予"))?;
    KINDS.iter().find(|k| **k == kind).copied()
}

/// The date of an adoption note (题注) printed under the title of a
/// decision or regulation: （2023年5月31日…第七次会议通过）.
pub(crate) fn adoption_note_date(text: &str) -> Option<NaiveDate> {
    let inner = text
        .trim()
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?;
    if !(inner.ends_with("通过") || inner.ends_with("批准")) || inner.chars().count() > 80 {
        return None;
    }
    gazette_model::date_prefix(inner).map(|(date, _)| date)
}

/// A closing formula: 特此通知。, 现予公告。
pub(crate) fn is_closing_formula(text: &str) -> bool {
    closing_formula_type(text).is_some()
}

#[cfg(test)]
mod tests;
