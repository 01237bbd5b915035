//! Integration tests of PDF input: the generated test PDFs (built by
//! `scripts/make-test-pdfs.py` into `$GAZETTE_TEST_PDFS`, by default
//! `target/test-pdfs`) and the real PDFs (`$GAZETTE_PDF_CORPUS`, else
//! `tests/fixtures/pdf`). Expected values were read by hand from the
//! documents, never taken from the program's output.

mod common;
mod errors;
mod limits;
mod pages;
mod real;
mod sample;
