//! Paragraphs of an issue → where each 公文 starts and what its header is.
//!
//! A document announces itself by its header, whatever the house style:
//! - title, （date）, 发文字号 — the Qingdao gazette;
//! - title over several lines, 发文字号 — the State Council library;
//! - title and （date） without a number;
//! - title, the issuers' line and the date (a 统计公报: see `bulletin`);
//! - an order: 中华人民共和国国务院令 / 第706号;
//! - a personnel list: a title with 任免, then “2019年6月19日，市政府决定，任命：”;
//! - the GB/T 9704 print layout: 版头, 发文字号, then the title under it;
//!   紧急程度 (等级特急·明电), form labels, a second serial (鲁机发454号) or
//!   签发人 may come between them;
//! - 版头, title and 主送 without a number (a 函 or 通知 printed so);
//! - an announcement: 广西壮族自治区人大常委会公告 / （十四届第3号）;
//! - a government web page printed to PDF: the 信息公开 table (标题：,
//!   发文字号：, 成文日期： or 发布日期：) over the title printed again;
//! - a standard's cover: its number (GB/T 9704—2012), maybe 代替 …, the
//!   title, maybe the title in English, then 2012-06-29 发布.
//!
//! Text with none of these headers may still be documents printed without
//! one: attachments published on their own (附件2 / 蔬菜别名…对照表), each a
//! document titled by the line under its label, or a text that opens with
//! its title (上市公司…特别规定 / （2020年修订）). They have no number and
//! no date of their own.
//!
//! A line-less text (see `lineless`) in which none of these is found is
//! one document, titled by its first line that reads as a title.
//!
//! A page's text may hold a document without any header: a title (关于…)
//! over its 主送, maybe under the page's own lines and a date note; or no
//! title at all, the text opening mid-body and ending with a signature and
//! date (`Unheaded`: one document without a title).
//!
//! A 发文字号 quoted in running text never starts a document: only one that
//! stands alone on its line does. Everything between two headers belongs to
//! the first document, so documents never overlap and nothing falls between.

use gazette_model::{date_prefix, is_han, parse_date, DocNumber, NaiveDate};

use crate::bulletin;
use crate::issuers;
use crate::markers::{self, field, LineKind};
use crate::paragraphs::{is_adoption_note, Para};
use crate::text::{compact, ends_sentence, looks_like_title};

/// How a document's header was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderForm {
    /// Title, optional date line, 发文字号.
    Numbered,
    /// Title and date line.
    Dated,
    /// An order (令): name of the order series and 第N号.
    Order,
    /// A 任免 list.
    Personnel,
    /// The metadata table of a web page printed to PDF, over the title.
    Fields,
    /// The cover of a standard: number, title, date of issue.
    Standard,
    /// No header: an attachment under its label, or a text under its title.
    Untitled,
    /// A text that opens mid-body, without its title, and ends signed: one
    /// document with no title (its `title` index is its first paragraph,
    /// which is body).
    Unheaded,
    /// A line-less text in which no header was recognised: its first title
    /// (or its first line) read as the title of the one document it is.
    Opening,
}

/// The header of one document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    pub form: HeaderForm,
    /// Index of the first paragraph of the document: the title, or what the
    /// header prints above it (a 版头, an attachment label, a field table).
    pub start: usize,
    /// Index of the title paragraph.
    pub title: usize,
    /// A parenthesised line under the title that belongs to it: （2020年修订）.
    pub subtitle: Option<usize>,
    /// Index and value of the date line, when the header has one.
    pub date: Option<(usize, NaiveDate)>,
    /// Index and value of the number line.
    pub number: Option<(usize, DocNumber)>,
    /// Index of the line under the title that names the issuing bodies
    /// (宜春市统计局 国家统计局宜春调查队).
    pub issuers: Option<usize>,
    /// Index of a date line that gives no day (（2023年5月）): the
    /// header's, but no 成文日期.
    pub partial_date: Option<usize>,
}

