//! `gazette reindex` and `gazette compact`: upkeep of the derived data.
//! `reindex` re-parses every stored issue from its original text and
//! rebuilds all derived data and the search index; `compact` merges the
//! search index into one segment after a bulk load.

use std::process::ExitCode;
use std::time::Instant;

use super::{emit, DataArgs};

/// Arguments of `gazette reindex` and `gazette compact`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
}

/// Rebuilds and reports.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut archive = args.data.open()?;
    let started = Instant::now();
    let documents = archive.reindex()?;
    emit(&format!(
        "reindexed {documents} document(s) in {:.2} s\n",
        started.elapsed().as_secs_f64()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Merges and reports.
pub fn compact(args: &Args) -> anyhow::Result<ExitCode> {
    let mut archive = args.data.open()?;
    let started = Instant::now();
    let segments = archive.compact()?;
    let seconds = started.elapsed().as_secs_f64();
    match segments {
        0 | 1 => emit("the search index is already one segment\n")?,
        n => emit(&format!(
            "merged {n} search index segments into one in {seconds:.2} s\n"
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}
