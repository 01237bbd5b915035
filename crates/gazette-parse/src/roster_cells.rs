//! Rosters printed one cell per line: a page's roster table (职务 | 姓名 |
//! 职务) copied as text, every cell on a line of its own and no tab lines:
//! `主　任` / `尤　权` / `国务院副秘书长` / `副主任` / `杨元元` / `民航总局局长` /
//! `刘金国` / `公安部副部长` ….
//!
//! What this module is for: finding such runs and giving them as rows
//! (`cell_stream::StreamTable`): a role alone on its line (组　长, 成员：)
//! opens a row with the name and post under it; each further name and
//! post make a row of two cells. The table builder and `roster` then read
//! them as a table with a role column, as from the page.
//!
//! A run counts only with two roles and two rows, each member a name line
//! (two to four Han characters, spaces padding a two-character name
//! allowed) over one post line, or, right under a role, one line listing
//! units or posts without names (公安部、财政部…有关负责人。). A post over
//! two lines or a member without a post ends the run there (those lines
//! stay text).
//!
//! Not for: rosters whose label and members share a line (`roster`).

use std::ops::Range;

use gazette_model::is_han;

use crate::cell_stream::StreamTable;
use crate::lines::Line;
use crate::roster::role_of;
use crate::text::compact;

/// Longest line that may be a role alone, in bytes: 常务副总指挥： padded.
const MAX_ROLE_BYTES: usize = 30;

/// Longest list of units under a role, in characters.
const MAX_UNITS_CHARS: usize = 300;

/// Longest post, in characters.
const MAX_POST_CHARS: usize = 40;

/// Finds every roster printed one cell per line, in order.
pub(crate) fn find_roster_tables(lines: &[Line<'_>]) -> Vec<StreamTable> {
    let mut tables = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        match read_roster(lines, k) {
            Some(table) => {
                k = table.lines.end;
                tables.push(table);
            }
            None => k += 1,
        }
    }
    tables
}

/// Whether a line is a role alone (`副主任`, `成　员：`). Every line is
/// looked at: its length and last character first.
fn is_role(text: &str) -> bool {
    text.len() <= MAX_ROLE_BYTES
        && text
            .trim_end_matches(['：', ':', ' ', '\u{3000}'])
            .ends_with(ROLE_ENDS)
        && role_of(text).is_some()
}

/// The last characters of the roles `roster` knows (组长, 成员, 主任,
/// 总指挥, 主席, 召集人, 顾问, 政委).
const ROLE_ENDS: &[char] = &['长', '员', '任', '挥', '席', '人', '问', '委'];

/// Whether a line is a name alone (`尤　权`, `杨元元`).
fn is_name(text: &str) -> bool {
    let name = compact(text);
    let chars = name.chars().count();
    text.chars().count() <= 6
        && (2..=4).contains(&chars)
        && name.chars().all(|c| is_han(c) || c == '·')
}

/// Whether a line may be a post: short, no sentence in it, no role alone.
fn is_post(text: &str) -> bool {
    text.chars().count() <= MAX_POST_CHARS
        && !text.contains(['。', '；', '：', ':'])
        && !is_role(text)
}

/// The roster whose first role is line `start`.
fn read_roster(lines: &[Line<'_>], start: usize) -> Option<StreamTable> {
    if !is_role(lines[start].text) {
        return None;
    }
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    let mut roles = 0;
    let mut k = start;
    let mut role: Option<usize> = None;
    while let Some(line) = lines.get(k) {
        if role.is_none() && is_role(line.text) {
            role = Some(k);
            k += 1;
            continue;
        }
        let member = lines
            .get(k + 1)
            .is_some_and(|post| is_name(line.text) && is_post(post.text) && !is_name(post.text));
        if !member {
            // Under a role, units or posts without names on one line
            // (公安部、财政部…有关负责人。) are its list.
            let units = line.text.chars().count() <= MAX_UNITS_CHARS && !is_role(line.text);
            let Some(at) = role.take().filter(|_| units && !is_name(line.text)) else {
                break;
            };
            rows.push(vec![at..at + 1, k..k + 1]);
            roles += 1;
            k += 1;
            continue;
        }
        let mut row: Vec<Range<usize>> = Vec::with_capacity(3);
        if let Some(at) = role.take() {
            row.push(at..at + 1);
            roles += 1;
        }
        row.extend([k..k + 1, k + 1..k + 2]);
        rows.push(row);
        k += 2;
    }
    // A role left without a member is not part of the roster.
    let end = role.unwrap_or(k);
    (roles >= 2 && rows.len() >= 2).then_some(StreamTable {
        lines: start..end,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn a_roster_one_cell_per_line_gives_rows() {
        let text = "二、组成人员\n主　任\n尤　权\n国务院副秘书长\n副主任\n杨元元\n民航总局局长\n刘金国\n公安部副部长\n协调委办公室设在民航总局。\n";
        let lines = split_lines(text);
        let tables = find_roster_tables(&lines);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].lines, 1..9);
        let widths: Vec<usize> = tables[0].rows.iter().map(Vec::len).collect();
        assert_eq!(widths, [3, 3, 2]);
    }

    #[test]
    fn units_under_roles_are_rows() {
        let text = "总指挥\n国家发展改革委主要负责人。\n成员\n公安部、财政部有关负责人。\n";
        let tables = find_roster_tables(&split_lines(text));
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows, [vec![0..1, 1..2], vec![2..3, 3..4]]);
    }

    #[test]
    fn a_role_word_in_prose_is_no_roster() {
        let text = "主任\n张三\n会议决定，由张三担任主任。\n";
        assert!(find_roster_tables(&split_lines(text)).is_empty());
    }
}
