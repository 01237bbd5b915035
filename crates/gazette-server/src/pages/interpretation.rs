//! The 解读 box at the top of a document's page: the 解读 of the document
//! (a short list, each linked), or, on a 解读's own page, the document it
//! explains (linked when the archive holds it).
//!
//! Not for: finding the links (the archive's `interpretations`).

use gazette_archive::Interpretations;
use maud::{html, Markup};

use crate::urls;

/// The box, empty when the document has no 解读 links.
pub(super) fn links(links: &Interpretations) -> Markup {
    html! {
        @if let Some(explains) = &links.explains {
            aside class="interpretations" data-role="explains" aria-label="解读的文件" {
                "本文是对 "
                @match &explains.target {
                    Some(target) => {
                        a href=(urls::document_page(&target.slug)) { "《" (target.title) "》" }
                        @if let Some(number) = &target.doc_number { "（" (number) "）" }
                    }
                    None => {
                        @if let Some(title) = &explains.reference.title { "《" (title) "》" }
                        @if let Some(number) = &explains.reference.doc_number { "（" (number) "）" }
                        "（本库未收录）"
                    }
                }
                " 的解读。"
            }
        }
        @if !links.interpreted_by.is_empty() {
            aside class="interpretations" data-role="interpreted-by" aria-label="政策解读" {
                h2 { "政策解读" }
                ul {
                    @for source in &links.interpreted_by {
                        li {
                            a href=(urls::document_page(&source.slug)) { (source.title) }
                            @if let Some(date) = &source.date { " " span class="date" { (date) } }
                        }
                    }
                }
            }
        }
    }
}
