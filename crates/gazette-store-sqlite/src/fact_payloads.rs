//! The payloads of one document's facts as the fact index keeps them: each
//! distinct payload once (a citation's JSON is the payload of up to four
//! facts: the reference and the number and titles it cites), all of them
//! compressed together with zstd (they quote the document's text and
//! repeat the same field names, which compress well together and poorly
//! one by one).
//!
//! The form, before compression: each payload as its length in bytes (4
//! bytes, little-endian) and its UTF-8. Not for: what a payload says (the
//! archive writes and reads the JSON).

use std::collections::HashMap;
use std::io::{Error, ErrorKind};

/// The zstd level: the default, a fast one (it runs on every ingest).
const LEVEL: i32 = 3;

/// The distinct payloads of `data` packed, and the place of each item of
/// `data` among them.
pub(crate) fn pack<'a>(
    data: impl Iterator<Item = &'a str>,
) -> std::io::Result<(Vec<usize>, Vec<u8>)> {
    let mut places: HashMap<&str, usize> = HashMap::new();
    let mut parts = Vec::new();
    let mut plain = Vec::new();
    for item in data {
        let next = places.len();
        let place = *places.entry(item).or_insert_with(|| {
            plain.push(item);
            next
        });
        parts.push(place);
    }
    let mut bytes = Vec::with_capacity(plain.iter().map(|p| p.len() + 4).sum());
    for payload in plain {
        let len = u32::try_from(payload.len())
            .map_err(|_| Error::new(ErrorKind::InvalidInput, "a payload over 4 GiB"))?;
        bytes.extend(len.to_le_bytes());
        bytes.extend(payload.as_bytes());
    }
    Ok((parts, zstd::bulk::compress(&bytes, LEVEL)?))
}

/// The payloads [`pack`] packed, in order.
pub(crate) fn unpack(packed: &[u8]) -> std::io::Result<Vec<String>> {
    let bytes = zstd::stream::decode_all(packed)?;
    let bad = |what: &str| Error::new(ErrorKind::InvalidData, what.to_owned());
    let mut rest = bytes.as_slice();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (len, after) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| bad("a payload length cut short"))?;
        let len = usize::try_from(u32::from_le_bytes(*len))
            .map_err(|_| bad("a payload too long for this machine"))?;
        if after.len() < len {
            return Err(bad("a payload cut short"));
        }
        let (payload, after) = after.split_at(len);
        out.push(
            String::from_utf8(payload.to_vec())
                .map_err(|e| Error::new(ErrorKind::InvalidData, e))?,
        );
        rest = after;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_come_back_in_place_and_each_is_kept_once() {
        let cited = r#"{"title":"国务院办公厅关于印发国家破坏性地震应急预案的通知"}"#;
        let data = [cited, "", cited, r#"{"unit":"市财政局"}"#, "", cited];
        let (parts, packed) = pack(data.iter().copied()).expect("pack");
        assert_eq!(parts, [0, 1, 0, 2, 1, 0]);
        let unpacked = unpack(&packed).expect("unpack");
        assert_eq!(unpacked.len(), 3);
        let back: Vec<&str> = parts.iter().map(|&p| unpacked[p].as_str()).collect();
        assert_eq!(back, data);
        assert!(packed.len() < cited.len() * 2);
    }

    #[test]
    fn damaged_payloads_are_an_error() {
        assert!(unpack(b"not zstd").is_err());
        let cut = zstd::bulk::compress(&[9, 0, 0, 0, b'a'], LEVEL).expect("compress");
        assert!(unpack(&cut).is_err());
        let (_, none) = pack(std::iter::empty()).expect("pack nothing");
        assert!(unpack(&none).expect("unpack nothing").is_empty());
    }
}
