#!/usr/bin/env bash
# HTTP load benchmark of `gazette serve` with wrk, on the 100,000-document archive.
#
#     scripts/bench-server.sh            # from anywhere in the repository
#
# 1. installs wrk (Debian package `wrk`) when missing; builds
#    `cargo build --release -p gazette-cli`;
# 2. serves a copy of the archive made by scripts/bench-search.sh
#    (bench-data/search/100k/data, copied once to bench-data/serve-100k so the
#    benchmark never touches the original; the copy's search index is then
#    merged into one segment with `gazette compact`, as an operator does
#    after a bulk load) on 127.0.0.1:$PORT in the
#    background, with the server's default configuration but no search
#    result cache (`--search-cache 0`), then again with the default cache for
#    the two search endpoints; the server is stopped on exit;
# 3. takes DOCS document ids from `GET /api/v1/documents?limit=DOCS`, and the
#    phrase4/phrase8 queries of scripts/bench-queries.txt (URL-encoded);
# 4. for each endpoint — document page `/documents/{id}`, JSON document
#    `/api/v1/documents/{id}`, search page `/search?q=…`, JSON search
#    `/api/v1/search?q=…` — runs one wrk warm-up of WARMUP, then RUNS timed
#    runs of `wrk -t$THREADS -c$CONNS -d$DURATION --latency`, each rotating
#    over the ids or queries with a Lua script (so it is not one cached page);
# 5. rewrites the bench-server section of BENCHMARKS.md with the medians.
#
# wrk and the server share the machine's CPUs: the figures are for both on
# the same host, not for the server alone.
#
# Environment:
#   PORT=18080   DATA=bench-data/serve-100k   SOURCE=bench-data/search/100k/data
#   THREADS=2    CONNS=64    DURATION=20s     WARMUP=5s     RUNS=3    DOCS=200
#   OUT=bench-data/serve      raw wrk output, Lua scripts, server log, results
#   CARGO_TARGET_DIR          honoured (default target/)
#   NO_REPORT=1               do not touch BENCHMARKS.md
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
DATA=${DATA:-bench-data/serve-100k}
SOURCE=${SOURCE:-bench-data/search/100k/data}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
RUNS=${RUNS:-3}
DOCS=${DOCS:-200}
OUT=${OUT:-bench-data/serve}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
QUERIES=scripts/bench-queries.txt
BASE="http://127.0.0.1:${PORT}"

log() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench-server: %s\n' "$*" >&2; exit 1; }

# --- tools ------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    log "installing wrk"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq wrk
fi
for tool in curl python3 cargo; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done

log "building gazette (release)"
cargo build --release -p gazette-cli
GAZETTE="$TARGET_DIR/release/gazette"
[ -x "$GAZETTE" ] || die "no binary at $GAZETTE"

# --- data -------------------------------------------------------------------
if [ ! -d "$DATA" ]; then
    [ -d "$SOURCE" ] || die "no archive at $SOURCE: run scripts/bench-search.sh first (SIZES=100k)"
    log "copying $SOURCE to $DATA (once)"
    cp -r "$SOURCE" "$DATA"
fi
# Every run, so that the report's word holds for a copy made before this step
# existed; on a compacted copy it only says so.
log "compacting the search index of $DATA"
"$GAZETTE" compact --data "$DATA"
mkdir -p "$OUT"

# --- server -----------------------------------------------------------------
if curl -sf -o /dev/null "$BASE/healthz"; then
    die "something already answers on port $PORT; set PORT"
fi
SERVER_LOG="$OUT/server.log"
: >"$SERVER_LOG"
SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap stop_server EXIT
# start_server PAGES: serves with a search result cache of PAGES pages.
start_server() {
    log "starting $GAZETTE serve --data $DATA --addr 127.0.0.1:$PORT --search-cache $1"
    "$GAZETTE" serve --data "$DATA" --addr "127.0.0.1:$PORT" --search-cache "$1" >>"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 3000); do
        curl -sf -o /dev/null "$BASE/healthz" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited; see $SERVER_LOG"
        sleep 0.1
    done
    die "no answer from $BASE/healthz after 300 s"
}
# The engine first: no result cache, so every search is run.
start_server 0

