//! [`AdminStore`]: an archive's tokens and audit log, with the store alone
//! — making, listing and revoking API tokens, reading the audit log — and
//! what a token is ([`generate_token`], [`token_hash`]).
//!
//! A token is `gzt_` and 64 hex digits of randomness from the operating
//! system. It is shown once, when made; the archive keeps only its
//! SHA-256, and a face hashes the token it is given to look it up (the
//! server through a [`crate::TokenSet`]). Both faces take these rules
//! from here, so `gazette token create` and the server agree on what a
//! token is. Making or revoking one lands in the audit log in its own
//! store transaction. An [`AdminStore`] opens the store without its
//! indexes, so it works while another process (a server) has the archive
//! open; a server notices the change at its next request.
//!
//! This module does not decide which operation needs which scope.

use std::path::Path;

use gazette_store_sqlite::SqliteStore;

use crate::StoreLocation;
use gazette_store::{AuditEntry, NewToken, Store, StoreError, TokenRecord, TokenScope, WriteAudit};
use sha2::{Digest, Sha256};

use crate::{ArchiveError, Result};

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

/// The tokens and audit log of an archive, through its store alone.
pub struct AdminStore {
    store: Box<dyn Store>,
}

impl AdminStore {
    /// The store of the archive in `dir` (created if needed), without its
    /// indexes: unlike [`crate::Archive::open`], it works while another
    /// process has the archive open.
    pub fn open(dir: &Path) -> Result<AdminStore> {
        std::fs::create_dir_all(dir).map_err(|source| ArchiveError::DataDir {
            path: dir.to_path_buf(),
            source,
        })?;
        AdminStore::at(&crate::store_path(dir))
    }

    /// The admin store of the store at `location` (created if needed),
    /// without the archive's indexes.
    pub fn open_at(location: &StoreLocation) -> Result<AdminStore> {
        Ok(AdminStore::over(location.open()?))
    }

    /// The admin store of the store database at `path` (a file or a
    /// `memdb` URI).
    pub(crate) fn at(path: &Path) -> Result<AdminStore> {
        Ok(AdminStore::over(Box::new(SqliteStore::open(path)?)))
    }

    /// The admin store over a store connection of its own.
    pub fn over(store: Box<dyn Store>) -> AdminStore {
        AdminStore { store }
    }

    /// Makes a token named `name`, stores its hash with its audit entry
    /// (done by `actor`) in one transaction, and returns the token (the
    /// only time it is seen).
    pub fn create_token(
        &mut self,
        name: &str,
        scope: TokenScope,
        actor: &str,
    ) -> Result<String, TokenError> {
        check_name(name)?;
        let token = generate_token()?;
        let at = crate::now();
        let audit = WriteAudit {
            at: &at,
            actor,
            detail: Some(serde_json::json!({ "scope": scope.code() })),
        };
        self.store.add_token(
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
    pub fn revoke_token(&mut self, name: &str, actor: &str) -> Result<bool, TokenError> {
        let at = crate::now();
        let audit = WriteAudit {
            at: &at,
            actor,
            detail: None,
        };
        Ok(self.store.revoke_token(name, &at, Some(&audit))?)
    }

    /// Every token, valid or revoked (never the tokens themselves).
    pub fn tokens(&self) -> Result<Vec<TokenRecord>> {
        Ok(self.store.tokens()?)
    }

    /// At most `limit` entries of the audit log after position `after`.
    pub fn audit_log(&self, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(self.store.audit_log(after, limit)?)
    }
}

fn check_name(name: &str) -> Result<(), TokenError> {
    let length = name.chars().count();
    let clean = !name.chars().any(|c| c.is_whitespace() || c.is_control());
    if length == 0 || length > MAX_NAME_CHARS || !clean {
        return Err(TokenError::BadName);
    }
    Ok(())
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
    fn names_are_checked() {
        assert!(check_name("ci-bot").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("two words").is_err());
        assert!(check_name(&"x".repeat(65)).is_err());
    }
}
