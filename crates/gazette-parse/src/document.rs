//! The paragraphs of one 公文 → a [`Document`]: metadata, blocks, heading
//! tree, attachments, tables, citations and appointments.
//!
//! Each paragraph becomes exactly one block, so the document's blocks hold
//! every character of its text; what a block *is* (title, recipients,
//! heading, attachment label, table row …) is decided here from its place in
//! the document.

use std::collections::HashMap;

use gazette_model::{
    date_prefix, Appointment, AppointmentAction, Attachment, Block, BlockKind, Citation, DocNumber,
    Document, Inference, InferredField, NaiveDate, Repair, RepairKind, Section, Span, Warning,
};

use crate::cite::find_citations;
use crate::issuers;
use crate::kind;
use crate::lines::LineIndex;
use crate::markers::{LineKind, MarkerKind};
use crate::paragraphs::{is_adoption_note, Para};
use crate::personnel::{read_line, ListLine, Record};
use crate::province;
use crate::roster::find_rosters;
use crate::segment::{may_list_recipients, Header, HeaderForm};
use crate::table::{build_table, RawRow, TableNotes};
use crate::text::{
    compact, drop_stray_spaces, ends_sentence, excerpt, looks_like_title, strip_footnote_marker,
};
use crate::{attachment_list, history_note};

/// Builds document number `ordinal` (1-based) from its paragraphs; `header`
/// indexes into `paras`.
pub(crate) fn build(
    ordinal: usize,
    header: &Header,
    paras: Vec<Para>,
    index: &LineIndex,
) -> Document {
    let mut builder = Builder::new(ordinal, header, &paras, index);
    builder.assign_roles();
    builder.build_sections();
    builder.build_tables();
    builder.find_citations();
    builder.find_appointments();
    let (mut doc, roles) = builder.finish();
    doc.rosters = find_rosters(&paras, &doc.tables, index);
    for (para, (kind, section, attachment)) in paras.into_iter().zip(roles) {
        doc.repairs.extend(para.repairs);
        doc.blocks.push(Block {
            kind,
            text: para.text,
            pieces: para.pieces,
            line: para.line,
            section,
            attachment,
        });
    }
    doc.repairs.sort_by_key(|r| r.span.start);
    complete_from_history_note(&mut doc);
    doc
}

/// A regulation printed without its 令 takes its number, date and issuer
/// from the history note under its title, when it prints none of its own.
fn complete_from_history_note(doc: &mut Document) {
    if doc.doc_number.is_some() {
        return;
    }
    let Some((found, block)) =
        doc.blocks.iter().take(3).find_map(|block| {
            history_note::first_published(&block.text).map(|found| (found, block))
        })
    else {
        return;
    };
    let note = block.text.trim().to_owned();
    let span = Span::new(
        block.pieces.first().map_or(0, |p| p.start),
        block.pieces.last().map_or(0, |p| p.end),
    );
    let line = block.line;
    let own = found.number.to_string();
    let infer = |field, value: String| Inference {
        field,
        value,
        evidence: note.clone(),
        span,
        line,
    };
    let mut inferred = vec![infer(InferredField::DocNumber, own.clone())];
    if doc.date.is_none() {
        doc.date = Some(found.date);
        inferred.push(infer(InferredField::Date, found.date.to_string()));
    }
    if doc.issuer.is_empty() {
        inferred.push(infer(InferredField::Issuer, found.issuer.clone()));
        doc.issuer.push(found.issuer);
    }
    // The note's first entry is the document's own publication, not a
    // reference to another document.
    doc.cited
        .retain(|c| c.doc_number.as_deref() != Some(own.as_str()));
    doc.doc_number = Some(own);
    doc.doc_number_parts = Some(found.number);
    doc.inferred.extend(inferred);
}

/// The role of each paragraph: its block kind, section and attachment.
type Roles = Vec<(BlockKind, Option<String>, Option<u32>)>;

/// An attachment while it is being read.
struct OpenAttachment {
    number: u32,
    title: String,
    labelled: bool,
    block: Option<usize>,
}

struct Builder<'a> {
    ordinal: usize,
    header: &'a Header,
    paras: &'a [Para],
    index: &'a LineIndex,
    kinds: Vec<BlockKind>,
    /// Attachment of each paragraph.
    parts: Vec<Option<u32>>,
    /// Section id of each paragraph.
    sections_of: Vec<Option<String>>,
    title: String,
    promulgated_title: Option<String>,
    listed: Vec<(u32, String)>,
    attachments: Vec<OpenAttachment>,
    body_sections: Vec<Section>,
    attachment_sections: Vec<(u32, Vec<Section>)>,
    tables: Vec<gazette_model::Table>,
    cited: Vec<Citation>,
    appointments: Vec<Appointment>,
    warnings: Vec<Warning>,
    repairs: Vec<Repair>,
    recipients: Vec<String>,
}

impl<'a> Builder<'a> {
    fn new(ordinal: usize, header: &'a Header, paras: &'a [Para], index: &'a LineIndex) -> Self {
        Builder {
            ordinal,
            header,
            paras,
            index,
            kinds: vec![BlockKind::Paragraph; paras.len()],
            parts: vec![None; paras.len()],
            sections_of: vec![None; paras.len()],
            title: String::new(),
            promulgated_title: None,
            listed: Vec::new(),
            attachments: Vec::new(),
            body_sections: Vec::new(),
            attachment_sections: Vec::new(),
            tables: Vec::new(),
            cited: Vec::new(),
            appointments: Vec::new(),
            warnings: Vec::new(),
            repairs: Vec::new(),
            recipients: Vec::new(),
        }
    }

    fn warn(&mut self, code: &str, line: usize, message: String) {
        self.warnings.push(Warning {
            code: code.to_owned(),
            message,
            line,
        });
    }

    // ---- roles -------------------------------------------------------

