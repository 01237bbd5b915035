//! People: the history of each person appointed (任命) or removed (免去)
//! across documents, and the rosters of command structures (指挥部,
//! 领导小组 name lists).
//!
//! What this module is for: grouping [`Appointment`]s of many documents
//! into [`PersonHistory`]s without merging homonyms silently, splitting a
//! post into its organisation and title ([`split_post`]), and reading a
//! roster table into (role, person, post) [`RosterEntry`]s.
//!
//! What it is not for: finding 任免 records in text (the parser does that)
//! and deciding whether two histories of one name are one person (that
//! needs knowledge the text does not hold: homonyms are flagged, not
//! resolved).
//!
//! Rosters are often printed in two columns that text extraction flattens
//! row by row. The left column carries the role labels (指 挥：, 成 员：);
//! the right column continues the list of the last label. An entry in the
//! right column is given that role with `role_printed: false`. What cannot
//! be placed or paired with confidence — a row of one pair whose column is
//! unknown, a post cut off by the layout, a line belonging to no name — is
//! returned in [`Roster::unpaired`], never guessed at.
//!
//! ```
//! use gazette_link::personnel::split_post;
//! assert_eq!(
//!     split_post("青岛市发展和改革委员会副主任"),
//!     Some(("青岛市发展和改革委员会", "副主任"))
//! );
//! ```

use std::collections::BTreeMap;

use gazette_model::{Appointment, AppointmentAction, Block, Document, NaiveDate, Span, Table};
use serde::{Deserialize, Serialize};

use crate::units::locate;

/// One 任命 or 免去 in a person's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The caller's key of the document that records it.
    pub document: String,
    /// That document's title.
    pub document_title: String,
    /// That document's 发文字号, when it has one.
    pub doc_number: Option<String>,
    /// Appointed or removed.
    pub action: AppointmentAction,
    /// The post as printed.
    pub post: String,
    /// The organisation part of the post (see [`split_post`]), when it
    /// could be told from the title.
    pub organisation: Option<String>,
    /// A remark printed with the post (试用期一年).
    pub note: Option<String>,
    /// The date of the decision.
    pub date: Option<NaiveDate>,
    /// Where the record is printed.
    pub span: Span,
    /// Line of the record (1-based).
    pub line: usize,
}

/// Everything the archive records of one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonHistory {
    /// The name, without the spaces that pad two-character names.
    pub name: String,
    /// The organisations of the entries, sorted, without repeats.
    pub organisations: Vec<String>,
    /// Whether another history carries the same name: the records of that
    /// name share neither a document nor an organisation, so they may be
    /// two people and were not merged.
    pub homonym: bool,
    /// The entries, by date, then document, then printed order.
    pub entries: Vec<HistoryEntry>,
    /// Where the first entry is printed.
    pub span: Span,
    /// Line of the first entry (1-based).
    pub line: usize,
}

/// One person of a roster with the role they hold in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// The role: 指挥, 常务副指挥, 副指挥, 成员 … (spaces and colon dropped).
    pub role: String,
    /// Whether the role label is printed in the entry's own column; `false`
    /// for the right column of a two-column roster, which continues the
    /// last role of the left column.
    pub role_printed: bool,
    /// The name, without padding spaces.
    pub person: String,
    /// The post, joined when the layout wrapped it.
    pub post: String,
    /// Where the pair is printed (from the name to the end of the post).
    pub span: Span,
    /// Line of the name (1-based).
    pub line: usize,
}

/// Why a piece of a roster was not made an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnpairedReason {
    /// A name and post whose column, hence role, cannot be told.
    ColumnUnknown,
    /// A name whose post the layout cut off (it ends in no title).
    PostIncomplete,
    /// A line that continues no name known with confidence.
    Orphan,
}

