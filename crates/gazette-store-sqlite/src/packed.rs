//! Documents' JSON as the SQLite store keeps it: compressed with zstd
//! (issue 17 §3: the JSON of a document repeats its text in blocks and
//! tables, and was the largest table of the store, 2.2× the issue text).
//!
//! A compressed document is a BLOB; a document stored as TEXT (by a
//! `gazette` before this, or written by hand) is read as it is, so no
//! migration is needed and old files keep working. The PostgreSQL
//! backend does not use this: its TOAST already compresses large values.
//! This module does not decide what the JSON holds (`gazette_store::rules`).

use rusqlite::types::ValueRef;

/// The zstd level: the default, a fast one (compression runs in the write
/// transaction of every ingest).
const LEVEL: i32 = 3;

/// The document JSON `json` as stored.
pub(crate) fn pack(json: &str) -> std::io::Result<Vec<u8>> {
    zstd::bulk::compress(json.as_bytes(), LEVEL)
}

/// The document JSON of a `versions.json` value, as [`pack`] or an older
/// `gazette` stored it; `None` for a value of another type.
pub(crate) fn unpack(value: ValueRef<'_>) -> Option<std::io::Result<String>> {
    match value {
        ValueRef::Text(text) => Some(Ok(String::from_utf8_lossy(text).into_owned())),
        ValueRef::Blob(packed) => Some(zstd::stream::decode_all(packed).and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_comes_back_as_it_went_in_and_smaller() {
        let json = r#"{"title":"青岛市人民政府办公厅关于做好2019年社会保险工作的通知","blocks":["#
            .to_owned()
            + &r#"{"text":"现将有关事项通知如下。"},"#.repeat(200)
            + "]}";
        let packed = pack(&json).expect("pack");
        assert!(
            packed.len() * 5 < json.len(),
            "{} of {}",
            packed.len(),
            json.len()
        );
        let back = unpack(ValueRef::Blob(&packed))
            .expect("a blob")
            .expect("unpack");
        assert_eq!(back, json);
        let old = unpack(ValueRef::Text(json.as_bytes()))
            .expect("text")
            .expect("as text");
        assert_eq!(old, json);
        assert!(unpack(ValueRef::Null).is_none());
        assert!(unpack(ValueRef::Blob(b"not zstd"))
            .expect("a blob")
            .is_err());
    }
}
