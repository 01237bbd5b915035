//! API tokens: making them, and checking them on writes.
//!
//! A token is `gzt_` and 64 hex digits of randomness from the operating
//! system. It is shown once, when made; the archive keeps only its SHA-256,
//! and a request's bearer token is hashed and looked up. Reads are public;
//! a write needs a [`Caller`] with the right [`TokenScope`] and is rate
//! limited per token.
//!
//! Making and revoking tokens (for `gazette token`) lives here too, so the
//! CLI and the server agree on what a token is; each lands in the audit
//! log in its own store transaction. They work on the archive's store
//! alone ([`gazette_archive::open_store`]), so a token can be made or
//! revoked while a server runs, and takes effect at its next request: the
//! server checks tokens against a [`gazette_archive::TokenSet`] in memory,
//! which notices every change, never against a reader of the public pool
//! (a write must not wait for, or fail with, busy reads). This module
//! does not decide which routes need which scope: the handlers do.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use chrono::{SecondsFormat, Utc};
pub use gazette_store::{AuditEntry, TokenRecord, TokenScope};
use gazette_store::{NewToken, Store, StoreError, WriteAudit};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// What every token starts with, so a leaked one is easy to recognise.
pub const TOKEN_PREFIX: &str = "gzt_";

/// Longest token name.
const MAX_NAME_CHARS: usize = 64;

/// Why a token could not be made or revoked.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The operating system gave no randomness.
    #[error("no randomness from the operating system: {0}")]
    Random(getrandom::Error),
    /// The name is empty, too long or has spaces or control characters.
    #[error(
        "a token name is 1 to {MAX_NAME_CHARS} characters without spaces or control characters"
    )]
    BadName,
    /// The store failed, or the name is taken.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The current time as the archive writes it.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A new random token.
pub fn generate_token() -> Result<String, TokenError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(TokenError::Random)?;
    Ok(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)))
}

/// The SHA-256 of a token, lowercase hex, as the archive stores it.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Makes a token named `name`, stores its hash with its audit entry (done
/// by `actor`) in one transaction, and returns the token (the only time it
/// is seen).
pub fn create_token(
    store: &mut dyn Store,
    name: &str,
    scope: TokenScope,
    actor: &str,
) -> Result<String, TokenError> {
    check_name(name)?;
    let token = generate_token()?;
    let at = now();
    let audit = WriteAudit {
        at: &at,
        actor,
        detail: Some(serde_json::json!({ "scope": scope.code() })),
    };
    store.add_token(
        &NewToken {
            name,
            scope,
            hash: &token_hash(&token),
            created_at: &at,
        },
        Some(&audit),
    )?;
    Ok(token)
}

/// Revokes the valid token named `name` with its audit entry (done by
/// `actor`) in one transaction; `false` when there is no such token.
pub fn revoke_token(store: &mut dyn Store, name: &str, actor: &str) -> Result<bool, TokenError> {
    let at = now();
    let audit = WriteAudit {
        at: &at,
        actor,
        detail: None,
    };
    Ok(store.revoke_token(name, &at, Some(&audit))?)
}

fn check_name(name: &str) -> Result<(), TokenError> {
    let length = name.chars().count();
    let clean = !name.chars().any(|c| c.is_whitespace() || c.is_control());
    if length == 0 || length > MAX_NAME_CHARS || !clean {
        return Err(TokenError::BadName);
    }
    Ok(())
}

/// The holder of a valid token, extracted from `Authorization: Bearer …`.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The token's name: who, in the audit log.
    pub name: String,
    /// What the token allows.
    pub scope: TokenScope,
}

impl Caller {
    /// Checks that the token allows `needed` (403) and that it has a write
    /// left in its bucket (429).
    pub fn authorize(&self, state: &AppState, needed: TokenScope) -> ApiResult<()> {
        if !self.scope.allows(needed) {
            return Err(ApiError::forbidden(needed.code()));
        }
        state
            .limiter()
            .check(&self.name)
            .map_err(ApiError::rate_limited)
    }

    /// Checks the scope only, for reads that need one (the audit log).
    pub fn require(&self, needed: TokenScope) -> ApiResult<()> {
        if self.scope.allows(needed) {
            Ok(())
        } else {
            Err(ApiError::forbidden(needed.code()))
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Caller> {
        let Some(value) = parts.headers.get(AUTHORIZATION) else {
            return Err(ApiError::unauthorized(
                "this needs a token: Authorization: Bearer <token>",
                false,
            ));
        };
        let token = value.to_str().ok().and_then(bearer).ok_or_else(|| {
            ApiError::unauthorized("the Authorization header is not Bearer <token>", true)
        })?;
        let record = state.check_token(token_hash(token)).await?;
        match record {
            Some(record) => Ok(Caller {
                name: record.name,
                scope: record.scope,
            }),
            _ => Err(ApiError::unauthorized(
                "the token is unknown or revoked",
                true,
            )),
        }
    }
}

/// The token of a `Bearer` credential (the scheme is case-insensitive).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_prefixed_and_hashed_as_sha256() {
        let a = generate_token().expect("randomness");
        let b = generate_token().expect("randomness");
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 64);
        // printf abc | sha256sum
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn bearer_credentials_are_read_case_insensitively() {
        assert_eq!(bearer("Bearer gzt_1"), Some("gzt_1"));
        assert_eq!(bearer("bearer  gzt_1 "), Some("gzt_1"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer"), None);
        assert_eq!(bearer("Bearer "), None);
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("ci-bot").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("two words").is_err());
        assert!(check_name(&"x".repeat(65)).is_err());
    }
}
