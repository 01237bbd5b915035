//! Bytes of an issue file → text.
//!
//! Gazette text comes as UTF-8 (with or without a BOM), GB18030/GBK from
//! older systems, or UTF-16 with a BOM from Windows tools. This module finds
//! which, decodes strictly (no replacement characters) and refuses binary
//! input such as a PNG. It does not read files: the caller hands it bytes.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be read as gazette text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input is empty or holds only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The input looks like a binary file (NUL or other control bytes).
    #[error("this is not a text file: {what} at byte {offset}")]
    Binary {
        /// What gave it away.
        what: String,
        /// Where.
        offset: usize,
    },
    /// The input is neither valid UTF-8, UTF-16 with a BOM, nor GB18030.
    #[error("the text is in no supported encoding (UTF-8, UTF-16 with BOM, GB18030/GBK): invalid byte sequence at byte {offset}")]
    Undecodable {
        /// First byte that UTF-8 could not read.
        offset: usize,
    },
}

/// The text of a file and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any BOM.
    pub text: String,
    /// The encoding's name: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `gb18030`.
    pub encoding: &'static str,
}

/// Detects the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (Some(encoding), &bytes[bom_len..]),
        None => (None, bytes),
    };
    let decoded = match encoding {
        Some(encoding) if encoding == UTF_16LE || encoding == UTF_16BE => {
            decode_with(encoding, body).ok_or(DecodeError::Undecodable { offset: 0 })?
        }
        _ => decode_8bit(body)?,
    };
    check_text(&decoded.text)?;
    Ok(decoded)
}

/// [`decode`] of bytes the caller gives away: UTF-8 without a BOM, the
/// usual file, becomes the text without being copied; anything else is
/// decoded as [`decode`] does.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if Encoding::for_bom(&bytes).is_some() || memchr::memchr(0, &bytes).is_some() {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            check_text(&text)?;
            Ok(Decoded {
                text,
                encoding: UTF_8.name(),
            })
        }
        Err(not_utf8) => decode(&not_utf8.into_bytes()),
    }
}

fn decode_8bit(body: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(offset) = memchr::memchr(0, body) {
        return Err(DecodeError::Binary {
            what: "NUL byte".to_owned(),
            offset,
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        }),
        Err(utf8_error) => decode_with(GB18030, body).ok_or(DecodeError::Undecodable {
            offset: utf8_error.valid_up_to(),
        }),
    }
}

fn decode_with(encoding: &'static Encoding, body: &[u8]) -> Option<Decoded> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(body)?;
    Some(Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    })
}

/// Refuses text that holds control characters other than tab, line feed,
/// carriage return and form feed, or nothing but whitespace.
///
/// Scans bytes, not characters: in UTF-8 a C0 control or DEL is one byte
/// below 0x80, and a C1 control (U+0080–U+009F) is 0xC2 then 0x80–0x9F.
fn check_text(text: &str) -> Result<(), DecodeError> {
    let bytes = text.as_bytes();
    let control = bytes.iter().enumerate().find_map(|(i, &b)| {
        let c0 = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F;
        let c1 = b == 0xC2
            && bytes
                .get(i + 1)
                .is_some_and(|next| (0x80..=0x9F).contains(next));
        (c0 || c1).then_some(i)
    });
    if let Some(offset) = control {
        let c = text[offset..].chars().next().unwrap_or('\0');
        return Err(DecodeError::Binary {
            what: format!("control character U+{:04X}", u32::from(c)),
            offset,
        });
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "青岛市人民政府关于支持“蓝色药库”开发计划的实施意见\n（2019年6月15日）\n";

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let (gbk, _, _) = GB18030.encode(SAMPLE);
        let inputs: Vec<Vec<u8>> = vec![
            SAMPLE.as_bytes().to_vec(),
            [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat(),
            gbk.into_owned(),
            b"abc\0def".to_vec(),
            "文本\u{7}控制".as_bytes().to_vec(),
            "文本\u{85}控制".as_bytes().to_vec(),
            "温度±5°C\t\x0c".as_bytes().to_vec(),
            b" \n\t ".to_vec(),
            Vec::new(),
            vec![0xFF, 0xFE, 0x00],
        ];
        for bytes in inputs {
            assert_eq!(decode_owned(bytes.clone()), decode(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let plain = decode(SAMPLE.as_bytes()).expect("utf-8");
        assert_eq!(plain.text, SAMPLE);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&with_bom).expect("bom").text, SAMPLE);
    }

    #[test]
    fn reads_gb18030_and_utf16() {
        let (gb, _, _) = GB18030.encode(SAMPLE);
        let decoded = decode(&gb).expect("gb18030");
        assert_eq!(decoded.text, SAMPLE);
        assert_eq!(decoded.encoding, "gb18030");

        let mut le = vec![0xFF, 0xFE];
        le.extend(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).expect("utf-16le").text, SAMPLE);
        let mut be = vec![0xFE, 0xFF];
        be.extend(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).expect("utf-16be").text, SAMPLE);
    }

    #[test]
    fn refuses_binary_and_empty_input() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(decode(png), Err(DecodeError::Binary { .. })));
        assert!(matches!(
            decode(b"\x01\x02abc"),
            Err(DecodeError::Binary { .. })
        ));
        assert_eq!(decode(b"  \n\n"), Err(DecodeError::Empty));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
    }

    #[test]
    fn refuses_bytes_in_no_encoding() {
        // 0xFF never starts a GB18030 sequence; 0x81 0x20 is a broken pair.
        assert!(matches!(
            decode(b"abc\xff\x81\x20"),
            Err(DecodeError::Undecodable { offset: 3 })
        ));
    }

    #[test]
    fn keeps_form_feeds_and_crlf_for_the_line_splitter() {
        let decoded = decode("一\r\n二\u{c}三".as_bytes()).expect("text");
        assert_eq!(decoded.text, "一\r\n二\u{c}三");
    }
}
