//! Text whose line breaks were lost: the State Council documents flattened
//! by removing every `\r` and `\n`, and real OCR output given as one line
//! (`tests/fixtures/ocr-flat`, see its SOURCES.md).

use gazette_model::{Document, TextForm};

use crate::common::fixtures;

/// The State Council fixtures, by stem.
fn govcn() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(fixtures().join("govcn"))
        .expect("govcn fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let stem = p.file_stem().expect("stem").to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).expect("utf-8"))
        })
        .collect();
    all.sort();
    all
}

/// `text` with every line break removed and nothing else changed.
pub fn flatten(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

/// The first body paragraph up to its first 。 (or whole).
fn first_sentence(doc: &Document) -> String {
    use gazette_model::BlockKind;
    let para = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .unwrap_or("");
    let end = para.find('。').map_or(para.len(), |i| i + '。'.len_utf8());
    para[..end].chars().filter(|c| !c.is_whitespace()).collect()
}

/// What must not depend on whether the text kept its line breaks.
fn fields(doc: &Document) -> Vec<String> {
    let attachments: Vec<&str> = doc.attachments.iter().map(|a| a.title.as_str()).collect();
    let mut cited: Vec<&str> = doc
        .cited
        .iter()
        .filter_map(|c| c.doc_number.as_deref())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    vec![
        format!("title {}", doc.title),
        format!("number {:?}", doc.doc_number),
        format!("date {:?}", doc.date),
        format!("issuer {:?}", doc.issuer),
        format!("type {:?}", doc.doc_type),
        format!("recipients {:?}", doc.recipients),
        format!("attachments {attachments:?}"),
        format!("cited {cited:?}"),
        format!("first sentence {}", first_sentence(doc)),
    ]
}

/// Flattened fixtures known not to give the same fields yet; the test
/// checks that they still differ, so that fixing one shows here.
const KNOWN_DIFFERENT: &[&str] = &[
    // Its attachments are tables rendered one cell per line; flattened,
    // their row ends are gone and the attachment titles run into the cells.
    "govcn-row44",
];

/// Each State Council document, printed and with its line breaks removed,
/// gives the same title, 发文字号, date, issuers, type, 主送, attachment
/// titles and cited numbers. A text without line breaks cannot tell where
/// its paragraphs ended, so of the body only the first paragraph up to its
/// first 。 is compared.
#[test]
fn flattened_state_council_documents_parse_alike() {
    let mut failures = Vec::new();
    let mut still_failing = Vec::new();
    for (stem, text) in govcn() {
        let printed = gazette_parse::parse_text(&text);
        let flat_text = flatten(&text);
        let flat = gazette_parse::parse_text(&flat_text);
        assert_eq!(flat.form, TextForm::LineLess, "{stem}");
        assert_eq!(printed.form, TextForm::Printed, "{stem}");
        let want: Vec<Vec<String>> = printed.documents.iter().map(fields).collect();
        let got: Vec<Vec<String>> = flat.documents.iter().map(fields).collect();
        let differs = want != got;
        if KNOWN_DIFFERENT.contains(&stem.as_str()) {
            if !differs {
                still_failing.push(stem.clone());
            }
            continue;
        }
        if differs {
            let diff: Vec<String> = match (want.first(), got.first()) {
                (Some(w), Some(g)) => w
                    .iter()
                    .zip(g)
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| format!("    want {a}\n    got  {b}"))
                    .collect(),
                _ => vec![format!("    {} vs {} documents", want.len(), got.len())],
            };
            failures.push(format!("{stem}:\n{}", diff.join("\n")));
        }
    }
    assert!(
        still_failing.is_empty(),
        "now equal, remove from KNOWN_DIFFERENT: {still_failing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn ocr(stem: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("ocr-flat/{stem}.txt"))).expect("fixture")
}

/// Every OCR text gives exactly one document with a title, read as
/// line-less, whether or not it is one 公文 (company reports, an
/// authorisation letter).
#[test]
fn every_ocr_text_gives_one_titled_document() {
    let index = std::fs::read_to_string(fixtures().join("ocr-flat/index.tsv")).expect("index");
    let stems: Vec<&str> = index
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(stems.len(), 49);
    let mut failures = Vec::new();
    for stem in stems {
        let issue = gazette_parse::parse_text(&ocr(stem));
        let titles: Vec<&str> = issue.documents.iter().map(|d| d.title.as_str()).collect();
        if issue.form != TextForm::LineLess || titles.len() != 1 || titles[0].is_empty() {
            failures.push(format!("{stem}: {:?} {titles:?}", issue.form));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore]
fn debug_dump() {
    let stem = std::env::var("STEM").unwrap_or_default();
    let text = if stem.starts_with("govcn") {
        flatten(&std::fs::read_to_string(fixtures().join(format!("govcn/{stem}.txt"))).unwrap())
    } else {
        ocr(&stem)
    };
    let issue = gazette_parse::parse_text(&text);
    for b in &issue.front_matter {
        println!("FM {}", b.text);
    }
    for d in &issue.documents {
        println!(
            "DOC {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            d.title, d.doc_number, d.date, d.issuer, d.recipients, d.signers, d.urgency
        );
        for b in d.blocks.iter().take(14) {
            println!(
                "  {:?} {}",
                b.kind,
                b.text.chars().take(80).collect::<String>()
            );
        }
        println!("  ...");
        for b in d
            .blocks
            .iter()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            println!(
                "  {:?} {}",
                b.kind,
                b.text.chars().take(80).collect::<String>()
            );
        }
    }
}
