//! Rendering invariance (issue 13): each of the 49 State Council documents in
//! `tests/fixtures/govcn/` gives the same fields in every form it is
//! published in. The renderings are made mechanically from the fixture by
//! the helpers below (no hand edits), except the HTML page, which is the
//! real gov.cn page beside the text. Every rendering is read as `gazette
//! parse` reads a file: `IssueText::read(bytes).parse()`, its form found by
//! content.
//!
//! The reference is the text as printed; that it is itself right is checked
//! against the hand-read `tests/fixtures/govcn/expected.tsv` (title,
//! 发文字号, date, doc type, issuer). The test prints a table, rendering ×
//! field, of how many of the 49 agree.
//!
//! A difference known today is listed in `KNOWN_DIFFERENT` with why. The test
//! fails on a difference outside that list (a regression) and on a listed
//! one that is gone (take it off the list), as the golden tests do, so the
//! table printed is the measured state.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use gazette_archive::IssueText;
use gazette_model::{BlockKind, DocNumber, Document, Issue, TextForm};

use crate::golden::{no_spaces, rows};

/// The State Council fixtures.
pub(crate) fn govcn() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/govcn")
}

/// The forms each document is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rendering {
    /// The fixture as printed.
    Printed,
    /// Every `\r` and `\n` removed.
    LineLess,
    /// Each paragraph on one line (the wrapped title lines joined).
    ParagraphPerLine,
    /// As a Markdown writer would put it.
    Markdown,
    /// The real gov.cn page the text was taken from.
    Html,
    /// Converted with OpenCC's s2t, compared after folding back.
    Traditional,
}

impl Rendering {
    const ALL: [Rendering; 6] = [
        Rendering::Printed,
        Rendering::LineLess,
        Rendering::ParagraphPerLine,
        Rendering::Markdown,
        Rendering::Html,
        Rendering::Traditional,
    ];

    fn name(self) -> &'static str {
        match self {
            Rendering::Printed => "printed",
            Rendering::LineLess => "line-less",
            Rendering::ParagraphPerLine => "paragraph-per-line",
            Rendering::Markdown => "markdown",
            Rendering::Html => "html",
            Rendering::Traditional => "traditional",
        }
    }
}

/// The fields compared, by the names `KNOWN_DIFFERENT` uses.
const FIELDS: [&str; 9] = [
    "title",
    "doc_number",
    "date",
    "issuers",
    "doc_type",
    "recipients",
    "first_paragraph",
    "attachments",
    "cited",
];

/// The fields `expected.tsv` holds, by its column names (after the stem).
const HAND_READ: [&str; 5] = ["doc_number", "title", "date", "doc_type", "issuers"];

/// Differences known today: (rendering, stem, field), and why.
const KNOWN_DIFFERENT: &[(&str, &str, &str)] = &[];

/// `text` with every line break removed and nothing else changed.
pub(crate) fn line_less(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

/// `text` with each paragraph on one line: every block the printed text's
/// parse made is written as one line of its pieces, each piece trimmed and
/// its line breaks removed; a table row is written as its cells (the
/// lines of a cell joined) separated by tabs, and a signature keeps one
/// line per piece: its body and its date
/// are separate elements of a 公文 (GB/T 9704), printed as separate
/// paragraphs on the web pages too.
///
/// The parse decides only where the line breaks go; every character of
/// the fixture stays as it is and in its order. What is compared is the
/// fields parsed again from the new text, not the blocks, so a wrong block
/// boundary of the printed parse shows as a difference here (a title
/// joined with the 发文字号 below it gives a different title and number)
/// or in the printed row, which is checked against the hand-read fields.
pub(crate) fn paragraph_per_line(text: &str, printed: &Issue) -> String {
    let blocks = printed
        .front_matter
        .iter()
        .chain(printed.documents.iter().flat_map(|d| d.blocks.iter()));
    let mut lines: Vec<(usize, String)> = blocks
        .filter_map(|block| {
            let start = block.pieces.first()?.start;
            if block.kind == BlockKind::TableRow {
                // Its cells, each of one or more lines.
                let cells: Vec<String> = block
                    .text
                    .split('\t')
                    .map(|cell| cell.lines().map(str::trim).collect())
                    .collect();
                return Some((start, cells.join("\t")));
            }
            let separator = match block.kind {
                BlockKind::Signature => "\n",
                _ => "",
            };
            let line = block
                .pieces
                .iter()
                .map(|p| p.of(text).lines().map(str::trim).collect::<String>())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(separator);
            Some((start, line))
        })
        .collect();
    lines.sort_by_key(|(start, _)| *start);
    lines.into_iter().map(|(_, line)| line + "\n").collect()
}

/// `text` as Markdown, by the rule of gazette-parse's Markdown test: the
/// lines down to the first 发文字号 standing alone (or the first line)
/// joined as the `# ` title, every other line a paragraph of its own,
/// tab-separated rows a pipe table.
pub(crate) fn markdown(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let number_line = lines
        .iter()
        .position(|l| DocNumber::parse(l).is_some() && l.chars().count() < 30);
    let title_end = match number_line {
        Some(n) if n > first => n,
        _ => first + 1,
    };
    let mut out = format!("# {}\n\n", lines[first..title_end].concat());
    let mut in_table = false;
    for raw in text.lines().skip(title_end) {
        let cells: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if cells.len() > 1 && cells.iter().any(|c| !c.is_empty()) {
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if !in_table {
                out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
            }
            in_table = true;
            continue;
        }
        if in_table {
            out.push('\n');
            in_table = false;
        }
        let line = raw.trim();
        if !line.is_empty() {
            out.push_str(line);
            out.push_str("\n\n");
        }
    }
    out
}

/// The first paragraph of the body (not of an attachment), without spaces.
/// In text whose line breaks were lost, where that paragraph ends cannot be
/// known when the next one is plain prose too (nothing marks the
/// boundary), so for the line-less rendering only its first sentence (up to
/// the first 。) is compared, on both sides.
fn first_paragraph(doc: &Document, first_sentence_only: bool) -> String {
    let paragraph = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph && b.attachment.is_none())
        .map(|b| no_spaces(&b.text))
        .unwrap_or_default();
    match (first_sentence_only, paragraph.find('。')) {
        (true, Some(end)) => paragraph[..end + '。'.len_utf8()].to_owned(),
        _ => paragraph,
    }
}

