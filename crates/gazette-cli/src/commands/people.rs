//! `gazette people [NAME] [--format text|json]`: everyone the 任免 records
//! name, or the history of each person of one name (homonyms — the same
//! name in unrelated units — are kept apart and flagged).

use std::fmt::Write as _;
use std::process::ExitCode;

use gazette_archive::types::PersonHistory;

use super::{emit_as, keys_text, DataArgs, Format};

/// Arguments of `gazette people`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person's name; everyone when absent.
    name: Option<String>,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Prints the people, or one name's histories.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let reads = archive.reads();
    match &args.name {
        None => emit_as(args.format, &reads.people()?, |people| {
            keys_text(people, "record(s)")
        })?,
        Some(name) => {
            let histories = reads.person(name)?;
            if histories.is_empty() {
                anyhow::bail!("no appointment or removal in the archive names “{name}”");
            }
            emit_as(args.format, &histories, |h| render(h))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn render(histories: &[PersonHistory]) -> String {
    let mut out = String::new();
    if histories.len() > 1 {
        let _ = writeln!(
            out,
            "{} histories of this name share no document or unit: possibly different people",
            histories.len()
        );
    }
    for history in histories {
        let _ = writeln!(
            out,
            "\n{} ({})",
            history.name,
            history.organisations.join("、")
        );
        for entry in &history.entries {
            let _ = writeln!(
                out,
                "  {} {} {}{} — {} (line {})",
                entry
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "----------".to_owned()),
                entry.action.label(),
                entry.post,
                entry
                    .note
                    .as_ref()
                    .map(|n| format!("（{n}）"))
                    .unwrap_or_default(),
                entry
                    .doc_number
                    .iter()
                    .chain([&entry.document_title])
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
                entry.line
            );
        }
    }
    out
}
