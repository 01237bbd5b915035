//! The paragraphs of one 公文 → a [`Document`]: metadata, blocks, heading
//! tree, attachments, tables, citations and appointments.
//!
//! Each paragraph becomes exactly one block, so the document's blocks hold
//! every character of its text; what a block *is* (title, recipients,
//! heading, attachment label, table row …) is decided here from its place in
//! the document.
//!
//! One [`Builder`] goes over the paragraphs in steps, each in a module of
//! its own: `roles` (what each paragraph is), `parts` (sections, tables,
//! citations, appointments), `fields` (date, issuers, kind, number); this
//! module holds the builder, puts the document together and keeps the small
//! tests of the title and 主送 readers.

use std::collections::HashMap;

use gazette_model::{
    date_prefix, Appointment, AppointmentAction, Attachment, Block, BlockKind, Citation, DocNumber,
    Document, Inference, InferredField, NaiveDate, Repair, RepairKind, Section, Span, Warning,
};

use crate::cite::find_citations;
use crate::issuers;
use crate::kind;
use crate::lines::LineIndex;
use crate::markers::{LineKind, MarkerKind};
use crate::paragraphs::{is_adoption_note, Para};
use crate::personnel::{read_line, ListLine, Record};
use crate::province;
use crate::roster::find_rosters;
use crate::segment::{may_list_recipients, Header, HeaderForm};
use crate::table::{build_table, RawRow, TableNotes};
use crate::text::{
    compact, drop_stray_spaces, ends_sentence, excerpt, looks_like_title, strip_footnote_marker,
};
use crate::{attachment_list, effect, history_note};

mod fields;
mod listed_title;
mod parts;
mod roles;

/// Builds document number `ordinal` (1-based) from its paragraphs; `header`
/// indexes into `paras`.
pub(crate) fn build(
    ordinal: usize,
    header: &Header,
    paras: Vec<Para>,
    index: &LineIndex,
) -> Document {
    let mut builder = Builder::new(ordinal, header, &paras, index);
    builder.assign_roles();
    let splits = builder.splits.take();
    if splits.is_empty() {
        let (doc, roles) = builder.complete();
        return assemble(doc, roles, paras, index);
    }
    // An attachment's title ends inside a paragraph: split it, build again.
    let paras = listed_title::split_paras(paras, &splits);
    let mut builder = Builder::new(ordinal, header, &paras, index);
    builder.assign_roles();
    let (doc, roles) = builder.complete();
    assemble(doc, roles, paras, index)
}

/// The document from the roles of its paragraphs and the paragraphs.
fn assemble(mut doc: Document, roles: Roles, paras: Vec<Para>, index: &LineIndex) -> Document {
    doc.rosters = find_rosters(&paras, &doc.tables, index);
    for (para, role) in paras.into_iter().zip(roles) {
        doc.repairs.extend(para.repairs);
        doc.blocks.push(Block {
            kind: role.kind,
            text: para.text,
            pieces: para.pieces,
            line: para.line,
            section: role.section,
            attachment: role.part,
        });
    }
    doc.repairs.sort_by_key(|r| r.span.start);
    complete_from_history_note(&mut doc);
    (doc.takes_effect, doc.valid_period) = effect::read(&doc.blocks, doc.date);
    doc
}

/// A regulation printed without its 令 takes its number, date and issuer
/// from the history note under its title, when it prints none of its own.
fn complete_from_history_note(doc: &mut Document) {
    if doc.doc_number.is_some() {
        return;
    }
    let Some((found, block)) =
        doc.blocks.iter().take(3).find_map(|block| {
            history_note::first_published(&block.text).map(|found| (found, block))
        })
    else {
        return;
    };
    let note = block.text.trim().to_owned();
    let span = Span::new(
        block.pieces.first().map_or(0, |p| p.start),
        block.pieces.last().map_or(0, |p| p.end),
    );
    let line = block.line;
    let own = found.number.to_string();
    let infer = |field, value: String| Inference {
        field,
        value,
        evidence: note.clone(),
        span,
        line,
    };
    let mut inferred = vec![infer(InferredField::DocNumber, own.clone())];
    if doc.date.is_none() {
        doc.date = Some(found.date);
        inferred.push(infer(InferredField::Date, found.date.to_string()));
    }
    if doc.issuer.is_empty() {
        inferred.push(infer(InferredField::Issuer, found.issuer.clone()));
        doc.issuer.push(found.issuer);
    }
    // The note's first entry is the document's own publication, not a
    // reference to another document.
    doc.cited
        .retain(|c| c.doc_number.as_deref() != Some(own.as_str()));
    doc.doc_number = Some(own);
    doc.doc_number_parts = Some(found.number);
    doc.inferred.extend(inferred);
}

