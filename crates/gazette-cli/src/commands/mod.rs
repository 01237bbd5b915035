//! One module per command, each with its arguments and a `run`.

mod audit;
mod exchange;
mod ingest;
mod parse;
mod reindex;
mod search;
mod serve;
mod show;
mod status;
mod token;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use gazette_archive::Archive;

/// The commands of `gazette`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse gazette issues (text files) into structured documents, without storing them.
    Parse(parse::Args),
    /// Add issues (files or folders) to the archive: parse, store, index.
    Ingest(ingest::Args),
    /// Search the archive.
    Search(search::Args),
    /// Show one document (by id, slug or 发文字号).
    Show(show::Args),
    /// Show or change a document's validity status (现行有效, 已废止 …).
    Status(status::Args),
    /// Write the whole archive as JSON Lines.
    Export(exchange::ExportArgs),
    /// Restore an archive from `gazette export` output.
    Import(exchange::ImportArgs),
    /// Re-parse every stored issue from its original text and rebuild the search index.
    Reindex(reindex::Args),
    /// Serve the archive over HTTP: web pages, JSON API, Atom feeds.
    Serve(serve::Args),
    /// Create, list or revoke API tokens for writes through the server.
    Token(token::Args),
    /// Show the audit log of writes made through the server and of tokens.
    Audit(audit::Args),
}

impl Command {
    /// Runs the command; the exit code says whether everything went through.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self {
            Command::Parse(args) => parse::run(&args),
            Command::Ingest(args) => ingest::run(&args),
            Command::Search(args) => search::run(&args),
            Command::Show(args) => show::run(&args),
            Command::Status(args) => status::run(&args),
            Command::Export(args) => exchange::export(&args),
            Command::Import(args) => exchange::import(&args),
            Command::Reindex(args) => reindex::run(&args),
            Command::Serve(args) => serve::run(&args),
            Command::Token(args) => token::run(&args),
            Command::Audit(args) => audit::run(&args),
        }
    }
}

/// Writes `text` to standard output. A reader that went away (`| head`)
/// ends the output quietly instead of failing.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to standard output"),
    }
}

/// Where the archive lives: `--data`, else `GAZETTE_DATA`, else `./gazette-data`.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// The archive's data directory.
    #[arg(long, env = "GAZETTE_DATA", default_value = "gazette-data")]
    data: PathBuf,
}

impl DataArgs {
    /// Opens the archive.
    pub fn open(&self) -> anyhow::Result<Archive> {
        Archive::open(&self.data)
            .with_context(|| format!("opening the archive in {}", self.data.display()))
    }

    /// Opens the archive's store alone (tokens, audit log), which works
    /// while a server has the archive open.
    pub fn open_store(&self) -> anyhow::Result<Box<dyn gazette_store::Store>> {
        gazette_archive::open_store(&self.data)
            .with_context(|| format!("opening the archive's store in {}", self.data.display()))
    }
}
