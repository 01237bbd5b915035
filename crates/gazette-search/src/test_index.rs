//! A small in-memory index of one text field, for unit tests that need
//! real segments and postings.

use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{doc, Index, Searcher};

/// A searcher over a new index whose documents hold `texts` in one text
/// field (tantivy's default tokenizer, with positions), and that field.
pub(crate) fn text_index<S: AsRef<str>>(texts: &[S]) -> (Searcher, Field) {
    let mut schema = Schema::builder();
    let text = schema.add_text_field("text", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index
        .writer_with_num_threads(1, 15_000_000)
        .expect("writer");
    for value in texts {
        writer
            .add_document(doc!(text => value.as_ref()))
            .expect("add");
    }
    writer.commit().expect("commit");
    let searcher = index.reader().expect("reader").searcher();
    (searcher, text)
}
