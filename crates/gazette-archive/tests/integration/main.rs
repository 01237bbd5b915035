//! The archive as the CLI and the server use it, on the real sample issue.

mod archive;
mod audited;
mod derived;
mod follow;
mod gazettes;
mod golden;
mod html;
mod interpretation;
mod ledger;
mod links;
mod pdf;
mod published;
mod renderings;
mod rosters;
mod tables;
mod validity;
