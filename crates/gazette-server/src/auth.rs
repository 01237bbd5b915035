//! API tokens, checked on writes.
//!
//! What a token is, and making and revoking one, are the archive's
//! ([`gazette_archive::AdminStore`], [`gazette_archive::token_hash`]), so
//! the CLI and the server agree on them; a token made or revoked while the
//! server runs takes effect at its next request. A request's bearer token
//! is hashed and looked up in a [`gazette_archive::TokenSet`] in memory,
//! which notices every change, never in a reader of the public pool (a
//! write must not wait for, or fail with, busy reads). Reads are public; a
//! write needs a [`Caller`] with the right [`TokenScope`] and is rate
//! limited per token. This module does not decide which routes need which
//! scope: the handlers do.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use gazette_archive::token_hash;
use gazette_archive::types::TokenScope;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

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
    fn bearer_credentials_are_read_case_insensitively() {
        assert_eq!(bearer("Bearer gzt_1"), Some("gzt_1"));
        assert_eq!(bearer("bearer  gzt_1 "), Some("gzt_1"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer"), None);
        assert_eq!(bearer("Bearer "), None);
    }
}
