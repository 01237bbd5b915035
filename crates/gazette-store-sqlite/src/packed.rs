//! Documents' JSON as the SQLite store keeps it: compressed with zstd,
//! against the document's own text (issue 17 §3: the JSON of a document
//! repeats its text in blocks and tables, and was the largest table of the
//! store, 2.2× the issue text).
//!
//! The document's text (its span of the issue text, which a read cuts out
//! anyway) is the compression's dictionary: the copies of the text in the
//! JSON become references into it, so the stored JSON costs little more
//! than its structure, and no copy of the text is kept per document. Valid
//! UTF-8 never begins with zstd's dictionary magic number, so the text is
//! always taken as raw content.
//!
//! Three forms are read: [`pack`]'s (a BLOB beginning with [`WITH_TEXT`]),
//! plain zstd (a BLOB, by a `gazette` before this one) and TEXT (older
//! still, or written by hand), so no migration is needed and old files keep
//! working. The PostgreSQL backend does not use this: its TOAST already
//! compresses large values. This module does not decide what the JSON
//! holds (`gazette_store::rules`).

use std::io::Read;

use rusqlite::types::ValueRef;

/// The zstd level: the default, a fast one (compression runs in the write
/// transaction of every ingest).
const LEVEL: i32 = 3;

/// The first byte of a JSON compressed against the document's text. A zstd
/// frame begins with 0x28, so the two forms cannot be confused.
const WITH_TEXT: u8 = 1;

/// A `versions.json` value as read, before it is unpacked.
#[derive(Debug)]
pub(crate) enum Packed {
    /// JSON kept as TEXT.
    Text(String),
    /// Compressed JSON.
    Blob(Vec<u8>),
}

impl Packed {
    /// The stored value, `None` for a value of another type.
    pub(crate) fn read(value: ValueRef<'_>) -> Option<Packed> {
        match value {
            ValueRef::Text(text) => Some(Packed::Text(String::from_utf8_lossy(text).into_owned())),
            ValueRef::Blob(blob) => Some(Packed::Blob(blob.to_vec())),
            _ => None,
        }
    }
}

/// The document JSON `json` as stored, compressed against `text`, the
/// document's own text.
pub(crate) fn pack(json: &str, text: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut packed = vec![WITH_TEXT];
    let mut compressor = zstd::bulk::Compressor::with_dictionary(LEVEL, text)?;
    packed.extend(compressor.compress(json.as_bytes())?);
    Ok(packed)
}

/// The document JSON of a stored value, given the document's own text.
pub(crate) fn unpack(packed: Packed, text: &[u8]) -> std::io::Result<String> {
    let blob = match packed {
        Packed::Text(json) => return Ok(json),
        Packed::Blob(blob) => blob,
    };
    let mut bytes = Vec::new();
    match blob.split_first() {
        Some((&WITH_TEXT, frame)) => {
            zstd::stream::Decoder::with_dictionary(frame, text)?.read_to_end(&mut bytes)?;
        }
        _ => {
            zstd::stream::Decoder::new(blob.as_slice())?.read_to_end(&mut bytes)?;
        }
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(value: ValueRef<'_>) -> Packed {
        Packed::read(value).expect("a stored form")
    }

    #[test]
    fn a_document_comes_back_as_it_went_in_and_smaller_than_its_text() {
        let text = "现将有关事项通知如下。各区市人民政府要加强组织领导，落实工作责任。".repeat(3)
            + "青岛市人民政府办公厅关于做好2019年社会保险工作的通知";
        let json = format!(
            r#"{{"title":"青岛市人民政府办公厅关于做好2019年社会保险工作的通知","blocks":[{{"text":"{text}"}}]}}"#
        );
        let packed = pack(&json, text.as_bytes()).expect("pack");
        // The copy of the text costs a few bytes, not its length.
        assert!(
            packed.len() * 4 < text.len(),
            "{} of {}",
            packed.len(),
            text.len()
        );
        let back = unpack(blob(ValueRef::Blob(&packed)), text.as_bytes()).expect("unpack");
        assert_eq!(back, json);
        // Another text does not give the JSON back.
        assert!(unpack(blob(ValueRef::Blob(&packed)), b"other").map_or(true, |s| s != json));
    }

    #[test]
    fn the_older_forms_are_still_read() {
        let json = r#"{"title":"关于做好社会保险工作的通知"}"#;
        let plain = zstd::bulk::compress(json.as_bytes(), LEVEL).expect("compress");
        assert_eq!(
            unpack(blob(ValueRef::Blob(&plain)), b"").expect("plain zstd"),
            json
        );
        assert_eq!(
            unpack(blob(ValueRef::Text(json.as_bytes())), b"").expect("text"),
            json
        );
        assert!(Packed::read(ValueRef::Null).is_none());
        assert!(unpack(blob(ValueRef::Blob(b"not zstd")), b"").is_err());
    }
}
