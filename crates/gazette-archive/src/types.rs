//! Every type the faces show that the archive does not make itself: the
//! store's records, the search engine's hits, facets and snippets, the
//! linked archive's rosters, histories, deadlines and provisions.
//!
//! The faces (`gazette-server`, `gazette-cli`) depend on `gazette-archive`
//! and `gazette-model` only, and take these types from here (as
//! meilisearch's servers take theirs from `meilisearch-types`), so the
//! compiler keeps them from reaching past the archive into the crates
//! below it. The types are re-exported as they are, not wrapped: they
//! are plain data with serde forms the JSON contract (docs/json.md)
//! already describes, and a wrapper would only copy them. What the faces
//! must not do with them (open a store, run a query plan) has no door
//! here: the `Store` trait, the search index and the extractors stay
//! behind the facade.
//!
//! This module holds no logic.

pub use gazette_link::deadlines::Deadline;
pub use gazette_link::personnel::{PersonHistory, Roster};
pub use gazette_link::provisions::Provision;
pub use gazette_link::units::UnitMention;
pub use gazette_search::{
    Facets, Hit, SearchError, SearchOptions, SearchResults, Snippet, SnippetRun, DEFAULT_LIMIT,
    MAX_LIMIT,
};
pub use gazette_store::{
    AuditEntry, Correction, Counts, DatabaseFailure, DocumentRecord, IssueRecord, NewAuditEntry,
    StoreError, TokenRecord, TokenScope,
};
