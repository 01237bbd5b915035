//! Criterion benchmark: the 49 State Council pages of
//! `tests/fixtures/govcn/html/`, decoded, rendered and parsed with their
//! metadata. Throughput is counted in bytes of HTML. Each round checks that
//! every page gives one document with its metadata, so a fast wrong answer
//! fails.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gazette_model::TextForm;

fn pages() -> Vec<Vec<u8>> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/govcn/html");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("page"))
        .collect()
}

fn render_and_parse(c: &mut Criterion) {
    let pages = pages();
    assert_eq!(pages.len(), 49);
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("govcn_49_pages_render", |b| {
        b.iter(|| {
            for page in &pages {
                let decoded = gazette_html::decode(std::hint::black_box(page)).expect("decodes");
                let rendered = gazette_html::render(&decoded.html);
                assert!(rendered.meta.is_some());
            }
        });
    });
    group.bench_function("govcn_49_pages_render_and_parse", |b| {
        b.iter(|| {
            for page in &pages {
                let decoded = gazette_html::decode(std::hint::black_box(page)).expect("decodes");
                let rendered = gazette_html::render(&decoded.html);
                let issue =
                    gazette_parse::parse_with_meta(&rendered.text, TextForm::Html, rendered.meta);
                assert_eq!(issue.documents.len(), 1);
                assert!(issue.documents[0].published_meta.is_some());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, render_and_parse);
criterion_main!(benches);
