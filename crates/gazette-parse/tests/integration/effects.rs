//! 施行日期 and 有效期 read from the documents' own clauses. Every expected
//! day was read from the fixture's text (line numbers given).

use gazette_model::{Document, EffectBasis, NaiveDate};
use gazette_parse::parse_text;

use crate::common::{fixtures, govcn_texts, sample_text};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("day")
}

fn only_document(text: &str) -> Document {
    let mut issue = parse_text(text);
    assert_eq!(issue.documents.len(), 1);
    issue.documents.remove(0)
}

fn govcn(stem: &str) -> Document {
    let text = std::fs::read_to_string(fixtures().join("govcn").join(format!("{stem}.txt")))
        .expect("fixture");
    only_document(&text)
}

#[test]
fn a_clause_that_names_the_day() {
    // govcn-row32 line 120: 第三十二条　本办法自2019年1月1日起施行。
    let effect = govcn("govcn-row32").takes_effect.expect("effect");
    assert_eq!(effect.basis, EffectBasis::Date);
    assert_eq!(effect.date, Some(day(2019, 1, 1)));
    assert_eq!(effect.line, 120);
    // govcn-row58, an order: 现将修订后的《专利代理条例》公布，自2019年3月1日起施行
    // (line 7) and 本条例自2019年3月1日起施行 (line 99).
    let effect = govcn("govcn-row58").takes_effect.expect("effect");
    assert_eq!(effect.date, Some(day(2019, 3, 1)));
}

#[test]
fn a_clause_tied_to_the_day_of_issue_or_of_publication() {
    // govcn-row41 line 178: 7.3　本预案自印发之日起实施。, under a 函 signed
    // 二〇〇五年六月十一日.
    let effect = govcn("govcn-row41").takes_effect.expect("effect");
    assert_eq!(effect.basis, EffectBasis::Issued);
    assert_eq!(effect.date, Some(day(2005, 6, 11)));
    // lufeng-2019-1: 四、本通告自发布之日起实施。 The text prints no 发布日期.
    let text =
        std::fs::read_to_string(fixtures().join("corpus/lufeng-2019-1.txt")).expect("fixture");
    let effect = only_document(&text).takes_effect.expect("effect");
    assert_eq!(effect.basis, EffectBasis::Published);
    assert_eq!(effect.date, None);
}

#[test]
fn without_a_clause_the_day_of_the_measures_is_inferred() {
    // The sample's 青政办发〔2019〕4号 has no 施行 clause; three measures
    // open 自2019年5月1日起 (the rates), two 自2019年1月1日起 (the
    // contribution base).
    let issue = parse_text(&sample_text());
    let doc = issue
        .documents
        .iter()
        .find(|d| d.doc_number.as_deref() == Some("青政办发〔2019〕4号"))
        .expect("4号");
    let effect = doc.takes_effect.as_ref().expect("effect");
    assert_eq!(effect.basis, EffectBasis::Measures);
    assert_eq!(effect.date, Some(day(2019, 5, 1)));
    assert!(effect
        .evidence
        .starts_with("自2019年5月1日起，降低城镇职工基本养老保险"));
}

#[test]
fn documents_without_such_a_clause_have_none() {
    // Of the 49 gov.cn texts only rows 32, 41 and 58 print a 施行 clause
    // (grep 起施行|起实施|起执行|起生效), and none a 有效期 of its own (row 57
    // prints 批准文件在有效期内, a licence's).
    for (name, text) in govcn_texts() {
        let doc = only_document(&text);
        let stated = doc
            .takes_effect
            .as_ref()
            .is_some_and(|e| e.basis != EffectBasis::Measures);
        let expected =
            ["govcn-row32.txt", "govcn-row41.txt", "govcn-row58.txt"].contains(&name.as_str());
        assert_eq!(stated, expected, "{name}: {:?}", doc.takes_effect);
        assert_eq!(doc.valid_period, None, "{name}");
    }
}
