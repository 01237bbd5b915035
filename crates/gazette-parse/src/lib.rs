//! The gazette parser: the raw text of an issue → its documents.
//!
//! The stages follow one another and each lives in its own module:
//! 1. [`decode`](mod@decode): bytes → text (UTF-8, GB18030, UTF-16);
//! 2. `lines`: text → non-blank lines with their offsets;
//! 3. `paragraphs`: lines → paragraphs, page breaks and wrapped titles
//!    repaired, each repair recorded;
//! 4. `segment`: paragraphs → the header of every 公文 (an order whose
//!    heading is not in the text: `unheaded_order`);
//! 5. `document`: the paragraphs of one 公文 → a [`Document`] with its
//!    metadata, heading tree, attachments, tables (`table`), citations
//!    (`cite`), appointments (`personnel`) and rosters (`roster`).
//!
//! Line-less text (OCR output, a copy from a PDF viewer or a data set
//! that gives a 公文 as one line) goes through `lineless` first: it finds
//! the lines run together inside the long lines, as sub-ranges of them, and
//! the stages above read those lines as printed ones.
//!
//! Paged text (text extracted from a PDF, each page ended by a form feed)
//! goes through two more steps: `artifacts` takes page numbers, running
//! headers and 版头 out of the body before `paragraphs`, and drops the spaces
//! PDF text puts around numbers; `pages` gives every document and section
//! its page range. Plain text without form feeds is parsed exactly as
//! before. A browser's print of a web page (`webprint`) first loses the
//! tab title and metadata line at the head of its first page.
//!
//! Markdown (`markdown`) and the text of a web page (`webtext`) are parsed
//! through a working text of the same length with their markup or the
//! page's own lines blanked; text in traditional characters
//! (`traditional`) through its simplified folding, every derived field
//! given back as printed. Spans always point into the text as published.
//! Anti-scraping junk glued to the lines of a forum, blog or aggregator
//! copy (`jammer`) and a news copy's marks ((授权发布), datelines) are
//! blanked the same way before any of them (`noise`), and kept as the
//! issue's artifacts.
//!
//! Text that comes with its publisher's metadata (an HTML page's 信息公开
//! table, rendered by `gazette-html`) goes through [`parse_with_meta`]
//! (`meta`), which gives the metadata to its document, fills the fields the
//! text lacks from it and warns where the two disagree.
//!
//! This crate does no I/O: callers read files and hand over bytes or text.
//! Nothing is dropped: every non-blank character of the input is in exactly
//! one block, of a document or of the front matter, or (paged text) in one
//! of the issue's artifacts.
//!
//! ```
//! let issue = gazette_parse::parse_text("国务院关于推行\n监管的意见\n国发〔2019〕5号\n各省人民政府：\n现提出如下意见。\n");
//! let doc = &issue.documents[0];
//! assert_eq!(doc.title, "国务院关于推行监管的意见");
//! assert_eq!(doc.doc_number.as_deref(), Some("国发〔2019〕5号"));
//! assert_eq!(doc.recipients, ["各省人民政府"]);
//! ```

mod artifacts;
mod attachment_list;
mod bulletin;
mod canonical;
mod cell_stream;
mod cite;
pub mod decode;
mod document;
mod effect;
mod history_note;
mod issuers;
mod jammer;
mod kind;
mod lineless;
mod lineless_head;
mod lines;
mod markdown;
mod markers;
mod masthead;
mod meta;
mod noise;
mod pagelines;
mod pages;
mod paragraphs;
mod personnel;
mod province;
mod published;
mod roster;
mod roster_cells;
mod roster_columns;
mod roster_members;
mod segment;
mod table;
mod text;
mod traditional;
mod unheaded_order;
mod webprint;
mod webtext;

pub use decode::{decode, decode_owned, DecodeError, Decoded};
pub use gazette_model::{Document, Issue};
pub use meta::parse_with_meta;

use gazette_model::{Block, BlockKind, TextForm, Warning};

use crate::artifacts::{close_number_spaces, take_artifacts};
use crate::lines::{split_lines, LineIndex};
use crate::pages::PageIndex;
use crate::paragraphs::{paragraphs_of, Reading};
use crate::segment::find_headers;

