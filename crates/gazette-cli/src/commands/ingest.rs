//! `gazette ingest FILE...|DIR`: adds issues to the archive. A progress bar
//! on a terminal, one log line per file otherwise; a summary at the end. A
//! file that fails is reported by name and skipped; the exit code is then
//! non-zero. `--gazette`, `--issue`, `--published` and `--frequency` say
//! what the file is as published where its text does not print it (a value
//! the text prints differently is reported; the given one is recorded).

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use gazette_archive::{FileOutcome, FileReport, GivenIssue, IngestSummary, ProgressEvent};
use indicatif::{ProgressBar, ProgressStyle};

use super::{cli_actor, emit, DataArgs};

/// Arguments of `gazette ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue files, or folders to ingest recursively.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// The gazette the files are issues of (刊名: 青岛市人民政府公报).
    #[arg(long)]
    gazette: Option<String>,
    /// The issue's year and number (期号), for one file: 2019-7.
    #[arg(long)]
    issue: Option<String>,
    /// The issue's publication date, for one file: 2019-07-20.
    #[arg(long)]
    published: Option<String>,
    /// How often the gazette appears: weekly, ten_daily, semimonthly,
    /// monthly, bimonthly, quarterly, irregular (or 月刊 …).
    #[arg(long)]
    frequency: Option<String>,
}

impl Args {
    /// What the flags say of the files as published.
    fn given(&self) -> anyhow::Result<GivenIssue> {
        let mut given = GivenIssue::default();
        if let Some(name) = &self.gazette {
            given.set_gazette(name)?;
        }
        if let Some(issue) = &self.issue {
            given.set_issue(issue)?;
        }
        if let Some(date) = &self.published {
            given.set_published(date)?;
        }
        if let Some(frequency) = &self.frequency {
            given.set_frequency(frequency)?;
        }
        Ok(given)
    }
}

/// Ingests the paths and prints what happened.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let given = args.given()?;
    let mut archive = args.data.open_writes()?;
    let terminal = std::io::stderr().is_terminal();
    let mut bar: Option<ProgressBar> = None;
    let summary =
        archive.ingest_paths_as(&args.paths, &given, &cli_actor(), |event| match event {
            ProgressEvent::Start { files, .. } if terminal => {
                let new_bar = ProgressBar::new(files as u64);
                if let Ok(style) =
                    ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed}  {msg}")
                {
                    new_bar.set_style(style);
                }
                bar = Some(new_bar);
            }
            ProgressEvent::Start { .. } => {}
            ProgressEvent::File(report) => match &bar {
                Some(bar) => {
                    bar.inc(1);
                    if let FileOutcome::Failed { .. } = report.outcome {
                        bar.println(line(report));
                    }
                }
                None => eprintln!("{}", line(report)),
            },
        })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&summary)?))?;
    } else {
        emit(&format!("{}\n", summary_line(&summary)))?;
    }
    Ok(if summary.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn line(report: &FileReport) -> String {
    let path = report.path.display();
    match &report.outcome {
        FileOutcome::Added {
            documents,
            new_versions,
            warnings,
            conflicts,
        } => {
            let mut line = format!("added {path}: {documents} document(s), {new_versions} new version(s), {warnings} warning(s)");
            for c in conflicts {
                line.push_str(&format!(
                    "\nwarning: {path}: {} is printed as {} but given as {}; the given value was recorded",
                    c.field, c.printed, c.given
                ));
            }
            line
        }
        FileOutcome::AlreadyPresent => format!("unchanged {path}: already in the archive"),
        FileOutcome::Failed { message } => format!("error: {path}: {message}"),
    }
}

fn summary_line(summary: &IngestSummary) -> String {
    let seconds = summary.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        summary.documents as f64 / seconds
    } else {
        0.0
    };
    format!(
        "{} issue(s) added, {} document(s), {} warning(s), {} already present, {} failed, in {seconds:.2} s ({rate:.0} documents/s)",
        summary.issues, summary.documents, summary.warnings, summary.unchanged, summary.failed
    )
}
