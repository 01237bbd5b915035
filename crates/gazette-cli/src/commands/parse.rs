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
///
/// Each file is rendered as soon as it is parsed and its text and
/// documents dropped: only the output is kept until the end, so a folder
/// of files takes the memory of its largest file, not of all of them.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut rendered = Vec::new();
    let mut failed = 0;
    for path in &args.files {
        match parse_file(path) {
            Ok(file) => rendered.push(render(&file, args.format)?),
            Err(error) => {
                eprintln!("error: {error:#}");
                failed += 1;
            }
        }
    }
    let out = match args.format {
        Format::Json => json_of_files(&rendered),
        Format::Text | Format::Summary => rendered.concat(),
    };
    super::emit(&out)?;

    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn parse_file(path: &Path) -> anyhow::Result<Parsed> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read the file"))?;
    // The bytes are given away: UTF-8 text becomes the text uncopied, and
    // other input is not kept once decoded.
    let source = IssueText::read_owned(bytes).with_context(|| name.clone())?;
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

/// One file as `format` prints it; for JSON, its object pretty-printed
/// on its own (see [`json_of_files`]).
fn render(parsed: &Parsed, format: Format) -> anyhow::Result<String> {
    match format {
        Format::Json => render_json(parsed),
        Format::Text => Ok(render_text(&parsed.name, &parsed.issue)),
        Format::Summary => Ok(render_summary(&parsed.name, &parsed.issue)),
    }
}

fn render_json(parsed: &Parsed) -> anyhow::Result<String> {
    let file = ParsedFile {
        file: parsed.name.clone(),
        encoding: parsed.source.encoding,
        extraction: parsed.source.extraction.as_ref(),
        issue: &parsed.issue,
    };
    serde_json::to_string_pretty(&file).context("serialising to JSON")
}

/// The files' pretty-printed objects as one JSON text: one file's object
/// alone, several (or none) in an array, laid out as `to_string_pretty`
/// lays out an array (each object's lines indented by two spaces; a JSON
/// string holds no raw line break, so every line is the object's own).
fn json_of_files(objects: &[String]) -> String {
    let mut json = match objects {
        [one] => one.clone(),
        [] => "[]".to_owned(),
        many => {
            let mut out = String::from("[\n");
            for (k, object) in many.iter().enumerate() {
                if k > 0 {
                    out.push_str(",\n");
                }
                for (l, line) in object.split('\n').enumerate() {
                    if l > 0 {
                        out.push('\n');
                    }
                    out.push_str("  ");
                    out.push_str(line);
                }
            }
            out.push_str("\n]");
            out
        }
    };
    json.push('\n');
    json
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

#[cfg(test)]
mod tests {
    use super::json_of_files;

    #[test]
    fn objects_join_as_serde_prints_an_array() {
        let objects = [
            serde_json::json!({"file": "a.txt", "documents": [{"title": "一\n二"}], "empty": {}}),
            serde_json::json!({"file": "b.txt", "documents": [], "n": 3}),
        ];
        let one = |v: &serde_json::Value| serde_json::to_string_pretty(v).expect("json");
        let rendered: Vec<String> = objects.iter().map(one).collect();
        assert_eq!(
            json_of_files(&rendered),
            format!(
                "{}\n",
                serde_json::to_string_pretty(&objects).expect("json")
            )
        );
        assert_eq!(json_of_files(&rendered[..1]), format!("{}\n", rendered[0]));
        let none: [serde_json::Value; 0] = [];
        assert_eq!(
            json_of_files(&[]),
            format!("{}\n", serde_json::to_string_pretty(&none).expect("json"))
        );
    }
}
