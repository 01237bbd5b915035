//! `gazette export` and `gazette import`: the whole archive as JSON Lines.

use std::fs::File;
use std::io::{BufReader, BufWriter, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use super::{cli_actor, emit, DataArgs};

/// Arguments of `gazette export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format; only `jsonl` for now.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl"])]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
}

/// Arguments of `gazette import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A file written by `gazette export`.
    file: PathBuf,
    #[command(flatten)]
    data: DataArgs,
}

/// Writes the export.
pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let lines = match &args.output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("creating {}", path.display()))?;
            let mut out = BufWriter::new(file);
            let lines = archive.reads().export_jsonl(&mut out)?;
            out.flush()
                .with_context(|| format!("writing {}", path.display()))?;
            lines
        }
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let lines = archive.reads().export_jsonl(&mut out)?;
            out.flush().context("writing to standard output")?;
            lines
        }
    };
    eprintln!("exported {lines} record(s)");
    Ok(ExitCode::SUCCESS)
}

/// Reads an export into the archive.
pub fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let mut archive = args.data.open_writes()?;
    let file =
        File::open(&args.file).with_context(|| format!("opening {}", args.file.display()))?;
    let lines = archive
        .import_jsonl(&mut BufReader::new(file), &cli_actor())
        .with_context(|| format!("importing {}", args.file.display()))?;
    emit(&format!("imported {lines} record(s)\n"))?;
    Ok(ExitCode::SUCCESS)
}
