//! Rosters printed in two columns that the text flattened row by row (the
//! Qingdao 指挥部 list): each row holds a role label or nothing, a name and
//! its post on the left, and a name and its post on the right.
//!
//! What this module is for: reading such a table into a [`Roster`]. The
//! left column is read down: a label (指 挥：, 常务副指挥：) gives its role to
//! its row and the rows under it, up to the next label. The right column is
//! the rest of the list, continued from the bottom of the left one: its
//! members take the table's last role (成员), as the page prints the list
//! on in the right column once the left is full. A row whose name cell is
//! empty continues the post of the member above in its column (a post the
//! layout wrapped: 市应急局副局级领导 / 干部). Lines after the table
//! without separators (the right column's end, flattened) are read as
//! names and posts of the right column: `王晓深 中石油山东青岛销售`, then
//! `分公司总经理` continuing that post.
//!
//! Rows lose their leading empty cells when their line is trimmed; how many
//! there were is read back from the whitespace before the row's first cell
//! (one tab each), so that a right-column pair on a row whose left is empty
//! is not taken for a left one.
//!
//! Not for: rosters printed as label lines (`roster`), tables with a role
//! column beside one name column (`roster::table_roster`).

use gazette_model::{is_han, Roster, RosterMember, Span, Table, TableRow};

use crate::lines::LineIndex;
use crate::paragraphs::Para;
use crate::roster::{body_of_table, role_of};
use crate::text::compact;

/// Cells of a full row: the label, the left name and post, the right name
/// and post.
const WIDTH: usize = 5;

/// A member being read, open to a post continued on the next row.
struct Open {
    role: &'static str,
    name: String,
    post: String,
    span: Span,
}

/// The roster of a two-column roster table, when `table` is one: some row
/// has a label and two names.
pub(crate) fn two_column_roster(
    table: &Table,
    paras: &[Para],
    index: &LineIndex,
) -> Option<Roster> {
    let last_role = table
        .rows
        .iter()
        .rev()
        .find_map(|row| row.cells.first().and_then(|c| role_of(c)))?;
    let two_columns = table.rows.iter().any(|row| {
        row.cells.len() == WIDTH && row.cells.first().and_then(|c| role_of(c)).is_some()
    });
    if !two_columns {
        return None;
    }
    let mut reader = Reader {
        left_role: None,
        last_role,
        left: Vec::new(),
        right: Vec::new(),
    };
    for row in &table.rows {
        let para = paras.get(row.block)?;
        match para.table_tail {
            true => reader.tail_line(para),
            false => reader.row(row, para, index),
        }
    }
    let members: Vec<RosterMember> = reader
        .left
        .into_iter()
        .chain(reader.right)
        .map(|open| RosterMember {
            role: open.role.to_owned(),
            name: Some(open.name),
            post: (!open.post.is_empty()).then_some(open.post),
            span: open.span,
            line: index.line_of(open.span.start),
        })
        .collect();
    let mut roles: Vec<&str> = members.iter().map(|m| m.role.as_str()).collect();
    roles.sort_unstable();
    roles.dedup();
    if roles.len() < 2 || members.len() < 2 {
        return None;
    }
    let start = members.iter().map(|m| m.span.start).min()?;
    let end = members.iter().map(|m| m.span.end).max()?;
    Some(Roster {
        body: body_of_table(table, paras),
        members,
        table: Some(table.id.clone()),
        span: Span::new(start, end),
        line: index.line_of(start),
    })
}

/// Reads the rows of one table.
struct Reader {
    left_role: Option<&'static str>,
    last_role: &'static str,
    left: Vec<Open>,
    right: Vec<Open>,
}

impl Reader {
    /// A row of the table: its cells put back in their places.
    fn row(&mut self, row: &TableRow, para: &Para, index: &LineIndex) {
        let cells = placed(row, para, index);
        if let Some(role) = cells[0].and_then(|(_, c)| role_of(c)) {
            self.left_role = Some(role);
        }
        if let Some(role) = self.left_role {
            read_pair(&mut self.left, role, cells[1], cells[2], para);
        }
        read_pair(&mut self.right, self.last_role, cells[3], cells[4], para);
    }

