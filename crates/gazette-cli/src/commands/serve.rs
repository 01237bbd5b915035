//! `gazette serve [--addr A] [--data D] [--demo]`: serves the archive over
//! HTTP (pages, JSON API, feeds) until Ctrl-C or SIGTERM. With `--demo`, an
//! empty archive first gets the bundled sample issue, compiled into the
//! binary so that it works from any directory.

use std::io::IsTerminal as _;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context as _;
use gazette_archive::{Archive, FileOutcome};
use gazette_server::{AppState, ServerConfig};
use tracing_subscriber::EnvFilter;

use super::{cli_actor, DataArgs};

/// The sample issue (Qingdao municipal gazette, 2019), for `--demo`.
const SAMPLE: &[u8] = include_bytes!("../../../../tests/fixtures/qingdao-gazette-2019-issue.txt");
const SAMPLE_NAME: &str = "qingdao-gazette-2019-issue.txt";

/// Arguments of `gazette serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (`[::]:8080` for every IPv6 and IPv4 address).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    data: DataArgs,
    /// If the archive is empty, ingest the bundled sample issue first.
    #[arg(long)]
    demo: bool,
    /// The public base URL (`https://gazette.example.org`), for absolute
    /// links in feeds and exports.
    #[arg(long, env = "GAZETTE_PUBLIC_URL")]
    public_url: Option<String>,
    /// Reads and searches that run at once.
    #[arg(long, default_value_t = 4)]
    workers: usize,
    /// Search result pages kept in memory until the index changes (0: none).
    #[arg(long, default_value_t = 1024)]
    search_cache: usize,
    /// The most memory those pages may take, in MiB (approximate).
    #[arg(long, default_value_t = 64)]
    search_cache_mib: usize,
    /// Where `POST /api/v1/admin/backup` writes its copies (default:
    /// `backups/` in the data directory).
    #[arg(long)]
    backup_dir: Option<std::path::PathBuf>,
    /// Public reads one client address may make in a burst (0: no limit;
    /// behind a proxy every client is the proxy's address).
    #[arg(long, default_value_t = 120)]
    read_burst: u32,
    /// Public reads a client address regains per second.
    #[arg(long, default_value_t = 20.0)]
    reads_per_second: f64,
}

/// Serves until a shutdown signal.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    init_tracing();
    let mut archive = args.data.open()?;
    if args.demo {
        ingest_demo(&mut archive)?;
    }
    let config = ServerConfig {
        public_url: args
            .public_url
            .as_deref()
            .map(|url| url.trim_end_matches('/').to_owned()),
        read_workers: args.workers.max(1),
        search_cache_pages: args.search_cache,
        search_cache_bytes: args.search_cache_mib.saturating_mul(1024 * 1024),
        backup_dir: args.backup_dir.clone(),
        read_burst: args.read_burst,
        reads_per_second: args.reads_per_second,
        ..ServerConfig::default()
    };
    let state = AppState::new(archive, config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let address = listener.local_addr()?;
        tracing::info!(%address, "serving http://{address}/");
        gazette_server::serve(listener, state, gazette_server::shutdown_signal()).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Logs to standard error; `RUST_LOG` filters (default: info).
fn init_tracing() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

fn ingest_demo(archive: &mut Archive) -> anyhow::Result<()> {
    if archive.reads().counts()?.issues > 0 {
        tracing::info!("--demo: the archive is not empty; the sample is not added");
        return Ok(());
    }
    match archive.ingest_bytes(SAMPLE_NAME, SAMPLE, &cli_actor())? {
        FileOutcome::Failed { message } => anyhow::bail!("the bundled sample: {message}"),
        outcome => tracing::info!(?outcome, "--demo: ingested the bundled sample issue"),
    }
    archive.catch_up()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_fills_an_empty_archive_once() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut archive = Archive::open(dir.path()).expect("open");
        ingest_demo(&mut archive).expect("first");
        ingest_demo(&mut archive).expect("second");
        let counts = archive.reads().counts().expect("counts");
        assert_eq!((counts.issues, counts.documents), (1, 6));
    }

    #[test]
    fn ipv6_addresses_parse() {
        let addr: SocketAddr = "[::]:8080".parse().expect("IPv6 address");
        assert!(addr.is_ipv6());
    }
}
