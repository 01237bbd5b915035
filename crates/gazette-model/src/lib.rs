//! Domain types of the `gazette` archive: an [`Issue`] of a government gazette
//! holds [`Document`]s (公文), each with its metadata, its body as
//! [`Block`]s, a heading tree of [`Section`]s, [`Table`]s, [`Attachment`]s,
//! [`Citation`]s and [`Appointment`]s.
//!
//! [`bodies`] holds the facts about issuing bodies that the parser and the
//! link crate share: the issuer codes (机关代字) of 发文字号 and the
//! standard short forms of body names.
//!
//! This crate only describes; it reads nothing and stores nothing. The types
//! serialize to the JSON contract documented in `docs/json.md`: field names
//! there are stable.
//!
//! Every derived item keeps the [`Span`] of the original text it came from,
//! so the text as published stays the reference and every repair can be
//! audited.
//!
//! ```
//! use gazette_model::DocNumber;
//! let number = DocNumber::parse("青政办字[2019]31号").unwrap();
//! assert_eq!(number.to_string(), "青政办字〔2019〕31号");
//! ```

pub mod bodies;
mod cursor;
mod date;
mod doc_number;
mod effect;
mod meta;
mod names;
mod pieces;
mod publication;
mod status;

pub use bodies::{CanonicalName, NameEvidence};
pub use chrono::NaiveDate;
pub use cursor::{decode_cursor, encode_cursor, stable_hash, CursorError, PageLimits};
pub use date::{date_prefix, parse_date};
pub use doc_number::{ascii_digit, is_han, DocNumber, NumberKind};
pub use effect::{last_day_of_years, EffectBasis, TakesEffect, ValidPeriod};
pub use meta::{chinese_meta_labels, meta_date, meta_label, MetaLabel};
pub use names::is_person_name;
pub use pieces::{piece_starts, source_offset};
pub use publication::{
    gazette_slug, Frequency, Gazette, IssuePublication, PrintedContentsEntry, PrintedIssue,
    PublicationConflict, ValueSource,
};
pub use status::{
    change_as_of, china_day, china_today, is_corrected, status_as_of, Status, StatusChange,
    CHINA_OFFSET_HOURS,
};

use serde::{Deserialize, Serialize};

/// A byte range in the decoded text of an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text this span covers in `source`.
    pub fn of<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// One gazette issue as parsed: its documents in printed order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Text before the first document (a cover, a table of contents), kept so
    /// that nothing of the input is lost.
    pub front_matter: Vec<Block>,
    /// The documents, in the order the issue prints them.
    pub documents: Vec<Document>,
    /// Problems that concern the issue as a whole.
    pub warnings: Vec<Warning>,
    /// Lines of a paged text (a PDF's) that are layout, not content: page
    /// numbers, running headers, 版头; of web text, the page's own lines
    /// (navigation, footer) and its metadata block. They are kept here, out
    /// of every block, so that nothing of the input is lost; empty for
    /// plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub artifacts: Vec<Artifact>,
    /// The form the text came in, as the parser recognised it.
    #[serde(default, skip_serializing_if = "TextForm::is_printed")]
    pub form: TextForm,
    /// Whether the text is in traditional characters (繁体). Markers were
    /// matched on a simplified folding; every text field stays as printed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub traditional: bool,
    /// What the text prints about the issue itself (gazette name, year,
    /// 期号, 总期号, date) in its cover, masthead or running headers;
    /// `None` when it prints none of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed: Option<PrintedIssue>,
}

/// The form of an issue's text, as the parser recognised it. Every form
/// gives the same fields for the same document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextForm {
    /// Text as printed: one line per printed line or paragraph.
    #[default]
    Printed,
    /// Pages ended by form feeds (text read from a PDF).
    Paged,
    /// Text whose line breaks were lost (OCR output, a copy from a PDF
    /// viewer, a data set's one-line records): the parser finds the lines.
    LineLess,
    /// The text of a web page, with its metadata block and navigation
    /// remnants.
    WebText,
    /// The text rendered from an HTML page.
    Html,
    /// Markdown, with or without a YAML front matter.
    Markdown,
}

impl TextForm {
    /// Whether this is the default form, text as printed.
    pub fn is_printed(&self) -> bool {
        *self == TextForm::Printed
    }
}

/// Where the fields of a [`PublishedMeta`] were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaSource {
    /// The metadata table of an HTML page (a policy library's 索引号 …).
    #[default]
    HtmlTable,
    /// The same fields printed as lines of text (`索引号：…`, `发布日期：…`).
    TextBlock,
    /// A Markdown document's YAML front matter (`文号:`, `发布单位:` …).
    FrontMatter,
}

