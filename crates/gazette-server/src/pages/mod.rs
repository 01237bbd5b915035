//! The web pages: server-rendered HTML with maud, which escapes every
//! interpolation; nothing from a document is ever written unescaped.
//!
//! - `/`: search box, latest documents and issues, counts by year, issuer
//!   and type;
//! - `/search?q=…&start=…`: results with highlighted snippets, facet
//!   links, paging — every state is a plain GET URL;
//! - `/documents/{id}`: one document with its status, outline, body,
//!   tables, attachments, references and corrections;
//! - `/gazettes`, `/gazettes/{slug}/{year}`, `/gazettes/{slug}/{year}/{number}`:
//!   刊 → 年 → 期 → 目录, with the 期号 missing from the archive;
//! - `/issues`, `/issues/{id}`: issues and their tables of contents;
//! - `/units`, `/units/{unit}`: responsible units and their tasks;
//! - `/people`, `/people/{name}`: people appointed or removed, histories;
//! - `/calendar?document=&unit=`: deadlines, with the iCalendar file;
//! - `/provisions?subject=&as_of=`: quantitative provisions as of a day;
//! - `/review`: statuses derived from the archive's texts that no editor
//!   has confirmed;
//! - `/ledger`: the normative-document ledger (规范性文件台账) by issuing
//!   body, with the list of issuing bodies and the CSV and JSON exports.
//!
//! Pages work without JavaScript (the one script only adds a keyboard
//! shortcut) and without inline styles or scripts, as the
//! Content-Security-Policy demands. Errors of every route outside the API
//! are turned into HTML pages here ([`html_errors`]).

mod body;
mod calendar;
mod document;
mod gazettes;
mod home;
mod interpretation;
mod issues;
mod layout;
mod ledger;
mod linked;
mod people;
mod provisions;
mod review;
mod search;
mod units;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::Markup;

use crate::error::Problem;
use crate::state::AppState;

/// The routes of the pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/search", get(search::search))
        .route("/documents/{id}", get(document::document))
        .route("/gazettes", get(gazettes::list))
        .route("/gazettes/{slug}/{year}", get(gazettes::year))
        .route("/gazettes/{slug}/{year}/{number}", get(gazettes::issue))
        .route("/issues", get(issues::list))
        .route("/issues/{id}", get(issues::issue))
        .route("/units", get(units::list))
        .route("/units/{unit}", get(units::unit))
        .route("/people", get(people::list))
        .route("/people/{name}", get(people::person))
        .route("/calendar", get(calendar::calendar))
        .route("/provisions", get(provisions::provisions))
        .route("/review", get(review::review))
        .route("/ledger", get(ledger::ledger))
}

/// An HTML response.
fn html(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        markup.into_string(),
    )
        .into_response()
}

/// Whether a path is served as JSON or XML rather than as a page.
fn is_machine_path(path: &str) -> bool {
    path.starts_with("/api/")
        || path == "/feed.atom"
        || path == "/healthz"
        || path.starts_with("/assets/")
}

/// Turns problem responses of page routes into HTML error pages with the
/// same status and headers (Retry-After …).
pub async fn html_errors(request: Request, next: Next) -> Response {
    let machine = is_machine_path(request.uri().path());
    let response = next.run(request).await;
    if machine {
        return response;
    }
    let Some(problem) = response.extensions().get::<Problem>().cloned() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let page = html(parts.status, layout::error_page(&problem));
    let (page_parts, body) = page.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Some(kind) = page_parts.headers.get(header::CONTENT_TYPE) {
        parts.headers.insert(header::CONTENT_TYPE, kind.clone());
    }
    Response::from_parts(parts, body)
}
