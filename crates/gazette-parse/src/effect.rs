//! A document's 施行日期 and 有效期 from its own words: the clause that says
//! when it takes effect (本办法自2019年1月1日起施行, 自印发之日起实施,
//! 自公布之日起30日后施行) and the one that says how long it holds
//! (有效期至2020年4月30日, 有效期5年); without a clause, the day from which
//! most of its measures apply (自2019年5月1日起，降低…), marked as inferred.
//!
//! Only the body's own sentences count: a sentence about another document
//! (《…条例》自…起施行) or about one measure (执行期限至…) is not the
//! document's. Not for: the 发布日期 a [`EffectBasis::Published`] day
//! depends on (the archive knows it, the text does not), nor statuses.

use gazette_model::{
    date_prefix, last_day_of_years, Block, BlockKind, EffectBasis, NaiveDate, Span, TakesEffect,
    ValidPeriod,
};

use crate::document::doc_type_of;
use crate::markers::{chinese_number, marker};

/// What a document takes effect on, after the word 起.
const TAKES_EFFECT: &[&str] = &[
    "施行",
    "实施",
    "执行",
    "生效",
    "开始施行",
    "开始实施",
    "正式施行",
    "正式实施",
];

/// The events a 施行日期 may be tied to: 自印发之日起, 自公布之日起.
const EVENTS: &[(&str, EffectBasis)] = &[
    ("印发", EffectBasis::Issued),
    ("下发", EffectBasis::Issued),
    ("发文", EffectBasis::Issued),
    ("签发", EffectBasis::Issued),
    ("公布", EffectBasis::Published),
    ("发布", EffectBasis::Published),
    ("公告", EffectBasis::Published),
    ("颁布", EffectBasis::Published),
];

/// The 施行日期 and 有效期 of a document whose body is `blocks`, dated
/// `issued` (its 成文日期).
pub(crate) fn read(
    blocks: &[Block],
    issued: Option<NaiveDate>,
) -> (Option<TakesEffect>, Option<ValidPeriod>) {
    let sentences: Vec<Sentence<'_>> = blocks
        .iter()
        .filter(|b| b.attachment.is_none())
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading))
        .flat_map(sentences_of)
        .collect();
    let stated = sentences
        .iter()
        .filter_map(|s| effect_clause(s, issued).map(|e| (s.own, e)))
        // A clause that names its document (本办法…) before one that does not.
        .max_by_key(|(own, _)| *own)
        .map(|(_, e)| e);
    let effect = stated.or_else(|| main_measure(&sentences));
    let period = sentences
        .iter()
        .find_map(validity_clause)
        .map(|mut period| {
            if period.until.is_none() {
                let from = effect.as_ref().and_then(|e| e.date);
                period.until = from
                    .zip(period.years)
                    .and_then(|(from, years)| last_day_of_years(from, years));
            }
            period
        });
    (effect, period)
}

/// One sentence of a block, with where its block is.
struct Sentence<'a> {
    /// The sentence without a heading marker before it (第三十二条, 七、).
    text: &'a str,
    /// Whether it names its own document first (本办法, 本通知 …).
    own: bool,
    span: Span,
    line: usize,
}

fn sentences_of(block: &Block) -> impl Iterator<Item = Sentence<'_>> {
    let span = Span::new(
        block.pieces.first().map_or(0, |p| p.start),
        block.pieces.last().map_or(0, |p| p.end),
    );
    let text = block.text.trim();
    let text = marker(text).map_or(text, |m| text.get(m.len..).unwrap_or(text));
    text.split_inclusive(['。', '；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(move |text| Sentence {
            text,
            own: names_itself(text),
            span,
            line: block.line,
        })
}

/// 自…起施行 in `sentence`, when it is said of the document itself.
fn effect_clause(sentence: &Sentence<'_>, issued: Option<NaiveDate>) -> Option<TakesEffect> {
    let text = sentence.text;
    for (qi, _) in text.match_indices('起') {
        let after = &text[qi + '起'.len_utf8()..];
        let (days_after, after) = days_after(after);
        if !TAKES_EFFECT.iter().any(|verb| after.starts_with(verb)) {
            continue;
        }
        let Some(zi) = text[..qi].rfind('自') else {
            continue;
        };
        if !said_of_itself(&text[..zi]) {
            continue;
        }
        let tied = &text[zi + '自'.len_utf8()..qi];
        let (basis, date) = if let Some((date, used)) = date_prefix(tied) {
            if used != tied.len() {
                continue;
            }
            (EffectBasis::Date, Some(date))
        } else {
            let Some(event) = tied.strip_suffix("之日") else {
                continue;
            };
            let Some(&(_, basis)) = EVENTS.iter().find(|(word, _)| event == *word) else {
                continue;
            };
            let date = match basis {
                EffectBasis::Issued => issued,
                _ => None,
            };
            (basis, date)
        };
        let date = match days_after {
            Some(days) => date.and_then(|d| d.checked_add_days(chrono_days(days))),
            None => date,
        };
        return Some(TakesEffect {
            basis,
            date,
            days_after,
            evidence: text.to_owned(),
            span: sentence.span,
            line: sentence.line,
        });
    }
    None
}

