//! An order (令) whose heading is not in the text: a web page that prints
//! the red heading (国务院国有资产监督管理委员会令) as an image keeps only the
//! order's number alone on its line (第35号), under the page's headline (the
//! regulation's name), over the sentence that promulgates the regulation
//! (…已经…审议通过，现予公布).
//!
//! The header is the headline's, of the order form, with the number: the
//! document is read as any order, its title the regulation it promulgates.
//!
//! Not for: an order with its heading (`segment`'s `order`: …令 / 第706号);
//! a number that no promulgation follows (an announcement's, a list's).

use gazette_model::DocNumber;

use crate::markers::LineKind;
use crate::paragraphs::Para;
use crate::segment::{reads_as_title, Header, HeaderForm};

/// Words of the sentence that promulgates a regulation.
const PROMULGATES: &[&str] = &["现予公布", "现予发布", "予以公布", "现予施行"];

/// The header of an order whose number is paragraph `i`, its heading not
/// in the text (`taken`: paragraphs before it belong to other documents).
pub(crate) fn header(paras: &[Para], i: usize, taken: usize) -> Option<Header> {
    if paras[i].kind != LineKind::OrderNumber {
        return None;
    }
    let j = i.checked_sub(1).filter(|&j| j >= taken)?;
    let promulgates = paras
        .get(i + 1)
        .is_some_and(|next| PROMULGATES.iter().any(|w| next.text.contains(w)));
    if !promulgates || !reads_as_title(&paras[j]) {
        return None;
    }
    let number = DocNumber::parse_order("", &paras[i].text)?;
    Some(Header {
        number: Some((i, number)),
        ..Header::at(HeaderForm::Order, j)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_order_without_its_heading_is_found_at_its_number() {
        let order = "中央企业境外投资监督管理办法\n第35号\n《中央企业境外投资监督管理办法》已经主任办公会议审议通过，现予公布，自公布之日起施行。\n国务院国有资产监督管理委员会主任\n2017年1月7日\n";
        let issue = crate::parse_text(order);
        let doc = &issue.documents[0];
        assert_eq!(doc.doc_number.as_deref(), Some("第35号"));
        assert_eq!(doc.issuer, ["国务院国有资产监督管理委员会"]);
        // A number that no promulgation follows is no order's.
        let list = order.replace("现予公布", "请遵照执行");
        let issue = crate::parse_text(&list);
        assert!(issue.documents.iter().all(|d| d.doc_number.is_none()));
    }
}
