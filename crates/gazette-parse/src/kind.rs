//! The kind (文种) of a document whose title does not name it, read from
//! the words of its body that do, with those words as evidence:
//! - a closing formula: 特此通知。, 现予公告。, 特此批复。;
//! - the sentence that announces the body: 现将有关事项通告如下,
//!   现就有关事项通知如下, 特发布如下禁火令;
//! - the document naming itself: 违反本禁火令者, 本通告自发布之日起施行;
//! - what a 通报 decides: 决定对…进行通报表彰, 决定予以通报批评;
//! - a reply to a 请示: 你市《关于…的请示》收悉 (a 批复).
//!
//! Matching is on simplified text (a traditional text is parsed on its
//! folding, so 進行通報表彰 is found as 进行通报表彰).
//!
//! Not for: the kind a title ends with (`document::doc_type_of`, which the
//! named words go through too, so that 禁火令 is a 令 in both places).

use std::ops::Range;

use gazette_model::{Inference, InferredField, Span};

use crate::document::doc_type_of;
use crate::markers;
use crate::paragraphs::Para;

/// Closing formulas are looked for among this many last paragraphs.
const CLOSING_PARAS: usize = 8;

/// Kinds a sentence announces its body as: 现将有关事项通告如下.
const ANNOUNCED: &[&str] = &["通告", "公告", "通知", "通报"];

/// Kinds a document names itself by (本通告, 本禁火令) in its body; a
/// 办法 or 规定 says 本办法 of itself too, but names the kind in its title.
const SELF_NAMED: &[&str] = &["令", "通告", "公告"];

/// What a 通报 does to those it names.
const BULLETIN_ACTS: &[&str] = &["通报表彰", "通报表扬", "通报批评"];

/// Characters that end the clause an announcing sentence is read in.
const CLAUSE_ENDS: &str = "。；！，,：:";

/// What 本 opens when it says where, not which document (本市, 本县 …).
const PLACES: &[char] = &[
    '市', '县', '省', '区', '州', '镇', '乡', '村', '局', '委', '部', '院', '单', '地', '级',
];

/// The kind of a document named by its body `paras`, with the words that
/// name it; `None` when no paragraph names one.
pub(crate) fn named_by_body(paras: &[Para]) -> Option<Inference> {
    let closing = paras.iter().rev().take(CLOSING_PARAS).find_map(|p| {
        markers::closing_formula_type(&p.text).map(|k| evidence(p, k, 0..p.text.len()))
    });
    closing.or_else(|| {
        paras.iter().find_map(|p| {
            let (kind, at) = named_in(&p.text)?;
            Some(evidence(p, kind, at))
        })
    })
}

/// The kind `text` names and where the naming words lie in it.
fn named_in(text: &str) -> Option<(&'static str, Range<usize>)> {
    announced(text)
        .or_else(|| self_named(text))
        .or_else(|| bulletin_act(text))
        .or_else(|| answered_request(text))
}

