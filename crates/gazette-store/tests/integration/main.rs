//! Integration tests of the store, on the Qingdao sample issue
//! (`tests/fixtures/qingdao-gazette-2019-issue.txt`). Expected values were
//! read by hand from the sample text; ids were computed apart with
//! `printf KEY | sha256sum`.

mod admin;
mod audited;
mod backup;
mod common;
mod ingest;
mod reindex;
mod schema;
mod status;
mod versions;