impl Header {
    /// Index of the last paragraph of the header.
    pub fn last(&self) -> usize {
        let mut last = self
            .subtitle
            .unwrap_or(self.title)
            .max(self.issuers.unwrap_or(0))
            .max(self.partial_date.unwrap_or(0));
        if let Some((i, _)) = self.date {
            last = last.max(i);
        }
        if let Some((i, _)) = &self.number {
            last = last.max(*i);
        }
        last
    }
}

/// Finds every document header, in order.
pub(crate) fn find_headers(paras: &[Para], line_less: bool) -> Vec<Header> {
    let mut headers: Vec<Header> = Vec::new();
    for i in 0..paras.len() {
        let taken = headers.last().map_or(0, |h| h.last() + 1);
        let found = numbered(paras, i, taken)
            .or_else(|| order(paras, i, taken))
            .or_else(|| crate::unheaded_order::header(paras, i, taken))
            .or_else(|| bulletin::header(paras, i, taken))
            .or_else(|| dated(paras, i, taken))
            .or_else(|| adopted(paras, i, taken))
            .or_else(|| personnel(paras, i, taken))
            .or_else(|| fields(paras, i, taken))
            .or_else(|| standard(paras, i, taken));
        if let Some(header) = found {
            headers.push(header);
        }
    }
    if headers.is_empty() && line_less {
        headers.extend(opening(paras));
    }
    if headers.is_empty() {
        headers = untitled(paras);
        // A page that opens with its headline and prints the title again
        // over the 主送: the document starts there.
        if let [only] = headers.as_slice() {
            if only.form == HeaderForm::Untitled && only.title == 0 {
                if let Some(addressed) = addressed_title(paras).filter(|h| h.title > 0) {
                    headers = vec![addressed];
                }
            }
        }
    }
    // A 公文 printed without a number: 版头, title, 主送; or without a
    // title, its 主送 first.
    if headers.is_empty() {
        headers.extend(opening(paras).filter(|h| match h.form {
            HeaderForm::Unheaded => paras.first().is_some_and(may_list_recipients),
            _ => is_addressed(paras, h.title),
        }));
    }
    // A page's text: the title (关于…) and its 主送 under lines that are
    // not the document's (a breadcrumb, the page's headline, a date and
    // source line), which stay front matter.
    if headers.is_empty() {
        headers.extend(addressed_title(paras));
    }
    // A page's text that starts with the body (its title left on the page
    // or not copied) and ends with a signature and date.
    if headers.is_empty() && ends_signed(paras) {
        let mut header = Header::at(HeaderForm::Unheaded, 0);
        // Its 发文字号 over the 主送, the title left on the page.
        if let Some(LineKind::Number(number)) = paras.first().map(|p| &p.kind) {
            header.number = Some((0, number.clone()));
        }
        headers.push(header);
    }
    // A page's text with none of these: the headline over its body (纪委
    // “七个严禁”严明…纪律要求, or one that names the document it reports:
    // …印发《…的意见》) is its one title.
    if headers.is_empty() {
        headers.extend(headline(paras));
    }
    headers
}

/// Paragraphs searched for a headline over the body.
const HEADLINE_WITHIN: usize = 3;

/// The longest headline, in characters.
const HEADLINE_CHARS: usize = 40;

/// The longest headline that reads as a title (a news headline that names
/// the document it reports: 中办 国办印发《关于…的意见》), in characters.
const HEADLINE_TITLE_CHARS: usize = 80;

/// A headline: a short paragraph that opens in Chinese and is no sentence,
/// over a paragraph of sentences.
fn headline(paras: &[Para]) -> Option<Header> {
    let at = (0..paras.len().min(HEADLINE_WITHIN)).find(|&i| {
        let para = &paras[i];
        is_title(para)
            && para.text.starts_with(is_han)
            && para.text.chars().count()
                <= if reads_as_title(para) {
                    HEADLINE_TITLE_CHARS
                } else {
                    HEADLINE_CHARS
                }
            && paras
                .get(i + 1)
                .is_some_and(|next| next.text.contains('。'))
    })?;
    Some(Header {
        start: at,
        ..Header::at(HeaderForm::Opening, at)
    })
}

