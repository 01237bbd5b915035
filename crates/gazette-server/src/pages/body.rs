//! A parsed document as HTML: the outline (a navigable heading tree) and
//! the body, block by block.
//!
//! Section ids are the parser's (`s2-1`, `a3-s1`), so links into a
//! document are stable. A heading printed on its own line becomes an
//! `<h2>`…`<h6>` (never skipping a level); a heading that runs on into its
//! paragraph stays a paragraph with its lead in bold, as printed. Tables
//! are real tables with column headers; attachments are sections of their
//! own. Every text is escaped by maud; nothing here builds markup by hand.

use std::collections::{HashMap, HashSet};

use gazette_model::{Attachment, Block, BlockKind, Document, Section, Table};
use maud::{html, Markup};

/// The outline of the document: its sections and attachments, as nested
/// lists of links to their ids.
pub fn outline(doc: &Document) -> Option<Markup> {
    if doc.sections.is_empty() && doc.attachments.is_empty() {
        return None;
    }
    Some(html! {
        nav class="outline" aria-labelledby="outline-title" {
            h2 id="outline-title" { "目录" }
            ol {
                @for section in &doc.sections { (outline_item(section)) }
                @for attachment in &doc.attachments {
                    li {
                        @if attachment.block.is_some() {
                            a href=(format!("#{}", attachment_id(attachment.number))) { (attachment_heading(attachment)) }
                        } @else {
                            (attachment_heading(attachment)) "（未刊登）"
                        }
                        @if !attachment.sections.is_empty() {
                            ol { @for section in &attachment.sections { (outline_item(section)) } }
                        }
                    }
                }
            }
        }
    })
}

fn outline_item(section: &Section) -> Markup {
    html! {
        li {
            a href=(format!("#{}", section.id)) { (section.marker) (section.title) }
            @if !section.children.is_empty() {
                ol { @for child in &section.children { (outline_item(child)) } }
            }
        }
    }
}

/// The id of attachment `number`'s section.
pub fn attachment_id(number: u32) -> String {
    format!("a{number}")
}

fn attachment_heading(attachment: &Attachment) -> String {
    format!("附件{}　{}", attachment.number, attachment.title)
}

/// Where things start in the block list.
struct Index<'a> {
    sections: HashMap<usize, &'a Section>,
    tables: HashMap<usize, &'a Table>,
    table_rows: HashSet<usize>,
    attachments: HashMap<u32, &'a Attachment>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Index<'a> {
        let mut sections = HashMap::new();
        let mut stack: Vec<&Section> = doc.sections.iter().collect();
        stack.extend(doc.attachments.iter().flat_map(|a| a.sections.iter()));
        while let Some(section) = stack.pop() {
            sections.insert(section.block, section);
            stack.extend(section.children.iter());
        }
        let mut tables = HashMap::new();
        let mut table_rows = HashSet::new();
        for table in &doc.tables {
            if let Some(first) = table.rows.iter().map(|r| r.block).min() {
                tables.insert(first, table);
            }
            table_rows.extend(table.rows.iter().map(|r| r.block));
        }
        Index {
            sections,
            tables,
            table_rows,
            attachments: doc.attachments.iter().map(|a| (a.number, a)).collect(),
        }
    }
}

/// A run of blocks in the body or in one attachment.
struct Part<'a> {
    attachment: Option<u32>,
    blocks: Vec<(usize, &'a Block)>,
}

fn parts(doc: &Document) -> Vec<Part<'_>> {
    let mut parts: Vec<Part<'_>> = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        match parts.last_mut() {
            Some(part) if part.attachment == block.attachment => part.blocks.push((index, block)),
            _ => parts.push(Part {
                attachment: block.attachment,
                blocks: vec![(index, block)],
            }),
        }
    }
    parts
}

/// The body of the document. The title block is left out (the page's
/// `<h1>` shows it).
pub fn body(doc: &Document) -> Markup {
    let index = Index::new(doc);
    let mut writer = Writer {
        index: &index,
        last_level: 1,
    };
    let parts = parts(doc);
    html! {
        div class="doc-body" {
            @for part in &parts {
                @match part.attachment.and_then(|n| index.attachments.get(&n)) {
                    Some(attachment) => (writer.attachment(attachment, &part.blocks)),
                    None => (writer.blocks(&part.blocks, None)),
                }
            }
        }
    }
}

/// Writes blocks, keeping the level of the last heading so none is
/// skipped.
struct Writer<'a> {
    index: &'a Index<'a>,
    last_level: u8,
}

