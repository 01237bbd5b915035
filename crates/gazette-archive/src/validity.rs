//! A document's status as the archive knows it, with why: the editor's
//! recorded status when there is one (it overrides everything), else the
//! status derived from the archive's own text — the document's own 有效期 or
//! 施行日期, a later document that repeals it — each finding with the
//! document and the sentence that say so; else 未核实.
//!
//! Derived statuses are derived data: the findings are read by
//! `gazette-link` (`validity`) from each document and kept in the fact index
//! (repeals keyed by the number and title they name, and the days on which
//! a status changes), so they are rebuilt with it and never stored as rows.
//! The search index follows them: [`Schedule`] keeps the days already
//! checked, and a catch-up reindexes the documents whose status changes on
//! a day that has come since.
//!
//! Not for: rendering (the faces show [`Validity`]), recording statuses
//! (`Archive::record_status`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use gazette_link::citations::{self, Reference};
use gazette_link::validity::{self as found, Expiry, ProvisionEnd, Repeal};
use gazette_model::{change_as_of, Document, Span, Status, StatusChange};
use gazette_store::facts::{Fact, FactKind, FactRow, FactSource};
use gazette_store::DocumentRecord;
use serde::{Deserialize, Serialize};

use crate::{ArchiveReader, Result};

/// Where a document's status comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusSource {
    /// An editor recorded it (it overrides what the texts say).
    Recorded,
    /// The archive's texts say it; no editor confirmed it yet.
    Derived,
    /// Nothing: 未核实.
    None,
}

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// The document's own 有效期 has a last day: 已失效 from the day after.
    Expiry,
    /// A document repeals it: 已废止 from that document's 施行日期.
    Repeal,
    /// Its 施行日期 is still to come: 尚未生效 until then.
    TakesEffect,
    /// A provision's period ends; the document as a whole does not expire
    /// with it (no status).
    ProvisionEnd,
    /// Its history note records an amendment: 已修改 from that day.
    Amendment,
    /// A cleanup list (规范性文件清理结果) of a later document declares it
    /// 已废止, 已失效, 已修改 or 现行有效, from that document's 施行日期.
    CleanupList,
}

/// One finding of the archive's texts about a document's validity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// What it is.
    pub kind: EvidenceKind,
    /// The status it gives; `None` for a provision's end.
    pub status: Option<Status>,
    /// The first day of that status (for [`EvidenceKind::TakesEffect`]:
    /// the 施行日期, before which the document is 尚未生效); `None` when the
    /// text names no day.
    pub effective: Option<NaiveDate>,
    /// Whether it gives the status on the day asked about.
    pub applies: bool,
    /// The document that says so (the document itself, or the later one).
    pub document: FactSource,
    /// The sentence, as printed.
    pub clause: String,
    /// Where it is printed in its document's issue text.
    pub span: Span,
    /// Its line (1-based).
    pub line: usize,
    /// Its place in that document (第五条, 二（一）), when under a heading.
    pub place: Option<String>,
    /// The finding in a few words: 有效期至2020年4月30日（本文二）, 青政办字〔2020〕12号 二.
    pub summary: String,
}

/// A document's status on a day, with where it comes from and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validity {
    /// The status on `day`.
    pub status: Status,
    /// Where it comes from.
    pub source: StatusSource,
    /// The day it is computed for (China Standard Time).
    pub day: NaiveDate,
    /// The status and its reason in words, as the banner shows it:
    /// “已失效：有效期至2020年4月30日（本文第五条）”, “未核实”.
    pub summary: String,
    /// The editor's change that gives the status, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<StatusChange>,
    /// Every finding of the texts, applying on `day` or not (a later
    /// repeal, a provision that ended), in order of their day.
    pub evidence: Vec<Evidence>,
}

/// What a fact of [`FactKind::StatusDue`] points at.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
enum Due {
    /// The document that has the fact; `gives` is the status that begins
    /// on the day (`None` when one ends: the 施行日期 ends 尚未生效).
    Itself {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        gives: Option<Status>,
    },
    /// The document a repeal names.
    Repealed {
        /// As the repealing clause names it.
        reference: Reference,
    },
}

