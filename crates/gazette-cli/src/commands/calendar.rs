//! `gazette calendar [--document D] [--unit U] [--ics] [--format text|json]`:
//! the deadlines and periods of the archive, of a document or of the unit
//! reports are due to; `--ics` writes the same calendar as iCalendar.

use std::fmt::Write as _;
use std::process::ExitCode;

use gazette_archive::{CalendarEntry, CalendarFilter};

use super::{emit, emit_as, source_line, DataArgs, Format};

/// Arguments of `gazette calendar`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the deadlines of this document (id, slug or 发文字号).
    #[arg(long)]
    document: Option<String>,
    /// Only the deadlines whose reports are due to this unit (as printed).
    #[arg(long)]
    unit: Option<String>,
    /// Write iCalendar (RFC 5545) instead.
    #[arg(long)]
    ics: bool,
    /// With `--ics`: the server's public URL, to link each event to its
    /// document's page.
    #[arg(long, requires = "ics")]
    base_url: Option<String>,
    #[command(flatten)]
    data: DataArgs,
    /// Output format (without `--ics`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Prints the calendar.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let reads = archive.reads();
    if let Some(key) = &args.document {
        reads.document(key)?;
    }
    let filter = CalendarFilter {
        document: args.document.clone(),
        unit: args.unit.clone(),
        ..CalendarFilter::default()
    };
    if args.ics {
        let base = args.base_url.as_deref().map(|b| b.trim_end_matches('/'));
        let ics = reads.calendar_ics(&filter, "gazette", |source| {
            base.map(|b| format!("{b}/documents/{}", source.slug))
        })?;
        emit(&ics)?;
    } else {
        emit_as(args.format, &reads.calendar(&filter)?, |e| render(e))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(entries: &[CalendarEntry]) -> String {
    let mut out = format!("{} date(s)\n", entries.len());
    for entry in entries {
        let d = &entry.deadline;
        let _ = writeln!(
            out,
            "\n{} [{}] {}{}\n  {} — line {}",
            d.when.describe(),
            d.when.label(),
            d.governs,
            d.unit
                .as_ref()
                .map(|u| format!(" → {u}"))
                .unwrap_or_default(),
            source_line(&entry.source),
            d.line
        );
    }
    out
}
