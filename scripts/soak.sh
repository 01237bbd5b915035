#!/usr/bin/env bash
# Soak test of `gazette serve` under hostile clients (issue 14), loopback only,
# bounded in time (SECONDS_SOAK, 60 s by default, plus the setup).
#
#     scripts/soak.sh                    # from anywhere in the repository
#
# 1. builds the release binary (`cargo build --release -p gazette-cli`);
# 2. makes an archive of DOCS synthetic documents (scripts/gen-corpus.py,
#    ingested with `gazette ingest`) in $OUT/data, once (kept for later runs),
#    and a write token;
# 3. serves it on 127.0.0.1:$PORT with the default configuration;
# 4. runs scripts/soak.py for SECONDS_SOAK: slow-header clients, stalled CSV
#    exports, 30 MB uploads, hostile queries and normal readers at once, while
#    /healthz and a normal search are timed every second from an address of
#    their own; it fails (exit 1) if any of those answers takes over 1 s, fails
#    or is not 200, and prints the medians, p95 and max, and what each client
#    class was answered;
# 5. checks the server is still alive, stops it, and prints its peak memory.
#
# Environment:
#   PORT=18090   DOCS=20000   SECONDS_SOAK=60   OUT=bench-data/soak
#   SOAK_ARGS    extra arguments for scripts/soak.py (--slow-headers N …)
#   CARGO_TARGET_DIR honoured (default target/)
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18090}
DOCS=${DOCS:-20000}
SECONDS_SOAK=${SECONDS_SOAK:-60}
OUT=${OUT:-bench-data/soak}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
GAZETTE="$TARGET_DIR/release/gazette"

log() { printf '\n== %s\n' "$*" >&2; }

log "building the release binary"
cargo build --release -q -p gazette-cli

mkdir -p "$OUT"
DATA="$OUT/data"
if [ ! -f "$DATA/archive.sqlite" ]; then
    log "making an archive of $DOCS documents in $DATA"
    python3 scripts/gen-corpus.py --docs "$DOCS" --out "$OUT/corpus"
    "$GAZETTE" ingest --data "$DATA" "$OUT/corpus/issues" >"$OUT/ingest.log" 2>&1
    "$GAZETTE" compact --data "$DATA" >>"$OUT/ingest.log" 2>&1
fi
"$GAZETTE" token revoke --data "$DATA" soak >/dev/null 2>&1 || true
TOKEN=$("$GAZETTE" token create --data "$DATA" --name soak --scope write 2>/dev/null)

log "serving on 127.0.0.1:$PORT"
RUST_LOG=warn "$GAZETTE" serve --data "$DATA" --addr "127.0.0.1:$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
ulimit -n 8192 2>/dev/null || true

log "soaking for $SECONDS_SOAK s"
status=0
# shellcheck disable=SC2086
python3 scripts/soak.py --port "$PORT" --token "$TOKEN" --seconds "$SECONDS_SOAK" ${SOAK_ARGS:-} \
    | tee "$OUT/result.json" || status=$?

if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "soak: the server died (see $OUT/server.log)" >&2
    exit 1
fi
peak=$(awk '/VmHWM/ {print $2, $3}' "/proc/$SERVER/status")
echo "server peak resident memory: $peak" | tee -a "$OUT/result.json" >&2
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT
exit "$status"