/// 现将有关事项通告如下, 现就有关事项通知如下, 特发布如下禁火令, 特通告如下:
/// a clause that opens with 现 or 特 and says what follows.
fn announced(text: &str) -> Option<(&'static str, Range<usize>)> {
    text.match_indices("如下").find_map(|(at, word)| {
        let clause_start = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| CLAUSE_ENDS.contains(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause = text[clause_start..at].trim_start();
        let clause_start = at - clause.len();
        if !clause.starts_with(['现', '特', '兹']) {
            return None;
        }
        let end = at + word.len();
        if let Some(kind) = ANNOUNCED.iter().find(|k| clause.ends_with(**k)) {
            return Some((*kind, clause_start..end));
        }
        // 特发布如下禁火令: the kind is named after 如下.
        if clause.ends_with("发布") {
            let named = leading_name(&text[end..])?;
            let (kind, len) = kind_opening(named)?;
            return Some((kind, clause_start..end + len));
        }
        None
    })
}

/// 本禁火令, 本通告: the document calling itself by its kind (not 本市).
fn self_named(text: &str) -> Option<(&'static str, Range<usize>)> {
    text.match_indices('本').find_map(|(at, word)| {
        let after = at + word.len();
        let named = leading_name(&text[after..])?;
        if named.starts_with(PLACES) {
            return None;
        }
        let (kind, len) = kind_opening(named)?;
        Some((kind, at..after + len))
    })
}

/// The kind that the shortest opening of `name` to end in one is (本通告规定
/// is 本通告), with that opening's length, when it is one a document calls
/// itself by in its body.
fn kind_opening(name: &str) -> Option<(&'static str, usize)> {
    let (kind, len) = name
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .find_map(|end| doc_type_of(&name[..end]).map(|kind| (kind, end)))?;
    SELF_NAMED.contains(&kind).then_some((kind, len))
}

/// 决定对…进行通报表彰, 决定予以通报批评.
fn bulletin_act(text: &str) -> Option<(&'static str, Range<usize>)> {
    BULLETIN_ACTS.iter().find_map(|act| {
        let at = text.find(act)?;
        let sentence_start = text[..at].rfind(['。', '；']).unwrap_or(0);
        let decided = text[sentence_start..at].rfind("决定")? + sentence_start;
        Some(("通报", decided..at + act.len()))
    })
}

/// 你市《关于…的请示》（…）收悉: the answer to a 请示 is a 批复.
fn answered_request(text: &str) -> Option<(&'static str, Range<usize>)> {
    let start = text.find('你')?;
    let received = text[start..].find("收悉")? + start;
    let cited = &text[start..received];
    (cited.contains("请示》") && cited.chars().count() <= 200)
        .then_some(("批复", start..received + "收悉".len()))
}

/// The run of Chinese characters `text` opens with (at most 8).
fn leading_name(text: &str) -> Option<&str> {
    let end = text
        .char_indices()
        .take_while(|(_, c)| gazette_model::is_han(*c))
        .take(8)
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    Some(&text[..end])
}

/// The inference of `kind` from the words at `at` of paragraph `para`.
fn evidence(para: &Para, kind: &str, at: Range<usize>) -> Inference {
    let start = para.source_offset(at.start);
    let end = para.source_offset(at.end).max(start);
    Inference {
        field: InferredField::DocType,
        value: kind.to_owned(),
        evidence: para.text[at].trim().to_owned(),
        span: Span::new(start, end),
        line: para.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<(&'static str, &str)> {
        named_in(text).map(|(kind, at)| (kind, &text[at]))
    }

    #[test]
    fn announcing_sentences_name_the_kind() {
        assert_eq!(
            kind("市政府决定禁止燃放烟花爆竹,现将有关事项通告如下:"),
            Some(("通告", "现将有关事项通告如下"))
        );
        assert_eq!(
            kind("根据有关规定,特发布如下禁火令:"),
            Some(("令", "特发布如下禁火令"))
        );
        assert_eq!(
            kind("现就有关事项通知如下："),
            Some(("通知", "现就有关事项通知如下"))
        );
        // 规定 and 意见 are said of a body too, but do not make its kind.
        assert_eq!(kind("现就有关纪律要求作出如下规定:"), None);
        assert_eq!(kind("现提出如下意见。"), None);
        assert_eq!(kind("具体内容如下:"), None);
    }

    #[test]
    fn a_document_names_itself() {
        assert_eq!(
            kind("八、违反本禁火令者,将严格处理。"),
            Some(("令", "本禁火令"))
        );
        assert_eq!(
            kind("四、本通告自发布之日起实施。"),
            Some(("通告", "本通告"))
        );
        assert_eq!(kind("本办法自2020年1月1日起施行。"), None);
        assert_eq!(kind("本市各区要加强领导。"), None);
    }

    #[test]
    fn bulletins_and_replies_are_named_by_what_they_do() {
        assert_eq!(
            kind("决定对完成得较好的单位进行通报表彰。"),
            Some(("通报", "决定对完成得较好的单位进行通报表彰"))
        );
        assert_eq!(
            kind("你市《关于长乐区文武砂镇撤镇设街道的请示》(榕政综〔2020〕264号)收悉。经研究,同意。"),
            Some(("批复", "你市《关于长乐区文武砂镇撤镇设街道的请示》(榕政综〔2020〕264号)收悉"))
        );
        assert_eq!(kind("你单位来函收悉。"), None);
        assert_eq!(kind("对违规的单位将通报批评。"), None);
    }
}