impl Writer<'_> {
    fn attachment(&mut self, attachment: &Attachment, blocks: &[(usize, &Block)]) -> Markup {
        let id = attachment_id(attachment.number);
        self.last_level = 2;
        let inner = self.blocks(blocks, Some(attachment));
        html! {
            section class="attachment" id=(id) aria-labelledby=(format!("{id}-title")) {
                h2 id=(format!("{id}-title")) { (attachment_heading(attachment)) }
                (inner)
            }
        }
    }

    fn blocks(&mut self, blocks: &[(usize, &Block)], attachment: Option<&Attachment>) -> Markup {
        let mut out = Vec::with_capacity(blocks.len());
        for &(index, block) in blocks {
            if let Some(markup) = self.block(index, block, attachment) {
                out.push(markup);
            }
        }
        html! { @for markup in &out { (markup) } }
    }

    fn block(
        &mut self,
        index: usize,
        block: &Block,
        attachment: Option<&Attachment>,
    ) -> Option<Markup> {
        let text = block.text.trim();
        if text.is_empty() {
            return None;
        }
        Some(match block.kind {
            BlockKind::Title if attachment.is_none() => return None,
            BlockKind::AttachmentLabel if attachment.is_some() => return None,
            BlockKind::PartTitle if attachment.is_some_and(|a| same_text(&a.title, text)) => {
                return None
            }
            BlockKind::Heading => match self.index.sections.get(&index) {
                Some(section) => self.heading(section, text, attachment.is_some()),
                None => html! { p { (text) } },
            },
            BlockKind::TableRow => {
                if let Some(table) = self.index.tables.get(&index) {
                    table_markup(table)
                } else if self.index.table_rows.contains(&index) {
                    return None;
                } else {
                    html! { p class="line" { (text) } }
                }
            }
            BlockKind::PartTitle | BlockKind::Title => {
                let level = self.level(2);
                heading_markup(level, None, "part-title", text)
            }
            BlockKind::DateLine | BlockKind::DocNumber => html! { p class="meta-line" { (text) } },
            BlockKind::Recipients => html! { p class="recipients" { (text) } },
            BlockKind::Signature => html! { p class="signature" { (text) } },
            BlockKind::AttachmentList | BlockKind::AttachmentLabel | BlockKind::TableTail => {
                html! { p class="line" { (text) } }
            }
            BlockKind::Paragraph => html! { p { (text) } },
        })
    }

    /// The heading level to use for one wanted at `wanted`: at most one
    /// below the last.
    fn level(&mut self, wanted: u8) -> u8 {
        let level = wanted.clamp(2, 6).min(self.last_level + 1);
        self.last_level = level;
        level
    }

    fn heading(&mut self, section: &Section, text: &str, in_attachment: bool) -> Markup {
        let lead = format!("{}{}", section.marker, section.title);
        let bare = text.trim_end_matches(['。', '：', ':', '；', '.', ' ']);
        if bare == lead && !section.title.ends_with('…') {
            let wanted = section
                .level
                .saturating_add(if in_attachment { 2 } else { 1 });
            let level = self.level(wanted);
            return heading_markup(level, Some(&section.id), "", text);
        }
        // A heading that runs on into its paragraph: the lead in bold.
        match text
            .strip_prefix(&lead)
            .filter(|_| !section.title.ends_with('…'))
        {
            Some(rest) => html! {
                p id=(section.id) { strong class="lead" { (lead) } (rest) }
            },
            None => html! { p id=(section.id) { (text) } },
        }
    }
}

fn same_text(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(a) == squeeze(b)
}

fn heading_markup(level: u8, id: Option<&str>, class: &str, text: &str) -> Markup {
    let class = (!class.is_empty()).then_some(class);
    match level {
        2 => html! { h2 id=[id] class=[class] { (text) } },
        3 => html! { h3 id=[id] class=[class] { (text) } },
        4 => html! { h4 id=[id] class=[class] { (text) } },
        5 => html! { h5 id=[id] class=[class] { (text) } },
        _ => html! { h6 id=[id] class=[class] { (text) } },
    }
}

fn table_markup(table: &Table) -> Markup {
    let label = table
        .caption
        .clone()
        .unwrap_or_else(|| format!("表格 {}", table.id));
    html! {
        div class="table-wrap" role="region" aria-label=(label) tabindex="0" {
            table id=(table.id) {
                @if let Some(caption) = &table.caption { caption { (caption) } }
                @if !table.columns.is_empty() {
                    thead { tr { @for column in &table.columns { th scope="col" { (column) } } } }
                }
                tbody {
                    @for row in &table.rows {
                        tr { @for cell in &row.cells { td { (cell) } } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_compare_without_spaces() {
        assert!(same_text("社区 安全公约", "社区安全公约"));
        assert!(!same_text("社区安全公约", "社区公约"));
    }

    #[test]
    fn headings_never_skip_a_level() {
        let doc = Document {
            id: "d1".into(),
            line_start: 1,
            line_end: 1,
            ..Document::default()
        };
        let index = Index::new(&doc);
        let mut writer = Writer {
            index: &index,
            last_level: 1,
        };
        assert_eq!(writer.level(4), 2);
        assert_eq!(writer.level(4), 3);
        assert_eq!(writer.level(2), 2);
        assert_eq!(writer.level(9), 3);
    }
}
