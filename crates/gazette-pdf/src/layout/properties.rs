//! The layout reader never panics, whatever `pdftotext -bbox-layout` (or a
//! damaged file passed off as its output) gives: numbers that are no
//! numbers, NaN, negative or huge, boxes inside out, tags out of order or
//! cut.

use proptest::prelude::*;

use super::{page_texts, parse_bbox};

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0.0f64..1000.0).prop_map(|n| format!("{n:.3}")),
        (-1.0e12f64..1.0e12).prop_map(|n| format!("{n}")),
        prop::sample::select(vec!["NaN", "inf", "-inf", "", "x", "1e400", "-0"])
            .prop_map(str::to_owned),
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "关于", "通知", "一、", "&amp;", "&lt;", "&#x4e00;", "序号", "\t", "&",
    ])
    .prop_map(str::to_owned)
}

fn element() -> impl Strategy<Value = String> {
    let four = || (number(), number(), number(), number());
    prop_oneof![
        (number(), number()).prop_map(|(w, h)| format!("<page width=\"{w}\" height=\"{h}\">")),
        four().prop_map(|(a, b, c, d)| {
            format!("<block xMin=\"{a}\" yMin=\"{b}\" xMax=\"{c}\" yMax=\"{d}\">")
        }),
        four().prop_map(|(a, b, c, d)| {
            format!("<line xMin=\"{a}\" yMin=\"{b}\" xMax=\"{c}\" yMax=\"{d}\">")
        }),
        (four(), word()).prop_map(|((a, b, c, d), w)| {
            format!("<word xMin=\"{a}\" yMin=\"{b}\" xMax=\"{c}\" yMax=\"{d}\">{w}</word>")
        }),
        prop::sample::select(vec![
            "</page>", "</block>", "</line>", "<word>", "<page", "<flow>"
        ])
        .prop_map(str::to_owned),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_layout_reads_without_panic(elements in prop::collection::vec(element(), 0..120)) {
        let pages = parse_bbox(&elements.join("\n"));
        let texts = page_texts(&pages);
        prop_assert_eq!(texts.len(), pages.len());
    }
}
