//! The normative-document ledger (规范性文件台账): per issuing body, every
//! 规范性文件 of the archive with its 发文字号, dates, status today and the
//! evidence for it, and each status change with its day; and the list of
//! issuing bodies (制发主体清单). Both faces show it (page, JSON, CSV), so
//! that a cleanup result (规范性文件清理结果) can be published from it.
//!
//! Which documents count as 规范性文件 ([`is_normative`]), a rule read
//! from what the archive knows of each document, not a legal judgement:
//! - it has a 发文字号 (a ledger lists documents by number);
//! - its kind (文种) is one a 规范性文件 is issued as: 通知, 意见, 决定,
//!   公告, 通告, 方案, 办法, 规定, 细则, 规则 ([`NORMATIVE_KINDS`]); not
//!   任免, 批复, 函, 答复, 解读, 通报, 报告, 请示, 纪要, 名单, and not 令 or
//!   条例 (规章 and 法规 are not 规范性文件);
//! - its number is not a 函's (no 函 in the issuer code: 国办函, 国函),
//!   and it appoints or removes no one (a 任免 通知);
//! - its issuing body is an administrative body: not a people's congress,
//!   a Party committee, a court, a procuratorate or a CPPCC
//!   ([`is_administrative`]); a document whose body is unknown is left out.
//!
//! The issuing body is the first full name the parser established
//! (`issuer_canonical`), else the first printed issuer, else the body
//! the 发文字号's code names. Status and evidence are the archive's
//! [`Validity`] today; the changes are the editor's recorded changes and
//! the findings that give a status, each with its day.
//!
//! Not for: rendering (the faces do), editing statuses
//! (`Archive::record_status`). The ledger is computed from every current
//! document at each call.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use gazette_model::{Document, Status};
use gazette_store::facts::FactSource;
use serde::Serialize;

use crate::validity::{Detail, EvidenceKind, StatusSource, Validity};
use crate::{ArchiveReader, Dates, Result};

/// The kinds (文种) a 规范性文件 is issued as.
pub const NORMATIVE_KINDS: &[&str] = &[
    "通知", "意见", "决定", "公告", "通告", "方案", "办法", "规定", "细则", "规则",
];

/// Words in a body's name that make it no administrative body.
const NOT_ADMINISTRATIVE: &[&str] = &[
    "人民代表大会",
    "人大常委会",
    "中共",
    "中国共产党",
    "党委",
    "人民法院",
    "人民检察院",
    "政治协商会议",
    "政协",
];

/// Whether `doc` counts as a 规范性文件 (see the module docs for the rule).
pub fn is_normative(doc: &Document) -> bool {
    let Some(number) = &doc.doc_number else {
        return false;
    };
    let kind_fits = doc
        .doc_type
        .as_deref()
        .is_some_and(|kind| NORMATIVE_KINDS.contains(&kind));
    let code_is_letter = doc
        .doc_number_parts
        .as_ref()
        .map_or(number.contains('函'), |parts| parts.code.contains('函'));
    kind_fits
        && !code_is_letter
        && doc.appointments.is_empty()
        && issuing_body(doc).is_some_and(|body| is_administrative(&body))
}

/// Whether a body of this name is an administrative body (not a people's
/// congress, a Party committee, a court, a procuratorate or a CPPCC).
pub fn is_administrative(body: &str) -> bool {
    !NOT_ADMINISTRATIVE.iter().any(|word| body.contains(word))
}

/// The body that issued `doc`, as the ledger files it.
pub fn issuing_body(doc: &Document) -> Option<String> {
    doc.issuer_canonical
        .first()
        .map(|name| name.name.clone())
        .or_else(|| doc.issuer.first().cloned())
        .or_else(|| {
            let code = &doc.doc_number_parts.as_ref()?.code;
            gazette_model::bodies::body_of_code(code).map(str::to_owned)
        })
        .filter(|body| !body.trim().is_empty())
}

/// One status change of a ledger entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerChange {
    /// The status from `effective` on.
    pub status: Status,
    /// Its first day; `None` when the text names none.
    pub effective: Option<NaiveDate>,
    /// `recorded` (an editor's change) or `derived` (a finding of the texts).
    pub source: StatusSource,
    /// Why, in a few words: the finding's summary, or the editor's reason
    /// and the document named.
    pub summary: String,
}

