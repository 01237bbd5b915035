//! The role of each paragraph of a document: its header (title, 发文字号,
//! date, 主送), the body's blocks, the attachment list and the attachments
//! it opens, the signature.
//!
//! Not for: the fields read from those roles (`fields`) or the sections,
//! tables and records built over them (`parts`).

use super::*;

impl Builder<'_> {
    // ---- roles -------------------------------------------------------

    pub(super) fn assign_roles(&mut self) {
        let body_start = self.assign_header();
        let candidates = self.promulgation_candidates(body_start);
        let mut expecting_title = false;
        let mut in_list = false;
        let mut current: Option<u32> = None;
        // The last paragraph of an attachment's title cut before its end.
        let mut title_until: Option<usize> = None;
        for i in body_start..self.paras.len() {
            let para = &self.paras[i];
            self.roles[i].part = current;
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
                // A blank line before the next item of the list parts it
                // from the list unless the item is a title only (Markdown
                // puts a blank line after every line).
                LineKind::Heading(m)
                    if in_list
                        && self.continues_list(
                            m.kind,
                            m.number,
                            para.gap_before && !is_part_title(para),
                        ) =>
                {
                    self.listed
                        .push((m.number.unwrap_or(0), para.text[m.len..].trim().to_owned()));
                    BlockKind::AttachmentList
                }
                LineKind::AttachmentLabel(number) => {
                    let number = number.unwrap_or_else(|| self.next_attachment_number());
                    current = Some(number);
                    self.roles[i].part = current;
                    self.open_attachment(number, true, i);
                    expecting_title = true;
                    BlockKind::AttachmentLabel
                }
                _ if title_until.is_some_and(|end| i <= end) => BlockKind::PartTitle,
                LineKind::Text if expecting_title && titled => {
                    title_until = Some(self.title_attachment(i));
                    BlockKind::PartTitle
                }
                LineKind::Text if unlabelled.is_some() => {
                    let number = unlabelled.unwrap_or_default();
                    current = Some(number);
                    self.roles[i].part = current;
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
                    if is_closing_remark(para, i.checked_sub(1).map(|j| self.roles[j].kind)) =>
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
            self.roles[i].kind = kind;
        }
        if let Some(i) = self.cover_issuers() {
            self.roles[i].kind = BlockKind::Signature;
        }
        if let Some(i) = self.parenthesised_signature(body_start) {
            self.roles[i].kind = BlockKind::Signature;
        }
        self.unmark_contents_entries();
        self.check_attachments();
    }

    /// The title without a footnote marker printed after it (…公报[1]),
    /// the marker's removal recorded as a repair.
    pub(super) fn without_footnote_marker(&mut self, title: String) -> String {
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
    pub(super) fn parenthesised_signature(&self, body_start: usize) -> Option<usize> {
        let last = self
            .paras
            .len()
            .checked_sub(1)
            .filter(|&i| i > body_start)?;
        let para = &self.paras[last];
        (self.roles[last].kind == BlockKind::Paragraph
            && para.kind == LineKind::Text
            && issuers::parenthesised_names(&para.text).is_some()
            && ends_sentence(&self.paras[last - 1].text))
        .then_some(last)
    }

    /// The paragraph of a standard's cover that names the issuing bodies,
    /// one to a line, over 发布: the first after the 发布 date that ends so.
    pub(super) fn cover_issuers(&self) -> Option<usize> {
        if self.header.form != HeaderForm::Standard {
            return None;
        }
        (self.header.last() + 1..self.paras.len())
            .take(2)
            .find(|&i| compact(&self.paras[i].text).ends_with("发布"))
    }

    /// A clause heading printed again further on (5.1 幅面尺寸) is an entry
    /// of the table of contents (目次), not a section.
    pub(super) fn unmark_contents_entries(&mut self) {
        let mut last_seen = HashMap::new();
        let clauses: Vec<usize> = (0..self.paras.len())
            .filter(|&i| self.roles[i].kind == BlockKind::Heading && is_clause(&self.paras[i]))
            .collect();
        for &i in &clauses {
            last_seen.insert(compact(&self.paras[i].text), i);
        }
        for i in clauses {
            if last_seen.get(&compact(&self.paras[i].text)) != Some(&i) {
                self.roles[i].kind = BlockKind::Paragraph;
            }
        }
    }

    /// Marks the header blocks and the recipients; returns where the body starts.
    pub(super) fn assign_header(&mut self) -> usize {
        let header = self.header;
        self.roles[header.title].kind = BlockKind::Title;
        let mut printed = self.paras[header.title].text.clone();
        if let Some(i) = header.subtitle {
            self.roles[i].kind = BlockKind::Title;
            printed.push_str(&self.paras[i].text);
        }
        if let Some(LineKind::AttachmentLabel(_)) = self.paras.get(header.start).map(|p| &p.kind) {
            self.roles[header.start].kind = BlockKind::AttachmentLabel;
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
            self.roles[header.title].kind = BlockKind::Paragraph;
            self.title = String::new();
            let body_start = match header.number {
                Some((i, _)) => {
                    self.roles[i].kind = BlockKind::DocNumber;
                    i + 1
                }
                None => header.start,
            };
            return match self.unheaded_recipients(body_start) {
                Some(at) => {
                    self.recipients = split_recipients(&self.paras[at].text);
                    self.roles[at].kind = BlockKind::Recipients;
                    at + 1
                }
                None => body_start,
            };
        }
        if let Some((i, _)) = header.date.filter(|_| header.form != HeaderForm::Personnel) {
            self.roles[i].kind = BlockKind::DateLine;
        }
        if let Some((i, _)) = header.number {
            self.roles[i].kind = BlockKind::DocNumber;
        }
        if let Some(i) = header.partial_date {
            self.roles[i].kind = BlockKind::DateLine;
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
            self.roles[body_start].kind = BlockKind::Recipients;
            body_start += 1;
        }
        body_start
    }

    /// The 主送 line of a document without a title: its first paragraph,
    /// or one of the next few (after a page's lead) that names bodies only.
    pub(super) fn unheaded_recipients(&self, body_start: usize) -> Option<usize> {
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
    pub(super) fn promulgation_candidates(&self, body_start: usize) -> Vec<String> {
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

    pub(super) fn continues_list(
        &self,
        kind: MarkerKind,
        number: Option<u32>,
        gap_before: bool,
    ) -> bool {
        let last = self.listed.last().map_or(0, |(n, _)| *n);
        kind == MarkerKind::Arabic && !gap_before && number == Some(last + 1)
    }

    /// Reads “附件：1. 甲” or “附件：甲” into the list of attachments.
    pub(super) fn read_attachment_list(&mut self, text: &str) {
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
    /// Returns the last paragraph of the title (see `listed_title`).
    pub(super) fn title_attachment(&mut self, block: usize) -> usize {
        let para = &self.paras[block];
        let Some(listed) = self.attachments.last().map(|a| a.title.clone()) else {
            return 0;
        };
        let (printed, last) = self.fitted_title(block, &listed);
        let Some(open) = self.attachments.last_mut() else {
            return 0;
        };
        open.title.clone_from(&printed);
        let number = open.number;
        if !listed.is_empty() && normalise(&listed) != normalise(&printed) {
            self.warn(
                "attachment_title_differs",
                para.line,
                format!("attachment {number} is listed as “{listed}” but printed as “{printed}”"),
            );
        }
        last
    }

    pub(super) fn next_attachment_number(&self) -> u32 {
        self.attachments.last().map_or(1, |a| a.number + 1)
    }

    pub(super) fn open_attachment(&mut self, number: u32, labelled: bool, block: usize) {
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
    pub(super) fn unlabelled_attachment(&self, text: &str, current: Option<u32>) -> Option<u32> {
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
    pub(super) fn check_attachments(&mut self) {
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
                !self.roles.iter().any(|role| {
                    role.part == Some(number)
                        && !matches!(role.kind, BlockKind::AttachmentLabel | BlockKind::PartTitle)
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
    pub(super) fn mark_signature_before(&mut self, i: usize, body_start: usize) {
        let mut first = true;
        for j in (body_start..i).rev() {
            let para = &self.paras[j];
            let signs = self.roles[j].kind == BlockKind::Paragraph
                && is_short_plain(&para.text)
                && !ends_sentence(&para.text)
                && (first
                    || issuers::is_body_names(
                        &para.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    ));
            if !signs {
                return;
            }
            self.roles[j].kind = BlockKind::Signature;
            first = false;
        }
    }
}
