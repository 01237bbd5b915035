//! Rosters of 领导小组, 委员会 and 指挥部: who holds which role
//! (`组　长：张三　市长`, `成　员：…`), read into [`Roster`]s.
//!
//! What this module is for: finding the role labels (组长：, 副 组 长：,
//! 成　员：, 办公室主任： …) in a document's paragraphs, however the
//! rendering laid them out — one label a line with the names under it,
//! everything on one line (line-less text), cells of a table — and, in
//! tables without labels, the column of roles beside a column of names
//! (职务 | 姓名 | 单位). The members after each label are read by
//! `roster_members`.
//!
//! What it is not for: a roster printed in two columns whose layout the
//! text flattened (the Qingdao 指挥部 table: a row holds a left and a right
//! pair, the right continuing the list); `roster_columns` reads those
//! tables. Such rows (a label and four cells or more) end a roster here.
//!
//! A roster needs two labels of different roles and two members, so that
//! a sentence with one `主任：` is not one. Its list ends at a paragraph that
//! is neither a label line nor a line of names, or, where the text runs on
//! (line-less), at the first 。 followed by more text; the last member's
//! post is then cut after its title.

use gazette_model::{is_han, Roster, RosterMember, Span, Table};

use crate::lines::LineIndex;
use crate::paragraphs::Para;
use crate::roster_columns::two_column_roster;
use crate::roster_members::{
    cut_run_on_post, join_padded_names, members, stops, tokens, Member, Sep, Token,
};

/// Roles of a roster, as labelled (inner spaces dropped), longest first
/// where one ends another (常务副组长 before 副组长 before 组长).
const ROLES: &[&str] = &[
    "常务副总指挥",
    "副总指挥",
    "总指挥",
    "常务副指挥长",
    "副指挥长",
    "指挥长",
    "常务副指挥",
    "副指挥",
    "指挥",
    "常务副组长",
    "执行副组长",
    "副组长",
    "组长",
    "组员",
    "成员",
    "办公室副主任",
    "办公室主任",
    "副主任委员",
    "主任委员",
    "委员",
    "常务副主任",
    "执行主任",
    "副主任",
    "主任",
    "副召集人",
    "召集人",
    "副主席",
    "主席",
    "副秘书长",
    "秘书长",
    "顾问",
    "联络员",
    "政委",
];

/// Longest role, in characters.
const MAX_ROLE_CHARS: usize = 6;

/// Words that end the name of a body a roster is of.
const BODIES: &[&str] = &[
    "小组",
    "委员会",
    "指挥部",
    "协调委",
    "工作组",
    "联席会议",
    "专班",
];

/// A role label found in a paragraph: its role and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    role: &'static str,
    start: usize,
    end: usize,
}

/// The labels of `text`, in order: a role, spaces allowed between its
/// characters, then ： or :.
fn labels(text: &str) -> Vec<Label> {
    text.match_indices(['：', ':'])
        .filter_map(|(colon, c)| label_before(text, colon, c.len()))
        .collect()
}

/// The role that ends right before the colon at `colon`, the longest one.
fn label_before(text: &str, colon: usize, colon_len: usize) -> Option<Label> {
    let mut han: Vec<(usize, char)> = Vec::with_capacity(MAX_ROLE_CHARS);
    let mut spaces = 0;
    for (i, c) in text[..colon].char_indices().rev() {
        if c == ' ' || c == '\u{3000}' {
            spaces += 1;
            if spaces > 3 || han.is_empty() {
                // Spaces before the colon, or a gap too wide for a label.
                if han.is_empty() && spaces <= 1 {
                    continue;
                }
                break;
            }
            continue;
        }
        if !is_han(c) || han.len() == MAX_ROLE_CHARS {
            break;
        }
        spaces = 0;
        han.push((i, c));
    }
    let role = ROLES.iter().find(|role| {
        let n = role.chars().count();
        n <= han.len() && role.chars().rev().eq(han[..n].iter().map(|&(_, c)| c))
    })?;
    let start = han[role.chars().count() - 1].0;
    Some(Label {
        role,
        start,
        end: colon + colon_len,
    })
}