/// The role of each paragraph: its block kind, section and attachment.
/// What one paragraph is in its document: its kind of block, the
/// attachment it belongs to, the innermost section it stands in.
#[derive(Debug, Clone)]
struct ParaRole {
    kind: BlockKind,
    /// Number of the attachment, `None` in the body.
    part: Option<u32>,
    /// Id of the innermost section.
    section: Option<String>,
}

type Roles = Vec<ParaRole>;

/// An attachment while it is being read.
struct OpenAttachment {
    number: u32,
    title: String,
    labelled: bool,
    block: Option<usize>,
}

struct Builder<'a> {
    ordinal: usize,
    header: &'a Header,
    paras: &'a [Para],
    index: &'a LineIndex,
    /// What each paragraph is, by index.
    roles: Roles,
    title: String,
    promulgated_title: Option<String>,
    listed: Vec<(u32, String)>,
    attachments: Vec<OpenAttachment>,
    body_sections: Vec<Section>,
    attachment_sections: Vec<(u32, Vec<Section>)>,
    tables: Vec<gazette_model::Table>,
    cited: Vec<Citation>,
    appointments: Vec<Appointment>,
    warnings: Vec<Warning>,
    repairs: Vec<Repair>,
    recipients: Vec<String>,
    /// Paragraphs to split before a line (paragraph, piece): an
    /// attachment's title ends there (`listed_title`).
    splits: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> Builder<'a> {
    fn new(ordinal: usize, header: &'a Header, paras: &'a [Para], index: &'a LineIndex) -> Self {
        Builder {
            ordinal,
            header,
            paras,
            index,
            roles: vec![
                ParaRole {
                    kind: BlockKind::Paragraph,
                    part: None,
                    section: None,
                };
                paras.len()
            ],
            title: String::new(),
            promulgated_title: None,
            listed: Vec::new(),
            attachments: Vec::new(),
            body_sections: Vec::new(),
            attachment_sections: Vec::new(),
            tables: Vec::new(),
            cited: Vec::new(),
            appointments: Vec::new(),
            warnings: Vec::new(),
            repairs: Vec::new(),
            recipients: Vec::new(),
            splits: std::cell::RefCell::default(),
        }
    }

    fn warn(&mut self, code: &str, line: usize, message: String) {
        self.warnings.push(Warning {
            code: code.to_owned(),
            message,
            line,
        });
    }

    /// Every step after the roles, then [`Builder::finish`].
    fn complete(mut self) -> (Document, Roles) {
        self.build_sections();
        self.build_tables();
        self.find_citations();
        self.find_appointments();
        self.finish()
    }

    /// The document without its blocks, and the roles to build them with.
    fn finish(mut self) -> (Document, Roles) {
        let title = match self.header.form {
            HeaderForm::Order => self
                .promulgated_title
                .clone()
                .unwrap_or_else(|| self.title.clone()),
            _ => self.title.clone(),
        };
        let date = self.date();
        let issuer = self.issuer();
        let (doc_type, inferred) = self.doc_type(&title);
        let urgency = self.urgency();
        let signers = self.signers();
        if let Some((i, _)) = self.header.number {
            self.drop_number_stray(i);
        }
        let number = self
            .header
            .number
            .clone()
            .map(|(i, n)| self.correct_province(i, &n, &issuer));
        let roles = std::mem::take(&mut self.roles);
        let attachment_sections = std::mem::take(&mut self.attachment_sections);
        let attachments = self
            .attachments
            .into_iter()
            .map(|a| Attachment {
                sections: attachment_sections
                    .iter()
                    .find(|(n, _)| *n == a.number)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default(),
                number: a.number,
                title: a.title,
                labelled: a.labelled,
                block: a.block,
            })
            .collect();
        let first = self.paras.first().map_or(Span::new(0, 0), para_span);
        let last = self.paras.last().map_or(first, para_span);
        let span = Span::new(first.start, last.end);
        self.warnings.sort_by_key(|w| w.line);
        let doc = Document {
            id: format!("d{}", self.ordinal),
            title,
            doc_number: number.as_ref().map(ToString::to_string),
            doc_number_parts: number,
            date,
            issuer,
            issuer_canonical: Vec::new(),
            doc_type,
            recipients: self.recipients,
            promulgated_title: self.promulgated_title,
            attachments,
            sections: self.body_sections,
            tables: self.tables,
            cited: self.cited,
            appointments: self.appointments,
            warnings: self.warnings,
            repairs: self.repairs,
            blocks: Vec::with_capacity(roles.len()),
            line_start: self.index.line_of(span.start),
            line_end: self
                .index
                .line_of(span.end.saturating_sub(1).max(span.start)),
            span,
            masthead: None,
            pages: None,
            signers,
            urgency,
            published_meta: None,
            inferred: inferred.into_iter().collect(),
            rosters: Vec::new(),
            takes_effect: None,
            valid_period: None,
        };
        (doc, roles)
    }
}

