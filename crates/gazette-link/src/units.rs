//! Responsible units (责任单位): which bodies a document charges with which
//! task, and in what role.
//!
//! What this module is for: reading units from three places —
//! - a table column headed 责任单位 (or 责任部门, 牵头单位 …): each row is a
//!   task, its text taken from the 工作任务 column;
//! - a labelled clause （责任单位：市科技局、市财政局） closing a paragraph;
//! - an unlabelled clause （海关总署、商务部负责） or （生态环境部牵头，…参与）
//!   closing a paragraph, taken only when every name in it reads as a unit;
//!
//! splitting them on 、，；以及 and on 牵头/会同/配合/参与/指导/负责, and
//! normalising each through an alias table (市发展改革委 =
//! 青岛市发展和改革委员会; 各区、市政府 = 各区（市）政府 = one collective
//! unit 各区（市）人民政府).
//!
//! Roles: units before 牵头 (or before 会同) lead; in a clause with a lead
//! the others participate; 配合/参与/参加/协助 participate; 指导 guides.
//! A document that declares “列第一位者为牵头单位” makes the first unit of
//! each later clause the lead. Otherwise the role is
//! [`Role::Unspecified`]: the text marks no lead and none is invented.
//!
//! What it is not for: units named in running prose (联席会议办公室设在
//! 市工业和信息化局) — too loose to read with confidence — and the index
//! across documents, which the store builds from these records.
//!
//! ```
//! use gazette_link::units::normalise_unit;
//! let unit = normalise_unit("市发展改革委", Some("青岛市人民政府")).unwrap();
//! assert_eq!(unit.name, "青岛市发展和改革委员会");
//! let all = normalise_unit("各区、市政府", Some("青岛市人民政府")).unwrap();
//! assert_eq!((all.name.as_str(), all.collective), ("各区（市）人民政府", true));
//! ```

use gazette_model::{Block, BlockKind, Document, RepairKind, Section, Span, Table, TableRow};
use serde::{Deserialize, Serialize};

mod lists;
mod names;

use lists::{clause_segments, split_at, unit_pieces};
pub use names::normalise_unit;

/// What part a unit plays in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头: leads (or is listed first where the document says the first
    /// listed leads).
    Lead,
    /// 配合/参与, or named beside a lead.
    Participating,
    /// 指导: guides the work.
    Guiding,
    /// Responsible, the text marking no lead.
    Unspecified,
}

/// Where a unit was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A 责任单位 column of a task table.
    Column,
    /// A labelled clause （责任单位：…）.
    LabelledClause,
    /// An unlabelled clause （…负责）, （…牵头，…参与）.
    Clause,
}

/// A unit name in full.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitName {
    /// The normalised name: 青岛市财政局, 各区（市）人民政府.
    pub name: String,
    /// Whether it names a group of bodies (各区（市）人民政府, 市政府各部门).
    pub collective: bool,
}

/// One unit named as responsible for one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitMention {
    /// The name as printed: 市财政局, 各区、市政府.
    pub published: String,
    /// The normalised name (see [`normalise_unit`]).
    pub unit: String,
    /// Whether the unit is a group of bodies.
    pub collective: bool,
    /// Its role in the task.
    pub role: Role,
    /// The task: the 工作任务 cell of a row, or the text a clause closes
    /// (from the previous clause or the start of the paragraph, without its
    /// heading marker).
    pub task: String,
    /// Where the unit was read.
    pub origin: Origin,
    /// Id of the table, for a unit read from a table.
    pub table: Option<String>,
    /// Serial number (序号) of the table row, when the table has one.
    pub row: Option<u32>,
    /// Id of the innermost section of the task.
    pub section: Option<String>,
    /// Number of the attachment the task is in, `None` for the body.
    pub attachment: Option<u32>,
    /// Index in `Document::blocks` of the block the unit is printed in.
    pub block: usize,
    /// Where the unit's name is printed.
    pub span: Span,
    /// Line of the name (1-based).
    pub line: usize,
}

/// Text in a responsibility list that reads as no unit (市政府各区,
/// 各区、市民政府): reported, not guessed at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unreadable {
    /// The text as printed.
    pub text: String,
    /// Where it was found.
    pub origin: Origin,
    /// Where it is printed.
    pub span: Span,
    /// Line (1-based).
    pub line: usize,
}

/// The responsible units of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Responsibilities {
    /// Every unit named for a task, in printed order.
    pub units: Vec<UnitMention>,
    /// Names in responsibility lists that could not be read as units.
    pub unreadable: Vec<Unreadable>,
}