/// Paragraphs at the end of a text searched for its signature: lines of
/// the page may follow it.
const SIGNATURE_WITHIN: usize = 6;

/// Whether a date line near the end of the text signs it: under the names
/// of bodies (安徽省人民代表大会常务委员会 / 2014年1月22日) or a closing
/// formula (特此通知。), or on one line with the names.
fn ends_signed(paras: &[Para]) -> bool {
    let from = paras.len().saturating_sub(SIGNATURE_WITHIN);
    (from..paras.len()).any(|i| {
        let para = &paras[i];
        if issuers::signed_line(&para.text).is_some() {
            return true;
        }
        let above = i.checked_sub(1).map(|j| paras[j].text.trim());
        matches!(para.kind, LineKind::Date(_))
            && above.is_some_and(|a| issuers::is_body_names(a) || markers::is_closing_formula(a))
    })
}

/// Paragraphs searched for a title over its 主送 in a text without any
/// other header.
const ADDRESSED_TITLE_WITHIN: usize = 40;

/// The first title (关于…) that has its 主送 under it, maybe after a line
/// with its date, among the first paragraphs: a page may print the title
/// as its headline too, with other lines under it.
fn addressed_title(paras: &[Para]) -> Option<Header> {
    let within = paras.len().min(ADDRESSED_TITLE_WITHIN);
    let addressed = |title: usize| {
        is_addressed(paras, title)
            || (paras.get(title + 1).is_some_and(is_date_note)
                && is_addressed_line(paras.get(title + 2)))
    };
    let first = (0..within)
        .find(|&i| reads_as_title(&paras[i]) && names_its_subject(&paras[i]) && addressed(i))?;
    // The date line under the title dates the document.
    let date = paras
        .get(first + 1)
        .filter(|p| is_date_note(p))
        .and_then(|p| {
            Some((
                first + 1,
                date_prefix(p.text.trim_start_matches(['（', '(']))?.0,
            ))
        });
    Some(Header {
        start: first,
        date,
        ..Header::at(HeaderForm::Opening, first)
    })
}

/// A short line under a title that gives its date (1951年12月27日,最高人民法院).
fn is_date_note(para: &Para) -> bool {
    para.text.chars().count() <= 40
        && date_prefix(para.text.trim_start_matches(['（', '('])).is_some()
}

impl Header {
    /// A header of `form` that starts at its title.
    pub(crate) fn at(form: HeaderForm, title: usize) -> Header {
        Header {
            form,
            start: title,
            title,
            subtitle: None,
            date: None,
            number: None,
            issuers: None,
            partial_date: None,
        }
    }
}

/// A paragraph that can be a title: text without sentence punctuation.
fn is_title(para: &Para) -> bool {
    para.kind == LineKind::Text
        && !para.table_tail
        && !para.text.contains(['。', '；', '！', '？'])
        && !ends_sentence(&para.text)
        && para.text.chars().count() <= 150
}

/// A title that reads as one: it ends with a kind of document or says
/// what it is about (关于); a 版头 (青岛市人民政府办公厅) does neither.
pub(crate) fn reads_as_title(para: &Para) -> bool {
    is_title(para) && (looks_like_title(&para.text) || para.text.contains("关于"))
}

/// A title that says what it is about: 关于….
fn names_its_subject(para: &Para) -> bool {
    para.text.contains("关于")
}

