#!/usr/bin/env python3
"""The scale benchmark of issue 17 §3, driven by scripts/bench-scale.sh.

    bench_scale.py --gazette BIN --search-bench BIN --sizes "100k 1m" \
                   [--postgres CONNINFO] [--work DIR] [--benchmarks BENCHMARKS.md]

For each corpus size (made by scripts/gen-corpus.py --seed 1 when missing),
in one run and on the same corpus:

- gazette on SQLite: `gazette ingest` under /usr/bin/time -v (wall time,
  peak RSS, bytes written = file system outputs × 512), bytes on disk of
  the store, the fact index and the search index; phrase search in process
  (crates/gazette-archive/benches/search.rs, the phrase4 and phrase8
  queries of scripts/bench-queries.txt); then `gazette serve`: start-up
  (spawn to its "serving" line), phrase search over HTTP (keep-alive, each
  query once to warm up and then ROUNDS times), the home page, the lists
  of issues, documents (API), units, people and provisions (20 times
  each), and
  the server's peak RSS (VmHWM) at the end;
- gazette on PostgreSQL (with --postgres): `gazette ingest --store` into a
  new database: wall time, the client's peak RSS, the database's size;
- SQLite FTS5 trigram (scripts/fts5_bench.py): load under /usr/bin/time -v
  (wall, peak RSS, bytes written), the database's size, and the phrase
  queries in process.

A size whose corpus and archives would not fit on the disk is reported as
skipped, with the space it needs and the space there is. Percentiles are
nearest-rank over all timed samples. The report replaces the bench-scale
section of BENCHMARKS.md (scripts/benchmarks_section.py). Standard library
only.
"""

import argparse
import datetime
import http.client
import json
import math
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmarks_section import rewrite_section  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
QUERIES = Path("scripts/bench-queries.txt")
PHRASE_CLASSES = ("phrase4", "phrase8")
# Bytes on disk per byte of input text, for the space check: gazette today
# (about 6.6×, BENCHMARKS.md) and FTS5 (about 3×), with a margin.
SPACE_PER_INPUT_BYTE = 12


def log(message):
    print(f"\n== {message}", file=sys.stderr, flush=True)


def percentile(samples, p):
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def time_v(command, log_path, stdout=subprocess.DEVNULL):
    """Runs COMMAND under /usr/bin/time -v; its wall seconds, peak RSS in
    bytes and bytes written."""
    with open(log_path, "w", encoding="utf-8") as err:
        subprocess.run(["/usr/bin/time", "-v", *command], stdout=stdout, stderr=err, check=True)
    text = Path(log_path).read_text(encoding="utf-8")

    def field(name):
        found = re.search(rf"^\s*{re.escape(name)}: (.+)$", text, re.M)
        if not found:
            raise SystemExit(f"bench-scale: no “{name}” in {log_path}")
        return found.group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return {
        "wall_s": wall,
        "rss_bytes": int(field("Maximum resident set size (kbytes)")) * 1024,
        "written_bytes": int(field("File system outputs")) * 512,
    }


def du(path):
    path = Path(path)
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def corpus_for(size):
    corpus = Path(f"bench-data/corpus-{size}")
    if not (corpus / "manifest.json").exists() or not (corpus / "docs.jsonl").exists():
        log(f"generating {corpus}")
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run(
            [sys.executable, "scripts/gen-corpus.py", "--docs", str(SIZES[size]),
             "--out", str(corpus), "--seed", "1"],
            check=True,
        )
    return corpus


def phrase_queries():
    out = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        klass, query = line.split("\t", 1)
        if klass in PHRASE_CLASSES:
            out.append(query)
    return out


def phrase_latency(report):
    """p50/p99 of the phrase queries of a search report (gazette's bench
    program or fts5_bench.py query: both list samples per query)."""
    samples = [
        s for q in report["queries"] if q["class"] in PHRASE_CLASSES for s in q["samples_ms"]
    ]
    return {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99), "n": len(samples)}


class Serve:
    """`gazette serve` over a data directory, for the HTTP figures."""

    def __init__(self, gazette, data, log_path):
        started = time.monotonic()
        self.log = open(log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [gazette, "serve", "--data", str(data), "--addr", "127.0.0.1:0", "--read-burst", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "RUST_LOG": "info"},
        )
        self.addr = None
        for line in self.proc.stderr:
            self.log.write(line)
            found = re.search(r"serving http://([^/\s]+)/", line)
            if found:
                self.addr = found.group(1)
                break
        if self.addr is None:
            raise SystemExit(f"bench-scale: gazette serve did not start (see {log_path})")
        # The rest of its log is copied on, so that it never blocks on a full pipe.
        self.copier = threading.Thread(target=self._copy_log, daemon=True)
        self.copier.start()
        self.startup_s = time.monotonic() - started
        host, port = self.addr.rsplit(":", 1)
        self.conn = http.client.HTTPConnection(host, int(port), timeout=120)

    def _copy_log(self):
        for line in self.proc.stderr:
            self.log.write(line)

    def get_ms(self, path):
        started = time.perf_counter()
        self.conn.request("GET", path)
        answer = self.conn.getresponse()
        answer.read()
        elapsed = (time.perf_counter() - started) * 1000
        if answer.status != 200:
            raise SystemExit(f"bench-scale: GET {path} answered {answer.status}")
        return elapsed

    def peak_rss_bytes(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text(encoding="utf-8")
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) * 1024

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.copier.join(timeout=5)
        self.log.close()


