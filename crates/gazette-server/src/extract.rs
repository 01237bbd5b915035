//! Extractors whose rejections are problems: query strings and path
//! parameters that do not parse are a 400 in problem JSON, like every
//! other error, not axum's plain-text rejection.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ErrorCode};

/// The query string, deserialized into `T`.
#[derive(Debug, Clone)]
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(value)| Params(value))
            .map_err(|rejection| ApiError::new(ErrorCode::BadParameter, rejection.body_text()))
    }
}

/// The one path parameter of a route (`{id}`), percent-decoded.
#[derive(Debug, Clone)]
pub struct Key(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Key {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(key)| Key(key))
            .map_err(|rejection| ApiError::new(ErrorCode::BadId, rejection.body_text()))
    }
}