/// The rosters of a document's paragraphs and tables.
pub(crate) fn find_rosters(paras: &[Para], tables: &[Table], index: &LineIndex) -> Vec<Roster> {
    let mut rosters = RunReader::new(paras, index).read();
    for table in tables {
        let read =
            table_roster(table, paras, index).or_else(|| two_column_roster(table, paras, index));
        if let Some(roster) = read {
            // Labelled cells (组长：) were read as role lines already.
            let overlaps =
                |r: &Roster| r.span.start < roster.span.end && roster.span.start < r.span.end;
            if !rosters.iter().any(overlaps) {
                rosters.push(roster);
            }
        }
    }
    rosters.sort_by_key(|r| r.span.start);
    rosters
}

/// One label's list while a roster is read: the role and its tokens.
struct Entry {
    role: &'static str,
    label_at: usize,
    tokens: Vec<Token>,
    /// The list ran on into other text in its paragraph: the roster ends.
    runs_on: bool,
    /// The list was cut at a 。: a post that runs on past its title is the
    /// last one, cut there.
    cut_at_stop: bool,
}

impl Entry {
    /// The members of the list, and whether prose followed them (the
    /// roster ends with this list).
    fn members(&self) -> (Vec<Member>, bool) {
        let (mut found, stopped) = members(&join_padded_names(self.tokens.clone()));
        if self.cut_at_stop {
            // A sentence about a member (XXX同志兼任办公室主任) is no member;
            // the last member's post runs on into that sentence.
            if let Some(k) = found
                .iter()
                .position(|m| m.post.as_deref().is_some_and(|p| p.starts_with("同志")))
            {
                found.truncate(k);
            }
            if let Some(last) = found.last_mut() {
                cut_last_post(last);
            }
        }
        (found, stopped || self.runs_on)
    }

    /// Whether the roster ends with this list.
    fn ended(&self) -> bool {
        self.runs_on || stops(&self.tokens)
    }
}

/// Reads the rosters printed as label lines, paragraph by paragraph.
struct RunReader<'a> {
    paras: &'a [Para],
    index: &'a LineIndex,
    open: Vec<Entry>,
    /// Where the open roster starts: paragraph and byte offset.
    opened_at: (usize, usize),
    /// A row of a two-column roster was seen: the roster is not read here.
    two_columns: bool,
    rosters: Vec<Roster>,
}

impl<'a> RunReader<'a> {
    fn new(paras: &'a [Para], index: &'a LineIndex) -> Self {
        RunReader {
            paras,
            index,
            open: Vec::new(),
            opened_at: (0, 0),
            two_columns: false,
            rosters: Vec::new(),
        }
    }

    fn read(mut self) -> Vec<Roster> {
        for (p, para) in self.paras.iter().enumerate() {
            let text = para.text.as_str();
            let found = labels(text);
            let lead = text.len() - text.trim_start().len();
            let continues = match found.first() {
                Some(first) => first.start == lead,
                None => !self.open.is_empty() && is_name_line(text),
            };
            if !continues || self.open.last().is_some_and(Entry::ended) {
                self.close();
            }
            if found.is_empty() {
                if !self.open.is_empty() {
                    self.extend(p, 0, text.len());
                }
                continue;
            }
            for (k, label) in found.iter().enumerate() {
                let end = found.get(k + 1).map_or(text.len(), |next| next.start);
                if self.open.last().is_some_and(Entry::ended) {
                    self.close();
                }
                if self.open.is_empty() {
                    self.opened_at = (p, label.start);
                }
                self.open.push(Entry {
                    role: label.role,
                    label_at: para.source_offset(label.start),
                    tokens: Vec::new(),
                    runs_on: false,
                    cut_at_stop: false,
                });
                self.extend(p, label.end, end);
            }
        }
        self.close();
        self.rosters
    }