def http_figures(gazette, data, out, rounds):
    serve = Serve(gazette, data, out / "serve.log")
    try:
        from urllib.parse import quote

        samples = []
        for query in phrase_queries():
            path = "/api/v1/search?q=" + quote(query)
            serve.get_ms(path)
            samples.extend(serve.get_ms(path) for _ in range(rounds))
        pages = {}
        for name, path in [
            ("home page", "/"),
            ("issues page", "/issues"),
            ("documents API, 20", "/api/v1/documents?limit=20"),
            ("units page", "/units"),
            ("people page", "/people"),
            ("provisions page", "/provisions"),
        ]:
            serve.get_ms(path)
            times = [serve.get_ms(path) for _ in range(20)]
            pages[name] = {"p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99)}
        return {
            "startup_s": serve.startup_s,
            "search": {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99),
                       "n": len(samples)},
            "pages": pages,
            "rss_bytes": serve.peak_rss_bytes(),
        }
    finally:
        serve.stop()


def postgres_figures(gazette, conninfo, size, corpus, out):
    settings = dict(pair.split("=", 1) for pair in conninfo.split())
    name = f"gazette_scale_{size}"
    psql = shutil.which("psql")
    if psql is None:
        raise SystemExit("bench-scale: psql is not on PATH (Debian: postgresql-client)")
    base = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", conninfo]
    subprocess.run([*base, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run([*base, "-c", f"CREATE DATABASE {name}"], check=True)
    from urllib.parse import quote

    url = f"postgresql://{quote(settings['user'], safe='')}@{quote(settings['host'], safe='')}/{name}"
    data = out / "pg-data"
    shutil.rmtree(data, ignore_errors=True)
    ingest = time_v([gazette, "ingest", str(corpus / "issues"), "--data", str(data),
                     "--store", url, "--json"], out / "pg-ingest.log")
    size_bytes = int(subprocess.run(
        [*base, "-t", "-A", "-c", f"SELECT pg_database_size('{name}')"],
        check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([*base, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    return {**ingest, "database_bytes": size_bytes, "indexes_bytes": du(data)}


def run_size(args, size, rounds):
    corpus = corpus_for(size)
    input_bytes = du(corpus / "issues")
    docs = SIZES[size]
    out = Path(args.work) / size
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    free = shutil.disk_usage(out).free
    needed = input_bytes * SPACE_PER_INPUT_BYTE
    result = {"size": size, "docs": docs, "input_bytes": input_bytes}
    if free < needed:
        result["skipped"] = f"needs about {needed / 1e9:.0f} GB free, {free / 1e9:.0f} GB free"
        log(f"{size}: skipped ({result['skipped']})")
        return result

    log(f"{size}: gazette ingest (SQLite)")
    data = out / "data"
    ingest = time_v([args.gazette, "ingest", str(corpus / "issues"), "--data", str(data), "--json"],
                    out / "ingest.log", stdout=open(out / "ingest.json", "w"))
    result["gazette"] = {
        **ingest,
        "store_bytes": sum(du(p) for p in data.glob("archive.sqlite*")),
        "facts_bytes": sum(du(p) for p in data.glob("facts.sqlite*")),
        "index_bytes": du(data / "index"),
    }

    log(f"{size}: gazette phrase search in process")
    report = subprocess.run(
        [args.search_bench], check=True, capture_output=True, text=True,
        env={**os.environ, "GAZETTE_BENCH_DATA": str(data),
             "GAZETTE_BENCH_QUERIES": str(QUERIES), "GAZETTE_BENCH_ROUNDS": str(rounds)},
    ).stdout
    result["gazette"]["search"] = phrase_latency(json.loads(report))

    log(f"{size}: gazette serve")
    result["gazette"]["http"] = http_figures(args.gazette, data, out, rounds)

    if args.postgres:
        log(f"{size}: gazette ingest (PostgreSQL)")
        result["postgres"] = postgres_figures(args.gazette, args.postgres, size, corpus, out)

    log(f"{size}: FTS5 load and phrase queries")
    db = out / "fts5.db"
    load = time_v([sys.executable, "scripts/fts5_bench.py", "load", "--corpus", str(corpus),
                   "--db", str(db)], out / "fts5-load.log")
    subprocess.run([sys.executable, "scripts/fts5_bench.py", "query", "--db", str(db),
                    "--queries", str(QUERIES), "--rounds", str(rounds),
                    "--json", str(out / "fts5-query.json")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fts5_report = json.loads((out / "fts5-query.json").read_text(encoding="utf-8"))
    result["fts5"] = {**load, "db_bytes": du(db),
                      "search": phrase_latency(fts5_report)}
    # The archives of a size are not kept: the next size needs the space.
    shutil.rmtree(data, ignore_errors=True)
    db.unlink(missing_ok=True)
    (out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


def mib(n):
    return f"{n / 1048576:,.0f} MiB"


def render(results, args):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    lines = [
        "## Scale: gazette (SQLite, PostgreSQL) vs SQLite FTS5 trigram, 100k and 1M documents",
        "",
        f"Produced by `scripts/bench-scale.sh` (rewrites this section; results in `{args.work}/`). "
        f"Run {datetime.date.today()}, commit `{commit}`, {os.cpu_count()} CPUs; load average "
        f"(1 min) at the end {load} (other processes on the machine add noise). Corpora: "
        "`scripts/gen-corpus.py --seed 1`. Search: the phrase4 and phrase8 queries of "
        f"`scripts/bench-queries.txt`, {args.rounds} timed rounds each after one warm-up; "
        "nearest-rank percentiles. Bytes written: file system outputs of the process "
        "(`/usr/bin/time -v`, 512-byte blocks); PostgreSQL's own writes are not counted.",
        "",
    ]
    for r in results:
        lines.append(f"### {r['size']}: {r['docs']:,} documents, {mib(r['input_bytes'])} of text")
        lines.append("")
        if "skipped" in r:
            lines.append(f"Skipped: {r['skipped']}.")
            lines.append("")
            continue
        g, f, inp = r["gazette"], r["fts5"], r["input_bytes"]
        on_disk = g["store_bytes"] + g["facts_bytes"] + g["index_bytes"]
        pg = r.get("postgres")
        rows = [
            ("ingest, documents/s (wall)", f"{r['docs'] / g['wall_s']:,.0f}",
             f"{r['docs'] / pg['wall_s']:,.0f}" if pg else "n/a", f"{r['docs'] / f['wall_s']:,.0f}"),
            ("peak RSS of ingest", mib(g["rss_bytes"]), mib(pg["rss_bytes"]) if pg else "n/a",
             mib(f["rss_bytes"])),
            ("on disk / input text",
             f"{on_disk / inp:.2f}× (store {g['store_bytes'] / inp:.2f}, facts "
             f"{g['facts_bytes'] / inp:.2f}, index {g['index_bytes'] / inp:.2f})",
             f"{(pg['database_bytes'] + pg['indexes_bytes']) / inp:.2f}× (database "
             f"{pg['database_bytes'] / inp:.2f})" if pg else "n/a",
             f"{f['db_bytes'] / inp:.2f}×"),
            ("bytes written during ingest / input text", f"{g['written_bytes'] / inp:.1f}×",
             f"{pg['written_bytes'] / inp:.1f}× (client)" if pg else "n/a",
             f"{f['written_bytes'] / inp:.1f}×"),
            ("phrase search p50 / p99, in process (ms)",
             f"{g['search']['p50_ms']:.2f} / {g['search']['p99_ms']:.2f}", "",
             f"{f['search']['p50_ms']:.2f} / {f['search']['p99_ms']:.2f}"),
        ]
        h = g["http"]
        rows.append(("phrase search p50 / p99 over HTTP (ms)",
                     f"{h['search']['p50_ms']:.2f} / {h['search']['p99_ms']:.2f}", "", "n/a"))
        for name, page in h["pages"].items():
            rows.append((f"{name} p50 / p99 over HTTP (ms)",
                         f"{page['p50_ms']:.1f} / {page['p99_ms']:.1f}", "", "n/a"))
        rows.append(("serve: start-up (s) / peak RSS",
                     f"{h['startup_s']:.2f} / {mib(h['rss_bytes'])}", "", "n/a"))
        lines.append("| figure | gazette, SQLite | gazette, PostgreSQL | FTS5 trigram |")
        lines.append("|---|---:|---:|---:|")
        lines.extend(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
        ratio = f["search"]["p99_ms"] / g["search"]["p99_ms"] if g["search"]["p99_ms"] else 0
        lines.append("")
        lines.append(f"Ingest: gazette/FTS5 {f['wall_s'] / g['wall_s']:.2f}× faster; "
                     f"phrase p99: FTS5/gazette {ratio:.1f}×.")
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazette", required=True)
    parser.add_argument("--search-bench", required=True)
    parser.add_argument("--sizes", default="100k 1m")
    parser.add_argument("--postgres", default="")
    parser.add_argument("--work", default="bench-data/scale")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--benchmarks", default="BENCHMARKS.md")
    args = parser.parse_args()
    results = []
    for size in args.sizes.split():
        if size not in SIZES:
            raise SystemExit(f"bench-scale: unknown size {size} (one of {', '.join(SIZES)})")
        results.append(run_size(args, size, args.rounds))
    Path(args.work).mkdir(parents=True, exist_ok=True)
    (Path(args.work) / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    rewrite_section(args.benchmarks, "bench-scale", render(results, args))
    log(f"done: section bench-scale of {args.benchmarks} rewritten")


if __name__ == "__main__":
    main()
