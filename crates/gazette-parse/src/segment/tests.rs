//! Unit tests of `segment` on made-up lines.

use super::*;
use crate::lines::split_lines;
use crate::paragraphs::paragraphs;

fn forms(text: &str) -> Vec<(HeaderForm, usize)> {
    let paras = paragraphs(&split_lines(text));
    find_headers(&paras, false)
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
fn a_standard_is_found_at_its_cover() {
    let text = "GB\nICS 35.240.20\nGB/T 9704—2012\n代替 GB/T 9704—1999\n党政机关公文格式\n\
                Layout key for official document\n2012-06-29 发布\n2012-07-01 实施\n";
    assert_eq!(forms(text), [(HeaderForm::Standard, 3)]);
    // A standard cited in the body has no cover under it.
    assert!(forms("依据：\nGB/T 9704—2012\n党政机关公文格式\n").is_empty());
}

#[test]
fn a_text_that_opens_with_its_addressee_has_no_title() {
    let text = "市人大常委会：\n根据有关规定，提议补选代表2名，请审议决定。\n";
    assert_eq!(forms(text), [(HeaderForm::Unheaded, 0)]);
    assert!(forms("依据：\n有关规定。\n").is_empty());
}

#[test]
fn a_headline_over_the_body_is_a_title() {
    let text = "纪委“七个严禁”严明纪律要求\n\n清明节即将来临。现作出如下规定：\n\n一、严禁聚集。\n";
    assert_eq!(forms(text), [(HeaderForm::Opening, 0)]);
    assert!(forms("清明节即将来临。\n\n现作出如下规定。\n").is_empty());
}

#[test]
fn a_decision_is_found_at_its_adoption_note() {
    let text = "某市人大常委会\n关于接受某同志辞职请求的决定\n\
                (2023年5月31日某市人民代表大会常务委员会第七次会议通过)\n\
                根据有关规定，决定接受其请求。\n";
    assert_eq!(forms(text), [(HeaderForm::Dated, 0)]);
    // A regulation issued by an order (no 关于) is no header of its own.
    let regulation = "专利代理条例\n（2018年9月6日国务院第23次常务会议修订通过）\n";
    assert_ne!(forms(regulation), [(HeaderForm::Dated, 0)]);
}

#[test]
fn a_number_in_running_text_starts_nothing() {
    assert!(forms("按照规定，\n\n根据鲁政办字〔2019〕94号文件执行。\n").is_empty());
    // A number line after a sentence has no title to belong to.
    assert!(forms("现印发给你们。\n青政字〔2019〕16号\n").is_empty());
}
