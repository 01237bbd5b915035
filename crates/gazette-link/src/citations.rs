//! References from one document to others: each 发文字号 and 《title》 a
//! document cites, with the issuing body its issuer code names, and the keys
//! a store uses to resolve it against the archive.
//!
//! What this module is for: turning a document's [`Citation`]s into
//! [`Reference`]s (number in normal form, title, issuing body when the code
//! is in the model's table of bodies, `gazette_model::bodies`), and
//! computing the matching keys ([`number_key`], [`title_key`],
//! [`loose_title_key`]).
//!
//! What it is not for: finding citations in text (the parser does that and
//! already pairs a title with the number printed right after it, so
//! 《关于印发降低社会保险费率综合方案的通知》（国办发〔2019〕13号） is one
//! citation), and resolving a reference to an archive document (the store
//! does that with the keys computed here).
//!
//! ```
//! use gazette_link::citations::{issuing_body, number_key};
//! assert_eq!(issuing_body("鲁政办字"), Some("山东省人民政府办公厅"));
//! assert_eq!(number_key("国办发[2019]13号").as_deref(), Some("国办发〔2019〕13号"));
//! ```

use gazette_model::{Citation, DocNumber, Document, Span};
use serde::{Deserialize, Serialize};

/// One document cited by another, as far as the citing text tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The cited 发文字号 in normal form (see [`number_key`]), when printed
    /// and readable.
    pub doc_number: Option<String>,
    /// The issuer code of `doc_number` (国办发, 鲁政办字 …).
    pub code: Option<String>,
    /// The cited title without its 《》, when printed.
    pub title: Option<String>,
    /// The body that issues documents under `code`, when the code is in
    /// the model's table of bodies.
    pub issuing_body: Option<String>,
    /// Where the citation is printed.
    pub span: Span,
    /// Line of the citation (1-based).
    pub line: usize,
}

/// Words of running text that the parser may leave in front of an issuer
/// code: 要按照国办发〔1993〕71号, 要根据中发〔1994〕8号.
const PROSE_BEFORE_CODE: &[&str] = &[
    "按照", "根据", "依据", "依照", "参照", "执行", "落实", "贯彻", "见",
];

/// The body that issues documents under an issuer `code`, e.g. 国办发 →
/// 国务院办公厅; `None` for a code not in the model's table
/// ([`gazette_model::bodies`]).
pub fn issuing_body(code: &str) -> Option<&'static str> {
    gazette_model::bodies::body_of_code(code)
}

/// The references of `doc`, in printed order: one per printed citation, a
/// title and the number printed with it being one reference.
pub fn references(doc: &Document) -> Vec<Reference> {
    doc.cited.iter().map(reference).collect()
}

fn reference(citation: &Citation) -> Reference {
    let number = citation.doc_number.as_deref().and_then(parse_number);
    let code = number.as_ref().map(|n| n.code.clone());
    Reference {
        doc_number: number.as_ref().map(DocNumber::to_string),
        issuing_body: code.as_deref().and_then(issuing_body).map(str::to_owned),
        code,
        title: citation.title.clone(),
        span: citation.span,
        line: citation.line,
    }
}

/// The key of a printed 发文字号 for matching: its normal form (〔〕, ASCII
/// digits, no spaces; 国令第706号 for an order). Words of prose left before a
/// known issuer code are cut (要按照国办发〔1993〕71号 → 国办发〔1993〕71号);
/// `None` when the text is no number.
pub fn number_key(printed: &str) -> Option<String> {
    parse_number(printed).map(|n| n.to_string())
}

/// Reads a number with a year, or an order number 国令第706号, and cuts
/// prose off an unknown code when a known code ends it.
fn parse_number(printed: &str) -> Option<DocNumber> {
    let mut number = DocNumber::parse(printed).or_else(|| parse_order(printed))?;
    if issuing_body(&number.code).is_none() {
        if let Some(code) = known_code_after_prose(&number.code) {
            number.code = code.to_owned();
        }
    }
    Some(number)
}

/// `国令第706号`: a code followed by 第N号.
fn parse_order(printed: &str) -> Option<DocNumber> {
    let compact: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
    let at = compact.find('第')?;
    DocNumber::parse_order(&compact[..at], &compact[at..])
        .filter(|n| !n.code.is_empty() && n.code.chars().all(gazette_model::is_han))
}

/// The known issuer code that ends `code` when what comes before it ends
/// with a word of prose.
fn known_code_after_prose(code: &str) -> Option<&'static str> {
    gazette_model::bodies::known_codes()
        .map(|(known, _)| known)
        .filter(|known| {
            code.strip_suffix(known)
                .is_some_and(|before| PROSE_BEFORE_CODE.iter().any(|word| before.ends_with(word)))
        })
        .max_by_key(|known| known.len())
}

/// The key of a title for exact matching: without 《》〈〉 and whitespace,
/// full-width ASCII letters, digits and brackets folded to ASCII.
///
/// Two titles with the same key are the same title as printed, up to
/// spacing and the width of characters.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '〈' | '〉'))
        .map(fold_width)
        .collect()
}

/// The key of a title for near-exact matching: [`title_key`] without
/// punctuation, and without the issuing body printed before 关于
/// (国务院办公厅关于印发…的通知 and 关于印发…的通知 have one key).
///
/// Near-exact keys of different documents can collide (the same 关于… by
/// two bodies); a store should try the exact key first and accept a
/// near-exact match only when it is unique.
pub fn loose_title_key(title: &str) -> String {
    let key: String = title_key(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match key.find("关于") {
        Some(at) => key[at..].to_owned(),
        None => key,
    }
}

/// Maps a full-width ASCII form (Ａ, ０, （) to its ASCII character.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalise_and_lose_prose_before_a_known_code() {
        assert_eq!(
            number_key("鲁政办字 [2019] 94 号").as_deref(),
            Some("鲁政办字〔2019〕94号")
        );
        assert_eq!(
            number_key("治区人民政府要按照国办发〔1993〕71号").as_deref(),
            Some("国办发〔1993〕71号")
        );
        assert_eq!(
            number_key("要根据中发〔1994〕8号").as_deref(),
            Some("中发〔1994〕8号")
        );
        assert_eq!(number_key("国令第706号").as_deref(), Some("国令第706号"));
        assert_eq!(number_key("2019年6月"), None);
        assert_eq!(number_key("第706号"), None);
    }

    #[test]
    fn an_unknown_code_is_kept_when_no_prose_precedes_the_known_one() {
        // 湘国发 is not 国发 with prose before it.
        assert_eq!(
            number_key("湘国发〔2019〕1号").as_deref(),
            Some("湘国发〔2019〕1号")
        );
    }

    #[test]
    fn title_keys_fold_spacing_and_width_and_loose_keys_drop_the_issuer() {
        assert_eq!(title_key("《关于 印发 （试行）》"), "关于印发(试行)");
        assert_eq!(
            loose_title_key("国务院办公厅关于印发降低社会保险费率综合方案的通知"),
            loose_title_key("《关于印发降低社会保险费率综合方案的通知》")
        );
        assert_ne!(
            title_key("国务院办公厅关于印发降低社会保险费率综合方案的通知"),
            title_key("关于印发降低社会保险费率综合方案的通知")
        );
        assert_eq!(loose_title_key("“双随机、一公开”"), "双随机一公开");
    }
}