/// One 规范性文件 in the ledger.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerEntry {
    /// The document.
    pub document: FactSource,
    /// Its kind (文种).
    pub doc_type: Option<String>,
    /// Its dates told apart.
    pub dates: Dates,
    /// Its status today, where it comes from, and the evidence.
    pub validity: Validity,
    /// Each status change with its day, in order of day (changes without a
    /// day last).
    pub changes: Vec<LedgerChange>,
}

/// One issuing body and its 规范性文件.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerBody {
    /// The body's name.
    pub body: String,
    /// How many of its 规范性文件 have each status today, by status code.
    pub statuses: BTreeMap<&'static str, usize>,
    /// Its 规范性文件, oldest 成文日期 first (undated last), then by number.
    pub documents: Vec<LedgerEntry>,
}

/// The ledger on a day.
#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    /// The day statuses are computed for (China Standard Time).
    pub day: NaiveDate,
    /// How many 规范性文件 it lists.
    pub total: usize,
    /// The issuing bodies (制发主体清单), by name, each with its documents.
    pub bodies: Vec<LedgerBody>,
}

impl ArchiveReader {
    /// The ledger of the archive's 规范性文件 today.
    pub fn ledger(&self) -> Result<Ledger> {
        self.ledger_on(gazette_model::china_today())
    }

    /// The ledger with statuses as of `day`.
    pub fn ledger_on(&self, day: NaiveDate) -> Result<Ledger> {
        let mut bodies: BTreeMap<String, Vec<LedgerEntry>> = BTreeMap::new();
        let published: BTreeMap<i64, NaiveDate> = self
            .store
            .issues()?
            .into_iter()
            .filter_map(|issue| Some((issue.id, issue.publication?.published?)))
            .collect();
        for record in self.store.documents()? {
            let doc = &record.document;
            if !is_normative(doc) {
                continue;
            }
            let Some(body) = issuing_body(doc) else {
                continue;
            };
            let history = self.store.status_history(&record.id)?;
            let validity = self.validity_with(&record, &history, day, Detail::All)?;
            let entry = LedgerEntry {
                document: crate::links::source_of(&record),
                doc_type: doc.doc_type.clone(),
                dates: Dates::in_issue(doc, published.get(&record.issue_id).copied()),
                changes: changes(&validity, &history),
                validity,
            };
            bodies.entry(body).or_default().push(entry);
        }
        let bodies: Vec<LedgerBody> = bodies
            .into_iter()
            .map(|(body, mut documents)| {
                documents.sort_by(|a, b| {
                    let key = |e: &LedgerEntry| (e.dates.written.is_none(), e.dates.written);
                    key(a)
                        .cmp(&key(b))
                        .then_with(|| a.document.doc_number.cmp(&b.document.doc_number))
                });
                let mut statuses = BTreeMap::new();
                for entry in &documents {
                    *statuses.entry(entry.validity.status.code()).or_default() += 1;
                }
                LedgerBody {
                    body,
                    statuses,
                    documents,
                }
            })
            .collect();
        Ok(Ledger {
            day,
            total: bodies.iter().map(|b| b.documents.len()).sum(),
            bodies,
        })
    }
}

/// The recorded changes and the findings that give a status, by day. A
/// 施行日期 still to come is no change: it ends the 尚未生效 the document
/// starts in, and the entry's `dates.takes_effect` gives it.
fn changes(validity: &Validity, history: &[gazette_model::StatusChange]) -> Vec<LedgerChange> {
    let findings = validity
        .evidence
        .iter()
        .filter(|evidence| evidence.kind != EvidenceKind::TakesEffect);
    let derived = findings.filter_map(|evidence| {
        Some(LedgerChange {
            status: evidence.status?,
            effective: evidence.effective,
            source: StatusSource::Derived,
            summary: evidence.summary.clone(),
        })
    });
    let recorded = history.iter().map(|change| {
        let why = [change.reason.as_deref(), change.by_document.as_deref()];
        LedgerChange {
            status: change.status,
            effective: Some(change.effective),
            source: StatusSource::Recorded,
            summary: why.into_iter().flatten().collect::<Vec<_>>().join("，"),
        }
    });
    let mut all: Vec<LedgerChange> = derived.chain(recorded).collect();
    all.sort_by_key(|c| (c.effective.is_none(), c.effective));
    all
}