/// A 发文字号 with its title above it (library and gazette style) or, in
/// the GB/T 9704 print layout, below it, under the 版头.
fn numbered(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let LineKind::Number(number) = &paras[i].kind else {
        return None;
    };
    if i < taken {
        return None;
    }
    let above = title_above(paras, i, taken);
    let below = || title_below(paras, i, taken);
    let mut header = match above {
        // A 版头 that ends like a title (…会议纪要) over the number, and
        // the title with 关于 under it.
        Some(header) if reads_as_title(&paras[header.title]) => match below() {
            Some(b)
                if names_its_subject(&paras[b.title])
                    && !names_its_subject(&paras[header.title]) =>
            {
                b
            }
            _ => header,
        },
        above => below().or(above)?,
    };
    header.number = Some((i, number.clone()));
    Some(header)
}

fn title_above(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let mut j = i.checked_sub(1).filter(|&j| j >= taken)?;
    let mut date = None;
    if let LineKind::Date(d) = paras[j].kind {
        date = Some((j, d));
        j = j.checked_sub(1).filter(|&j| j >= taken)?;
    }
    is_title(&paras[j]).then(|| Header {
        date,
        ..Header::at(HeaderForm::Numbered, j)
    })
}

/// 版头 (a short line naming the issuer, when printed as text), 发文字号,
/// then the title. Fields of the header may come between: 紧急程度
/// (特急·明电) and form labels above the number, a second serial
/// (鲁机发454号) or 签发人 below it.
fn title_below(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let j = (i + 1..paras.len())
        .take(4)
        .find(|&k| !is_header_field(&paras[k]))?;
    if !reads_as_title(&paras[j]) {
        return None;
    }
    let mut top = i;
    while top > taken && is_header_field(&paras[top - 1]) {
        top -= 1;
    }
    let masthead = top
        .checked_sub(1)
        .filter(|&k| k >= taken && is_title(&paras[k]) && paras[k].text.chars().count() <= 40);
    Some(Header {
        start: masthead.unwrap_or(top),
        ..Header::at(HeaderForm::Numbered, j)
    })
}

/// A line of the header that is neither 版头 nor title: another number or
/// serial (鲁机发454号), 紧急程度 (等级特急·明电, 特提), 签发人：…, or the
/// label of a form (公文稿纸, 签批盖章, 发电单位).
fn is_header_field(para: &Para) -> bool {
    matches!(para.kind, LineKind::Number(_)) || markers::is_header_field(&para.text)
}

/// An order (…令 / 第706号, …禁火令 / （2026年第1号）) or an announcement
/// (…公告 / （十四届第3号）, 〔十三届〕第七号, （第59号）).
fn order(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    if paras[i].kind != LineKind::OrderNumber {
        return None;
    }
    let j = i.checked_sub(1).filter(|&j| j >= taken)?;
    // The name may be spaced out (公 告).
    let name = compact(&paras[j].text);
    if !is_title(&paras[j]) || !(name.ends_with('令') || name.ends_with("公告")) {
        return None;
    }
    // An order series is named by its order (国令第706号); an
    // announcement's number stands alone (第59号, 〔十三届〕第七号).
    let series = if name.ends_with('令') {
        name.as_str()
    } else {
        ""
    };
    let number = DocNumber::parse_order(series, &paras[i].text)?;
    Some(Header {
        number: Some((i, number)),
        ..Header::at(HeaderForm::Order, j)
    })
}

fn dated(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let LineKind::Date(date) = paras[i].kind else {
        return None;
    };
    if !paras[i].text.starts_with(['（', '(']) {
        return None;
    }
    let next_is_number = paras
        .get(i + 1)
        .is_some_and(|p| matches!(p.kind, LineKind::Number(_)));
    let j = i.checked_sub(1).filter(|&j| j >= taken)?;
    (!next_is_number && is_title(&paras[j])).then(|| Header {
        date: Some((i, date)),
        ..Header::at(HeaderForm::Dated, j)
    })
}

/// A title about its subject (关于…的决定) over its adoption note
/// （2023年5月31日…会议通过）, which gives the date.
fn adopted(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let date = markers::adoption_note_date(&paras[i].text)?;
    let j = i.checked_sub(1).filter(|&j| j >= taken)?;
    (is_title(&paras[j]) && names_its_subject(&paras[j])).then(|| Header {
        date: Some((i, date)),
        ..Header::at(HeaderForm::Dated, j)
    })
}

