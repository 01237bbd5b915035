#!/usr/bin/env python3
"""Baselines for the search benchmark: SQLite FTS5 (trigram) and ripgrep.

    fts5_bench.py load  --corpus DIR --db FILE [--json OUT]
    fts5_bench.py query --db FILE --queries FILE [--rounds R] [--json OUT]
    fts5_bench.py rg    --dir DIR/issues --queries FILE [--rounds R] [--json OUT]

load: reads DIR/docs.jsonl (written by scripts/gen-corpus.py) into

    CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')
    CREATE TABLE meta(id INTEGER PRIMARY KEY, doc_number TEXT, date TEXT, year INTEGER)

(rowid = the document's id), in one transaction, then runs FTS5's
'optimize' (one b-tree segment: FTS5 at its fastest). Reports load and
optimize time, documents/s, MB/s of issue text, and the database size.

query: per query of the query file (`class<TAB>query`, see
scripts/bench-queries.txt), what a search page does — the total count and
the top 10 ids by bm25 — once to warm up, then R timed rounds. Translation
of gazette's query language:

    短语 (≥ 3 chars)   docs MATCH '"短语"'
    1–2 chars          title LIKE '%x%' OR body LIKE '%x%' (the trigram
                       index cannot answer it: a full scan; these queries
                       are reported as their own class, `short`, and their
                       top 10 is in rowid order since LIKE has no rank)
    A B                docs MATCH '"A" AND "B"' (a part shorter than 3
                       characters becomes a LIKE condition)
    A year:Y           docs MATCH '"A"' CROSS JOIN meta (MATCH first) with
                       meta.year = Y
    number:X           docs MATCH '"X"' (the 发文字号 as a phrase: the body
                       holds the number line)

query and rg print JSON: per query {query, class, total, p50_ms, p99_ms,
samples_ms}, and per class and overall {queries, samples, p50_ms, p99_ms}.
Percentiles are nearest-rank over all timed samples of the class
(queries × rounds), the same definition as the gazette bench program.

rg: per query one `rg -c -F PHRASE DIR` process (fixed string, recursive,
count of matching lines per file), timed from spawn to exit. Only queries
that are one plain phrase (classes short, phrase4, phrase8 and the number)
can be put to rg; multi and filtered are skipped. Its total is the sum of
matching lines, not documents: for information only.

Python 3 standard library only.
"""

import argparse
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

MIN_SQLITE = (3, 34, 0)  # the trigram tokenizer


def timing(samples):
    """p50, p99 and every sample of one query, in milliseconds."""
    return {
        "p50_ms": round(percentile(samples, 50), 3),
        "p99_ms": round(percentile(samples, 99), 3),
        "samples_ms": [round(x, 3) for x in samples],
    }


def percentile(samples, p):
    """Nearest rank: the smallest sample with at least p % of the samples
    at or below it."""
    s = sorted(samples)
    if not s:
        return None
    k = max(1, math.ceil(p / 100 * len(s)))
    return s[k - 1]


def read_queries(path):
    queries = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cls, _, q = line.partition("\t")
        if not q:
            sys.exit(f"{path}: a line is not `class<TAB>query`: {line!r}")
        queries.append((cls.strip(), q.strip()))
    return queries


def summarize(results):
    """Per class and overall percentiles over all samples."""
    classes = {}
    for r in results:
        classes.setdefault(r["class"], []).append(r)
    out = {}
    for cls, rs in classes.items():
        samples = [x for r in rs for x in r["samples_ms"]]
        out[cls] = {
            "queries": len(rs),
            "samples": len(samples),
            "p50_ms": percentile(samples, 50),
            "p99_ms": percentile(samples, 99),
        }
    samples = [x for r in results for x in r["samples_ms"]]
    overall = {
        "queries": len(results),
        "samples": len(samples),
        "p50_ms": percentile(samples, 50),
        "p99_ms": percentile(samples, 99),
    }
    return out, overall


def emit(report, path):
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if path:
        Path(path).write_text(text + "\n", encoding="utf-8")
    print(text)