/// Column headers that hold responsible units, with the role their units
/// have when the cell marks none.
const UNIT_COLUMNS: &[(&str, Role)] = &[
    ("责任单位", Role::Unspecified),
    ("责任部门", Role::Unspecified),
    ("责任主体", Role::Unspecified),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("配合单位", Role::Participating),
    ("配合部门", Role::Participating),
    ("参与单位", Role::Participating),
];

/// Column headers that hold the task, best first.
const TASK_COLUMNS: &[&str] = &["任务", "事项", "举措", "内容", "要求"];

/// Labels that open a labelled clause.
const CLAUSE_LABELS: &[&str] = &["责任单位", "责任部门", "牵头单位", "牵头部门"];

/// Words that mark the role of the units before them, in the order they
/// are looked for (牵头负责 is a lead).
const MARKERS: &[(&str, Marker)] = &[
    ("牵头", Marker::Lead),
    ("会同", Marker::Convenes),
    ("配合", Marker::Participates),
    ("参与", Marker::Participates),
    ("参加", Marker::Participates),
    ("协助", Marker::Participates),
    ("指导", Marker::Guides),
    ("负责", Marker::Responsible),
];

/// Words after a list of units and before its marker that are not names.
const TRAILING_WORDS: &[&str] = &["按职责分工", "按职责", "分别", "共同", "要"];

/// Groups too vague to index (等有关部门, 会同有关部门): dropped, not reported.
const VAGUE: &[&str] = &[
    "有关部门",
    "相关部门",
    "有关单位",
    "有关部门和单位",
    "其他有关部门",
];

/// What a marker word says of the units before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Lead,
    Convenes,
    Participates,
    Guides,
    Responsible,
}

/// The responsible units of `doc`: from task tables, labelled clauses and
/// unlabelled clauses, in printed order within each source.
pub fn responsibilities(doc: &Document) -> Responsibilities {
    let issuer = doc.issuer.first().map(String::as_str);
    let mut reader = Reader {
        doc,
        issuer,
        first_leads: false,
        out: Responsibilities::default(),
    };
    for table in &doc.tables {
        reader.read_table(table);
    }
    for (index, block) in doc.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
            reader.read_clauses(index, block);
        }
    }
    reader.out
}

/// Reads one document, carrying the first-listed-leads convention along.
struct Reader<'a> {
    doc: &'a Document,
    issuer: Option<&'a str>,
    first_leads: bool,
    out: Responsibilities,
}

/// Where a responsibility text sits: its block and offset in the block's
/// text, and what the units it names are responsible for.
struct Place<'a> {
    block: usize,
    offset: usize,
    origin: Origin,
    task: &'a str,
    table: Option<&'a Table>,
    row: Option<&'a TableRow>,
    default_role: Role,
}

/// A unit read from a list, before it is placed.
struct Read {
    start: usize,
    end: usize,
    role: Role,
}

impl<'a> Reader<'a> {
    fn read_table(&mut self, table: &'a Table) {
        let Some((unit_col, default_role)) = unit_column(table) else {
            return;
        };
        let task_col = task_column(table, unit_col);
        for row in &table.rows {
            let Some(cell) = row.cells.get(unit_col) else {
                continue;
            };
            let Some(block) = self.doc.blocks.get(row.block) else {
                continue;
            };
            let Some(offset) =
                cell_offset(block, row, unit_col).or_else(|| block.text.rfind(cell.as_str()))
            else {
                continue;
            };
            let task = task_col
                .and_then(|c| row.cells.get(c))
                .map_or("", String::as_str);
            let place = Place {
                block: row.block,
                offset,
                origin: Origin::Column,
                task,
                table: Some(table),
                row: Some(row),
                default_role,
            };
            self.read_list(cell, &place, true);
        }
    }

    fn read_clauses(&mut self, index: usize, block: &'a Block) {
        if declares_first_lead(&block.text) {
            self.first_leads = true;
        }
        let mut task_start = 0;
        for (open, close) in parenthesised(&block.text) {
            let inner_start = open + '（'.len_utf8();
            let inner = &block.text[inner_start..close];
            let lists = match strip_label(inner) {
                Some((list, at)) => vec![(Origin::LabelledClause, inner_start + at, list)],
                None => unlabelled(inner, inner_start),
            };
            if lists.is_empty() {
                continue;
            }
            let task = task_text(self.doc, index, block, task_start, open);
            for (origin, offset, list) in lists {
                let place = Place {
                    block: index,
                    offset,
                    origin,
                    task,
                    table: None,
                    row: None,
                    default_role: Role::Unspecified,
                };
                self.read_list(list, &place, origin == Origin::LabelledClause);
            }
            task_start = close + '）'.len_utf8();
        }
    }