/// A piece of a roster not made an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unpaired {
    /// The text as printed (cells joined by a space).
    pub text: String,
    /// Why it was left.
    pub reason: UnpairedReason,
    /// Where it is printed.
    pub span: Span,
    /// Line (1-based).
    pub line: usize,
}

/// The roster of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    /// Id of the table in its document.
    pub table: String,
    /// The table's caption (青岛市人民政府防汛抗旱指挥部人员名单).
    pub title: Option<String>,
    /// The entries read with confidence, left column first.
    pub entries: Vec<RosterEntry>,
    /// What could not be paired or placed.
    pub unpaired: Vec<Unpaired>,
}

/// Titles a post ends with, longest first within each family so that
/// 副支队长 wins over 支队长 and 长.
const TITLES: &[&str] = &[
    "副局级领导干部",
    "重大建设项目稽察特派员",
    "稽察特派员",
    "二级巡视员",
    "一级巡视员",
    "副秘书长",
    "秘书长",
    "副支队长",
    "支队长",
    "副大队长",
    "大队长",
    "副参谋长",
    "参谋长",
    "副司令员",
    "司令员",
    "党组书记",
    "副书记",
    "书记",
    "副局长",
    "局长",
    "副主任",
    "主任",
    "副院长",
    "院长",
    "副校长",
    "校长",
    "副会长",
    "会长",
    "副部长",
    "部长",
    "副市长",
    "市长",
    "副处长",
    "处长",
    "副段长",
    "段长",
    "副总经理",
    "总经理",
    "副董事长",
    "董事长",
    "总编辑",
    "副总编辑",
    "巡视员",
    "调研员",
];

/// Groups the appointments of `documents` (each with the caller's key)
/// into one history per person.
///
/// Records of one name are one person when they are in one document (a
/// decision that appoints and removes 曹彦平 speaks of one man) or share an
/// organisation; records of one name that are linked neither way form
/// separate histories, each flagged `homonym`. Histories come in the order
/// of their first entry (date, document, place).
pub fn register<'a>(
    documents: impl IntoIterator<Item = (&'a str, &'a Document)>,
) -> Vec<PersonHistory> {
    let mut by_name: BTreeMap<String, Vec<HistoryEntry>> = BTreeMap::new();
    for (key, doc) in documents {
        for appointment in &doc.appointments {
            let name = compact(&appointment.person);
            if !name.is_empty() {
                by_name
                    .entry(name)
                    .or_default()
                    .push(entry(key, doc, appointment));
            }
        }
    }
    let mut histories = Vec::new();
    for (name, entries) in by_name {
        let groups = link(entries);
        let homonym = groups.len() > 1;
        histories.extend(
            groups
                .into_iter()
                .filter_map(|g| history(&name, g, homonym)),
        );
    }
    histories.sort_by_key(|h| {
        let first = h.entries.first();
        (
            first.and_then(|e| e.date),
            first.map(|e| e.document.clone()),
            h.span.start,
        )
    });
    histories
}

fn entry(key: &str, doc: &Document, appointment: &Appointment) -> HistoryEntry {
    HistoryEntry {
        document: key.to_owned(),
        document_title: doc.title.clone(),
        doc_number: doc.doc_number.clone(),
        action: appointment.action,
        post: appointment.post.clone(),
        organisation: split_post(&appointment.post).map(|(org, _)| org.to_owned()),
        note: appointment.note.clone(),
        date: appointment.date.or(doc.date),
        span: appointment.span,
        line: appointment.line,
    }
}

/// Splits entries of one name into groups linked by a shared document or
/// organisation.
fn link(entries: Vec<HistoryEntry>) -> Vec<Vec<HistoryEntry>> {
    let mut groups: Vec<Vec<HistoryEntry>> = Vec::new();
    for entry in entries {
        let (linked, rest): (Vec<_>, Vec<_>) = groups
            .into_iter()
            .partition(|group| group.iter().any(|other| same_person(other, &entry)));
        let mut merged: Vec<HistoryEntry> = linked.into_iter().flatten().collect();
        merged.push(entry);
        groups = rest;
        groups.push(merged);
    }
    groups
}

