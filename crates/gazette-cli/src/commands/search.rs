//! `gazette search QUERY`: ranked results with snippets and facets.
//!
//! Snippets are printed as plain text, never HTML: on a terminal the
//! matches are bold red (as grep shows them) unless `NO_COLOR` is set;
//! otherwise, and in pipes and files, they are put between 【 and 】. With
//! `--json` a hit's `snippet` is its list of runs (`text`, `marked`).

use std::io::IsTerminal as _;
use std::process::ExitCode;

use gazette_archive::types::{SearchOptions, SearchResults};

use super::{emit, DataArgs};

/// Arguments of `gazette search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words (all must match), "exact phrases", OR, NOT/-, and
    /// filters title: number: issuer: type: year: date:A..B status: unit:.
    query: Vec<String>,
    #[command(flatten)]
    data: DataArgs,
    /// Print results as JSON.
    #[arg(long)]
    json: bool,
    /// How many results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Skip this many results.
    #[arg(long, default_value_t = 0)]
    offset: usize,
}

/// Runs the query and prints the results.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let archive = args.data.open_reads()?;
    let query = args.query.join(" ");
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        ..SearchOptions::default()
    };
    let results = archive.reads().search(&query, &options)?;
    if args.json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&results)?))?;
    } else {
        emit(&render(&query, &results, Marks::for_stdout()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How the matches of a snippet are set off from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marks {
    open: &'static str,
    close: &'static str,
}

impl Marks {
    /// Bold red, reset after.
    const COLOURED: Marks = Marks {
        open: "\x1b[1;31m",
        close: "\x1b[0m",
    };
    /// Corner brackets, for pipes, files and terminals without colour.
    const BRACKETS: Marks = Marks {
        open: "【",
        close: "】",
    };

    /// Colour when standard output is a terminal and `NO_COLOR` is not
    /// set (or empty), brackets otherwise.
    fn for_stdout() -> Marks {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match std::io::stdout().is_terminal() && !no_colour {
            true => Marks::COLOURED,
            false => Marks::BRACKETS,
        }
    }
}

fn render(query: &str, results: &SearchResults, marks: Marks) -> String {
    use std::fmt::Write as _;
    let mut out = format!("{} result(s) for {query}\n", results.total);
    for (i, hit) in results.hits.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} [{}]\n   {} · {} · {} · {}",
            i + 1,
            hit.title,
            hit.status.label(),
            hit.doc_number.as_deref().unwrap_or("无文号"),
            hit.date.map(|d| d.to_string()).unwrap_or_default(),
            hit.issuer.join("、"),
            hit.slug
        );
        if let Some(snippet) = &hit.snippet {
            let plain = snippet.marked_with(marks.open, marks.close);
            let section = hit.heading_path.join(" › ");
            let _ = writeln!(
                out,
                "   {}{plain}",
                if section.is_empty() {
                    String::new()
                } else {
                    format!("{section}: ")
                }
            );
        }
    }
    let facets = &results.facets;
    for (name, counts) in [
        ("year", &facets.year),
        ("issuer", &facets.issuer),
        ("type", &facets.doc_type),
        ("status", &facets.status),
    ] {
        if !counts.is_empty() {
            let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            let _ = writeln!(out, "\n{name}: {}", list.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use gazette_archive::types::{Facets, Hit, Snippet, SnippetRun};
    use gazette_model::Status;

    use super::*;

    fn results_with(snippet: Snippet) -> SearchResults {
        SearchResults {
            total: 1,
            hits: vec![Hit {
                id: "d1".to_owned(),
                slug: "d1".to_owned(),
                title: "关于A&B的通知".to_owned(),
                doc_number: None,
                date: None,
                issuer: Vec::new(),
                doc_type: None,
                status: Status::default(),
                pages: None,
                score: 1.0,
                snippet: Some(snippet),
                section_id: None,
                heading_path: Vec::new(),
                title_match: false,
            }],
            facets: Facets::default(),
            next_cursor: None,
        }
    }

    fn run(text: &str, marked: bool) -> SnippetRun {
        SnippetRun {
            text: text.to_owned(),
            marked,
        }
    }

    #[test]
    fn snippets_are_plain_text_with_their_marks_set_off() {
        let results = results_with(Snippet {
            runs: vec![
                run("…型号A&B<C>\"D\"应当在", false),
                run("社会保险", true),
                run("登记中", false),
            ],
        });
        let piped = render("社会保险", &results, Marks::BRACKETS);
        assert!(
            piped.contains("   …型号A&B<C>\"D\"应当在【社会保险】登记中\n"),
            "{piped}"
        );
        let coloured = render("社会保险", &results, Marks::COLOURED);
        assert!(
            coloured.contains("A&B<C>\"D\"应当在\x1b[1;31m社会保险\x1b[0m登记中"),
            "{coloured}"
        );
        for out in [piped, coloured] {
            assert!(!out.contains("&amp;") && !out.contains("&lt;"), "{out}");
        }
    }
}