# --- paths to rotate over ---------------------------------------------------
curl -sf "$BASE/api/v1/documents?limit=$DOCS" >"$OUT/documents.json" ||
    die "GET /api/v1/documents?limit=$DOCS failed"
python3 - "$OUT" "$QUERIES" <<'PY'
import json
import sys
import urllib.parse

out, queries = sys.argv[1], sys.argv[2]
with open(f"{out}/documents.json", encoding="utf-8") as f:
    ids = [item["id"] for item in json.load(f)["items"]]
if not ids:
    sys.exit("bench-server: the archive lists no documents")
phrases = []
with open(queries, encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or "\t" not in line:
            continue
        kind, query = line.rstrip("\n").split("\t", 1)
        if kind in ("phrase4", "phrase8"):
            phrases.append(urllib.parse.quote(query, safe=""))
if not phrases:
    sys.exit("bench-server: no phrase4/phrase8 queries in " + queries)
lists = {
    "page": [f"/documents/{i}" for i in ids],
    "api-doc": [f"/api/v1/documents/{i}" for i in ids],
    "search": [f"/search?q={q}" for q in phrases],
    "api-search": [f"/api/v1/search?q={q}" for q in phrases],
}
lists["search-cached"] = lists["search"]
lists["api-search-cached"] = lists["api-search"]
for name, paths in lists.items():
    with open(f"{out}/paths-{name}.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(paths) + "\n")
print(f"{len(ids)} documents, {len(phrases)} phrase queries", file=sys.stderr)
PY

# Every path must answer 200 before it is measured.
for name in page api-doc search api-search; do
    while IFS= read -r path; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
        [ "$code" = 200 ] || die "GET $path answered $code"
    done <"$OUT/paths-$name.txt"
done

# The wrk script: each thread walks the path list from its own offset; at the
# end one machine-readable RESULT line (latencies in microseconds).
LUA="$OUT/rotate.lua"
cat >"$LUA" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
local next_id = 0
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end
local i = 0
function init(args)
  i = ((thread_id or 0) * 37) % #paths
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "status_errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

# --- runs -------------------------------------------------------------------
RESULTS="$OUT/results.tsv"
printf 'endpoint\trun\trequests\tduration_us\tp50_us\tp90_us\tp99_us\tmax_us\tstatus_errors\tconnect\tread\twrite\ttimeout\n' >"$RESULTS"
LOAD_START=$(cut -d' ' -f1 /proc/loadavg)
measure() {
    local name=$1
    export BENCH_PATHS="$OUT/paths-$name.txt"
    first=$(head -n1 "$BENCH_PATHS")
    log "$name: warm-up ($WARMUP)"
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --latency -s "$LUA" "$BASE$first" >"$OUT/wrk-$name-warmup.txt"
    for run in $(seq 1 "$RUNS"); do
        log "$name: run $run of $RUNS (wrk -t$THREADS -c$CONNS -d$DURATION --latency)"
        raw="$OUT/wrk-$name-$run.txt"
        wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$LUA" "$BASE$first" >"$raw"
        grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|99)%' "$raw" >&2 || true
        line=$(grep '^RESULT ' "$raw") || die "no RESULT line in $raw"
        printf '%s\t%s' "$name" "$run" >>"$RESULTS"
        for field in $line; do
            [ "$field" = RESULT ] && continue
            printf '\t%s' "${field#*=}" >>"$RESULTS"
        done
        printf '\n' >>"$RESULTS"
    done
}
for name in page api-doc search api-search; do
    measure "$name"
done
# Then the server as shipped, with its default result cache: the same
# queries come round again and again, so this measures the cache.
stop_server
start_server 1024
for name in search-cached api-search-cached; do
    measure "$name"
done
LOAD_END=$(cut -d' ' -f1 /proc/loadavg)

stop_server
trap - EXIT
# Statuses as the server logged them (its default log has one line a request).
grep -o 'status=[0-9]*' "$SERVER_LOG" | sort | uniq -c >"$OUT/server-statuses.txt" || true
log "server statuses (whole session, probes included):"
cat "$OUT/server-statuses.txt" >&2

# --- report -----------------------------------------------------------------
COMMIT=$(git rev-parse --short HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    COMMIT="$COMMIT (uncommitted changes)"
fi
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
export COMMIT CPU MEM LOAD_START LOAD_END THREADS CONNS DURATION WARMUP RUNS DOCS DATA
export NCPU
NCPU=$(nproc)
export KERNEL
KERNEL=$(uname -r)
export WRK_VERSION
WRK_VERSION=$(wrk --version 2>&1 | head -n1 | awk '{ print $2 }' || true)
export RUN_DATE
RUN_DATE=$(date -u +%Y-%m-%d)
export NO_REPORT=${NO_REPORT:-}

python3 - "$RESULTS" "$OUT" <<'PY'
import csv
import os
import statistics
import sys

results, out = sys.argv[1], sys.argv[2]
env = os.environ
rows = list(csv.DictReader(open(results, encoding="utf-8"), delimiter="\t"))

endpoints = [
    ("page", "document page (HTML)", "/documents/{id}", "ids"),
    ("api-doc", "document (JSON)", "/api/v1/documents/{id}", "ids"),
    ("search", "phrase search page (HTML)", "/search?q=…", "queries"),
    ("api-search", "phrase search (JSON)", "/api/v1/search?q=…", "queries"),
    ("search-cached", "phrase search page (HTML), result cache on", "/search?q=…", "queries"),
    ("api-search-cached", "phrase search (JSON), result cache on", "/api/v1/search?q=…", "queries"),
]
n_paths = {}
for name, *_ in endpoints:
    with open(f"{out}/paths-{name}.txt", encoding="utf-8") as f:
        n_paths[name] = sum(1 for line in f if line.strip())


def num(x, digits=1):
    return f"{x:,.{digits}f}"


def errors(r):
    return sum(int(r[k]) for k in ("connect", "read", "write", "timeout"))


summary = {}
lines = []
lines.append("<!-- bench-server:start -->")
lines.append("## HTTP load: `gazette serve` under wrk (100,000 documents)")
lines.append("")
lines.append(
    "Produced by `scripts/bench-server.sh` (rewrites this section; raw wrk output, "
    "Lua script and server log in `bench-data/serve/`). "
    f"Run {env['RUN_DATE']}, commit `{env['COMMIT']}`, {env['NCPU']} CPUs ({env['CPU']}), "
    f"{env['MEM']} RAM, Linux {env['KERNEL']}; wrk {env['WRK_VERSION']}."
)
lines.append(
    f"Load average (1 min) at the start of the runs {env['LOAD_START']}, at the end {env['LOAD_END']}."
)
lines.append("")
lines.append(
    f"- **Archive**: the 100k archive of `scripts/bench-search.sh` (corpus-100k, 100,000 documents), "
    f"served from a copy (`{env['DATA']}`) whose search index was merged into one segment once (`gazette compact`, "
    "as after a bulk load; the ingest leaves several): "
    f"`gazette serve --data {env['DATA']} --addr 127.0.0.1:PORT --search-cache 0`, "
    "otherwise the default configuration (4 read workers, one INFO log line per request written to a file). "
    "The search endpoints are measured twice: first with the result cache off (`--search-cache 0`: every request "
    "runs its search; these are the figures the targets are judged on), then, in a second server session, with "
    "the default cache of 1,024 pages (*result cache on*): the rotation repeats the same queries, so after the "
    "warm-up nearly every request is answered from the cache, which says what repeated searches cost, not what "
    "a search costs."
)
lines.append(
    f"- **Command**: `wrk -t{env['THREADS']} -c{env['CONNS']} -d{env['DURATION']} --latency -s rotate.lua URL`, "
    f"after one {env['WARMUP']} warm-up per endpoint; {env['RUNS']} timed run(s) per endpoint, medians of each figure. "
    f"The Lua script rotates over {n_paths['page']} document ids (from `GET /api/v1/documents?limit={env['DOCS']}`) "
    f"or over the {n_paths['search']} phrase4 + phrase8 queries of `scripts/bench-queries.txt` (URL-encoded), "
    "each wrk thread from its own offset."
)
lines.append(
    "- **Caveat**: wrk and the server share the same CPUs, so wrk's own work is taken from the server; "
    "every path is checked to answer 200 before the runs. Errors are wrk's socket errors "
    "(connect/read/write/timeout); non-2xx/3xx are responses with status ≥ 400."
)
lines.append("")
for name, label, path, _ in endpoints:
    rs = [r for r in rows if r["endpoint"] == name]
    if not rs:
        continue
    rps = [int(r["requests"]) / (int(r["duration_us"]) / 1e6) for r in rs]
    p50 = [int(r["p50_us"]) / 1000 for r in rs]
    p90 = [int(r["p90_us"]) / 1000 for r in rs]
    p99 = [int(r["p99_us"]) / 1000 for r in rs]
    mx = [int(r["max_us"]) / 1000 for r in rs]
    bad = [int(r["status_errors"]) for r in rs]
    err = [errors(r) for r in rs]
    summary[name] = {
        "rps": statistics.median(rps),
        "p50": statistics.median(p50),
        "p99": statistics.median(p99),
        "p99_max": max(p99),
        "bad": sum(bad),
        "err": sum(err),
        "requests": sum(int(r["requests"]) for r in rs),
    }
    lines.append(f"### {label}: `GET {path}`")
    lines.append("")
    lines.append("| run | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx/3xx | socket errors |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r, a, b, c, d, e in zip(rs, rps, p50, p90, p99, mx):
        lines.append(
            f"| {r['run']} | {int(r['requests']):,} | {num(a)} | {num(b, 2)} | {num(c, 2)} | {num(d, 2)} | "
            f"{num(e, 1)} | {int(r['status_errors']):,} | {errors(r):,} |"
        )
    s = summary[name]
    lines.append(
        f"| **median** | | **{num(s['rps'])}** | **{num(s['p50'], 2)}** | {num(statistics.median(p90), 2)} | "
        f"**{num(s['p99'], 2)}** | {num(statistics.median(mx), 1)} | {s['bad']:,} (total) | {s['err']:,} (total) |"
    )
    lines.append("")

lines.append(f"### Targets (wrk -c {env['CONNS']})")
lines.append("")
lines.append("| target | measured (median of runs) | |")
lines.append("|---|---:|---|")


def verdict(ok):
    return "met" if ok else "**not met**"


targets = [
    ("page", "document page ≥ 5,000 req/s", 5000),
    ("search", "phrase search page (HTML) ≥ 2,000 req/s", 2000),
    ("api-search", "phrase search (JSON) ≥ 2,000 req/s", 2000),
    ("search-cached", "(for comparison) phrase search page, result cache on, ≥ 2,000 req/s", 2000),
    ("api-search-cached", "(for comparison) phrase search (JSON), result cache on, ≥ 2,000 req/s", 2000),
]
for name, text, goal in targets:
    if name in summary:
        v = summary[name]["rps"]
        lines.append(f"| {text} | {num(v)} req/s | {verdict(v >= goal)} |")
for name, label, _, _ in endpoints:
    if name in summary:
        s = summary[name]
        lines.append(
            f"| {label}: p99 < 50 ms | {num(s['p99'], 2)} ms (worst run {num(s['p99_max'], 2)} ms) | "
            f"{verdict(s['p99_max'] < 50)} |"
        )
for name, label, _, _ in endpoints:
    if name in summary:
        s = summary[name]
        ok = s["bad"] == 0 and s["err"] == 0
        lines.append(
            f"| {label}: no errors | {s['bad']:,} non-2xx/3xx, {s['err']:,} socket errors in {s['requests']:,} requests | "
            f"{verdict(ok)} |"
        )
lines.append("")
lines.append("<!-- bench-server:end -->")
section = "\n".join(lines) + "\n"
with open(f"{out}/section.md", "w", encoding="utf-8") as f:
    f.write(section)
print(section)

if env.get("NO_REPORT"):
    sys.exit(0)
path = "BENCHMARKS.md"
sys.path.insert(0, "scripts")
from benchmarks_section import rewrite_section  # noqa: E402

rewrite_section(path, "bench-server", "\n".join(lines[1:-1]))
print(f"bench-server: rewrote the bench-server section of {path}", file=sys.stderr)
PY