fn same_person(a: &HistoryEntry, b: &HistoryEntry) -> bool {
    a.document == b.document || (a.organisation.is_some() && a.organisation == b.organisation)
}

fn history(name: &str, mut entries: Vec<HistoryEntry>, homonym: bool) -> Option<PersonHistory> {
    entries.sort_by(|a, b| {
        (a.date, &a.document, a.span.start).cmp(&(b.date, &b.document, b.span.start))
    });
    let mut organisations: Vec<String> = entries
        .iter()
        .filter_map(|e| e.organisation.clone())
        .collect();
    organisations.sort();
    organisations.dedup();
    let first = entries.first()?;
    Some(PersonHistory {
        name: name.to_owned(),
        organisations,
        homonym,
        span: first.span,
        line: first.line,
        entries,
    })
}

/// Splits a post into its organisation and its title by the title it ends
/// with: 青岛市技师学院院长 → (青岛市技师学院, 院长). `None` when the post
/// ends in no known title or names no organisation before it.
pub fn split_post(post: &str) -> Option<(&str, &str)> {
    let post = post.trim();
    TITLES
        .iter()
        .filter_map(|title| post.strip_suffix(title).map(|org| (org, *title)))
        .max_by_key(|(_, title)| title.len())
        .filter(|(org, _)| !org.is_empty())
}

/// Whether `post` ends like a complete post (in a known title).
fn ends_in_title(post: &str) -> bool {
    TITLES.iter().any(|t| post.ends_with(t))
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The rosters of `doc`: its tables whose rows carry role labels
/// (指 挥：, 成 员：), each read as far as its layout allows, with the
/// one-cell lines printed after the table (a flattened column).
pub fn rosters(doc: &Document) -> Vec<Roster> {
    doc.tables
        .iter()
        .filter(|t| is_roster(t))
        .map(|t| RosterReader::new(doc, t).read())
        .collect()
}

fn is_roster(table: &Table) -> bool {
    table
        .rows
        .iter()
        .any(|row| row.cells.first().is_some_and(|c| role_label(c).is_some()))
}

/// The role a label cell names: `指 挥：` → 指挥.
fn role_label(cell: &str) -> Option<String> {
    let label = compact(cell);
    let role = label
        .strip_suffix('：')
        .or_else(|| label.strip_suffix(':'))?;
    let chars = role.chars().count();
    ((1..=8).contains(&chars) && role.chars().all(gazette_model::is_han)).then(|| role.to_owned())
}

/// A name (see [`gazette_model::is_person_name`]): two to four Han
/// characters, padding spaces allowed.
fn is_name(cell: &str) -> bool {
    gazette_model::is_person_name(cell)
}

/// The column of a two-column roster a pair is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Left,
    Right,
    /// Either column: both would give the pair the same role.
    Either,
}

/// A pair being built: a name, its post so far, and where they are printed.
struct Pending {
    person: String,
    post: String,
    span: Span,
    line: usize,
    column: Column,
}

/// Reads one roster table.
struct RosterReader<'a> {
    doc: &'a Document,
    table: &'a Table,
    two_columns: bool,
    /// The label in force in the left column.
    left_role: Option<String>,
    /// The last label of the table: the role of the right column, which
    /// continues the left one.
    last_role: Option<String>,
    /// The last pair of the right column, open to a post continued on the
    /// next row.
    open: Option<Pending>,
    left: Vec<RosterEntry>,
    right: Vec<RosterEntry>,
    unpaired: Vec<Unpaired>,
}

