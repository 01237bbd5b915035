//! The pieces of a responsibility list: clauses cut at ，, each clause's
//! units (split at 、, 以及, an 等 cut off, fillers trimmed) and the marker
//! word (牵头, 配合 …) that says their role, with byte positions in the list.
//!
//! Not for: naming the units (`names`) or reading them into records
//! (`super`).

use super::{declares_first_lead, Marker, MARKERS, TRAILING_WORDS};

/// One comma-separated part of a clause: its units and the marker after them.
pub(super) struct Segment {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) marker: Option<Marker>,
    /// For 甲会同乙: where 乙 lies.
    pub(super) convened: Option<(usize, usize)>,
    /// Whether only role words (负责, 落实 …) follow the marker.
    pub(super) clean_tail: bool,
}

/// The comma-separated segments of one clause, each with its marker; a
/// segment declaring that the first listed leads (列第一位者为牵头单位) or
/// saying 下同 is dropped, the declaration noted in `first_leads`.
pub(super) fn clause_segments(
    list: &str,
    start: usize,
    end: usize,
    first_leads: &mut bool,
) -> Vec<Segment> {
    let mut segments = Vec::new();
    for (s, e) in split_at(list, start, end, &['，', ',']) {
        let text = &list[s..e];
        if declares_first_lead(text) {
            *first_leads = true;
            continue;
        }
        if text == "下同" {
            continue;
        }
        segments.push(segment(list, s, e));
    }
    segments
}

pub(super) fn segment(list: &str, start: usize, end: usize) -> Segment {
    let text = &list[start..end];
    let found = MARKERS
        .iter()
        .filter_map(|(word, marker)| text.find(word).map(|at| (at, *word, *marker)))
        .min_by_key(|(at, _, _)| *at);
    let Some((at, word, marker)) = found else {
        return Segment {
            start,
            end,
            marker: None,
            convened: None,
            clean_tail: true,
        };
    };
    let mut tail = at + word.len();
    let convened = (marker == Marker::Convenes).then(|| {
        let from = tail;
        tail = MARKERS
            .iter()
            .filter_map(|(w, _)| text[from..].find(w))
            .min()
            .map_or(text.len(), |k| from + k);
        (start + from, start + tail)
    });
    Segment {
        start,
        end: start + at,
        marker: Some(marker),
        convened,
        clean_tail: only_role_words(&text[tail..]),
    }
}

/// Whether `text` is nothing but role words: 负责, 落实, 牵头负责 ….
pub(super) fn only_role_words(mut text: &str) -> bool {
    while !text.is_empty() {
        let word = MARKERS
            .iter()
            .map(|(w, _)| *w)
            .chain(["落实"])
            .find(|w| text.starts_with(w));
        match word {
            Some(w) => text = &text[w.len()..],
            None => return false,
        }
    }
    true
}

/// The names of a list of units between `start` and `end`: split on 、 and
/// 以及 (not inside 各区、市), 等 ending a name, filler words trimmed.
pub(super) fn unit_pieces(list: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    for (s, e) in split_at(list, start, end, &['、']) {
        for (s, e) in split_word(list, s, e, "以及") {
            pieces.extend(cut_etc(list, s, e));
        }
    }
    pieces
        .into_iter()
        .map(|(s, e)| trim_fillers(list, s, e))
        .filter(|(s, e)| s < e)
        .collect()
}

/// Splits `list[start..end]` at any of `seps`, trimming whitespace; a 、
/// inside 各区、市 does not split.
pub(super) fn split_at(list: &str, start: usize, end: usize, seps: &[char]) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut from = start;
    let text = list.get(start..end).unwrap_or("");
    for (i, c) in text.char_indices() {
        let at = start + i;
        if seps.contains(&c) && !inside_districts(list, at) {
            parts.push(trim(list, from, at));
            from = at + c.len_utf8();
        }
    }
    parts.push(trim(list, from, end));
    parts.into_iter().filter(|(s, e)| s < e).collect()
}

pub(super) fn inside_districts(list: &str, at: usize) -> bool {
    list[..at].ends_with("各区") && list[at..].starts_with("、市")
}

pub(super) fn split_word(list: &str, start: usize, end: usize, word: &str) -> Vec<(usize, usize)> {
    match list[start..end].find(word) {
        Some(k) => vec![(start, start + k), (start + k + word.len(), end)],
        None => vec![(start, end)],
    }
}

/// 商务部等有关部门 → 商务部; 商务部等和各有关省级人民政府 → 商务部 and
/// 各有关省级人民政府.
pub(super) fn cut_etc(list: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let text = &list[start..end];
    let Some(k) = text.rfind('等') else {
        return vec![(start, end)];
    };
    let before = (start, start + k);
    let after = &text[k + '等'.len_utf8()..];
    match ["和", "及"].iter().find_map(|w| after.strip_prefix(w)) {
        Some(rest) => vec![before, (end - rest.len(), end)],
        None => vec![before],
    }
}

pub(super) fn trim_fillers(list: &str, start: usize, mut end: usize) -> (usize, usize) {
    let mut start = start;
    if list[start..end].starts_with('由') {
        start += '由'.len_utf8();
    }
    while let Some(word) = TRAILING_WORDS
        .iter()
        .find(|w| list[start..end].ends_with(*w))
    {
        end -= word.len();
    }
    trim(list, start, end)
}

pub(super) fn trim(list: &str, start: usize, end: usize) -> (usize, usize) {
    let text = &list[start..end];
    let lead = text.len() - text.trim_start().len();
    let tail = text.len() - text.trim_end().len();
    (start + lead, (end - tail).max(start + lead))
}
