//! One module per command, each with its arguments and a `run`.

mod audit;
mod backup;
mod calendar;
mod exchange;
mod ingest;
mod links;
mod parse;
mod people;
mod provisions;
mod reindex;
mod search;
mod serve;
mod show;
mod status;
mod token;
mod units;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use gazette_archive::types::SearchError;
use gazette_archive::{Archive, ArchiveError, ArchiveReader};

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
    /// Copy the archive's store to a new file, consistently, also while `gazette serve` runs.
    Backup(backup::Args),
    /// Re-parse every stored issue from its original text and rebuild the search index.
    Reindex(reindex::Args),
    /// Merge the search index into one segment (after a bulk load: each search then visits one).
    Compact(reindex::Args),
    /// Serve the archive over HTTP: web pages, JSON API, Atom feeds.
    Serve(serve::Args),
    /// Create, list or revoke API tokens for writes through the server.
    Token(token::Args),
    /// Show the audit log of writes made through the server and of tokens.
    Audit(audit::Args),
    /// Show what a document cites and what cites it, its units, deadlines, provisions and rosters.
    Links(links::Args),
    /// List the responsible units (责任单位), or show every task of one.
    Units(units::Args),
    /// List the people appointed or removed (任免), or show one's history.
    People(people::Args),
    /// Show the deadlines and periods of the archive, a document or a unit (or write iCalendar).
    Calendar(calendar::Args),
    /// List the subjects of quantitative provisions, or show one's provisions as of a day.
    Provisions(provisions::Args),
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
            Command::Backup(args) => backup::run(&args),
            Command::Reindex(args) => reindex::run(&args),
            Command::Compact(args) => reindex::compact(&args),
            Command::Serve(args) => serve::run(&args),
            Command::Token(args) => token::run(&args),
            Command::Audit(args) => audit::run(&args),
            Command::Links(args) => links::run(&args),
            Command::Units(args) => units::run(&args),
            Command::People(args) => people::run(&args),
            Command::Calendar(args) => calendar::run(&args),
            Command::Provisions(args) => provisions::run(&args),
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

/// How a command prints what it found: `text` for reading, `json` for
/// programs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Lines for a person.
    #[default]
    Text,
    /// Pretty-printed JSON.
    Json,
}

/// Writes `value` in `format`: as JSON, or as `text` renders it.
pub fn emit_as<T: serde::Serialize>(
    format: Format,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> anyhow::Result<()> {
    match format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(value)?)),
        Format::Text => emit(&text(value)),
    }
}

/// A document as one line: its number (or title) and slug.
pub fn source_line(source: &gazette_archive::FactSource) -> String {
    match &source.doc_number {
        Some(number) => format!("{number} {}", source.title),
        None => source.title.clone(),
    }
}

/// Keys with their counts, one a line: `count unit  in N document(s)  key`.
pub fn keys_text(keys: &[gazette_archive::KeyCount], unit: &str) -> String {
    use std::fmt::Write as _;
    let mut out = format!("{} in the archive\n", keys.len());
    for key in keys {
        let _ = writeln!(
            out,
            "{:>5} {unit}\tin {} document(s)\t{}",
            key.facts, key.documents, key.key
        );
    }
    out
}

/// Where the archive lives: `--data`, else `GAZETTE_DATA`, else
/// `./gazette-data`; its store: `--store`, else `GAZETTE_STORE`, else the
/// data directory's `archive.sqlite`.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// The archive's data directory (its indexes; its store too unless
    /// --store names another).
    #[arg(long, env = "GAZETTE_DATA", default_value = "gazette-data")]
    data: PathBuf,
    /// The store: sqlite:PATH or postgres://USER@HOST/DATABASE (default:
    /// sqlite:DATA/archive.sqlite).
    #[arg(long, env = gazette_archive::StoreLocation::ENV)]
    store: Option<String>,
}

impl DataArgs {
    /// Where the store is (see [`gazette_archive::StoreLocation`]).
    fn location(&self) -> anyhow::Result<gazette_archive::StoreLocation> {
        Ok(gazette_archive::StoreLocation::chosen(
            self.store.as_deref(),
            &self.data,
        )?)
    }

    /// Opens the archive.
    pub fn open(&self) -> anyhow::Result<Archive> {
        Archive::open_with(&self.data, &self.location()?)
            .with_context(|| format!("opening the archive in {}", self.data.display()))
    }

    /// Opens the archive for a command that writes documents or statuses
    /// (`ingest`, `status --set`, `import`): as [`DataArgs::open`] does
    /// when nothing else has it open, and beside the process that holds
    /// its indexes (a running `gazette serve`) otherwise, writing to the
    /// store only: that process indexes what is written (see
    /// [`Archive::open_shared`]).
    pub fn open_writes(&self) -> anyhow::Result<Archive> {
        let archive = Archive::open_shared(&self.data, &self.location()?)
            .with_context(|| format!("opening the archive in {}", self.data.display()))?;
        if !archive.holds_indexes() {
            eprintln!(
                "note: another gazette process (a server) holds the indexes in {}: this command \
                 writes to the store only, and that process indexes what it writes",
                self.data.display()
            );
        }
        Ok(archive)
    }

    /// The data directory.
    pub fn dir(&self) -> &std::path::Path {
        &self.data
    }

    /// Opens the archive for a command that only reads: as [`DataArgs::open`]
    /// does (catching the indexes up) when nothing else has it open, and
    /// read-only, as it is on disk, while another process (`gazette serve`,
    /// `gazette ingest`) holds its search index.
    pub fn open_reads(&self) -> anyhow::Result<Reads> {
        let context = || format!("opening the archive in {}", self.data.display());
        let location = self.location()?;
        match Archive::open_with(&self.data, &location) {
            Ok(archive) => Ok(Reads::Archive(Box::new(archive))),
            Err(ArchiveError::Search(SearchError::Busy(_))) => {
                let reader = ArchiveReader::open_read_only_with(&self.data, &location)
                    .with_context(|| {
                        format!(
                            "opening the archive in {} read-only (another gazette process has it \
                         open)",
                            self.data.display()
                        )
                    })?;
                Ok(Reads::ReadOnly(reader))
            }
            Err(error) => Err(error).with_context(context),
        }
    }

    /// Opens the archive's store alone (tokens, audit log), which works
    /// while a server has the archive open.
    pub fn open_admin(&self) -> anyhow::Result<gazette_archive::AdminStore> {
        let location = self.location()?;
        gazette_archive::AdminStore::open_at(&location)
            .with_context(|| format!("opening the archive's store {location}"))
    }
}

/// An archive opened for reading: see [`DataArgs::open_reads`].
pub enum Reads {
    /// Opened as a whole, its indexes caught up.
    Archive(Box<Archive>),
    /// Opened read-only beside another process.
    ReadOnly(ArchiveReader),
}

impl Reads {
    /// The read side.
    pub fn reads(&self) -> &ArchiveReader {
        match self {
            Reads::Archive(archive) => archive.reads(),
            Reads::ReadOnly(reader) => reader,
        }
    }
}

/// Who runs the command, for the audit log.
fn cli_actor() -> String {
    format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "unknown".to_owned())
    )
}
