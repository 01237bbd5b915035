#!/usr/bin/env bash
# Fuzzes `gazette_parse::parse_bytes` with cargo-fuzz (libFuzzer).
#
#     scripts/fuzz-parse.sh [SECONDS] [extra libFuzzer flags...]
#
# SECONDS defaults to 600. The seed corpus (fuzz/corpus/parse_bytes/) is
# filled from tests/fixtures at run time; corpus and artifacts are
# git-ignored. Crashing inputs land in fuzz/artifacts/parse_bytes/.
#
# cargo-fuzz needs nightly-only rustc flags (-Z sanitizer, coverage
# instrumentation); on a stable toolchain RUSTC_BOOTSTRAP=1 unlocks them.
# Environment: JOBS (default 1) runs that many fuzzing processes in parallel.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_TO_RUN="${1:-600}"
shift || true
[[ $SECONDS_TO_RUN =~ ^[0-9]+$ ]] || {
    echo "usage: $0 [SECONDS] [libFuzzer flags...]" >&2
    exit 2
}
JOBS="${JOBS:-1}"
TARGET=parse_bytes
CORPUS="fuzz/corpus/$TARGET"
ARTIFACTS="fuzz/artifacts/$TARGET"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> cargo install cargo-fuzz" >&2
    cargo install cargo-fuzz
fi

# Seed corpus: the sample issue and the gov.cn documents. Inputs longer than
# -max_len are truncated by libFuzzer, which is still a useful seed.
mkdir -p "$CORPUS" "$ARTIFACTS"
cp -n tests/fixtures/qingdao-gazette-2019-issue.txt "$CORPUS/" 2>/dev/null || true
for f in tests/fixtures/govcn/*.txt; do
    cp -n "$f" "$CORPUS/" 2>/dev/null || true
done

before=$(find "$ARTIFACTS" -type f | wc -l)
echo "==> fuzzing $TARGET for ${SECONDS_TO_RUN}s (corpus: $(find "$CORPUS" -type f | wc -l) files)" >&2
parallel=()
# -jobs makes libFuzzer write each job's output to fuzz-N.log instead
((JOBS > 1)) && parallel=(-jobs="$JOBS" -workers="$JOBS")
status=0
RUSTC_BOOTSTRAP=1 cargo fuzz run "$TARGET" "$CORPUS" -- \
    -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -print_final_stats=1 \
    "${parallel[@]}" "$@" || status=$?

after=$(find "$ARTIFACTS" -type f | wc -l)
if ((after > before)) || ((status != 0)); then
    echo "==> the fuzzer stopped with status $status; artifacts in $ARTIFACTS:" >&2
    ls -l "$ARTIFACTS" >&2
    echo "    reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run $TARGET $ARTIFACTS/<file>" >&2
    exit 1
fi
echo "==> no crash in ${SECONDS_TO_RUN}s" >&2