# ---------------------------------------------------------------------------
# FTS5
# ---------------------------------------------------------------------------


def check_sqlite():
    version = tuple(int(x) for x in sqlite3.sqlite_version.split("."))
    if version < MIN_SQLITE:
        sys.exit(f"SQLite {sqlite3.sqlite_version} has no trigram tokenizer (needs 3.34)")
    return sqlite3.sqlite_version


def connect(db):
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA cache_size=-65536")  # 64 MiB
    con.execute("PRAGMA mmap_size=17179869184")  # map the whole file
    return con


def cmd_load(args):
    version = check_sqlite()
    db = Path(args.db)
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db) + suffix)
        if p.exists():
            p.unlink()
    corpus = Path(args.corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    con = connect(str(db))
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='trigram')")
    con.execute("CREATE TABLE meta(id INTEGER PRIMARY KEY, doc_number TEXT, date TEXT, year INTEGER)")
    t0 = time.perf_counter()
    con.execute("BEGIN")
    n = 0
    batch_docs, batch_meta = [], []
    with open(corpus / "docs.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            batch_docs.append((d["id"], d["title"], d["body"]))
            batch_meta.append((d["id"], d["doc_number"], d["date"], int(d["date"][:4]) if d["date"] else None))
            if len(batch_docs) >= 1000:
                con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", batch_docs)
                con.executemany("INSERT INTO meta VALUES (?, ?, ?, ?)", batch_meta)
                n += len(batch_docs)
                batch_docs, batch_meta = [], []
    if batch_docs:
        con.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", batch_docs)
        con.executemany("INSERT INTO meta VALUES (?, ?, ?, ?)", batch_meta)
        n += len(batch_docs)
    con.execute("CREATE INDEX meta_year ON meta(year)")
    con.execute("COMMIT")
    t1 = time.perf_counter()
    con.execute("INSERT INTO docs(docs) VALUES('optimize')")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    t2 = time.perf_counter()
    con.close()
    if n != manifest["documents"]:
        sys.exit(f"loaded {n} documents, the manifest says {manifest['documents']}")
    size = sum(os.path.getsize(str(db) + s) for s in ("", "-wal") if os.path.exists(str(db) + s))
    breakdown = table_sizes(str(db))
    total = t2 - t0
    report = {
        "engine": "sqlite-fts5-trigram",
        "sqlite_version": version,
        "documents": n,
        "issue_bytes": manifest["bytes"],
        "load_s": round(t1 - t0, 3),
        "optimize_s": round(t2 - t1, 3),
        "total_s": round(total, 3),
        "docs_per_s": round(n / total, 1),
        "mb_per_s": round(manifest["bytes"] / 1e6 / total, 2),
        "db_bytes": size,
        "table_bytes": breakdown,
    }
    emit(report, args.json)


def table_sizes(db):
    """Bytes per table (index b-trees, stored content) when SQLite has the
    dbstat table; {} otherwise."""
    try:
        con = sqlite3.connect(db)
        rows = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        con.close()
        return {name: size for name, size in rows}
    except sqlite3.Error:
        return {}


def phrase(text):
    return '"' + text.replace('"', '""') + '"'


def plan(cls, query):
    """(match expression or None, LIKE patterns, year or None, is_short)."""
    if query.startswith("number:"):
        return phrase(query[len("number:") :]), [], None
    year = None
    parts = []
    for tok in query.split():
        m = re.fullmatch(r"year:(\d{4})", tok)
        if m:
            year = int(m.group(1))
        else:
            parts.append(tok)
    match = [phrase(p) for p in parts if len(p) >= 3]
    like = [p for p in parts if len(p) < 3]
    return (" AND ".join(match) if match else None), like, year


def fts5_sql(match, like, year):
    """SQL for the count and for the top 10, and their parameters."""
    where, params = [], []
    join = ""
    if match:
        where.append("docs MATCH ?")
        params.append(match)
    for p in like:
        where.append("(docs.title LIKE ? OR docs.body LIKE ?)")
        params += [f"%{p}%", f"%{p}%"]
    if year is not None:
        # CROSS JOIN keeps docs the outer loop: MATCH first, then the year
        # of each match. A plain JOIN lets the planner walk every document
        # of the year and probe the FTS index for each, 30× slower.
        join = " CROSS JOIN meta ON meta.id = docs.rowid"
        where.append("meta.year = ?")
        params.append(year)
    cond = " WHERE " + " AND ".join(where)
    count = f"SELECT count(*) FROM docs{join}{cond}"
    order = " ORDER BY bm25(docs)" if match else ""
    top = f"SELECT docs.rowid FROM docs{join}{cond}{order} LIMIT 10"
    return count, top, params


def cmd_query(args):
    version = check_sqlite()
    con = connect(args.db)
    queries = read_queries(args.queries)
    results = []
    for cls, q in queries:
        match, like, year = plan(cls, q)
        count_sql, top_sql, params = fts5_sql(match, like, year)

        def run():
            total = con.execute(count_sql, params).fetchone()[0]
            top = [r[0] for r in con.execute(top_sql, params)]
            return total, top

        total, top = run()  # warm-up
        samples = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            t_total, _ = run()
            samples.append((time.perf_counter() - t) * 1000)
            assert t_total == total
        results.append({
            "query": q,
            "class": cls,
            "method": "like-scan" if like and not match else ("match+like" if like else "match"),
            "total": total,
            "top10": top,
            **timing(samples),
        })
        print(f"{cls:9} {q:28} total {total:7} p50 {percentile(samples, 50):9.2f} ms", file=sys.stderr)
    classes, overall = summarize(results)
    emit({
        "engine": "sqlite-fts5-trigram",
        "sqlite_version": version,
        "rounds": args.rounds,
        "queries": results,
        "classes": classes,
        "overall": overall,
    }, args.json)


# ---------------------------------------------------------------------------
# ripgrep
# ---------------------------------------------------------------------------


def cmd_rg(args):
    version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    queries = read_queries(args.queries)
    results = []
    skipped = []
    for cls, q in queries:
        if cls in ("multi", "filtered") or " " in q:
            skipped.append(q)
            continue
        text = q[len("number:") :] if q.startswith("number:") else q
        cmd = ["rg", "-c", "-F", "--no-messages", text, args.dir]

        def run():
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode not in (0, 1):
                sys.exit(f"rg failed: {proc.stderr}")
            return sum(int(line.rsplit(":", 1)[1]) for line in proc.stdout.splitlines() if line)

        total = run()  # warm-up
        samples = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            run()
            samples.append((time.perf_counter() - t) * 1000)
        results.append({
            "query": q,
            "class": cls,
            "total_lines": total,
            **timing(samples),
        })
        print(f"{cls:9} {q:28} lines {total:7} p50 {percentile(samples, 50):9.2f} ms", file=sys.stderr)
    classes, overall = summarize(results)
    emit({
        "engine": "ripgrep",
        "version": version,
        "rounds": args.rounds,
        "skipped": skipped,
        "queries": results,
        "classes": classes,
        "overall": overall,
    }, args.json)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("load", help="load a corpus into an FTS5 database")
    a.add_argument("--corpus", required=True)
    a.add_argument("--db", required=True)
    a.add_argument("--json")
    a = sub.add_parser("query", help="time the query set on an FTS5 database")
    a.add_argument("--db", required=True)
    a.add_argument("--queries", required=True)
    a.add_argument("--rounds", type=int, default=5)
    a.add_argument("--json")
    a = sub.add_parser("rg", help="time the plain-phrase queries with ripgrep")
    a.add_argument("--dir", required=True)
    a.add_argument("--queries", required=True)
    a.add_argument("--rounds", type=int, default=5)
    a.add_argument("--json")
    args = ap.parse_args()
    {"load": cmd_load, "query": cmd_query, "rg": cmd_rg}[args.cmd](args)


if __name__ == "__main__":
    main()
