//! [`InvalidInput`]: what a person asked for that the archive cannot use —
//! a field that cannot be corrected, a value that is not one, a list
//! parameter or a cursor that is malformed — and the checks both faces
//! share for free text they pass in ([`note`], [`day`]).
//!
//! Each variant is the face's cue: the server answers it 400 with a code
//! of its own per variant, the CLI prints the message. The message names
//! the parameter or value, for a person; it never says how to spell it in
//! a URL or a flag, which is the face's business.

use chrono::NaiveDate;

/// Longest note (a reason, the document that made a change), in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// Why a request's input cannot be used; the message is for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidInput {
    /// A field that cannot be corrected.
    #[error("{0}")]
    Field(String),
    /// A value that cannot be used (a corrected value, a note).
    #[error("{0}")]
    Value(String),
    /// A parameter of a list or a read that is malformed.
    #[error("{0}")]
    Parameter(String),
    /// A cursor that is not one, or was made for another query or order.
    #[error("{0}")]
    Cursor(String),
}

/// An optional note, trimmed (blank is none); [`InvalidInput::Value`]
/// naming it `name` when longer than [`MAX_NOTE_CHARS`] or holding
/// control characters.
pub fn note(name: &str, value: Option<String>) -> Result<Option<String>, InvalidInput> {
    let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    if let Some(v) = &value {
        if v.chars().count() > MAX_NOTE_CHARS || v.chars().any(char::is_control) {
            return Err(InvalidInput::Value(format!(
                "{name} must be at most {MAX_NOTE_CHARS} characters, without control characters"
            )));
        }
    }
    Ok(value)
}

/// `value` as a day (YYYY-MM-DD); [`InvalidInput::Parameter`] naming
/// `name` if not.
pub fn day(name: &str, value: &str) -> Result<NaiveDate, InvalidInput> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        InvalidInput::Parameter(format!("{name} “{value}” is not a date (YYYY-MM-DD)"))
    })
}
