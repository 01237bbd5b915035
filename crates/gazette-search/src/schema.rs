//! The tantivy schema: which field holds what, analysed how.
//!
//! | field(s)                      | analysis   | for                                  |
//! |-------------------------------|------------|--------------------------------------|
//! | `id`                          | raw        | replacing and deleting; stored       |
//! | `slug`, `title`               | —          | stored for hits                      |
//! | `title_grams`                 | n-grams    | `title:` and the title tier          |
//! | `text_grams`                  | n-grams    | plain terms: title, 发文字号 and body   |
//! | `number`                      | raw        | the normal 发文字号; stored           |
//! | `number_grams`                | n-grams    | part of a 发文字号                     |
//! | `issuer`                      | raw, fast  | stored, several values; facet        |
//! | `issuer_grams`, `unit_grams`  | n-grams    | `issuer:` and `unit:` substrings      |
//! | `doc_type`, `status`          | raw, fast  | `type:` and `status:`; stored; facets |
//! | `pages`                       | u64        | stored: first page × 2³² + last page |
//! | `day`, `year`                 | i64, fast  | `date:`, `year:`; recency; year facet |
//! | `effective_day`               | i64        | `effective:` (施行日期)               |
//! | `sections`                    | —          | stored sections, for snippets        |
//!
//! Sections are stored together as one text value (see `stored`); a
//! heading path is its titles joined by [`PATH_SEPARATOR`].
//!
//! Tokenizers are not saved with an index, so [`register_tokenizers`] runs
//! whenever one is opened. Changing anything here changes the schema: an
//! index on disk made with another one is refused and must be rebuilt.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, SchemaBuilder, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

use crate::ngram::NgramTokenizer;

/// Name of the n-gram analyser. It changes whenever its tokens do (the
/// 4-grams of common bigrams came with `_2`, their list's growth to 4096
/// bigrams with `_3`), so that an index made with other tokens is refused
/// and rebuilt.
pub const NGRAMS: &str = "gazette_ngrams_3";
/// Joins the titles of a stored heading path.
pub const PATH_SEPARATOR: char = '\u{1f}';

/// Every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub slug: Field,
    pub title: Field,
    pub title_grams: Field,
    pub text_grams: Field,
    pub number: Field,
    pub number_grams: Field,
    pub issuer: Field,
    pub issuer_grams: Field,
    pub unit_grams: Field,
    pub doc_type: Field,
    pub status: Field,
    pub day: Field,
    pub pages: Field,
    pub year: Field,
    pub effective_day: Field,
    pub sections: Field,
}

/// Name of the fast field holding the date, in days from 0001-01-01.
pub const DAY_FIELD: &str = "day";
/// Name of the fast field holding the year of the date.
pub const YEAR_FIELD: &str = "year";
/// Name of the fast field holding the issuers.
pub const ISSUER_FIELD: &str = "issuer";
/// Name of the fast field holding the kind of document.
pub const TYPE_FIELD: &str = "doc_type";
/// Name of the fast field holding the status code.
pub const STATUS_FIELD: &str = "status";

/// Builds the schema and says where each field is.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stored = TextOptions::default().set_stored();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        slug: b.add_text_field("slug", stored.clone()),
        title: b.add_text_field("title", stored.clone()),
        title_grams: grams(&mut b, "title"),
        text_grams: grams(&mut b, "text"),
        number: b.add_text_field("number", STRING | STORED),
        number_grams: grams(&mut b, "number"),
        issuer: b.add_text_field(ISSUER_FIELD, STRING | STORED | FAST),
        issuer_grams: grams(&mut b, "issuer"),
        unit_grams: grams(&mut b, "unit"),
        doc_type: b.add_text_field(TYPE_FIELD, STRING | STORED | FAST),
        status: b.add_text_field(STATUS_FIELD, STRING | STORED | FAST),
        day: b.add_i64_field(DAY_FIELD, INDEXED | FAST | STORED),
        pages: b.add_u64_field("pages", STORED),
        year: b.add_i64_field(YEAR_FIELD, INDEXED | FAST),
        effective_day: b.add_i64_field("effective_day", INDEXED),
        sections: b.add_text_field("sections", stored),
    };
    (b.build(), fields)
}

fn grams(b: &mut SchemaBuilder, name: &str) -> Field {
    let positions = IndexRecordOption::WithFreqsAndPositions;
    b.add_text_field(&format!("{name}_grams"), analysed(NGRAMS, positions))
}

fn analysed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

/// Registers this crate's analysers with `index`.
pub fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(NGRAMS, TextAnalyzer::from(NgramTokenizer::default()));
}