fn personnel(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    if i < taken || !is_title(&paras[i]) || !paras[i].text.contains("任免") {
        return None;
    }
    let next = paras.get(i + 1)?;
    let (date, used) = date_prefix(&next.text)?;
    let rest = &next.text[used..];
    rest.contains(['任', '免']).then(|| Header {
        date: Some((i + 1, date)),
        ..Header::at(HeaderForm::Personnel, i)
    })
}

/// The 信息公开 table of a web page (标题：…, 发文字号：…, 发布日期：…)
/// found at its 标题 field, with the title printed again right under the
/// table. The number comes from 发文字号 (or 文号), the date from 成文日期,
/// else 发布日期.
fn fields(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    if paras[i].kind != LineKind::Field("标题") {
        return None;
    }
    let (_, title) = field(&paras[i].text)?;
    let is_field = |k: &usize| matches!(paras[*k].kind, LineKind::Field(_));
    let start = (taken..i).rev().take_while(is_field).last().unwrap_or(i);
    let end = (i..paras.len()).take_while(is_field).last().unwrap_or(i);
    let printed = paras.get(end + 1).filter(|p| is_title(p))?;
    if compact(&printed.text) != compact(title) {
        return None;
    }
    let value = |label: &str| {
        (start..=end).find_map(|k| match (&paras[k].kind, field(&paras[k].text)) {
            (LineKind::Field(l), Some((_, v))) if *l == label => Some((k, v)),
            _ => None,
        })
    };
    let number = value("发文字号")
        .or_else(|| value("文号"))
        .and_then(|(k, v)| Some((k, DocNumber::parse(v)?)));
    let date = value("成文日期")
        .and_then(|(k, v)| Some((k, parse_date(v)?)))
        .or_else(|| value("发布日期").and_then(|(k, v)| Some((k, parse_date(v)?))));
    Some(Header {
        start,
        date,
        number,
        ..Header::at(HeaderForm::Fields, end + 1)
    })
}

/// A standard's cover, found at its number: 代替 … may follow, then the
/// title, at most one more line (the title in English) and the 发布 date.
/// The lines above the number (GB, ICS …, 中华人民共和国国家标准) open
/// the document when they are one short paragraph.
fn standard(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let LineKind::Standard(number) = &paras[i].kind else {
        return None;
    };
    let title = match paras.get(i + 1)?.kind {
        LineKind::Supersedes => i + 2,
        _ => i + 1,
    };
    if !is_title(paras.get(title)?) {
        return None;
    }
    let issued = (title + 1..paras.len())
        .take(2)
        .take_while(|&k| matches!(paras[k].kind, LineKind::Text | LineKind::Issued(_)))
        .find_map(|k| match paras[k].kind {
            LineKind::Issued(date) => Some((k, date)),
            _ => None,
        })?;
    let start = i
        .checked_sub(1)
        .filter(|&k| k >= taken && is_title(&paras[k]))
        .unwrap_or(i);
    Some(Header {
        start,
        date: Some(issued),
        number: Some((i, number.clone())),
        ..Header::at(HeaderForm::Standard, title)
    })
}

/// The documents of a text without any header: each attachment label with
/// its title under it, else the title the text opens with.
fn untitled(paras: &[Para]) -> Vec<Header> {
    let labelled: Vec<Header> = (0..paras.len())
        .filter_map(|i| attachment(paras, i))
        .collect();
    if !labelled.is_empty() {
        return labelled;
    }
    opening_title(paras).into_iter().collect()
}

/// 附件2 / 蔬菜别名及常用商品名称对照表.
fn attachment(paras: &[Para], i: usize) -> Option<Header> {
    if !matches!(paras[i].kind, LineKind::AttachmentLabel(_)) {
        return None;
    }
    let title = paras.get(i + 1)?;
    (is_title(title) && looks_like_title(&title.text)).then(|| Header {
        start: i,
        ..Header::at(HeaderForm::Untitled, i + 1)
    })
}

