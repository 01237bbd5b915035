#!/usr/bin/env bash
# Search and ingest benchmark: gazette vs SQLite FTS5 (trigram) vs ripgrep.
#
#     scripts/bench-search.sh            # from the repository root
#
# For each corpus (bench-data/corpus-10k, bench-data/corpus-100k; made by
# scripts/gen-corpus.py when missing, and checked with the parser):
#   1. ingest: `gazette ingest DIR/issues --data FRESH_DIR --json` under
#      /usr/bin/time -v, INGEST_RUNS times (default 3) into fresh data dirs;
#      median wall time → docs/s and MB/s; peak RSS; size on disk (du) of the
#      store and the index;
#   2. gazette search: the bench program crates/gazette-archive/benches/search.rs
#      over scripts/bench-queries.txt, ROUNDS timed rounds (default 10);
#   3. FTS5: scripts/fts5_bench.py load (INGEST_RUNS times, median) and query
#      (ROUNDS rounds); ripgrep: scripts/fts5_bench.py rg (ROUNDS rounds);
#   4. every query's total from gazette must equal FTS5's (exact counts; a
#      fast wrong answer fails the benchmark): the script stops on a mismatch;
#   5. rewrites the bench-search section of BENCHMARKS.md
#      (scripts/bench-search-report.py).
#
# Environment:
#   SIZES="10k 100k"   which corpora          ROUNDS=10      timed rounds per query
#   INGEST_RUNS=3      ingests/loads per corpus (median)
#   BENCH_WORK=bench-data/search              data dirs, FTS5 databases, results
#   CARGO_TARGET_DIR   honoured (default target/)
#   BENCH_SEARCH_BIN   a built search bench program (skips building it)
#
# Needs the bench target in crates/gazette-archive/Cargo.toml:
#     [[bench]]
#     name = "search"
#     harness = false
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-"10k 100k"}
ROUNDS=${ROUNDS:-10}
INGEST_RUNS=${INGEST_RUNS:-3}
WORK=${BENCH_WORK:-bench-data/search}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
QUERIES=scripts/bench-queries.txt

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench-search: %s\n' "$*" >&2; exit 1; }

# --- tools ------------------------------------------------------------------
apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "$@"
}
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
fi
command -v python3 >/dev/null || die "python3 is needed"
python3 -c 'import sqlite3, sys; v = tuple(map(int, sqlite3.sqlite_version.split("."))); sys.exit(v < (3, 34, 0))' ||
    die "Python's SQLite is older than 3.34 (no trigram tokenizer)"

# --- build ------------------------------------------------------------------
log "building gazette (release)"
cargo build --release -p gazette-cli
GAZETTE="$TARGET_DIR/release/gazette"
[ -x "$GAZETTE" ] || die "no $GAZETTE after the build"

if [ -n "${BENCH_SEARCH_BIN:-}" ]; then
    SEARCH_BIN=$BENCH_SEARCH_BIN
else
    if ! grep -A3 -E '^\[\[bench\]\]' crates/gazette-archive/Cargo.toml | grep -q 'name = "search"'; then
        die 'crates/gazette-archive/Cargo.toml needs: [[bench]] name = "search" harness = false'
    fi
    log "building the search bench program"
    SEARCH_BIN=$(scripts/search-bench-bin.sh)
    [ -n "$SEARCH_BIN" ] || die "cargo bench --no-run gave no executable for the search bench"
fi
[ -x "$SEARCH_BIN" ] || die "no search bench program at $SEARCH_BIN"

# --- corpora ----------------------------------------------------------------
mkdir -p "$WORK"
for size in $SIZES; do
    case $size in
        10k) docs=10000 ;;
        100k) docs=100000 ;;
        *) die "unknown size $size (10k or 100k)" ;;
    esac
    corpus=bench-data/corpus-$size
    if [ ! -f "$corpus/manifest.json" ] || [ ! -f "$corpus/docs.jsonl" ]; then
        log "generating $corpus"
        rm -rf "$corpus"
        python3 scripts/gen-corpus.py --docs "$docs" --out "$corpus" --seed 1
    fi
    log "checking $corpus with the parser (every issue; blocks of 50)"
    python3 scripts/gen-corpus.py --check "$corpus" --gazette "$GAZETTE" --blocks 50