/// `30日后施行` → 30 and `施行`; anything else unchanged.
fn days_after(after: &str) -> (Option<u32>, &str) {
    let Some(end) = after.find("日后").or_else(|| after.find("天后")) else {
        return (None, after);
    };
    let count = &after[..end];
    let days = count
        .parse::<u32>()
        .ok()
        .or_else(|| chinese_number(count).filter(|_| !count.is_empty()));
    match days {
        Some(days) if count.chars().count() <= 4 => (Some(days), &after[end + "日后".len()..]),
        _ => (None, after),
    }
}

fn chrono_days(days: u32) -> chrono::Days {
    chrono::Days::new(u64::from(days))
}

/// Whether the words before 自 in a sentence say it of the document
/// itself: nothing, 本办法 (its own name), or an order's 现予公布 /
/// …公布，(the regulation it promulgates); not 《…条例》 or a measure.
fn said_of_itself(before: &str) -> bool {
    let before = before.trim();
    before.is_empty()
        || (names_itself(before) && before.chars().count() <= 16)
        || before.contains("现予公布")
        || before.contains("予以公布")
        || before.ends_with("公布，")
        || before.ends_with("发布，")
}

/// Whether `text` opens with the document's name for itself (本办法,
/// 本通知), after nothing but numbering (3　本预案 after a 7. marker).
/// Not 本市, 本单位: the name is a kind of document.
fn names_itself(text: &str) -> bool {
    let Some(at) = text.find('本') else {
        return false;
    };
    if text[..at].chars().any(gazette_model::is_han) {
        return false;
    }
    let rest = &text[at..];
    let name_end = ["自", "有效期", "，", ",", "。"]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    name.chars().count() <= 10
        && (doc_type_of(name).is_some()
            || ["预案", "标准", "令", "制度", "准则", "措施", "规划", "文件"]
                .iter()
                .any(|kind| name.ends_with(kind)))
}

