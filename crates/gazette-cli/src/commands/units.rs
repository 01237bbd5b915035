//! `gazette units [NAME] [--format text|json]`: every unit named as
//! responsible with its count of tasks, or every task of one unit (a
//! short name such as 市财政局 finds 青岛市财政局).

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use gazette_archive::UnitReport;

use super::{emit_as, keys_text, source_line, DataArgs, Format};

/// Arguments of `gazette units`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The unit's normal name or a printed short form; all units when absent.
    name: Option<String>,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Prints the units, or one unit's tasks.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let reads = archive.reads();
    match &args.name {
        None => emit_as(args.format, &reads.units()?, |units| {
            keys_text(units, "task(s)")
        })?,
        Some(name) => {
            let report = reads
                .unit(name)?
                .with_context(|| format!("no task in the archive names the unit “{name}”"))?;
            emit_as(args.format, &report, render)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn render(report: &UnitReport) -> String {
    let mut out = format!("{}: {} task(s)\n", report.unit, report.tasks.len());
    for task in &report.tasks {
        let m = &task.mention;
        let row = m.row.map(|r| format!(", row {r}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "\n[{}] {}\n  {} — line {}{row}",
            m.role.label(),
            m.task,
            source_line(&task.source),
            m.line
        );
    }
    out
}
