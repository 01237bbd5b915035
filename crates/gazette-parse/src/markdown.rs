//! Markdown: recognised by its content, its markup taken out of the
//! derived text, never out of the original.
//!
//! [`Markdown::find`] reads the markup of every line (`# ` headings, `> `
//! notes, `- ` list bullets, `**bold**`, `| a | b |` table rows and their
//! `|---|` rules, thematic breaks) and a YAML front matter (`---` … `---`).
//! It builds a working text of the same lines, each with its markup taken
//! out and padded with spaces to its printed length (table pipes become
//! tabs, the separator the table rebuilder reads), so that line numbers and
//! line starts are those of the text as published. The parser runs on the
//! working text; [`Markdown::apply`] then maps every span back into the
//! text as published, makes each block's pieces cover the markup printed
//! with it, and records each piece of markup left out of a derived text as
//! a [`RepairKind::StripMarkup`] repair of exactly its span.
//!
//! The front matter is not body: it is kept whole as the first front
//! matter block of the issue, and its keys (标题/title, 文号/发文字号,
//! 发布单位/发文机关, 发布日期/成文日期, 索引号, 主题分类 …) go into the first
//! document's `published_meta` with source `front_matter`.
//!
//! Blocks before the first document keep their markup (the issue has no
//! repairs of its own to record it). Ordered list numbers (`1. `) are the
//! document's own numbering and stay.
//!
//! Not for: HTML inside Markdown, links and inline code (kept as printed),
//! nested lists (only the bullet is taken out).

use gazette_model::{Block, BlockKind, Issue, MetaSource, PublishedMeta, Repair, RepairKind, Span};

use crate::published;
use crate::text::excerpt;

/// A piece of markup, in the text as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    span: Span,
    /// Line number (1-based).
    line: usize,
    /// What takes its place in the working text (a tab between cells).
    tab: bool,
}

/// A run of a line's text kept in the working text.
#[derive(Debug, Clone, Copy)]
struct Segment {
    work: usize,
    printed: usize,
    len: usize,
}

/// A line that has markup: where its text runs in the working text.
#[derive(Debug, Clone)]
struct EditedLine {
    start: usize,
    end: usize,
    segments: Vec<Segment>,
}

/// The front matter: where it is printed and what it says.
#[derive(Debug, Clone)]
struct FrontMatter {
    span: Span,
    meta: PublishedMeta,
}

/// The markup of a Markdown text and its working text.
#[derive(Debug, Clone)]
pub(crate) struct Markdown {
    /// The text with the markup taken out, line by line, each line padded
    /// to its printed length.
    pub work: String,
    edits: Vec<Edit>,
    lines: Vec<EditedLine>,
    front_matter: Option<FrontMatter>,
}

/// Whether `text` is Markdown: it opens with a front matter, or a line is
/// an ATX heading (`# 标题`) or a table rule (`|---|---|`). Gazette text
/// has neither. Paged text (form feeds, from a PDF) is never Markdown.
fn looks_like_markdown(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if memchr::memchr(0x0C, text.as_bytes()).is_some() {
        return false;
    }
    if front_matter_end(text).is_some() {
        return true;
    }
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'#', b'|', bytes).any(|at| {
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        if !text[line_start..at].trim().is_empty() {
            return false;
        }
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = text[at..line_end].trim_end();
        if bytes[at] == b'#' {
            heading_marker(line).is_some()
        } else {
            is_table_rule(line)
        }
    })
}

/// Whether a carriage return ends a line on its own (old Mac text): the
/// working text is built line by line at `\n` and is not made for it.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
}

/// `# `…`###### ` followed by text: the marker's length with its spaces.
fn heading_marker(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (spaces > 0 && !rest.trim().is_empty()).then_some(hashes + spaces)
}

/// `|---|:---:|` or `---|---`: the rule under a table's header row.
fn is_table_rule(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line.contains('|')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// `---`, `***`, `___` alone on a line.
fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| *c != ' ').collect();
    compact.len() >= 3
        && (compact.bytes().all(|b| b == b'-')
            || compact.bytes().all(|b| b == b'*')
            || compact.bytes().all(|b| b == b'_'))
}