/// Parses the decoded text of an issue. Text with form feeds is read as
/// pages (see the crate documentation); Markdown is parsed without its
/// markup (`markdown`); the text of a web page without the page's own
/// lines, its metadata block read (`webtext`); text in traditional
/// characters is matched on its simplified folding (`traditional`). The
/// anti-scraping junk of a forum or blog copy and a news copy's marks are
/// taken out first (`noise`). Every document's issuers get their full
/// names (`canonical`); what the issue prints about itself (gazette, year,
/// 期号) is read from its cover and running headers (`masthead`).
pub fn parse_text(text: &str) -> Issue {
    let mut issue = parse_any_form(text);
    canonical::resolve_issue(&mut issue);
    issue.printed = masthead::printed_issue(&issue, text);
    issue
}

/// [`parse_text`] without the full names of the issuers.
fn parse_any_form(text: &str) -> Issue {
    if let Some(noise) = noise::Noise::find(text) {
        let noise_lines = noise.placed();
        let cuts = noise.news_mark_starts();
        let mut issue = parse_without_noise(&noise.work, &noise_lines, &cuts);
        noise.apply(&mut issue, text);
        return issue;
    }
    parse_without_noise(text, &[], &[])
}

/// Parses text without noise inside its lines (`noise`): Markdown, web
/// text, a browser's print of a web page (`webprint`) or plain text. `noise_lines`: where noise was blanked, and
/// whether as a line of its own; `cuts`: where a line was cut from the
/// line before it by the noise that opens it (a news copy's dateline).
fn parse_without_noise(text: &str, noise_lines: &[(usize, bool)], cuts: &[usize]) -> Issue {
    // Markup is ASCII: the working texts below are as traditional as `text`.
    let traditional = traditional::is_traditional(text);
    if let Some(markdown) = markdown::Markdown::find(text) {
        let reading = Reading {
            blank_lines_end: true,
            serial_cell_tables: true,
            page_lines: cuts,
            noise: noise_lines,
        };
        let mut issue = parse_any_script(&markdown.work, traditional, reading);
        markdown.apply(&mut issue, text);
        return issue;
    }
    if let Some(print) = webprint::WebPrint::find(text) {
        let page_lines = with_cuts(print.page_line_starts(), cuts);
        let reading = Reading {
            page_lines: &page_lines,
            noise: noise_lines,
            ..Reading::default()
        };
        let mut issue = parse_any_script(&print.work, traditional, reading);
        print.apply(&mut issue, text);
        return issue;
    }
    if let Some(web) = webtext::WebText::find(text, traditional) {
        let page_lines = with_cuts(web.page_line_starts(), cuts);
        let reading = Reading {
            serial_cell_tables: true,
            page_lines: &page_lines,
            noise: noise_lines,
            ..Reading::default()
        };
        let mut issue = parse_any_script(&web.work, traditional, reading);
        web.apply(&mut issue, text);
        return issue;
    }
    let reading = Reading {
        page_lines: cuts,
        noise: noise_lines,
        ..Reading::default()
    };
    parse_any_script(text, traditional, reading)
}

/// The first bytes of the page's lines and the cuts, in order.
fn with_cuts(mut starts: Vec<usize>, cuts: &[usize]) -> Vec<usize> {
    starts.extend_from_slice(cuts);
    starts.sort_unstable();
    starts
}

/// Parses text in simplified or (`traditional`) traditional characters;
/// its lines read as `reading` says.
fn parse_any_script(text: &str, traditional: bool, reading: Reading<'_>) -> Issue {
    if !traditional {
        return parse_simplified(text, reading);
    }
    let folded = traditional::fold(text);
    let mut issue = parse_simplified(&folded, reading);
    traditional::restore(&mut issue, &folded, text);
    issue.traditional = true;
    issue
}