    /// Adds `range` of paragraph `p` to the open label's list, cut at a
    /// 。 followed by more text (the list ends there).
    fn extend(&mut self, p: usize, start: usize, end: usize) {
        let para = &self.paras[p];
        let piece = &para.text[start..end];
        if piece.split('\t').count() >= 5 {
            self.two_columns = true;
        }
        let (piece, runs_on, cut_at_stop) = match piece.find(['。', '！', '？']) {
            Some(stop) => {
                let rest = &piece[stop + '。'.len_utf8()..];
                (&piece[..stop], !rest.trim().is_empty(), true)
            }
            None => (piece, false, false),
        };
        let Some(entry) = self.open.last_mut() else {
            return;
        };
        let first = if entry.tokens.is_empty() {
            Sep::Glued
        } else {
            Sep::Break
        };
        let mut found = Vec::new();
        // Each line the paragraph joined is a break of its own.
        let mut from = start;
        let mut sep = first;
        let piece_end = start + piece.len();
        let lo = para.starts.partition_point(|&s| s <= start);
        let hi = para.starts.partition_point(|&s| s < piece_end).max(lo);
        let cuts = para.starts[lo..hi].iter().copied();
        for cut in cuts.chain(std::iter::once(piece_end)) {
            tokens(&para.text[from..cut], from, sep, &mut found);
            from = cut;
            sep = Sep::Break;
        }
        // Offsets in the paragraph's text → offsets in the source.
        for token in &mut found {
            token.start = para.source_offset(token.start);
            token.end = para.source_offset(token.end);
        }
        entry.tokens.extend(found);
        entry.runs_on |= runs_on;
        entry.cut_at_stop |= cut_at_stop;
    }

    /// Ends the open roster, keeping it when it is one.
    fn close(&mut self) {
        let entries = std::mem::take(&mut self.open);
        let two_columns = std::mem::replace(&mut self.two_columns, false);
        if entries.is_empty() || two_columns {
            return;
        }
        let mut members_of = Vec::new();
        for entry in &entries {
            let (found, _) = entry.members();
            members_of.extend(found.into_iter().map(|m| {
                let span = Span::new(m.start, m.end);
                RosterMember {
                    role: entry.role.to_owned(),
                    name: m.name,
                    post: m.post,
                    span,
                    line: self.index.line_of(span.start),
                }
            }));
        }
        let mut roles: Vec<&str> = entries.iter().map(|e| e.role).collect();
        roles.sort_unstable();
        roles.dedup();
        if roles.len() < 2 || members_of.len() < 2 {
            return;
        }
        let start = entries.first().map_or(0, |e| e.label_at);
        let end = members_of.last().map_or(start, |m| m.span.end);
        let (p, at) = self.opened_at;
        self.rosters.push(Roster {
            body: body_before(self.paras, p, at),
            members: members_of,
            table: None,
            span: Span::new(start, end),
            line: self.index.line_of(start),
        });
    }
}

/// Cuts the post of a list's last member after its title (the text ran on).
fn cut_last_post(member: &mut Member) {
    let Some(post) = member.post.as_mut() else {
        return;
    };
    if let Some(end) = cut_run_on_post(post) {
        let dropped = post.len() - end;
        post.truncate(end);
        member.end = member.end.saturating_sub(dropped);
    }
}

/// Whether a printed line opens with a role label (组　长：, 成员:).
pub(crate) fn opens_with_label(text: &str) -> bool {
    let text = text.trim_start();
    text.char_indices()
        .take(MAX_ROLE_CHARS * 2 + 1)
        .find(|&(_, c)| c == '：' || c == ':')
        .and_then(|(at, c)| label_before(text, at, c.len_utf8()))
        .is_some_and(|label| label.start == 0)
}

/// Whether a printed line is a name and a post set apart by a wide gap
/// (`刘金国　　公安部副部长`, `吉　林　　北京市副市长`), without sentence
/// punctuation: a line of a roster, a paragraph of its own.
pub(crate) fn is_member_line(text: &str) -> bool {
    let wide = text.contains("\u{3000}\u{3000}") || text.contains("  ") || text.contains('\t');
    wide && !text.contains(['。', '，', '；', '：', ':']) && is_name_line(text)
}

/// A line of names under a label: it opens with a name and a space and has
/// no sentence punctuation (`　　　　刘金国　　公安部副部长`).
fn is_name_line(text: &str) -> bool {
    let text = text.trim();
    let clause = text
        .find(['。', '，', '；', '：', ':'])
        .map_or(text, |end| &text[..end]);
    let mut found = Vec::new();
    tokens(clause, 0, Sep::Glued, &mut found);
    let found = join_padded_names(found);
    let (read, _) = members(&found);
    found.len() >= 2
        && matches!(found[1].sep, Sep::Space | Sep::Break)
        && read.first().is_some_and(|m| m.name.is_some())
}

