//! Integration tests of search on the real sample issue. Expected values
//! were read by hand from the fixture text, never taken from search output.

mod common;
mod errors;
mod facets;
mod filters;
mod lifecycle;
mod numbers;
mod ranking;
mod recall;