impl<'a> RosterReader<'a> {
    fn new(doc: &'a Document, table: &'a Table) -> Self {
        let label = |row: &gazette_model::TableRow| row.cells.first().and_then(|c| role_label(c));
        let two_columns = table
            .rows
            .iter()
            .any(|r| r.cells.len() - usize::from(label(r).is_some()) >= 4);
        RosterReader {
            doc,
            table,
            two_columns,
            left_role: None,
            last_role: table.rows.iter().rev().find_map(label),
            open: None,
            left: Vec::new(),
            right: Vec::new(),
            unpaired: Vec::new(),
        }
    }

    fn read(mut self) -> Roster {
        for row in &self.table.rows {
            let Some(block) = self.doc.blocks.get(row.block) else {
                continue;
            };
            let mut cells = cell_offsets(block, &row.cells);
            if let Some(role) = cells.first().and_then(|(_, c)| role_label(c)) {
                self.left_role = Some(role);
                cells.remove(0);
            }
            self.read_row(block, &cells);
        }
        self.close_open();
        let mut entries = self.left;
        entries.extend(self.right);
        Roster {
            table: self.table.id.clone(),
            title: self.table.caption.clone(),
            entries,
            unpaired: self.unpaired,
        }
    }

    /// A row: a left pair and a right pair, or one pair, whose column is
    /// known when the roster has one column or when both columns would give
    /// it the same role.
    fn read_row(&mut self, block: &Block, cells: &[(usize, &str)]) {
        match cells {
            [left_name, left_post, right_name, right_post] => {
                let pair = self.pending(block, *left_name, *left_post, Column::Left);
                self.finish(pair);
                self.read_right(block, *right_name, *right_post);
            }
            [name, post] if !self.two_columns => {
                let pair = self.pending(block, *name, *post, Column::Left);
                self.finish(pair);
            }
            [name, post] if self.left_role == self.last_role => {
                let pair = self.pending(block, *name, *post, Column::Either);
                self.finish(pair);
            }
            [name, post] => {
                self.unpaired_cells(block, &[*name, *post], UnpairedReason::ColumnUnknown)
            }
            [line] => self.read_line(block, *line),
            [] => {}
            other => self.unpaired_cells(block, other, UnpairedReason::Orphan),
        }
    }

    /// The right column: a name starts a pair; an empty name continues the
    /// post of the pair above (a wrapped line).
    fn read_right(&mut self, block: &Block, name: (usize, &str), post: (usize, &str)) {
        if !name.1.trim().is_empty() {
            self.close_open();
            self.open = Some(self.pending(block, name, post, Column::Right));
            return;
        }
        match self.open.as_mut() {
            Some(open) => extend(self.doc, open, block, post),
            None => self.unpaired_cells(block, &[post], UnpairedReason::Orphan),
        }
    }

    fn close_open(&mut self) {
        if let Some(open) = self.open.take() {
            self.finish(open);
        }
    }

    /// A one-cell row (a line whose columns the layout lost): in a
    /// two-column roster the rest of the right column. A line opening with
    /// a name starts a pair; a line without one continues the post of the
    /// pair above.
    fn read_line(&mut self, block: &Block, (at, text): (usize, &str)) {
        let Some((name_end, post_start)) = split_name(text) else {
            self.read_right(block, (at, ""), (at, text));
            return;
        };
        self.close_open();
        let name = (at, &text[..name_end]);
        let post = (at + post_start, &text[post_start..]);
        let column = if self.two_columns {
            Column::Right
        } else {
            Column::Left
        };
        self.open = Some(self.pending(block, name, post, column));
    }

    fn pending(
        &self,
        block: &Block,
        name: (usize, &str),
        post: (usize, &str),
        column: Column,
    ) -> Pending {
        let (span, line) = locate(self.doc, block, name.0, post.0 + post.1.len());
        Pending {
            person: compact(name.1),
            post: compact(post.1),
            span,
            line,
            column,
        }
    }

