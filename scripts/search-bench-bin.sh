#!/usr/bin/env bash
# Builds the search bench program (crates/gazette-archive/benches/search.rs,
# bench profile) and prints the path of its executable; used by
# bench-search.sh and bench-scale.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p gazette-archive --bench search --no-run --message-format=json 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "search" and m.get("executable"):
        print(m["executable"])
'
