//! What a document's own text says about validity — its own and other
//! documents': the day it stops holding (有效期至2020年4月30日), the
//! provisions whose period ends (执行期限至2020年4月30日), the amendments its
//! history note records (（…发布，根据2018年12月7日…令第52号修正）), and the
//! earlier documents it repeals (《…》（青政办字〔2019〕30号）同时废止), each
//! with the sentence that says so and where it is printed.
//!
//! Not for: the status itself (an archive derives it from these findings of
//! every document and the editor's records), resolving a repealed document
//! against an archive (the caller does, with [`crate::citations`]' keys),
//! nor finding 有效期 and 施行日期 in text (the parser does:
//! `Document::valid_period`, `Document::takes_effect`).

use chrono::NaiveDate;
use gazette_model::{date_prefix, Block, Document, Section, Span, Status};
use serde::{Deserialize, Serialize};

use crate::citations::{self, Reference};
use crate::provisions;
use crate::text::sentences;

/// The words after a citation that repeal it, longest first.
const REPEAL_WORDS: &[&str] = &[
    "同时废止",
    "予以废止",
    "同时停止执行",
    "停止执行",
    "不再执行",
    "同时失效",
    "废止",
];

/// Words between a citation and its repeal that name a part of the cited
/// document (第十条, 中有关规定 …): only that part is repealed.
const PART_WORDS: &[&str] = &[
    "第",
    "条",
    "款",
    "中",
    "有关",
    "部分",
    "内容",
    "规定",
    "不一致",
    "相关",
];

/// What a repeal finding written before `gives` existed gives.
fn repealed() -> Status {
    Status::Repealed
}

/// A clause of a document that repeals an earlier one, or a row of its
/// cleanup list that declares an earlier one's status (see
/// [`crate::cleanup`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repeal {
    /// The repealed document as the clause names it (number and/or title).
    pub reference: Reference,
    /// The words that repeal it (同时废止, 不再执行 …; for a cleanup list,
    /// 列入《废止的…目录》).
    pub words: String,
    /// The status it gives the named document: 已废止 for a repeal clause;
    /// a cleanup list (`cleanup`) may declare 已失效, 已修改 or 现行有效 too.
    #[serde(default = "repealed")]
    pub gives: Status,
    /// Whether it is a row of a cleanup list (规范性文件清理结果) rather than
    /// a clause.
    #[serde(default)]
    pub cleanup: bool,
    /// The day the repeal takes effect: the repealing document's 施行日期,
    /// else its date; `None` when it names neither.
    pub effective: Option<NaiveDate>,
    /// The sentence, as printed.
    pub clause: String,
    /// Where the sentence is printed.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
    /// Its place in the repealing document (第十条, 二（一）), when under a
    /// heading.
    pub place: Option<String>,
}

/// The day a document stops holding, by its own 有效期.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expiry {
    /// The last day it holds.
    pub last_day: NaiveDate,
    /// The first day it no longer holds (已失效 from this day).
    pub from: NaiveDate,
    /// The sentence, as printed.
    pub clause: String,
    /// Where it is printed.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
    /// Its place in the document, when under a heading.
    pub place: Option<String>,
}

/// The provisions of one sentence whose period ends on one day, while the
/// document as a whole has no end: the document does not expire with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvisionEnd {
    /// What the provisions set (失业保险费率, 失业保险单位费率 …), in
    /// printed order.
    pub subjects: Vec<String>,
    /// Their last day.
    pub last_day: NaiveDate,
    /// The sentence, as printed.
    pub clause: String,
    /// Where the provisions are printed (from the first to the last).
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
    /// Its place in the document, when under a heading.
    pub place: Option<String>,
}

/// An amendment of the document recorded in its own history note (题注):
/// `根据2018年12月7日上海市人民政府令第52号修正`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amendment {
    /// The day of the amendment, as the note gives it.
    pub day: NaiveDate,
    /// The entry of the note, as printed.
    pub clause: String,
    /// Where the note is printed.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
}

/// The words that end an amending entry of a history note.
const AMENDED_WORDS: &[&str] = &["修正", "修订", "修改"];

/// The amendments the history notes of `doc` record, in printed order: each
/// entry of a parenthesised note that opens with 根据 and a date and ends
/// with 修正, 修订 or 修改 (then perhaps 并重新发布/公布).
pub fn amendments(doc: &Document) -> Vec<Amendment> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let text = block.text.trim();
        let Some(inner) = text
            .strip_prefix(['（', '('])
            .and_then(|t| t.strip_suffix(['）', ')']))
        else {
            continue;
        };
        for entry in inner.split(['，', ',', '；', ';', '　']) {
            let entry = entry.trim();
            let Some(dated) = entry.strip_prefix("根据") else {
                continue;
            };
            let Some((day, _)) = date_prefix(dated.trim_start()) else {
                continue;
            };
            let head = entry
                .trim_end_matches("并重新发布")
                .trim_end_matches("并重新公布");
            if AMENDED_WORDS.iter().any(|w| head.ends_with(w)) {
                out.push(Amendment {
                    day,
                    clause: entry.to_owned(),
                    span: block.extent(),
                    line: block.line,
                });
            }
        }
    }
    out
}

