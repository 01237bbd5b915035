//! Where derived text lies in the text as published: a block's (or a
//! paragraph's) text is its pieces — spans of the original — joined, with
//! at most one space or tab between two; an offset in the joined text maps
//! to the original through the piece it falls in.
//!
//! The one rule for every such mapping: an offset in a piece maps into that
//! piece; one in the separator after a piece, to that piece's end; and when
//! the text is not its pieces joined (a cell stripped of HTML, a title
//! without stray spaces) or the range lies outside the text, the answer is
//! the block's whole extent.
//!
//! Not for: text whose characters were changed in place (Markdown, folded
//! traditional characters): their own modules map those back.

use std::ops::Range;

use crate::{Block, Span};

impl Span {
    /// From the start of the first of `pieces` to the end of the last;
    /// `0..0` for no pieces.
    pub fn covering(pieces: &[Span]) -> Span {
        let start = pieces.first().map_or(0, |p| p.start);
        let end = pieces.last().map_or(start, |p| p.end);
        Span::new(start, end)
    }
}

impl Block {
    /// The whole extent of the block in the issue text.
    pub fn extent(&self) -> Span {
        Span::covering(&self.pieces)
    }

    /// The original span of the bytes `range` of the block's text; the
    /// block's whole [`extent`](Self::extent) when the text is not its
    /// pieces joined or the range is not in it.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.source_place(range)
            .map_or_else(|| self.extent(), |(span, _)| span)
    }

    /// [`source_span`](Self::source_span) with the index of the piece the
    /// range starts in; `None` where `source_span` falls back to the whole
    /// extent.
    pub fn source_place(&self, range: Range<usize>) -> Option<(Span, usize)> {
        if range.start > range.end || range.end > self.text.len() {
            return None;
        }
        let starts = piece_starts(&self.text, &self.pieces)?;
        source_range(&self.pieces, &starts, range)
    }
}

/// Where each of `pieces` starts in `text`, when `text` is the pieces
/// joined with at most one space or tab between two; `None` otherwise.
pub fn piece_starts(text: &str, pieces: &[Span]) -> Option<Vec<usize>> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut pos = 0;
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 && matches!(bytes.get(pos), Some(b' ' | b'\t')) {
            pos += 1;
        }
        starts.push(pos);
        pos += piece.end.checked_sub(piece.start)?;
    }
    (pos == text.len()).then_some(starts)
}

/// The original offset of `offset` in a text made of `pieces`, piece `k`
/// starting at `starts[k]`, and the index of its piece; an offset past a
/// piece (in the separator after it, or past the text) maps to its end.
/// `None` for no pieces.
pub fn source_offset(pieces: &[Span], starts: &[usize], offset: usize) -> Option<(usize, usize)> {
    let k = starts
        .partition_point(|&start| start <= offset)
        .saturating_sub(1);
    let (piece, start) = (pieces.get(k)?, starts.get(k)?);
    Some((piece.start.saturating_add(offset - start).min(piece.end), k))
}

/// The original span of `range` of a text made of `pieces` (see
/// [`source_offset`]), with the index of the piece it starts in: its end is
/// the end of its last byte, so a range ending with a piece ends there and
/// not at the start of the next.
fn source_range(pieces: &[Span], starts: &[usize], range: Range<usize>) -> Option<(Span, usize)> {
    let (start, k) = source_offset(pieces, starts, range.start)?;
    let end = match range.end.checked_sub(1) {
        Some(last) if range.end > range.start => {
            let (at, j) = source_offset(pieces, starts, last)?;
            pieces.get(j).map_or(at, |piece| (at + 1).min(piece.end))
        }
        _ => start,
    };
    Some((Span::new(start, end.max(start)), k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BlockKind;

    fn block(text: &str, pieces: Vec<Span>) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.to_owned(),
            pieces,
            line: 1,
            section: None,
            attachment: None,
        }
    }

    #[test]
    fn an_offset_maps_into_its_piece_across_a_join() {
        // "市财政\n局负责" joined as "市财政局负责": pieces 0..9 and 10..19.
        let joined = block("市财政局负责", vec![Span::new(0, 9), Span::new(10, 19)]);
        assert_eq!(joined.source_span(0..12), Span::new(0, 13));
        assert_eq!(joined.source_place(9..12), Some((Span::new(10, 13), 1)));
        // A range ending with the first piece ends there.
        assert_eq!(joined.source_span(3..9), Span::new(3, 9));
        // A space between two pieces belongs to neither.
        let spaced = block("ab cd", vec![Span::new(0, 2), Span::new(5, 7)]);
        assert_eq!(spaced.source_span(3..5), Span::new(5, 7));
        assert_eq!(spaced.source_span(0..3), Span::new(0, 2));
    }

    #[test]
    fn text_that_is_not_its_pieces_gives_the_whole_block() {
        let stripped = block("标题", vec![Span::new(4, 10), Span::new(11, 20)]);
        assert_eq!(stripped.source_span(0..3), Span::new(4, 20));
        assert_eq!(stripped.source_place(0..3), None);
        let fine = block("标题", vec![Span::new(4, 10)]);
        assert_eq!(fine.source_span(3..9), Span::new(4, 10));
        let (start, end) = (3, 1);
        assert_eq!(fine.source_span(start..end), Span::new(4, 10));
        assert_eq!(block("", Vec::new()).source_span(0..0), Span::new(0, 0));
    }
}
