//! Noise inside the lines of a copied text, taken out of every derived
//! field and kept in the original: anti-scraping junk (`jammer`) and the
//! marks a news copy puts on a document (`(授权发布)` glued before its
//! title, a dateline `新华社北京8月31日电`).
//!
//! [`Noise::find`] gives a working text of the same length with the noise
//! blanked (spans need no mapping), which the rest of the parser (Markdown,
//! web text, plain text) reads; [`Noise::apply`] keeps each piece of noise
//! as an artifact (`jammer`, `news_mark`), cuts block pieces around it, and
//! gives the artifacts found in the working text their printed text.
//! Nothing is lost: every character of the noise is in exactly one
//! artifact.
//!
//! Not for: whole lines of a web page (`webtext`), markup (`markdown`).

use gazette_model::{is_han, ArtifactKind, Issue, Span};

use crate::jammer;
use crate::webtext::{self, PageLine};

/// News marks are looked for at the start of this many first non-blank
/// lines (the head of a copy: headline, time, dateline, title).
const NEWS_LINES: usize = 12;

/// One piece of noise.
#[derive(Debug, Clone, Copy)]
struct Run {
    span: Span,
    /// Line (1-based).
    line: usize,
    kind: ArtifactKind,
    /// Junk that is the whole of its line: no blank line for the parser.
    whole_line: bool,
}

/// The noise of a text and its working text.
#[derive(Debug, Clone)]
pub(crate) struct Noise {
    /// The text with every piece of noise blanked.
    pub work: String,
    runs: Vec<Run>,
}

impl Noise {
    /// The noise of `text`, when it has any.
    pub(crate) fn find(text: &str) -> Option<Noise> {
        let mut runs: Vec<Run> = news_marks(text);
        if let Some(junk) = jammer::junk(text) {
            runs.extend(junk.into_iter().map(|j| Run {
                span: j.span,
                line: j.line,
                kind: ArtifactKind::Jammer,
                whole_line: j.whole_line,
            }));
        }
        if runs.is_empty() {
            return None;
        }
        runs.sort_by_key(|r| r.span.start);
        let mut last_end = 0;
        runs.retain(|r| {
            let apart = r.span.start >= last_end;
            if apart {
                last_end = r.span.end;
            }
            apart
        });
        let mut work = text.as_bytes().to_vec();
        for run in &runs {
            work[run.span.start..run.span.end].fill(b' ');
        }
        Some(Noise {
            work: String::from_utf8(work).ok()?,
            runs,
        })
    }

    /// Where each piece of noise starts, in order, and whether it is a
    /// line of its own: the parser reads no blank line and no padding
    /// where noise was.
    pub(crate) fn placed(&self) -> Vec<(usize, bool)> {
        self.runs
            .iter()
            .map(|r| (r.span.start, r.whole_line))
            .collect()
    }

    /// Where each news mark starts, in order: a dateline or press note
    /// opens a paragraph, so the line it opened is cut from the line before
    /// (the headline over it).
    pub(crate) fn news_mark_starts(&self) -> Vec<usize> {
        self.runs
            .iter()
            .filter(|r| r.kind == ArtifactKind::NewsMark)
            .map(|r| r.span.start)
            .collect()
    }

    /// Brings the noise into `issue`, parsed from the working text: each
    /// piece an artifact, no block piece over it, every artifact's text as
    /// printed in `text`.
    pub(crate) fn apply(self, issue: &mut Issue, text: &str) {
        for artifact in &mut issue.artifacts {
            artifact.text = artifact.span.of(text).to_owned();
        }
        // Noise inside a line the page kept (web chrome) stays in that line.
        let mut kept: Vec<Span> = issue.artifacts.iter().map(|a| a.span).collect();
        kept.sort_by_key(|s| s.start);
        let inside = |span: Span| {
            let k = kept.partition_point(|s| s.start <= span.start);
            k > 0 && kept[k - 1].end >= span.end
        };
        let runs: Vec<Run> = self.runs.into_iter().filter(|r| !inside(r.span)).collect();
        let spans: Vec<Span> = runs.iter().map(|r| r.span).collect();
        let blocks = issue
            .front_matter
            .iter_mut()
            .chain(issue.documents.iter_mut().flat_map(|d| d.blocks.iter_mut()));
        for block in blocks {
            if block.pieces.iter().any(|p| overlaps(&spans, *p)) {
                block.pieces = block
                    .pieces
                    .iter()
                    .flat_map(|p| cut(text, *p, &spans))
                    .collect();
            }
        }
        let pieces = runs.into_iter().map(|run| PageLine {
            kind: run.kind,
            span: run.span,
            line: run.line,
        });
        webtext::keep_as_artifacts(issue, pieces, text);
    }
}

/// The news marks at the start of the first [`NEWS_LINES`] lines.
fn news_marks(text: &str) -> Vec<Run> {
    let mut marks = Vec::new();
    let mut start = 0;
    let mut seen = 0;
    for (k, line) in text.split('\n').enumerate() {
        let at = start;
        start += line.len() + 1;
        let content = line.trim_start();
        if content.trim_end().is_empty() {
            continue;
        }
        seen += 1;
        if seen > NEWS_LINES {
            break;
        }
        let offset = at + line.len() - content.len();
        if let Some(len) = press_note(content).or_else(|| dateline(content)) {
            marks.push(Run {
                span: Span::new(offset, offset + len),
                line: k + 1,
                kind: ArtifactKind::NewsMark,
                // A mark is a line of the copy, not noise between its lines.
                whole_line: false,
            });
        }
    }
    marks
}

