//! An attachment's printed title held to the title the attachment list
//! gives it (附件：1.甲 2.乙).
//!
//! Under its label an attachment prints its title, and often right under
//! the title a table whose header cells, printed one per line, look like
//! more title lines (…界址点坐标 / 坐标 / 编号). Where the list names the
//! attachment and the lines of the title paragraph up to a line end spell
//! the listed title exactly, the title ends there; the lines after it stay
//! a paragraph of their own (the paragraph is split at that line end, its
//! join undone, and the document built again: rare, so it costs nothing
//! on other documents). The other way round, where line-less text cut the title
//! before its end (a run of padding after its second line), the paragraphs
//! right after it that complete the listed title exactly are part of it.
//!
//! Not for: an attachment the list does not name, or a printed title that
//! differs from the listed one (kept as printed, with a warning, by
//! `roles`).

use gazette_model::RepairKind;

use super::{clean_title, normalise, Builder, Para};
use crate::markers::LineKind;

/// Most paragraphs after the first that may complete a cut title.
const MAX_TITLE_PARAS: usize = 3;

impl Builder<'_> {
    /// The title of the attachment under its label at `block`: the
    /// paragraph's text, or the listed title when the paragraph runs past it
    /// or the paragraphs after it complete it; with the last paragraph of
    /// the title.
    pub(super) fn fitted_title(&self, block: usize, listed: &str) -> (String, usize) {
        let para = &self.paras[block];
        let printed = clean_title(&para.text);
        let wanted = normalise(listed);
        let have = normalise(&printed);
        if wanted.is_empty() || have == wanted {
            return (printed, block);
        }
        if have.starts_with(&wanted) {
            if let Some(piece) = within(para, &wanted) {
                self.splits.borrow_mut().push((block, piece));
            }
            return (printed, block);
        }
        if wanted.starts_with(&have) {
            let mut joined = have;
            for (k, next) in self
                .paras
                .iter()
                .enumerate()
                .skip(block + 1)
                .take(MAX_TITLE_PARAS)
            {
                if !super::is_part_title(next) {
                    break;
                }
                joined.push_str(&normalise(&next.text));
                if joined == wanted {
                    let text: String = self.paras[block..=k]
                        .iter()
                        .map(|p| clean_title(&p.text))
                        .collect();
                    return (text, k);
                }
                if !wanted.starts_with(&joined) {
                    break;
                }
            }
        }
        (printed, block)
    }
}

/// The line of `para` (its piece) before which its text spells `wanted`
/// (normalised), when that is not its first line.
fn within(para: &Para, wanted: &str) -> Option<usize> {
    para.starts
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(piece, &end)| {
            let head = clean_title(para.text.get(..end)?);
            (normalise(&head) == wanted).then_some(piece)
        })
}

/// `paras` with each of `splits` (paragraph, piece) split before that
/// piece, the join made there undone.
pub(super) fn split_paras(paras: Vec<Para>, splits: &[(usize, usize)]) -> Vec<Para> {
    let mut out = Vec::with_capacity(paras.len() + splits.len());
    for (k, para) in paras.into_iter().enumerate() {
        match splits.iter().find(|(p, _)| *p == k) {
            Some(&(_, piece)) => {
                let (head, tail) = split_para(para, piece);
                out.push(head);
                out.extend(tail);
            }
            None => out.push(para),
        }
    }
    out
}

/// `para` split before its piece `piece` (> 0): the lines before, and the
/// lines from it on as a paragraph of plain text.
fn split_para(mut para: Para, piece: usize) -> (Para, Option<Para>) {
    let Some(&at) = para.starts.get(piece) else {
        return (para, None);
    };
    // One join repair for each piece after the first, in order.
    let mut repairs = para.repairs.split_off((piece - 1).min(para.repairs.len()));
    let undone = (!repairs.is_empty()).then(|| repairs.remove(0));
    let tail = Para {
        text: para.text[at..].to_owned(),
        pieces: para.pieces.split_off(piece),
        starts: para
            .starts
            .split_off(piece)
            .iter()
            .map(|s| s - at)
            .collect(),
        line: undone.as_ref().map_or(para.line, |r| r.line),
        kind: LineKind::Text,
        gap_before: undone
            .as_ref()
            .is_some_and(|r| r.kind == RepairKind::JoinPageBreak),
        padded: false,
        table_tail: false,
        repairs,
        runs_on: para.runs_on,
    };
    para.text.truncate(at);
    para.text.truncate(para.text.trim_end().len());
    para.runs_on = false;
    (para, Some(tail))
}
