//! Criterion benchmark: parsing the bundled sample issue.

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

criterion_group!(benches, parse_sample);
criterion_main!(benches);
