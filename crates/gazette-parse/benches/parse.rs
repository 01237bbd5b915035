//! Criterion benchmark: parsing the bundled sample issue, and the 49 State
//! Council documents with their line breaks removed (line-less text).

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SAMPLE: &str = include_str!("../../../tests/fixtures/qingdao-gazette-2019-issue.txt");

fn parse_sample(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    group.bench_function("qingdao_sample", |b| {
        b.iter(|| {
            let issue = gazette_parse::parse_text(std::hint::black_box(SAMPLE));
            assert_eq!(issue.documents.len(), 6);
            issue
        });
    });
    let mirror = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
        .expect("OpenCC s2t")
        .convert(SAMPLE);
    group.throughput(Throughput::Bytes(mirror.len() as u64));
    group.bench_function("qingdao_sample_traditional", |b| {
        b.iter(|| {
            let issue = gazette_parse::parse_text(std::hint::black_box(&mirror));
            assert!(issue.traditional);
            assert_eq!(issue.documents.len(), 6);
            issue
        });
    });
    group.finish();
}

/// The State Council fixtures, as printed or with every `\r` and `\n`
/// removed.
fn govcn(flatten: bool) -> Vec<String> {
    texts_in(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/govcn"),
        flatten,
    )
}

/// The `.txt` files of `dir`, sorted, maybe flattened.
fn texts_in(dir: &str, flatten: bool) -> Vec<String> {
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .expect("govcn fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("utf-8");
            match flatten {
                true => text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect(),
                false => text,
            }
        })
        .collect();
    texts.sort();
    texts
}

fn parse_line_less(c: &mut Criterion) {
    let ocr = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/ocr-flat");
    let cases = [
        ("govcn_printed", govcn(false)),
        ("govcn_flattened", govcn(true)),
        ("ocr_flat", texts_in(ocr, false)),
    ];
    for (name, texts) in cases {
        let bytes: usize = texts.iter().map(String::len).sum();
        let mut group = c.benchmark_group("parse");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| {
                        gazette_parse::parse_text(std::hint::black_box(t))
                            .documents
                            .len()
                    })
                    .sum::<usize>()
            });
        });
        group.finish();
    }
}

criterion_group!(benches, parse_sample, parse_line_less);
criterion_main!(benches);