/// Parses text whose markers are in simplified characters.
fn parse_simplified(text: &str, reading: Reading<'_>) -> Issue {
    let index = LineIndex::new(text);
    let pages = PageIndex::of(text);
    let mut lines = split_lines(text);
    cut_at(&mut lines, reading.page_lines);
    close_noise_gaps(&mut lines, text, reading.noise);
    let line_less = pages.is_none() && lineless::is_line_less(&lines);
    let lines = if line_less {
        lineless::split_long_lines(lines)
    } else {
        lines
    };
    let (lines, artifacts) = match &pages {
        Some(pages) => take_artifacts(lines, pages),
        None => (lines, Vec::new()),
    };
    let mut paras = paragraphs_of(&lines, reading);
    // The paragraphs own their text: the lines are not needed from here
    // on, and their memory serves the documents.
    let first_line = lines.first().map_or(0, |l| l.number);
    drop(lines);
    if pages.is_some() {
        close_number_spaces(&mut paras, &index);
    }
    let headers = find_headers(&paras, line_less);
    let mut documents = Vec::with_capacity(headers.len());
    for (k, header) in headers.iter().enumerate().rev() {
        let local = rebase(header, header.start);
        let own = paras.split_off(header.start);
        documents.push(document::build(k + 1, &local, own, &index));
    }
    documents.reverse();
    if let Some(pages) = &pages {
        artifacts::record(&mut documents, &artifacts);
        documents.iter_mut().for_each(|doc| pages.paginate(doc));
    }
    let front_matter = paras
        .into_iter()
        .map(|para| Block {
            kind: BlockKind::Paragraph,
            text: para.text,
            pieces: para.pieces,
            line: para.line,
            section: None,
            attachment: None,
        })
        .collect();
    let mut warnings = Vec::new();
    if documents.is_empty() {
        warnings.push(Warning {
            code: "no_documents".to_owned(),
            message: "no document header (title with 发文字号 or date line) and no title to open the text was found; the text is kept as front matter".to_owned(),
            line: first_line,
        });
    }
    Issue {
        front_matter,
        documents,
        warnings,
        artifacts,
        form: if pages.is_some() {
            TextForm::Paged
        } else if line_less {
            TextForm::LineLess
        } else {
            TextForm::Printed
        },
        traditional: false,
        printed: None,
    }
}

/// Marks every line after one of `taken` (first bytes of lines taken out
/// of the text, in order) as cut from the line before it.
fn cut_at(lines: &mut [lines::Line<'_>], taken: &[usize]) {
    let mut taken = taken.iter().peekable();
    let mut end = 0;
    for line in lines {
        let mut cut = false;
        while let Some(&&at) = taken.peek() {
            if at >= line.span.start {
                break;
            }
            cut |= at >= end;
            taken.next();
        }
        line.cut_before |= cut && end > 0;
        end = line.span.end;
    }
}

/// Reads every line as if the noise blanked around it (`noise`: first
/// byte of each piece, and whether it was a line of its own, in order)
/// were not there: lines of noise alone are no blank line, and noise that
/// ended a line is no right-aligned padding.
fn close_noise_gaps(lines: &mut [lines::Line<'_>], text: &str, noise: &[(usize, bool)]) {
    if noise.is_empty() {
        return;
    }
    let mut noise = noise.iter().peekable();
    let mut end = 0;
    let count = lines.len();
    for k in 0..count {
        let start = lines[k].span.start;
        let mut blanked = 0;
        while let Some(&&(at, whole)) = noise.peek() {
            if at >= start {
                break;
            }
            if at >= end && whole {
                blanked += 1;
            } else if at >= end && k > 0 && !text[end..at].contains('\n') {
                lines[k - 1].padded = false;
            }
            noise.next();
        }
        let between = &text[end..start];
        let line = &mut lines[k];
        if line.gap_before && end > 0 && !between.contains('\u{c}') {
            line.gap_before = between.matches('\n').count() > blanked + 1;
        }
        end = line.span.end;
    }
    // Noise that ends the last line.
    if let (Some(last), Some(&&(at, false))) = (lines.last_mut(), noise.peek()) {
        if at >= end && !text[end..at].contains('\n') {
            last.padded = false;
        }
    }
}

/// Decodes and parses the bytes of an issue.
pub fn parse_bytes(bytes: &[u8]) -> Result<(Issue, &'static str), DecodeError> {
    let decoded = decode(bytes)?;
    Ok((parse_text(&decoded.text), decoded.encoding))
}

/// The header with its paragraph indices counted from the document's start.
fn rebase(header: &segment::Header, start: usize) -> segment::Header {
    segment::Header {
        form: header.form,
        start: header.start - start,
        title: header.title - start,
        subtitle: header.subtitle.map(|i| i - start),
        issuers: header.issuers.map(|i| i - start),
        partial_date: header.partial_date.map(|i| i - start),
        date: header.date.map(|(i, d)| (i - start, d)),
        number: header.number.as_ref().map(|(i, n)| (i - start, n.clone())),
    }
}
