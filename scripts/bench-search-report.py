#!/usr/bin/env python3
"""Checks and reports the results of scripts/bench-search.sh.

    bench-search-report.py compare OUT_DIR
    bench-search-report.py render --work DIR --sizes "10k 100k" --gazette BIN
                                  --rounds R --ingest-runs N --benchmarks BENCHMARKS.md

compare: every query's total from gazette (OUT_DIR/gazette-search.json) must
equal FTS5's (OUT_DIR/fts5-query.json); prints the mismatches and exits 1
if there is one. Both count documents whose title or body holds the phrase
(for number: the 发文字号), so they must agree exactly.

render: rewrites the part of BENCHMARKS.md between
<!-- bench-search:start --> and <!-- bench-search:end --> (appending the
section at the end when it is missing) with one block per corpus, through
benchmarks_section.py. Nothing else in the file is touched. Python 3
standard library only.
"""

import argparse
import json
import math
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmarks_section import rewrite_section  # noqa: E402

# Rows of the latency table: (label, classes pooled).
ROWS = [
    ("short (1–2 chars; FTS5: LIKE scan)", ["short"]),
    ("phrase4 (4 chars)", ["phrase4"]),
    ("phrase8 (8 chars)", ["phrase8"]),
    ("**phrase (phrase4 + phrase8)**", ["phrase4", "phrase8"]),
    ("number (发文字号)", ["number"]),
    ("multi (A B)", ["multi"]),
    ("filtered (A year:Y)", ["filtered"]),
    ("all", None),
]
TARGET_P99_MS = 20.0
TARGET_RATIO = 5.0
TARGET_DOCS_PER_S = 2000.0


def percentile(samples, p):
    s = sorted(samples)
    if not s:
        return None
    k = max(1, math.ceil(p / 100 * len(s)))
    return s[k - 1]


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------------------
# compare
# ---------------------------------------------------------------------------


