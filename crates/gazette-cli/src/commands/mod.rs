//! One module per command, each with its arguments and a `run`.

mod parse;

use std::process::ExitCode;

use clap::Subcommand;

/// The commands of `gazette`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse gazette issues (text files) into structured documents.
    Parse(parse::Args),
}

impl Command {
    /// Runs the command; the exit code says whether every input went through.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self {
            Command::Parse(args) => parse::run(&args),
        }
    }
}
