//! HTTP tests of the server: through the router without a socket
//! (`tower::ServiceExt::oneshot`) and against a running server on a random
//! loopback port. Expected values were read by hand from the sample issue
//! (`tests/fixtures/qingdao-gazette-2019-issue.txt`).

mod api;
mod auth;
mod caching;
mod common;
mod contract;
mod fuzz;
mod gazettes;
mod hostile;
mod html_page;
mod interpretation;
mod jobs;
mod ledger;
mod links;
mod openapi;
mod pages;
mod paging;
mod pdf;
mod public_reads;
mod restore;
#[path = "../shared/mod.rs"]
mod shared;
mod socket;
mod validity;
mod xss;