/// What the publisher says of a document beside its text: the metadata
/// table of a policy-library page, the same fields printed as lines in web
/// text, or a Markdown front matter. Values are kept as published; where
/// they disagree with the text both are kept and a warning says so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublishedMeta {
    /// Where the fields were read.
    pub source: MetaSource,
    /// 索引号, as printed: `000014349/2019-00007`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_number: Option<String>,
    /// 主题分类, as printed: `市场监管、安全生产监管\工商`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// 发文机关 (发布单位), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// 成文日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<NaiveDate>,
    /// 发布日期 (发布时间).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// 标题, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 发文字号 (文号), as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// 主题词, one entry per word.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// 效力状态 or 有效性, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<String>,
    /// Other labelled fields, label and value as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<MetaField>,
}

/// One labelled field of a [`PublishedMeta`] that has no field of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaField {
    /// The label, without its colon and inner spaces.
    pub label: String,
    /// The value as printed.
    pub value: String,
}

/// A range of pages of a paged text (1-based, both ends included). The page
/// of a position is 1 + the number of form feeds before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageRange {
    /// First page.
    pub first: u32,
    /// Last page.
    pub last: u32,
}

/// What a layout line taken out of a paged text was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    /// A page number: “— 3 —”, “- 3 -”, “第3页 共5页”, or a bare number at
    /// the edge of a page.
    PageNumber,
    /// A running header or footer repeated on most pages.
    RunningHeader,
    /// The red header (版头) of a 文件, such as 青岛市人民政府办公厅文件;
    /// kept as the next document's `masthead`.
    Masthead,
    /// A line of a web page's text that is the page's, not the document's:
    /// navigation (首页 > 政务公开 > …), 【字体：大 中 小】, 打印, 关闭窗口,
    /// 分享到, 扫一扫在手机打开当前页, 返回顶部, and the footer (网站标识码,
    /// ICP备, 主办单位, 版权所有).
    WebChrome,
    /// A line of a web page's metadata block (索引号：…, 发文字号：…,
    /// 发布日期：…), read into the document's `published_meta`.
    MetaLine,
    /// Anti-scraping junk of a forum, blog or aggregator copy: random
    /// ASCII glued to a line's start or end or printed as a line of its
    /// own, or a site name glued to such junk on many lines
    /// (`中国古建筑营造网nTA6zId$W#["Ux u`). The span is exactly the junk.
    Jammer,
    /// A news copy's mark on the document it carries: a press note
    /// `(授权发布)` glued before the title, a dateline `新华社北京8月31日电`
    /// at a line's start. The span is exactly the mark.
    NewsMark,
}

/// A layout line taken out of a paged text or web text before parsing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    /// What it was.
    pub kind: ArtifactKind,
    /// Its text as printed.
    pub text: String,
    /// Where it lies in the issue text.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
    /// Its page (1-based; 1 for text without pages).
    pub page: u32,
}

/// One 公文 of an issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier within the issue (`d1`, `d2` …), in printed order.
    pub id: String,
    /// The title, joined when printed over several lines.
    pub title: String,
    /// The 发文字号 in normal form (〔〕, ASCII digits), when printed.
    pub doc_number: Option<String>,
    /// The parts of `doc_number`.
    pub doc_number_parts: Option<DocNumber>,
    /// The date of the document (the date line under the title, the date of
    /// the signature, or the date that opens a 任免 list).
    pub date: Option<NaiveDate>,
    /// The issuing bodies, several for a joint document, as printed.
    pub issuer: Vec<String>,
    /// The full names of the issuers, derived: one per entry of `issuer`
    /// (or, with none printed, the body the title or the 发文字号's code
    /// names), each with how it was established. Empty when the document
    /// names no issuer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issuer_canonical: Vec<CanonicalName>,
    /// The kind of document: 通知, 意见, 方案, 决定, 函, 任免 …
    pub doc_type: Option<String>,
    /// The addressees of the 主送 line, one entry per body or group.
    pub recipients: Vec<String>,
    /// For a notice that issues (印发) or forwards (转发) another document, the
    /// title of that document as printed after the notice.
    pub promulgated_title: Option<String>,
    /// The attachments (附件), numbered from 1.
    pub attachments: Vec<Attachment>,
    /// The heading tree of the body (attachments have their own).
    pub sections: Vec<Section>,
    /// Tables rebuilt from tab-separated text.
    pub tables: Vec<Table>,
    /// Other documents this one cites, by number and/or title.
    pub cited: Vec<Citation>,
    /// Appointments and removals (任免) that the document records.
    pub appointments: Vec<Appointment>,
    /// Anomalies the parser noticed and did not repair.
    pub warnings: Vec<Warning>,
    /// Repairs the parser made to derived text, with where they were made.
    pub repairs: Vec<Repair>,
    /// The body, block by block, in printed order.
    pub blocks: Vec<Block>,
    /// Where the document lies in the issue text.
    pub span: Span,
    /// First line of the document in the issue text (1-based).
    pub line_start: usize,
    /// Last line of the document in the issue text (1-based).
    pub line_end: usize,
    /// The 版头 printed above the document (青岛市人民政府办公厅文件), when
    /// the text is paged and has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masthead: Option<String>,
    /// The pages the document is printed on, when the text is paged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<PageRange>,
    /// 签发人 printed in the header of a report or 请示 (several for a joint one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signers: Vec<String>,
    /// 紧急程度 as printed in the header: 特急, 加急, 特提, 平急.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    /// What the publisher's page or front matter says of the document
    /// beside its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_meta: Option<PublishedMeta>,
    /// Fields whose value is not printed where that field stands (a 文种
    /// named only by the body: 特此通知, 现将有关事项通告如下, 本禁火令),
    /// each with the text it was inferred from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<Inference>,
    /// The rosters of the 领导小组, 委员会 and 指挥部 the document sets up
    /// or changes (组长：…, 成员：…), in printed order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rosters: Vec<Roster>,
    /// 施行日期: when the document takes effect, as its text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub takes_effect: Option<TakesEffect>,
    /// 有效期: until when the document holds, as its text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_period: Option<ValidPeriod>,
}

