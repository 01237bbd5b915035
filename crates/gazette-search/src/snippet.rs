//! Snippets: a short excerpt of the body around the first match, with the
//! matches marked.
//!
//! Matches are found again in the stored text with the very analysis the
//! index uses ([`ngram`](crate::ngram)), so what is marked is exactly what
//! matched: the original characters, full-width or not. The excerpt is a
//! [`Snippet`]: runs of text as printed, the matches marked, whitespace
//! shown as spaces, `…` where text was cut. It is not markup: each face
//! renders it (escaped HTML in pages and the API, plain or coloured text
//! on a terminal).
//!
//! A section can be long, and only its first match is wanted, so the text
//! is not analysed whole when it need not be. Normalisation is done one
//! character at a time (see [`normalize`](crate::normalize)), so a piece of
//! the text analyses as it does within the whole, except for its last unit,
//! which the cut may shorten. A needle that starts with a CJK character
//! (its *lead*) can only match where that character is printed, or a
//! compatibility ideograph of it: each place it is printed is checked in a
//! short window, for the first match and for the others the excerpt
//! shows. Other needles, and text with compatibility ideographs, are
//! matched on the analysis of the whole section, or of the excerpt and a
//! little more.
//!
//! Snippets only show; they never decide whether a document matches.

use serde::Serialize;

use crate::ngram::{units, CutText};

/// Characters of context kept before the first match.
pub const CONTEXT_BEFORE: usize = 20;
/// Characters of the excerpt, unless a match is longer.
pub const WIDTH: usize = 80;
/// Bytes analysed past the end of the excerpt, to mark a match that starts
/// inside it and runs on.
const MARK_SLACK: usize = 256;

/// An excerpt of a section around its first match: its text in runs, in
/// order, each marked (a match) or not (context). Runs are never empty and
/// two neighbours are never both marked or both unmarked. Whitespace is
/// shown as a space; the first run starts with `…` when the excerpt starts
/// after the section does, the last ends with `…` (a run of its own after
/// a mark) when it stops before its end. Serialised as the list of runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Snippet {
    /// The runs, in order.
    pub runs: Vec<SnippetRun>,
}

/// A run of snippet text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetRun {
    /// The text, as printed (whitespace as spaces).
    pub text: String,
    /// Whether it is a match.
    pub marked: bool,
}

impl Snippet {
    /// The text of every run, each marked run between `open` and `close`
    /// (`【`, `】`, or a terminal's escape codes). Nothing is escaped: this
    /// is no HTML.
    pub fn marked_with(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for run in &self.runs {
            match run.marked {
                true => {
                    out.push_str(open);
                    out.push_str(&run.text);
                    out.push_str(close);
                }
                false => out.push_str(&run.text),
            }
        }
        out
    }

    /// Appends `text`, whitespace as spaces, to the runs: to the last run
    /// when it is marked alike.
    fn push(&mut self, text: &str, marked: bool) {
        if text.is_empty() {
            return;
        }
        let spaced = text.chars().map(|c| match c.is_whitespace() {
            true => ' ',
            false => c,
        });
        match self.runs.last_mut() {
            Some(last) if last.marked == marked => last.text.extend(spaced),
            _ => self.runs.push(SnippetRun {
                text: spaced.collect(),
                marked,
            }),
        }
    }
}

/// The units of a query text, by slot relative to the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    units: Vec<(usize, String)>,
    /// The first unit when it is one CJK ideograph: a match starts where
    /// it is printed (or a compatibility ideograph of it).
    lead: Option<String>,
    /// Bytes of printed text that hold a match and the unit after it, in
    /// the usual case: the first window a match is checked in.
    window: usize,
}

