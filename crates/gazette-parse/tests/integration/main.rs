//! Integration tests of the parser on real gazette text. Expected values
//! were read by hand from the fixtures, never taken from the parser's output.

mod attachment_lists;
mod common;
mod effects;
mod encodings;
mod govcn;
#[path = "../../../../tests/support/govcn.rs"]
mod govcn_support;
mod interpretations;
mod issuer_names;
mod kinds;
mod lineless;
mod markdown;
mod mastheads;
mod noise;
mod nothing_lost;
mod pdf_text;
mod properties;
mod regulation;
mod rosters;
mod sample;
mod signatures;
mod traditional;
mod webtext;
