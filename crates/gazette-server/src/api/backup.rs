//! `POST /api/v1/admin/backup` (admin scope): a consistent copy of the
//! archive's store, made while the server goes on serving (issue 14,
//! finding 15), as `gazette backup` makes it.
//!
//! The copy goes to a new file in the configured backup directory
//! (`backups/` in the data directory unless set), named after the time
//! (`archive-20240501-080000-123.sqlite`); the client names no path, so a
//! token cannot make the server write anywhere else. It is made with a
//! store connection of its own, off the reader pools and the writer, one
//! backup at a time (409 while another runs), and recorded in the audit
//! log. The derived indexes are not copied: an archive restored from the
//! copy rebuilds them at its first open.

use std::path::Path;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use gazette_archive::types::{NewAuditEntry, TokenScope};
use serde_json::json;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/admin/backup", post(backup))
}

async fn backup(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    caller.authorize(&state, TokenScope::Admin)?;
    let Some(_turn) = state.backup_turn() else {
        return Err(ApiError::conflict(
            "a backup is running; retry when it is done",
        ));
    };
    let Some(data_dir) = state.data_dir().map(Path::to_path_buf) else {
        return Err(ApiError::conflict(
            "the archive is in memory: it has no store file to back up",
        ));
    };
    let dir = state
        .config()
        .backup_dir
        .clone()
        .unwrap_or_else(|| data_dir.join("backups"));
    let name = format!("archive-{}.sqlite", Utc::now().format("%Y%m%d-%H%M%S-%3f"));
    let dest = dir.join(&name);
    let summary = tokio::task::spawn_blocking(move || gazette_archive::backup(&data_dir, &dest))
        .await
        .map_err(ApiError::internal)??;
    let detail = json!({
        "bytes": summary.bytes,
        "last_seq": summary.last_seq,
        "store_id": summary.store_id,
    });
    let target = name.clone();
    state
        .write(move |archive| {
            archive.append_audit(&NewAuditEntry {
                at: &gazette_archive::now(),
                actor: &caller.name,
                action: "backup",
                target: &target,
                detail: Some(detail),
            })?;
            Ok(())
        })
        .await?;
    let body = json!({
        "file": name,
        "path": summary.path,
        "bytes": summary.bytes,
        "store_id": summary.store_id,
        "last_seq": summary.last_seq,
        "issues": summary.counts.issues,
        "documents": summary.counts.documents,
        "indexes": "not copied: an archive restored from this file rebuilds them at its first open",
    });
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