impl Needle {
    /// The needle of `text`, `None` when it has no unit.
    pub fn new(text: &str) -> Option<Needle> {
        let units = units(text);
        let first = units.first()?;
        let base = first.slot;
        let mut chars = first.text.chars();
        let lead = match (chars.next(), chars.next()) {
            (Some(c), None) if is_cjk(c) => Some(first.text.clone()),
            _ => None,
        };
        let last_slot = units.last().map_or(0, |u| u.slot - base);
        let window = units.iter().map(|u| u.text.len()).sum::<usize>() + 4 * (last_slot + 2);
        Some(Needle {
            units: units.into_iter().map(|u| (u.slot - base, u.text)).collect(),
            lead,
            window,
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

    /// The matches in `text` that start where the lead is printed, at byte
    /// `from` to byte `to` (both included), in order; none without a lead.
    fn printed<'a>(
        &'a self,
        text: &'a str,
        from: usize,
        to: usize,
        cut: &'a mut CutText,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        let lead = self.lead.as_deref().unwrap_or_default().as_bytes();
        let stop = to.saturating_add(lead.len()).min(text.len());
        let within = match lead.is_empty() {
            true => &[],
            false => text.as_bytes().get(from..stop).unwrap_or_default(),
        };
        memchr::memmem::find_iter(within, lead)
            .filter_map(move |at| self.printed_at(text, from + at, cut))
    }

    /// The match that starts at byte `at` of `text`, if there is one,
    /// analysing a window that grows until it holds a unit past the
    /// needle's (or the rest of the text).
    fn printed_at(&self, text: &str, at: usize, cut: &mut CutText) -> Option<(usize, usize)> {
        let rest = text.get(at..)?;
        let mut width = self.window;
        loop {
            let end = char_boundary(rest, width);
            cut.cut(&rest[..end]);
            if cut.len() > self.units.len() || end == rest.len() {
                break;
            }
            width = width.saturating_mul(2);
        }
        if !self.at(cut, 0) {
            return None;
        }
        let (from, to) = cut.bytes(0, self.units.len() - 1)?;
        Some((at + from, at + to))
    }
}

/// The common CJK block, where the lead of a needle is looked for.
fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether the UTF-8 `text` may hold a compatibility ideograph: U+F900 to
/// U+FAFF (EF A4 80 to EF AB BF) or U+2F800 to U+2FA1F (F0 AF A0 80 to
/// F0 AF A8 9F), by their first two bytes.
fn has_compatibility_ideograph(text: &[u8]) -> bool {
    let second = |at: usize| text.get(at + 1).copied();
    memchr::memchr_iter(0xEF, text).any(|at| matches!(second(at), Some(0xA4..=0xAB)))
        || memchr::memchr_iter(0xF0, text).any(|at| second(at) == Some(0xAF))
}

/// The excerpt of `text` around its first match of a needle, `None` when
/// none occurs.
pub fn snippet(text: &str, needles: &[Needle]) -> Option<Snippet> {
    let mut cut = CutText::default();
    let first = first_match(text, needles, &mut cut)?;
    let (start, end) = excerpt_bounds(text, first);
    let marks = marks(text, first.0, end, needles, &mut cut);
    Some(excerpt(text, start, end, &marks))
}

/// Whether every needle has a lead: then matching can start from where
/// the leads are printed.
fn all_led(needles: &[Needle]) -> bool {
    needles.iter().all(|needle| needle.lead.is_some())
}

/// Byte range of the first match in `text`.
fn first_match(text: &str, needles: &[Needle], cut: &mut CutText) -> Option<(usize, usize)> {
    if all_led(needles) {
        let found = needles
            .iter()
            .filter_map(|needle| needle.printed(text, 0, text.len(), cut).next())
            .min();
        if found.is_some() || !has_compatibility_ideograph(text.as_bytes()) {
            return found;
        }
    }
    matches(text, needles, true, cut).first().copied()
}

/// The matches to mark in an excerpt ending at byte `end`, the first match
/// starting at byte `first`, overlapping ones merged, in order.
fn marks(
    text: &str,
    first: usize,
    end: usize,
    needles: &[Needle],
    cut: &mut CutText,
) -> Vec<(usize, usize)> {
    let shown = text.as_bytes().get(first..end).unwrap_or_default();
    if all_led(needles) && !has_compatibility_ideograph(shown) {
        let mut found = Vec::new();
        // A match running past the end moves it (see `excerpt`), and so may
        // one that starts in the part it adds, or right after a match
        // (they merge).
        let (mut from, mut to) = (first, end);
        loop {
            for needle in needles {
                found.extend(needle.printed(text, from, to, cut));
            }
            let reach = found.iter().map(|&(_, end)| end).max().unwrap_or(to);
            if reach <= to {
                return merge(found);
            }
            (from, to) = (to, reach);
        }
    }
    // The first match starts a unit, so the analysis from there on agrees
    // with the whole text's; none starts before it.
    let region_end = char_boundary(text, end.saturating_add(MARK_SLACK));
    let region = &text[first..region_end];
    matches(region, needles, region_end == text.len(), cut)
        .into_iter()
        .map(|(from, to)| (first + from, first + to))
        .collect()
}

/// Byte ranges of `text` where any needle occurs, overlapping ones merged,
/// in order. When `text` is a piece cut short (`complete` false), its last
/// unit may be cut too, and a match that ends on it is left out.
fn matches(
    text: &str,
    needles: &[Needle],
    complete: bool,
    cut: &mut CutText,
) -> Vec<(usize, usize)> {
    cut.cut(text);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for start in 0..cut.len() {
        for needle in needles {
            if !needle.at(cut, start) {
                continue;
            }
            let last = start + needle.units.len() - 1;
            if !complete && last + 1 == cut.len() {
                continue;
            }
            found.extend(cut.bytes(start, last));
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

/// The smallest character boundary of `text` at or after byte `at`, or
/// its end.
fn char_boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// Where the excerpt of the match `first` begins and ends: from
/// [`CONTEXT_BEFORE`] characters before it, [`WIDTH`] characters or to its
/// end.
fn excerpt_bounds(text: &str, (from, to): (usize, usize)) -> (usize, usize) {
    let start = text
        .get(..from)
        .unwrap_or("")
        .char_indices()
        .rev()
        .take(CONTEXT_BEFORE)
        .last()
        .map_or(from, |(i, _)| i);
    let end = text
        .get(start..)
        .unwrap_or("")
        .char_indices()
        .nth(WIDTH)
        .map_or(text.len(), |(i, _)| start + i);
    (start, end.max(to))
}

/// The snippet of `text[start..end]`, `marks` (byte ranges, in order)
/// marked; the end moves on past a mark it would cut in two.
fn excerpt(text: &str, start: usize, mut end: usize, marks: &[(usize, usize)]) -> Snippet {
    for &(from, to) in marks {
        if from < end && to > end {
            end = to;
        }
    }
    let mut snippet = Snippet::default();
    if start > 0 {
        snippet.push("…", false);
    }
    let mut at = start;
    for &(from, to) in marks
        .iter()
        .filter(|(from, _)| *from >= start && *from < end)
    {
        snippet.push(text.get(at..from).unwrap_or(""), false);
        snippet.push(text.get(from..to).unwrap_or(""), true);
        at = to;
    }
    snippet.push(text.get(at..end).unwrap_or(""), false);
    if end < text.len() {
        snippet.push("…", false);
    }
    snippet
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn needles(texts: &[&str]) -> Vec<Needle> {
        texts.iter().filter_map(|t| Needle::new(t)).collect()
    }

    /// Every match, from the analysis of the whole text.
    fn find(text: &str, needles: &[Needle]) -> Vec<(usize, usize)> {
        matches(text, needles, true, &mut CutText::default())
    }

    /// The snippet as the whole text's analysis gives it.
    fn snippet_of_whole(text: &str, needles: &[Needle]) -> Option<Snippet> {
        let all = find(text, needles);
        let first = *all.first()?;
        let (start, end) = excerpt_bounds(text, first);
        Some(excerpt(text, start, end, &all))
    }

    /// The snippet of `text`, its marks shown as `<mark>…</mark>` (and
    /// nothing escaped).
    fn marked(text: &str, needles: &[Needle]) -> Option<String> {
        snippet(text, needles).map(|s| s.marked_with("<mark>", "</mark>"))
    }

    fn run(text: &str, marked: bool) -> SnippetRun {
        SnippetRun {
            text: text.to_owned(),
            marked,
        }
    }

    #[test]
    fn finds_what_the_index_would_match() {
        let text = "为完善社会保险制度，职工社会 保险待遇";
        // 社会保险 is bytes 9..21; the second 社会 保险 has a space inside.
        assert_eq!(find(text, &needles(&["社会保险"])), [(9, 21)]);
        assert_eq!(find(text, &needles(&["社会 保险"])), [(36, 49)]);
        assert_eq!(find("ＧＭＰ认证", &needles(&["gmp"])), [(0, 9)]);
        assert_eq!(
            marked(text, &needles(&["社会 保险"])).as_deref(),
            Some("为完善社会保险制度，职工<mark>社会 保险</mark>待遇")
        );
    }

    #[test]
    fn a_compatibility_ideograph_is_still_found() {
        // U+F900 is a compatibility form of 豈 (U+8C48): the text holds no
        // 豈 as such, yet the needle occurs.
        let needle = needles(&["豈乙"]);
        assert_eq!(find("甲\u{F900}乙", &needle), [(3, 9)]);
        assert_eq!(find("甲乙", &needle), []);
        assert_eq!(snippet("甲乙", &needle), None);
        assert_eq!(
            marked("甲\u{F900}乙", &needle).as_deref(),
            Some("甲<mark>\u{F900}乙</mark>")
        );
    }

    #[test]
    fn overlapping_matches_merge() {
        assert_eq!(
            find("社会保险费", &needles(&["社会保险", "保险费"])),
            [(0, 15)]
        );
    }

    #[test]
    fn marks_matches_and_keeps_the_rest_as_printed() {
        // Escaping is the faces' work (the server's `snippet` module).
        let text = "a<b> & 社会保险\n费率";
        assert_eq!(
            snippet(text, &needles(&["保险"])),
            Some(Snippet {
                runs: vec![
                    run("a<b> & 社会", false),
                    run("保险", true),
                    run(" 费率", false)
                ]
            })
        );
    }

    #[test]
    fn long_text_is_cut_around_the_first_match() {
        let text = format!("{}社会保险{}", "甲".repeat(30), "乙".repeat(100));
        let html = marked(&text, &needles(&["社会保险"])).expect("a match");
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
        let html = marked(&text, &needles(&["社会保险"])).expect("a match");
        assert!(html.ends_with("<mark>社会保险</mark>…"), "{html}");
        assert!(html.starts_with("<mark>社会保险</mark>甲"), "{html}");
    }

    #[test]
    fn a_match_longer_than_its_first_window_is_found_whole() {
        // Any run of separators is one gap, however long.
        let text = format!("社会{}保险。社会", " ".repeat(100));
        // The match is longer than the excerpt's width: it is all shown.
        let html = marked(&text, &needles(&["社会 保险"])).expect("a match");
        assert_eq!(html, format!("<mark>社会{}保险</mark>…", " ".repeat(100)));
    }

    #[test]
    fn a_latin_run_cut_by_a_window_is_not_a_match() {
        // The needle ipv is not in ipv6: the run is one unit.
        assert_eq!(snippet("地址ipv6地址", &needles(&["地址ipv"])), None);
        assert_eq!(
            marked("地址ipv6地址", &needles(&["地址ipv6"])).as_deref(),
            Some("<mark>地址ipv6</mark>地址")
        );
    }

    #[test]
    fn no_match_no_excerpt() {
        assert_eq!(snippet("社会保险", &needles(&["医疗"])), None);
        assert_eq!(snippet("社会保险", &[]), None);
        assert_eq!(find("社会保险", &needles(&["医疗"])), []);
    }

    proptest! {
        /// Analysing windows gives the snippet the whole text gives.
        #[test]
        fn windows_agree_with_the_whole_text(
            text in "[社会保险费 ，。ａbＧ1<]{0,160}",
            queries in prop::collection::vec("[社会保险费 ，ab1]{1,5}", 1..3),
        ) {
            let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
            let needles = needles(&queries);
            let shown = snippet(&text, &needles);
            prop_assert_eq!(&shown, &snippet_of_whole(&text, &needles));
            // Runs are never empty, and marked and unmarked ones alternate.
            let runs = shown.map(|s| s.runs).unwrap_or_default();
            prop_assert!(runs.iter().all(|run| !run.text.is_empty()));
            prop_assert!(runs.windows(2).all(|pair| pair[0].marked != pair[1].marked));
        }
    }
}
