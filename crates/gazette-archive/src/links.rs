//! The linked archive: the facts `gazette-link` reads in every document,
//! kept in the fact index ([`gazette_store::facts`]) and asked across the
//! archive — what a document cites and what cites it, the tasks of a unit,
//! a person's appointments, the deadlines of a calendar, the value of a
//! provision on a day.
//!
//! Facts are extracted here, when a document is stored (from the parse) or
//! when the fact index catches up with the store; this module renders
//! nothing: the server and the CLI show what it returns.

use chrono::{NaiveDate, Utc};
use gazette_link::citations::{self, Reference};
use gazette_link::deadlines::{self, Deadline};
use gazette_link::personnel::{self, PersonHistory, Roster};
use gazette_link::provisions::{self, Provision};
use gazette_link::units::{self, UnitMention};
use gazette_model::{Appointment, Document, Status};
use gazette_search::IndexDoc;
use gazette_store::facts::{DocumentFacts, Fact, FactKind, FactRow, FactSource, KeyCount};
use serde::Serialize;

use crate::{ArchiveReader, Result};

mod graph;

pub use graph::{Graph, GraphEdge, GraphLimits, GraphNode};

/// The facts of one document, ready for the fact index.
pub(crate) fn document_facts(id: &str, slug: &str, doc: &Document) -> DocumentFacts {
    let mut facts = Vec::new();
    let mut push = |kind: FactKind, key: String, data: String| {
        facts.push(Fact { kind, key, data });
    };
    for title in std::iter::once(&doc.title).chain(&doc.promulgated_title) {
        push(FactKind::Title, citations::title_key(title), String::new());
        push(
            FactKind::LooseTitle,
            citations::loose_title_key(title),
            String::new(),
        );
    }
    for reference in citations::references(doc) {
        let data = json(&reference);
        if let Some(number) = &reference.doc_number {
            push(FactKind::CitesNumber, number.clone(), data.clone());
        }
        if let Some(title) = &reference.title {
            push(
                FactKind::CitesTitle,
                citations::title_key(title),
                data.clone(),
            );
            push(
                FactKind::CitesLooseTitle,
                citations::loose_title_key(title),
                data.clone(),
            );
        }
        push(FactKind::Reference, String::new(), data);
    }
    for mention in units::responsibilities(doc).units {
        push(FactKind::Unit, mention.unit.clone(), json(&mention));
    }
    for appointment in &doc.appointments {
        push(
            FactKind::Person,
            appointment.person.clone(),
            json(appointment),
        );
    }
    for deadline in deadlines::extract(doc) {
        let key = deadline.unit.clone().unwrap_or_default();
        push(FactKind::Deadline, key, json(&deadline));
    }
    for provision in provisions::extract(doc) {
        let key = provisions::normalize_subject(&provision.subject);
        push(FactKind::Provision, key, json(&provision));
    }
    for roster in personnel::rosters(doc) {
        push(FactKind::Roster, String::new(), json(&roster));
    }
    facts.extend(crate::validity::document_facts(doc));
    facts.extend(crate::interpretation::document_facts(doc));
    DocumentFacts {
        source: FactSource {
            id: id.to_owned(),
            slug: slug.to_owned(),
            title: doc.title.clone(),
            doc_number: doc.doc_number.clone(),
            date: doc.date.map(|d| d.to_string()),
        },
        facts,
    }
}

/// The search index's entry of a document: its 责任单位 are the ones
/// [`units::responsibilities`] reads, the facts the unit pages list, so
/// that `unit:` finds a document where the unit's page lists it.
pub(crate) fn index_entry(id: &str, slug: &str, doc: &Document, status: Status) -> IndexDoc {
    let mentions = units::responsibilities(doc).units;
    let names = mentions
        .iter()
        .map(|m| (m.unit.as_str(), m.published.as_str()));
    gazette_search::index_doc(id, slug, doc, status, names)
}

/// No facts: what a document that is gone leaves in the fact index.
pub(crate) fn no_facts(id: &str) -> DocumentFacts {
    DocumentFacts {
        source: FactSource {
            id: id.to_owned(),
            slug: String::new(),
            title: String::new(),
            doc_number: None,
            date: None,
        },
        facts: Vec::new(),
    }
}

