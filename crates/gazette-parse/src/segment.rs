//! Paragraphs of an issue → where each 公文 starts and what its header is.
//!
//! A document announces itself by its header, whatever the house style:
//! - title, （date）, 发文字号 — the Qingdao gazette;
//! - title over several lines, 发文字号 — the State Council library;
//! - title and （date） without a number;
//! - an order: 中华人民共和国国务院令 / 第706号;
//! - a personnel list: a title with 任免, then “2019年6月19日，市政府决定，任命：”.
//!
//! A 发文字号 quoted in running text never starts a document: only one that
//! stands alone on its line does. Everything between two headers belongs to
//! the first document, so documents never overlap and nothing falls between.

use gazette_model::{date_prefix, DocNumber, NaiveDate};

use crate::markers::LineKind;
use crate::paragraphs::Para;
use crate::text::ends_sentence;

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
}

/// The header of one document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    pub form: HeaderForm,
    /// Index of the title paragraph; the document starts here.
    pub title: usize,
    /// Index and value of the date line, when the header has one.
    pub date: Option<(usize, NaiveDate)>,
    /// Index and value of the number line.
    pub number: Option<(usize, DocNumber)>,
}

impl Header {
    /// Index of the last paragraph of the header.
    pub fn last(&self) -> usize {
        let mut last = self.title;
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
pub(crate) fn find_headers(paras: &[Para]) -> Vec<Header> {
    let mut headers: Vec<Header> = Vec::new();
    for i in 0..paras.len() {
        let taken = headers.last().map_or(0, |h| h.last() + 1);
        let found = numbered(paras, i, taken)
            .or_else(|| order(paras, i, taken))
            .or_else(|| dated(paras, i, taken))
            .or_else(|| personnel(paras, i, taken));
        if let Some(header) = found {
            headers.push(header);
        }
    }
    headers
}

/// A paragraph that can be a title: text without sentence punctuation.
fn is_title(para: &Para) -> bool {
    para.kind == LineKind::Text
        && !para.table_tail
        && !para.text.contains(['。', '；', '！', '？'])
        && !ends_sentence(&para.text)
        && para.text.chars().count() <= 150
}

fn numbered(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    let LineKind::Number(number) = &paras[i].kind else {
        return None;
    };
    let mut j = i.checked_sub(1).filter(|&j| j >= taken)?;
    let mut date = None;
    if let LineKind::Date(d) = paras[j].kind {
        date = Some((j, d));
        j = j.checked_sub(1).filter(|&j| j >= taken)?;
    }
    is_title(&paras[j]).then(|| Header {
        form: HeaderForm::Numbered,
        title: j,
        date,
        number: Some((i, number.clone())),
    })
}

fn order(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    if paras[i].kind != LineKind::OrderNumber {
        return None;
    }
    let j = i.checked_sub(1).filter(|&j| j >= taken)?;
    let name = &paras[j].text;
    if !is_title(&paras[j]) || !name.ends_with('令') {
        return None;
    }
    let number = DocNumber::parse_order(name, &paras[i].text)?;
    Some(Header {
        form: HeaderForm::Order,
        title: j,
        date: None,
        number: Some((i, number)),
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
    (!next_is_number && is_title(&paras[j])).then_some(Header {
        form: HeaderForm::Dated,
        title: j,
        date: Some((i, date)),
        number: None,
    })
}

fn personnel(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    if i < taken || !is_title(&paras[i]) || !paras[i].text.contains("任免") {
        return None;
    }
    let next = paras.get(i + 1)?;
    let (date, used) = date_prefix(&next.text)?;
    let rest = &next.text[used..];
    rest.contains(['任', '免']).then_some(Header {
        form: HeaderForm::Personnel,
        title: i,
        date: Some((i + 1, date)),
        number: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;
    use crate::paragraphs::paragraphs;

    fn forms(text: &str) -> Vec<(HeaderForm, usize)> {
        let paras = paragraphs(&split_lines(text));
        find_headers(&paras)
            .iter()
            .map(|h| (h.form, h.title))
            .collect()
    }

    #[test]
    fn finds_each_header_form() {
        let text = "青岛市人民政府关于支持计划的实施意见\n\n（2019年6月15日）\n\n青政字〔2019〕16号\n\n正文。\n\n\
                    国务院关于推行\n监管的意见\n国发〔2019〕5号\n正文。\n\
                    中华人民共和国国务院令\n第706号\n正文。\n\
                    近期市政府任免的工作人员名单\n\n2019年6月19日，市政府决定，任命：\n";
        assert_eq!(
            forms(text),
            [
                (HeaderForm::Numbered, 0),
                (HeaderForm::Numbered, 4),
                (HeaderForm::Order, 7),
                (HeaderForm::Personnel, 10)
            ]
        );
    }

    #[test]
    fn a_number_in_running_text_starts_nothing() {
        assert!(forms("按照规定，\n\n根据鲁政办字〔2019〕94号文件执行。\n").is_empty());
        // A number line after a sentence has no title to belong to.
        assert!(forms("现印发给你们。\n青政字〔2019〕16号\n").is_empty());
    }
}
