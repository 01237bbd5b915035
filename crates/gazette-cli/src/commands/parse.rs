//! `gazette parse FILE... [--format json|text|summary]`: prints the documents
//! of each issue. Files are text, PDF or HTML pages (known by their
//! content; a page gives its main text and its metadata table); a PDF's
//! page warnings go to stderr. A file that cannot be read, decoded or
//! extracted is reported by name and skipped; the exit code is then non-zero.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use gazette_archive::{ExtractionReport, IssueText};
use gazette_model::{AppointmentAction, Document, Issue, Section};
use serde::Serialize;

/// Arguments of `gazette parse`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue files: UTF-8, GB18030/GBK or UTF-16 (with BOM) text, PDF, or
    /// HTML pages.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format: `json` (the documented contract), `text` (for reading)
    /// or `summary` (one line per document).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Json,
    Text,
    Summary,
}

/// One parsed file, as printed in JSON.
#[derive(Serialize)]
struct ParsedFile<'a> {
    file: String,
    encoding: &'static str,
    /// For a PDF: how each page was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    extraction: Option<&'a ExtractionReport>,
    #[serde(flatten)]
    issue: &'a Issue,
}

/// A file read and parsed.
struct Parsed {
    name: String,
    source: IssueText,
    issue: Issue,
}

/// Parses every file; prints what parsed, reports what did not.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut parsed = Vec::new();
    let mut failed = 0;
    for path in &args.files {
        match parse_file(path) {
            Ok(file) => parsed.push(file),
            Err(error) => {
                eprintln!("error: {error:#}");
                failed += 1;
            }
        }
    }
    super::emit(&render(&parsed, args.format)?)?;

    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn parse_file(path: &Path) -> anyhow::Result<Parsed> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read the file"))?;
    let source = IssueText::read(&bytes).with_context(|| name.clone())?;
    for warning in &source.warnings {
        eprintln!("warning: {name}: {warning}");
    }
    let issue = source.parse();
    Ok(Parsed {
        name,
        source,
        issue,
    })
}

fn render(parsed: &[Parsed], format: Format) -> anyhow::Result<String> {
    match format {
        Format::Json => render_json(parsed),
        Format::Text => Ok(parsed
            .iter()
            .map(|p| render_text(&p.name, &p.issue))
            .collect()),
        Format::Summary => Ok(parsed
            .iter()
            .map(|p| render_summary(&p.name, &p.issue))
            .collect()),
    }
}

fn render_json(parsed: &[Parsed]) -> anyhow::Result<String> {
    let files: Vec<ParsedFile<'_>> = parsed
        .iter()
        .map(|p| ParsedFile {
            file: p.name.clone(),
            encoding: p.source.encoding,
            extraction: p.source.extraction.as_ref(),
            issue: &p.issue,
        })
        .collect();
    let mut json = match files.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .context("serialising to JSON")?;
    json.push('\n');
    Ok(json)
}

fn render_summary(name: &str, issue: &Issue) -> String {
    let mut out = format!("{name}: {} document(s)\n", issue.documents.len());
    for doc in &issue.documents {
        let _ = writeln!(
            out,
            "  {}\t{}\t{}\t{}",
            doc.doc_number.as_deref().unwrap_or("-"),
            doc.date.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            doc.doc_type.as_deref().unwrap_or("-"),
            doc.title
        );
    }
    out
}

fn render_text(name: &str, issue: &Issue) -> String {
    let mut out = format!("# {name}: {} document(s)\n", issue.documents.len());
    for warning in &issue.warnings {
        let _ = writeln!(out, "warning (line {}): {}", warning.line, warning.message);
    }
    for doc in &issue.documents {
        out.push('\n');
        render_document(&mut out, doc);
    }
    out
}

fn render_document(out: &mut String, doc: &Document) {
    let _ = writeln!(out, "## [{}] {}", doc.id, doc.title);
    let field = |out: &mut String, label: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(out, "{label:<10} {value}");
        }
    };
    field(out, "number", doc.doc_number.as_deref().unwrap_or(""));
    field(
        out,
        "date",
        &doc.date.map(|d| d.to_string()).unwrap_or_default(),
    );
    field(out, "issuer", &doc.issuer.join("、"));
    field(out, "type", doc.doc_type.as_deref().unwrap_or(""));
    field(out, "to", &doc.recipients.join(" | "));
    field(
        out,
        "issues",
        doc.promulgated_title.as_deref().unwrap_or(""),
    );
    field(
        out,
        "lines",
        &format!("{}–{}", doc.line_start, doc.line_end),
    );
    if let Some(pages) = doc.pages {
        field(out, "pages", &format!("{}–{}", pages.first, pages.last));
    }
    field(out, "masthead", doc.masthead.as_deref().unwrap_or(""));
    if !doc.sections.is_empty() {
        let _ = writeln!(out, "outline:");
        render_sections(out, &doc.sections);
    }
    for attachment in &doc.attachments {
        let mark = if attachment.labelled {
            ""
        } else {
            " (unlabelled)"
        };
        let _ = writeln!(
            out,
            "attachment {}: {}{mark}",
            attachment.number, attachment.title
        );
        render_sections(out, &attachment.sections);
    }
    for table in &doc.tables {
        let _ = writeln!(
            out,
            "table {}: {} row(s), columns [{}]{}",
            table.id,
            table.rows.len(),
            table.columns.join(" / "),
            table
                .caption
                .as_ref()
                .map(|c| format!(" — {c}"))
                .unwrap_or_default()
        );
    }
    for cited in &doc.cited {
        let _ = writeln!(
            out,
            "cites      {}{}",
            cited.doc_number.as_deref().unwrap_or(""),
            cited
                .title
                .as_ref()
                .map(|t| format!(" 《{t}》"))
                .unwrap_or_default()
        );
    }
    for appointment in &doc.appointments {
        let verb = match appointment.action {
            AppointmentAction::Appoint => "任命",
            AppointmentAction::Remove => "免去",
        };
        let _ = writeln!(
            out,
            "{verb}       {} — {}",
            appointment.person, appointment.post
        );
    }
    for warning in &doc.warnings {
        let _ = writeln!(out, "warning (line {}): {}", warning.line, warning.message);
    }
}

fn render_sections(out: &mut String, sections: &[Section]) {
    for section in sections {
        let indent = "  ".repeat(usize::from(section.level));
        let _ = writeln!(
            out,
            "{indent}#{} {} {}",
            section.id, section.marker, section.title
        );
        render_sections(out, &section.children);
    }
}