/// Facts are our own types serialized: that cannot fail, and an empty
/// payload would only make the fact unreadable later, not lose the document.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads the payloads of `rows`, skipping any that do not parse (a fact
/// index written by another version is rebuilt, so this is only a guard).
fn payloads<T: serde::de::DeserializeOwned>(rows: Vec<FactRow>) -> Vec<(FactSource, T)> {
    rows.into_iter()
        .filter_map(|row| Some((row.source, serde_json::from_str(&row.data).ok()?)))
        .collect()
}

/// A citation, with the archive's document it cites when there is one.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedReference {
    /// The citation as the citing document prints it.
    #[serde(flatten)]
    pub reference: Reference,
    /// The cited document, when the archive holds it.
    pub target: Option<FactSource>,
    /// How it was found: `number`, `title` or `loose_title`.
    pub resolved_by: Option<&'static str>,
}

/// A document citing another.
#[derive(Debug, Clone, Serialize)]
pub struct Citing {
    /// The citing document.
    pub source: FactSource,
    /// The citation as it prints it.
    pub reference: Reference,
}

/// What one document links to, and what links to it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentLinks {
    /// The document.
    pub document: FactSource,
    /// The documents it cites, resolved where the archive holds them.
    pub references: Vec<ResolvedReference>,
    /// The documents that cite it.
    pub cited_by: Vec<Citing>,
    /// The units it names as responsible for tasks.
    pub units: Vec<UnitMention>,
    /// Its deadlines and periods.
    pub deadlines: Vec<Deadline>,
    /// Its quantitative provisions.
    pub provisions: Vec<Provision>,
    /// Its appointments and removals.
    pub appointments: Vec<Appointment>,
    /// Its command rosters.
    pub rosters: Vec<Roster>,
}

/// One task of a unit, with its document.
#[derive(Debug, Clone, Serialize)]
pub struct UnitTask {
    /// The document that names the unit.
    pub source: FactSource,
    /// The task and the unit's role in it.
    pub mention: UnitMention,
}

/// What the archive says about a unit (one page of it).
#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    /// The unit's normal name.
    pub unit: String,
    /// How many tasks name it over all pages.
    pub total: usize,
    /// How many come before this page.
    pub offset: usize,
    /// The tasks of this page, newest document first.
    pub tasks: Vec<UnitTask>,
}

/// A deadline with its document.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarEntry {
    /// The document that sets it.
    pub source: FactSource,
    /// The deadline.
    pub deadline: Deadline,
}

/// One page of a calendar.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarPage {
    /// How many deadlines the calendar holds over all its pages.
    pub total: usize,
    /// The deadlines of this page.
    pub entries: Vec<CalendarEntry>,
}

/// Which deadlines a calendar holds, and which page of them.
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    /// Only those of this document (id, slug or 发文字号).
    pub document: Option<String>,
    /// Only those due to this unit (as printed).
    pub unit: Option<String>,
    /// Deadlines to skip.
    pub offset: usize,
    /// At most this many; all when `None`.
    pub limit: Option<usize>,
}

/// A provision with its document.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionEntry {
    /// The document that sets it.
    pub source: FactSource,
    /// The provision.
    pub provision: Provision,
}

/// The answer to “what was the value of this subject on that day”.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AsOfAnswer {
    /// These provisions were in force.
    InForce {
        /// The day asked about.
        day: NaiveDate,
        /// The provisions in force.
        provisions: Vec<ProvisionEntry>,
    },
    /// None was in force: this one's period had ended.
    Ended {
        /// The day asked about.
        day: NaiveDate,
        /// The provision whose period ended last before the day.
        provision: ProvisionEntry,
    },
    /// None was in force yet: this one starts later.
    NotYet {
        /// The day asked about.
        day: NaiveDate,
        /// The first provision to start after the day.
        provision: ProvisionEntry,
    },
    /// No provision names the subject.
    Unknown {
        /// The day asked about.
        day: NaiveDate,
    },
}

/// Provisions of a subject, and its value on a day when asked.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionReport {
    /// The subject asked for, in normal form; `None` for a document's list.
    pub subject: Option<String>,
    /// Every matching provision, newest document first.
    pub provisions: Vec<ProvisionEntry>,
    /// The value on the day asked about.
    pub as_of: Option<AsOfAnswer>,
}

