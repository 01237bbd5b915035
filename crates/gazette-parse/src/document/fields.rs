//! The document's fields read from its roles: date, signers, urgency,
//! issuers (from the title, the signature, the 版头 or the order's name),
//! kind, and the 发文字号 with its province corrected.
//!
//! Not for: finding the roles (`roles`).

use super::*;

impl Builder<'_> {
    // ---- metadata ----------------------------------------------------

    /// The header's date, else the signature's, else that of a 印发 line.
    pub(super) fn date(&self) -> Option<NaiveDate> {
        if let Some((_, date)) = self.header.date {
            return Some(date);
        }
        self.paras
            .iter()
            .zip(&self.roles)
            .find_map(|(para, role)| match (&role.kind, &para.kind) {
                (BlockKind::DateLine, LineKind::Date(date)) => Some(*date),
                _ => None,
            })
            .or_else(|| self.paras.iter().find_map(|p| issuers::issued_on(&p.text)))
            .or_else(|| self.signed_line().map(|(_, date)| date))
    }

    /// A signature and date printed on one line near the end.
    pub(super) fn signed_line(&self) -> Option<(&str, NaiveDate)> {
        self.paras
            .iter()
            .rev()
            .take(6)
            .find_map(|p| issuers::signed_line(&p.text))
    }

    /// The paragraphs of the header other than the title, and the one
    /// after it (签发人 may be printed under the number).
    pub(super) fn header_fields(&self) -> impl Iterator<Item = &Para> {
        let end = (self.header.last() + 2).min(self.paras.len());
        (self.header.start..end)
            .filter(|&i| i != self.header.title)
            .map(|i| &self.paras[i])
    }

    pub(super) fn urgency(&self) -> Option<String> {
        self.header_fields().find_map(|p| issuers::urgency(&p.text))
    }

    pub(super) fn signers(&self) -> Vec<String> {
        self.header_fields()
            .find_map(|p| issuers::signers(&p.text))
            .unwrap_or_default()
    }

    /// The 版头 above the number or title, when it names bodies.
    pub(super) fn masthead_issuers(&self) -> Vec<String> {
        (self.header.start..self.header.title)
            .map(|i| &self.paras[i])
            .map(|p| issuers::masthead_bodies(&p.text))
            .find(|text| issuers::is_body_names(text))
            .map(issuers::split_bodies)
            .unwrap_or_default()
    }

    pub(super) fn issuer(&self) -> Vec<String> {
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
            .roles
            .iter()
            .position(|role| role.kind == BlockKind::Signature)
            .map(|first| {
                self.paras[first..]
                    .iter()
                    .zip(&self.roles[first..])
                    .take_while(|(_, role)| role.kind == BlockKind::Signature)
                    .map(|(para, _)| {
                        issuers::parenthesised_names(&para.text)
                            .or_else(|| issuers::body_of_head(&para.text))
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
            // A division that signs for the body the title names
            // (省政府办公厅信息舆情室 under 山东省人民政府办公厅…): it issued
            // the document, as its signature says.
            (Some(titled), None)
                if titled.len() == 1
                    && signature_lines.len() == 1
                    && issuers::division_of(&signature_lines[0], &titled[0]).is_some() =>
            {
                return signature_lines
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
    pub(super) fn doc_type(&self, title: &str) -> (Option<String>, Option<Inference>) {
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

    /// Records the repair when the number of paragraph `i` was read with a
    /// stray character left out (鲁汛旱办明电[2020]的43号).
    pub(super) fn drop_number_stray(&mut self, i: usize) {
        let para = &self.paras[i];
        if DocNumber::parse_with_stray(&para.text).is_some() {
            self.repairs.push(Repair {
                kind: RepairKind::DropNumberStray,
                span: para_span(para),
                line: para.line,
                original: excerpt(&para.text, 30).to_owned(),
            });
        }
    }

    /// The number of paragraph `i`, its first character corrected when it
    /// should name the issuer's province and names none (OCR read 鄂 as
    /// 哪); the correction is a repair, the printed block stays as read.
    pub(super) fn correct_province(
        &mut self,
        i: usize,
        number: &DocNumber,
        issuer: &[String],
    ) -> DocNumber {
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
}