    fn assign_roles(&mut self) {
        let body_start = self.assign_header();
        let candidates = self.promulgation_candidates(body_start);
        let mut expecting_title = false;
        let mut in_list = false;
        let mut current: Option<u32> = None;
        for i in body_start..self.paras.len() {
            let para = &self.paras[i];
            self.parts[i] = current;
            let titled = para.kind == LineKind::Text && is_part_title(para);
            let unlabelled = titled
                .then(|| self.unlabelled_attachment(&para.text, current))
                .flatten();
            let kind = match &para.kind {
                _ if para.table_tail => BlockKind::TableTail,
                LineKind::TableRow => BlockKind::TableRow,
                LineKind::AttachmentList => {
                    self.read_attachment_list(&para.text);
                    in_list = true;
                    BlockKind::AttachmentList
                }
                LineKind::Heading(m)
                    if in_list && self.continues_list(m.kind, m.number, para.gap_before) =>
                {
                    self.listed
                        .push((m.number.unwrap_or(0), para.text[m.len..].trim().to_owned()));
                    BlockKind::AttachmentList
                }
                LineKind::AttachmentLabel(number) => {
                    let number = number.unwrap_or_else(|| self.next_attachment_number());
                    current = Some(number);
                    self.parts[i] = current;
                    self.open_attachment(number, true, i);
                    expecting_title = true;
                    BlockKind::AttachmentLabel
                }
                LineKind::Text if expecting_title && titled => {
                    self.title_attachment(i);
                    BlockKind::PartTitle
                }
                LineKind::Text if unlabelled.is_some() => {
                    let number = unlabelled.unwrap_or_default();
                    current = Some(number);
                    self.parts[i] = current;
                    self.open_attachment(number, false, i);
                    BlockKind::PartTitle
                }
                LineKind::Text
                    if current.is_none()
                        && self.promulgated_title.is_none()
                        && titled
                        && candidates.contains(&normalise(&para.text)) =>
                {
                    self.promulgated_title = Some(clean_title(&para.text));
                    BlockKind::PartTitle
                }
                LineKind::Date(_) => {
                    self.mark_signature_before(i, body_start);
                    BlockKind::DateLine
                }
                LineKind::Issued(_) | LineKind::Effective(_) => BlockKind::DateLine,
                LineKind::Text
                    if is_closing_remark(para, i.checked_sub(1).map(|j| self.kinds[j])) =>
                {
                    BlockKind::Signature
                }
                LineKind::Heading(_) => BlockKind::Heading,
                _ if para.padded && is_short_plain(&para.text) => BlockKind::Signature,
                _ => BlockKind::Paragraph,
            };
            if kind != BlockKind::AttachmentList {
                in_list = false;
            }
            if kind != BlockKind::AttachmentLabel && kind != BlockKind::TableTail {
                expecting_title = false;
            }
            self.kinds[i] = kind;
        }
        if let Some(i) = self.cover_issuers() {
            self.kinds[i] = BlockKind::Signature;
        }
        if let Some(i) = self.parenthesised_signature(body_start) {
            self.kinds[i] = BlockKind::Signature;
        }
        self.unmark_contents_entries();
        self.check_attachments();
    }

    /// The title without a footnote marker printed after it (…公报[1]),
    /// the marker's removal recorded as a repair.
    fn without_footnote_marker(&mut self, title: String) -> String {
        let kept = strip_footnote_marker(&title);
        if kept.len() == title.len() {
            return title;
        }
        let marker = title.len() - kept.len();
        let para = &self.paras[self.header.subtitle.unwrap_or(self.header.title)];
        if let Some(last) = para.pieces.last() {
            let start = last.end.saturating_sub(marker).max(last.start);
            self.repairs.push(Repair {
                kind: RepairKind::DropFootnoteMarker,
                span: Span::new(start, last.end),
                line: para.line,
                original: para.text.clone(),
            });
        }
        kept.to_owned()
    }

    /// The issuing body printed in parentheses after the last paragraph
    /// （万载县统计局）: the document's last paragraph, under running text.
    fn parenthesised_signature(&self, body_start: usize) -> Option<usize> {
        let last = self
            .paras
            .len()
            .checked_sub(1)
            .filter(|&i| i > body_start)?;
        let para = &self.paras[last];
        (self.kinds[last] == BlockKind::Paragraph
            && para.kind == LineKind::Text
            && issuers::parenthesised_names(&para.text).is_some()
            && ends_sentence(&self.paras[last - 1].text))
        .then_some(last)
    }

    /// The paragraph of a standard's cover that names the issuing bodies,
    /// one to a line, over 发布: the first after the 发布 date that ends so.
    fn cover_issuers(&self) -> Option<usize> {
        if self.header.form != HeaderForm::Standard {
            return None;
        }
        (self.header.last() + 1..self.paras.len())
            .take(2)
            .find(|&i| compact(&self.paras[i].text).ends_with("发布"))
    }

    /// A clause heading printed again further on (5.1 幅面尺寸) is an entry
    /// of the table of contents (目次), not a section.
    fn unmark_contents_entries(&mut self) {
        let mut last_seen = HashMap::new();
        let clauses: Vec<usize> = (0..self.paras.len())
            .filter(|&i| self.kinds[i] == BlockKind::Heading && is_clause(&self.paras[i]))
            .collect();
        for &i in &clauses {
            last_seen.insert(compact(&self.paras[i].text), i);
        }
        for i in clauses {
            if last_seen.get(&compact(&self.paras[i].text)) != Some(&i) {
                self.kinds[i] = BlockKind::Paragraph;
            }
        }
    }

