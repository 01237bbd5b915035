#!/usr/bin/env bash
# The project's test command (README "Run the tests"; CI runs exactly this).
# Installs nothing today: every test needs only the Rust toolchain. Features
# that need system packages (poppler-utils, tesseract, chromium, PostgreSQL)
# install them here when they land.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