/// The byte where a front matter opening `text` ends (after its closing
/// `---` line), when `text` opens with one.
fn front_matter_end(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut at = first.len();
    let mut keys = 0;
    for line in lines.take(200) {
        at += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return (keys > 0).then_some(at);
        }
        if trimmed.contains(':') || trimmed.contains('：') {
            keys += 1;
        } else if !(trimmed.is_empty() || trimmed.starts_with('-') || trimmed.starts_with('#')) {
            return None;
        }
    }
    None
}

/// The keys of a front matter (`key: value`, and `- item` lines under a
/// key with no value).
fn read_front_matter(text: &str) -> PublishedMeta {
    let mut meta = PublishedMeta::new(MetaSource::FrontMatter);
    let mut open_key: Option<&str> = None;
    for line in text.lines().skip(1) {
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            break;
        }
        if let (Some(key), Some(item)) = (open_key, trimmed.strip_prefix("- ")) {
            published::set(&mut meta, key, item);
            continue;
        }
        let Some((key, value)) = trimmed.split_once([':', '：']) else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            open_key = Some(key.trim());
            continue;
        }
        open_key = None;
        let value = value
            .strip_prefix('[')
            .and_then(|v| v.strip_suffix(']'))
            .unwrap_or(value);
        published::set(&mut meta, key.trim(), value);
    }
    meta
}