/// The facts of `doc` about validity, for the fact index: its repeals by
/// number and title, and the days on which a status it gives begins.
pub(crate) fn document_facts(doc: &Document) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut due = |day: NaiveDate, what: &Due| {
        facts.push(Fact {
            kind: FactKind::StatusDue,
            key: day.to_string(),
            data: serde_json::to_string(what).unwrap_or_default(),
        });
    };
    if let Some(expiry) = found::expiry(doc) {
        let gives = Some(Status::Expired);
        due(expiry.from, &Due::Itself { gives });
    }
    for amendment in found::amendments(doc) {
        let gives = Some(Status::Amended);
        due(amendment.day, &Due::Itself { gives });
    }
    if let Some(day) = doc.takes_effect.as_ref().and_then(|t| t.date) {
        due(day, &Due::Itself { gives: None });
    }
    let repeals = found::repeals(doc);
    for repeal in &repeals {
        if let Some(day) = repeal.effective {
            let reference = repeal.reference.clone();
            due(day, &Due::Repealed { reference });
        }
    }
    for repeal in repeals {
        let data = serde_json::to_string(&repeal).unwrap_or_default();
        if let Some(number) = &repeal.reference.doc_number {
            facts.push(Fact {
                kind: FactKind::RepealsNumber,
                key: number.clone(),
                data: data.clone(),
            });
        }
        if let Some(title) = &repeal.reference.title {
            facts.push(Fact {
                kind: FactKind::RepealsTitle,
                key: citations::title_key(title),
                data,
            });
        }
    }
    facts
}

/// Whether `doc` repeals any document.
pub(crate) fn repeals_any(doc: &Document) -> bool {
    !found::repeals(doc).is_empty()
}

/// The status a document just stored has by its own text alone, before
/// the fact index holds what other documents say of it.
pub(crate) fn own_status(doc: &Document, day: NaiveDate) -> Status {
    let source = FactSource {
        id: doc.id.clone(),
        slug: String::new(),
        title: doc.title.clone(),
        doc_number: doc.doc_number.clone(),
        date: None,
    };
    let evidence = own_evidence(doc, &source, day, Detail::Status);
    derived(&evidence).map_or(Status::Unverified, |e| e.status.unwrap_or_default())
}

/// How much of the findings to read: what gives a status (for the search
/// index), or everything (for a reader, with the provisions that end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    Status,
    All,
}

fn own_evidence(
    doc: &Document,
    source: &FactSource,
    day: NaiveDate,
    detail: Detail,
) -> Vec<Evidence> {
    let mut out = Vec::new();
    if let Some(effect) = &doc.takes_effect {
        if let Some(date) = effect.date.filter(|d| *d > day) {
            out.push(Evidence {
                kind: EvidenceKind::TakesEffect,
                status: Some(Status::NotYetInForce),
                effective: Some(date),
                applies: true,
                document: source.clone(),
                clause: effect.evidence.clone(),
                span: effect.span,
                line: effect.line,
                place: None,
                summary: format!("自{}起施行", chinese_day(date)),
            });
        }
    }
    if let Some(expiry) = found::expiry(doc) {
        out.push(expiry_evidence(expiry, source, day));
    }
    if detail == Detail::All {
        for end in found::provision_ends(doc) {
            out.push(provision_evidence(end, source));
        }
    }
    for amendment in found::amendments(doc) {
        out.push(Evidence {
            kind: EvidenceKind::Amendment,
            status: Some(Status::Amended),
            effective: Some(amendment.day),
            applies: amendment.day <= day,
            document: source.clone(),
            summary: amendment.clause.clone(),
            clause: amendment.clause,
            span: amendment.span,
            line: amendment.line,
            place: None,
        });
    }
    out
}

fn expiry_evidence(expiry: Expiry, source: &FactSource, day: NaiveDate) -> Evidence {
    let summary = format!(
        "有效期至{}{}",
        chinese_day(expiry.last_day),
        own_place(expiry.place.as_deref())
    );
    Evidence {
        kind: EvidenceKind::Expiry,
        status: Some(Status::Expired),
        effective: Some(expiry.from),
        applies: expiry.from <= day,
        document: source.clone(),
        clause: expiry.clause,
        span: expiry.span,
        line: expiry.line,
        place: expiry.place,
        summary,
    }
}

fn provision_evidence(end: ProvisionEnd, source: &FactSource) -> Evidence {
    let subjects = match end.subjects.as_slice() {
        [one] => one.clone(),
        [first, second] => format!("{first}、{second}"),
        [first, ..] => format!("{first}等{}项", end.subjects.len()),
        [] => String::new(),
    };
    let summary = format!(
        "{subjects}执行期限至{}{}",
        chinese_day(end.last_day),
        own_place(end.place.as_deref())
    );
    Evidence {
        kind: EvidenceKind::ProvisionEnd,
        status: None,
        effective: end.last_day.succ_opt(),
        applies: false,
        document: source.clone(),
        clause: end.clause,
        span: end.span,
        line: end.line,
        place: end.place,
        summary,
    }
}

