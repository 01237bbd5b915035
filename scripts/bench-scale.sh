#!/usr/bin/env bash
# The scale benchmark of issue 17 §3: gazette on SQLite and on PostgreSQL
# beside SQLite FTS5 trigram, on generated corpora of 100,000 and 1,000,000
# documents, in one run (see scripts/bench_scale.py for every figure).
#
#     scripts/bench-scale.sh                    # SIZES="100k 1m"
#     SIZES=100k ROUNDS=5 scripts/bench-scale.sh
#     BENCH_WORK=bench-data/scale BENCHMARKS=BENCHMARKS.md   (the defaults)
#
# Builds gazette and the search bench program (release), starts a throwaway
# PostgreSQL (scripts/throwaway-postgres.sh; stopped at exit; set
# NO_POSTGRES=1 to leave PostgreSQL out), installs GNU time when missing,
# and rewrites the bench-scale section of BENCHMARKS.md. A size that would
# not fit on the disk is reported as skipped. Corpora are kept in
# bench-data/corpus-SIZE; archives are removed after each size.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100k 1m"}
ROUNDS=${ROUNDS:-5}
TARGET_DIR=${CARGO_TARGET_DIR:-target}

if [ ! -x /usr/bin/time ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq time
fi

cargo build --release -p gazette-cli
SEARCH_BIN=$(scripts/search-bench-bin.sh)
[ -x "$SEARCH_BIN" ] || { echo "bench-scale: no search bench program" >&2; exit 1; }

postgres=""
if [ -z "${NO_POSTGRES:-}" ]; then
    eval "$(scripts/throwaway-postgres.sh start)"
    trap 'scripts/throwaway-postgres.sh stop "$GAZETTE_PG_DIR"' EXIT
    PATH="$(cat "$GAZETTE_PG_DIR/bin"):$PATH"
    export PATH
    postgres=$GAZETTE_TEST_POSTGRES
fi

python3 scripts/bench_scale.py --gazette "$TARGET_DIR/release/gazette" --search-bench "$SEARCH_BIN" \
    --sizes "$SIZES" --rounds "$ROUNDS" --postgres "$postgres" \
    --work "${BENCH_WORK:-bench-data/scale}" --benchmarks "${BENCHMARKS:-BENCHMARKS.md}"