/// `field` of one document, spaces removed from its text.
fn field_of(doc: &Document, field: &str, first_sentence_only: bool) -> String {
    let joined = |values: &[String]| {
        values
            .iter()
            .map(|v| no_spaces(v))
            .collect::<Vec<_>>()
            .join(";")
    };
    match field {
        "title" => no_spaces(&doc.title),
        "doc_number" => doc.doc_number.clone().unwrap_or_default(),
        "date" => doc.date.map(|d| d.to_string()).unwrap_or_default(),
        "issuers" => joined(&doc.issuer),
        "doc_type" => doc.doc_type.clone().unwrap_or_default(),
        "recipients" => joined(&doc.recipients),
        "first_paragraph" => first_paragraph(doc, first_sentence_only),
        "attachments" => {
            let titles: Vec<String> = doc.attachments.iter().map(|a| a.title.clone()).collect();
            joined(&titles)
        }
        "cited" => {
            let numbers: BTreeSet<&str> = doc
                .cited
                .iter()
                .filter_map(|c| c.doc_number.as_deref())
                .collect();
            numbers.into_iter().collect::<Vec<_>>().join(";")
        }
        other => panic!("no field {other}"),
    }
}

/// `field` of every document of `issue` (one for each fixture when all is
/// well), so that a lost or split document shows in every field.
fn field(issue: &Issue, field: &str, first_sentence_only: bool) -> String {
    if issue.documents.is_empty() {
        return "(no document)".to_owned();
    }
    issue
        .documents
        .iter()
        .map(|d| field_of(d, field, first_sentence_only))
        .collect::<Vec<_>>()
        .join(" ‖ ")
}

/// Reads `bytes` as `gazette parse` reads a file.
pub(crate) fn read(bytes: &[u8], what: &str) -> Issue {
    IssueText::read(bytes)
        .unwrap_or_else(|e| panic!("{what}: {e}"))
        .parse()
}

/// The hand-read fields of `expected.tsv`, by stem, without spaces.
fn hand_read() -> BTreeMap<String, BTreeMap<&'static str, String>> {
    let columns = HAND_READ.map(Some);
    rows(&govcn().join("expected.tsv"), &columns, "")
        .into_iter()
        .map(|row| {
            let fields = row
                .fields
                .into_iter()
                .map(|(name, cell)| (name, no_spaces(&cell)))
                .collect();
            (row.file, fields)
        })
        .collect()
}

/// One comparison: a field of one document in one rendering.
struct Outcome {
    rendering: Rendering,
    stem: String,
    field: &'static str,
    want: String,
    got: String,
}

impl Outcome {
    fn equal(&self) -> bool {
        self.want == self.got
    }
}

