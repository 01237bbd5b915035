//! The same issue in every supported encoding and line-ending style gives
//! the same documents; what is not text is refused.

use crate::common::{sample_bytes, sample_text};

fn json_of(bytes: &[u8]) -> serde_json::Value {
    let (issue, _) = gazette_parse::parse_bytes(bytes).expect("parses");
    serde_json::to_value(&issue).expect("serialises")
}

#[test]
fn gb18030_and_utf16_give_identical_json() {
    let text = sample_text();
    let reference = json_of(&sample_bytes());
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert_eq!(json_of(&gb), reference, "GB18030");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(json_of(&utf16), reference, "UTF-16LE with BOM");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(json_of(&bom), reference, "UTF-8 with BOM");
}

/// Titles, numbers and block texts: what must not change with line endings.
fn content(bytes: &[u8]) -> Vec<(String, Option<String>, Vec<String>)> {
    let (issue, _) = gazette_parse::parse_bytes(bytes).expect("parses");
    issue
        .documents
        .into_iter()
        .map(|d| {
            (
                d.title,
                d.doc_number,
                d.blocks.into_iter().map(|b| b.text).collect(),
            )
        })
        .collect()
}

#[test]
fn crlf_and_form_feeds_change_nothing_but_offsets() {
    let text = sample_text();
    let reference = content(text.as_bytes());
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(content(crlf.as_bytes()), reference, "CRLF");
    // Page separators as a PDF-to-text tool writes them.
    let paged = text
        .replace("1—2个\n\n新药", "1—2个\n\u{c}新药")
        .replace("名单\n\n附件\n", "名单\u{c}\n附件\n");
    assert_ne!(paged, text);
    // Paged text is PDF text: the spaces it puts around numbers (2000 万元)
    // are dropped in derived text, and nothing else changes.
    let spaceless = |content: Vec<(String, Option<String>, Vec<String>)>| {
        content
            .into_iter()
            .map(|(title, number, blocks)| {
                let blocks: Vec<String> = blocks.into_iter().map(|b| b.replace(" ", "")).collect();
                (title, number, blocks)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        spaceless(content(paged.as_bytes())),
        spaceless(reference),
        "form feeds"
    );
    let (issue, _) = gazette_parse::parse_bytes(paged.as_bytes()).expect("parses");
    let dropped = issue.documents[0]
        .repairs
        .iter()
        .filter(|r| r.kind == gazette_model::RepairKind::DropNumberSpace)
        .count();
    assert!(dropped >= 4, "2000 万元, 6000 平米, 500 万元, 4000 万元 …");
}

#[test]
fn binary_and_undecodable_input_is_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    assert!(matches!(
        gazette_parse::parse_bytes(png),
        Err(gazette_parse::DecodeError::Binary { .. })
    ));
    let mut state: u32 = 0x2545_F491;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    assert!(gazette_parse::parse_bytes(&noise).is_err());
    let error =
        gazette_parse::parse_bytes(b"\xff\xfe\x00").expect_err("a lone UTF-16 byte is refused");
    assert!(!error.to_string().is_empty());
}
