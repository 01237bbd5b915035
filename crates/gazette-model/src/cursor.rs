//! Paging cursors and the stable hash they use: a cursor names the offset
//! of the next page and is bound to what it pages through (a query, an
//! order), so a cursor of one query is refused by another.
//!
//! Not a secret: a forged cursor only names an offset, which callers check
//! like any other. The one rule for page sizes is here too
//! ([`PageLimits::size`]); each list has its own limits.

use thiserror::Error;

/// 64-bit FNV-1a of `bytes`: a hash whose value never changes between
/// builds or machines (unlike `std`'s), for identifiers that must stay put.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The page sizes of one list: what a page holds when no size is asked
/// (or 0), and the most it holds whatever is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimits {
    /// Items on a page when no size (or 0) is asked.
    pub default: usize,
    /// The most items on a page.
    pub max: usize,
}

impl PageLimits {
    /// The page size for `asked`: the default when absent or 0, else at
    /// most [`PageLimits::max`].
    pub fn size(&self, asked: Option<usize>) -> usize {
        match asked {
            None | Some(0) => self.default,
            Some(n) => n.min(self.max),
        }
    }
}

/// Why a cursor was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CursorError {
    /// The text is no cursor.
    #[error("not a cursor")]
    Malformed,
    /// The cursor was made for another key (another query or order).
    #[error("it was made for another query or order")]
    OtherKey,
}

/// The cursor of the page that starts after `offset` results of `key`.
pub fn encode_cursor(offset: usize, key: &str) -> String {
    format!("{offset}-{:016x}", stable_hash(key.as_bytes()))
}

/// The offset `cursor` stands for, when it was made for `key`.
pub fn decode_cursor(cursor: &str, key: &str) -> Result<usize, CursorError> {
    let (offset, print) = cursor.split_once('-').ok_or(CursorError::Malformed)?;
    let offset: usize = offset.parse().map_err(|_| CursorError::Malformed)?;
    let print = u64::from_str_radix(print, 16).map_err(|_| CursorError::Malformed)?;
    if print != stable_hash(key.as_bytes()) {
        return Err(CursorError::OtherKey);
    }
    Ok(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_follow_one_rule() {
        let limits = PageLimits {
            default: 20,
            max: 1000,
        };
        assert_eq!(limits.size(None), 20);
        assert_eq!(limits.size(Some(0)), 20);
        assert_eq!(limits.size(Some(5)), 5);
        assert_eq!(limits.size(Some(usize::MAX)), 1000);
    }

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_cursor_gives_back_its_offset_for_its_key_only() {
        let cursor = encode_cursor(40, "社会保险");
        assert_eq!(decode_cursor(&cursor, "社会保险"), Ok(40));
        assert_eq!(
            decode_cursor(&cursor, "医疗保险"),
            Err(CursorError::OtherKey)
        );
        for garbage in ["", "zz", "40", "40-", "-1", "x-0000000000000000", "40-zz"] {
            assert_eq!(
                decode_cursor(garbage, "a"),
                Err(CursorError::Malformed),
                "{garbage}"
            );
        }
    }
}