/// The document's own 有效期, when its text gives a last day.
pub fn expiry(doc: &Document) -> Option<Expiry> {
    let period = doc.valid_period.as_ref()?;
    let last_day = period.until?;
    let block = block_at(doc, period.span);
    Some(Expiry {
        last_day,
        from: last_day.succ_opt()?,
        clause: period.evidence.clone(),
        span: period.span,
        line: period.line,
        place: block.and_then(|b| place(doc, b)),
    })
}

/// The provisions of `doc` whose period ends on a named day, in printed
/// order, those of one sentence with one last day together.
pub fn provision_ends(doc: &Document) -> Vec<ProvisionEnd> {
    let mut out: Vec<ProvisionEnd> = Vec::new();
    for provision in provisions::extract(doc) {
        let Some(last_day) = provision.effective.to else {
            continue;
        };
        if let Some(open) = out
            .last_mut()
            .filter(|e| e.last_day == last_day && e.clause == provision.context)
        {
            open.subjects.push(provision.subject);
            open.span = Span::new(open.span.start, provision.span.end.max(open.span.end));
            continue;
        }
        let place = block_at(doc, provision.span).and_then(|b| place(doc, b));
        out.push(ProvisionEnd {
            subjects: vec![provision.subject],
            last_day,
            clause: provision.context,
            span: provision.span,
            line: provision.line,
            place,
        });
    }
    out
}

/// The documents `doc` repeals: each citation followed, in the same
/// sentence and after the last citation of it, by words that repeal; and
/// the rows of its cleanup lists ([`crate::cleanup::listed`]).
pub fn repeals(doc: &Document) -> Vec<Repeal> {
    let effective = doc.takes_effect.as_ref().and_then(|t| t.date).or(doc.date);
    let references = citations::references(doc);
    let mut out = Vec::new();
    for block in &doc.blocks {
        for range in sentences(&block.text) {
            let Some(sentence) = block.text.get(range.clone()) else {
                continue;
            };
            let span = block.source_span(range);
            let named: Vec<&Reference> = references
                .iter()
                .filter(|r| r.span.start >= span.start && r.span.end <= span.end)
                .collect();
            let Some(last) = named.iter().map(|r| r.span.end).max() else {
                continue;
            };
            // The words must follow the last citation: a title that names a
            // repeal (《关于废止…的决定》) repeals nothing by itself.
            let after = sentence_after(sentence, span, last);
            let Some((at, words)) = REPEAL_WORDS
                .iter()
                .find_map(|w| after.find(*w).map(|at| (at, *w)))
            else {
                continue;
            };
            // A part of it (第十条, 中有关规定, 与本通知不一致的内容) is no
            // repeal of the document.
            let between = after.get(..at).unwrap_or_default();
            if PART_WORDS.iter().any(|w| between.contains(w)) {
                continue;
            }
            for reference in named {
                out.push(Repeal {
                    reference: reference.clone(),
                    words: words.to_owned(),
                    gives: Status::Repealed,
                    cleanup: false,
                    effective,
                    clause: sentence.to_owned(),
                    span,
                    line: block.line,
                    place: place(doc, block),
                });
            }
        }
    }
    out.extend(crate::cleanup::listed_among(doc, &references));
    out
}

/// The part of `sentence` (printed at `span`) after the original offset
/// `end`; the whole sentence when the offset cannot be placed in it.
fn sentence_after(sentence: &str, span: Span, end: usize) -> &str {
    // Offsets of a joined block may differ from the original by the joins;
    // the printed bracket after a number or title is a safer anchor.
    let skip = end.saturating_sub(span.start);
    let cut = (skip..=sentence.len()).find(|i| sentence.is_char_boundary(*i));
    cut.and_then(|i| sentence.get(i..)).unwrap_or(sentence)
}

/// The block whose pieces hold `span`.
fn block_at(doc: &Document, span: Span) -> Option<&Block> {
    doc.blocks.iter().find(|b| {
        b.pieces
            .iter()
            .any(|p| p.start <= span.start && span.start < p.end.max(p.start + 1))
    })
}

/// The place of `block` in `doc`: the markers of its headings, outermost
/// first, without their punctuation (第五条, 二（一）).
pub fn place(doc: &Document, block: &Block) -> Option<String> {
    let id = block.section.as_deref()?;
    let mut path = Vec::new();
    if !find_path(&doc.sections, id, &mut path) {
        return None;
    }
    let text: String = path
        .iter()
        .map(|marker| marker.trim_end_matches(['、', '.', '．', ' ']))
        .collect();
    (!text.is_empty()).then_some(text)
}

