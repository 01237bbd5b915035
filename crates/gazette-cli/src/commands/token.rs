//! `gazette token create --name N [--scope write|admin]`, `gazette token
//! list`, `gazette token revoke N`: API tokens for writes through the
//! server. A token is printed once, when made; the archive keeps only its
//! SHA-256. Creating and revoking land in the audit log. These open the
//! archive's store only, so they work while `gazette serve` runs.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use gazette_archive::types::TokenScope;

use super::{cli_actor, emit, DataArgs};

/// Arguments of `gazette token`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Make a token and print it (once).
    Create {
        /// A name for the token: who uses it (shown in the audit log).
        #[arg(long)]
        name: String,
        /// `write` (ingest, status, corrections) or `admin` (also the audit log).
        #[arg(long, default_value = "write", value_parser = parse_scope)]
        scope: TokenScope,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the tokens (names, scopes, dates; never the tokens).
    List {
        #[command(flatten)]
        data: DataArgs,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token by name.
    Revoke {
        /// The token's name.
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn parse_scope(text: &str) -> Result<TokenScope, String> {
    TokenScope::parse(text).ok_or_else(|| format!("unknown scope “{text}”; write or admin"))
}

/// Runs the subcommand.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match &args.command {
        TokenCommand::Create { name, scope, data } => {
            let token = data
                .open_admin()?
                .create_token(name, *scope, &cli_actor())
                .with_context(|| format!("creating the token “{name}”"))?;
            eprintln!(
                "token “{name}” ({}) created; it is shown once, store it now:",
                scope.code()
            );
            emit(&format!("{token}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        TokenCommand::List { data, json } => {
            let tokens = data.open_admin()?.tokens()?;
            if *json {
                emit(&format!("{}\n", serde_json::to_string_pretty(&tokens)?))?;
                return Ok(ExitCode::SUCCESS);
            }
            if tokens.is_empty() {
                emit("no tokens\n")?;
            }
            for token in tokens {
                let state = token
                    .revoked_at
                    .map(|at| format!("revoked {at}"))
                    .unwrap_or_else(|| "valid".to_owned());
                emit(&format!(
                    "{}\t{}\tcreated {}\t{state}\n",
                    token.name,
                    token.scope.code(),
                    token.created_at
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        TokenCommand::Revoke { name, data } => {
            if data.open_admin()?.revoke_token(name, &cli_actor())? {
                emit(&format!("token “{name}” revoked\n"))?;
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("error: no valid token named “{name}”");
                Ok(ExitCode::FAILURE)
            }
        }
    }
}
