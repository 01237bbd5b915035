//! `gazette show DOC`: one document with its status, by id, slug or 发文字号.

use std::process::ExitCode;

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
    let doc = &view.record.document;
    let validity = &view.validity;
    match &validity.recorded {
        Some(change) => {
            let by = change
                .by_document
                .as_ref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default();
            let label = change.status.label();
            let _ = writeln!(out, "【{label} since {}{by}】", change.effective);
        }
        None => {
            let _ = writeln!(out, "【{}】", validity.summary);
        }
    }
    for evidence in &validity.evidence {
        let _ = writeln!(
            out,
            "  {} — 「{}」 ({}, line {})",
            evidence.summary,
            evidence.clause,
            evidence
                .document
                .doc_number
                .as_deref()
                .unwrap_or(&evidence.document.title),
            evidence.line
        );
    }
    let _ = writeln!(out, "{}", doc.title);
    let _ = writeln!(
        out,
        "{} · {} · {} · {} · id {} · slug {} · version {}/{}",
        doc.doc_number.as_deref().unwrap_or("无文号"),
        doc.date.map(|d| d.to_string()).unwrap_or_default(),
        doc.issuer.join("、"),
        validity.status.label(),
        view.record.id,
        view.record.slug,
        view.record.version,
        view.versions
    );
    if let Some(effect) = &doc.takes_effect {
        let day = effect
            .date
            .map_or_else(|| "公布之日".to_owned(), |d| d.to_string());
        let _ = writeln!(out, "施行日期 {day}（{}）", effect.evidence);
    }
    if let Some(until) = doc.valid_period.as_ref().and_then(|p| p.until) {
        let _ = writeln!(out, "有效期至 {until}");
    }
    if original {
        let _ = writeln!(out, "\n{}", view.record.text);
    } else {
        for block in &doc.blocks {
            let _ = writeln!(out, "\n{}", block.text);
        }
    }
    out
}
