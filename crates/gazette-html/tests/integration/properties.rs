//! Property tests: no page, however broken, makes the renderer panic;
//! rendered text is never paged (no form feed) and holds no control
//! characters other than TAB and newline; any bytes give `Ok` or a typed
//! error from `decode`.

use proptest::prelude::*;

/// Pieces that pages are made of, so that random pages reach the
/// renderer's real paths (tables inside tables, metadata labels, share
/// bars, breadcrumbs, unclosed and stray tags).
const PIECES: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<tbody>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<span>",
    "</span>",
    "<b>索 引 号：</b>",
    "发布日期：",
    "2019年01月27日",
    "2019-02-15",
    "<div id=\"UCAP-CONTENT\">",
    "<nav>",
    "</nav>",
    "<div class=\"footer\">",
    "【字体：大 中 小】",
    "打印",
    "首页 > 政策",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
    "&nbsp;",
    "&lt;",
    "&#x4E2D;",
    "&bogus;",
    "\u{c}",
    "\u{1}",
    "\t",
    "\n",
    " ",
    "国务院",
    "<",
    ">",
    "<!--",
    "-->",
    "<caption>",
    "<td colspan=3>",
    "<li>",
    "<ul class=\"nav\">",
    "<meta charset=gbk>",
    "国发〔2019〕5号",
    "各省人民政府：",
];

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rendering_never_panics_and_gives_plain_lines(html in page()) {
        let page = gazette_html::render(&html);
        prop_assert!(!page.text.chars().any(|c| c.is_control() && c != '\t' && c != '\n'));
        prop_assert!(page.text.is_empty() || page.text.ends_with('\n'));
        let _ = gazette_parse::parse_with_meta(&page.text, gazette_model::TextForm::Html, page.meta);
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = gazette_html::is_html(&bytes);
        if let Ok(decoded) = gazette_html::decode(&bytes) {
            let _ = gazette_html::render(&decoded.html);
        }
    }
}

#[test]
fn a_deeply_nested_page_renders() {
    let depth = 5000;
    let html = format!(
        "{}国务院{}",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let page = gazette_html::render(&html);
    assert_eq!(page.text, "国务院\n");
}