    /// Marks the header blocks and the recipients; returns where the body starts.
    fn assign_header(&mut self) -> usize {
        let header = self.header;
        self.kinds[header.title] = BlockKind::Title;
        let mut printed = self.paras[header.title].text.clone();
        if let Some(i) = header.subtitle {
            self.kinds[i] = BlockKind::Title;
            printed.push_str(&self.paras[i].text);
        }
        if let Some(LineKind::AttachmentLabel(_)) = self.paras.get(header.start).map(|p| &p.kind) {
            self.kinds[header.start] = BlockKind::AttachmentLabel;
        }
        let (title, dropped) = drop_stray_spaces(&printed);
        if dropped {
            let para = &self.paras[header.title];
            self.repairs.push(Repair {
                kind: RepairKind::DropStraySpace,
                span: para.pieces[0],
                line: para.line,
                original: para.text.clone(),
            });
        }
        self.title = self.without_footnote_marker(title);
        if header.form == HeaderForm::Unheaded {
            self.kinds[header.title] = BlockKind::Paragraph;
            self.title = String::new();
            let body_start = match header.number {
                Some((i, _)) => {
                    self.kinds[i] = BlockKind::DocNumber;
                    i + 1
                }
                None => header.start,
            };
            return match self.unheaded_recipients(body_start) {
                Some(at) => {
                    self.recipients = split_recipients(&self.paras[at].text);
                    self.kinds[at] = BlockKind::Recipients;
                    at + 1
                }
                None => body_start,
            };
        }
        if let Some((i, _)) = header.date.filter(|_| header.form != HeaderForm::Personnel) {
            self.kinds[i] = BlockKind::DateLine;
        }
        if let Some((i, _)) = header.number {
            self.kinds[i] = BlockKind::DocNumber;
        }
        if let Some(i) = header.partial_date {
            self.kinds[i] = BlockKind::DateLine;
        }
        let mut body_start = match header.form {
            HeaderForm::Personnel => header.title + 1,
            _ => header.last() + 1,
        };
        // A document without a header (an attachment) has no 主送 line.
        let addressed = header.form != HeaderForm::Untitled;
        // The note of the meeting that adopted it may come first.
        let noted = self
            .paras
            .get(body_start)
            .is_some_and(|p| is_adoption_note(&p.text));
        if noted && self.paras.get(body_start + 1).is_some_and(is_recipients) {
            body_start += 1;
        }
        if let Some(para) = self
            .paras
            .get(body_start)
            .filter(|p| addressed && is_recipients(p))
        {
            self.recipients = split_recipients(&para.text);
            self.kinds[body_start] = BlockKind::Recipients;
            body_start += 1;
        }
        body_start
    }

    /// The 主送 line of a document without a title: its first paragraph,
    /// or one of the next few (after a page's lead) that names bodies only.
    fn unheaded_recipients(&self, body_start: usize) -> Option<usize> {
        (body_start..self.paras.len())
            .take(UNHEADED_RECIPIENTS_WITHIN)
            .find(|&i| {
                let para = &self.paras[i];
                is_recipients(para)
                    && (i == body_start
                        || split_recipients(&para.text)
                            .iter()
                            .all(|r| issuers::is_body_names(r)))
            })
    }

    /// Titles that the document printed after a 印发/转发 notice may carry.
    fn promulgation_candidates(&self, body_start: usize) -> Vec<String> {
        let issues_another = self.header.form == HeaderForm::Order
            || self.title.contains("印发")
            || self.title.contains("转发");
        if !issues_another {
            return Vec::new();
        }
        let mut candidates = Vec::new();
        if let Some(issued) = issued_title(&self.title) {
            if let Some(about) = issued.find("关于") {
                candidates.push(normalise(&issued[about..]));
            }
            candidates.push(normalise(issued));
        }
        for para in self.paras[body_start..].iter().take(3) {
            candidates.extend(
                find_citations(&para.text)
                    .into_iter()
                    .filter_map(|c| c.title)
                    .map(|t| normalise(&t)),
            );
        }
        candidates
    }

    fn continues_list(&self, kind: MarkerKind, number: Option<u32>, gap_before: bool) -> bool {
        let last = self.listed.last().map_or(0, |(n, _)| *n);
        kind == MarkerKind::Arabic && !gap_before && number == Some(last + 1)
    }