/// The length of a press note `line` opens with: `(授权发布)`, `（受权发布）`,
/// `【授权发布】`.
fn press_note(line: &str) -> Option<usize> {
    let open = line.chars().next().filter(|c| "(（【[".contains(*c))?;
    let rest = &line[open.len_utf8()..];
    let words = ["授权发布", "受权发布"];
    let word = words.iter().find(|w| rest.starts_with(**w))?;
    let close = rest[word.len()..]
        .chars()
        .next()
        .filter(|c| ")）】]".contains(*c))?;
    Some(open.len_utf8() + word.len() + close.len_utf8())
}

/// The length of a dateline `line` opens with, when it ends the line or is
/// followed by a space or a bracket (`新华社北京8月31日电`, `本报北京3月5日讯
/// （记者 王某）`): a place in Han characters, a day, 电 or 讯.
fn dateline(line: &str) -> Option<usize> {
    let head: &str = line.get(..line.len().min(60)).unwrap_or(line);
    let (place_end, _) = head.char_indices().find(|&(_, c)| !is_han(c))?;
    let place = head[..place_end].chars().count();
    if !(2..=12).contains(&place) {
        return None;
    }
    // Text from a PDF puts a space on each side of a number (北京 7 月 29 日电).
    let spaces = |from: usize| head[from..].len() - head[from..].trim_start_matches(' ').len();
    let mut at = place_end;
    for unit in ['月', '日'] {
        at += spaces(at);
        let digits = head[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .map(char::len_utf8)
            .sum::<usize>();
        at += digits;
        at += spaces(at);
        if digits == 0 || !head[at..].starts_with(unit) {
            return None;
        }
        at += unit.len_utf8();
    }
    let ending = head[at..]
        .chars()
        .next()
        .filter(|c| *c == '电' || *c == '讯')?;
    at += ending.len_utf8();
    let rest = &line[at..];
    // A reporter's name in brackets goes with it.
    if rest.starts_with(['（', '(']) {
        if let Some(close) = rest.find(['）', ')']) {
            if rest[..close].chars().count() <= 20 {
                return Some(at + close + rest[close..].chars().next().map_or(0, char::len_utf8));
            }
        }
    }
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(at)
}

/// Whether a span of `spans` (sorted, apart) overlaps `piece`.
fn overlaps(spans: &[Span], piece: Span) -> bool {
    let k = spans.partition_point(|s| s.end <= piece.start);
    spans.get(k).is_some_and(|s| s.start < piece.end)
}

/// `piece` without the `spans` inside it: its parts that are not blank.
fn cut(text: &str, piece: Span, spans: &[Span]) -> Vec<Span> {
    let mut parts = Vec::new();
    let mut at = piece.start;
    let k = spans.partition_point(|s| s.end <= piece.start);
    for span in spans[k..].iter().take_while(|s| s.start < piece.end) {
        parts.push(Span::new(at, span.start.max(at)));
        at = at.max(span.end);
    }
    parts.push(Span::new(at.min(piece.end), piece.end));
    parts
        .into_iter()
        .filter_map(|p| {
            let part = p.of(text);
            let lead = part.len() - part.trim_start().len();
            let kept = part.trim();
            (!kept.is_empty()).then(|| Span::new(p.start + lead, p.start + lead + kept.len()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_the_parts_around_noise() {
        let text = "甲乙 xx 丙丁";
        let pieces = cut(text, Span::new(0, text.len()), &[Span::new(7, 9)]);
        let parts: Vec<&str> = pieces.iter().map(|p| p.of(text)).collect();
        assert_eq!(parts, ["甲乙", "丙丁"]);
    }

    #[test]
    fn press_notes_and_datelines_open_a_line() {
        assert_eq!(
            press_note("(授权发布)全国人民代表大会常务委员会公告"),
            Some(14)
        );
        assert_eq!(press_note("（受权发布）公告"), Some(18));
        assert_eq!(press_note("(一)授权发布的范围"), None);
        assert_eq!(dateline("新华社北京8月31日电"), Some(27));
        let line = "本报北京3月5日讯（记者 王某）国务院日前印发";
        let len = dateline(line).expect("dateline");
        assert_eq!(&line[..len], "本报北京3月5日讯（记者 王某）");
        // A sentence that names a day is no dateline.
        assert_eq!(dateline("会议于8月31日电话通知各单位"), None);
        assert_eq!(dateline("2014年8月31日"), None);
    }

    #[test]
    fn news_marks_are_kept_as_artifacts() {
        let text =
            "新华社北京8月31日电\n(授权发布)全国人民代表大会常务委员会公告\n〔十二届〕第七号\n";
        let noise = Noise::find(text).expect("noise");
        let kinds: Vec<&str> = noise.runs.iter().map(|r| r.span.of(text)).collect();
        assert_eq!(kinds, ["新华社北京8月31日电", "(授权发布)"]);
        let blanked = format!("\n{}全国人民代表大会常务委员会公告", " ".repeat(14));
        assert!(noise.work.contains(&blanked));
        // As text from a PDF prints it, a space on each side of a number.
        assert_eq!(
            dateline("新华社北京 7 月 29 日电 近日，"),
            Some("新华社北京 7 月 29 日电".len())
        );
        assert_eq!(dateline("北京 7 月份的工作"), None);
    }
}
