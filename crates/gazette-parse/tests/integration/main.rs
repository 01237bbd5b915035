//! Integration tests of the parser on real gazette text. Expected values
//! were read by hand from the fixtures, never taken from the parser's output.

mod common;
mod encodings;
mod govcn;
mod lineless;
mod markdown;
mod nothing_lost;
mod pdf_text;
mod properties;
mod rosters;
mod sample;
mod traditional;
mod webtext;
