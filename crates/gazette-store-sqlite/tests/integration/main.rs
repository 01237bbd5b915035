//! Integration tests of what only the SQLite backend has: its file on
//! disk (reopening, WAL mode, a newer schema refused) and its online
//! backup. Every other story of the store runs on both backends in
//! `gazette-store`'s story suite (`crates/gazette-store/tests/story`).

mod backup;
/// The store fixtures, shared with the story suite of `gazette-store`.
#[allow(dead_code)]
#[path = "../../../gazette-store/tests/story/fixture.rs"]
mod common;
mod schema;
