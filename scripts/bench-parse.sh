#!/usr/bin/env bash
# Throughput benchmark of `gazette parse` on a ~100 MiB synthetic corpus,
# compared with `rg -c 。` on the same file (a lower bound: one fast pass
# over the bytes); and, in the same hyperfine run, on two other inputs:
# line-less text (the 49 gov.cn fixtures with every line break removed, one
# file each, copied to ~50 MiB) and HTML pages (the 49 real gov.cn pages,
# copied to ~50 MiB), each beside `rg -c 。` over the same files. Run from
# the repository root:
#
#     scripts/bench-parse.sh
#
# It installs ripgrep, hyperfine and GNU time with apt-get when missing,
# builds the release CLI, generates bench-data/issues-100mb.txt,
# bench-data/lineless/ and bench-data/html/ (git-ignored) from the test
# fixtures, checks that the parser's answer on each is sane, times the six
# commands in one hyperfine run, measures the parser's peak RSS on the text,
# prints a markdown block and rewrites the bench-parse section of
# BENCHMARKS.md.
#
# Environment: RUNS (default 10), WARMUP (default 1).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export LC_ALL=C

RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-1}"
DATA_DIR=bench-data
DATA="$DATA_DIR/issues-100mb.txt"
TARGET_BYTES=$((100 * 1024 * 1024))
# The line-less and HTML inputs: folders of copies of the 49 fixtures.
LINELESS_DIR="$DATA_DIR/lineless"
HTML_DIR="$DATA_DIR/html"
FOLDER_TARGET_BYTES=$((50 * 1024 * 1024))
BIN=target/release/gazette
JSON="$DATA_DIR/hyperfine-parse.json"
REPORT=BENCHMARKS.md
START_MARK='<!-- bench-parse:start -->'
END_MARK='<!-- bench-parse:end -->'

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- 1. tools ---------------------------------------------------------------
missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]} > 0)); then
    log "installing ${missing[*]}"
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# --- 2. build ---------------------------------------------------------------
log "cargo build --release -p gazette-cli"
cargo build --release -p gazette-cli
[[ -x $BIN ]] || die "$BIN was not built"

