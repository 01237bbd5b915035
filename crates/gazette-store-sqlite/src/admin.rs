//! The SQL of corrections, API tokens and the audit log (schema version 2).
//!
//! Each write is one transaction, which holds its audit entry too when
//! given one (a correction, a token made or revoked).
//! The audit log is append-only in the database itself: triggers refuse
//! any UPDATE or DELETE of its rows.

use gazette_store::rows;
use gazette_store::{
    AuditEntry, Correction, NewAuditEntry, NewToken, StoreError, TokenRecord, WriteAudit,
};
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, Row, TransactionBehavior};

use crate::SqlResult as Result;

/// A document's corrections; see [`crate::Store::corrections`].
pub(super) fn corrections(conn: &Connection, key: &str) -> Result<Vec<Correction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT field, original, corrected, reason, recorded_by, recorded_at FROM corrections \
         WHERE document_id = (SELECT id FROM documents WHERE id = ?1 OR slug = ?1) \
         ORDER BY seq",
    )?;
    let rows = stmt.query_map([key], |row| {
        Ok(Correction {
            field: row.get(0)?,
            original: row.get(1)?,
            corrected: row.get(2)?,
            reason: row.get(3)?,
            recorded_by: row.get(4)?,
            recorded_at: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a token, with its audit entry; see [`crate::Store::add_token`].
pub(super) fn add_token(
    conn: &mut Connection,
    token: &NewToken<'_>,
    audit: Option<&WriteAudit<'_>>,
) -> Result<TokenRecord> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO api_tokens (name, scope, hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            token.name,
            token.scope.code(),
            token.hash,
            token.created_at
        ]);
    match inserted {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(error, _))
            if error.code == ErrorCode::ConstraintViolation =>
        {
            return Err(StoreError::token_exists(token.name).into());
        }
        Err(other) => return Err(other.into()),
    }
    if let Some(audit) = audit {
        insert_audit(&tx, &audit.entry(WriteAudit::TOKEN_CREATE, token.name))?;
    }
    tx.commit()?;
    Ok(TokenRecord {
        name: token.name.to_owned(),
        scope: token.scope,
        created_at: token.created_at.to_owned(),
        revoked_at: None,
    })
}

/// Every token; see [`crate::Store::tokens`].
pub(super) fn tokens(conn: &Connection) -> Result<Vec<TokenRecord>> {
    let mut stmt = conn
        .prepare_cached("SELECT name, scope, created_at, revoked_at FROM api_tokens ORDER BY id")?;
    let rows = stmt
        .query_map([], token_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(token_record).collect()
}

/// The token with this hash; see [`crate::Store::token_by_hash`].
pub(super) fn token_by_hash(conn: &Connection, hash: &str) -> Result<Option<TokenRecord>> {
    let row = conn
        .prepare_cached(
            "SELECT name, scope, created_at, revoked_at FROM api_tokens WHERE hash = ?1",
        )?
        .query_row([hash], token_row)
        .optional()?;
    row.map(token_record).transpose()
}

/// The valid tokens with their hashes; see [`crate::Store::valid_tokens`].
pub(super) fn valid_tokens(conn: &Connection) -> Result<Vec<(String, TokenRecord)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, scope, created_at, revoked_at, hash FROM api_tokens \
         WHERE revoked_at IS NULL ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |row| Ok((row.get::<_, String>(4)?, token_row(row)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(hash, row)| Ok((hash, token_record(row)?)))
        .collect()
}

/// See [`crate::Store::tokens_version`]: tokens are never deleted, so the
/// rows plus the revoked rows grow with every addition and revocation.
pub(super) fn tokens_version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) + COUNT(revoked_at) FROM api_tokens")?
        .query_row([], |row| row.get(0))?)
}

/// Revokes a token, with its audit entry; see
/// [`crate::Store::revoke_token`].
pub(super) fn revoke_token(
    conn: &mut Connection,
    name: &str,
    at: &str,
    audit: Option<&WriteAudit<'_>>,
) -> Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let changed = tx
        .prepare_cached(
            "UPDATE api_tokens SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
        )?
        .execute(params![name, at])?;
    if changed == 0 {
        return Ok(false);
    }
    if let Some(audit) = audit {
        insert_audit(&tx, &audit.entry(WriteAudit::TOKEN_REVOKE, name))?;
    }
    tx.commit()?;
    Ok(true)
}

/// Appends to the audit log; see [`crate::Store::append_audit`].
pub(super) fn append_audit(conn: &mut Connection, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
    insert_audit(conn, entry)
}

/// Inserts an audit entry with `conn`, inside whatever transaction it is
/// in (a write's own, for [`WriteAudit`]).
pub(super) fn insert_audit(conn: &Connection, entry: &NewAuditEntry<'_>) -> Result<AuditEntry> {
    let detail = entry.detail.as_ref().map(|d| d.to_string());
    let seq: i64 = conn
        .prepare_cached(
            "INSERT INTO audit_log (at, actor, action, target, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING seq",
        )?
        .query_row(
            params![entry.at, entry.actor, entry.action, entry.target, detail],
            |row| row.get(0),
        )?;
    Ok(AuditEntry {
        seq,
        at: entry.at.to_owned(),
        actor: entry.actor.to_owned(),
        action: entry.action.to_owned(),
        target: entry.target.to_owned(),
        detail: entry.detail.clone(),
    })
}

/// Entries of the audit log; see [`crate::Store::audit_log`].
pub(super) fn audit_log(conn: &Connection, after: i64, limit: usize) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, action, target, detail FROM audit_log \
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![after, crate::sql_int(limit)], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(seq, at, actor, action, target, detail)| {
            Ok(rows::audit_entry(seq, at, actor, action, target, detail)?)
        })
        .collect()
}

/// A token row before its scope code is read.
struct TokenRow {
    name: String,
    scope: String,
    created_at: String,
    revoked_at: Option<String>,
}

fn token_row(row: &Row<'_>) -> rusqlite::Result<TokenRow> {
    Ok(TokenRow {
        name: row.get(0)?,
        scope: row.get(1)?,
        created_at: row.get(2)?,
        revoked_at: row.get(3)?,
    })
}

fn token_record(row: TokenRow) -> Result<TokenRecord> {
    Ok(rows::token_record(
        row.name,
        &row.scope,
        row.created_at,
        row.revoked_at,
    )?)
}
