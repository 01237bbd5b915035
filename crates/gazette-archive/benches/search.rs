#![allow(missing_docs)]
//! Search latency of an ingested archive, in process.
//!
//! ```text
//! GAZETTE_BENCH_DATA=/tmp/gazette-bench/data-100k \
//! GAZETTE_BENCH_QUERIES=scripts/bench-queries.txt \
//! GAZETTE_BENCH_ROUNDS=5 \
//!     cargo bench -p gazette-archive --bench search
//! ```
//!
//! `GAZETTE_BENCH_DATA` is a data directory already filled by
//! `gazette ingest`; `GAZETTE_BENCH_QUERIES` holds one query per line as
//! `class<TAB>query` in gazette's query language (`#` starts a comment), the
//! same file `scripts/fts5_bench.py` reads. Every query is run once to warm
//! up (caches, mmap'd index pages), then `GAZETTE_BENCH_ROUNDS` times
//! (default 5), each time asking for what a search page shows: the exact
//! total and the first hits (with their snippets).
//!
//! Prints JSON on stdout: per query `{query, class, total, p50_ms, p99_ms,
//! samples_ms}`, and per class and overall `{queries, samples, p50_ms,
//! p99_ms}`. Percentiles are nearest-rank over all timed samples (queries ×
//! rounds), as in `scripts/fts5_bench.py`. Progress goes to stderr.
//!
//! `GAZETTE_BENCH_LIMIT` sets the hits asked for (default 10; the server's
//! pages show 20). `GAZETTE_BENCH_SERIAL=1` runs each search on the calling thread only, as
//! the server does, so the times are the CPU one search costs.
//!
//! Needs `harness = false` (a `[[bench]]` entry in the crate manifest).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use gazette_archive::Archive;
use gazette_search::SearchOptions;
use serde_json::{json, Value};

/// Nearest-rank percentile: the smallest sample with at least `p` % of
/// the samples at or below it.
fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn summary(samples: &[f64], queries: usize) -> Value {
    json!({
        "queries": queries,
        "samples": samples.len(),
        "p50_ms": round3(percentile(samples, 50.0)),
        "p99_ms": round3(percentile(samples, 99.0)),
    })
}

fn env_path(name: &str) -> Result<PathBuf, String> {
    std::env::var_os(name)
        .map(PathBuf::from)
        .ok_or_else(|| format!("set {name}"))
}

fn read_queries(path: &PathBuf) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut queries = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((class, query)) = line.split_once('\t') else {
            return Err(format!(
                "{}: not `class<TAB>query`: {line:?}",
                path.display()
            ));
        };
        queries.push((class.trim().to_owned(), query.trim().to_owned()));
    }
    Ok(queries)
}

fn run() -> Result<(), String> {
    let data = env_path("GAZETTE_BENCH_DATA")?;
    let queries_path = env_path("GAZETTE_BENCH_QUERIES")?;
    let rounds: usize = match std::env::var("GAZETTE_BENCH_ROUNDS") {
        Ok(v) => v
            .parse()
            .map_err(|_| format!("GAZETTE_BENCH_ROUNDS: not a number: {v}"))?,
        Err(_) => 5,
    };
    if rounds == 0 {
        return Err("GAZETTE_BENCH_ROUNDS must be at least 1".into());
    }
    let queries = read_queries(&queries_path)?;
    if !data.is_dir() {
        return Err(format!("{}: no such data directory", data.display()));
    }

    let opened = Instant::now();
    let archive = Archive::open(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let open_ms = opened.elapsed().as_secs_f64() * 1000.0;
    if std::env::var("GAZETTE_BENCH_SERIAL").is_ok_and(|v| v == "1") {
        archive.set_parallel_search(false);
    }
    let limit = match std::env::var("GAZETTE_BENCH_LIMIT") {
        Ok(v) => v
            .parse()
            .map_err(|_| format!("GAZETTE_BENCH_LIMIT: not a number: {v}"))?,
        Err(_) => 10,
    };
    let options = SearchOptions {
        limit,
        ..Default::default()
    };

    // Warm-up: every query once.
    let mut totals = Vec::with_capacity(queries.len());
    for (_, query) in &queries {
        let results = archive
            .reads()
            .search(query, &options)
            .map_err(|e| format!("query {query:?}: {e}"))?;
        totals.push(results.total);
    }

    let mut per_query = Vec::with_capacity(queries.len());
    let mut by_class: BTreeMap<&str, (Vec<f64>, usize)> = BTreeMap::new();
    let mut all = Vec::new();
    for ((class, query), &total) in queries.iter().zip(&totals) {
        let mut samples = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let start = Instant::now();
            let results = archive
                .reads()
                .search(query, &options)
                .map_err(|e| format!("query {query:?}: {e}"))?;
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
            if results.total != total {
                return Err(format!(
                    "query {query:?}: total {} after {total} in the warm-up",
                    results.total
                ));
            }
            std::hint::black_box(&results);
        }
        eprintln!(
            "{class:9} {query:28} total {total:7} p50 {:9.3} ms",
            percentile(&samples, 50.0)
        );
        let entry = by_class.entry(class.as_str()).or_default();
        entry.0.extend_from_slice(&samples);
        entry.1 += 1;
        all.extend_from_slice(&samples);
        per_query.push(json!({
            "query": query,
            "class": class,
            "total": total,
            "p50_ms": round3(percentile(&samples, 50.0)),
            "p99_ms": round3(percentile(&samples, 99.0)),
            "samples_ms": samples.iter().map(|&x| round3(x)).collect::<Vec<_>>(),
        }));
    }
    let classes: serde_json::Map<String, Value> = by_class
        .iter()
        .map(|(class, (samples, n))| ((*class).to_owned(), summary(samples, *n)))
        .collect();
    let report = json!({
        "engine": "gazette",
        "data_dir": data.display().to_string(),
        "open_ms": round3(open_ms),
        "rounds": rounds,
        "limit": limit,
        "queries": per_query,
        "classes": classes,
        "overall": summary(&all, queries.len()),
    });
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("search bench: {message}");
            ExitCode::FAILURE
        }
    }
}
