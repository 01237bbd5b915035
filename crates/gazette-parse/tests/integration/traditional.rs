//! The 49 State Council documents converted to traditional characters with
//! OpenCC's s2t (as a mirror page would print them) give the same fields
//! as the text as published, and their text fields in traditional spelling.

use crate::common::{fields, govcn_texts};
use crate::nothing_lost::check;
use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

fn converter(config: BuiltinConfig) -> OpenCC {
    OpenCC::from_config(config).expect("built-in OpenCC configuration")
}

#[test]
fn traditional_mirrors_of_the_state_council_documents_give_the_same_fields() {
    let s2t = converter(BuiltinConfig::S2t);
    let t2s = converter(BuiltinConfig::T2s);
    let texts = govcn_texts();
    assert_eq!(texts.len(), 49);
    let mut failures = Vec::new();
    for (name, text) in &texts {
        let mirror = s2t.convert(text);
        assert_ne!(&mirror, text, "{name}: s2t changed nothing");
        let plain = gazette_parse::parse_text(text);
        let traditional = gazette_parse::parse_text(&mirror);
        if let Err(e) = check(&mirror, &traditional) {
            failures.push(format!("{name}: {e}"));
        }
        if !traditional.traditional {
            failures.push(format!("{name}: not recognised as traditional"));
            continue;
        }
        if plain.documents.len() != traditional.documents.len() {
            failures.push(format!(
                "{name}: {} documents, traditional {}",
                plain.documents.len(),
                traditional.documents.len()
            ));
            continue;
        }
        for (p, t) in plain.documents.iter().zip(&traditional.documents) {
            // The traditional field folded back with t2s is the simplified
            // one, or the simplified one's s2t spelling folded back (s2t
            // spells 坐标 座標 and 批复 批覆, which t2s leaves as they are).
            let got = fields(t, |s| t2s.convert(s));
            let plain_fields = fields(p, |s| s.to_owned());
            let round_trip = fields(p, |s| t2s.convert(&s2t.convert(s)));
            let same = got
                .iter()
                .zip(plain_fields.iter().zip(&round_trip))
                .all(|(g, (a, b))| g == a || g == b);
            if !same {
                let want = plain_fields;
                failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
            }
            // The title in the mirror's own spelling: s2t of the title alone,
            // or (where s2t chose by the context) the mirror's text.
            let mirror_compact: String = mirror.chars().filter(|c| !c.is_whitespace()).collect();
            let in_mirror_spelling = t.title == s2t.convert(&p.title)
                || (t.title != p.title && mirror_compact.contains(&t.title));
            if !in_mirror_spelling {
                failures.push(format!(
                    "{name}: title not in traditional spelling: {}",
                    t.title
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 49 differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn simplified_text_is_not_taken_for_traditional() {
    for (name, text) in govcn_texts() {
        assert!(!gazette_parse::parse_text(&text).traditional, "{name}");
    }
}

#[test]
fn a_traditional_text_keeps_its_spelling_and_its_offsets() {
    let text = "國務院辦公廳關於加強縣級政府規範性文件管理的意見\n國辦發〔2019〕5號\n各省、自治區、直轄市人民政府，國務院各部委、各直屬機構：\n現提出如下意見。\n國務院辦公廳\n2019年3月1日\n";
    let issue = gazette_parse::parse_text(text);
    assert!(issue.traditional);
    let [doc] = issue.documents.as_slice() else {
        panic!("one document, got {}", issue.documents.len());
    };
    assert_eq!(
        doc.title,
        "國務院辦公廳關於加強縣級政府規範性文件管理的意見"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("国办发〔2019〕5号"));
    assert_eq!(doc.doc_type.as_deref(), Some("意见"));
    assert_eq!(
        doc.recipients,
        ["各省、自治區、直轄市人民政府", "國務院各部委、各直屬機構"]
    );
    assert_eq!(doc.issuer, ["國務院辦公廳"]);
    for block in &doc.blocks {
        let printed: String = block.pieces.iter().map(|p| p.of(text)).collect();
        assert_eq!(block.text, printed);
    }
}