def compare(out):
    out = Path(out)
    g = load_json(out / "gazette-search.json")
    f = load_json(out / "fts5-query.json")
    gq = {(q["class"], q["query"]): q["total"] for q in g["queries"]}
    fq = {(q["class"], q["query"]): q["total"] for q in f["queries"]}
    problems = []
    if set(gq) != set(fq):
        problems.append(f"the query sets differ: only gazette {sorted(set(gq) - set(fq))}, only FTS5 {sorted(set(fq) - set(gq))}")
    for key in sorted(set(gq) & set(fq)):
        if gq[key] != fq[key]:
            problems.append(f"{key[0]:9} {key[1]}: gazette {gq[key]}, FTS5 {fq[key]}")
    result = {"queries": len(set(gq) & set(fq)), "mismatches": problems}
    (out / "compare.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if problems:
        print("MISMATCH: gazette and FTS5 totals differ:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print(f"totals agree on all {result['queries']} queries", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# render
# ---------------------------------------------------------------------------


def samples_of(report, classes):
    return [x for q in report["queries"] if classes is None or q["class"] in classes for x in q["samples_ms"]]


def count_of(report, classes):
    return sum(1 for q in report["queries"] if classes is None or q["class"] in classes)


def ms(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fx(x):
    return "–" if x is None else f"{x:.1f}×"


def mib(n):
    return f"{n / 1048576:,.0f} MiB" if n >= 10 * 1048576 else f"{n / 1048576:,.1f} MiB"


def read_tsv(path):
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(line.split("\t"))
    return rows


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1048576:.1f} GiB RAM"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), {mem}, {platform.system()} {platform.release()}"


def run_out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def loadavg(work, which):
    """The 1-minute load average the script recorded (loadavg-start/-end)."""
    path = Path(work) / f"loadavg-{which}"
    if not path.exists():
        path = Path("/proc/loadavg")
    try:
        return path.read_text().split()[0]
    except (OSError, IndexError):
        return "?"


def commit():
    head = run_out(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    dirty = run_out(["git", "status", "--porcelain", "--", ".", ":(exclude)bench-data"])
    return f"{head} (uncommitted changes)" if dirty else head


def corpus_block(size, work, rounds, ingest_runs):
    out = Path(work) / size
    manifest = load_json(Path("bench-data") / f"corpus-{size}" / "manifest.json")
    docs, issues, nbytes = manifest["documents"], manifest["issues"], manifest["bytes"]
    g = load_json(out / "gazette-search.json")
    f = load_json(out / "fts5-query.json")
    r = load_json(out / "rg.json")
    cmp = load_json(out / "compare.json")

    ingest = read_tsv(out / "ingest-runs.tsv")
    ingest_s = statistics.median(float(x[1]) for x in ingest)
    ingest_rss = statistics.median(int(x[2]) for x in ingest)
    data_bytes = int(ingest[-1][3])
    index_bytes = int(ingest[-1][4] or 0)
    ingested = load_json(out / f"ingest-{len(ingest)}.json")
    load_runs = read_tsv(out / "fts5-load-runs.tsv")
    load_s = statistics.median(float(x[1]) for x in load_runs)
    load_rss = statistics.median(int(x[2]) for x in load_runs)
    fload = load_json(out / f"fts5-load-{len(load_runs)}.json")
    ftables = fload.get("table_bytes", {})
    f_index = sum(v for k, v in ftables.items() if k.startswith("docs_") and k != "docs_content")
    f_content = ftables.get("docs_content", 0)

    def rss_of(log):
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(log).read_text(encoding="utf-8", errors="replace"))
        return int(m.group(1)) if m else None

    g_rss = rss_of(out / "gazette-search.log")
    f_rss = rss_of(out / "fts5-query.log")

    lines = []
    lines.append(f"### corpus-{size}: {docs:,} documents in {issues:,} issues, {nbytes:,} bytes ({nbytes / 1048576:.1f} MiB)")
    lines.append("")
    if ingested.get("documents") != docs:
        lines.append(f"**gazette ingested {ingested.get('documents')} documents, the corpus has {docs}.**")
        lines.append("")
    lines.append(f"| ingest (median of {ingest_runs} run{'s' if ingest_runs != 1 else ''}, fresh data dir each) | gazette | SQLite FTS5 trigram |")
    lines.append("|---|---:|---:|")
    lines.append(f"| wall time (s) | {ingest_s:.1f} | {load_s:.1f} |")
    lines.append(f"| documents/s | **{docs / ingest_s:,.0f}** | {docs / load_s:,.0f} |")
    lines.append(f"| MB/s of issue text | {nbytes / 1e6 / ingest_s:.1f} | {nbytes / 1e6 / load_s:.1f} |")
    lines.append(
        f"| on disk | {mib(data_bytes)} (search index {mib(index_bytes)}, store and fact index {mib(data_bytes - index_bytes)}) "
        f"| {mib(fload['db_bytes'])} (index {mib(f_index)}, content {mib(f_content)}) |"
    )
    lines.append(f"| peak RSS, ingest / load | {ingest_rss / 1024:,.0f} MiB | {load_rss / 1024:,.0f} MiB |")
    lines.append(
        f"| peak RSS, query run | {'–' if g_rss is None else f'{g_rss / 1024:,.0f} MiB'} "
        f"| {'–' if f_rss is None else f'{f_rss / 1024:,.0f} MiB'} |"
    )
    lines.append("")
    lines.append(
        f"Query latency in ms ({rounds} timed rounds per query after one warm-up; nearest-rank "
        "p50/p99 over all samples of the class). Ratios > 1 mean gazette is faster."
    )
    lines.append("")
    lines.append("| class | queries | gazette p50 / p99 | FTS5 p50 / p99 | rg p50 / p99 | FTS5/gazette p50 / p99 | rg/gazette p50 / p99 |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    summary = {}
    for label, classes in ROWS:
        gs, fs, rs = samples_of(g, classes), samples_of(f, classes), samples_of(r, classes)
        gp = (percentile(gs, 50), percentile(gs, 99))
        fp = (percentile(fs, 50), percentile(fs, 99))
        rp = (percentile(rs, 50), percentile(rs, 99))
        rq = count_of(r, classes)
        nq = count_of(g, classes)
        summary[label] = (gp, fp, rp)
        rg_cell = f"{ms(rp[0])} / {ms(rp[1])}" if rs else "n/a"
        if rs and rq != nq:
            rg_cell += f" ({rq} of {nq})"
        rg_ratio = f"{fx(ratio(rp[0], gp[0]))} / {fx(ratio(rp[1], gp[1]))}" if rs else "n/a"
        lines.append(
            f"| {label} | {nq} | {ms(gp[0])} / {ms(gp[1])} | {ms(fp[0])} / {ms(fp[1])} | {rg_cell} "
            f"| {fx(ratio(fp[0], gp[0]))} / {fx(ratio(fp[1], gp[1]))} | {rg_ratio} |"
        )
    lines.append("")
    mism = cmp["mismatches"]
    if mism:
        lines.append(f"**Totals: {len(mism)} of {cmp['queries']} queries disagree between gazette and FTS5:**")
        lines.extend(f"- {m}" for m in mism)
    else:
        lines.append(f"Totals: gazette and FTS5 return the same number of documents for all {cmp['queries']} queries.")
    lines.append("")
    return lines, summary, docs / ingest_s


def render(args):
    sizes = args.sizes.split()
    version = run_out([args.gazette, "--version"]) or "gazette ?"
    rg = run_out(["rg", "--version"]).split("\n")[0]
    rustc = run_out(["rustc", "--version"])
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    q = Path("scripts/bench-queries.txt").read_text(encoding="utf-8")
    nq = sum(1 for line in q.splitlines() if line.strip() and not line.startswith("#"))
    body = [
        "## Search and ingest: gazette vs SQLite FTS5 (trigram) vs ripgrep",
        "",
        "Produced by `scripts/bench-search.sh` (rewrites this section; results and logs in "
        f"`{args.work}/`). Run {today}, commit `{commit()}`, {machine()}.",
        f"Versions: {version}; SQLite {sqlite3.sqlite_version} (Python {platform.python_version()}); {rg}; {rustc}.",
        f"Load average (1 min) at the start of the run {loadavg(args.work, 'start')}, at the end {loadavg(args.work, 'end')} "
        "(other processes on the 2-CPU machine add noise to every figure).",
        "",
        "- **Corpora**: `scripts/gen-corpus.py --seed 1` (real paragraphs, headings, task tables and 任免 lists "
        "of the Qingdao and gov.cn fixtures recombined into Qingdao-style issues of ~20 documents; every issue "
        "is checked to parse into exactly the documents generated).",
        f"- **Queries**: `scripts/bench-queries.txt`, {nq} fixed queries drawn from corpus-10k by "
        "`scripts/gen-queries.py` (58 occur in both corpora; two, reversed phrases, occur nowhere).",
        "- **gazette**: `gazette ingest DIR --data FRESH` (process wall time, `/usr/bin/time -v`); search in "
        "process by `crates/gazette-archive/benches/search.rs`: `archive.reads().search(query, limit 10)` — exact total, "
        "10 hits with snippets.",
        "- **FTS5**: `scripts/fts5_bench.py`: `fts5(title, body, tokenize='trigram')` loaded in one transaction, then "
        "`optimize`; per query `count(*)` and the top 10 rowids by `bm25`. Phrases of 1–2 characters cannot be "
        "answered by the trigram index: `LIKE '%…%'` scan (the *short* class). Year filter: `CROSS JOIN` to a "
        "meta table (MATCH first). 64 MiB page cache, whole file mmap'd.",
        "- **rg**: one `rg -c -F PHRASE issues/` process per query (spawn to exit); it counts lines, not "
        "documents, and cannot express *multi* or *filtered* (n/a).",
        "",
    ]
    summaries = {}
    for size in sizes:
        lines, summary, dps = corpus_block(size, args.work, args.rounds, args.ingest_runs)
        body += lines
        summaries[size] = (summary, dps)
    if "100k" in summaries:
        summary, dps = summaries["100k"]
        gp, fp, _ = summary["**phrase (phrase4 + phrase8)**"]
        r50, r99 = ratio(fp[0], gp[0]), ratio(fp[1], gp[1])

        def verdict(ok):
            return "**met**" if ok else "**not met**"

        body += [
            "### Targets at 100,000 documents",
            "",
            "| target | measured | |",
            "|---|---:|---|",
            f"| phrase search p99 ≤ {TARGET_P99_MS:.0f} ms | {ms(gp[1])} ms | {verdict(gp[1] is not None and gp[1] <= TARGET_P99_MS)} |",
            f"| phrase search ≥ {TARGET_RATIO:.0f}× faster than FTS5 trigram (p50) | {fx(r50)} | {verdict(r50 is not None and r50 >= TARGET_RATIO)} |",
            f"| phrase search ≥ {TARGET_RATIO:.0f}× faster than FTS5 trigram (p99) | {fx(r99)} | {verdict(r99 is not None and r99 >= TARGET_RATIO)} |",
            f"| ingest ≥ {TARGET_DOCS_PER_S:,.0f} documents/s | {dps:,.0f} | {verdict(dps >= TARGET_DOCS_PER_S)} |",
            "",
        ]
    section = "\n".join(body)
    rewrite_section(args.benchmarks, "bench-search", section)
    print(section)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("compare")
    a.add_argument("out")
    a = sub.add_parser("render")
    a.add_argument("--work", required=True)
    a.add_argument("--sizes", required=True)
    a.add_argument("--gazette", required=True)
    a.add_argument("--rounds", type=int, required=True)
    a.add_argument("--ingest-runs", type=int, required=True)
    a.add_argument("--benchmarks", required=True)
    args = ap.parse_args()
    if args.cmd == "compare":
        sys.exit(compare(args.out))
    render(args)


if __name__ == "__main__":
    main()
