//! The main content element → text: block elements end lines, `<br>` breaks
//! one, runs of whitespace become one space, except that a line break of
//! the markup between two Chinese characters is no space at all (as CSS
//! renders it: inline runs join without spaces; a space typed between two
//! characters, 主 要 内 容, stays for the parser to judge),
//! and a data table gives one line per row, its cells separated by TABs.
//! A table that holds another table, or has one column only, is layout:
//! its cells are blocks like any `<div>`.
//!
//! Not for: deciding what is content (see `content`), nor the metadata
//! table (see `meta`; its elements arrive here as `skip`).

use ego_tree::NodeId;
use ego_tree::NodeRef;
use gazette_model::is_han;
use scraper::{ElementRef, Node};

use crate::content::Facts;

/// Elements that end the line before and after them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// How deep the walk descends before it takes the rest as plain text (so
/// that no page, however deeply nested, exhausts the stack).
const MAX_DEPTH: usize = 256;

/// Renders `element` and everything in it.
pub(crate) fn render(element: ElementRef, skip: &[NodeId], facts: &Facts) -> String {
    let mut writer = Writer::default();
    let context = Context { skip, facts };
    walk(*element, &mut writer, &context, 0);
    writer.finish()
}

/// What the walk consults at every element.
struct Context<'a> {
    skip: &'a [NodeId],
    facts: &'a Facts,
}

fn walk(node: NodeRef<Node>, writer: &mut Writer, cx: &Context, depth: usize) {
    match node.value() {
        Node::Text(text) => writer.text(text),
        Node::Element(value) => {
            let Some(element) = ElementRef::wrap(node) else {
                return;
            };
            let name = value.name();
            let block = BLOCKS.contains(&name);
            if cx.skip.contains(&node.id()) || cx.facts.is_boilerplate(element) {
                if block {
                    writer.end_block();
                }
                return;
            }
            if depth >= MAX_DEPTH {
                element.text().for_each(|t| writer.text(t));
                return;
            }
            match name {
                "br" => writer.hard_break(),
                "table" => table(element, writer, cx, depth),
                "pre" => {
                    writer.end_block();
                    writer.pre += 1;
                    node.children().for_each(|c| walk(c, writer, cx, depth + 1));
                    writer.pre -= 1;
                    writer.end_block();
                }
                _ => {
                    if block {
                        writer.end_block();
                    }
                    node.children().for_each(|c| walk(c, writer, cx, depth + 1));
                    if block {
                        writer.end_block();
                    }
                }
            }
        }
        _ => {}
    }
}

/// A table: one TAB-separated line per row, or blocks for a layout table.
fn table(element: ElementRef, writer: &mut Writer, cx: &Context, depth: usize) {
    writer.end_block();
    let rows = rows_of(element);
    let layout = element
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "table")
        || rows.iter().all(|row| cells_of(*row).count() <= 1);
    if layout {
        element
            .children()
            .for_each(|c| walk(c, writer, cx, depth + 1));
        writer.end_block();
        return;
    }
    for caption in element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "caption")
    {
        walk(*caption, writer, cx, depth + 1);
        writer.end_block();
    }
    for row in rows {
        if cx.skip.contains(&row.id()) || cx.facts.is_boilerplate(row) {
            continue;
        }
        let cells: Vec<String> = cells_of(row)
            .map(|cell| {
                let mut inner = Writer::default();
                cell.children()
                    .for_each(|c| walk(c, &mut inner, cx, depth + 2));
                inner.one_line()
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            writer.push_line(cells.join("\t"));
        }
    }
    writer.end_block();
}

/// The rows of a table, its own only (not those of tables inside it).
fn rows_of(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| e.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

fn cells_of(row: ElementRef) -> impl Iterator<Item = ElementRef> {
    row.children()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "td" | "th"))
}

/// Whether no space is seen between `c` and a neighbour of the same kind:
/// Chinese characters, CJK and full-width punctuation, Chinese quotes.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2014}'..='\u{2026}')
}

/// Lines being written.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    line: String,
    /// Whitespace was seen since the last character of the line.
    space: bool,
    /// That whitespace held a line break of the markup, which is no space
    /// between two Chinese characters (a space typed between them is).
    space_breaks: bool,
    /// Inside how many `<pre>` elements.
    pre: usize,
}

