//! Pages of a paged text: text extracted from a PDF ends every page with a
//! form feed, as `pdftotext` does, so the page of a position is 1 + the
//! number of form feeds before it.
//!
//! This module only counts pages and gives documents and sections their
//! page ranges; which lines are page layout is decided in `artifacts`.

use gazette_model::{Block, Document, PageRange, Section, Span};

/// The form feeds of a text, to find the page of a position.
#[derive(Debug, Clone)]
pub(crate) struct PageIndex {
    feeds: Vec<usize>,
}

impl PageIndex {
    /// The pages of `text`, or `None` when it has no form feed (plain text:
    /// no page numbers are given then, so plain-text output is unchanged).
    pub fn of(text: &str) -> Option<PageIndex> {
        let feeds: Vec<usize> = memchr::memchr_iter(0x0C, text.as_bytes()).collect();
        (!feeds.is_empty()).then_some(PageIndex { feeds })
    }

    /// The page (1-based) of byte `offset`.
    pub fn page_of(&self, offset: usize) -> u32 {
        let before = self.feeds.partition_point(|&feed| feed < offset);
        u32::try_from(before).unwrap_or(u32::MAX).saturating_add(1)
    }

    /// The pages `span` is printed on.
    pub fn range(&self, span: Span) -> PageRange {
        let first = self.page_of(span.start);
        let last = self.page_of(span.end.saturating_sub(1).max(span.start));
        PageRange { first, last }
    }

    /// Gives `doc` and each of its sections their page ranges.
    pub fn paginate(&self, doc: &mut Document) {
        doc.pages = Some(self.range(doc.span));
        let spans: Vec<Span> = doc.blocks.iter().map(Block::extent).collect();
        let mut starts: Vec<usize> = doc.attachments.iter().filter_map(|a| a.block).collect();
        starts.sort_unstable();
        let last = spans.len().saturating_sub(1);
        let body_end = starts.first().map_or(last, |&s| s.saturating_sub(1));
        self.paginate_tree(&mut doc.sections, body_end, &spans);
        for attachment in &mut doc.attachments {
            let end = attachment
                .block
                .and_then(|b| starts.iter().find(|&&s| s > b))
                .map_or(last, |&s| s.saturating_sub(1));
            self.paginate_tree(&mut attachment.sections, end, &spans);
        }
    }

    /// Sections run from their heading to the block before the next
    /// sibling's heading, the last one to `end`.
    fn paginate_tree(&self, sections: &mut [Section], end: usize, spans: &[Span]) {
        let heads: Vec<usize> = sections.iter().map(|s| s.block).collect();
        for (k, section) in sections.iter_mut().enumerate() {
            let own_end = heads
                .get(k + 1)
                .map_or(end, |&next| next.saturating_sub(1).max(section.block));
            if let (Some(first), Some(last)) = (spans.get(section.block), spans.get(own_end)) {
                section.pages = Some(self.range(Span::new(first.start, last.end)));
            }
            self.paginate_tree(&mut section.children, own_end, spans);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_is_on_the_page_after_the_form_feeds_before_it() {
        let text = "一\u{c}二\u{c}三\u{c}";
        let pages = PageIndex::of(text).expect("paged");
        assert_eq!(pages.page_of(0), 1);
        assert_eq!(pages.page_of(text.find('二').unwrap_or_default()), 2);
        assert_eq!(pages.page_of(text.find('三').unwrap_or_default()), 3);
        assert!(PageIndex::of("no pages").is_none());
    }
}
