//! Search snippets as HTML: the one renderer of the engine's [`Snippet`]
//! runs, for the search page and for the API's `snippet` string, so that
//! both show the same thing. maud escapes the text (escaped by
//! construction); matches are in `<mark>`.
//!
//! Not for: choosing the excerpt (the search crate) or showing it on a
//! terminal (the CLI).

use gazette_archive::types::Snippet;
use maud::{html, Markup};

/// The snippet as markup: escaped text with `<mark>` around matches.
pub fn markup(snippet: &Snippet) -> Markup {
    html! {
        @for run in &snippet.runs {
            @if run.marked {
                mark { (run.text) }
            } @else {
                (run.text)
            }
        }
    }
}

/// The snippet as an HTML string (the API's `snippet`).
pub fn html(snippet: &Snippet) -> String {
    markup(snippet).into_string()
}

#[cfg(test)]
mod tests {
    use gazette_archive::types::SnippetRun;

    use super::*;

    fn snippet(runs: &[(&str, bool)]) -> Snippet {
        Snippet {
            runs: runs
                .iter()
                .map(|&(text, marked)| SnippetRun {
                    text: text.to_owned(),
                    marked,
                })
                .collect(),
        }
    }

    #[test]
    fn marks_matches_and_escapes_the_rest() {
        // The runs the search crate gives for "a<b> & 社会保险\n费率" and
        // the query 保险.
        let runs = snippet(&[("a<b> & 社会", false), ("保险", true), (" 费率", false)]);
        assert_eq!(html(&runs), "a&lt;b&gt; &amp; 社会<mark>保险</mark> 费率");
    }

    #[test]
    fn marks_and_escapes_are_written_again() {
        let runs = snippet(&[("a<b> & 社会", false), ("保险", true), ("\"x'", false)]);
        assert_eq!(
            html(&runs),
            "a&lt;b&gt; &amp; 社会<mark>保险</mark>&quot;x'"
        );
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        for (text, marked) in [
            ("<script>alert(1)</script>", false),
            ("<img src=x onerror=alert(1)>", true),
            ("</mark>", true),
            ("&nbsp;", false),
        ] {
            let out = html(&snippet(&[(text, marked)]));
            let inner = out
                .strip_prefix("<mark>")
                .and_then(|rest| rest.strip_suffix("</mark>"))
                .unwrap_or(&out);
            assert!(!inner.contains(['<', '>']), "{out}");
            assert!(inner.contains("&amp;") || inner.contains("&lt;"), "{out}");
        }
    }
}