impl Writer {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 && c == '\n' {
                self.hard_break();
            } else if c.is_ascii_whitespace() {
                self.space = !self.line.is_empty();
                self.space_breaks = self.space && (self.space_breaks || c == '\n' || c == '\r');
            } else if c.is_control() {
                // Control characters are no text (and a form feed would
                // make the text paged).
            } else {
                if self.space {
                    let joined = self.space_breaks
                        && self.line.chars().next_back().is_some_and(is_cjk)
                        && is_cjk(c);
                    if !joined {
                        self.line.push(' ');
                    }
                    self.space = false;
                    self.space_breaks = false;
                }
                self.line.push(c);
            }
        }
    }

    /// Ends the line if it holds anything.
    fn end_block(&mut self) {
        if !self.line.trim().is_empty() {
            let line = std::mem::take(&mut self.line);
            self.lines.push(line);
        }
        self.line.clear();
        self.space = false;
        self.space_breaks = false;
    }

    /// Ends the line, empty or not (an empty one is a blank line).
    fn hard_break(&mut self) {
        if self.line.trim().is_empty() {
            self.line.clear();
            self.space = false;
            self.space_breaks = false;
            if self.lines.last().is_some_and(|l| !l.is_empty()) {
                self.lines.push(String::new());
            }
        } else {
            self.end_block();
        }
    }

    fn push_line(&mut self, line: String) {
        self.end_block();
        self.lines.push(line);
    }

    fn finish(mut self) -> String {
        self.end_block();
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut text = String::new();
        for line in &self.lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// The lines as one (a table cell): joined without a space between
    /// Chinese characters, with one elsewhere.
    fn one_line(mut self) -> String {
        self.end_block();
        let mut joined = String::new();
        for line in self
            .lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
        {
            let cjk_seam = joined.chars().next_back().is_some_and(is_cjk)
                && line.chars().next().is_some_and(is_cjk);
            if !joined.is_empty() && !cjk_seam {
                joined.push(' ');
            }
            joined.push_str(line);
        }
        joined
    }
}

#[cfg(test)]
mod tests {
    use crate::render as page;

    fn text(body: &str) -> String {
        page(&format!(
            "<html><body><div id=\"UCAP-CONTENT\">{body}</div></body></html>"
        ))
        .text
    }

    #[test]
    fn blocks_end_lines_and_inline_runs_join() {
        assert_eq!(
            text("<p><span>国务院关于在市场监管领域</span>\n  <span>全面推行的意见</span></p><p>国发〔2019〕5号</p>"),
            "国务院关于在市场监管领域全面推行的意见\n国发〔2019〕5号\n"
        );
        assert_eq!(
            text("<p>GB/T <b>9704</b>\n—2012 and  more</p>"),
            "GB/T 9704 —2012 and more\n"
        );
        assert_eq!(
            text("<div>一、总体要求<div>（一）指导思想</div>正文</div>"),
            "一、总体要求\n（一）指导思想\n正文\n"
        );
        assert_eq!(
            text("<p><b>主 要 内 容</b>\n<b>说明</b></p>"),
            "主 要 内 容说明\n"
        );
    }

    #[test]
    fn br_breaks_a_line_and_an_empty_paragraph_is_a_blank_line() {
        assert_eq!(
            text("<p>国务院关于授权<br>\n实施管辖的批复</p><p><br> </p><p>广东省人民政府：</p>"),
            "国务院关于授权\n实施管辖的批复\n\n广东省人民政府：\n"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("<p>国务院&nbsp;&nbsp;2019&#24180;1&#x6708;&lt;a&gt; &amp; &ldquo;双随机&rdquo;</p>"),
            "国务院\u{a0}\u{a0}2019年1月<a> & “双随机”\n"
        );
    }

    #[test]
    fn a_data_table_is_one_line_per_row_with_tabs() {
        let html = "<p>附件</p><table border=1><caption>推广清单</caption>\
            <tr><th>序号</th><th>改革举措</th></tr>\
            <tr><td><p>1</p></td><td><p>知识产权</p>\n<p>保护</p></td></tr>\
            <tr><td></td><td></td></tr></table><p>完</p>";
        assert_eq!(
            text(html),
            "附件\n推广清单\n序号\t改革举措\n1\t知识产权保护\n完\n"
        );
    }

    #[test]
    fn a_layout_table_does_not_make_the_page_one_row() {
        let html = "<table><tr><td><p>标题</p><table><tr><td>甲</td><td>乙</td></tr></table></td>\
            <td><p>侧栏文字</p></td></tr></table>";
        assert_eq!(text(html), "标题\n甲\t乙\n侧栏文字\n");
    }

    #[test]
    fn control_characters_are_no_text_and_a_form_feed_is_a_space() {
        // A form feed is whitespace in HTML: one space, never a page break.
        assert_eq!(text("<p>国\u{c}务\u{1}院</p>"), "国 务院\n");
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(text("<pre>第一行\n  第二行</pre>"), "第一行\n第二行\n");
    }
}
