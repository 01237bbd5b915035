//! 解读 and the documents they explain, linked both ways.
//!
//! A 解读 is ingested like any document (the parser types it 解读 from its
//! title); `gazette-link`'s `interpretation` picks the citation that names
//! the document it explains. The link is derived data: the fact index
//! keeps one [`FactKind::Interprets`] fact per key the 解读 names (the
//! number in normal form, the title's key), so a document finds its 解读
//! by its own number and titles, and the 解读 finds its document by the
//! same resolution as any citation (by number, then by title). Deleting
//! the fact index and rebuilding it gives the links back.
//!
//! Not for: rendering (the faces show [`Interpretations`]), finding
//! citations (the parser), resolving them (`links`).

use std::collections::BTreeSet;

use gazette_link::citations;
use gazette_link::interpretation::explained;
use gazette_model::Document;
use gazette_store::facts::{Fact, FactKind, FactSource};
use gazette_store::DocumentRecord;
use serde::Serialize;

use crate::links::ResolvedReference;
use crate::{ArchiveReader, Result};

/// A document's links to 解读: the document it explains when it is one,
/// and the 解读 of it that the archive holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Interpretations {
    /// When the document is a 解读: the document it explains, as it names
    /// it, with the archive's document when there is one.
    pub explains: Option<ResolvedReference>,
    /// The 解读 of this document in the archive, newest first.
    pub interpreted_by: Vec<FactSource>,
}

/// The facts of `doc` as a 解读, for the fact index: none when it is no
/// 解读 or names no document.
pub(crate) fn document_facts(doc: &Document) -> Vec<Fact> {
    let Some(named) = explained(doc) else {
        return Vec::new();
    };
    let data = serde_json::to_string(&named).unwrap_or_default();
    named
        .doc_number
        .iter()
        .cloned()
        .chain(named.title.as_deref().map(citations::title_key))
        .map(|key| Fact {
            kind: FactKind::Interprets,
            key,
            data: data.clone(),
        })
        .collect()
}

impl ArchiveReader {
    /// The 解读 links of `record`: what it explains (when a 解读) and the
    /// 解读 that explain it.
    pub fn interpretations(&self, record: &DocumentRecord) -> Result<Interpretations> {
        let doc = &record.document;
        let explains = match explained(doc) {
            Some(named) => Some(self.resolve(named)?),
            None => None,
        };
        let mut rows = Vec::new();
        if let Some(number) = &doc.doc_number {
            rows.extend(self.facts.by_key(FactKind::Interprets, number)?);
        }
        for title in std::iter::once(&doc.title).chain(&doc.promulgated_title) {
            let key = citations::title_key(title);
            rows.extend(self.facts.by_key(FactKind::Interprets, &key)?);
        }
        let mut seen = BTreeSet::new();
        let interpreted_by = rows
            .into_iter()
            .map(|row| row.source)
            .filter(|source| source.id != record.id && seen.insert(source.id.clone()))
            .collect();
        Ok(Interpretations {
            explains,
            interpreted_by,
        })
    }
}
