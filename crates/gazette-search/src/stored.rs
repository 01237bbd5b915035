//! What a hit reads back from the index's document store: its stored
//! values ([`StoredValues`]) and the sections of its body, kept in one text
//! value ([`encode_sections`], [`sections`]).
//!
//! A page of hits reads twenty documents, and all a hit needs of the body
//! is the first section that matches. Kept as one value, the sections cost
//! one allocation to read; as values of their own, three each. (A bytes
//! value would spare the UTF-8 check, but tantivy reads one a byte at a
//! time.)
//!
//! The sections' form: for each section in order, its id, heading path
//! (titles joined by [`PATH_SEPARATOR`](crate::schema::PATH_SEPARATOR))
//! and text, each as its length in bytes (decimal digits), `:` and the
//! text.
//!
//! Not for: what is indexed (`doc`), or finding the match (`snippet`).

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};

use crate::doc::{join_path, IndexSection};

/// A stored document's values, in the order they were added.
#[derive(Debug)]
pub(crate) struct StoredValues(Vec<(Field, OwnedValue)>);

impl DocumentDeserialize for StoredValues {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(value) = deserializer.next_field()? {
            values.push(value);
        }
        Ok(StoredValues(values))
    }
}

impl StoredValues {
    /// The first value of `field` that `pick` takes.
    fn first<'a, T>(&'a self, field: Field, pick: fn(&'a OwnedValue) -> Option<T>) -> Option<T> {
        self.0
            .iter()
            .filter(|(f, _)| *f == field)
            .find_map(|(_, value)| pick(value))
    }

    /// The first text of `field`.
    pub fn text(&self, field: Field) -> Option<&str> {
        self.first(field, |value| match value {
            OwnedValue::Str(text) => Some(text.as_str()),
            _ => None,
        })
    }

    /// Every text of `field`, taken out (they are left empty).
    pub fn take_texts(&mut self, field: Field) -> impl Iterator<Item = String> + '_ {
        self.0
            .iter_mut()
            .filter(move |(f, _)| *f == field)
            .filter_map(|(_, value)| match value {
                OwnedValue::Str(text) => Some(std::mem::take(text)),
                _ => None,
            })
    }

    /// The first text of `field`, taken out (it is left empty).
    pub fn take_text(&mut self, field: Field) -> Option<String> {
        self.take_texts(field).next()
    }

    /// The first integer of `field`.
    pub fn i64(&self, field: Field) -> Option<i64> {
        self.first(field, |value| match value {
            OwnedValue::I64(n) => Some(*n),
            _ => None,
        })
    }

    /// The first unsigned integer of `field`.
    pub fn u64(&self, field: Field) -> Option<u64> {
        self.first(field, |value| match value {
            OwnedValue::U64(n) => Some(*n),
            _ => None,
        })
    }
}

/// The stored form of `sections`.
pub(crate) fn encode_sections(sections: &[IndexSection]) -> String {
    let mut out = String::new();
    for section in sections {
        let path = join_path(&section.heading_path);
        let id = section.section_id.as_deref().unwrap_or("");
        for part in [id, path.as_str(), section.text.as_str()] {
            out.push_str(&part.len().to_string());
            out.push(':');
            out.push_str(part);
        }
    }
    out
}

/// One stored section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StoredSection<'a> {
    /// The section id, empty before the first heading.
    pub id: &'a str,
    /// The heading path, titles joined by the path separator.
    pub path: &'a str,
    /// The text.
    pub text: &'a str,
}

/// The sections of a stored value, in order; reading stops at the first
/// that is not whole.
pub(crate) fn sections(mut stored: &str) -> impl Iterator<Item = StoredSection<'_>> {
    std::iter::from_fn(move || {
        let id = take(&mut stored)?;
        let path = take(&mut stored)?;
        let text = take(&mut stored)?;
        Some(StoredSection { id, path, text })
    })
}

/// The next part of `stored` (a length, `:`, the text), which moves past
/// it.
fn take<'a>(stored: &mut &'a str) -> Option<&'a str> {
    let (length, rest) = stored.split_once(':')?;
    let length: usize = length.parse().ok()?;
    let part = rest.get(..length)?;
    *stored = &rest[length..];
    Some(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip() {
        let written = vec![
            IndexSection::new("导语"),
            IndexSection {
                section_id: Some("s1".to_owned()),
                heading_path: vec!["总体要求".to_owned(), "指导思想".to_owned()],
                text: "坚持以人民为中心。".to_owned(),
            },
        ];
        let stored = encode_sections(&written);
        let read: Vec<StoredSection<'_>> = sections(&stored).collect();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].id, "");
        assert_eq!(read[0].text, "导语");
        assert_eq!(read[1].id, "s1");
        assert_eq!(read[1].path, "总体要求\u{1f}指导思想");
        assert_eq!(read[1].text, "坚持以人民为中心。");
    }

    #[test]
    fn a_cut_value_gives_its_whole_sections_only() {
        let stored = encode_sections(&[IndexSection::new("甲"), IndexSection::new("乙")]);
        // Cut inside the second section's text.
        let cut = &stored[..stored.len() - 3];
        let read: Vec<StoredSection<'_>> = sections(cut).collect();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].text, "甲");
        // A length that is not one, or that cuts a character.
        assert_eq!(sections("x:").count(), 0);
        assert_eq!(sections("0:0:1:甲").count(), 0);
    }
}