fn find_path<'a>(sections: &'a [Section], id: &str, path: &mut Vec<&'a str>) -> bool {
    for section in sections {
        path.push(&section.marker);
        if section.id == id || find_path(&section.children, id, path) {
            return true;
        }
        path.pop();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Document {
        let issue = gazette_parse::parse_text(text);
        issue.documents.into_iter().next().expect("a document")
    }

    const REPEALING: &str = "青岛市人民政府办公厅关于调整全市防汛抗旱指挥部组成人员的通知\n\n\
（2020年5月20日）\n\n青政办字〔2020〕12号\n\n\
各区、市人民政府，市政府各部门：\n\n\
经市政府同意，现将调整后的市政府防汛抗旱指挥部组成人员通知如下。\n\n\
一、指挥部组成人员\n\n总指挥由市长担任。\n\n\
二、其他事项\n\n\
本通知自2020年6月1日起施行。《青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知》（青政办字〔2019〕30号）同时废止。\n";

    #[test]
    fn a_later_notice_repeals_an_earlier_one_by_number_from_its_effective_day() {
        let doc = parse(REPEALING);
        let found = repeals(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        let repeal = &found[0];
        assert_eq!(
            repeal.reference.doc_number.as_deref(),
            Some("青政办字〔2019〕30号")
        );
        assert_eq!(repeal.words, "同时废止");
        assert_eq!(repeal.effective, NaiveDate::from_ymd_opt(2020, 6, 1));
        assert!(repeal.clause.ends_with("同时废止。"), "{}", repeal.clause);
        assert_eq!(repeal.place.as_deref(), Some("二"));
        let printed = &REPEALING[repeal.span.start..repeal.span.end];
        assert!(printed.contains("青政办字〔2019〕30号"), "{printed}");
    }

    #[test]
    fn a_history_note_records_its_amendments() {
        let text = "上海市某某管理办法\n\n\
（2009年12月14日上海市人民政府令第25号发布，根据2018年12月7日上海市人民政府令第52号修正并重新发布）\n\n\
第一条　为了加强管理，制定本办法。\n";
        let doc = parse(text);
        let found = amendments(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].day,
            NaiveDate::from_ymd_opt(2018, 12, 7).expect("day")
        );
        assert!(found[0].clause.starts_with("根据2018年12月7日"));
        assert!(text[found[0].span.start..found[0].span.end].contains("修正并重新发布"));
        // The first entry publishes; it amends nothing.
        assert_eq!(amendments(&parse(REPEALING)), Vec::new());
    }

    #[test]
    fn a_title_that_names_a_repeal_or_a_part_repealed_is_no_repeal_of_the_document() {
        let text =
            "青岛市人民政府关于做好有关工作的通知\n\n（2020年5月20日）\n\n青政发〔2020〕3号\n\n\
各区、市人民政府：\n\n\
根据《国务院关于废止部分行政法规的决定》（国令第710号），现就有关工作通知如下。\n\n\
各单位要按照《青岛市降低社会保险费率实施方案》（青政办发〔2019〕4号）继续执行。\n\n\
《青岛市防汛抗旱应急预案》（青政办发〔2018〕5号）第十条同时废止。\n\n\
《青岛市防汛物资管理办法》（青政办发〔2017〕2号）中与本通知不一致的内容不再执行。\n";
        let doc = parse(text);
        let cited: Vec<String> = citations::references(&doc)
            .into_iter()
            .filter_map(|r| r.doc_number)
            .collect();
        for number in ["青政办发〔2018〕5号", "青政办发〔2017〕2号"] {
            assert!(
                cited.iter().any(|c| c == number),
                "{number} is cited: {cited:?}"
            );
        }
        assert_eq!(repeals(&doc), Vec::new());
    }

    #[test]
    fn the_sample_rate_notice_has_provisions_that_end_and_no_expiry_of_its_own() {
        let text = include_str!("../../../tests/fixtures/qingdao-gazette-2019-issue.txt");
        let issue = gazette_parse::parse_text(text);
        let doc = issue
            .documents
            .iter()
            .find(|d| d.doc_number.as_deref() == Some("青政办发〔2019〕4号"))
            .expect("青政办发〔2019〕4号 in the sample");
        assert_eq!(expiry(doc), None);
        let ends = provision_ends(doc);
        let last = NaiveDate::from_ymd_opt(2020, 4, 30);
        // 二（一）: the unemployment rates; 二（二）: the work-injury rates.
        assert_eq!(ends.len(), 2, "{ends:?}");
        assert_eq!(ends[0].place.as_deref(), Some("二（一）"));
        assert_eq!(ends[1].place.as_deref(), Some("二（二）"));
        assert!(ends[0].subjects.iter().all(|s| s.contains("失业保险")));
        assert!(ends[1].subjects.iter().all(|s| s.contains("工伤保险")));
        assert!(ends.iter().all(|e| Some(e.last_day) == last), "{ends:?}");
        assert!(ends
            .iter()
            .all(|e| e.place.as_deref().is_some_and(|p| p.starts_with('二'))));
    }
}