done

# --- per corpus -------------------------------------------------------------
cp /proc/loadavg "$WORK/loadavg-start" 2>/dev/null || true
peak_rss_kib() { sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1"; }
wall_seconds() {
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.33"
    sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f\n", s }'
}

for size in $SIZES; do
    corpus=bench-data/corpus-$size
    out=$WORK/$size
    rm -rf "$out"
    mkdir -p "$out"

    log "$size: gazette ingest × $INGEST_RUNS"
    : >"$out/ingest-runs.tsv"
    for run in $(seq 1 "$INGEST_RUNS"); do
        data=$out/data
        rm -rf "$data"
        /usr/bin/time -v "$GAZETTE" ingest "$corpus/issues" --data "$data" --json \
            >"$out/ingest-$run.json" 2>"$out/ingest-$run.log" ||
            { tail -40 "$out/ingest-$run.log" >&2; die "gazette ingest failed"; }
        printf '%s\t%s\t%s\t%s\t%s\n' "$run" "$(wall_seconds "$out/ingest-$run.log")" \
            "$(peak_rss_kib "$out/ingest-$run.log")" \
            "$(du -sb "$data" | cut -f1)" \
            "$(du -sb "$data/index" 2>/dev/null | cut -f1)" >>"$out/ingest-runs.tsv"
        tail -1 "$out/ingest-runs.tsv" >&2
    done
    du -sb "$data"/* >"$out/data-du.txt"

    log "$size: gazette search ($ROUNDS rounds)"
    GAZETTE_BENCH_DATA=$data GAZETTE_BENCH_QUERIES=$QUERIES GAZETTE_BENCH_ROUNDS=$ROUNDS \
        /usr/bin/time -v "$SEARCH_BIN" >"$out/gazette-search.json" 2>"$out/gazette-search.log" ||
        { tail -40 "$out/gazette-search.log" >&2; die "the search bench failed"; }

    log "$size: FTS5 load × $INGEST_RUNS"
    : >"$out/fts5-load-runs.tsv"
    for run in $(seq 1 "$INGEST_RUNS"); do
        /usr/bin/time -v python3 scripts/fts5_bench.py load --corpus "$corpus" --db "$out/fts5.db" \
            --json "$out/fts5-load-$run.json" >/dev/null 2>"$out/fts5-load-$run.log" ||
            { tail -40 "$out/fts5-load-$run.log" >&2; die "FTS5 load failed"; }
        printf '%s\t%s\t%s\n' "$run" "$(wall_seconds "$out/fts5-load-$run.log")" \
            "$(peak_rss_kib "$out/fts5-load-$run.log")" >>"$out/fts5-load-runs.tsv"
        tail -1 "$out/fts5-load-runs.tsv" >&2
    done

    log "$size: FTS5 queries ($ROUNDS rounds)"
    /usr/bin/time -v python3 scripts/fts5_bench.py query --db "$out/fts5.db" --queries "$QUERIES" \
        --rounds "$ROUNDS" --json "$out/fts5-query.json" >/dev/null 2>"$out/fts5-query.log" ||
        { tail -40 "$out/fts5-query.log" >&2; die "FTS5 queries failed"; }

    log "$size: ripgrep ($ROUNDS rounds)"
    python3 scripts/fts5_bench.py rg --dir "$corpus/issues" --queries "$QUERIES" \
        --rounds "$ROUNDS" --json "$out/rg.json" >/dev/null 2>"$out/rg.log" ||
        { tail -40 "$out/rg.log" >&2; die "the rg loop failed"; }

    log "$size: gazette totals vs FTS5 totals"
    python3 scripts/bench-search-report.py compare "$out" || die "gazette and FTS5 disagree on $size (see above)"
done

# --- report -----------------------------------------------------------------
cp /proc/loadavg "$WORK/loadavg-end" 2>/dev/null || true
log "rewriting the bench-search section of BENCHMARKS.md"
python3 scripts/bench-search-report.py render --work "$WORK" --sizes "$SIZES" \
    --gazette "$GAZETTE" --rounds "$ROUNDS" --ingest-runs "$INGEST_RUNS" --benchmarks BENCHMARKS.md
log "done: results in $WORK, section rewritten in $ROOT/BENCHMARKS.md"
