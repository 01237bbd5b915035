//! `gazette backup DEST [--data D]`: a consistent copy of the archive's
//! store (`archive.sqlite`) in a new file, made while `gazette serve` runs
//! (SQLite's online backup API, through the archive). DEST is a new file,
//! or an existing directory to write `archive-<time>.sqlite` into. The
//! derived indexes are not copied: an archive restored from the copy
//! rebuilds them at its first open. See the README, "Backup and restore".

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::Utc;

use super::{emit_as, DataArgs, Format};

/// Arguments of `gazette backup`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new file to write, or an existing directory to write
    /// `archive-<time>.sqlite` into; an existing file is never replaced.
    dest: PathBuf,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Makes the copy and says what it holds.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let dest = if args.dest.is_dir() {
        args.dest.join(format!(
            "archive-{}.sqlite",
            Utc::now().format("%Y%m%d-%H%M%S")
        ))
    } else {
        args.dest.clone()
    };
    let summary = gazette_archive::backup(args.data.dir(), &dest)
        .with_context(|| format!("backing up the archive to {}", dest.display()))?;
    emit_as(args.format, &summary, |s| {
        format!(
            "backed up {} issue(s), {} document(s) (change {}) to {} ({} bytes)\n\
             the search and fact indexes are not copied: a restored archive rebuilds them \
             at its first open\n",
            s.counts.issues,
            s.counts.documents,
            s.last_seq,
            s.path.display(),
            s.bytes
        )
    })?;
    Ok(ExitCode::SUCCESS)
}
