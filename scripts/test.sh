#!/usr/bin/env bash
# The project's test command (README "Run the tests"; CI runs exactly this).
# Installs what the browser tests need when it is missing: Chromium and
# chromedriver (Debian packages) and axe-core (npm, into target/npm); and
# what PDF input needs: poppler-utils, tesseract-ocr with its simplified
# Chinese data, qpdf and a TrueType CJK font (Debian packages), reportlab
# (pip, into target/pdf-venv) to build the test PDFs into target/test-pdfs.
# The PDF tests then fail, rather than skip, when a tool is missing.
# Starts a throwaway PostgreSQL (scripts/throwaway-postgres.sh: Debian's
# postgresql package installed when missing, initdb into target/, a Unix
# socket only, stopped at exit) for the store's story suite, which runs
# on SQLite and on PostgreSQL; under CI the PostgreSQL stories fail, not
# skip, without it.
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
# PDF input (crates/gazette-pdf): the tools, then the test PDFs.
pdf_packages=()
command -v pdftotext >/dev/null || pdf_packages+=(poppler-utils)
command -v qpdf >/dev/null || pdf_packages+=(qpdf)
tesseract --list-langs 2>/dev/null | grep -qx chi_sim || pdf_packages+=(tesseract-ocr tesseract-ocr-chi-sim)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] \
  || pdf_packages+=(fonts-wqy-microhei)
if [ "${#pdf_packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y "${pdf_packages[@]}"; then
      apt-get update
      apt-get install -y "${pdf_packages[@]}"
    fi
  else
    echo "scripts/test.sh: missing ${pdf_packages[*]} and not root; the PDF tests need them" >&2
  fi
fi
pdf_python=python3
if ! python3 -c 'import reportlab' 2>/dev/null; then
  if [ ! -x target/pdf-venv/bin/python ]; then
    python3 -m venv target/pdf-venv
    target/pdf-venv/bin/pip install --quiet reportlab
  fi
  pdf_python=target/pdf-venv/bin/python
fi
"$pdf_python" scripts/make-test-pdfs.py target/test-pdfs
export GAZETTE_TEST_PDFS="$PWD/target/test-pdfs"
export GAZETTE_REQUIRE_PDF_TOOLS=1
if [ ! -f target/npm/node_modules/axe-core/axe.min.js ]; then
  npm install --prefix target/npm --no-save --no-audit --no-fund axe-core@4
fi
# The store's story suite on PostgreSQL (crates/gazette-store/tests/story):
# a server of its own unless one is named already.
if [ -z "${GAZETTE_TEST_POSTGRES:-}" ]; then
  eval "$(scripts/throwaway-postgres.sh start)"
  trap 'scripts/throwaway-postgres.sh stop "$GAZETTE_PG_DIR"' EXIT
fi
cargo test --workspace --locked
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
