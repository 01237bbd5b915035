#!/usr/bin/env bash
# kill -9 at ROUNDS random moments of API uploads and status changes, then
# check that every acknowledged write is stored and every stored write has
# its audit entry (issue 14). A bench script, not CI: ~5 min for 200 rounds.
#
#     scripts/kill9.sh                   # from anywhere in the repository
#
# Builds the release binary, makes a fresh archive in $OUT/data with the
# sample issue and 8 write tokens (writes are rate-limited per token), and
# runs scripts/kill9.py (see its docstring for what is checked).
#
# Environment:
#   ROUNDS=200   PORT=18091   OUT=bench-data/kill9   CARGO_TARGET_DIR honoured
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-200}
PORT=${PORT:-18091}
OUT=${OUT:-bench-data/kill9}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
GAZETTE="$TARGET_DIR/release/gazette"
SAMPLE=tests/fixtures/qingdao-gazette-2019-issue.txt

cargo build --release -q -p gazette-cli
rm -rf "$OUT"
mkdir -p "$OUT"
DATA="$OUT/data"
"$GAZETTE" ingest --data "$DATA" "$SAMPLE" >/dev/null
: >"$OUT/tokens"
for i in $(seq 0 7); do
    "$GAZETTE" token create --data "$DATA" --name "kill9-$i" --scope write 2>/dev/null >>"$OUT/tokens"
done
python3 scripts/kill9.py --gazette "$GAZETTE" --data "$DATA" --sample "$SAMPLE" \
    --tokens "$OUT/tokens" --rounds "$ROUNDS" --port "$PORT" | tee "$OUT/result.json"