fn is_row(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::TableRow | BlockKind::TableTail)
}

/// The whole extent of a paragraph in the source.
pub(crate) fn para_span(para: &Para) -> Span {
    Span::covering(&para.pieces)
}

fn section_id(part: Option<u32>, path: &[usize]) -> String {
    use std::fmt::Write as _;
    let mut id = match part {
        None => String::from("s"),
        Some(n) => format!("a{n}-s"),
    };
    for (k, step) in path.iter().enumerate() {
        let dash = if k > 0 { "-" } else { "" };
        let _ = write!(id, "{dash}{}", step + 1);
    }
    id
}

/// What a table of contents shows for a heading: the heading itself when it
/// is short, else its lead sentence, else its first words.
fn lead_phrase(rest: &str) -> String {
    let rest = rest.trim();
    let lead = rest.split(['。', '：', '；']).next().unwrap_or(rest);
    if lead.chars().count() <= 40 && !lead.contains('，') {
        return lead.to_owned();
    }
    if rest.chars().count() <= 30 {
        return rest.trim_end_matches(['。', '；', '：']).to_owned();
    }
    format!("{}…", excerpt(rest, 24))
}

/// A title printed after a label, or the title of a document a notice issues.
fn is_part_title(para: &Para) -> bool {
    !para.text.contains(['。', '；', '，', '：']) && para.text.chars().count() <= 120
}

fn is_short_plain(text: &str) -> bool {
    text.chars().count() <= 40 && !text.contains(['。', '，', '；'])
}

/// （此件公开发布） and the like after a signature date.
fn is_closing_remark(para: &Para, before: Option<BlockKind>) -> bool {
    before == Some(BlockKind::DateLine)
        && para.text.starts_with('（')
        && para.text.ends_with('）')
        && para.text.chars().count() <= 20
}

/// Paragraphs a document without a title may print before its 主送 line.
const UNHEADED_RECIPIENTS_WITHIN: usize = 6;

fn is_recipients(para: &Para) -> bool {
    may_list_recipients(para) && !para.text.contains("决定")
}

