//! `gazette provisions [SUBJECT] [--as-of DATE] [--format text|json]`:
//! the subjects of the quantitative provisions with their counts, or one
//! subject's provisions and its value on a day (in force, ended with the
//! document that set it, not yet, unknown).

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use gazette_archive::types::Provision;
use gazette_archive::{AsOfAnswer, ProvisionEntry, ProvisionReport};

use super::{emit_as, keys_text, source_line, DataArgs, Format};

/// Arguments of `gazette provisions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The subject (失业保险费率, 企业养老保险单位缴费比例 …); every subject
    /// when absent.
    subject: Option<String>,
    /// The day to ask about (YYYY-MM-DD).
    #[arg(long, requires = "subject")]
    as_of: Option<NaiveDate>,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Prints the subjects, or one subject's provisions.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let reads = archive.reads();
    let Some(subject) = &args.subject else {
        emit_as(args.format, &reads.provision_subjects()?, |subjects| {
            keys_text(subjects, "provision(s)")
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let report = reads.provisions(subject, args.as_of)?;
    if report.provisions.is_empty() {
        anyhow::bail!("no provision in the archive is about “{subject}” (`gazette provisions` lists the subjects)");
    }
    emit_as(args.format, &report, render)?;
    Ok(ExitCode::SUCCESS)
}

/// One provision on one line: subject, value, old value, period, line.
pub fn provision_line(p: &Provision) -> String {
    let old = p
        .old
        .as_ref()
        .map(|o| format!("（原 {o}）"))
        .unwrap_or_default();
    format!(
        "{}: {}{old}, {} (line {})",
        p.subject,
        p.value_text(),
        p.effective.describe(),
        p.line
    )
}

fn render(report: &ProvisionReport) -> String {
    let mut out = String::new();
    if let Some(answer) = &report.as_of {
        let _ = writeln!(out, "{}", answer_line(answer));
    }
    let _ = writeln!(out, "{} provision(s)", report.provisions.len());
    for entry in &report.provisions {
        let _ = writeln!(
            out,
            "\n{}\n  {}",
            provision_line(&entry.provision),
            source_line(&entry.source)
        );
    }
    out
}

fn answer_line(answer: &AsOfAnswer) -> String {
    let value = |e: &ProvisionEntry| {
        format!(
            "{} ({}, {})",
            e.provision.value_text(),
            e.provision.effective.describe(),
            source_line(&e.source)
        )
    };
    match answer {
        AsOfAnswer::InForce { day, provisions } => {
            let values: Vec<String> = provisions.iter().map(value).collect();
            format!("in force on {day}: {}", values.join("; "))
        }
        AsOfAnswer::Ended { day, provision } => {
            format!("ended before {day}: {}", value(provision))
        }
        AsOfAnswer::NotYet { day, provision } => {
            format!("not yet in force on {day}: {}", value(provision))
        }
        AsOfAnswer::Unknown { day } => format!("unknown on {day}: no provision names it"),
    }
}