# --- 3. data ----------------------------------------------------------------
# One unit = the Qingdao issue, then every govcn fixture in byte order of
# its name, each ending with a newline and followed by a blank line. The
# file is the unit repeated just enough times to reach 100 MiB, so its
# content and size are fixed by the fixtures alone.
mkdir -p "$DATA_DIR"
unit=$(mktemp)
trap 'rm -f "$unit"' EXIT
shopt -s nullglob
sources=(tests/fixtures/qingdao-gazette-2019-issue.txt tests/fixtures/govcn/*.txt)
shopt -u nullglob
((${#sources[@]} > 1)) || die "fixtures not found under tests/fixtures"
for f in "${sources[@]}"; do
    cat "$f"
    # complete the last line, if the file does not end with a newline
    [[ -z $(tail -c 1 "$f") ]] || printf '\n'
    printf '\n'
done >"$unit"
unit_bytes=$(stat -c %s "$unit")
copies=$(((TARGET_BYTES + unit_bytes - 1) / unit_bytes))
want_bytes=$((copies * unit_bytes))

if [[ -f $DATA && $(stat -c %s "$DATA") -eq $want_bytes ]]; then
    log "$DATA exists with the expected size ($want_bytes bytes); not regenerated"
else
    log "generating $DATA: $copies copies of a $unit_bytes-byte unit (${#sources[@]} files)"
    tmp="$DATA.tmp"
    for ((i = 0; i < copies; i++)); do cat "$unit"; done >"$tmp"
    mv "$tmp" "$DATA"
fi
data_bytes=$(stat -c %s "$DATA")
((data_bytes >= TARGET_BYTES)) || die "$DATA is only $data_bytes bytes"

# Copies of the files `$2…` into the folder $1 (named cNNN-<name>), as many
# rounds as reach FOLDER_TARGET_BYTES, each file passed through the filter
# command $FILTER first; regenerated only when its size is not the expected
# one. Prints the folder's size.
fill_folder() {
    local dir=$1
    shift
    local staged
    staged=$(mktemp -d)
    for f in "$@"; do "$FILTER" <"$f" >"$staged/$(basename "$f")"; done
    local round_bytes copies want have
    round_bytes=$(cat "$staged"/* | wc -c)
    copies=$(((FOLDER_TARGET_BYTES + round_bytes - 1) / round_bytes))
    want=$((copies * round_bytes))
    have=$(cat "$dir"/* 2>/dev/null | wc -c || true)
    if [[ $have -ne $want ]]; then
        log "generating $dir: $copies copies of $# files ($round_bytes bytes)"
        rm -rf "$dir"
        mkdir -p "$dir"
        for ((i = 0; i < copies; i++)); do
            for f in "$staged"/*; do
                cp "$f" "$dir/$(printf 'c%03d' "$i")-$(basename "$f")"
            done
        done
    else
        log "$dir exists with the expected size ($want bytes); not regenerated"
    fi
    rm -rf "$staged"
    echo "$want"
}
flatten() { tr -d '\r\n'; }
FILTER=flatten
lineless_bytes=$(fill_folder "$LINELESS_DIR" tests/fixtures/govcn/*.txt)
FILTER=cat
html_bytes=$(fill_folder "$HTML_DIR" tests/fixtures/govcn/html/*.html)
lineless_files=$(find "$LINELESS_DIR" -type f | wc -l)
html_files=$(find "$HTML_DIR" -type f | wc -l)

# --- 4. sanity: a fast wrong answer must fail the bench ----------------------
log "checking the parser's answer on $DATA"
summary="$DATA_DIR/summary.txt"
"$BIN" parse "$DATA" --format summary >"$summary" || die "gazette parse failed on $DATA"
first_line=$(head -n 1 "$summary")
[[ $first_line =~ :\ ([0-9]+)\ document\(s\)$ ]] ||
    die "unexpected first line of the summary: '$first_line'"
docs=${BASH_REMATCH[1]}
((docs > 1000)) || die "the parser found only $docs document(s) in $DATA (expected > 1000)"
matches=$(rg -c 。 "$DATA")
log "parser: $docs document(s); rg: $matches line(s) with 。"

# Every line-less file and every page must give its one document.
folder_docs() {
    local dir=$1 ext=$2 out="$DATA_DIR/summary-$(basename "$1").txt"
    "$BIN" parse "$dir"/*."$ext" --format summary >"$out" || die "gazette parse failed on $dir"
    local files ones
    files=$(find "$dir" -type f | wc -l)
    ones=$(grep -c ': 1 document(s)$' "$out" || true)
    ((ones == files)) || die "$dir: only $ones of $files files give one document"
    echo "$ones"
}
lineless_docs=$(folder_docs "$LINELESS_DIR" txt)
html_docs=$(folder_docs "$HTML_DIR" html)
log "line-less: $lineless_docs of $lineless_files files give one document; html: $html_docs of $html_files"

# --- 5. timing ----------------------------------------------------------------
parse_cmd="$BIN parse $DATA --format summary"
rg_cmd="rg -c 。 $DATA"
log "hyperfine --warmup $WARMUP --runs $RUNS"
hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
    --output=null --export-json "$JSON" \
    -n "gazette parse" "$parse_cmd" \
    -n "rg -c 。" "$rg_cmd" \
    -n "gazette parse line-less" "$BIN parse $LINELESS_DIR/*.txt --format summary" \
    -n "rg -c 。 line-less" "rg -c 。 $LINELESS_DIR" \
    -n "gazette parse html" "$BIN parse $HTML_DIR/*.html --format summary" \
    -n "rg -c 。 html" "rg -c 。 $HTML_DIR" >&2

# --- 6. peak RSS ------------------------------------------------------------
log "peak RSS of one parser run"
rss_log="$DATA_DIR/time-v.txt"
/usr/bin/time -v -o "$rss_log" "$BIN" parse "$DATA" --format summary >/dev/null
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$rss_log")
[[ -n $rss_kb ]] || die "no peak RSS in $rss_log"

# --- 7. report ----------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no-git")
if [[ -n $(git status --porcelain 2>/dev/null) ]]; then
    commit="$commit (uncommitted changes)"
fi
cpu_model=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
mem_total=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)

block=$(
    python3 - "$JSON" "$data_bytes" "$docs" "$rss_kb" "$commit" \
        "$(date -u +%Y-%m-%d)" "$(nproc)" "$cpu_model" "$mem_total" \
        "$RUNS" "$WARMUP" "$("$BIN" --version)" "$(rg --version | head -n 1)" \
        "$(hyperfine --version)" "$lineless_bytes" "$lineless_files" \
        "$html_bytes" "$html_files" <<'PY'
import json
import statistics
import sys

(path, size, docs, rss_kb, commit, day, ncpu, cpu, mem, runs, warmup,
 gazette_v, rg_v, hyperfine_v, lineless_size, lineless_files, html_size,
 html_files) = sys.argv[1:]
size = int(size)
mib = size / 1048576
results = {r["command"]: r for r in json.load(open(path))["results"]}
parse = results["gazette parse"]
rg = results["rg -c 。"]


def median(r):
    return statistics.median(r["times"])


tp, tr = median(parse), median(rg)
rows = [
    ("`gazette parse … --format summary`", parse, tp),
    ("`rg -c 。 …`", rg, tr),
]
print(f"Run {day}, commit `{commit}`, {ncpu} CPUs ({cpu}), {mem} RAM.")
print(f"Input: `bench-data/issues-100mb.txt`, {size:,} bytes ({mib:.1f} MiB); "
      f"the parser finds {int(docs):,} documents in it.")
print(f"hyperfine `--warmup {warmup} --runs {runs}`; times are medians; "
      "MiB/s = input bytes / 1,048,576 / median seconds, "
      "MB/s = input bytes / 10^6 / median seconds.")
print()
print("| command | median (s) | min (s) | max (s) | MiB/s | MB/s |")
print("|---|---:|---:|---:|---:|---:|")
for name, r, t in rows:
    print(f"| {name} | {t:.3f} | {min(r['times']):.3f} | "
          f"{max(r['times']):.3f} | {mib / t:.1f} | {size / 1e6 / t:.1f} |")
print()
print(f"- ratio parser time / rg time: **{tp / tr:.1f}×**")
print(f"- peak RSS of one parser run on this file (`/usr/bin/time -v`): "
      f"**{int(rss_kb) / 1024:.0f} MiB** ({int(rss_kb):,} KiB), "
      f"{int(rss_kb) * 1024 / size:.1f}× the input size")
print()
print(f"Line-less text: `bench-data/lineless/`, {int(lineless_files):,} files, "
      f"{int(lineless_size):,} bytes ({int(lineless_size) / 1048576:.1f} MiB): "
      "the 49 gov.cn fixtures with every `\\r` and `\\n` removed, one file "
      "each, copied; each gives its one document. HTML: `bench-data/html/`, "
      f"{int(html_files):,} files, {int(html_size):,} bytes "
      f"({int(html_size) / 1048576:.1f} MiB): the 49 real gov.cn pages of "
      "`tests/fixtures/govcn/html/`, copied; each gives its one document. "
      "Throughput is of the input bytes (for HTML: the page's bytes, "
      "markup included).")
print()
print("| input | command | median (s) | min (s) | max (s) | MiB/s | MB/s |")
print("|---|---|---:|---:|---:|---:|---:|")
for label, n, files in (("line-less", int(lineless_size), "lineless/*.txt"),
                        ("html", int(html_size), "html/*.html")):
    p, r = results[f"gazette parse {label}"], results[f"rg -c 。 {label}"]
    for name, res in ((f"`gazette parse {files} --format summary`", p),
                      (f"`rg -c 。 {files.split('/')[0]}/`", r)):
        t = median(res)
        print(f"| {label} | {name} | {t:.3f} | {min(res['times']):.3f} | "
              f"{max(res['times']):.3f} | {n / 1048576 / t:.1f} | {n / 1e6 / t:.1f} |")
print()
for label in ("line-less", "html"):
    ratio = median(results[f"gazette parse {label}"]) / median(results[f"rg -c 。 {label}"])
    print(f"- {label}: ratio parser time / rg time: **{ratio:.1f}×**")
print(f"- versions: {gazette_v}; {rg_v}; {hyperfine_v}")
PY
)

printf '\n%s\n%s\n%s\n' "$START_MARK" "$block" "$END_MARK"

if [[ ! -f $REPORT ]]; then
    cat >"$REPORT" <<EOF
# Benchmarks

How fast \`gazette parse\` is, measured on one machine. Every figure is a
median over several runs; each section says how it was produced and can be
regenerated.

Machine: $(nproc) CPUs, ${cpu_model}, ${mem_total} RAM.

## End to end: \`gazette parse\` on 100 MiB

Produced by \`scripts/bench-parse.sh\` (rewrites this section). The input
is \`bench-data/issues-100mb.txt\` (git-ignored, regenerated by the script):
the Qingdao sample issue and the 49 gov.cn fixtures concatenated, separated
by blank lines, repeated until the file reaches 100 MiB. The parser
(\`--format summary\`, output to /dev/null) is compared, in the same
hyperfine run, with \`rg -c 。\` on the same file — a single fast pass over
the bytes, the floor for any tool that reads the whole input.

$START_MARK
$END_MARK
EOF
fi
if ! grep -qF "$START_MARK" "$REPORT" || ! grep -qF "$END_MARK" "$REPORT"; then
    die "$REPORT lacks the markers $START_MARK / $END_MARK"
fi

printf '%s\n' "$block" | python3 scripts/benchmarks_section.py "$REPORT" bench-parse
log "updated $REPORT"
