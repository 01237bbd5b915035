//! HTML page → text for the gazette parser: the page's main content as
//! lines, and the metadata table a policy library prints above a document
//! (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 主题词).
//!
//! [`is_html`] tells a page by its content, not its file name. [`decode`]
//! reads the bytes as UTF-8 or in the charset the page declares
//! (`<meta charset=gb2312>`). [`render`] parses the markup with html5ever
//! (through `scraper`), finds the main content (`#UCAP-CONTENT` on gov.cn's
//! policy library; elsewhere the element that holds the page's text, with
//! navigation, breadcrumbs, share bars, headers and footers left out) and
//! writes it as text: block elements end lines, a data table becomes one
//! line per row with its cells separated by TABs (the layout the parser
//! rebuilds tables from), inline runs join without spaces between Chinese
//! characters. The metadata table is read into a [`PublishedMeta`] and is
//! not part of the text.
//!
//! What this crate is not: a parser of 公文 (see `gazette-parse`), nor a
//! place that stores anything: the archive keeps the page as published and
//! the rendered text beside it. It does no I/O and panics on no input.
//!
//! ```
//! let page = r#"<!DOCTYPE html><html><body>
//!   <table><tr><td>索 引 号：</td><td>000014349/2019-00007</td>
//!              <td>发布日期：</td><td>2019年02月15日</td></tr></table>
//!   <div id="UCAP-CONTENT"><p>国务院关于推行监管的意见</p><p>国发〔2019〕5号</p></div>
//! </body></html>"#;
//! assert!(gazette_html::is_html(page.as_bytes()));
//! let decoded = gazette_html::decode(page.as_bytes())?;
//! let rendered = gazette_html::render(&decoded.html);
//! assert_eq!(rendered.text, "国务院关于推行监管的意见\n国发〔2019〕5号\n");
//! let meta = rendered.meta.expect("metadata table");
//! assert_eq!(meta.index_number.as_deref(), Some("000014349/2019-00007"));
//! # Ok::<(), gazette_html::HtmlError>(())
//! ```

mod charset;
mod content;
mod detect;
mod meta;
mod render;

pub use charset::{decode, Decoded};
pub use detect::is_html;
pub use gazette_model::PublishedMeta;

/// Why the bytes of a page give no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// The page declares a charset this crate does not read.
    #[error("the page declares the charset {label:?}, which is not supported (UTF-8, GBK/GB2312, GB18030, Big5, UTF-16)")]
    UnsupportedCharset {
        /// The label as declared.
        label: String,
    },
    /// The bytes are not valid in the charset the page declares (or, with
    /// none declared, neither UTF-8 nor GB18030).
    #[error("the page is not valid {encoding}: it cannot be decoded")]
    Undecodable {
        /// The encoding tried last.
        encoding: &'static str,
    },
}

/// A page rendered to text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The main content, one line per block, table rows TAB-separated;
    /// every line ends with a newline.
    pub text: String,
    /// The publisher's metadata table, when the page has one.
    pub meta: Option<PublishedMeta>,
}

/// Renders a decoded page: its main content as text and its metadata.
pub fn render(html: &str) -> Page {
    let document = scraper::Html::parse_document(html);
    let meta = meta::read(&document);
    let skip: Vec<_> = meta
        .as_ref()
        .map(|m| m.containers.clone())
        .unwrap_or_default();
    let facts = content::Facts::of(&document, &skip);
    let main = content::main_content(&document, &facts);
    let text = render::render(main, &skip, &facts);
    Page {
        text,
        meta: meta.map(|m| m.meta),
    }
}
