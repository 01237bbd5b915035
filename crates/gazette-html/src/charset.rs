//! A page's bytes → its markup as a string: a BOM decides first, then valid
//! UTF-8 is read as UTF-8 (whatever the page declares: a UTF-8 page that
//! still says gb2312 is common, the reverse cannot be valid UTF-8), then the
//! charset the page declares in a `<meta>` (`charset=gb2312`,
//! `content="text/html; charset=GBK"`), and with none declared GB18030.
//! Decoding is strict: a byte the encoding cannot read is an error, not a
//! replacement character.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::HtmlError;

/// How far into the page a `<meta>` charset is looked for.
const PRESCAN: usize = 4096;

/// A page's markup and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The markup, without a BOM.
    pub html: String,
    /// What the archive records as the page's encoding: `html` for UTF-8,
    /// else `html/` and the encoding (`html/gbk`, `html/gb18030`,
    /// `html/big5`, `html/utf-16le`, `html/utf-16be`).
    pub encoding: &'static str,
}

/// Decodes the bytes of a page (see the module documentation).
pub fn decode(bytes: &[u8]) -> Result<Decoded, HtmlError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(encoding, &bytes[bom_len..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            html: text.to_owned(),
            encoding: record_name(UTF_8),
        });
    }
    match declared_charset(bytes) {
        Some(label) => {
            let encoding = Encoding::for_label(label.as_bytes())
                .filter(supported)
                .ok_or(HtmlError::UnsupportedCharset { label })?;
            decode_as(encoding, bytes)
        }
        None => decode_as(GB18030, bytes),
    }
}

fn supported(encoding: &&'static Encoding) -> bool {
    [UTF_8, GBK, GB18030, BIG5, UTF_16LE, UTF_16BE].contains(encoding)
}

fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded, HtmlError> {
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or(HtmlError::Undecodable {
            encoding: encoding.name(),
        })?;
    Ok(Decoded {
        html: text.into_owned(),
        encoding: record_name(encoding),
    })
}

fn record_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_8 {
        "html"
    } else if encoding == GBK {
        "html/gbk"
    } else if encoding == GB18030 {
        "html/gb18030"
    } else if encoding == BIG5 {
        "html/big5"
    } else if encoding == UTF_16LE {
        "html/utf-16le"
    } else {
        "html/utf-16be"
    }
}

/// The charset label a `<meta>` near the start declares: `charset=` inside
/// a `<meta …>` tag, quoted or not.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut pos = 0;
    while let Some(at) = find(&lower[pos..], b"<meta") {
        let tag_start = pos + at;
        let tag_end = lower[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |i| tag_start + i);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let value = tag[c + b"charset".len()..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .skip_while(|&&b| b == b'=')
                .skip_while(|&&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'')
                .take_while(|&&b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
                .copied()
                .collect::<Vec<u8>>();
            if !value.is_empty() {
                return Some(String::from_utf8_lossy(&value).into_owned());
            }
        }
        pos = tag_end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        GBK.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_is_read_as_utf8_even_when_the_page_says_otherwise() {
        let page = "<meta charset=\"gb2312\"><p>国务院</p>";
        let decoded = decode(page.as_bytes()).expect("utf-8");
        assert_eq!(decoded.html, page);
        assert_eq!(decoded.encoding, "html");
    }

    #[test]
    fn a_declared_gb2312_or_gbk_page_is_read_in_that_charset() {
        for head in [
            "<meta charset=gb2312>",
            "<META http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">",
        ] {
            let page = format!("<html><head>{head}</head><body><p>国务院办公厅</p></body></html>");
            let decoded = decode(&gbk(&page)).expect("gbk");
            assert_eq!(decoded.html, page);
            assert_eq!(decoded.encoding, "html/gbk");
        }
    }

    #[test]
    fn an_undeclared_page_that_is_not_utf8_is_read_as_gb18030() {
        let page = "<p>国务院</p>";
        let decoded = decode(&gbk(page)).expect("gb18030");
        assert_eq!(decoded.html, page);
        assert_eq!(decoded.encoding, "html/gb18030");
    }

    #[test]
    fn a_bom_decides_before_any_declaration() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<meta charset=gbk><p>国</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes).expect("utf-16");
        assert_eq!(decoded.html, "<meta charset=gbk><p>国</p>");
        assert_eq!(decoded.encoding, "html/utf-16le");
    }

    #[test]
    fn pages_that_cannot_be_decoded_are_typed_errors() {
        let mut bytes = b"<meta charset=gbk><p>".to_vec();
        bytes.extend_from_slice(&[0x81, 0x20, 0xFF]);
        assert_eq!(
            decode(&bytes),
            Err(HtmlError::Undecodable { encoding: "GBK" })
        );
        let mut koi = b"<meta charset=koi8-r><p>".to_vec();
        koi.push(0xC1);
        assert_eq!(
            decode(&koi),
            Err(HtmlError::UnsupportedCharset {
                label: "koi8-r".to_owned()
            })
        );
    }
}