/// 有效期至2020年4月30日, 有效期5年, 有效期为三年 in `sentence`, when said
/// of the document itself.
fn validity_clause(sentence: &Sentence<'_>) -> Option<ValidPeriod> {
    let text = sentence.text;
    let at = text.find("有效期")?;
    let before = &text[..at];
    let effect_before = TAKES_EFFECT
        .iter()
        .any(|verb| before.contains(&format!("起{verb}")));
    if !(before.trim().is_empty() || names_itself(before) || effect_before) {
        return None;
    }
    let rest = &text[at + "有效期".len()..];
    let rest = ["限为", "限", "为", "：", ":"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    let (until, years) = if let Some(to) = rest.strip_prefix(['至', '到']) {
        (Some(date_prefix(to)?.0), None)
    } else if let Some((_, used)) = date_prefix(rest) {
        // 有效期为2019年1月1日至2023年12月31日.
        let to = rest[used..].strip_prefix(['至', '到'])?;
        (Some(date_prefix(to)?.0), None)
    } else {
        let end = rest.find('年')?;
        let count = &rest[..end];
        let years = count
            .parse::<u32>()
            .ok()
            .or_else(|| match count {
                "两" => Some(2),
                _ => chinese_number(count).filter(|_| !count.is_empty()),
            })
            .filter(|_| count.chars().count() <= 3)?;
        (None, Some(years))
    };
    Some(ValidPeriod {
        until,
        years,
        evidence: text.to_owned(),
        span: sentence.span,
        line: sentence.line,
    })
}

/// Without a clause: the day the document's measures apply from, read
/// from the sentences that open with one (自2019年5月1日起，降低…): the day
/// most of them name, the first named on a tie (a 方案 whose rates fall
/// from 1 May and whose contribution base changes from 1 January of the
/// same year names 1 May three times and 1 January twice).
fn main_measure(sentences: &[Sentence<'_>]) -> Option<TakesEffect> {
    let opening: Vec<(NaiveDate, &Sentence<'_>)> = sentences
        .iter()
        .filter_map(|s| {
            let rest = s.text.strip_prefix('自')?;
            let (date, used) = date_prefix(rest)?;
            rest[used..].starts_with('起').then_some((date, s))
        })
        .collect();
    let count = |day: NaiveDate| opening.iter().filter(|(d, _)| *d == day).count();
    // max_by_key keeps the last of equals: walk from the end for the first.
    let (date, s) = opening.iter().rev().max_by_key(|(day, _)| count(*day))?;
    Some(TakesEffect {
        basis: EffectBasis::Measures,
        date: Some(*date),
        days_after: None,
        evidence: s.text.to_owned(),
        span: s.span,
        line: s.line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.to_owned(),
            pieces: vec![Span::new(0, text.len())],
            line: 1,
            section: None,
            attachment: None,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    fn effect_of(texts: &[&str], issued: Option<NaiveDate>) -> Option<TakesEffect> {
        let blocks: Vec<Block> = texts.iter().map(|t| paragraph(t)).collect();
        read(&blocks, issued).0
    }

    #[test]
    fn reads_the_day_a_clause_names() {
        let effect =
            effect_of(&["第三十二条　本办法自2019年1月1日起施行。"], None).expect("effect");
        assert_eq!(effect.basis, EffectBasis::Date);
        assert_eq!(effect.date, Some(day(2019, 1, 1)));
        assert_eq!(effect.evidence, "本办法自2019年1月1日起施行。");
    }

    #[test]
    fn ties_the_day_to_issue_or_publication() {
        let issued = Some(day(2020, 6, 5));
        let effect = effect_of(&["7.3　本预案自印发之日起实施。"], issued).expect("effect");
        assert_eq!((effect.basis, effect.date), (EffectBasis::Issued, issued));
        let effect = effect_of(&["四、本通告自发布之日起实施。"], issued).expect("effect");
        assert_eq!((effect.basis, effect.date), (EffectBasis::Published, None));
        let effect = effect_of(&["本规定自公布之日起30日后施行。"], issued).expect("effect");
        assert_eq!(effect.basis, EffectBasis::Published);
        assert_eq!(effect.days_after, Some(30));
        let effect = effect_of(&["本通知自印发之日起三十日后施行。"], issued).expect("effect");
        assert_eq!(effect.date, Some(day(2020, 7, 5)));
    }

    #[test]
    fn an_order_gives_the_day_of_what_it_promulgates() {
        let text = "修订后的《专利代理条例》公布，自2019年3月1日起施行。";
        let effect = effect_of(&[text], None).expect("effect");
        assert_eq!(effect.date, Some(day(2019, 3, 1)));
    }

    #[test]
    fn another_documents_day_or_a_measures_is_not_the_documents() {
        assert_eq!(
            effect_of(&["《专利代理条例》自2019年3月1日起施行。"], None),
            None
        );
        assert_eq!(
            effect_of(&["各地要在有效期内完成，执行期限至2020年4月30日。"], None),
            None
        );
        let blocks = vec![Block {
            attachment: Some(1),
            ..paragraph("本办法自2019年1月1日起施行。")
        }];
        assert_eq!(read(&blocks, None).0, None);
    }

    #[test]
    fn without_a_clause_the_day_most_measures_name_is_inferred() {
        let effect = effect_of(
            &[
                "（一）自2019年6月1日起，调整失业保险。",
                "（二）自2019年5月1日起，城镇职工工伤保险费率在现行费率基础上再下调50%。",
                "（三）自2019年1月1日起，调整缴费基数。",
                "（四）自2019年5月1日起，降低养老保险单位缴费比例。",
            ],
            None,
        )
        .expect("effect");
        assert_eq!(effect.basis, EffectBasis::Measures);
        assert_eq!(effect.date, Some(day(2019, 5, 1)));
        assert!(effect.evidence.starts_with("自2019年5月1日起，城镇职工"));
        let tie = effect_of(&["自2019年6月1日起，甲。", "自2019年1月1日起，乙。"], None);
        assert_eq!(tie.and_then(|e| e.date), Some(day(2019, 6, 1)));
    }

    #[test]
    fn reads_the_valid_period() {
        let blocks = vec![paragraph("本通知自2019年5月1日起施行，有效期5年。")];
        let (effect, period) = read(&blocks, None);
        assert_eq!(effect.and_then(|e| e.date), Some(day(2019, 5, 1)));
        let period = period.expect("period");
        assert_eq!(period.years, Some(5));
        assert_eq!(period.until, Some(day(2024, 4, 30)));
        let blocks = vec![paragraph("本办法有效期至2020年4月30日。")];
        assert_eq!(
            read(&blocks, None).1.and_then(|p| p.until),
            Some(day(2020, 4, 30))
        );
        let blocks = vec![paragraph("有效期为2019年1月1日至2023年12月31日。")];
        assert_eq!(
            read(&blocks, None).1.and_then(|p| p.until),
            Some(day(2023, 12, 31))
        );
        let blocks = vec![paragraph("本意见有效期为两年。")];
        assert_eq!(read(&blocks, None).1.and_then(|p| p.years), Some(2));
        for text in [
            "批准文件在有效期内可一证多批使用。",
            "本市企业的许可证有效期至2020年4月30日。",
        ] {
            assert_eq!(read(&[paragraph(text)], None).1, None, "{text}");
        }
    }
}
