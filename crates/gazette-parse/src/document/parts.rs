//! What a document is built of beyond its paragraphs' roles: the heading
//! tree, the tables, the citations and the appointments.
//!
//! Not for: the roles themselves (`roles`) or the header fields (`fields`).

use super::*;

impl Builder<'_> {
    // ---- sections ----------------------------------------------------

    pub(super) fn build_sections(&mut self) {
        let mut stack: Vec<(MarkerKind, Vec<usize>)> = Vec::new();
        let mut part: Option<Option<u32>> = None;
        for i in 0..self.paras.len() {
            let this_part = self.roles[i].part;
            if part != Some(this_part) || self.roles[i].kind == BlockKind::PartTitle {
                stack.clear();
                part = Some(this_part);
            }
            if self.roles[i].kind == BlockKind::Heading {
                if let LineKind::Heading(marker) = self.paras[i].kind {
                    while stack.last().is_some_and(|(kind, _)| *kind >= marker.kind) {
                        stack.pop();
                    }
                    let parent = stack.last().map(|(_, path)| path.clone());
                    let path = self.insert_section(this_part, parent.as_deref(), i, marker.len);
                    stack.push((marker.kind, path));
                }
            }
            self.roles[i].section = stack.last().map(|(_, path)| section_id(this_part, path));
        }
    }

    /// Adds a section under the section at `parent` (or at the top) and
    /// returns its path of 0-based positions.
    pub(super) fn insert_section(
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

    pub(super) fn build_tables(&mut self) {
        let mut i = 0;
        while i < self.paras.len() {
            if !is_row(self.roles[i].kind) {
                i += 1;
                continue;
            }
            let start = i;
            while i < self.paras.len()
                && is_row(self.roles[i].kind)
                && self.roles[i].part == self.roles[start].part
            {
                i += 1;
            }
            self.add_table(start, i);
        }
    }

    pub(super) fn add_table(&mut self, start: usize, end: usize) {
        let rows: Vec<RawRow<'_>> = (start..end)
            .map(|k| {
                let para = &self.paras[k];
                RawRow {
                    text: &para.text,
                    span: para_span(para),
                    line: para.line,
                    block: k,
                    tail: self.roles[k].kind == BlockKind::TableTail,
                }
            })
            .collect();
        let caption = start
            .checked_sub(1)
            .filter(|&k| {
                self.roles[k].kind == BlockKind::PartTitle || looks_like_title(&self.paras[k].text)
            })
            .map(|k| clean_title(&self.paras[k].text));
        let mut notes = TableNotes::default();
        let id = format!("t{}", self.tables.len() + 1);
        let table = build_table(id, caption, self.roles[start].part, &rows, &mut notes);
        self.tables.push(table);
        self.warnings.extend(notes.warnings);
        self.repairs.extend(notes.repairs);
    }

    // ---- citations ---------------------------------------------------

    pub(super) fn find_citations(&mut self) {
        let own: Vec<String> = [Some(&self.title), self.promulgated_title.as_ref()]
            .into_iter()
            .flatten()
            .chain(self.attachments.iter().map(|a| &a.title))
            .map(|t| normalise(t))
            .collect();
        for (i, para) in self.paras.iter().enumerate() {
            if !matches!(
                self.roles[i].kind,
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

    pub(super) fn find_appointments(&mut self) {
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

    pub(super) fn push_records(
        &mut self,
        para: &Para,
        records: Vec<Record>,
        date: Option<NaiveDate>,
    ) {
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
}
