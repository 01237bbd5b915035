//! Chinese full-text search over gazette documents, with full recall.
//!
//! Any substring of a document's title or body finds the document: two or
//! more Chinese characters, a single one, a Latin word or a number
//! (`GMP`, `3000万元`, `IPv6`). Word segmenters miss substrings that cross
//! their word boundaries (`社会保险` inside `社会保险费率` may not be a word),
//! so recall comes from [n-grams](ngram) of characters, and [jieba
//! words](words) only help rank.
//!
//! - [`normalize`]: NFKC and lowercase, for matching only;
//! - [`ngram`]: units and the n-gram tokenizer (recall);
//! - [`words`]: the query's jieba words (ranking);
//! - [`query`]: the query language and its parser;
//! - `plan`: parsed query → tantivy queries; `phrase`: the phrase of
//!   n-grams they match with; `collect`: total, facets and ranking in one
//!   pass; `snippet`: excerpts ([`Snippet`]: runs of text, matches
//!   marked; no markup, each face renders them);
//! - [`SearchIndex`]: indexing, commits with the indexed sequence, search
//!   with facets and paging.
//!
//! This crate knows nothing of the store, HTTP or async runtimes: the
//! archive crate feeds it [`IndexDoc`]s (see [`index_doc`]) and servers call
//! [`SearchIndex::search`] on a blocking thread.
//!
//! ```
//! use gazette_search::{IndexDoc, IndexSection, SearchIndex, SearchOptions};
//!
//! let index = SearchIndex::in_memory()?;
//! index.upsert(&[IndexDoc {
//!     doc_type: Some("方案".into()),
//!     sections: vec![IndexSection::new("为完善社会保险制度，确保企业缴费负担实质性下降。")],
//!     ..IndexDoc::new("d1", "shebao", "青岛市降低社会保险费率实施方案")
//! }])?;
//! let results = index.search("保险制度 type:方案", &SearchOptions::default())?;
//! assert_eq!(results.total, 1);
//! let snippet = results.hits[0].snippet.as_ref().expect("a body match");
//! assert_eq!(
//!     snippet.marked_with("【", "】"),
//!     "为完善社会【保险制度】，确保企业缴费负担实质性下降。"
//! );
//! # Ok::<(), gazette_search::SearchError>(())
//! ```

mod cache;
mod collect;
mod columns;
mod common;
mod doc;
mod error;
mod exclude;
mod index;
pub mod ngram;
pub mod normalize;
mod phrase;
mod plan;
pub mod query;
mod results;
mod schema;
mod segments;
mod snippet;
mod stored;
#[cfg(test)]
mod test_index;
pub mod words;

pub use cache::DEFAULT_CACHE_BYTES;
pub use doc::{index_doc, IndexDoc, IndexSection};
pub use error::{Result, SearchError};
pub use gazette_model::Status;
pub use index::SearchIndex;
pub use results::{Facets, Hit, SearchOptions, SearchResults, DEFAULT_LIMIT, MAX_LIMIT};
pub use snippet::{Snippet, SnippetRun};
