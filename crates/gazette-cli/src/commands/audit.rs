//! `gazette audit [--after N] [--limit N] [--json]`: the append-only log of
//! writes made through the server or the CLI (ingest, status, corrections)
//! and of tokens made and revoked, oldest first. It opens the archive's store
//! only, so it works while `gazette serve` runs.

use std::process::ExitCode;

use super::{emit, DataArgs};

/// Arguments of `gazette audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    data: DataArgs,
    /// Show entries after this position.
    #[arg(long, default_value_t = 0)]
    after: i64,
    /// How many entries.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

/// Prints the entries.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let entries = args.data.open_admin()?.audit_log(args.after, args.limit)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&entries)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        emit(&format!(
            "the audit log has no entries after {}\n",
            args.after
        ))?;
    }
    for entry in entries {
        let detail = entry.detail.map(|d| d.to_string()).unwrap_or_default();
        emit(&format!(
            "{}\t{}\t{}\t{}\t{}\t{detail}\n",
            entry.seq, entry.at, entry.actor, entry.action, entry.target
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
