//! Whether bytes are an HTML page, by their content: what opens them after a
//! BOM, whitespace and comments (`<!DOCTYPE html`, `<html`, or a common
//! element such as `<div` or `<table`) and, for a page without a doctype,
//! whether tags make a clear share of the start. Text that holds a stray
//! `<` or a few HTML remnants in table cells is not a page.

/// How much of the start is looked at.
const WINDOW: usize = 64 * 1024;

/// Elements that may open a page that has neither doctype nor `<html>`.
const OPENING_TAGS: &[&str] = &[
    "head", "body", "meta", "title", "link", "style", "script", "div", "table", "p", "span",
    "section", "article", "main", "center", "font", "form", "ul", "ol", "h1", "h2", "h3", "h4",
    "h5", "h6", "br", "header", "nav",
];

/// Whether `bytes` are an HTML page (see the module documentation).
pub fn is_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let window = &bytes[..bytes.len().min(WINDOW)];
    let start = skip_prologue(window);
    let rest = &window[start..];
    if starts_with_ignore_case(rest, b"<!doctype html") || tag_named(rest, "html") {
        return true;
    }
    if !OPENING_TAGS.iter().any(|name| tag_named(rest, name)) {
        return false;
    }
    let (tags, closing, tag_bytes) = count_tags(rest);
    // A page is markup: several tags, some closed, and a fair share of its
    // bytes inside them.
    tags >= 3 && closing >= 1 && tag_bytes * 20 >= rest.len()
}

/// The offset after whitespace, comments and an XML declaration.
fn skip_prologue(bytes: &[u8]) -> usize {
    let mut pos = 0;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let rest = &bytes[pos..];
        let end = if rest.starts_with(b"<!--") {
            find(rest, b"-->").map(|i| i + 3)
        } else if rest.starts_with(b"<?xml") {
            find(rest, b"?>").map(|i| i + 2)
        } else {
            None
        };
        match end {
            Some(end) => pos += end,
            None => return pos,
        }
    }
}

/// Whether `bytes` open with the start tag `<name` followed by a space, `>`
/// or `/`.
fn tag_named(bytes: &[u8], name: &str) -> bool {
    let Some(after) = bytes.strip_prefix(b"<") else {
        return false;
    };
    if !starts_with_ignore_case(after, name.as_bytes()) {
        return false;
    }
    matches!(
        after.get(name.len()),
        Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r')
    )
}

/// Counts well-formed tags (`<name …>` and `</name>`): how many, how many
/// closing, and how many bytes they cover.
fn count_tags(bytes: &[u8]) -> (usize, usize, usize) {
    let (mut tags, mut closing, mut covered) = (0, 0, 0);
    let mut pos = 0;
    while let Some(lt) = bytes[pos..].iter().position(|&b| b == b'<') {
        let at = pos + lt;
        let after = &bytes[at + 1..];
        let is_close = after.first() == Some(&b'/');
        let name_start = usize::from(is_close);
        let named = after
            .get(name_start)
            .is_some_and(|b| b.is_ascii_alphabetic());
        let close = after.iter().take(512).position(|&b| b == b'>');
        match (named, close) {
            (true, Some(gt)) => {
                tags += 1;
                closing += usize::from(is_close);
                covered += gt + 2;
                pos = at + gt + 2;
            }
            _ => pos = at + 1,
        }
    }
    (tags, closing, covered)
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::is_html;

    #[test]
    fn pages_with_a_doctype_or_html_element_are_html() {
        assert!(is_html(b"<!DOCTYPE html><html><body>x</body></html>"));
        assert!(is_html(
            b"\xEF\xBB\xBF  <!-- saved --> <!doctype HTML>\n<p>x"
        ));
        assert!(is_html(
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\"><body/></html>"
        ));
        assert!(is_html(b"<HTML>\n<HEAD><TITLE>t</TITLE></HEAD></HTML>"));
    }

    #[test]
    fn a_fragment_of_markup_is_html() {
        let page = "<div class=\"wrap\"> <table><tr><td>索 引 号：</td><td>1</td></tr></table>\n<p>正文</p></div>";
        assert!(is_html(page.as_bytes()));
    }

    #[test]
    fn text_with_a_stray_angle_bracket_is_not_html() {
        assert!(!is_html(
            "国务院关于推行监管的意见\n国发〔2019〕5号\n".as_bytes()
        ));
        assert!(!is_html("<2019年>工作要点\n一、总体要求\n".as_bytes()));
        assert!(!is_html(
            "<p 以下为正文>\n各省、自治区人民政府：\n".as_bytes()
        ));
        assert!(!is_html("a < b and c > d".as_bytes()));
        assert!(!is_html(b""));
        assert!(!is_html(b"%PDF-1.7\n<< /Type /Catalog >>"));
    }

    #[test]
    fn text_that_opens_with_one_tag_and_runs_on_is_not_html() {
        let mut text = String::from("<p>通知</p>\n");
        text.push_str(&"各区、市人民政府，市政府各部门：现将有关事项通知如下。\n".repeat(200));
        assert!(!is_html(text.as_bytes()));
    }

    #[test]
    fn the_repository_text_fixtures_are_not_html() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut seen = 0;
        for dir in [fixtures.clone(), fixtures.join("govcn")] {
            for entry in std::fs::read_dir(&dir).expect("fixtures") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let bytes = std::fs::read(&path).expect("fixture");
                    assert!(!is_html(&bytes), "{}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen >= 50, "{seen}");
    }
}
