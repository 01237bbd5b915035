//! `gazette links DOC [--format text|json]`: what a document cites
//! (resolved to archived documents, or external with the issuing body),
//! what cites it, its responsible units, deadlines, provisions,
//! appointments and rosters.

use std::fmt::Write as _;
use std::process::ExitCode;

use gazette_archive::DocumentLinks;

use super::{emit_as, source_line, DataArgs, Format};

/// Arguments of `gazette links`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, slug or 发文字号 (any printed variant).
    document: String,
    #[command(flatten)]
    data: DataArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Prints the document's links.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let links = archive.reads().links(&args.document)?;
    emit_as(args.format, &links, render)?;
    Ok(ExitCode::SUCCESS)
}

fn render(links: &DocumentLinks) -> String {
    let mut out = format!("{}\n", source_line(&links.document));
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n{title} ({})", lines.len());
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
    };
    section(
        "引用文件",
        links
            .references
            .iter()
            .map(|r| {
                let cited = &r.reference;
                let name = [
                    cited.doc_number.clone(),
                    cited.title.as_ref().map(|t| format!("《{t}》")),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
                match &r.target {
                    Some(target) => format!("{name} → {} ({})", target.title, target.slug),
                    None => format!(
                        "{name} — 未收录{}",
                        cited
                            .issuing_body
                            .as_ref()
                            .map(|b| format!("，发文机关：{b}"))
                            .unwrap_or_default()
                    ),
                }
            })
            .collect(),
    );
    section(
        "被引用",
        links
            .cited_by
            .iter()
            .map(|c| source_line(&c.source))
            .collect(),
    );
    section(
        "责任单位",
        links
            .units
            .iter()
            .map(|u| {
                format!(
                    "{} [{}] {} (line {})",
                    u.unit,
                    u.role.label(),
                    u.task,
                    u.line
                )
            })
            .collect(),
    );
    section(
        "时间节点",
        links
            .deadlines
            .iter()
            .map(|d| format!("{} — {} (line {})", d.when.describe(), d.governs, d.line))
            .collect(),
    );
    section(
        "数量规定",
        links
            .provisions
            .iter()
            .map(super::provisions::provision_line)
            .collect(),
    );
    section(
        "任免",
        links
            .appointments
            .iter()
            .map(|a| format!("{} {} {}", a.action.label(), a.person, a.post))
            .collect(),
    );
    for roster in &links.rosters {
        section(
            &format!("名单：{}", roster.title.as_deref().unwrap_or(&roster.table)),
            roster
                .entries
                .iter()
                .map(|e| format!("{} {} {}", e.role, e.person, e.post))
                .collect(),
        );
    }
    out
}
