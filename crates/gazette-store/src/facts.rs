//! The records of the fact index: what documents say about things beyond
//! themselves (citations, responsible units, people, deadlines,
//! provisions), kept so that they can be looked up across the whole
//! archive by a key — a unit's name, a person's name, a cited 发文字号.
//!
//! The index itself is derived data, kept per instance beside the search
//! index (`gazette-store-sqlite`'s `FactIndex`): filled from the documents
//! of the current versions and caught up from the store's change sequence,
//! so it can be deleted and rebuilt at any time. These types are the same
//! whatever keeps them.
//!
//! This module does not extract facts (the archive does, with
//! `gazette-link`) and does not read their JSON: a fact's payload is opaque
//! here.

use serde::{Deserialize, Serialize};

/// What a fact is about. The key's meaning depends on the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A document's own title or promulgated title; key: a title key.
    Title,
    /// A document's own title, loosely keyed (punctuation and the issuer
    /// before 关于 dropped).
    LooseTitle,
    /// A citation as the citing document prints it; key: empty.
    Reference,
    /// A citation of a 发文字号; key: the cited number in normal form.
    CitesNumber,
    /// A citation of a title; key: the cited title's key.
    CitesTitle,
    /// A citation of a title, loosely keyed.
    CitesLooseTitle,
    /// A unit named as responsible for a task; key: the unit's normal name.
    Unit,
    /// A person appointed or removed; key: the name.
    Person,
    /// A deadline or period; key: the unit it concerns, or empty.
    Deadline,
    /// A quantitative provision; key: its normalised subject.
    Provision,
    /// A command roster; key: empty.
    Roster,
    /// A clause repealing a document by its 发文字号; key: the repealed
    /// number in normal form.
    RepealsNumber,
    /// A clause repealing a document by its title; key: the title's key.
    RepealsTitle,
    /// A day on which a status the document's text gives changes (its own
    /// expiry or 施行日期, or a repeal it makes); key: the day
    /// (`YYYY-MM-DD`), so that the days that have come can be read in
    /// order.
    StatusDue,
    /// A 解读 explaining a document; key: the explained document's number
    /// in normal form, or its title's key (one fact for each it names).
    Interprets,
}

impl FactKind {
    /// The stable code stored in a fact index.
    pub fn code(self) -> &'static str {
        match self {
            FactKind::Title => "title",
            FactKind::LooseTitle => "loose_title",
            FactKind::Reference => "reference",
            FactKind::CitesNumber => "cites_number",
            FactKind::CitesTitle => "cites_title",
            FactKind::CitesLooseTitle => "cites_loose_title",
            FactKind::Unit => "unit",
            FactKind::Person => "person",
            FactKind::Deadline => "deadline",
            FactKind::Provision => "provision",
            FactKind::Roster => "roster",
            FactKind::RepealsNumber => "repeals_number",
            FactKind::RepealsTitle => "repeals_title",
            FactKind::StatusDue => "status_due",
            FactKind::Interprets => "interprets",
        }
    }
}

/// The document a fact comes from, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactSource {
    /// The document's id.
    pub id: String,
    /// Its slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its 发文字号.
    pub doc_number: Option<String>,
    /// Its date (ISO 8601).
    pub date: Option<String>,
}

/// One fact to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// What it is about.
    pub kind: FactKind,
    /// The lookup key.
    pub key: String,
    /// The payload (JSON), opaque to the index.
    pub data: String,
}

/// A stored fact with its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRow {
    /// The document it comes from.
    pub source: FactSource,
    /// The lookup key.
    pub key: String,
    /// The payload (JSON).
    pub data: String,
}

/// A key with how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyCount {
    /// The key.
    pub key: String,
    /// Facts with this key.
    pub facts: i64,
    /// Documents with a fact of this key.
    pub documents: i64,
}

/// The facts of one document, replacing whatever it had.
#[derive(Debug, Clone)]
pub struct DocumentFacts {
    /// The document.
    pub source: FactSource,
    /// All its facts; empty removes them.
    pub facts: Vec<Fact>,
}
