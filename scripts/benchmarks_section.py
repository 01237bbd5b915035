#!/usr/bin/env python3
"""Rewrites one section of BENCHMARKS.md: the lines between
<!-- NAME:start --> and <!-- NAME:end --> become BODY, the markers stay and
nothing else in the file is touched; a file without the markers gets the
section appended at its end. The one rewriter of the bench scripts
(bench-parse.sh, bench-pdf.sh, bench-server.sh, bench-search-report.py).

    benchmarks_section.py PATH NAME < BODY

or, from Python: ``rewrite_section(path, name, body)``. Standard library only.
"""

import sys
from pathlib import Path


def markers(name):
    """The start and end markers of section NAME."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def rewrite_section(path, name, body):
    """Puts BODY between the markers of section NAME in the file at PATH."""
    start, end = markers(name)
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    inner = "\n" + body.strip("\n") + "\n"
    i = text.find(start)
    j = text.find(end, i + len(start)) if i >= 0 else -1
    if i >= 0 and j >= 0:
        text = text[: i + len(start)] + inner + text[j:]
    else:
        text = text.rstrip("\n") + "\n\n" + start + inner + end + "\n"
    path.write_text(text, encoding="utf-8")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rewrite_section(sys.argv[1], sys.argv[2], sys.stdin.read())


if __name__ == "__main__":
    main()