    /// Reads a responsibility list: records its units, and its unreadable
    /// names when `report` is set.
    fn read_list(&mut self, list: &str, place: &Place<'a>, report: bool) {
        let (reads, unreadable) = read_units(list, place.default_role, &mut self.first_leads);
        let Some(block) = self.doc.blocks.get(place.block) else {
            return;
        };
        for read in reads {
            let published = &list[read.start..read.end];
            let Some(name) = normalise_unit(published, self.issuer) else {
                continue;
            };
            let (span, line) = locate(
                self.doc,
                block,
                place.offset + read.start,
                place.offset + read.end,
            );
            self.out.units.push(UnitMention {
                published: published.to_owned(),
                unit: name.name,
                collective: name.collective,
                role: read.role,
                task: place.task.to_owned(),
                origin: place.origin,
                table: place.table.map(|t| t.id.clone()),
                row: place.row.and_then(|r| r.number),
                section: block.section.clone(),
                attachment: block.attachment,
                block: place.block,
                span,
                line,
            });
        }
        if report {
            for (start, end) in unreadable {
                let (span, line) =
                    locate(self.doc, block, place.offset + start, place.offset + end);
                self.out.unreadable.push(Unreadable {
                    text: list[start..end].to_owned(),
                    origin: place.origin,
                    span,
                    line,
                });
            }
        }
    }
}

fn unit_column(table: &Table) -> Option<(usize, Role)> {
    table.columns.iter().enumerate().find_map(|(i, header)| {
        let header: String = header.chars().filter(|c| !c.is_whitespace()).collect();
        UNIT_COLUMNS
            .iter()
            .find(|(name, _)| header.contains(name))
            .map(|(_, role)| (i, *role))
    })
}

fn task_column(table: &Table, unit_col: usize) -> Option<usize> {
    TASK_COLUMNS.iter().find_map(|word| {
        table
            .columns
            .iter()
            .enumerate()
            .find(|(i, header)| *i != unit_col && header.contains(word))
            .map(|(i, _)| i)
    })
}

/// Byte offset of cell `col` of `row` in its block's text: the cells are
/// looked for in order, so a cell repeating an earlier one is found at its
/// own place.
fn cell_offset(block: &Block, row: &TableRow, col: usize) -> Option<usize> {
    let mut from = 0;
    for (i, cell) in row.cells.iter().enumerate() {
        let at = from + block.text.get(from..)?.find(cell.as_str())?;
        if i == col {
            return Some(at);
        }
        from = at + cell.len();
    }
    None
}

/// The outermost （…） and (…) of `text`, as byte offsets of the opening and
/// closing brackets.
fn parenthesised(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    found.push((open, i));
                }
            }
            _ => {}
        }
    }
    found
}

/// The list after a label such as 责任单位：, and its offset in `inner`.
fn strip_label(inner: &str) -> Option<(&str, usize)> {
    let rest = CLAUSE_LABELS.iter().find_map(|l| inner.strip_prefix(l))?;
    let colon = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
    let at = inner.len() - rest.len() + colon.len_utf8();
    Some((&inner[at..], at))
}

/// Whether `text` declares that the first unit listed leads
/// (列第一位者为牵头单位, 排在第一位的部门为牵头部门).
fn declares_first_lead(text: &str) -> bool {
    text.contains("第一位") && text.contains("牵头")
}

/// The sentences of an unlabelled parenthesis that are responsibility
/// clauses, with their offsets (`at` is the parenthesis' own offset).
fn unlabelled(inner: &str, at: usize) -> Vec<(Origin, usize, &str)> {
    split_at(inner, 0, inner.len(), &['。', '；'])
        .into_iter()
        .filter(|(s, e)| reads_as_clause(&inner[*s..*e]))
        .map(|(s, e)| (Origin::Clause, at + s, &inner[s..e]))
        .collect()
}

/// Whether an unlabelled sentence is a responsibility clause: it ends with
/// a role (…负责, …牵头负责, …参与), nothing but role words follow each
/// role, and everything it names reads as a unit.
fn reads_as_clause(sentence: &str) -> bool {
    let mut first_leads = false;
    let segments = clause_segments(sentence, 0, sentence.len(), &mut first_leads);
    let marked = segments.last().is_some_and(|s| s.marker.is_some());
    if !marked || !segments.iter().all(|s| s.clean_tail) {
        return false;
    }
    let (reads, unreadable) = read_units(sentence, Role::Unspecified, &mut first_leads);
    unreadable.is_empty() && !reads.is_empty()
}