impl ArchiveReader {
    /// Everything a document links to and is linked from;
    /// [`ArchiveError::UnknownDocument`](crate::ArchiveError::UnknownDocument)
    /// when no document has this id, slug or number.
    pub fn links(&self, key: &str) -> Result<DocumentLinks> {
        let view = self.document(key)?;
        self.links_of(&view.record)
    }

    /// [`links`](Self::links), `None` when no document has this key.
    pub(crate) fn find_links(&self, key: &str) -> Result<Option<DocumentLinks>> {
        match self.find_document(key)? {
            Some(view) => self.links_of(&view.record).map(Some),
            None => Ok(None),
        }
    }

    /// [`links`](Self::links) of a document already read.
    pub fn links_of(&self, record: &gazette_store::DocumentRecord) -> Result<DocumentLinks> {
        let references = self
            .facts
            .of_document(&record.id, FactKind::Reference)
            .map(payloads::<Reference>)?
            .into_iter()
            .map(|(_, reference)| self.resolve(reference))
            .collect::<Result<_>>()?;
        let of = |kind| self.facts.of_document(&record.id, kind);
        Ok(DocumentLinks {
            references,
            cited_by: self.cited_by(&record.document)?,
            units: strip(payloads(of(FactKind::Unit)?)),
            deadlines: strip(payloads(of(FactKind::Deadline)?)),
            provisions: strip(payloads(of(FactKind::Provision)?)),
            appointments: record.document.appointments.clone(),
            rosters: strip(payloads(of(FactKind::Roster)?)),
            document: source_of(record),
        })
    }

