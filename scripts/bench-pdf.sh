#!/usr/bin/env bash
# PDF throughput: `gazette parse` (release) on the text PDFs, beside bare
# `pdftotext` on the same files — how much the extraction with layout, the
# artifact removal and the parser add on top of poppler. Run from the
# repository root:
#
#     scripts/bench-pdf.sh
#
# Files: the text-layer PDFs of the real corpus ($PDF_CORPUS, default
# ../shared/corpus/pdf, else tests/fixtures/pdf; the files with scanned
# pages are left out, OCR is not measured here) and the two sample PDFs
# built by scripts/make-test-pdfs.py (target/test-pdfs). Both commands get
# all the files in one run; hyperfine times them; pages/s = pages / median
# seconds. A fast wrong answer fails: the sample PDFs must give their 6
# documents each. Rewrites the bench-pdf section of BENCHMARKS.md.
#
# Environment: RUNS (default 10), WARMUP (default 1).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-1}"
BIN="${CARGO_TARGET_DIR:-target}/release/gazette"
OUT=target/bench-pdf
REPORT=BENCHMARKS.md
START_MARK='<!-- bench-pdf:start -->'
END_MARK='<!-- bench-pdf:end -->'
SCANNED='nanning-zjh-2025-671.pdf hubei-wlbf-2021-38.pdf plan-14fyp-outline.pdf'

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

for tool in hyperfine pdftotext pdfinfo python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install hyperfine poppler-utils python3)"
done
mkdir -p "$OUT"

log "cargo build --release -p gazette-cli"
cargo build --release -p gazette-cli
[[ -f target/test-pdfs/two-column.pdf ]] || python3 scripts/make-test-pdfs.py target/test-pdfs

corpus="${PDF_CORPUS:-../shared/corpus/pdf}"
[[ -d $corpus ]] || corpus=tests/fixtures/pdf
files=(target/test-pdfs/two-column.pdf target/test-pdfs/one-column.pdf)
for f in "$corpus"/*.pdf; do
    [[ " $SCANNED " == *" $(basename "$f") "* ]] || files+=("$f")
done
pages=0
for f in "${files[@]}"; do
    n=$(pdfinfo "$f" | sed -n 's/^Pages:[[:space:]]*//p')
    pages=$((pages + n))
done
log "${#files[@]} files, $pages pages"

# A fast wrong answer must fail.
"$BIN" parse --format summary "${files[@]}" >"$OUT/summary.txt" 2>"$OUT/warnings.txt" || true
for sample in two-column one-column; do
    grep -q "$sample.pdf: 6 document(s)" "$OUT/summary.txt" ||
        die "$sample.pdf does not give its 6 documents (see $OUT/summary.txt)"
done

quoted=$(printf '%q ' "${files[@]}")
hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic --output=null \
    --export-json "$OUT/hyperfine.json" \
    -n "gazette parse" "$BIN parse --format summary $quoted" \
    -n "pdftotext" "for f in $quoted; do pdftotext -q \"\$f\" -; done" >&2

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no-git")
[[ -z $(git status --porcelain 2>/dev/null) ]] || commit="$commit (uncommitted changes)"
block=$(
    python3 - "$OUT/hyperfine.json" "$pages" "${#files[@]}" "$commit" "$(date -u +%Y-%m-%d)" \
        "$(nproc)" "$RUNS" "$WARMUP" "$(pdftotext -v 2>&1 | head -n 1)" "$(hyperfine --version)" \
        "$BIN parse --format summary FILES…" <<'PY'
import json
import statistics
import sys

path, pages, nfiles, commit, day, ncpu, runs, warmup, poppler, hyperfine, cmd = sys.argv[1:]
pages = int(pages)
results = {r["command"]: r for r in json.load(open(path))["results"]}
rows = [("`gazette parse --format summary`", results["gazette parse"]),
        ("`pdftotext FILE -` per file", results["pdftotext"])]
print(f"Run {day}, commit `{commit}`, {ncpu} CPUs; {poppler}; {hyperfine}.")
print(f"Input: {nfiles} text PDFs, {pages} pages (the two sample PDFs and the "
      "corpus files with a text layer). hyperfine "
      f"`--warmup {warmup} --runs {runs}`; medians.")
print()
print("| command | median (s) | min (s) | max (s) | pages/s |")
print("|---|---:|---:|---:|---:|")
med = {}
for name, r in rows:
    m = statistics.median(r["times"])
    med[name] = m
    print(f"| {name} | {m:.3f} | {min(r['times']):.3f} | {max(r['times']):.3f} | {pages / m:.0f} |")
a, b = med.values()
print()
print(f"- ratio gazette / pdftotext (medians): **{a / b:.2f}×**")
print(f"- command: `{cmd}` vs `for f in FILES…; do pdftotext -q \"$f\" -; done`")
PY
)
printf '\n%s\n%s\n%s\n' "$START_MARK" "$block" "$END_MARK"

if ! grep -qF "$START_MARK" "$REPORT"; then
    cat >>"$REPORT" <<EOF

## bench-pdf

PDF throughput, produced by \`scripts/bench-pdf.sh\` (rewrites this
section): \`gazette parse\` (release: pdfinfo, \`pdftotext -bbox-layout\`,
reading order, artifact removal, parse) on the text PDFs, beside bare
\`pdftotext\` (default mode) on the same files. OCR is not measured.

$START_MARK
$END_MARK
EOF
fi
printf '%s\n' "$block" | python3 scripts/benchmarks_section.py "$REPORT" bench-pdf
log "updated $REPORT"