    /// Makes a pair an entry when its role is known and its post complete;
    /// otherwise reports it.
    fn finish(&mut self, pair: Pending) {
        let role = match pair.column {
            Column::Left | Column::Either => self.left_role.clone(),
            Column::Right => self.last_role.clone(),
        };
        let reason = if !ends_in_title(&pair.post) {
            UnpairedReason::PostIncomplete
        } else if let Some(role) = role {
            let entry = RosterEntry {
                role,
                role_printed: pair.column == Column::Left,
                person: pair.person,
                post: pair.post,
                span: pair.span,
                line: pair.line,
            };
            match pair.column {
                Column::Left | Column::Either => self.left.push(entry),
                Column::Right => self.right.push(entry),
            }
            return;
        } else {
            UnpairedReason::ColumnUnknown
        };
        self.unpaired.push(Unpaired {
            text: format!("{} {}", pair.person, pair.post),
            reason,
            span: pair.span,
            line: pair.line,
        });
    }

    fn unpaired_cells(&mut self, block: &Block, cells: &[(usize, &str)], reason: UnpairedReason) {
        let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
            return;
        };
        let (span, line) = locate(self.doc, block, first.0, last.0 + last.1.len());
        let text: Vec<&str> = cells.iter().map(|(_, c)| c.trim()).collect();
        self.unpaired.push(Unpaired {
            text: text.join(" "),
            reason,
            span,
            line,
        });
    }
}

/// Appends a continuation line to an open pair's post and widens its span.
fn extend(doc: &Document, pending: &mut Pending, block: &Block, post: (usize, &str)) {
    pending.post.push_str(&compact(post.1));
    let (span, _) = locate(doc, block, post.0, post.0 + post.1.len());
    pending.span.end = pending.span.end.max(span.end);
}

/// A tail line `王晓深 中石油山东青岛销售`: the end of the name and the
/// start of the post, when the line opens with a name and a space.
fn split_name(text: &str) -> Option<(usize, usize)> {
    let space = text.find(char::is_whitespace)?;
    let rest = &text[space..];
    let post_start = space + (rest.len() - rest.trim_start().len());
    (is_name(&text[..space]) && post_start < text.len()).then_some((space, post_start))
}

/// Each cell of a row with its byte offset in the block's text, looked for
/// in order.
fn cell_offsets<'c>(block: &Block, cells: &'c [String]) -> Vec<(usize, &'c str)> {
    let mut from = 0;
    let mut found = Vec::with_capacity(cells.len());
    for cell in cells {
        let at = block
            .text
            .get(from..)
            .and_then(|rest| rest.find(cell.as_str()))
            .map_or(from, |k| from + k);
        found.push((at, cell.as_str()));
        from = (at + cell.len()).min(block.text.len());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_split_at_the_longest_title() {
        assert_eq!(
            split_post("青岛市城市管理行政执法支队副支队长"),
            Some(("青岛市城市管理行政执法支队", "副支队长"))
        );
        assert_eq!(
            split_post("青岛市住房公积金管理中心（青岛市住房资金管理中心）主任"),
            Some(("青岛市住房公积金管理中心（青岛市住房资金管理中心）", "主任"))
        );
        assert_eq!(
            split_post("青岛市发展和改革委员会副局级领导干部"),
            Some(("青岛市发展和改革委员会", "副局级领导干部"))
        );
        assert_eq!(split_post("市长"), None);
        assert_eq!(split_post("中石化山东青岛石油"), None);
    }

    #[test]
    fn labels_and_names_are_recognised() {
        assert_eq!(
            role_label("副 指 挥：").as_deref(),
            Some("指挥").map(|_| "副指挥")
        );
        assert_eq!(role_label("孟凡利"), None);
        assert!(is_name("杨 苏"));
        assert!(!is_name("市长".repeat(3).as_str()));
        assert_eq!(
            split_name("周智勇 山东高速青岛发展有限公司总经理"),
            Some((9, 10))
        );
        assert_eq!(split_name("分公司总经理"), None);
    }
}