/// The body named before the roster: the last 领导小组/委员会/指挥部 … in the
/// text before its first label (this paragraph and up to five before it),
/// without what is in brackets (以下简称…) and the verb before it (成立,
/// 组建, 调整).
fn body_before(paras: &[Para], p: usize, at: usize) -> Option<String> {
    let mut before = String::new();
    for para in &paras[p.saturating_sub(5)..p] {
        before.push_str(tail(&para.text));
        before.push('\n');
    }
    before.push_str(paras.get(p).map_or("", |para| tail(&para.text[..at])));
    let before = without_brackets(&before);
    let (end, word) = BODIES
        .iter()
        .filter_map(|w| before.rfind(w).map(|at| (at + w.len(), *w)))
        .max_by_key(|&(end, w)| (end, w.len()))?;
    let start = before[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_han(c) || c.is_ascii_digit()))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut name = &before[start..end];
    for verb in ["以下简称", "成立", "组建", "调整", "设立", "关于", "附件"] {
        if let Some(k) = name.rfind(verb) {
            name = &name[k + verb.len()..];
        }
    }
    (name.chars().count() > word.chars().count()).then(|| name.to_owned())
}

/// The last few hundred bytes of `text` (at a character boundary): where a
/// body is named, and no more, so that many rosters in one long line cost
/// no more than one each.
fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(BODY_WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// How far before a roster its body is looked for, in bytes.
const BODY_WINDOW: usize = 600;

/// `text` without the text in （）or ().
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A table with a column of roles (组长, 成员, no colon) beside the names
/// and posts: 职务 | 姓名 | 单位及职务. The other cells of a row are read
/// as a member list (`roster_members`), so a cell may hold a padded name
/// or several units. The role of a row with an empty role cell (a merged
/// cell) is the one above.
fn table_roster(table: &Table, paras: &[Para], index: &LineIndex) -> Option<Roster> {
    let width = table.rows.iter().map(|r| r.cells.len()).max()?;
    // A row shorter than the table lost its first cells to a merged cell
    // (the role printed once for several rows): its cells are the last ones.
    fn cell_at(row: &gazette_model::TableRow, c: usize, width: usize) -> Option<&String> {
        (c + row.cells.len())
            .checked_sub(width)
            .and_then(|k| row.cells.get(k))
    }
    let role_column = (0..width).find(|&c| {
        let cells: Vec<&str> = table
            .rows
            .iter()
            .filter_map(|r| cell_at(r, c, width))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let roles = cells.iter().filter(|c| role_of(c).is_some()).count();
        !cells.is_empty() && roles * 2 >= cells.len()
    })?;
    let mut role: Option<&'static str> = None;
    let mut members_of = Vec::new();
    for row in &table.rows {
        let role_cell = (role_column + row.cells.len()).checked_sub(width);
        if let Some(found) = cell_at(row, role_column, width).and_then(|c| role_of(c)) {
            role = Some(found);
        }
        let (Some(role), Some(para)) = (role, paras.get(row.block)) else {
            continue;
        };
        if para.table_tail {
            // A line after the table (the next heading), not a row of it.
            continue;
        }
        let mut found = Vec::new();
        let mut from = 0;
        let mut named_cells = 0;
        for (c, cell) in row.cells.iter().enumerate() {
            // The cell's place in the row's text, looked for in order.
            let at = para.text[from..]
                .find(cell.as_str())
                .map_or(from, |k| from + k);
            from = at + cell.len();
            let value = cell.trim().trim_end_matches(['。', '；', ';']);
            if Some(c) == role_cell || value.is_empty() || value.chars().all(|d| d.is_ascii_digit())
            {
                continue;
            }
            let start = at + (cell.len() - cell.trim_start().len());
            let before = found.len();
            tokens(value, start, Sep::Break, &mut found);
            let (in_cell, _) = members(&join_padded_names(found[before..].to_vec()));
            named_cells += usize::from(in_cell.first().is_some_and(|m| m.name.is_some()));
        }
        if named_cells >= 2 {
            // A left and a right pair in one row: a two-column roster, whose
            // right column's role the layout decides (gazette-link reads it).
            return None;
        }
        for token in &mut found {
            token.start = para.source_offset(token.start);
            token.end = para.source_offset(token.end);
        }
        let (read, _) = members(&join_padded_names(found));
        members_of.extend(read.into_iter().map(|m| RosterMember {
            role: role.to_owned(),
            name: m.name,
            post: m.post,
            span: Span::new(m.start, m.end),
            line: row.line,
        }));
    }
    let mut roles: Vec<&str> = members_of.iter().map(|m| m.role.as_str()).collect();
    roles.sort_unstable();
    roles.dedup();
    if roles.len() < 2 || members_of.len() < 2 {
        return None;
    }
    let span = Span::new(
        members_of.first().map_or(0, |m| m.span.start),
        members_of.last().map_or(0, |m| m.span.end),
    );
    Some(Roster {
        body: body_of_table(table, paras),
        members: members_of,
        table: Some(table.id.clone()),
        span,
        line: index.line_of(span.start),
    })
}

/// The body a roster table is of: named in its caption, or before it.
pub(crate) fn body_of_table(table: &Table, paras: &[Para]) -> Option<String> {
    let first_block = table.rows.first().map_or(0, |r| r.block);
    table
        .caption
        .as_deref()
        .and_then(body_in)
        .or_else(|| body_before(paras, first_block, 0))
}

/// The body a caption names (…领导小组成员名单 → …领导小组).
fn body_in(caption: &str) -> Option<String> {
    BODIES
        .iter()
        .filter_map(|w| caption.rfind(w).map(|at| at + w.len()))
        .max()
        .map(|end| caption[..end].to_owned())
}

/// The role a cell names without a colon (`组　长`, `副组长`).
pub(crate) fn role_of(cell: &str) -> Option<&'static str> {
    if cell.len() > 3 * (2 * MAX_ROLE_CHARS + 2) {
        return None;
    }
    let chars = || {
        cell.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':'))
    };
    ROLES.iter().copied().find(|r| r.chars().eq(chars()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_allow_inner_spaces_and_take_the_longest_role() {
        let roles = |text: &str| -> Vec<&str> { labels(text).iter().map(|l| l.role).collect() };
        assert_eq!(roles("组  长：张三"), ["组长"]);
        assert_eq!(roles("成　员：何亚非"), ["成员"]);
        assert_eq!(roles("副 组 长:李四"), ["副组长"]);
        assert_eq!(roles("国务院副秘书长副主任：杨元元"), ["副主任"]);
        assert_eq!(roles("省长常务副组长:XXX"), ["常务副组长"]);
        assert_eq!(roles("联系人：张三"), Vec::<&str>::new());
    }

    #[test]
    fn roster_lines_are_told_from_prose() {
        assert!(opens_with_label("副主任：杨元元　　民航总局局长"));
        assert!(opens_with_label("成  员：何亚非"));
        assert!(!opens_with_label("经研究，副主任：张三"));
        assert!(is_member_line("刘金国　　公安部副部长"));
        assert!(is_member_line("吉　林　　北京市副市长"));
        assert!(!is_member_line(
            "协调委成员因工作变动需要调整的，由所在单位提出"
        ));
        assert!(!is_member_line("各区　　市政府"));
    }

    #[test]
    fn a_label_starts_where_its_role_starts() {
        let text = "二、组成人员主　任：尤　权";
        let found = labels(text);
        assert_eq!(&text[found[0].start..found[0].end], "主　任：");
    }

    #[test]
    fn bodies_are_named_before_the_roster() {
        let before = "组建2008年北京奥运会首都国际机场协调委员会（以下简称协调委）。";
        let body = without_brackets(before);
        assert!(!body.contains("简称"));
        assert_eq!(
            body_in("某某市防汛抗旱指挥部人员名单").as_deref(),
            Some("某某市防汛抗旱指挥部")
        );
    }

    #[test]
    fn table_cells_name_roles_without_a_colon() {
        assert_eq!(role_of("组　长"), Some("组长"));
        assert_eq!(role_of("副组长"), Some("副组长"));
        assert_eq!(role_of("张三"), None);
    }
}