    /// A line after the table: a name and a post of the right column, or
    /// the rest of the last one's post.
    fn tail_line(&mut self, para: &Para) {
        let text = para.text.as_str();
        let span_of =
            |from: usize, to: usize| Span::new(para.source_offset(from), para.source_offset(to));
        match name_then_post(text) {
            Some((name, post_at)) => self.right.push(Open {
                role: self.last_role,
                name,
                post: compact(&text[post_at..]),
                span: span_of(0, text.len()),
            }),
            None => {
                if let Some(open) = self.right.last_mut() {
                    open.post.push_str(&compact(text));
                    open.span.end = open.span.end.max(span_of(0, text.len()).end);
                }
            }
        }
    }
}

/// The name in a roster's name cell: two to four Han characters once the
/// spaces that pad a two-character name are dropped (杨 苏). The cell's
/// place says it is a name; its last character is not looked at (李积军).
fn name_in(cell: &str) -> Option<String> {
    let name = compact(cell);
    let chars = name.chars().count();
    ((2..=4).contains(&chars) && name.chars().all(|c| is_han(c) || c == '·')).then_some(name)
}

/// A line `王晓深 中石油山东青岛销售`: the name before the first space, and
/// where the post after it starts.
fn name_then_post(text: &str) -> Option<(String, usize)> {
    let space = text.find(char::is_whitespace)?;
    let rest = &text[space..];
    let post_at = space + (rest.len() - rest.trim_start().len());
    let name = name_in(&text[..space])?;
    (post_at < text.len()).then_some((name, post_at))
}

/// A cell: its byte offset in the row's text and its text.
type Cell<'c> = Option<(usize, &'c str)>;

/// The row's cells in their places (label, left name, left post, right
/// name, right post), its leading empty cells put back from the
/// whitespace before its first cell.
fn placed<'c>(row: &'c TableRow, para: &Para, index: &LineIndex) -> [Cell<'c>; WIDTH] {
    let mut out: [Cell<'c>; WIDTH] = [None; WIDTH];
    let first = para.pieces.first().map_or(0, |p| p.start);
    let lead = first.saturating_sub(index.line_start(row.line));
    let labelled = row.cells.first().and_then(|c| role_of(c)).is_some();
    let skip = if labelled {
        0
    } else {
        lead.clamp(1, WIDTH - 1)
    };
    let mut from = 0;
    for (k, cell) in row.cells.iter().enumerate() {
        let at = para
            .text
            .get(from..)
            .and_then(|rest| rest.find(cell.as_str()))
            .map_or(from, |i| from + i);
        from = at + cell.len();
        if let Some(slot) = out.get_mut(skip + k) {
            *slot = Some((at, cell.as_str()));
        }
    }
    out
}

/// Reads a name and post pair into `column`: a new member when the name
/// cell holds a name, the rest of the last member's post when it is empty.
fn read_pair(
    column: &mut Vec<Open>,
    role: &'static str,
    name: Cell<'_>,
    post: Cell<'_>,
    para: &Para,
) {
    let name = name.filter(|(_, c)| !c.trim().is_empty());
    let post = post.filter(|(_, c)| !c.trim().is_empty());
    let span_of = |(at, text): (usize, &str)| {
        Span::new(para.source_offset(at), para.source_offset(at + text.len()))
    };
    match (name, post) {
        (Some(name_cell), post_cell) => {
            let Some(person) = name_in(name_cell.1) else {
                return;
            };
            let mut span = span_of(name_cell);
            if let Some(post_cell) = post_cell {
                span.end = span_of(post_cell).end;
            }
            column.push(Open {
                role,
                name: person,
                post: post_cell.map(|(_, c)| compact(c)).unwrap_or_default(),
                span,
            });
        }
        (None, Some(post_cell)) => {
            if let Some(open) = column.last_mut() {
                open.post.push_str(&compact(post_cell.1));
                open.span.end = open.span.end.max(span_of(post_cell).end);
            }
        }
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_cell_is_read_by_its_place() {
        assert_eq!(name_in("杨 苏").as_deref(), Some("杨苏"));
        assert_eq!(name_in("李积军").as_deref(), Some("李积军"));
        assert_eq!(name_in("市水务管理局局长"), None);
    }

    #[test]
    fn a_line_after_the_table_is_a_member_or_the_rest_of_a_post() {
        let (name, at) = name_then_post("王晓深 中石油山东青岛销售").expect("a member");
        assert_eq!(name, "王晓深");
        assert_eq!(&"王晓深 中石油山东青岛销售"[at..], "中石油山东青岛销售");
        assert_eq!(name_then_post("分公司总经理"), None);
        assert_eq!(name_then_post("青岛供电公司总经理"), None);
    }
}