    /// Reads “附件：1. 甲” or “附件：甲” into the list of attachments.
    fn read_attachment_list(&mut self, text: &str) {
        let rest = text.trim_start_matches(['-', '—', ' ']).trim_start();
        let rest = rest
            .strip_prefix("附件")
            .unwrap_or(rest)
            .trim_start_matches(['：', ':', ' ']);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, title) = match rest[digits..].strip_prefix(['.', '．', '、', '：', ':']) {
            Some(title) if digits > 0 => (rest[..digits].parse().unwrap_or(1), title),
            _ => (1, rest),
        };
        if number == 1 {
            // 附件：1.甲 2.乙 3.丙 on one line.
            for (n, item) in attachment_list::items(rest) {
                self.listed.push((n, clean_title(item)));
            }
            return;
        }
        self.listed.push((number, clean_title(title.trim())));
    }

    /// Gives the open attachment the title printed under its label; warns
    /// when the list at the end of the notice named it otherwise.
    fn title_attachment(&mut self, block: usize) {
        let para = &self.paras[block];
        let printed = clean_title(&para.text);
        let Some(open) = self.attachments.last_mut() else {
            return;
        };
        let listed = std::mem::replace(&mut open.title, printed.clone());
        let number = open.number;
        if !listed.is_empty() && normalise(&listed) != normalise(&printed) {
            self.warn(
                "attachment_title_differs",
                para.line,
                format!("attachment {number} is listed as “{listed}” but printed as “{printed}”"),
            );
        }
    }

    fn next_attachment_number(&self) -> u32 {
        self.attachments.last().map_or(1, |a| a.number + 1)
    }

    fn open_attachment(&mut self, number: u32, labelled: bool, block: usize) {
        let title = self
            .listed
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        let title = if labelled {
            title
        } else {
            clean_title(&self.paras[block].text)
        };
        if !labelled {
            let para = &self.paras[block];
            self.warn(
                "attachment_unlabelled",
                para.line,
                format!("attachment {number} is printed without its label (附件{number}); found by its title “{title}”"),
            );
        }
        self.attachments.push(OpenAttachment {
            number,
            title,
            labelled,
            block: Some(block),
        });
    }

    /// The number of a listed attachment whose title `text` is, when that
    /// attachment has not started yet and comes after the current one.
    fn unlabelled_attachment(&self, text: &str, current: Option<u32>) -> Option<u32> {
        if self.listed.is_empty() {
            return None;
        }
        let wanted = normalise(text);
        self.listed
            .iter()
            .find(|(n, title)| {
                normalise(title) == wanted
                    && current.is_none_or(|c| *n > c)
                    && !self.attachments.iter().any(|a| a.number == *n)
            })
            .map(|(n, _)| *n)
    }

    /// Listed attachments never printed, and printed ones that hold nothing.
    fn check_attachments(&mut self) {
        let missing: Vec<(u32, String)> = self
            .listed
            .iter()
            .filter(|(n, _)| !self.attachments.iter().any(|a| a.number == *n))
            .cloned()
            .collect();
        for (number, title) in missing {
            self.attachments.push(OpenAttachment {
                number,
                title: title.clone(),
                labelled: false,
                block: None,
            });
            let line = self.paras.first().map_or(0, |p| p.line);
            self.warn(
                "attachment_missing",
                line,
                format!("attachment {number} “{title}” is listed but not printed"),
            );
        }
        self.attachments.sort_by_key(|a| a.number);
        let empty: Vec<(u32, usize)> = self
            .attachments
            .iter()
            .filter_map(|a| a.block.map(|b| (a.number, b)))
            .filter(|&(number, _)| {
                !self.parts.iter().zip(&self.kinds).any(|(part, kind)| {
                    *part == Some(number)
                        && !matches!(kind, BlockKind::AttachmentLabel | BlockKind::PartTitle)
                })
            })
            .collect();
        for (number, block) in empty {
            let line = self.paras[block].line;
            self.warn(
                "attachment_empty",
                line,
                format!(
                    "attachment {number} prints its title only; its content is not in the text"
                ),
            );
        }
    }

    /// A short line right before a signature date is the signing body; the
    /// lines above it that name bodies too are the other signers of a joint
    /// document (one or two bodies a line).
    fn mark_signature_before(&mut self, i: usize, body_start: usize) {
        let mut first = true;
        for j in (body_start..i).rev() {
            let para = &self.paras[j];
            let signs = self.kinds[j] == BlockKind::Paragraph
                && is_short_plain(&para.text)
                && !ends_sentence(&para.text)
                && (first
                    || issuers::is_body_names(
                        &para.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    ));
            if !signs {
                return;
            }
            self.kinds[j] = BlockKind::Signature;
            first = false;
        }
    }

    // ---- sections ----------------------------------------------------

    fn build_sections(&mut self) {
        let mut stack: Vec<(MarkerKind, Vec<usize>)> = Vec::new();
        let mut part: Option<Option<u32>> = None;
        for i in 0..self.paras.len() {
            let this_part = self.parts[i];
            if part != Some(this_part) || self.kinds[i] == BlockKind::PartTitle {
                stack.clear();
                part = Some(this_part);
            }
            if self.kinds[i] == BlockKind::Heading {
                if let LineKind::Heading(marker) = self.paras[i].kind {
                    while stack.last().is_some_and(|(kind, _)| *kind >= marker.kind) {
                        stack.pop();
                    }
                    let parent = stack.last().map(|(_, path)| path.clone());
                    let path = self.insert_section(this_part, parent.as_deref(), i, marker.len);
                    stack.push((marker.kind, path));
                }
            }
            self.sections_of[i] = stack.last().map(|(_, path)| section_id(this_part, path));
        }
    }

    /// Adds a section under the section at `parent` (or at the top) and
    /// returns its path of 0-based positions.
    fn insert_section(
        &mut self,
        part: Option<u32>,
        parent: Option<&[usize]>,
        block: usize,
        marker_len: usize,
    ) -> Vec<usize> {
        let para = &self.paras[block];
        let marker = para.text[..marker_len].trim().to_owned();
        let title = clean_title(&lead_phrase(&para.text[marker_len..]));
        let tree = match part {
            None => &mut self.body_sections,
            Some(number) => {
                if !self.attachment_sections.iter().any(|(n, _)| *n == number) {
                    self.attachment_sections.push((number, Vec::new()));
                }
                let at = self
                    .attachment_sections
                    .iter()
                    .position(|(n, _)| *n == number)
                    .unwrap_or_default();
                &mut self.attachment_sections[at].1
            }
        };
        let mut siblings = tree;
        let mut path = Vec::new();
        for &step in parent.unwrap_or(&[]) {
            path.push(step);
            siblings = &mut siblings[step].children;
        }
        path.push(siblings.len());
        siblings.push(Section {
            id: section_id(part, &path),
            marker,
            level: u8::try_from(path.len()).unwrap_or(u8::MAX),
            title,
            block,
            children: Vec::new(),
            pages: None,
        });
        path
    }

    // ---- tables ------------------------------------------------------

    fn build_tables(&mut self) {
        let mut i = 0;
        while i < self.paras.len() {
            if !is_row(self.kinds[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < self.paras.len()
                && is_row(self.kinds[i])
                && self.parts[i] == self.parts[start]
            {
                i += 1;
            }
            self.add_table(start, i);
        }
    }

    fn add_table(&mut self, start: usize, end: usize) {
        let rows: Vec<RawRow<'_>> = (start..end)
            .map(|k| {
                let para = &self.paras[k];
                RawRow {
                    text: &para.text,
                    span: para_span(para),
                    line: para.line,
                    block: k,
                    tail: self.kinds[k] == BlockKind::TableTail,
                }
            })
            .collect();
        let caption = start
            .checked_sub(1)
            .filter(|&k| {
                self.kinds[k] == BlockKind::PartTitle || looks_like_title(&self.paras[k].text)
            })
            .map(|k| clean_title(&self.paras[k].text));
        let mut notes = TableNotes::default();
        let id = format!("t{}", self.tables.len() + 1);
        let table = build_table(id, caption, self.parts[start], &rows, &mut notes);
        self.tables.push(table);
        self.warnings.extend(notes.warnings);
        self.repairs.extend(notes.repairs);
    }

    // ---- citations ---------------------------------------------------

    fn find_citations(&mut self) {
        let own: Vec<String> = [Some(&self.title), self.promulgated_title.as_ref()]
            .into_iter()
            .flatten()
            .chain(self.attachments.iter().map(|a| &a.title))
            .map(|t| normalise(t))
            .collect();
        for (i, para) in self.paras.iter().enumerate() {
            if !matches!(
                self.kinds[i],
                BlockKind::Paragraph | BlockKind::Heading | BlockKind::TableRow
            ) {
                continue;
            }
            for found in find_citations(&para.text) {
                if found.doc_number.is_none()
                    && found
                        .title
                        .as_ref()
                        .is_some_and(|t| own.contains(&normalise(t)))
                {
                    continue;
                }
                let span = Span::new(
                    para.source_offset(found.start),
                    para.source_offset(found.end),
                );
                self.cited.push(Citation {
                    doc_number: found.doc_number.map(|n| n.to_string()),
                    title: found.title,
                    span,
                    line: self.index.line_of(span.start),
                });
            }
        }
    }

    // ---- appointments ------------------------------------------------

    fn find_appointments(&mut self) {
        let date = self.date();
        let personnel = self.header.form == HeaderForm::Personnel;
        let mut action: Option<AppointmentAction> = None;
        for para in self.paras {
            let mut text = para.text.as_str();
            if let Some((_, used)) = date_prefix(text) {
                text = &text[used..];
            }
            match read_line(text, action) {
                ListLine::Switch(next, rest) => {
                    action = Some(next);
                    if let ListLine::Records(records) = read_line(&rest, action) {
                        self.push_records(para, records, date);
                    }
                }
                ListLine::Records(records) => self.push_records(para, records, date),
                ListLine::Unreadable if action.is_some() => {
                    if personnel {
                        self.warn(
                            "personnel_unreadable",
                            para.line,
                            format!("cannot read a 任免 record in “{}”", excerpt(&para.text, 30)),
                        );
                    }
                    action = None;
                }
                ListLine::Unreadable => {}
            }
        }
    }

    fn push_records(&mut self, para: &Para, records: Vec<Record>, date: Option<NaiveDate>) {
        self.appointments
            .extend(records.into_iter().map(|record| Appointment {
                person: record.person,
                action: record.action,
                post: record.post,
                note: record.note,
                date,
                span: para_span(para),
                line: para.line,
            }));
    }

    // ---- metadata ----------------------------------------------------

    /// The header's date, else the signature's, else that of a 印发 line.
    fn date(&self) -> Option<NaiveDate> {
        if let Some((_, date)) = self.header.date {
            return Some(date);
        }
        self.paras
            .iter()
            .zip(&self.kinds)
            .find_map(|(para, kind)| match (kind, &para.kind) {
                (BlockKind::DateLine, LineKind::Date(date)) => Some(*date),
                _ => None,
            })
            .or_else(|| self.paras.iter().find_map(|p| issuers::issued_on(&p.text)))
            .or_else(|| self.signed_line().map(|(_, date)| date))
    }

    /// A signature and date printed on one line near the end.
    fn signed_line(&self) -> Option<(&str, NaiveDate)> {
        self.paras
            .iter()
            .rev()
            .take(6)
            .find_map(|p| issuers::signed_line(&p.text))
    }

    /// The paragraphs of the header other than the title, and the one
    /// after it (签发人 may be printed under the number).
    fn header_fields(&self) -> impl Iterator<Item = &Para> {
        let end = (self.header.last() + 2).min(self.paras.len());
        (self.header.start..end)
            .filter(|&i| i != self.header.title)
            .map(|i| &self.paras[i])
    }

    fn urgency(&self) -> Option<String> {
        self.header_fields().find_map(|p| issuers::urgency(&p.text))
    }

    fn signers(&self) -> Vec<String> {
        self.header_fields()
            .find_map(|p| issuers::signers(&p.text))
            .unwrap_or_default()
    }

    /// The 版头 above the number or title, when it names bodies.
    fn masthead_issuers(&self) -> Vec<String> {
        (self.header.start..self.header.title)
            .map(|i| &self.paras[i])
            .map(|p| issuers::masthead_bodies(&p.text))
            .find(|text| issuers::is_body_names(text))
            .map(issuers::split_bodies)
            .unwrap_or_default()
    }

    fn issuer(&self) -> Vec<String> {
        if self.header.form == HeaderForm::Standard {
            return self
                .cover_issuers()
                .map(|i| issuers_over_issue(&self.paras[i]))
                .unwrap_or_default();
        }
        // The bodies (of a joint issue: several) named under the title.
        if let Some(i) = self.header.issuers {
            return self.paras[i]
                .text
                .split_whitespace()
                .flat_map(issuers::split_bodies)
                .collect();
        }
        let name = &self.paras[self.header.title].text;
        // 国务院令 names its body; a 禁火令 names its subject, and its
        // issuer is read as any document's.
        if self.header.form == HeaderForm::Order && name.ends_with('令') {
            let body = name.trim_start_matches("中华人民共和国");
            let body = body.strip_suffix('令').unwrap_or(body);
            if issuers::is_body_names(body) {
                return vec![body.to_owned()];
            }
        }
        // The title names the issuers in full (青岛市人民政府, where a
        // signature may print 市政府) and names the forwarding body of a 转发
        // notice, whose forwarded text carries its own signature; the
        // signature, when it reads as the names of bodies, names them as
        // they signed, and names every body of a joint document whose title
        // names only some. The title of a document without a header names
        // its subject, not its issuer.
        // The first signature, over as many lines as it takes.
        let signature_lines: Vec<String> = self
            .kinds
            .iter()
            .position(|kind| *kind == BlockKind::Signature)
            .map(|first| {
                self.paras[first..]
                    .iter()
                    .zip(&self.kinds[first..])
                    .take_while(|(_, kind)| **kind == BlockKind::Signature)
                    .map(|(para, _)| {
                        issuers::parenthesised_names(&para.text)
                            .unwrap_or(&para.text)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .unwrap_or_default();
        let signature = (!signature_lines.is_empty()).then(|| signature_lines.join(" "));
        let untitled = self.header.form == HeaderForm::Untitled;
        let signed = (!untitled
            && !signature_lines.is_empty()
            && signature_lines
                .iter()
                .all(|line| issuers::is_body_names(line)))
        .then(|| {
            signature_lines
                .iter()
                .flat_map(|line| line.split_whitespace())
                .flat_map(issuers::split_bodies)
                .collect::<Vec<_>>()
        });
        let titled = issuers_in_title(&self.title).filter(|_| !untitled);
        match (titled, signed) {
            (Some(titled), Some(signed))
                if signed.len() > titled.len()
                    && titled
                        .iter()
                        .all(|t| signed.iter().any(|s| issuers::same_body(t, s))) =>
            {
                return signed
            }
            // A title that names its issuer in a short form (市政府办公室)
            // over a signature that names it in full.
            (Some(titled), Some(signed))
                if signed.len() == titled.len()
                    && titled
                        .iter()
                        .zip(&signed)
                        .all(|(t, s)| issuers::expands(t, s)) =>
            {
                return signed
            }
            (Some(titled), _) => return titled,
            (None, Some(signed)) => return signed,
            (None, None) => {}
        }
        // A title that is a body's name and a kind: …常务委员会公告.
        if let Some(body) = ["公告", "通告"]
            .iter()
            .find_map(|kind| compact(&self.title).strip_suffix(kind).map(str::to_owned))
            .filter(|body| !untitled && issuers::is_body_names(body))
        {
            return vec![body];
        }
        if let Some(decider) = self
            .paras
            .get(self.header.title + 1)
            .filter(|_| self.header.form != HeaderForm::Unheaded)
            .and_then(|p| decider(&p.text))
        {
            return vec![decider];
        }
        if let Some((name, _)) = self.signed_line() {
            return vec![name.to_owned()];
        }
        if let Some(signature) = signature {
            return vec![signature];
        }
        let masthead = self.masthead_issuers();
        // …人民政府森林防火禁火令, 荆州市纪委“七个严禁”…: the body the
        // title opens with; else, for an order, the series' name without 令
        // (中国人民银行令).
        let own_title = match self.header.form {
            HeaderForm::Order | HeaderForm::Opening => true,
            HeaderForm::Untitled => doc_type_of(name) == Some("令"),
            _ => false,
        };
        if masthead.is_empty() && own_title {
            let named = name
                .char_indices()
                .rev()
                .map(|(i, _)| &name[..i])
                .find(|prefix| !prefix.contains("关于") && issuers::is_body_names(prefix));
            let series = name.trim_start_matches("中华人民共和国");
            let series = series.strip_suffix('令').unwrap_or(series);
            match (named, self.header.form) {
                (Some(named), _) => return vec![named.to_owned()],
                (None, HeaderForm::Order) => return vec![series.to_owned()],
                _ => {}
            }
        }
        masthead
    }

    /// The kind: what the header form or the title's end says, else what
    /// the body says (`kind`), with its evidence.
    fn doc_type(&self, title: &str) -> (Option<String>, Option<Inference>) {
        match self.header.form {
            HeaderForm::Personnel => return (Some("任免".to_owned()), None),
            HeaderForm::Standard => return (Some("标准".to_owned()), None),
            // An order printed without the regulation it promulgates.
            HeaderForm::Order if title.ends_with('令') => return (Some("令".to_owned()), None),
            _ => {}
        }
        if let Some(kind) = doc_type_of(title) {
            return (Some(kind.to_owned()), None);
        }
        let body_start = match self.header.form {
            HeaderForm::Unheaded => 0,
            _ => self.header.title + 1,
        };
        let inferred = kind::named_by_body(self.paras.get(body_start..).unwrap_or_default());
        (inferred.as_ref().map(|i| i.value.clone()), inferred)
    }

    /// The number of paragraph `i`, its first character corrected when it
    /// should name the issuer's province and names none (OCR read 鄂 as
    /// 哪); the correction is a repair, the printed block stays as read.
    fn correct_province(&mut self, i: usize, number: &DocNumber, issuer: &[String]) -> DocNumber {
        let Some(first) = number.code.chars().next() else {
            return number.clone();
        };
        if number.year.is_none()
            || number.code.chars().count() < 2
            || province::is_abbreviation(first)
        {
            return number.clone();
        }
        let header_text: String = self.paras[self.header.start..=self.header.title]
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        let Some(abbreviation) = issuer
            .first()
            .and_then(|name| province::of_issuer(name, &header_text))
        else {
            return number.clone();
        };
        // A code that opens with a word of the issuer's name names the
        // office, not the province (办公厅便函 of 山东省人民政府办公厅).
        let opening: String = number.code.chars().take(2).collect();
        if issuer.iter().any(|name| name.contains(&opening)) {
            return number.clone();
        }
        let para = &self.paras[i];
        self.repairs.push(Repair {
            kind: RepairKind::CorrectProvinceCode,
            span: para_span(para),
            line: para.line,
            original: excerpt(&para.text, 30).to_owned(),
        });
        let code = format!("{abbreviation}{}", &number.code[first.len_utf8()..]);
        DocNumber {
            code,
            ..number.clone()
        }
    }

    /// The document without its blocks, and the roles to build them with.
    fn finish(mut self) -> (Document, Roles) {
        let title = match self.header.form {
            HeaderForm::Order => self
                .promulgated_title
                .clone()
                .unwrap_or_else(|| self.title.clone()),
            _ => self.title.clone(),
        };
        let date = self.date();
        let issuer = self.issuer();
        let (doc_type, inferred) = self.doc_type(&title);
        let urgency = self.urgency();
        let signers = self.signers();
        let number = self
            .header
            .number
            .as_ref()
            .map(|(i, n)| self.correct_province(*i, n, &issuer));
        let roles: Roles = self
            .kinds
            .iter()
            .zip(std::mem::take(&mut self.sections_of))
            .zip(&self.parts)
            .map(|((kind, section), part)| (*kind, section, *part))
            .collect();
        let attachment_sections = std::mem::take(&mut self.attachment_sections);
        let attachments = self
            .attachments
            .into_iter()
            .map(|a| Attachment {
                sections: attachment_sections
                    .iter()
                    .find(|(n, _)| *n == a.number)
                    .map(|(_, s)| s.clone())
                    .unwrap_or_default(),
                number: a.number,
                title: a.title,
                labelled: a.labelled,
                block: a.block,
            })
            .collect();
        let first = self.paras.first().map_or(Span::new(0, 0), para_span);
        let last = self.paras.last().map_or(first, para_span);
        let span = Span::new(first.start, last.end);
        self.warnings.sort_by_key(|w| w.line);
        let doc = Document {
            id: format!("d{}", self.ordinal),
            title,
            doc_number: number.as_ref().map(ToString::to_string),
            doc_number_parts: number,
            date,
            issuer,
            issuer_canonical: Vec::new(),
            doc_type,
            recipients: self.recipients,
            promulgated_title: self.promulgated_title,
            attachments,
            sections: self.body_sections,
            tables: self.tables,
            cited: self.cited,
            appointments: self.appointments,
            warnings: self.warnings,
            repairs: self.repairs,
            blocks: Vec::with_capacity(roles.len()),
            line_start: self.index.line_of(span.start),
            line_end: self
                .index
                .line_of(span.end.saturating_sub(1).max(span.start)),
            span,
            masthead: None,
            pages: None,
            signers,
            urgency,
            published_meta: None,
            inferred: inferred.into_iter().collect(),
            rosters: Vec::new(),
        };
        (doc, roles)
    }
}

fn is_row(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::TableRow | BlockKind::TableTail)
}

/// The whole extent of a paragraph in the source.
pub(crate) fn para_span(para: &Para) -> Span {
    let start = para.pieces.first().map_or(0, |s| s.start);
    let end = para.pieces.last().map_or(start, |s| s.end);
    Span::new(start, end)
}

fn section_id(part: Option<u32>, path: &[usize]) -> String {
    let steps: Vec<String> = path.iter().map(|p| (p + 1).to_string()).collect();
    match part {
        None => format!("s{}", steps.join("-")),
        Some(n) => format!("a{n}-s{}", steps.join("-")),
    }
}

/// What a table of contents shows for a heading: the heading itself when it
/// is short, else its lead sentence, else its first words.
fn lead_phrase(rest: &str) -> String {
    let rest = rest.trim();
    let lead = rest.split(['。', '：', '；']).next().unwrap_or(rest);
    if lead.chars().count() <= 40 && !lead.contains('，') {
        return lead.to_owned();
    }
    if rest.chars().count() <= 30 {
        return rest.trim_end_matches(['。', '；', '：']).to_owned();
    }
    format!("{}…", excerpt(rest, 24))
}

/// A title printed after a label, or the title of a document a notice issues.
fn is_part_title(para: &Para) -> bool {
    !para.text.contains(['。', '；', '，', '：']) && para.text.chars().count() <= 120
}

fn is_short_plain(text: &str) -> bool {
    text.chars().count() <= 40 && !text.contains(['。', '，', '；'])
}

/// （此件公开发布） and the like after a signature date.
fn is_closing_remark(para: &Para, before: Option<BlockKind>) -> bool {
    before == Some(BlockKind::DateLine)
        && para.text.starts_with('（')
        && para.text.ends_with('）')
        && para.text.chars().count() <= 20
}

/// Paragraphs a document without a title may print before its 主送 line.
const UNHEADED_RECIPIENTS_WITHIN: usize = 6;

fn is_recipients(para: &Para) -> bool {
    may_list_recipients(para) && !para.text.contains("决定")
}

fn split_recipients(text: &str) -> Vec<String> {
    text.trim_end_matches(['：', ':'])
        .split(['，', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a heading paragraph is a clause of a standard.
fn is_clause(para: &Para) -> bool {
    matches!(para.kind, LineKind::Heading(m) if matches!(m.kind, MarkerKind::Clause(_)))
}

/// The bodies named line by line over 发布 (letter spacing dropped):
/// 中华人民共和国国家质量监督检验检疫总局 / 中 国 国 家 … 委 员 会 / 发 布.
fn issuers_over_issue(para: &Para) -> Vec<String> {
    let ends = para.starts.iter().skip(1).copied().chain([para.text.len()]);
    para.starts
        .iter()
        .zip(ends)
        .filter_map(|(&start, end)| para.text.get(start..end))
        .map(compact)
        .map(|line| line.strip_suffix("发布").map(str::to_owned).unwrap_or(line))
        .filter(|name| !name.is_empty())
        .collect()
}

/// Removes whitespace and 《》 for comparing titles.
fn normalise(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .collect()
}

/// A title as shown: stray spaces between Han characters dropped.
fn clean_title(text: &str) -> String {
    drop_stray_spaces(text.trim()).0
}

/// In “…关于印发X的通知”, X.
fn issued_title(title: &str) -> Option<&str> {
    let verb = ["印发", "转发"]
        .iter()
        .filter_map(|v| title.find(v).map(|at| at + v.len()))
        .min()?;
    let rest = &title[verb..];
    let end = rest.rfind('的').unwrap_or(rest.len());
    let issued = rest[..end].trim_matches(['《', '》']);
    (!issued.is_empty()).then_some(issued)
}

/// The issuers named before 关于 / 转发 / 印发 / 对 in a title.
pub(crate) fn issuers_in_title(title: &str) -> Option<Vec<String>> {
    let at = ["关于", "转发", "印发", "对"]
        .iter()
        .filter_map(|w| title.find(w))
        .filter(|&at| at > 0)
        .min()?;
    let names: Vec<String> = title[..at]
        .split(['、', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .flat_map(issuers::split_bodies)
        .collect();
    let named = |n: &String| {
        n.chars().count() <= 30 && !n.contains(['《', '：', ':', '“']) && !n.contains("关于")
    };
    (!names.is_empty() && names.iter().all(named)).then_some(names)
}

/// “2019年6月19日，市政府决定，任命：” → 市政府.
fn decider(text: &str) -> Option<String> {
    let (_, used) = date_prefix(text)?;
    let rest = text[used..].trim_start_matches(['，', ',']);
    let end = rest.find("决定")?;
    let who = rest[..end].trim();
    (!who.is_empty() && who.chars().count() <= 20).then(|| who.to_owned())
}

/// The kind of a document from the end of its title.
pub(crate) fn doc_type_of(title: &str) -> Option<&'static str> {
    const TYPES: &[(&str, &str)] = &[
        ("复函", "函"),
        ("的函", "函"),
        ("意见", "意见"),
        ("通知", "通知"),
        ("通报", "通报"),
        ("批复", "批复"),
        ("答复", "答复"),
        ("决定", "决定"),
        ("决议", "决议"),
        ("命令", "令"),
        ("禁火令", "令"),
        ("统计公报", "公报"),
        ("公告", "公告"),
        ("通告", "通告"),
        ("报告", "报告"),
        ("请示", "请示"),
        ("纪要", "纪要"),
        ("方案", "方案"),
        ("办法", "办法"),
        ("规定", "规定"),
        ("条例", "条例"),
        ("细则", "细则"),
        ("规则", "规则"),
        ("名单", "名单"),
        ("要点", "要点"),
        ("规划", "规划"),
        ("预案", "预案"),
    ];
    let core = title.trim_end_matches(|c: char| c == '》' || c.is_whitespace());
    let core = match core
        .strip_suffix(['）', ')'])
        .and_then(|c| c.rfind(['（', '(']).map(|at| &c[..at]))
    {
        Some(without) if !without.is_empty() => without,
        _ => core,
    };
    TYPES
        .iter()
        .find(|(ending, _)| core.ends_with(ending))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_issuers_from_titles() {
        assert_eq!(
            issuers_in_title("青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知"),
            Some(vec!["青岛市人民政府办公厅".to_owned()])
        );
        assert_eq!(
            issuers_in_title("财政部、税务总局关于实施小微企业普惠性税收减免政策的通知"),
            Some(vec!["财政部".to_owned(), "税务总局".to_owned()])
        );
        assert_eq!(
            issuers_in_title("国务院办公厅对全国政协十届四次会议第4626号提案的答复"),
            Some(vec!["国务院办公厅".to_owned()])
        );
        assert_eq!(issuers_in_title("近期市政府任免的工作人员名单"), None);
    }

    #[test]
    fn reads_the_issued_title() {
        assert_eq!(
            issued_title("青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知"),
            Some("青岛市降低社会保险费率实施方案")
        );
        assert_eq!(
            issued_title("国务院关于印发《国务院工作规则》的通知"),
            Some("国务院工作规则")
        );
        assert_eq!(issued_title("国务院关于推行监管的意见"), None);
    }

    #[test]
    fn reads_document_types() {
        assert_eq!(
            doc_type_of("青岛市人民政府关于支持“蓝色药库”开发计划的实施意见"),
            Some("意见")
        );
        assert_eq!(
            doc_type_of("国务院办公厅关于科技节水建议的复函"),
            Some("函")
        );
        assert_eq!(
            doc_type_of("企业安全生产风险隐患排查整治指导目录（以化工企业为例）"),
            None
        );
        assert_eq!(
            doc_type_of("青岛市重大行政决策程序规定（试行）"),
            Some("规定")
        );
    }

    #[test]
    fn reads_the_deciding_body() {
        assert_eq!(
            decider("2019年6月19日，市政府决定，任命："),
            Some("市政府".to_owned())
        );
        assert_eq!(decider("市政府决定，任命："), None);
    }

    #[test]
    fn a_standard_gives_its_number_date_issuers_and_clauses() {
        let text = "GB/T 1.1—2020\n代替 GB/T 1.1—2009\n标准化工作导则\n\
                    2020-03-31 发布        2020-10-01 实施\n\
                    国家市场监督管理总局    发布\n目 次\n1 范围\n2 术语\n\
                    1 范围\n本文件确立了标准的结构。\n2 术语\n2.1 文件\n";
        let issue = crate::parse_text(text);
        let doc = &issue.documents[0];
        assert_eq!(doc.title, "标准化工作导则");
        assert_eq!(doc.doc_number.as_deref(), Some("GB/T 1.1—2020"));
        assert_eq!(doc.date, NaiveDate::from_ymd_opt(2020, 3, 31));
        assert_eq!(doc.issuer, ["国家市场监督管理总局"]);
        assert_eq!(doc.doc_type.as_deref(), Some("标准"));
        let tree: Vec<(&str, usize)> = doc
            .sections
            .iter()
            .map(|s| (s.title.as_str(), s.children.len()))
            .collect();
        assert_eq!(
            tree,
            [("范围", 0), ("术语", 1)],
            "the 目次 gives no sections"
        );
    }

    #[test]
    fn splits_recipients_on_commas_only() {
        assert_eq!(
            split_recipients("各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位："),
            [
                "各区、市人民政府",
                "青岛西海岸新区管委",
                "市政府各部门",
                "市直各单位"
            ]
        );
    }
}