impl Markdown {
    /// The markup of `text`, when it is Markdown.
    pub(crate) fn find(text: &str) -> Option<Markdown> {
        if !looks_like_markdown(text) || has_lone_cr(text) {
            return None;
        }
        let bom = text.len() - text.trim_start_matches('\u{feff}').len();
        let front_matter = front_matter_end(&text[bom..]).map(|end| {
            let span = Span::new(bom, bom + end);
            FrontMatter {
                span,
                meta: read_front_matter(span.of(text)),
            }
        });
        let body_start = front_matter.as_ref().map_or(0, |f| f.span.end);
        let mut edits = Vec::new();
        let mut in_code = false;
        let mut start = 0;
        let mut number = 1;
        while start < text.len() {
            let end =
                memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
            let content_end = if text[start..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            if start >= body_start {
                let line = &text[start..content_end];
                if line.trim_start().starts_with("```") {
                    in_code = !in_code;
                } else if !in_code {
                    line_edits(line, start, number, &mut edits);
                }
            }
            start = end + 1;
            number += 1;
        }
        let (work, lines) = working_text(text, &edits, front_matter.as_ref().map(|f| f.span));
        Some(Markdown {
            work,
            edits,
            lines,
            front_matter,
        })
    }

    /// The working offset `at` in the text as published; `end` says
    /// whether it ends a span (it then stays with the text before it).
    fn printed(&self, at: usize, end: bool) -> usize {
        let k = self.lines.partition_point(|l| l.start <= at);
        let Some(line) = k.checked_sub(1).and_then(|k| self.lines.get(k)) else {
            return at;
        };
        if at > line.end {
            return at;
        }
        for seg in &line.segments {
            let inside = if end {
                seg.work < at && at <= seg.work + seg.len
            } else {
                seg.work <= at && at < seg.work + seg.len
            };
            if inside {
                return seg.printed + (at - seg.work);
            }
        }
        if end {
            line.segments
                .iter()
                .rev()
                .find(|s| s.work + s.len <= at)
                .map_or(line.start, |s| s.printed + s.len)
        } else {
            line.segments
                .iter()
                .find(|s| s.work >= at)
                .map_or(line.end, |s| s.printed)
        }
    }

    fn map_span(&self, span: Span) -> Span {
        let start = self.printed(span.start, false);
        let end = self.printed(span.end, true).max(start);
        Span::new(start, end)
    }

    /// Brings `issue`, parsed from the working text, back onto `text`.
    pub(crate) fn apply(self, issue: &mut Issue, text: &str) {
        issue.form = gazette_model::TextForm::Markdown;
        for block in &mut issue.front_matter {
            block.pieces.iter_mut().for_each(|p| *p = self.map_span(*p));
        }
        for doc in &mut issue.documents {
            doc.span = self.map_span(doc.span);
            for block in &mut doc.blocks {
                block.pieces.iter_mut().for_each(|p| *p = self.map_span(*p));
            }
            for repair in &mut doc.repairs {
                repair.span = self.map_span(repair.span);
            }
            for citation in &mut doc.cited {
                citation.span = self.map_span(citation.span);
            }
            for appointment in &mut doc.appointments {
                appointment.span = self.map_span(appointment.span);
            }
        }
        cover_markup(issue, text, &self.edits);
        if let Some(front) = self.front_matter {
            issue.front_matter.insert(
                0,
                Block {
                    kind: BlockKind::Paragraph,
                    text: front.span.of(text).to_owned(),
                    pieces: vec![front.span],
                    line: 1 + text[..front.span.start].matches('\n').count(),
                    section: None,
                    attachment: None,
                },
            );
            if let Some(doc) = issue.documents.first_mut() {
                if !front.meta.is_empty() {
                    crate::meta::attach_to_document(doc, front.meta);
                }
            }
        }
    }
}

/// The markup of one line (`start` is where the line starts in the text).
fn line_edits(line: &str, start: usize, number: usize, edits: &mut Vec<Edit>) {
    let first = edits.len();
    let push = |edits: &mut Vec<Edit>, from: usize, to: usize, tab: bool| {
        if from < to {
            edits.push(Edit {
                span: Span::new(start + from, start + to),
                line: number,
                tab,
            });
        }
    };
    let indent = line.len() - line.trim_start().len();
    let body = line.trim();
    if body.is_empty() {
        return;
    }
    if is_table_rule(body) || is_thematic_break(body) {
        push(edits, indent, indent + body.len(), false);
        return;
    }
    let mut at = indent;
    // Block quotes (> > …), then a heading marker or a list bullet.
    while line[at..].starts_with('>') {
        let rest = &line[at + 1..];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        push(edits, at, at + 1 + spaces, false);
        at += 1 + spaces;
    }
    let rest = &line[at..];
    if let Some(len) = heading_marker(rest.trim_end()) {
        push(edits, at, at + len, false);
        at += len;
        let trimmed = line.trim_end();
        let closing = trimmed.len() - trimmed.trim_end_matches('#').len();
        if closing > 0 && trimmed[..trimmed.len() - closing].ends_with(' ') {
            let from = trimmed[..trimmed.len() - closing].trim_end().len();
            if from > at {
                push(edits, from, trimmed.len(), false);
            }
        }
    } else if let Some(bullet) = ["- ", "* ", "+ "].iter().find(|b| rest.starts_with(**b)) {
        let spaces = rest[1..].len() - rest[1..].trim_start_matches(' ').len();
        push(edits, at, at + 1 + spaces, false);
        at += bullet.len() - 1 + spaces;
    }
    let content_end = line.trim_end().len().max(at);
    let content = &line[at..content_end];
    if content.starts_with('|') && content.len() > 1 && content.ends_with('|') {
        table_row_edits(line, at, content_end, &push, edits);
    }
    // **bold** and __bold__, in pairs.
    for marker in ["**", "__"] {
        let places: Vec<usize> = line[at..content_end]
            .match_indices(marker)
            .map(|(i, _)| at + i)
            .collect();
        if places.len() >= 2 {
            for &place in &places[..places.len() / 2 * 2] {
                push(edits, place, place + 2, false);
            }
        }
    }
    edits[first..].sort_by_key(|e| e.span.start);
}

/// The pipes of a table row `| a | b |` (from `at` to `end` of `line`):
/// the outer ones with their spaces left out, the inner ones made tabs.
fn table_row_edits(
    line: &str,
    at: usize,
    end: usize,
    push: &impl Fn(&mut Vec<Edit>, usize, usize, bool),
    edits: &mut Vec<Edit>,
) {
    let pipes: Vec<usize> = line[at..end]
        .match_indices('|')
        .map(|(i, _)| at + i)
        .filter(|&i| i == 0 || line.as_bytes()[i - 1] != b'\\')
        .collect();
    let Some((&first, rest)) = pipes.split_first() else {
        return;
    };
    let Some((&last, inner)) = rest.split_last() else {
        return;
    };
    let after = |i: usize| i + 1 + (line[i + 1..].len() - line[i + 1..].trim_start().len());
    let before = |i: usize| line[..i].trim_end().len();
    push(edits, first, after(first).min(last), false);
    for &pipe in inner {
        push(edits, before(pipe), after(pipe), true);
    }
    push(edits, before(last).max(first + 1), last + 1, false);
}

/// The working text: each line of `text` with its edits applied and padded
/// to its length; the front matter blanked.
fn working_text(text: &str, edits: &[Edit], front: Option<Span>) -> (String, Vec<EditedLine>) {
    let mut work = String::with_capacity(text.len());
    let mut lines = Vec::new();
    let mut at = 0;
    if let Some(front) = front {
        work.push_str(&text[..front.start]);
        for c in front.of(text).chars() {
            match c {
                '\n' | '\r' => work.push(c),
                _ => work.extend(std::iter::repeat_n(' ', c.len_utf8())),
            }
        }
        at = front.end;
    }
    let mut k = 0;
    while k < edits.len() {
        let line = edits[k].line;
        let line_start = text[..edits[k].span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| line_start + i);
        work.push_str(&text[at..line_start]);
        let mut segments = Vec::new();
        let mut cursor = line_start;
        while k < edits.len() && edits[k].line == line {
            let edit = edits[k];
            if edit.span.start > cursor {
                segments.push(Segment {
                    work: work.len(),
                    printed: cursor,
                    len: edit.span.start - cursor,
                });
                work.push_str(&text[cursor..edit.span.start]);
            }
            if edit.tab {
                work.push('\t');
            }
            cursor = cursor.max(edit.span.end);
            k += 1;
        }
        if line_end > cursor {
            segments.push(Segment {
                work: work.len(),
                printed: cursor,
                len: line_end - cursor,
            });
            work.push_str(&text[cursor..line_end]);
        }
        let pad = (line_start + (line_end - line_start)).saturating_sub(work.len());
        work.extend(std::iter::repeat_n(' ', pad));
        lines.push(EditedLine {
            start: line_start,
            end: line_end,
            segments,
        });
        at = line_end;
    }
    work.push_str(&text[at..]);
    (work, lines)
}

/// Makes the pieces of the blocks cover the markup printed with them and
/// records each piece of markup as a repair of its document.
fn cover_markup(issue: &mut Issue, text: &str, edits: &[Edit]) {
    // (owner, block, piece) of every piece, by place: owner 0 is the front
    // matter, k + 1 document k.
    let mut places: Vec<(usize, usize, usize)> = Vec::new();
    let blocks_of = |issue: &Issue, owner: usize| -> Vec<Vec<Span>> {
        let blocks = if owner == 0 {
            &issue.front_matter
        } else {
            &issue.documents[owner - 1].blocks
        };
        blocks.iter().map(|b| b.pieces.clone()).collect()
    };
    for owner in 0..=issue.documents.len() {
        for (b, pieces) in blocks_of(issue, owner).iter().enumerate() {
            for p in 0..pieces.len() {
                places.push((owner, b, p));
            }
        }
    }
    let piece = |issue: &Issue, (o, b, p): (usize, usize, usize)| -> Span {
        let blocks = if o == 0 {
            &issue.front_matter
        } else {
            &issue.documents[o - 1].blocks
        };
        blocks[b].pieces[p]
    };
    places.sort_by_key(|&place| piece(issue, place).start);
    let blank = |from: usize, to: usize| text.get(from..to).is_some_and(|s| s.trim().is_empty());
    let mut owners: Vec<Option<(usize, usize)>> = vec![None; edits.len()];
    // Markup inside a piece, or after one on its line (closing pipes, bold).
    for (e, edit) in edits.iter().enumerate() {
        let k = places.partition_point(|&pl| piece(issue, pl).start <= edit.span.start);
        if let Some(&place) = k.checked_sub(1).and_then(|k| places.get(k)) {
            let span = piece(issue, place);
            let after_on_line =
                blank(span.end, edit.span.start) && !text[span.end..edit.span.start].contains('\n');
            if span.end >= edit.span.end || after_on_line {
                set_piece(
                    issue,
                    place,
                    Span::new(span.start, span.end.max(edit.span.end)),
                );
                owners[e] = Some((place.0, place.1));
            }
        }
    }
    // Markup before a piece on its line (# , > , - , opening pipes), right
    // to left so that `> **` reaches its text.
    for (e, edit) in edits.iter().enumerate().rev() {
        if owners[e].is_some() {
            continue;
        }
        let k = places.partition_point(|&pl| piece(issue, pl).start < edit.span.end);
        if let Some(&place) = places.get(k) {
            let span = piece(issue, place);
            if blank(edit.span.end, span.start) && !text[edit.span.end..span.start].contains('\n') {
                set_piece(issue, place, Span::new(edit.span.start, span.end));
                owners[e] = Some((place.0, place.1));
            }
        }
    }
    // Lines of markup alone (table rules, breaks): a piece of their own in
    // the block before them, else in the block after them.
    for (e, edit) in edits.iter().enumerate() {
        if owners[e].is_some() {
            continue;
        }
        let k = places.partition_point(|&pl| piece(issue, pl).start < edit.span.start);
        let owner = k
            .checked_sub(1)
            .and_then(|k| places.get(k))
            .or_else(|| places.get(k))
            .map(|&(o, b, _)| (o, b));
        match owner {
            Some((o, b)) => {
                let blocks = if o == 0 {
                    &mut issue.front_matter
                } else {
                    &mut issue.documents[o - 1].blocks
                };
                blocks[b].pieces.push(edit.span);
                blocks[b].pieces.sort_by_key(|p| p.start);
                owners[e] = Some((o, b));
            }
            None => {
                issue.front_matter.push(Block {
                    kind: BlockKind::Paragraph,
                    text: edit.span.of(text).to_owned(),
                    pieces: vec![edit.span],
                    line: edit.line,
                    section: None,
                    attachment: None,
                });
            }
        }
    }
    for (edit, owner) in edits.iter().zip(owners) {
        match owner {
            Some((0, b)) => {
                // Front matter keeps its markup in its text.
                let block = &mut issue.front_matter[b];
                block.text = block
                    .pieces
                    .iter()
                    .map(|p| p.of(text))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            Some((o, _)) => {
                let doc = &mut issue.documents[o - 1];
                doc.repairs.push(Repair {
                    kind: RepairKind::StripMarkup,
                    span: edit.span,
                    line: edit.line,
                    original: excerpt(edit.span.of(text), 12).to_owned(),
                });
            }
            None => {}
        }
    }
    for doc in &mut issue.documents {
        let pieces = doc.blocks.iter().flat_map(|b| b.pieces.iter());
        let start = pieces.clone().map(|p| p.start).min();
        let end = pieces.map(|p| p.end).max();
        if let (Some(start), Some(end)) = (start, end) {
            doc.span = Span::new(doc.span.start.min(start), doc.span.end.max(end));
        }
    }
}

fn set_piece(issue: &mut Issue, (o, b, p): (usize, usize, usize), span: Span) {
    let blocks = if o == 0 {
        &mut issue.front_matter
    } else {
        &mut issue.documents[o - 1].blocks
    };
    blocks[b].pieces[p] = span;
}
