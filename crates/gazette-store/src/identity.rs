//! How stored things are named: the content hash of an issue, the id and the
//! slug of a document.
//!
//! - An issue is known by the SHA-256 of its bytes (lowercase hex), which
//!   makes ingest idempotent.
//! - A document's *key* is its normalised 发文字号 when it has one
//!   (`青政办字〔2019〕31号`), so that every printing of the same document
//!   shares it; otherwise `{issue hash}:{ordinal}`.
//! - Its *id* is `d` + the first 12 hex digits of the SHA-256 of the key:
//!   ASCII, stable, reproducible from the key alone. Should two keys ever
//!   share those 12 digits, the later one takes 16, then 20 … digits; the
//!   store remembers the id given to each key, so the same key always gets
//!   the same id.
//! - Its *slug* is for URLs and people: `{year}-{code}-{serial}` for a
//!   numbered document (`2019-青政办字-31`), `{code}-{serial}` for an order
//!   numbered without a year (`国令-706`), `{issue id}-{ordinal}` for a
//!   document without number (`3-6`). A slug taken by another document gets
//!   `-2`, `-3` … appended. Every slug contains a `-` and no id does, so
//!   one lookup can take either.
//!
//! This module only computes names; the store decides which are free.

use gazette_model::{DocNumber, Document};
use sha2::{Digest, Sha256};

/// Hex digits of the key's hash in a document id, before any collision.
const ID_HEX_DIGITS: usize = 12;

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The key of the document at `ordinal` (from 1) of the issue whose content
/// hash is `issue_hash`.
pub fn document_key(document: &Document, issue_hash: &str, ordinal: usize) -> String {
    match &document.doc_number {
        Some(number) => number.clone(),
        None => format!("{issue_hash}:{ordinal}"),
    }
}

/// The id of the document with this key, when no other key took it first.
pub fn document_id(key: &str) -> String {
    id_with_digits(key, ID_HEX_DIGITS)
}

/// The ids a key may get, in order of preference: 12 hex digits, then 16,
/// 20 … up to the whole hash.
pub(crate) fn id_candidates(key: &str) -> impl Iterator<Item = String> + '_ {
    (ID_HEX_DIGITS..=64)
        .step_by(4)
        .map(move |digits| id_with_digits(key, digits))
}

fn id_with_digits(key: &str, digits: usize) -> String {
    let hash = content_hash(key.as_bytes());
    format!("d{}", &hash[..digits.min(hash.len())])
}

/// The slug a document would get if it were free: see the module docs.
pub fn slug_base(document: &Document, issue_id: i64, ordinal: usize) -> String {
    number_slug(document).unwrap_or_else(|| format!("{issue_id}-{ordinal}"))
}

/// The slugs to try, in order: `base`, `base-2`, `base-3` …
pub(crate) fn slug_candidates(base: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(base.to_owned()).chain((2u32..).map(move |n| format!("{base}-{n}")))
}

/// `{year}-{code}-{serial}` or `{code}-{serial}`, when the document has a
/// number whose code has something printable in it.
fn number_slug(document: &Document) -> Option<String> {
    let parts = match &document.doc_number_parts {
        Some(parts) => parts.clone(),
        None => DocNumber::parse(document.doc_number.as_deref()?)?,
    };
    let code: String = parts.code.chars().filter(|c| c.is_alphanumeric()).collect();
    if code.is_empty() {
        return None;
    }
    Some(match parts.year {
        Some(year) => format!("{year}-{code}-{}", parts.serial),
        None => format!("{code}-{}", parts.serial),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(number: Option<&str>) -> Document {
        Document {
            id: "d1".to_owned(),
            title: "标题".to_owned(),
            doc_number: number.map(str::to_owned),
            doc_number_parts: number.and_then(DocNumber::parse),
            line_start: 1,
            line_end: 1,
            ..Document::default()
        }
    }

    #[test]
    fn content_hash_is_the_sha256_in_hex() {
        // The SHA-256 of "abc" from FIPS 180-2, appendix B.1.
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn ids_are_d_and_twelve_hex_digits_of_the_key_hash() {
        assert_eq!(document_id("abc"), "dba7816bf8f01");
        let id = document_id("青政办字〔2019〕31号");
        assert_eq!(id.len(), 13);
        assert!(id.starts_with('d'));
        assert!(id[1..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(!id.contains('-'));
    }

    #[test]
    fn numbered_documents_are_keyed_by_their_number_and_others_by_place() {
        let numbered = document(Some("青政办字〔2019〕31号"));
        assert_eq!(document_key(&numbered, "ff00", 4), "青政办字〔2019〕31号");
        let unnumbered = document(None);
        assert_eq!(document_key(&unnumbered, "ff00", 6), "ff00:6");
    }

    #[test]
    fn colliding_keys_take_longer_ids() {
        let ids: Vec<String> = id_candidates("abc").collect();
        assert_eq!(ids[0], "dba7816bf8f01");
        assert_eq!(ids[1], "dba7816bf8f01cfea");
        assert_eq!(ids.len(), 14);
        assert_eq!(ids[13].len(), 65);
    }

    #[test]
    fn slugs_read_as_the_number_or_the_place_in_the_issue() {
        assert_eq!(
            slug_base(&document(Some("青政办字〔2019〕31号")), 3, 4),
            "2019-青政办字-31"
        );
        let mut order = document(Some("国令第706号"));
        order.doc_number_parts = Some(DocNumber {
            code: "国令".to_owned(),
            year: None,
            serial: 706,
            ..DocNumber::default()
        });
        assert_eq!(slug_base(&order, 3, 1), "国令-706");
        assert_eq!(slug_base(&document(None), 3, 6), "3-6");
    }

    #[test]
    fn slug_candidates_count_from_two() {
        let slugs: Vec<String> = slug_candidates("3-6").take(3).collect();
        assert_eq!(slugs, ["3-6", "3-6-2", "3-6-3"]);
    }
}