fn repeal_evidence(repeal: Repeal, by: FactSource, day: NaiveDate) -> Evidence {
    let name = by
        .doc_number
        .clone()
        .unwrap_or_else(|| format!("《{}》", by.title));
    let summary = match &repeal.place {
        Some(place) => format!("{name} {place}"),
        None => name,
    };
    Evidence {
        kind: if repeal.cleanup {
            EvidenceKind::CleanupList
        } else {
            EvidenceKind::Repeal
        },
        status: Some(repeal.gives),
        applies: repeal.effective.is_some_and(|d| d <= day),
        effective: repeal.effective,
        document: by,
        clause: repeal.clause,
        span: repeal.span,
        line: repeal.line,
        place: repeal.place,
        summary,
    }
}

/// The finding that gives the derived status: of those that apply, the one
/// with the latest day.
fn derived(evidence: &[Evidence]) -> Option<&Evidence> {
    evidence
        .iter()
        .filter(|e| e.applies && e.status.is_some())
        .max_by_key(|e| e.effective)
}

/// `2020年4月30日`.
pub fn chinese_day(day: NaiveDate) -> String {
    day.format("%Y年%-m月%-d日").to_string()
}

fn own_place(place: Option<&str>) -> String {
    place.map(|p| format!("（本文{p}）")).unwrap_or_default()
}

impl ArchiveReader {
    /// The status of `record` on `day`, with where it comes from and every
    /// finding of the archive's texts about it.
    pub fn validity(&self, record: &DocumentRecord, day: NaiveDate) -> Result<Validity> {
        let history = self.store.status_history(&record.id)?;
        self.validity_with(record, &history, day, Detail::All)
    }

    /// The status of `record` on `day` alone (no provisions read).
    pub(crate) fn status_of(&self, record: &DocumentRecord, day: NaiveDate) -> Result<Status> {
        let history = self.store.status_history(&record.id)?;
        Ok(self
            .validity_with(record, &history, day, Detail::Status)?
            .status)
    }

    pub(crate) fn validity_with(
        &self,
        record: &DocumentRecord,
        history: &[StatusChange],
        day: NaiveDate,
        detail: Detail,
    ) -> Result<Validity> {
        let doc = &record.document;
        let source = crate::links::source_of(record);
        let mut evidence = own_evidence(doc, &source, day, detail);
        for (by, repeal) in self.repeals_of(record)? {
            evidence.push(repeal_evidence(repeal, by, day));
        }
        evidence.sort_by_key(|e| e.effective);
        let recorded = change_as_of(history, day).cloned();
        let (status, source, summary) = match (&recorded, derived(&evidence)) {
            (Some(change), _) => {
                let mut why = format!("编辑核定，自{}起", chinese_day(change.effective));
                if let Some(by) = &change.by_document {
                    why.push_str("，依据");
                    why.push_str(by);
                }
                if let Some(reason) = &change.reason {
                    why.push('，');
                    why.push_str(reason);
                }
                let summary = format!("{}：{why}", change.status.label());
                (change.status, StatusSource::Recorded, summary)
            }
            (None, Some(found)) => {
                let status = found.status.unwrap_or_default();
                let summary = format!("{}：{}", status.label(), found.summary);
                (status, StatusSource::Derived, summary)
            }
            (None, None) => (
                Status::Unverified,
                StatusSource::None,
                Status::Unverified.label().to_owned(),
            ),
        };
        Ok(Validity {
            status,
            source,
            day,
            summary,
            recorded,
            evidence,
        })
    }

    /// The repeals of `record` by other documents of the archive, by its
    /// number and its titles, each with the repealing document.
    fn repeals_of(&self, record: &DocumentRecord) -> Result<Vec<(FactSource, Repeal)>> {
        let doc = &record.document;
        let mut rows: Vec<FactRow> = Vec::new();
        if let Some(number) = &doc.doc_number {
            rows.extend(self.facts.by_key(FactKind::RepealsNumber, number)?);
        }
        for title in std::iter::once(&doc.title).chain(&doc.promulgated_title) {
            let key = citations::title_key(title);
            rows.extend(self.facts.by_key(FactKind::RepealsTitle, &key)?);
        }
        let mut seen = BTreeSet::new();
        Ok(rows
            .into_iter()
            .filter(|row| row.source.id != record.id)
            .filter_map(|row| {
                let repeal: Repeal = serde_json::from_str(&row.data).ok()?;
                seen.insert((row.source.id.clone(), repeal.span.start, repeal.span.end))
                    .then_some((row.source, repeal))
            })
            .collect())
    }

    /// The ids of the archive's documents a reference names: by number,
    /// else by exact title.
    pub(crate) fn named_ids(&self, reference: &Reference) -> Result<Vec<String>> {
        if let Some(number) = &reference.doc_number {
            let found = self.store.find_by_number(number)?;
            if !found.is_empty() {
                return Ok(found.into_iter().map(|r| r.id).collect());
            }
        }
        let Some(title) = &reference.title else {
            return Ok(Vec::new());
        };
        let rows = self
            .facts
            .by_key(FactKind::Title, &citations::title_key(title))?;
        Ok(rows.into_iter().map(|r| r.source.id).collect())
    }