fn split_recipients(text: &str) -> Vec<String> {
    text.trim_end_matches(['：', ':'])
        .split(['，', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a heading paragraph is a clause of a standard.
fn is_clause(para: &Para) -> bool {
    matches!(para.kind, LineKind::Heading(m) if matches!(m.kind, MarkerKind::Clause(_)))
}

/// The bodies named line by line over 发布 (letter spacing dropped):
/// 中华人民共和国国家质量监督检验检疫总局 / 中 国 国 家 … 委 员 会 / 发 布.
fn issuers_over_issue(para: &Para) -> Vec<String> {
    let ends = para.starts.iter().skip(1).copied().chain([para.text.len()]);
    para.starts
        .iter()
        .zip(ends)
        .filter_map(|(&start, end)| para.text.get(start..end))
        .map(compact)
        .map(|line| line.strip_suffix("发布").map(str::to_owned).unwrap_or(line))
        .filter(|name| !name.is_empty())
        .collect()
}

/// Removes whitespace and 《》 for comparing titles.
fn normalise(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .collect()
}

/// A title as shown: stray spaces between Han characters dropped.
fn clean_title(text: &str) -> String {
    drop_stray_spaces(text.trim()).0
}

/// In “…关于印发X的通知”, X.
fn issued_title(title: &str) -> Option<&str> {
    let verb = ["印发", "转发"]
        .iter()
        .filter_map(|v| title.find(v).map(|at| at + v.len()))
        .min()?;
    let rest = &title[verb..];
    let end = rest.rfind('的').unwrap_or(rest.len());
    let issued = rest[..end].trim_matches(['《', '》']);
    (!issued.is_empty()).then_some(issued)
}

/// The issuers named before 关于 / 转发 / 印发 / 对 in a title.
pub(crate) fn issuers_in_title(title: &str) -> Option<Vec<String>> {
    let at = ["关于", "转发", "印发", "对"]
        .iter()
        .filter_map(|w| title.find(w))
        .filter(|&at| at > 0)
        .min()?;
    let names: Vec<String> = title[..at]
        .split(['、', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .flat_map(issuers::split_bodies)
        .collect();
    let named = |n: &String| {
        n.chars().count() <= 30
            && !n.contains(['：', ':', '“'])
            && !n.contains("关于")
            && (!n.contains('《') || issuers::is_body_names(n))
    };
    (!names.is_empty() && names.iter().all(named)).then_some(names)
}

/// “2019年6月19日，市政府决定，任命：” → 市政府.
fn decider(text: &str) -> Option<String> {
    let (_, used) = date_prefix(text)?;
    let rest = text[used..].trim_start_matches(['，', ',']);
    let end = rest.find("决定")?;
    let who = rest[..end].trim();
    (!who.is_empty() && who.chars().count() <= 20).then(|| who.to_owned())
}

/// The kind of a document from the end of its title.
pub(crate) fn doc_type_of(title: &str) -> Option<&'static str> {
    const TYPES: &[(&str, &str)] = &[
        // 关于《…》的解读, …政策解读: the ending names the 解读, whatever
        // kind the document it explains is.
        ("解读", "解读"),
        ("复函", "函"),
        ("的函", "函"),
        ("意见", "意见"),
        ("通知", "通知"),
        ("通报", "通报"),
        ("批复", "批复"),
        ("答复", "答复"),
        ("决定", "决定"),
        ("决议", "决议"),
        ("命令", "令"),
        ("禁火令", "令"),
        ("统计公报", "公报"),
        ("公告", "公告"),
        ("通告", "通告"),
        ("报告", "报告"),
        ("请示", "请示"),
        ("纪要", "纪要"),
        ("方案", "方案"),
        ("办法", "办法"),
        ("规定", "规定"),
        ("条例", "条例"),
        ("细则", "细则"),
        ("规则", "规则"),
        ("名单", "名单"),
        ("要点", "要点"),
        ("规划", "规划"),
        ("预案", "预案"),
    ];
    let core = title.trim_end_matches(|c: char| c == '》' || c.is_whitespace());
    let core = match core
        .strip_suffix(['）', ')'])
        .and_then(|c| c.rfind(['（', '(']).map(|at| &c[..at]))
    {
        Some(without) if !without.is_empty() => without,
        _ => core,
    };
    if INTERPRETATION_OPENINGS.iter().any(|w| title.starts_with(w)) {
        return Some("解读");
    }
    TYPES
        .iter()
        .find(|(ending, _)| core.ends_with(ending))
        .map(|(_, kind)| *kind)
}

/// How the title of a 解读 in pictures opens: 一图读懂《…》, 图解：….
const INTERPRETATION_OPENINGS: &[&str] = &["一图读懂", "一图看懂", "图解"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_issuers_from_titles() {
        assert_eq!(
            issuers_in_title("青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知"),
            Some(vec!["青岛市人民政府办公厅".to_owned()])
        );
        assert_eq!(
            issuers_in_title("财政部、税务总局关于实施小微企业普惠性税收减免政策的通知"),
            Some(vec!["财政部".to_owned(), "税务总局".to_owned()])
        );
        assert_eq!(
            issuers_in_title("国务院办公厅对全国政协十届四次会议第4626号提案的答复"),
            Some(vec!["国务院办公厅".to_owned()])
        );
        assert_eq!(issuers_in_title("近期市政府任免的工作人员名单"), None);
    }

    #[test]
    fn reads_the_issued_title() {
        assert_eq!(
            issued_title("青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知"),
            Some("青岛市降低社会保险费率实施方案")
        );
        assert_eq!(
            issued_title("国务院关于印发《国务院工作规则》的通知"),
            Some("国务院工作规则")
        );
        assert_eq!(issued_title("国务院关于推行监管的意见"), None);
    }

    #[test]
    fn reads_document_types() {
        assert_eq!(
            doc_type_of("青岛市人民政府关于支持“蓝色药库”开发计划的实施意见"),
            Some("意见")
        );
        assert_eq!(
            doc_type_of("国务院办公厅关于科技节水建议的复函"),
            Some("函")
        );
        assert_eq!(
            doc_type_of("企业安全生产风险隐患排查整治指导目录（以化工企业为例）"),
            None
        );
        assert_eq!(
            doc_type_of("青岛市重大行政决策程序规定（试行）"),
            Some("规定")
        );
        for interpretation in [
            "关于《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》的解读",
            "《青岛市降低社会保险费率实施方案》政策解读",
            "一图读懂《国务院关于印发个人所得税专项附加扣除暂行办法的通知》",
        ] {
            assert_eq!(
                doc_type_of(interpretation),
                Some("解读"),
                "{interpretation}"
            );
        }
    }

    #[test]
    fn reads_the_deciding_body() {
        assert_eq!(
            decider("2019年6月19日，市政府决定，任命："),
            Some("市政府".to_owned())
        );
        assert_eq!(decider("市政府决定，任命："), None);
    }

    #[test]
    fn a_standard_gives_its_number_date_issuers_and_clauses() {
        let text = "GB/T 1.1—2020\n代替 GB/T 1.1—2009\n标准化工作导则\n\
                    2020-03-31 发布        2020-10-01 实施\n\
                    国家市场监督管理总局    发布\n目 次\n1 范围\n2 术语\n\
                    1 范围\n本文件确立了标准的结构。\n2 术语\n2.1 文件\n";
        let issue = crate::parse_text(text);
        let doc = &issue.documents[0];
        assert_eq!(doc.title, "标准化工作导则");
        assert_eq!(doc.doc_number.as_deref(), Some("GB/T 1.1—2020"));
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2020, 3, 31));
        assert_eq!(doc.issuer, ["国家市场监督管理总局"]);
        assert_eq!(doc.doc_type.as_deref(), Some("标准"));
        let tree: Vec<(&str, usize)> = doc
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.children.len()))
            .collect();
        assert_eq!(
            tree,
            [("范围", 0), ("术语", 1)],
            "the 目次 gives no sections"
        );
    }

    #[test]
    fn splits_recipients_on_commas_only() {
        assert_eq!(
            split_recipients("各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位："),
            [
                "各区、市人民政府",
                "青岛西海岸新区管委",
                "市政府各部门",
                "市直各单位"
            ]
        );
    }
}
