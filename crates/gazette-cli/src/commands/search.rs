//! `gazette search QUERY`: ranked results with snippets and facets.

use std::process::ExitCode;

use gazette_search::{SearchOptions, SearchResults};

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
        emit(&render(&query, &results))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(query: &str, results: &SearchResults) -> String {
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
            let plain = snippet.replace("<mark>", "【").replace("</mark>", "】");
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
