//! The query's words: keywords, parentheses, `-`, quoted phrases, bare
//! words and `field:value` terms, each with its character position.
//!
//! Not for: what the words mean together ([`super`]'s parser does that).

use crate::error::{Result, SearchError};

/// The fields a term may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldName {
    Title,
    Number,
    Issuer,
    Unit,
    Type,
    Year,
    Date,
    Status,
    Effective,
}

const FIELD_NAMES: [(&str, FieldName); 11] = [
    ("title", FieldName::Title),
    ("number", FieldName::Number),
    ("issuer", FieldName::Issuer),
    ("unit", FieldName::Unit),
    ("type", FieldName::Type),
    ("文种", FieldName::Type),
    ("year", FieldName::Year),
    ("date", FieldName::Date),
    ("status", FieldName::Status),
    ("effective", FieldName::Effective),
    ("施行日期", FieldName::Effective),
];

fn field_name(name: &str) -> Option<FieldName> {
    FIELD_NAMES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|&(_, field)| field)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    LParen,
    RParen,
    Or,
    And,
    Not,
    Minus,
    Word {
        text: String,
        quoted: bool,
    },
    Field {
        name: FieldName,
        value: String,
        value_pos: usize,
        quoted: bool,
    },
}

impl Tok {
    pub(super) fn describe(&self) -> String {
        match self {
            Tok::LParen => "'('".to_owned(),
            Tok::RParen => "')'".to_owned(),
            Tok::Or => "'OR'".to_owned(),
            Tok::And => "'AND'".to_owned(),
            Tok::Not => "'NOT'".to_owned(),
            Tok::Minus => "'-'".to_owned(),
            Tok::Word { text, .. } => format!("'{text}'"),
            Tok::Field { value, .. } => format!("'{value}'"),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Lexeme {
    pub(super) tok: Tok,
    pub(super) pos: usize,
}

pub(super) fn lex(chars: &[char]) -> Result<Vec<Lexeme>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    while let Some(&c) = chars.get(i) {
        let pos = i;
        let tok = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => {
                depth += 1;
                i += 1;
                Tok::LParen
            }
            ')' => {
                if depth == 0 {
                    return Err(SearchError::query("unmatched ')'", pos));
                }
                depth -= 1;
                i += 1;
                Tok::RParen
            }
            '"' => {
                let (text, next) = quoted(chars, i)?;
                i = next;
                Tok::Word { text, quoted: true }
            }
            '-' => match chars.get(i + 1) {
                Some(&n) if !n.is_whitespace() && n != ')' => {
                    i += 1;
                    Tok::Minus
                }
                _ => return Err(SearchError::query("'-' must be followed by a term", pos)),
            },
            _ => {
                let end = bare_word_end(chars, i);
                let word: String = chars[i..end].iter().collect();
                i = end;
                match word.as_str() {
                    "OR" => Tok::Or,
                    "AND" => Tok::And,
                    "NOT" => Tok::Not,
                    _ => match field_prefix(&word) {
                        Some(prefix) => field_token(chars, pos, prefix, &word, &mut i)?,
                        None => Tok::Word {
                            text: word,
                            quoted: false,
                        },
                    },
                }
            }
        };
        out.push(Lexeme { tok, pos });
    }
    Ok(out)
}

/// Reads a double-quoted phrase starting at `start` (the quote); returns
/// its text and the index after the closing quote.
fn quoted(chars: &[char], start: usize) -> Result<(String, usize)> {
    let body = start + 1;
    match chars
        .get(body..)
        .and_then(|rest| rest.iter().position(|&c| c == '"'))
    {
        Some(len) => Ok((chars[body..body + len].iter().collect(), body + len + 1)),
        None => Err(SearchError::query("unclosed quote", start)),
    }
}

/// The end of a bare word starting at `start`: whitespace, a quote, or a
/// `)` the word did not open itself ends it.
fn bare_word_end(chars: &[char], start: usize) -> usize {
    let mut own_parens = 0usize;
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        match c {
            c if c.is_whitespace() => break,
            '"' if i > start => break,
            '(' => own_parens += 1,
            ')' if own_parens == 0 => break,
            ')' => own_parens -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The `name` of a word `name:value` when the name is ASCII letters or a
/// known Chinese field name (施行日期).
fn field_prefix(word: &str) -> Option<&str> {
    let colon = word.find([':', '：'])?;
    let name = &word[..colon];
    let ascii = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic());
    let chinese = !name.is_ascii() && field_name(name).is_some();
    (ascii || chinese).then_some(name)
}

/// Builds the token of `name:value` starting at `pos`; reads a quoted value
/// that follows the colon, moving `next` past it.
fn field_token(
    chars: &[char],
    pos: usize,
    name: &str,
    word: &str,
    next: &mut usize,
) -> Result<Tok> {
    let Some(field) = field_name(name) else {
        let known: Vec<&str> = FIELD_NAMES.iter().map(|(n, _)| *n).collect();
        return Err(SearchError::query(
            format!("unknown field '{name}'; fields are {}", known.join(", ")),
            pos,
        ));
    };
    // Positions count characters; the colon is one.
    let name_chars = name.chars().count();
    let value_pos = pos + name_chars + 1;
    let value: String = word.chars().skip(name_chars + 1).collect();
    if !value.is_empty() {
        if value.starts_with('(') {
            return Err(SearchError::query(
                format!("'{name}:' takes one value; write {name}:a OR {name}:b instead of a group"),
                value_pos,
            ));
        }
        return Ok(Tok::Field {
            name: field,
            value,
            value_pos,
            quoted: false,
        });
    }
    if chars.get(value_pos) == Some(&'"') {
        let (value, after) = quoted(chars, value_pos)?;
        *next = after;
        return Ok(Tok::Field {
            name: field,
            value,
            value_pos,
            quoted: true,
        });
    }
    Err(SearchError::query(
        format!("'{name}:' needs a value"),
        value_pos,
    ))
}
