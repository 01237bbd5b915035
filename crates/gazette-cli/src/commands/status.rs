//! `gazette status DOC [--set S --date D --by N --reason R] [--as-of D]`:
//! shows a document's validity status and its history, or appends a change.

use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use gazette_archive::{DocumentView, StatusRequest};
use gazette_model::Status;

use super::{cli_actor, emit, DataArgs};

/// Arguments of `gazette status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, slug or 发文字号.
    document: String,
    #[command(flatten)]
    data: DataArgs,
    /// Record a new status: in_force, amended, repealed, expired,
    /// not_yet_in_force (or 现行有效, 已修改, 已废止, 已失效, 尚未生效).
    #[arg(long, value_parser = parse_status)]
    set: Option<Status>,
    /// The day the new status takes effect (YYYY-MM-DD); today if not given.
    #[arg(long, requires = "set")]
    date: Option<NaiveDate>,
    /// The document that made the change (发文字号).
    #[arg(long, requires = "set")]
    by: Option<String>,
    /// Why.
    #[arg(long, requires = "set")]
    reason: Option<String>,
    /// Who records the change (default: $USER).
    #[arg(long, requires = "set")]
    recorded_by: Option<String>,
    /// Show the status that held on this day instead of today.
    #[arg(long, conflicts_with = "set")]
    as_of: Option<NaiveDate>,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
        format!("unknown status “{text}”; one of {}", codes.join(", "))
    })
}

/// Shows or changes the status.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let today = gazette_model::china_today();
    if let Some(status) = args.set {
        let mut archive = args.data.open_writes()?;
        let request = StatusRequest {
            status,
            effective: args.date.unwrap_or(today),
            reason: args.reason.clone(),
            by_document: args.by.clone(),
            recorded_by: args.recorded_by.clone().unwrap_or_else(default_recorder),
        };
        archive
            .record_status(&args.document, request, &cli_actor())
            .with_context(|| format!("recording the status of {}", args.document))?;
    }
    let day = args.as_of.unwrap_or(today);
    let archive = args.data.open_reads()?;
    let (view, status) = archive.reads().status_on(&args.document, day)?;
    if args.json {
        let json = serde_json::json!({
            "id": view.record.id,
            "title": view.record.document.title,
            "as_of": day,
            "status": status,
            "label": status.label(),
            "history": view.status_history,
        });
        emit(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
    } else {
        emit(&render(&view, status, day))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn default_recorder() -> String {
    std::env::var("USER").unwrap_or_else(|_| "cli".to_owned())
}

fn render(view: &DocumentView, status: Status, day: NaiveDate) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "{}\nstatus on {day}: {} ({})\n",
        view.record.document.title,
        status.label(),
        status.code()
    );
    if view.status_history.is_empty() {
        out.push_str("history: none recorded\n");
        let _ = writeln!(out, "status today: {}", view.validity.summary);
    }
    for change in &view.status_history {
        let _ = writeln!(
            out,
            "  {} from {}{}{} — recorded by {} at {}",
            change.status.label(),
            change.effective,
            change
                .by_document
                .as_ref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default(),
            change
                .reason
                .as_ref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default(),
            change.recorded_by,
            change.recorded_at
        );
    }
    out
}