/// A field of a [`Document`] whose value the parser inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InferredField {
    /// `doc_type`, when the title does not end with the kind.
    DocType,
    /// `doc_number`, from a history note (…令第25号发布).
    DocNumber,
    /// `date`, from a history note.
    Date,
    /// `issuer`, from a history note.
    Issuer,
}

/// Where an inferred value came from: the words of the text that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inference {
    /// The field inferred.
    pub field: InferredField,
    /// The value given to it.
    pub value: String,
    /// The words that name it, as printed (特此通知, 本禁火令 …).
    pub evidence: String,
    /// Where those words are printed.
    pub span: Span,
    /// Their line (1-based).
    pub line: usize,
}

/// What a block of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The document's title.
    Title,
    /// A date line such as （2019年6月15日）.
    DateLine,
    /// The 发文字号 line.
    DocNumber,
    /// The 主送 line.
    Recipients,
    /// A heading (一、 （一） 1. （1） 第一章 第一条 …), possibly with text after it.
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// The list of attachments at the end of a notice (附件：1. … 2. …).
    AttachmentList,
    /// The label that opens an attachment (附件1).
    AttachmentLabel,
    /// The title of an attachment, or of the document a notice issues.
    PartTitle,
    /// A row of a table.
    TableRow,
    /// A line after a table's rows that has no column separators left.
    TableTail,
    /// The signature (issuing body) or a closing remark such as （此件公开发布）.
    Signature,
}

/// A block of text: one paragraph, heading or table row, joined over page
/// breaks when it was split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The derived text (joined over page breaks; otherwise as printed).
    pub text: String,
    /// The pieces of the original text the block was made of.
    pub pieces: Vec<Span>,
    /// Line of the first piece (1-based).
    pub line: usize,
    /// Id of the innermost section the block belongs to.
    pub section: Option<String>,
    /// Number of the attachment the block belongs to, `None` for the body.
    pub attachment: Option<u32>,
}

/// A node of the heading tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id usable as a URL fragment: `s2-1`, or `a3-s1` in attachment 3.
    pub id: String,
    /// The numbering as printed: `一、`, `（一）`, `1.`, `第三条`.
    pub marker: String,
    /// Depth in the tree, 1 for the top.
    pub level: u8,
    /// The heading text without its marker (the lead phrase when the heading
    /// runs on into a paragraph).
    pub title: String,
    /// Index in `Document::blocks` of the heading block.
    pub block: usize,
    /// Nested sections.
    pub children: Vec<Section>,
    /// The pages the section is printed on, when the text is paged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<PageRange>,
}

/// An attachment (附件) of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// Its number, from 1; a single unnumbered attachment is 1.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// Whether its label (附件3) was printed; `false` when it was found by title.
    pub labelled: bool,
    /// Index in `Document::blocks` of its first block, `None` when the text
    /// lists it but does not print it.
    pub block: Option<usize>,
    /// Its heading tree.
    pub sections: Vec<Section>,
}

/// A table rebuilt from tab-separated lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Id within the document: `t1`, `t2` …
    pub id: String,
    /// The title printed above the table, when there is one.
    pub caption: Option<String>,
    /// The header cells.
    pub columns: Vec<String>,
    /// The data rows, with repeated headers dropped.
    pub rows: Vec<TableRow>,
    /// The attachment the table is in, `None` for the body.
    pub attachment: Option<u32>,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    /// The row's serial number (序号), when the table has one and it could be
    /// read; see the document's warnings for serials printed wrongly.
    pub number: Option<u32>,
    /// The cells, with HTML remnants stripped.
    pub cells: Vec<String>,
    /// Line of the row (1-based).
    pub line: usize,
    /// Index in `Document::blocks` of the row's block.
    pub block: usize,
}

