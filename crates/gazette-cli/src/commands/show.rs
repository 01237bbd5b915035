//! `gazette show DOC`: one document with its status, by id, slug or 发文字号.

use std::process::ExitCode;

use gazette_model::status_as_of;

use gazette_archive::DocumentView;

use super::{emit, DataArgs};

/// Arguments of `gazette show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, slug or 发文字号 (any printed variant).
    document: String,
    #[command(flatten)]
    data: DataArgs,
    /// Print the document as JSON.
    #[arg(long, conflicts_with = "text")]
    json: bool,
    /// Print the original text as published.
    #[arg(long)]
    text: bool,
}

/// Prints the document.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let view = archive.reads().document(&args.document)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&view)?))?;
    } else {
        emit(&render(&view, args.text))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The document as text: status banner, title, metadata, then the body
/// (blocks) or the original text as published.
fn render(view: &DocumentView, original: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let status = status_as_of(&view.status_history, gazette_model::china_today());
    let doc = &view.record.document;
    if status != gazette_model::Status::InForce {
        let last = view
            .status_history
            .iter()
            .rev()
            .find(|c| c.status == status);
        let since = last
            .map(|c| format!(" since {}", c.effective))
            .unwrap_or_default();
        let by = last
            .and_then(|c| c.by_document.clone())
            .map(|b| format!(" by {b}"))
            .unwrap_or_default();
        let _ = writeln!(out, "【{}{since}{by}】", status.label());
    }
    let _ = writeln!(out, "{}", doc.title);
    let _ = writeln!(
        out,
        "{} · {} · {} · {} · id {} · slug {} · version {}/{}",
        doc.doc_number.as_deref().unwrap_or("无文号"),
        doc.date.map(|d| d.to_string()).unwrap_or_default(),
        doc.issuer.join("、"),
        status.label(),
        view.record.id,
        view.record.slug,
        view.record.version,
        view.versions
    );
    if original {
        let _ = writeln!(out, "\n{}", view.record.text);
    } else {
        for block in &doc.blocks {
            let _ = writeln!(out, "\n{}", block.text);
        }
    }
    out
}
