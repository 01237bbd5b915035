//! Every non-blank character of the input is in exactly one block, in
//! order, or (paged text only) in exactly one of the issue's artifacts (page
//! numbers, running headers, 版头), and each block's derived text holds the
//! same characters as its original pieces (joins add nothing but, at most,
//! a space; a dropped space around a number is not a character lost).

use gazette_model::{Issue, RepairKind, Span};

use crate::common::{fixtures, sample_text};

fn non_blank(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The input without the artifacts' spans (each must hold its own text).
fn without_artifacts(text: &str, issue: &Issue) -> Result<String, String> {
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for artifact in &issue.artifacts {
        let span = artifact.span;
        if span.start < at || span.of(text) != artifact.text {
            return Err(format!("line {}: artifact out of place", artifact.line));
        }
        rest.push_str(text.get(at..span.start).unwrap_or_default());
        at = span.end;
    }
    rest.push_str(text.get(at..).unwrap_or_default());
    Ok(rest)
}

/// Checks the invariant and returns a message for the first breach.
pub fn check(text: &str, issue: &Issue) -> Result<(), String> {
    let body = without_artifacts(text, issue)?;
    let blocks = issue
        .front_matter
        .iter()
        .chain(issue.documents.iter().flat_map(|d| d.blocks.iter()));
    let mut covered = String::new();
    // Markdown markup left out of a derived text is recorded, span for span,
    // as a StripMarkup repair: those characters are in the pieces only.
    let mut markup: Vec<Span> = issue
        .documents
        .iter()
        .flat_map(|d| d.repairs.iter())
        .filter(|r| r.kind == RepairKind::StripMarkup)
        .map(|r| r.span)
        .collect();
    markup.sort_by_key(|s| s.start);
    let without_markup = |piece: &Span| -> String {
        let mut kept = String::new();
        let mut at = piece.start;
        for m in markup
            .iter()
            .filter(|m| m.start < piece.end && m.end > piece.start)
        {
            kept.push_str(text.get(at..m.start.max(at)).unwrap_or_default());
            at = at.max(m.end);
        }
        kept.push_str(text.get(at.min(piece.end)..piece.end).unwrap_or_default());
        kept
    };
    for block in blocks {
        let original: String = block.pieces.iter().map(|p| p.of(text)).collect();
        let derived_from: String = block.pieces.iter().map(without_markup).collect();
        if non_blank(&derived_from) != non_blank(&block.text) {
            return Err(format!(
                "line {}: block text differs from its pieces",
                block.line
            ));
        }
        covered.push_str(&original);
    }
    if non_blank(&covered) != non_blank(&body) {
        return Err("the blocks do not hold exactly the input's characters, in order".to_owned());
    }
    let mut end = 0;
    for doc in &issue.documents {
        if doc.span.start < end {
            return Err(format!("{} overlaps the document before it", doc.id));
        }
        end = doc.span.end;
    }
    Ok(())
}

#[test]
fn the_sample_loses_nothing() {
    let text = sample_text();
    let issue = gazette_parse::parse_text(&text);
    check(&text, &issue).expect("nothing lost");
}

#[test]
fn the_state_council_documents_lose_nothing() {
    for entry in std::fs::read_dir(fixtures().join("govcn")).expect("govcn fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("utf-8");
            let issue = gazette_parse::parse_text(&text);
            check(&text, &issue).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

#[test]
fn line_less_texts_lose_nothing() {
    let govcn = std::fs::read_dir(fixtures().join("govcn")).expect("govcn fixtures");
    let ocr = std::fs::read_dir(fixtures().join("ocr-flat")).expect("ocr-flat fixtures");
    let mut seen = 0;
    for entry in govcn.chain(ocr) {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("utf-8");
            // The State Council texts flattened; the OCR texts as they are
            // (flattening them changes nothing but a final line break).
            let flat = crate::lineless::flatten(&text);
            let issue = gazette_parse::parse_text(&flat);
            assert_eq!(
                issue.form,
                gazette_model::TextForm::LineLess,
                "{}",
                path.display()
            );
            check(&flat, &issue).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            seen += 1;
        }
    }
    assert_eq!(seen, 98);
}

#[test]
fn the_sample_flattened_loses_nothing() {
    let text = crate::lineless::flatten(&sample_text());
    let issue = gazette_parse::parse_text(&text);
    check(&text, &issue).expect("nothing lost");
}
