//! Snippets: a short excerpt of the body around the first match, with the
//! matches marked.
//!
//! Matches are found again in the stored text with the very analysis the
//! index uses ([`ngram::units`](crate::ngram::units)), so what is marked is
//! exactly what matched: the original characters, full-width or not. The
//! excerpt is HTML: matches in `<mark>…</mark>`, everything else escaped,
//! line breaks as spaces, `…` where text was cut.
//!
//! Snippets only show; they never decide whether a document matches.

use crate::ngram::{units, CutText};

/// Characters of context kept before the first match.
pub const CONTEXT_BEFORE: usize = 20;
/// Characters of the excerpt, unless a match is longer.
pub const WIDTH: usize = 80;

/// The units of a query text, by slot relative to the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    units: Vec<(usize, String)>,
}

impl Needle {
    /// The needle of `text`, `None` when it has no unit.
    pub fn new(text: &str) -> Option<Needle> {
        let units = units(text);
        let base = units.first()?.slot;
        Some(Needle {
            units: units.into_iter().map(|u| (u.slot - base, u.text)).collect(),
        })
    }

    /// Whether the needle occurs at unit `start` of `haystack`.
    fn at(&self, haystack: &CutText, start: usize) -> bool {
        let Some(first) = haystack.slot(start) else {
            return false;
        };
        self.units.iter().enumerate().all(|(k, (offset, text))| {
            haystack.is(start + k, text)
                && haystack
                    .slot(start + k)
                    .is_some_and(|slot| slot - first == *offset)
        })
    }
}

impl Needle {
    /// Whether the needle may occur in `text`, by a quick look at the raw
    /// bytes: `false` only when it cannot. A CJK character is its own
    /// normal form, and only a compatibility ideograph normalises into one,
    /// so a needle starting with one needs that character, or such an
    /// ideograph, in the text.
    fn may_occur_in(&self, text: &str) -> bool {
        let Some(first) = self.units.first().and_then(|(_, unit)| unit.chars().next()) else {
            return false;
        };
        if !('\u{4E00}'..='\u{9FFF}').contains(&first) {
            return true;
        }
        text.contains(first) || text.chars().any(is_compatibility_ideograph)
    }
}

fn is_compatibility_ideograph(c: char) -> bool {
    matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}')
}

/// Byte ranges of `text` where any needle occurs, overlapping ones merged,
/// in order.
pub fn find(text: &str, needles: &[Needle]) -> Vec<(usize, usize)> {
    if !needles.iter().any(|needle| needle.may_occur_in(text)) {
        return Vec::new();
    }
    let haystack = CutText::new(text);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for start in 0..haystack.len() {
        for needle in needles {
            if !needle.at(&haystack, start) {
                continue;
            }
            let last = start + needle.units.len() - 1;
            found.extend(haystack.bytes(start, last));
        }
    }
    merge(found)
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// The excerpt of `text` around the first of `matches` (byte ranges from
/// [`find`]), `None` when there is none.
pub fn excerpt(text: &str, matches: &[(usize, usize)]) -> Option<String> {
    let &(first_from, first_to) = matches.first()?;
    // Byte offset of every character, and the end.
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let char_at = |byte: usize| starts.partition_point(|&s| s < byte);
    let first_char = char_at(first_from);
    let start_char = first_char.saturating_sub(CONTEXT_BEFORE);
    let end_char = (start_char + WIDTH).min(starts.len() - 1);
    let start = starts.get(start_char).copied().unwrap_or(0);
    let mut end = starts
        .get(end_char)
        .copied()
        .unwrap_or(text.len())
        .max(first_to);
    // Never cut a match in two.
    for &(from, to) in matches {
        if from < end && to > end {
            end = to;
        }
    }
    let mut html = String::with_capacity((end - start) * 2);
    if start > 0 {
        html.push('…');
    }
    let mut at = start;
    for &(from, to) in matches
        .iter()
        .filter(|(from, _)| *from >= start && *from < end)
    {
        push_escaped(&mut html, text.get(at..from).unwrap_or(""));
        html.push_str("<mark>");
        push_escaped(&mut html, text.get(from..to).unwrap_or(""));
        html.push_str("</mark>");
        at = to;
    }
    push_escaped(&mut html, text.get(at..end).unwrap_or(""));
    if end < text.len() {
        html.push('…');
    }
    Some(html)
}

/// Appends `text` HTML-escaped, whitespace as plain spaces.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(texts: &[&str]) -> Vec<Needle> {
        texts.iter().filter_map(|t| Needle::new(t)).collect()
    }

    #[test]
    fn finds_what_the_index_would_match() {
        let text = "为完善社会保险制度，职工社会 保险待遇";
        // 社会保险 is bytes 9..21; the second 社会 保险 has a space inside.
        assert_eq!(find(text, &needles(&["社会保险"])), [(9, 21)]);
        assert_eq!(find(text, &needles(&["社会 保险"])), [(36, 49)]);
        assert_eq!(find("ＧＭＰ认证", &needles(&["gmp"])), [(0, 9)]);
    }

    #[test]
    fn a_compatibility_ideograph_is_still_found() {
        // U+F900 is a compatibility form of 豈 (U+8C48): the text holds no
        // 豈 as such, yet the needle occurs.
        assert_eq!(find("甲\u{F900}乙", &needles(&["豈乙"])), [(3, 9)]);
        assert_eq!(find("甲乙", &needles(&["豈乙"])), []);
    }

    #[test]
    fn overlapping_matches_merge() {
        assert_eq!(
            find("社会保险费", &needles(&["社会保险", "保险费"])),
            [(0, 15)]
        );
    }

    #[test]
    fn marks_matches_and_escapes_the_rest() {
        let text = "a<b> & 社会保险\n费率";
        let matches = find(text, &needles(&["保险"]));
        assert_eq!(
            excerpt(text, &matches).as_deref(),
            Some("a&lt;b&gt; &amp; 社会<mark>保险</mark> 费率")
        );
    }

    #[test]
    fn long_text_is_cut_around_the_first_match() {
        let text = format!("{}社会保险{}", "甲".repeat(30), "乙".repeat(100));
        let matches = find(&text, &needles(&["社会保险"]));
        let html = excerpt(&text, &matches).expect("a match");
        let expected = format!(
            "…{}<mark>社会保险</mark>{}…",
            "甲".repeat(CONTEXT_BEFORE),
            "乙".repeat(WIDTH - CONTEXT_BEFORE - 4)
        );
        assert_eq!(html, expected);
    }

    #[test]
    fn a_match_at_the_cut_is_kept_whole() {
        // The window ends inside the second 社会保险, which is kept whole.
        let text = format!("社会保险{}社会保险乙", "甲".repeat(WIDTH - 6));
        let matches = find(&text, &needles(&["社会保险"]));
        let html = excerpt(&text, &matches).expect("a match");
        assert!(html.ends_with("<mark>社会保险</mark>…"), "{html}");
        assert!(html.starts_with("<mark>社会保险</mark>甲"), "{html}");
    }

    #[test]
    fn no_match_no_excerpt() {
        assert_eq!(excerpt("社会保险", &[]), None);
        assert_eq!(find("社会保险", &needles(&["医疗"])), []);
    }
}
