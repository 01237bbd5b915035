//! Anti-scraping junk ("jammer" text): the random ASCII that forum, blog
//! and aggregator pages (Discuz and the like) glue to the start and end of
//! lines, print as lines of their own, or print after a site name repeated
//! before many lines (`中国古建筑营造网nTA6zId$W#["Ux u文物保函〔2009〕472号`).
//!
//! [`junk`] recognises such a text by shape, not by string: a run of
//! printable ASCII at a line's edge that means nothing (not a number, a
//! date, a URL, an e-mail address, a file name, a word or a code such as
//! `GB/T 1.1-2020`) and mixes letters, digits and punctuation, on at least
//! [`MIN_LINES`] lines and one line in [`LINE_SHARE`]. In such a text every
//! meaningless ASCII run at a line's edge, every line of meaningless ASCII,
//! and a site name glued to junk on at least [`MIN_SITE_REPEATS`] places
//! (with its junk) are junk. A run glued to digits that count something
//! (`x2022年`) gives those digits back; a run after the text gives back the
//! `)` and the `: ` that end it.
//!
//! One pass over the lines decides; a jammed text takes two more. Runs are
//! slices of the line: nothing is allocated per line.
//!
//! `noise` blanks the junk in the working text the parser reads and keeps
//! it as artifacts. Not for: Latin OCR slips, English text, code (a real
//! text has ASCII, so a few odd runs never make a text jammed), page chrome
//! (`webtext`).

use std::collections::HashMap;

use gazette_model::{is_han, Span};

/// A text is jammed when at least this many lines carry strong junk …
const MIN_LINES: usize = 3;

/// … and at least one non-blank line in this many does.
const LINE_SHARE: usize = 5;

/// A jammed text has at least this many Han characters to an English word.
const HAN_PER_WORD: usize = 4;

/// A site name glued to junk must be so on this many places.
const MIN_SITE_REPEATS: usize = 3;

/// Site names are looked for among this many characters before a run.
const MAX_SITE_CHARS: usize = 16;

/// Characters after which digits glued to a junk run are the text's own
/// (`x2022年3月30日`).
const COUNTED: &[char] = &[
    '年', '月', '日', '号', '时', '分', '秒', '点', '条', '款', '项', '章', '节', '个', '名', '位',
    '人', '次', '届', '期', '元', '万', '亿', '天', '批',
];

/// A line of the text: its first byte, its number and its content
/// (without `\r`).
fn lines(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut start = 0;
    text.split('\n').enumerate().map(move |(k, line)| {
        let at = start;
        start += line.len() + 1;
        (at, k + 1, line.strip_suffix('\r').unwrap_or(line))
    })
}

fn is_ascii_run_byte(b: u8) -> bool {
    (0x20..=0x7E).contains(&b) || b == b'\t'
}

/// The length of the ASCII run `line` opens with.
fn lead_len(line: &str) -> usize {
    line.bytes().take_while(|&b| is_ascii_run_byte(b)).count()
}

/// Where the ASCII run `line` ends with starts.
fn trail_start(line: &str) -> usize {
    line.len()
        - line
            .bytes()
            .rev()
            .take_while(|&b| is_ascii_run_byte(b))
            .count()
}

/// Whether a run of letters reads as a word: `mail`, `TAG`, `Email`.
fn word_case(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let rest = chars.as_str();
    rest.chars().all(|c| c.is_ascii_lowercase())
        || word.chars().all(|c| c.is_ascii_uppercase())
        || (first.is_ascii_uppercase() && rest.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whether one part of a token (between `-`, `/`, `.` …) means something:
/// a number, a word, or a short code (A4, G20, 5G, 24h).
fn part_means(part: &str) -> bool {
    if part.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let letters = part.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (head, tail) = part.split_at(letters);
    if tail.is_empty() {
        return word_case(head);
    }
    // Letters then digits (A4, G20, l992), or digits then a unit (5G, 24h).
    if tail.bytes().all(|b| b.is_ascii_digit()) {
        return letters <= 2;
    }
    let digits = part.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && part.len() - digits <= 3 && word_case(&part[digits..])
}

/// Whether a whitespace-free token means something.
fn token_means(token: &str) -> bool {
    let core = token
        .trim_start_matches(['(', '[', '"', '\''])
        .trim_end_matches([')', ']', '.', ',', ';', ':', '!', '?', '"', '\'', '%']);
    if core.is_empty() {
        return token.len() <= 3 && token.chars().all(|c| ",.:;!?()-/".contains(c));
    }
    if core.contains("://") || core.starts_with("www.") {
        return core
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b));
    }
    if let Some((local, domain)) = core.split_once('@') {
        let address = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        };
        return address(local) && address(domain) && domain.contains('.');
    }
    // A mark before a word (-Cci, /ab) joins nothing; a leading dot is a
    // file name's extension (.doc).
    if let Some(rest) = core.strip_prefix('.') {
        return rest.len() <= 5 && rest.bytes().all(|b| b.is_ascii_alphabetic());
    }
    if core.starts_with(['-', '/', ':', ',', '_']) || core.ends_with(['-', '/', '_']) {
        return false;
    }
    core.split(['-', '/', '.', ':', ',', '(', ')', '_'])
        .all(|part| part.is_empty() || part_means(part))
}