/// A text that opens with a complete Chinese title (not a standard's cover
/// lines such as `GB`), and maybe a parenthesised
/// line under it (（2020年修订）, not a date).
fn opening_title(paras: &[Para]) -> Option<Header> {
    let first = paras.first()?;
    let opens_in_chinese = first.text.starts_with(|c: char| is_han(c) || c == '《');
    if !(opens_in_chinese && is_title(first) && looks_like_title(&first.text)) {
        return None;
    }
    let subtitle = paras
        .get(1)
        .filter(|p| p.kind == LineKind::Text && is_parenthetical(&p.text))
        .map(|_| 1);
    // A title over its 主送 is a 公文's, read as any titled one.
    let form = if is_addressed(paras, 0) {
        HeaderForm::Opening
    } else {
        HeaderForm::Untitled
    };
    Some(Header {
        subtitle,
        ..Header::at(form, 0)
    })
}

/// Whether the title at `title` has a 主送 line under it (under the note
/// of the meeting that adopted it, if any).
fn is_addressed(paras: &[Para], title: usize) -> bool {
    let noted = paras
        .get(title + 1)
        .is_some_and(|p| is_adoption_note(&p.text));
    is_addressed_line(paras.get(title + 1 + usize::from(noted))) && names_its_subject(&paras[title])
}

/// A 主送 line under a title: one that may list recipients, and not the
/// sentence that opens a list (…通告如下：).
fn is_addressed_line(para: Option<&Para>) -> bool {
    para.is_some_and(|p| may_list_recipients(p) && !p.text.contains("如下"))
}

/// What every 主送 line is: text ending in a colon, with no sentence in
/// it, not longer than a list of addressees gets.
pub(crate) fn may_list_recipients(para: &Para) -> bool {
    para.kind == LineKind::Text
        && para.text.ends_with(['：', ':'])
        && !para.text.contains('。')
        && para.text.chars().count() <= 300
}

/// A 主送 line that names bodies only (市人大常委会：, 各区人民政府，市政府各部门：).
fn names_addressees(para: &Para) -> bool {
    may_list_recipients(para)
        && para
            .text
            .trim_end_matches(['：', ':'])
            .split(['，', ',', '、'])
            .all(|name| name.starts_with('各') || issuers::is_body_names(name.trim()))
}

/// The one document of a line-less text without a recognised header: its
/// title is the first line that reads as one, among the lines before the
/// first sentence; else, when it ends signed or opens with a 主送 line, it
/// has none (it opens mid-body, or addressed); else its first line.
fn opening(paras: &[Para]) -> Option<Header> {
    paras.first()?;
    let head = paras
        .iter()
        .take(12)
        .take_while(|p| !ends_sentence(&p.text) || p.text.ends_with(['：', ':']))
        .count();
    // The title over the 主送, when one is: a form's fields (公文稿纸) may
    // name another title first.
    let title = (0..head)
        .find(|&i| reads_as_title(&paras[i]) && is_addressed(paras, i))
        .or_else(|| (0..head).find(|&i| reads_as_title(&paras[i])));
    // No title but a signature or a 主送 line first: a text that opens
    // mid-body or addressed.
    if title.is_none() && (ends_signed(paras) || names_addressees(&paras[0])) {
        return Some(Header::at(HeaderForm::Unheaded, 0));
    }
    Some(Header {
        start: 0,
        ..Header::at(HeaderForm::Opening, title.unwrap_or(0))
    })
}

fn is_parenthetical(text: &str) -> bool {
    text.starts_with(['（', '('])
        && text.ends_with(['）', ')'])
        && text.chars().count() <= 30
        && !text.contains(['。', '；'])
}

#[cfg(test)]
mod tests;
