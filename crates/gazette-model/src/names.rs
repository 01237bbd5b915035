//! The shape of a Chinese personal name, as 任免 lists and rosters print
//! it: the one rule the parser's appointment and roster readers and the link
//! crate's roster tables use to tell a name from a post or a unit.
//!
//! Not for: telling whether a name is a real person's (a unit of two to four
//! characters, 市长 or 财政部, has the shape too: callers that read lists of
//! names beside posts add what they know of posts).

use crate::is_han;

/// Whether `text` has the shape of a personal name: two to four Han
/// characters (`杨苏`, `孙刚`, `欧阳晓明`), or a transliterated name whose
/// parts are joined by middle dots, at most six characters in all
/// (`艾力·买买提`). Whitespace is padding and is passed over (`杨　苏`).
pub fn is_person_name(text: &str) -> bool {
    let mut han = 0usize;
    let mut dots = 0usize;
    let mut after_dot = true;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if is_han(c) {
            han += 1;
            after_dot = false;
        } else if c == '·' && !after_dot {
            dots += 1;
            after_dot = true;
        } else {
            return false;
        }
    }
    if after_dot {
        return false;
    }
    if dots == 0 {
        (2..=4).contains(&han)
    } else {
        han + dots <= 6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_have_two_to_four_characters_or_dotted_parts() {
        for name in [
            "孙刚",
            "招继亮",
            "欧阳晓明",
            "杨 苏",
            "杨　苏",
            "艾力·买买提",
        ] {
            assert!(is_person_name(name), "{name}");
        }
        for not_a_name in [
            "王",
            "青岛市财政局",
            "·艾力",
            "艾力·",
            "艾力··买提",
            "阿不都·热合曼江",
            "XXX",
            "王五1",
            "",
        ] {
            assert!(!is_person_name(not_a_name), "{not_a_name}");
        }
    }
}