    /// The documents whose status the facts say changes on a day after
    /// `after` and not after `through`.
    pub(crate) fn due_between(&self, after: NaiveDate, through: NaiveDate) -> Result<Vec<String>> {
        let rows = self.facts.key_range(
            FactKind::StatusDue,
            &after.to_string(),
            &through.to_string(),
        )?;
        let mut ids = Vec::new();
        for row in rows {
            match serde_json::from_str::<Due>(&row.data) {
                Ok(Due::Itself { .. }) => ids.push(row.source.id),
                Ok(Due::Repealed { reference }) => ids.extend(self.named_ids(&reference)?),
                Err(_) => {}
            }
        }
        Ok(ids)
    }

    /// The documents repealed by `doc` that the archive holds.
    pub(crate) fn repealed_by(&self, doc: &Document) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for repeal in found::repeals(doc) {
            ids.extend(self.named_ids(&repeal.reference)?);
        }
        Ok(ids)
    }

    /// Derived statuses that no editor has confirmed: every document that
    /// a finding gives a status today and that has no recorded change, at
    /// most `limit`, with its validity.
    pub fn review(&self, limit: usize) -> Result<Vec<(DocumentRecord, Validity)>> {
        let day = gazette_model::china_today();
        let mut ids: Vec<String> = Vec::new();
        let through = day.to_string();
        for row in self.facts.key_range(FactKind::StatusDue, "", &through)? {
            match serde_json::from_str::<Due>(&row.data) {
                // A 施行日期 that has come gives no status to confirm.
                Ok(Due::Itself { gives: None }) => {}
                Ok(Due::Itself { gives: Some(_) }) => ids.push(row.source.id),
                Ok(Due::Repealed { reference }) => ids.extend(self.named_ids(&reference)?),
                Err(_) => {}
            }
        }
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for id in ids {
            if out.len() >= limit {
                break;
            }
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(record) = self.store.document(&id)? else {
                continue;
            };
            let validity = self.validity(&record, day)?;
            if validity.source == StatusSource::Derived {
                out.push((record, validity));
            }
        }
        Ok(out)
    }
}

/// The days already checked for statuses that change, and the recorded
/// changes still to come, of one archive instance (see
/// `Archive::catch_up`).
#[derive(Debug, Default)]
pub(crate) struct Schedule {
    /// The last day whose changes the search index has followed; `None`
    /// before the first catch-up.
    pub(crate) checked: Option<NaiveDate>,
    /// Documents with a recorded change that takes effect on a later day.
    pub(crate) recorded: BTreeMap<NaiveDate, BTreeSet<String>>,
}

impl Schedule {
    /// Notes the recorded changes of `id` that take effect after `after`.
    pub(crate) fn note(&mut self, id: &str, history: &[StatusChange], after: NaiveDate) {
        for change in history.iter().filter(|c| c.effective > after) {
            self.recorded
                .entry(change.effective)
                .or_default()
                .insert(id.to_owned());
        }
    }

    /// Takes the documents with a recorded change due on or before `day`.
    pub(crate) fn take_due(&mut self, day: NaiveDate) -> Vec<String> {
        let later = day.succ_opt().map(|next| self.recorded.split_off(&next));
        let due = std::mem::replace(&mut self.recorded, later.unwrap_or_default());
        due.into_values().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    fn change(effective: NaiveDate) -> StatusChange {
        StatusChange {
            status: Status::Repealed,
            effective,
            reason: None,
            by_document: None,
            recorded_by: "test".to_owned(),
            recorded_at: "2026-01-01T00:00:00Z".to_owned(),
        }
    }

    #[test]
    fn recorded_changes_come_due_on_their_day_and_only_once() {
        let mut schedule = Schedule::default();
        let history = [change(day(2026, 1, 1)), change(day(2026, 3, 1))];
        schedule.note("a", &history, day(2026, 2, 1));
        schedule.note("b", &[change(day(2026, 2, 15))], day(2026, 2, 1));
        assert!(schedule.take_due(day(2026, 2, 14)).is_empty());
        assert_eq!(schedule.take_due(day(2026, 2, 20)), ["b"]);
        assert!(schedule.take_due(day(2026, 2, 28)).is_empty());
        assert_eq!(schedule.take_due(day(2026, 3, 1)), ["a"]);
        assert!(schedule.recorded.is_empty());
    }

    #[test]
    fn days_are_written_as_the_banner_says_them() {
        assert_eq!(chinese_day(day(2020, 4, 30)), "2020年4月30日");
    }
}
