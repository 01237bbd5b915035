#!/usr/bin/env python3
"""Draw the fixed benchmark query set from a generated corpus.

    python3 scripts/gen-queries.py --corpus bench-data/corpus-10k --out scripts/bench-queries.txt [--seed 7]

scripts/bench-queries.txt is checked in; this script only documents how it
was made (and remakes it if the corpus generator changes). It reads
DIR/docs.jsonl, takes substrings of Chinese characters (CJK ideographs only:
no punctuation, digits or Latin, so every engine sees the same phrase) from
random lines of random documents, counts in how many documents each occurs
(title or body), and keeps, per class, phrases spread from rare to common:

    short     1–2 characters (FTS5 trigram cannot MATCH these: LIKE scan)
    phrase4   4 characters, one of them found nowhere (reversed text)
    phrase8   8 characters, one of them found nowhere
    number    a 发文字号 of the corpus            → gazette: number:X
    multi     two phrases of 3–4 characters    → gazette: A B (AND)
    filtered  a 4-character phrase and a year  → gazette: A year:Y

The corpus generator writes the first N documents of a larger corpus
exactly as the N-document corpus, so queries drawn from corpus-10k occur in
corpus-100k too.

Output: one query per line, `class<TAB>query` in gazette's query language;
lines starting with # are comments. Python 3 standard library only.
"""

import argparse
import json
import random
import re
from pathlib import Path

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")

PLAN = [("short", 2, 10), ("phrase4", 4, 14), ("phrase8", 8, 12)]


def load(corpus):
    docs = []
    with open(Path(corpus) / "docs.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append(d)
    return docs


def doc_text(d):
    return d["title"] + "\n" + d["body"]


def count(texts, phrase):
    return sum(1 for t in texts if phrase in t)


# What people type are words and set phrases, not arbitrary windows: a
# candidate is a run of exactly the wanted length between punctuation or
# the particles that join phrases (的 和 与 及 等 并 对 在), e.g. 统筹协调,
# 社会保险, 深化简政放权改革.
SEGMENT_BREAK = re.compile(r"[^\u4e00-\u9fff]+|[的和与及等并对在]")


def candidates(rng, docs, length, n, tries=200):
    """n distinct phrases of exactly `length` CJK characters: segments of
    that length when the document has some, else windows of longer runs."""
    out = []
    seen = set()
    while len(out) < n:
        d = rng.choice(docs)
        lines = [x for x in ([d["title"]] + d["body"].split("\n")) if "\t" not in x]
        phrase = None
        for _ in range(tries):
            segs = [x for x in SEGMENT_BREAK.split(rng.choice(lines)) if len(x) == length]
            if segs:
                phrase = rng.choice(segs)
                break
        if phrase is None:
            runs = [r for r in CJK_RUN.findall(rng.choice(lines)) if len(r) >= length]
            if not runs:
                continue
            run = rng.choice(runs)
            start = rng.randrange(len(run) - length + 1)
            phrase = run[start : start + length]
        if phrase not in seen:
            seen.add(phrase)
            out.append(phrase)
    return out


def spread(scored, k):
    """k items of `scored` (phrase, count), spread over the range of counts:
    sorted by count, then taken at evenly spaced ranks."""
    scored = sorted(scored, key=lambda x: (x[1], x[0]))
    if len(scored) <= k:
        return scored
    picks = []
    for i in range(k):
        picks.append(scored[round(i * (len(scored) - 1) / (k - 1))])
    return picks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = load(args.corpus)
    texts = [doc_text(d) for d in docs]
    lines = [
        "# Benchmark queries for scripts/bench-search.sh: `class<TAB>query`, gazette's query language.",
        f"# Drawn by scripts/gen-queries.py --seed {args.seed} from {Path(args.corpus).name} "
        "(scripts/gen-corpus.py --seed 1); the count after each class header is in that corpus.",
        "# Classes: short (1–2 chars, FTS5 answers with LIKE), phrase4, phrase8, number, multi (A B = AND), filtered (A year:Y).",
    ]
    queries = []
    for cls, length, k in PLAN:
        cands = candidates(rng, docs, length, 60)
        scored = [(p, count(texts, p)) for p in cands]
        misses = 1 if cls != "short" else 0
        for p, c in spread([s for s in scored if s[1] > 0], k - misses):
            queries.append((cls, p, c))
        for _ in range(misses):
            # A phrase made of corpus characters that occurs nowhere.
            for p, _ in scored:
                r = p[::-1]
                if count(texts, r) == 0:
                    queries.append((cls, r, 0))
                    break
    # 发文字号: one per code where possible, from different years.
    numbered = [d for d in docs if d["doc_number"]]
    codes = {}
    for d in rng.sample(numbered, len(numbered)):
        code = re.match(r"^(.+?)〔", d["doc_number"]).group(1)
        codes.setdefault(code, d)
    for code in sorted(rng.sample(sorted(codes), min(6, len(codes)))):
        d = codes[code]
        queries.append(("number", "number:" + d["doc_number"], count(texts, d["doc_number"])))
    # Two phrases of one document.
    multi = []
    while len(multi) < 40:
        a, b = candidates(rng, [rng.choice(docs)], rng.choice([3, 4]), 2)
        if a in b or b in a:
            continue
        c = sum(1 for t in texts if a in t and b in t)
        multi.append((f"{a} {b}", c))
    for q, c in spread(multi, 10):
        queries.append(("multi", q, c))
    # A phrase and the year of a document that holds it.
    filtered = []
    while len(filtered) < 30:
        d = rng.choice(docs)
        (p,) = candidates(rng, [d], 4, 1)
        year = d["date"][:4]
        c = sum(1 for t, x in zip(texts, docs) if p in t and x["date"].startswith(year))
        filtered.append((f"{p} year:{year}", c))
    for q, c in spread(filtered, 8):
        queries.append(("filtered", q, c))
    current = None
    for cls, q, c in queries:
        if cls != current:
            lines.append(f"# {cls}: expected totals in {Path(args.corpus).name}: " + ", ".join(str(x[2]) for x in queries if x[0] == cls))
            current = cls
        lines.append(f"{cls}\t{q}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(queries)} queries")


if __name__ == "__main__":
    main()
