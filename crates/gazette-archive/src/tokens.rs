//! [`TokenSet`]: the valid API tokens, in memory, for a server to check a
//! request's token without waiting for a reader of the archive (issue 14,
//! finding 10).
//!
//! The set has a store connection of its own. Before each check it asks
//! the store for its tokens' version ([`gazette_store::Store::tokens_version`],
//! one small query) and reads the valid tokens again only when a token was
//! made or revoked since, by this process or another (`gazette token`
//! beside a running server): a new token works, and a revoked one stops
//! working, at the next request. It does not make or revoke tokens.

use std::collections::HashMap;
use std::path::Path;

use gazette_store::{Store, TokenRecord};
use gazette_store_sqlite::SqliteStore;

use crate::Result;

/// The valid tokens of an archive by hash, kept up to date with the store.
pub struct TokenSet {
    store: Box<dyn Store>,
    /// The tokens' version `valid` was read at; `None` before the first read.
    version: Option<i64>,
    valid: HashMap<String, TokenRecord>,
}

impl TokenSet {
    /// The token set of the archive in `dir`, read from its store.
    pub fn open(dir: &Path) -> Result<TokenSet> {
        TokenSet::at(&crate::store_path(dir))
    }

    /// The token set of the store database at `path` (a file or a `memdb`
    /// URI).
    pub(crate) fn at(path: &Path) -> Result<TokenSet> {
        TokenSet::over(Box::new(SqliteStore::open(path)?))
    }

    /// The token set of `store`.
    pub fn over(store: Box<dyn Store>) -> Result<TokenSet> {
        let mut set = TokenSet {
            store,
            version: None,
            valid: HashMap::new(),
        };
        set.refresh()?;
        Ok(set)
    }

    /// The valid token whose SHA-256 (lowercase hex) is `hash`; `None` for
    /// an unknown or revoked one.
    pub fn check(&mut self, hash: &str) -> Result<Option<TokenRecord>> {
        self.refresh()?;
        Ok(self.valid.get(hash).cloned())
    }

    /// Reads the valid tokens again if any was made or revoked since.
    fn refresh(&mut self) -> Result<()> {
        let version = self.store.tokens_version()?;
        if self.version != Some(version) {
            self.valid = self.store.valid_tokens()?.into_iter().collect();
            self.version = Some(version);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use gazette_store::{NewToken, TokenScope};

    use super::*;

    fn token<'a>(name: &'a str, hash: &'a str) -> NewToken<'a> {
        NewToken {
            name,
            scope: TokenScope::Write,
            hash,
            created_at: "2024-05-01T08:00:00Z",
        }
    }

    #[test]
    fn tokens_made_or_revoked_by_another_connection_count_at_the_next_check() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut set = TokenSet::open(dir.path()).expect("set");
        assert_eq!(set.check("aa").expect("check"), None);
        let mut other = SqliteStore::open(&crate::store_path(dir.path())).expect("store");
        other.add_token(&token("ci", "aa"), None).expect("add");
        let found = set.check("aa").expect("check").expect("valid now");
        assert_eq!(found.name, "ci");
        other
            .revoke_token("ci", "2024-05-02T08:00:00Z", None)
            .expect("revoke");
        assert_eq!(set.check("aa").expect("check"), None, "revoked");
    }
}