/// Every rendering of the fixture `stem` compared with the text as printed
/// (and the printed text with the hand-read fields); form mismatches go to
/// `failures`.
fn compare(
    stem: &str,
    expected: &BTreeMap<&'static str, String>,
    converters: &(OpenCC, OpenCC),
    failures: &mut Vec<String>,
) -> Vec<Outcome> {
    let (s2t, t2s) = converters;
    let text = std::fs::read_to_string(govcn().join(format!("{stem}.txt"))).expect("fixture");
    let page = std::fs::read(govcn().join(format!("html/{stem}.html"))).expect("the page");
    let printed = read(text.as_bytes(), stem);
    let mut outcomes = Vec::new();
    for rendering in Rendering::ALL {
        let issue = match rendering {
            Rendering::Printed => printed.clone(),
            Rendering::LineLess => read(line_less(&text).as_bytes(), stem),
            Rendering::ParagraphPerLine => {
                read(paragraph_per_line(&text, &printed).as_bytes(), stem)
            }
            Rendering::Markdown => read(markdown(&text).as_bytes(), stem),
            Rendering::Html => read(&page, stem),
            Rendering::Traditional => read(s2t.convert(&text).as_bytes(), stem),
        };
        let form_ok = match rendering {
            Rendering::Printed | Rendering::ParagraphPerLine => issue.form == TextForm::Printed,
            Rendering::LineLess => issue.form == TextForm::LineLess,
            Rendering::Markdown => issue.form == TextForm::Markdown,
            Rendering::Html => issue.form == TextForm::Html,
            Rendering::Traditional => issue.traditional,
        };
        if !form_ok {
            failures.push(format!(
                "{stem} {}: read as {:?} (traditional: {})",
                rendering.name(),
                issue.form,
                issue.traditional
            ));
        }
        let sentence_only = rendering == Rendering::LineLess;
        for name in FIELDS {
            let (want, got) = match rendering {
                Rendering::Printed => match expected.get(name) {
                    Some(want) => (want.clone(), field(&issue, name, false)),
                    None => continue,
                },
                Rendering::Traditional => {
                    // Folded back with t2s, the field is the simplified one,
                    // or the simplified one's s2t spelling folded back (s2t
                    // spells 批复 批覆, which t2s leaves as it is).
                    let want = field(&printed, name, false);
                    let round_trip = t2s.convert(&s2t.convert(&want));
                    let got = t2s.convert(&field(&issue, name, false));
                    match got == round_trip {
                        true => (want.clone(), want),
                        false => (want, got),
                    }
                }
                _ => (
                    field(&printed, name, sentence_only),
                    field(&issue, name, sentence_only),
                ),
            };
            outcomes.push(Outcome {
                rendering,
                stem: stem.to_owned(),
                field: name,
                want,
                got,
            });
        }
    }
    outcomes
}

/// The table rendering × field: how many of the documents agree.
fn table(outcomes: &[Outcome], documents: usize) -> String {
    let mut out = format!("| rendering | {} |\n|---|", FIELDS.join(" | "));
    out.push_str(&"---:|".repeat(FIELDS.len()));
    out.push('\n');
    for rendering in Rendering::ALL {
        out.push_str(&format!("| {} |", rendering.name()));
        for name in FIELDS {
            let of_cell: Vec<&Outcome> = outcomes
                .iter()
                .filter(|o| o.rendering == rendering && o.field == name)
                .collect();
            match of_cell.is_empty() {
                true => out.push_str(" — |"),
                false => {
                    let equal = of_cell.iter().filter(|o| o.equal()).count();
                    out.push_str(&format!(" {equal}/{documents} |"));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_rendering_of_the_state_council_documents_gives_the_same_fields() {
    let expected = hand_read();
    assert_eq!(expected.len(), 49);
    let converters = (
        OpenCC::from_config(BuiltinConfig::S2t).expect("OpenCC s2t"),
        OpenCC::from_config(BuiltinConfig::T2s).expect("OpenCC t2s"),
    );
    let mut failures = Vec::new();
    let outcomes: Vec<Outcome> = expected
        .iter()
        .flat_map(|(stem, fields)| compare(stem, fields, &converters, &mut failures))
        .collect();

    let differences: Vec<&Outcome> = outcomes.iter().filter(|o| !o.equal()).collect();
    let listed = |o: &Outcome| {
        KNOWN_DIFFERENT
            .iter()
            .any(|&(r, s, f)| r == o.rendering.name() && s == o.stem && f == o.field)
    };
    let describe = |o: &Outcome| {
        format!(
            "(\"{}\", \"{}\", \"{}\"): want {:?}, got {:?}",
            o.rendering.name(),
            o.stem,
            o.field,
            o.want,
            o.got
        )
    };
    let unlisted: Vec<String> = differences
        .iter()
        .filter(|o| !listed(o))
        .map(|o| describe(o))
        .collect();
    let gone: Vec<String> = KNOWN_DIFFERENT
        .iter()
        .filter(|&&(r, s, f)| {
            !differences
                .iter()
                .any(|o| r == o.rendering.name() && s == o.stem && f == o.field)
        })
        .map(|entry| format!("{entry:?}"))
        .collect();
    eprintln!(
        "rendering × field, documents whose field equals the text as printed's \
         (printed: equals the hand-read expected.tsv):\n{}\ndifferent:\n  {}",
        table(&outcomes, expected.len()),
        differences
            .iter()
            .map(|o| describe(o))
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    assert!(
        failures.is_empty() && unlisted.is_empty() && gone.is_empty(),
        "{} rendering(s) read in the wrong form:\n  {}\n{} difference(s) KNOWN_DIFFERENT does not list:\n  {}\n{} listed difference(s) gone (take them off KNOWN_DIFFERENT):\n  {}",
        failures.len(),
        failures.join("\n  "),
        unlisted.len(),
        unlisted.join("\n  "),
        gone.len(),
        gone.join("\n  ")
    );
}
