#!/usr/bin/env bash
# The project's test command (README "Run the tests"; CI runs exactly this).
# Installs what the browser tests need when it is missing: Chromium and
# chromedriver (Debian packages) and axe-core (npm, into target/npm). Features
# that need other system packages (poppler-utils, tesseract, PostgreSQL)
# install them here when they land.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# Browser tests (crates/gazette-server/tests/browser): skipped with a message
# when these are missing, a failure under CI.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y chromium chromium-driver; then
      apt-get update
      apt-get install -y chromium chromium-driver
    fi
  else
    echo "scripts/test.sh: chromium/chromedriver missing and not root; browser tests need them" >&2
  fi
fi
if [ ! -f target/npm/node_modules/axe-core/axe.min.js ]; then
  npm install --prefix target/npm --no-save --no-audit --no-fund axe-core@4
fi
cargo test --workspace --locked
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