    /// The archive's document a citation names, by number first, then by
    /// exact title, then by loose title when only one document has it.
    pub(crate) fn resolve(&self, reference: Reference) -> Result<ResolvedReference> {
        let found = |target: Option<FactSource>, by: &'static str| ResolvedReference {
            target,
            resolved_by: Some(by),
            reference: reference.clone(),
        };
        if let Some(number) = &reference.doc_number {
            if let Some(record) = self.store.find_by_number(number)?.into_iter().next() {
                return Ok(found(Some(source_of(&record)), "number"));
            }
        }
        if let Some(title) = &reference.title {
            let exact = self
                .facts
                .by_key(FactKind::Title, &citations::title_key(title))?;
            if let Some(row) = exact.into_iter().next() {
                return Ok(found(Some(row.source), "title"));
            }
            let loose = self
                .facts
                .by_key(FactKind::LooseTitle, &citations::loose_title_key(title))?;
            if let [row] = loose.as_slice() {
                return Ok(found(Some(row.source.clone()), "loose_title"));
            }
        }
        Ok(ResolvedReference {
            reference,
            target: None,
            resolved_by: None,
        })
    }

    /// The documents that cite `doc`, by its number or its title.
    fn cited_by(&self, doc: &Document) -> Result<Vec<Citing>> {
        let mut rows = Vec::new();
        if let Some(number) = &doc.doc_number {
            rows.extend(self.facts.by_key(FactKind::CitesNumber, number)?);
        }
        for title in std::iter::once(&doc.title).chain(&doc.promulgated_title) {
            let key = citations::title_key(title);
            rows.extend(self.facts.by_key(FactKind::CitesTitle, &key)?);
        }
        let mut seen = std::collections::HashSet::new();
        Ok(payloads::<Reference>(rows)
            .into_iter()
            .filter(|(source, reference)| seen.insert((source.id.clone(), reference.span)))
            .map(|(source, reference)| Citing { source, reference })
            .collect())
    }

    /// Every unit named as responsible, most tasks first.
    pub fn units(&self) -> Result<Vec<KeyCount>> {
        Ok(self.facts.keys(FactKind::Unit)?)
    }

    /// The tasks of a unit, by its normal name or a printed short form
    /// (市财政局); `None` when no task names it.
    pub fn unit(&self, name: &str) -> Result<Option<UnitReport>> {
        self.unit_page(name, 0, usize::MAX)
    }

    /// [`unit`](Self::unit), at most `limit` tasks after the first `offset`.
    pub fn unit_page(&self, name: &str, offset: usize, limit: usize) -> Result<Option<UnitReport>> {
        let Some(unit) = self.unit_key(name)? else {
            return Ok(None);
        };
        let rows = self
            .facts
            .by_key_page(FactKind::Unit, &unit, offset, limit)?;
        let tasks = payloads::<UnitMention>(rows)
            .into_iter()
            .map(|(source, mention)| UnitTask { source, mention })
            .collect();
        Ok(Some(UnitReport {
            total: self.facts.count_key(FactKind::Unit, &unit)?,
            offset,
            unit,
            tasks,
        }))
    }

    /// The normal name a user's name stands for: itself when known, else
    /// the one known unit whose short form it is.
    fn unit_key(&self, name: &str) -> Result<Option<String>> {
        let name = name.trim();
        let known =
            |key: &str| -> Result<bool> { Ok(self.facts.count_key(FactKind::Unit, key)? > 0) };
        if known(name)? {
            return Ok(Some(name.to_owned()));
        }
        if let Some(unit) = units::normalise_unit(name, None) {
            if known(&unit.name)? {
                return Ok(Some(unit.name));
            }
        }
        let Some(rest) = name.strip_prefix('市') else {
            return Ok(None);
        };
        let suffix = format!("市{rest}");
        Ok(
            match self
                .facts
                .keys_ending_with(FactKind::Unit, &suffix)?
                .as_slice()
            {
                [only] => Some(only.clone()),
                _ => None,
            },
        )
    }

    /// Every person appointed or removed, most records first.
    pub fn people(&self) -> Result<Vec<KeyCount>> {
        Ok(self.facts.keys(FactKind::Person)?)
    }

    /// The histories of the people of this name (more than one when the
    /// same name serves in unrelated units: homonyms are not merged).
    pub fn person(&self, name: &str) -> Result<Vec<PersonHistory>> {
        let rows = self.facts.by_key(FactKind::Person, name.trim())?;
        let mut ids: Vec<String> = rows.into_iter().map(|row| row.source.id).collect();
        ids.dedup();
        let mut documents = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(record) = self.store.document(id)? {
                documents.push((record.slug, record.document));
            }
        }
        let pairs = documents.iter().map(|(slug, doc)| (slug.as_str(), doc));
        Ok(personnel::register(pairs)
            .into_iter()
            .filter(|history| history.name == name.trim())
            .collect())
    }

    /// The deadlines of the archive, of one document or of one unit, by
    /// document date (newest first), the page the filter asks for.
    pub fn calendar(&self, filter: &CalendarFilter) -> Result<Vec<CalendarEntry>> {
        Ok(self.calendar_page(filter)?.entries)
    }

    /// [`calendar`](Self::calendar) with how many deadlines the filter's
    /// calendar holds over all its pages, read at once.
    pub fn calendar_page(&self, filter: &CalendarFilter) -> Result<CalendarPage> {
        let limit = filter.limit.unwrap_or(usize::MAX);
        let (rows, total) = match (&filter.document, &filter.unit) {
            (Some(key), _) => match self.find_document(key)? {
                Some(view) => (
                    self.facts
                        .of_document(&view.record.id, FactKind::Deadline)?,
                    None,
                ),
                None => (Vec::new(), None),
            },
            (None, Some(unit)) => (self.facts.by_key(FactKind::Deadline, unit.trim())?, None),
            // The whole archive's calendar is paged by the query itself.
            (None, None) => {
                let page = self.facts.all(FactKind::Deadline, filter.offset, limit)?;
                (page, Some(self.facts.count(FactKind::Deadline)?))
            }
        };
        let skip = if total.is_some() { 0 } else { filter.offset };
        let matching: Vec<CalendarEntry> = payloads::<Deadline>(rows)
            .into_iter()
            .filter(|(_, d)| {
                filter
                    .unit
                    .as_deref()
                    .is_none_or(|unit| d.unit.as_deref() == Some(unit.trim()))
            })
            .map(|(source, deadline)| CalendarEntry { source, deadline })
            .collect();
        let total = total.unwrap_or(matching.len());
        let entries = matching.into_iter().skip(skip).take(limit).collect();
        Ok(CalendarPage { total, entries })
    }

    /// The iCalendar file of a calendar; `url` makes each event's link
    /// from a document's slug.
    pub fn calendar_ics(
        &self,
        filter: &CalendarFilter,
        name: &str,
        url: impl Fn(&FactSource) -> Option<String>,
    ) -> Result<String> {
        let entries = self.calendar(filter)?;
        let refs: Vec<gazette_link::ics::DocumentRef> = entries
            .iter()
            .map(|entry| gazette_link::ics::DocumentRef {
                key: entry.source.id.clone(),
                title: entry.source.title.clone(),
                doc_number: entry.source.doc_number.clone(),
                url: url(&entry.source),
            })
            .collect();
        let events: Vec<gazette_link::ics::Entry<'_>> = entries
            .iter()
            .zip(&refs)
            .map(|(entry, document)| gazette_link::ics::Entry {
                document,
                deadline: &entry.deadline,
            })
            .collect();
        Ok(gazette_link::ics::calendar(
            name,
            Utc::now().naive_utc(),
            &events,
        ))
    }

    /// Every provision subject, most provisions first.
    pub fn provision_subjects(&self) -> Result<Vec<KeyCount>> {
        Ok(self.facts.keys(FactKind::Provision)?)
    }

    /// The provisions of a subject (and its value on `as_of`, when given).
    pub fn provisions(&self, subject: &str, as_of: Option<NaiveDate>) -> Result<ProvisionReport> {
        let key = provisions::normalize_subject(subject);
        let entries: Vec<ProvisionEntry> =
            payloads::<Provision>(self.facts.by_key(FactKind::Provision, &key)?)
                .into_iter()
                .map(|(source, provision)| ProvisionEntry { source, provision })
                .collect();
        let as_of = as_of.map(|day| answer(&entries, subject, day));
        Ok(ProvisionReport {
            subject: Some(key),
            provisions: entries,
            as_of,
        })
    }
}

