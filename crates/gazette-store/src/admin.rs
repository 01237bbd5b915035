//! What the store keeps beside the documents for the people who run an
//! archive: corrections of parsed fields, API tokens and the audit log.
//!
//! These are plain records, the same for every backend. The store does not
//! make tokens, check them or decide who may write: it keeps a token's name,
//! scope and SHA-256 hash (never the token) and looks tokens up by hash. It
//! does not check that a correction makes sense either: callers validate
//! the field and the value first.

use serde::Serialize;

/// A correction of one parsed field of a document. The document as parsed
/// from the published text stays as it is; corrections sit beside it, in
/// recording order, and the latest one of a field wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The field corrected: `title`, `date`, `doc_number`, `doc_type` …
    pub field: String,
    /// The value as parsed from the published text, `None` when there was
    /// none.
    pub original: Option<String>,
    /// The corrected value.
    pub corrected: String,
    /// Why, in the recorder's words.
    pub reason: Option<String>,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was recorded (RFC 3339, UTC).
    pub recorded_at: String,
}

/// What an API token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    /// Ingest issues, record statuses and corrections.
    Write,
    /// Everything `write` allows, and reading the audit log.
    Admin,
}

impl TokenScope {
    /// The stable code: `write` or `admin`.
    pub fn code(self) -> &'static str {
        match self {
            TokenScope::Write => "write",
            TokenScope::Admin => "admin",
        }
    }

    /// Reads a code written by [`TokenScope::code`].
    pub fn parse(code: &str) -> Option<TokenScope> {
        [TokenScope::Write, TokenScope::Admin]
            .into_iter()
            .find(|scope| scope.code() == code.trim())
    }

    /// Whether a token of this scope may do what `needed` allows.
    pub fn allows(self, needed: TokenScope) -> bool {
        self >= needed
    }
}

/// A token to store.
#[derive(Debug, Clone, Copy)]
pub struct NewToken<'a> {
    /// Its name, unique among tokens not revoked.
    pub name: &'a str,
    /// What it allows.
    pub scope: TokenScope,
    /// SHA-256 of the token, lowercase hex.
    pub hash: &'a str,
    /// When it was made (RFC 3339, UTC).
    pub created_at: &'a str,
}

/// A stored token, without its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenRecord {
    /// Its name.
    pub name: String,
    /// What it allows.
    pub scope: TokenScope,
    /// When it was made.
    pub created_at: String,
    /// When it was revoked, `None` while it is valid.
    pub revoked_at: Option<String>,
}

/// An entry to append to the audit log.
#[derive(Debug, Clone)]
pub struct NewAuditEntry<'a> {
    /// When it happened (RFC 3339, UTC).
    pub at: &'a str,
    /// Who did it: a token's name, or `cli:` and a user name.
    pub actor: &'a str,
    /// What was done: `ingest`, `status`, `correction`, `token_create` …
    pub action: &'a str,
    /// What it was done to: a document id, an issue id, a token name.
    pub target: &'a str,
    /// More about it, as JSON.
    pub detail: Option<serde_json::Value>,
}

/// Who made a write, for the audit entry the store records with it.
///
/// [`crate::Store::add_issue`], [`crate::Store::record_status`],
/// [`crate::Store::record_correction`], [`crate::Store::add_token`] and
/// [`crate::Store::revoke_token`] take one and insert the audit entry
/// in the write's own transaction: the write and its entry are stored
/// together or not at all. The store names the action and its target
/// itself ([`WriteAudit::INGEST`] and the new issue's id,
/// [`WriteAudit::STATUS`] or [`WriteAudit::CORRECTION`] and the document's
/// id, [`WriteAudit::TOKEN_CREATE`] or [`WriteAudit::TOKEN_REVOKE`] and the
/// token's name), since only the store knows the id an ingest gets.
#[derive(Debug, Clone)]
pub struct WriteAudit<'a> {
    /// When it happened (RFC 3339, UTC).
    pub at: &'a str,
    /// Who did it: a token's name, or `cli:` and a user name.
    pub actor: &'a str,
    /// More about it, as JSON.
    pub detail: Option<serde_json::Value>,
}

impl WriteAudit<'_> {
    /// The action of an issue added; its target is the issue id.
    pub const INGEST: &'static str = "ingest";
    /// The action of a status change; its target is the document id.
    pub const STATUS: &'static str = "status";
    /// The action of a correction; its target is the document id.
    pub const CORRECTION: &'static str = "correction";
    /// The action of an issue's publication (gazette, 期号, date) set
    /// anew; its target is the issue id.
    pub const PUBLICATION: &'static str = "publication";
    /// The action of a token made; its target is the token's name.
    pub const TOKEN_CREATE: &'static str = "token_create";
    /// The action of a token revoked; its target is the token's name.
    pub const TOKEN_REVOKE: &'static str = "token_revoke";

    /// The audit log entry of this write: `action` done to `target`.
    pub fn entry<'e>(&'e self, action: &'e str, target: &'e str) -> NewAuditEntry<'e> {
        NewAuditEntry {
            at: self.at,
            actor: self.actor,
            action,
            target,
            detail: self.detail.clone(),
        }
    }
}

/// An entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Position in the log, from 1; only grows.
    pub seq: i64,
    /// When it happened.
    pub at: String,
    /// Who did it.
    pub actor: String,
    /// What was done.
    pub action: String,
    /// What it was done to.
    pub target: String,
    /// More about it.
    pub detail: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_back_their_codes_and_admin_allows_write() {
        for scope in [TokenScope::Write, TokenScope::Admin] {
            assert_eq!(TokenScope::parse(scope.code()), Some(scope));
        }
        assert_eq!(TokenScope::parse("root"), None);
        assert!(TokenScope::Admin.allows(TokenScope::Write));
        assert!(TokenScope::Admin.allows(TokenScope::Admin));
        assert!(TokenScope::Write.allows(TokenScope::Write));
        assert!(!TokenScope::Write.allows(TokenScope::Admin));
    }
}
