//! Search snippets, rebuilt rather than trusted.
//!
//! The search crate says its snippets are HTML with matches in
//! `<mark>…</mark>` and everything else escaped. Instead of writing that
//! string into the page as it is, it is read back here into pieces of
//! plain text — marked or not — and the page escapes them again. A snippet
//! with anything else in it (another tag, an unknown entity, a stray `<`)
//! is refused, and the page shows no snippet rather than unchecked HTML.

use maud::{html, Markup};

/// A run of snippet text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Context.
    Text(String),
    /// A match.
    Mark(String),
}

/// Reads a snippet into pieces; `None` when it is not what the search
/// crate promises.
pub fn pieces(snippet: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut rest = snippet;
    while let Some(open) = rest.find("<mark>") {
        let before = rest.get(..open)?;
        push(&mut out, Piece::Text(unescape(before)?));
        let after_open = rest.get(open + "<mark>".len()..)?;
        let close = after_open.find("</mark>")?;
        push(&mut out, Piece::Mark(unescape(after_open.get(..close)?)?));
        rest = after_open.get(close + "</mark>".len()..)?;
    }
    push(&mut out, Piece::Text(unescape(rest)?));
    Some(out)
}

fn push(out: &mut Vec<Piece>, piece: Piece) {
    let empty = match &piece {
        Piece::Text(t) | Piece::Mark(t) => t.is_empty(),
    };
    if !empty {
        out.push(piece);
    }
}

/// Undoes the five escapes the search crate writes; `None` on any other
/// markup.
fn unescape(text: &str) -> Option<String> {
    if text.contains(['<', '>']) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp)?);
        let entity = rest.get(amp..)?;
        let (plain, len) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ]
        .iter()
        .find(|(name, _)| entity.starts_with(name))
        .map(|(name, c)| (*c, name.len()))?;
        out.push(plain);
        rest = entity.get(len..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// The snippet as markup: escaped text with `<mark>` around matches.
pub fn render(snippet: &str) -> Option<Markup> {
    let pieces = pieces(snippet)?;
    Some(html! {
        @for piece in &pieces {
            @match piece {
                Piece::Text(text) => (text),
                Piece::Mark(text) => mark { (text) },
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_escapes_are_read_back_and_written_again() {
        let snippet = "a&lt;b&gt; &amp; 社会<mark>保险</mark>&quot;x&#39;";
        assert_eq!(
            pieces(snippet),
            Some(vec![
                Piece::Text("a<b> & 社会".to_owned()),
                Piece::Mark("保险".to_owned()),
                Piece::Text("\"x'".to_owned()),
            ])
        );
        let html = render(snippet).expect("valid").into_string();
        assert_eq!(html, "a&lt;b&gt; &amp; 社会<mark>保险</mark>&quot;x'");
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "<script>alert(1)</script>",
            "<mark>unclosed",
            "a &nbsp; b",
            "x</mark>",
            "<mark><img src=x onerror=alert(1)></mark>",
            "&",
        ] {
            assert_eq!(pieces(bad), None, "{bad}");
        }
    }
}