/// The task a clause closes: the block's text from the end of the previous
/// clause (or the block's start, without its heading marker) to the clause.
fn task_text<'a>(
    doc: &Document,
    index: usize,
    block: &'a Block,
    from: usize,
    to: usize,
) -> &'a str {
    let text = block.text.get(from..to).unwrap_or("");
    let text = if from == 0 && block.kind == BlockKind::Heading {
        heading_marker(&doc.sections, index).map_or(text, |m| text.strip_prefix(m).unwrap_or(text))
    } else {
        text
    };
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '，' | '；' | '、' | ','))
}

/// The marker of the section whose heading is block `index`.
fn heading_marker(sections: &[Section], index: usize) -> Option<&str> {
    sections.iter().find_map(|s| {
        if s.block == index {
            Some(s.marker.as_str())
        } else {
            heading_marker(&s.children, index)
        }
    })
}

/// Reads the units of a responsibility list with their roles; returns them
/// and the byte ranges of names that read as no unit. Sets `first_leads`
/// when the list declares that the first unit listed leads.
fn read_units(
    list: &str,
    default_role: Role,
    first_leads: &mut bool,
) -> (Vec<Read>, Vec<(usize, usize)>) {
    let mut reads = Vec::new();
    let mut unreadable = Vec::new();
    for (start, end) in split_at(list, 0, list.len(), &['；', ';', '。']) {
        let segments = clause_segments(list, start, end, first_leads);
        let has_lead = segments
            .iter()
            .any(|s| matches!(s.marker, Some(Marker::Lead | Marker::Convenes)));
        let mut clause_reads = Vec::new();
        for (k, segment) in segments.iter().enumerate() {
            let marker = segment
                .marker
                .or_else(|| segments[k..].iter().find_map(|s| s.marker));
            let role = role_of(marker, has_lead, default_role);
            for (s, e) in unit_pieces(list, segment.start, segment.end) {
                push_piece(list, s, e, role, &mut clause_reads, &mut unreadable);
            }
            if let Some((s, e)) = segment.convened {
                for (s, e) in unit_pieces(list, s, e) {
                    push_piece(
                        list,
                        s,
                        e,
                        Role::Participating,
                        &mut clause_reads,
                        &mut unreadable,
                    );
                }
            }
        }
        if *first_leads && !has_lead && default_role == Role::Unspecified {
            rank_first_as_lead(&mut clause_reads);
        }
        reads.extend(clause_reads);
    }
    (reads, unreadable)
}

fn role_of(marker: Option<Marker>, has_lead: bool, default_role: Role) -> Role {
    match marker {
        Some(Marker::Lead | Marker::Convenes) => Role::Lead,
        Some(Marker::Participates) => Role::Participating,
        Some(Marker::Guides) => Role::Guiding,
        Some(Marker::Responsible) | None if has_lead => Role::Participating,
        Some(Marker::Responsible) | None => default_role,
    }
}

fn rank_first_as_lead(reads: &mut [Read]) {
    for (k, read) in reads.iter_mut().enumerate() {
        if read.role == Role::Unspecified {
            read.role = if k == 0 {
                Role::Lead
            } else {
                Role::Participating
            };
        }
    }
}

fn push_piece(
    list: &str,
    start: usize,
    end: usize,
    role: Role,
    reads: &mut Vec<Read>,
    unreadable: &mut Vec<(usize, usize)>,
) {
    let text = &list[start..end];
    if VAGUE.contains(&text) {
        return;
    }
    if normalise_unit(text, None).is_some() {
        reads.push(Read { start, end, role });
    } else {
        unreadable.push((start, end));
    }
}

/// Where bytes `start..end` of `block.text` lie in the issue text (see
/// [`Block::source_place`]: the block's whole extent when its text is not
/// its pieces joined), and the line they start on.
pub(crate) fn locate(doc: &Document, block: &Block, start: usize, end: usize) -> (Span, usize) {
    match block.source_place(start..end) {
        Some((span, piece)) => (span, piece_line(doc, block, piece)),
        None => (block.extent(), block.line),
    }
}

/// Line of piece `k` of a block: the first piece is on the block's line; a
/// later one is where the parser joined it, as its repairs record.
fn piece_line(doc: &Document, block: &Block, k: usize) -> usize {
    let Some(piece) = block.pieces.get(k).filter(|_| k > 0) else {
        return block.line;
    };
    doc.repairs
        .iter()
        .find(|r| {
            matches!(
                r.kind,
                RepairKind::JoinPageBreak | RepairKind::JoinWrappedLine
            ) && r.span.end == piece.start
        })
        .map_or(block.line, |r| r.line)
}

#[cfg(test)]
mod tests;