/// What [`provisions::as_of`] says, with the documents.
fn answer(entries: &[ProvisionEntry], subject: &str, day: NaiveDate) -> AsOfAnswer {
    let list: Vec<Provision> = entries.iter().map(|e| e.provision.clone()).collect();
    // `as_of` answers with references into `list`, which is `entries` in order.
    let entry_of = |p: &Provision| {
        list.iter()
            .position(|q| std::ptr::eq(q, p))
            .and_then(|i| entries.get(i))
            .cloned()
    };
    let one = |p: &Provision, make: fn(NaiveDate, ProvisionEntry) -> AsOfAnswer| {
        entry_of(p).map_or(AsOfAnswer::Unknown { day }, |entry| make(day, entry))
    };
    match provisions::as_of(&list, subject, day) {
        provisions::AsOf::InForce(found) => AsOfAnswer::InForce {
            day,
            provisions: found.into_iter().filter_map(entry_of).collect(),
        },
        provisions::AsOf::Ended(p) => one(p, |day, provision| AsOfAnswer::Ended { day, provision }),
        provisions::AsOf::NotYet(p) => {
            one(p, |day, provision| AsOfAnswer::NotYet { day, provision })
        }
        provisions::AsOf::Unknown => AsOfAnswer::Unknown { day },
    }
}

fn strip<T>(pairs: Vec<(FactSource, T)>) -> Vec<T> {
    pairs.into_iter().map(|(_, value)| value).collect()
}

pub(crate) fn source_of(record: &gazette_store::DocumentRecord) -> FactSource {
    FactSource {
        id: record.id.clone(),
        slug: record.slug.clone(),
        title: record.document.title.clone(),
        doc_number: record.document.doc_number.clone(),
        date: record.document.date.map(|d| d.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use gazette_model::{Block, BlockKind};

    use super::*;

    #[test]
    fn responsible_units_are_read_from_their_notes_once_each() {
        let texts = [
            "最高不超过3000万元。（责任单位：市工业和信息化局、市财政局）",
            "（责任单位：市科技局，市财政局；市发展改革委）其他",
            "责任单位不明",
        ];
        let doc = Document {
            blocks: texts
                .iter()
                .map(|text| Block {
                    kind: BlockKind::Paragraph,
                    text: (*text).to_owned(),
                    pieces: Vec::new(),
                    line: 1,
                    section: None,
                    attachment: None,
                })
                .collect(),
            ..Document::default()
        };
        // Without an issuer no name is completed: the full names are the
        // printed ones.
        let entry = index_entry("d1", "s", &doc, Status::InForce);
        assert!(entry.units_printed.is_empty());
        assert_eq!(
            entry.units,
            ["市工业和信息化局", "市财政局", "市科技局", "市发展改革委"]
        );
    }
}
