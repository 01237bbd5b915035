//! The items of an attachment list printed on one line:
//! `附件：1.防汛责任人名单 2.防汛物资储备表 3.联系方式`.
//!
//! Items are numbered 1, 2, 3 … in order, each number followed by `.`,
//! `．` or `、` and not part of a longer number: no digit before it, and
//! after a later item's number and point no digit (`2.5级` inside an item
//! is a decimal, not item 2).
//!
//! Not for: finding the list (markers does that) or lists printed one item
//! per line (each line is then its own item).

/// The numbered items of `list` (what follows `附件：`), each trimmed; one
/// unnumbered item when `list` does not start with `1.`.
pub(crate) fn items(list: &str) -> Vec<(u32, &str)> {
    let list = list.trim();
    let Some(mut rest) = after_number(list, 1) else {
        return vec![(1, list)];
    };
    let mut out = Vec::new();
    let mut number = 1;
    loop {
        match next_item(rest, number + 1) {
            Some((end, after)) => {
                out.push((number, rest[..end].trim()));
                rest = after;
                number += 1;
            }
            None => {
                out.push((number, rest.trim()));
                return out;
            }
        }
    }
}

/// `text` after `number` and its separator, when it starts with them.
fn after_number(text: &str, number: u32) -> Option<&str> {
    let digits = number.to_string();
    text.strip_prefix(digits.as_str())?
        .strip_prefix(['.', '．', '、'])
}

/// Where item `number` starts in `text` (the end of the item before) and
/// the text after its number.
fn next_item(text: &str, number: u32) -> Option<(usize, &str)> {
    let digits = number.to_string();
    text.match_indices(digits.as_str())
        .filter(|(at, _)| !text[..*at].ends_with(|c: char| c.is_ascii_digit()))
        .find_map(|(at, _)| {
            let after = after_number(&text[at..], number)?;
            let point = !text[at + digits.len()..].starts_with('、');
            let decimal = point && after.starts_with(|c: char| c.is_ascii_digit());
            (!decimal).then_some((at, after))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_list_printed_on_one_line() {
        assert_eq!(
            items("1.防汛责任人名单 2.防汛物资储备表 3.联系方式"),
            [
                (1, "防汛责任人名单"),
                (2, "防汛物资储备表"),
                (3, "联系方式")
            ]
        );
        assert_eq!(
            items("1、2020年度考核表2、12个地市名单"),
            [(1, "2020年度考核表"), (2, "12个地市名单")]
        );
        assert_eq!(items("防汛责任人名单"), [(1, "防汛责任人名单")]);
        assert_eq!(items("1.关于2.5级地震的报告"), [(1, "关于2.5级地震的报告")]);
    }
}