/// A reference to another document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The cited 发文字号 in normal form.
    pub doc_number: Option<String>,
    /// The cited title, without its 《》.
    pub title: Option<String>,
    /// Where the citation is printed.
    pub span: Span,
    /// Line of the citation (1-based).
    pub line: usize,
}

/// Whether a person is appointed to a post or removed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentAction {
    /// 任命
    Appoint,
    /// 免去
    Remove,
}

impl AppointmentAction {
    /// The action in Chinese: 任命 or 免去.
    pub fn label(self) -> &'static str {
        match self {
            AppointmentAction::Appoint => "任命",
            AppointmentAction::Remove => "免去",
        }
    }
}

/// One person appointed to or removed from one post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    /// The person's name as printed.
    pub person: String,
    /// Appointed or removed.
    pub action: AppointmentAction,
    /// The post.
    pub post: String,
    /// A remark printed with the post, such as 试用期一年.
    pub note: Option<String>,
    /// The date of the decision, when printed.
    pub date: Option<NaiveDate>,
    /// Where the record is printed.
    pub span: Span,
    /// Line of the record (1-based).
    pub line: usize,
}

/// The members of a 领导小组, 委员会 or 指挥部 by role, as a document
/// lists them (组　长：张三　市长 / 成　员：…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    /// The body the roster is of (2008年北京奥运会首都国际机场协调委员会),
    /// when the text before the roster names one.
    pub body: Option<String>,
    /// The members, in printed order.
    pub members: Vec<RosterMember>,
    /// Id of the table the roster was read from, `None` for role lines.
    pub table: Option<String>,
    /// Where the roster is printed (from its first role label to the end of
    /// its last member).
    pub span: Span,
    /// Line of its first role label (1-based).
    pub line: usize,
}

/// One member of a [`Roster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterMember {
    /// The role as labelled, spaces and colon dropped: 组长, 副组长, 成员,
    /// 办公室主任 …
    pub role: String,
    /// The person's name without the spaces that pad two-character names
    /// (王　五 → 王五); `None` when the roster lists units or posts only
    /// (成员：公安部、财政部…有关负责人); a redacted name (XXX) as printed.
    pub name: Option<String>,
    /// The post or unit printed with the name, spaces dropped.
    pub post: Option<String>,
    /// Where the member is printed.
    pub span: Span,
    /// Line of the member (1-based).
    pub line: usize,
}

/// An anomaly noticed in the input and left as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// A stable code: `serial_misprinted`, `cell_repeats_neighbour`,
    /// `attachment_unlabelled` …
    pub code: String,
    /// What was noticed, for a person.
    pub message: String,
    /// Line of the anomaly (1-based), 0 when it concerns no line.
    pub line: usize,
}

/// What kind of repair was made to derived text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// A paragraph split by a page break was joined.
    JoinPageBreak,
    /// A title or paragraph wrapped onto the next line was joined.
    JoinWrappedLine,
    /// A stray space inside a title was dropped.
    DropStraySpace,
    /// A table header repeated after a page break was dropped.
    DropRepeatedHeader,
    /// HTML tags left in a table cell were stripped.
    StripHtml,
    /// A table cell continued after a page break was merged into its row.
    MergeCell,
    /// A page number line of a paged text was left out of the body.
    DropPageNumber,
    /// A running header or footer of a paged text was left out of the body.
    DropRunningHeader,
    /// The 版头 of a paged text was taken out of the body into `masthead`.
    MoveMasthead,
    /// A space that PDF text puts between a digit and a Chinese character
    /// (〔2019〕860 号) was dropped.
    DropNumberSpace,
    /// The first character of a 发文字号's code, which names the province
    /// (鄂 for 湖北), was misread (OCR: 哪文旅办发) and is corrected in
    /// the derived number from the province the document's issuer names.
    CorrectProvinceCode,
    /// One character that OCR read between a 发文字号's year and its
    /// serial (的 in `鲁汛旱办明电[2020]的43号`) was left out of the derived
    /// number; the printed number block stays as read.
    DropNumberStray,
    /// Markdown markup (`# `, `> `, `- `, `**`, table pipes and rules, a
    /// front matter's `---`) was left out of the derived text; the span is
    /// exactly the markup left out.
    StripMarkup,
    /// A footnote marker printed after the title (`…统计公报[1]`) was left
    /// out of the derived title; the span is exactly the marker, which the
    /// title block keeps.
    DropFootnoteMarker,
}

/// A change made to derived text, with the original it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// What was done.
    pub kind: RepairKind,
    /// Where, in the original text.
    pub span: Span,
    /// Line where it was done (1-based).
    pub line: usize,
    /// A short excerpt of the original around the repair.
    pub original: String,
}