/// Whether an ASCII run means something: every token does.
fn means(run: &str) -> bool {
    run.split_ascii_whitespace().all(token_means)
}

/// Whether a run that means nothing looks like junk even in a text not
/// known to be jammed: four characters or more of at least two kinds
/// (letters, digits, punctuation), and at least a third of its tokens
/// meaningless (an English sentence with a `code` in it is no junk).
fn is_strong(run: &str) -> bool {
    let (mut letters, mut digits, mut marks, mut shown) = (false, false, false, 0);
    for b in run.bytes().filter(|b| !b.is_ascii_whitespace()) {
        shown += 1;
        letters |= b.is_ascii_alphabetic();
        digits |= b.is_ascii_digit();
        marks |= b.is_ascii_punctuation();
    }
    if shown < 4 || u8::from(letters) + u8::from(digits) + u8::from(marks) < 2 {
        return false;
    }
    let (mut tokens, mut meaningless) = (0usize, 0usize);
    for token in run.split_ascii_whitespace() {
        tokens += 1;
        meaningless += usize::from(!token_means(token));
    }
    meaningless > 0 && meaningless * 3 >= tokens
}

/// Whether `text` is Chinese with ASCII in it, not English (or Markdown
/// in English) with Chinese in it: fewer than one English word (three
/// letters or more, cased as a word) to [`HAN_PER_WORD`] Han characters.
fn is_chinese(text: &str) -> bool {
    let (mut han, mut words, mut letters) = (0usize, 0usize, 0usize);
    let mut word_start = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphabetic() {
            if letters == 0 {
                word_start = i;
            }
            letters += 1;
            continue;
        }
        if letters >= 3 {
            words += usize::from(word_case(&text[word_start..i]));
        }
        letters = 0;
        han += usize::from(is_han(c));
    }
    words * HAN_PER_WORD <= han
}

/// Whether `line` carries a strong junk run at one of its edges.
fn has_strong_edge(line: &str) -> bool {
    let content = line.trim();
    if content.is_empty() {
        return false;
    }
    let lead = lead_len(content);
    if is_strong(&content[..lead]) {
        return true;
    }
    lead < content.len() && is_strong(&content[trail_start(content)..])
}

/// A junk run's end when the run is glued to digits that count something
/// in the text after it (`x2022年`): the digits are given back.
fn give_back_digits(line: &str, start: usize, end: usize) -> usize {
    let run = &line[start..end];
    let digits = run.len() - run.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let counted = line[end..]
        .chars()
        .next()
        .is_some_and(|c| COUNTED.contains(&c));
    if digits > 0 && counted {
        end - digits
    } else {
        end
    }
}

