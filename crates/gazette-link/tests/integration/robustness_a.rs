//! The citation, unit and personnel extractors over every fixture: no
//! panic, and every record points at the text it was read from.

use gazette_link::citations::{number_key, references};
use gazette_link::personnel::{register, rosters};
use gazette_link::units::responsibilities;

use super::support_a::all_fixtures;

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_fixture_reads_without_panic_and_with_sane_records() {
    let mut units = 0;
    for (name, text) in all_fixtures() {
        let issue = gazette_parse::parse_text(&text);
        for doc in &issue.documents {
            for reference in references(doc) {
                assert!(!reference.span.of(&text).is_empty(), "{name}");
                if let Some(number) = &reference.doc_number {
                    assert_eq!(number_key(number).as_ref(), Some(number), "{name}");
                    assert!(reference.issuing_body.is_some(), "{name}: {number}");
                }
            }
            let found = responsibilities(doc);
            for unit in &found.units {
                let printed = compact(unit.span.of(&text));
                assert!(
                    printed.contains(&compact(&unit.published)),
                    "{name}: {unit:?}"
                );
                assert!(
                    !unit.unit.is_empty() && !unit.task.is_empty(),
                    "{name}: {unit:?}"
                );
                units += 1;
            }
            for roster in rosters(doc) {
                for entry in &roster.entries {
                    let printed = compact(entry.span.of(&text));
                    assert!(printed.starts_with(&entry.person), "{name}: {entry:?}");
                }
            }
        }
        let people = register(issue.documents.iter().map(|d| (d.id.as_str(), d)));
        assert!(people.iter().all(|p| !p.entries.is_empty()), "{name}");
    }
    assert!(units > 100, "only {units} units read");
}
