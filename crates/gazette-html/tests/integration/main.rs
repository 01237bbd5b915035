//! Integration tests of the HTML renderer: real policy-library pages
//! through `gazette-html` and the parser. Expected values were read by hand
//! from the pages, never taken from the program's output.

mod govcn;
#[path = "../../../../tests/support/govcn.rs"]
mod govcn_support;
mod page;
mod properties;