/// A trailing run's start once the marks that end the text before it are
/// given back: `)` closing a bracket the line opened, `: ` ending a 主送.
fn give_back_marks(line: &str, start: usize) -> usize {
    let mut at = start;
    let opened = line[..start].contains('(');
    let bytes = line.as_bytes();
    while at < line.len() {
        let b = bytes[at];
        let spaced = bytes.get(at + 1).is_none_or(u8::is_ascii_whitespace);
        if (b == b')' && opened) || (matches!(b, b':' | b';') && spaced) {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// The site name glued to junk on at least [`MIN_SITE_REPEATS`] places:
/// the Han characters before a meaningless ASCII run, the suffix shared
/// most often (the longest of those).
fn site_name(text: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, _, line) in lines(text) {
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if !is_ascii_run_byte(bytes[at]) {
                at += 1;
                continue;
            }
            let end = at + lead_len(&line[at..]);
            let glued = bytes[at] != b' ' && bytes[at] != b'\t';
            if glued && at > 0 && !means(&line[at..end]) {
                let before = &line[..at];
                let mut from = at;
                for (n, (i, c)) in before.char_indices().rev().enumerate() {
                    if !is_han(c) || n >= MAX_SITE_CHARS {
                        break;
                    }
                    from = i;
                }
                let word = &line[from..at];
                for (i, _) in word.char_indices() {
                    let suffix = &word[i..];
                    if suffix.chars().count() < 4 {
                        break;
                    }
                    *counts.entry(suffix).or_default() += 1;
                }
            }
            at = end;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SITE_REPEATS)
        .max_by_key(|&(s, n)| (n, s.len(), s))
        .map(|(s, _)| s.to_owned())
}

/// The junk spans of one line (`start`: its first byte in the text).
fn line_junk(line: &str, start: usize, site: Option<&str>, out: &mut Vec<Span>) {
    let content = line.trim();
    if content.is_empty() {
        return;
    }
    let offset = start + (line.len() - line.trim_start().len());
    let first = out.len();
    let mut push = |from: usize, to: usize| {
        let (from, to) = trim_span(content, from, to);
        if from < to {
            out.push(Span::new(offset + from, offset + to));
        }
    };
    let lead = lead_len(content);
    if lead == content.len() {
        if !means(content) || !content.bytes().any(|b| b.is_ascii_alphanumeric()) {
            push(0, content.len());
        }
        return;
    }
    // The site name glued to junk (or ending the line), with that junk.
    let mut covered_to = 0;
    if let Some(site) = site {
        for (at, _) in content.match_indices(site) {
            let after = at + site.len();
            let run_end = after + lead_len(&content[after..]);
            if run_end == content.len() || (run_end > after && !means(&content[after..run_end])) {
                push(at, give_back_digits(content, after, run_end));
                covered_to = covered_to.max(run_end);
            }
        }
    }
    if lead > 0 && !means(&content[..lead]) {
        push(0, give_back_digits(content, 0, lead));
    }
    let trail = trail_start(content);
    if trail >= covered_to && trail < content.len() {
        let from = give_back_marks(content, trail);
        if from < content.len() && !means(&content[from..]) {
            push(from, content.len());
        }
    }
    out[first..].sort_by_key(|s| s.start);
}

/// `from..to` of `content` without surrounding whitespace.
fn trim_span(content: &str, from: usize, to: usize) -> (usize, usize) {
    let piece = &content[from..to];
    let lead = piece.len() - piece.trim_start().len();
    (from + lead, from + piece.trim().len() + lead)
}

/// One junk run: where it is, its line (1-based), and whether it is the
/// whole of its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Junk {
    pub span: Span,
    pub line: usize,
    pub whole_line: bool,
}

/// The junk runs of `text`, in order, when it is jammed.
pub(crate) fn junk(text: &str) -> Option<Vec<Junk>> {
    let (mut shown, mut jammed) = (0usize, 0usize);
    for (_, _, line) in lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        shown += 1;
        jammed += usize::from(has_strong_edge(line));
    }
    if jammed < MIN_LINES || jammed * LINE_SHARE < shown || !is_chinese(text) {
        return None;
    }
    let site = site_name(text);
    let mut runs = Vec::new();
    let mut spans = Vec::new();
    for (start, number, line) in lines(text) {
        spans.clear();
        line_junk(line, start, site.as_deref(), &mut spans);
        let mut last_end = 0;
        for &span in &spans {
            // Two finds of the same junk (site name at the line start).
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            runs.push(Junk {
                span,
                line: number,
                whole_line: span.end - span.start == line.trim().len(),
            });
        }
    }
    Some(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn junk_of(text: &str) -> Vec<&str> {
        let runs = junk(text).expect("jammed");
        runs.iter().map(|j| j.span.of(text)).collect()
    }

    #[test]
    fn real_ascii_means_something() {
        for run in [
            "GB/T 1.1-2020",
            "E-mail:",
            "(2020)164",
            "http://www.tbtsps.cn",
            "(http://www.tbtsps.cn)",
            "cjc@hbszjt.net.cn",
            "16:20:03",
            "2023-01-17 10:55",
            ".doc",
            "TAG:",
            "l992",
            "5G",
            "PM2.5",
            "No.1",
            "A4",
            "(",
            "COVID-19",
            "Email",
        ] {
            assert!(means(run), "{run}");
            assert!(!is_strong(run), "{run}");
        }
    }

    #[test]
    fn junk_runs_mean_nothing() {
        for run in [
            "0 _& X3 `- V8 e L' c* ~) y' `",
            "nTA6zId$W#[\"Ux u",
            "lx2v 4?+<",
            "^uKQtYMdK",
            "afGfA:ju",
            "%o8n+X4DA0",
            "z{!tR",
        ] {
            assert!(is_strong(run), "{run}");
        }
        assert!(!means("MEAWSPo"));
        assert!(!means("-Cci"));
        assert!(!is_strong("MEAWSPo"), "one kind of character only");
    }

    #[test]
    fn english_prose_is_not_jammed() {
        let text = "# gov.cn documents: where they came from\n\n- Source: the public repository `ZhouYNF/platform-1`, commit `2197df55`, file `db/raw.sql`, a dump.\n- Each `govcn-rowNN.txt` is that HTML rendered to text (`<br>`, `</p>`).\n- Columns: `stem`, `title`, `doc_number`.\n";
        assert!(junk(text).is_none());
    }

    #[test]
    fn a_text_with_some_ascii_is_not_jammed() {
        let text = "关于发布GB/T 1.1-2020的通知\n京政发(2020)164号\n各区人民政府:\nE-mail:abc@bj.gov.cn\n详见http://www.bj.gov.cn/a?id=3\nQ/GDW 123-2020\n2020年3月1日\n";
        assert!(junk(text).is_none());
        // A few OCR slips are not a jammed text either.
        let text = "国务院关于l992年工作的通知\n各省人民政府:\n现将iPhone13有关事项通知如下。\n一、总体要求\n二、主要任务\n三、保障措施\n国务院\n1992年3月1日\n";
        assert!(junk(text).is_none());
    }

    #[test]
    fn discuz_junk_at_line_edges_and_alone() {
        let text = "特此公告。8 ]8 ~$ h |, e; w8 m\n0 P4 y1 e1 T) |4 u( j6\n( [ _% W$ @# {5 k4 V* D% k1 V海关总署, h\" s/ c. h& w/ Z\nr3 {& ^' I, V' n\" x2022年3月30日8 F E+ Y1 ?1 _; t7 h\n(附件请点击下方下载查看)6 H: X! n* \\6\n";
        assert_eq!(
            junk_of(text),
            [
                "8 ]8 ~$ h |, e; w8 m",
                "0 P4 y1 e1 T) |4 u( j6",
                "( [ _% W$ @# {5 k4 V* D% k1 V",
                ", h\" s/ c. h& w/ Z",
                "r3 {& ^' I, V' n\" x",
                "8 F E+ Y1 ?1 _; t7 h",
                "6 H: X! n* \\6",
            ]
        );
    }

    #[test]
    fn a_site_name_glued_to_junk_is_junk_with_it() {
        let text = "中国古建筑营造网nTA6zId$W#[\"Ux u文物保函〔2009〕472号\n2_pQ2X9[:im(\\0\n中国古建筑营造网)j\"{,DUo,BD)?$uE#W{#a山西省文物局:\n经研究,我局批复如下:中国古建筑营造网afGfA:ju\n^9UTEK~*Y9b#Z0四川省文物管理局:\n";
        assert_eq!(
            junk_of(text),
            [
                "中国古建筑营造网nTA6zId$W#[\"Ux u",
                "2_pQ2X9[:im(\\0",
                "中国古建筑营造网)j\"{,DUo,BD)?$uE#W{#a",
                "中国古建筑营造网afGfA:ju",
                "^9UTEK~*Y9b#Z0",
            ]
        );
    }

    #[test]
    fn the_colon_of_a_recipient_line_stays() {
        let text = "各省人民政府,国务院各部委: d u!jI:JM\n&yO~\\gr|0\n国务院办公厅 ^AbcGet\n二○○九年十二月七日 /?=+3Gi\n安排通知 MEAWSPo\nhttp://www.gov.cn\n";
        let mut work = text.to_owned();
        for Junk { span, .. } in junk(text).expect("jammed") {
            work.replace_range(span.start..span.end, &" ".repeat(span.end - span.start));
        }
        let work: Vec<&str> = work.lines().map(str::trim).collect();
        assert_eq!(
            work,
            [
                "各省人民政府,国务院各部委:",
                "",
                "国务院办公厅",
                "二○○九年十二月七日",
                "安排通知",
                "http://www.gov.cn"
            ]
        );
    }
}
