//! `gazette reindex`: re-parses every stored issue from its original text
//! and rebuilds all derived data and the search index.

use std::process::ExitCode;
use std::time::Instant;

use super::DataArgs;

/// Arguments of `gazette reindex`.
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
    println!(
        "reindexed {documents} document(s) in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
