//! A web page printed to PDF by a browser: the page's own lines at the head
//! of its first page taken out of the document, its metadata line read.
//!
//! A browser print keeps, besides the running date stamp, page title and
//! address that `artifacts` takes from every page, lines of the page that
//! are printed once, at the head of the first page:
//! - the browser tab's title, in large type and broken over one to six
//!   lines: the page's headline, the column and the site, joined by `_`
//!   (`…的通知_国务院部门文件_中国政府网 (www.gov.cn)`,
//!   `境外投资管理办法__2014年第35号国务院公报_中国政府网`);
//! - the page's metadata line (`发布时间： 2025-08-27 来源：中国政府网 字号：
//!   [ 大 ] [ 中 ] [ 小 ]`, `2017-01-18 13:34 来源： 国资委网站 字号： 默认 大
//!   超大`), read as in a web page's text (`webtext`), and rows of the
//!   page's buttons (`打印`) beside it.
//!
//! [`WebPrint::find`] blanks them in a working text of the same length (so
//! spans need no mapping); [`WebPrint::apply`] keeps them as the issue's
//! artifacts (`web_chrome`, `meta_line`) and gives the metadata to the first
//! document (source `text_block`). Nothing is lost.
//!
//! Each judges the kind of a line, never its words: a tab title is any run
//! of head lines that ends in `_` and a site's name (…网, …网站); a metadata
//! line any line of labelled fields with a publisher's field among them.
//!
//! Not for: running headers and footers, page numbers (`artifacts`); the
//! text of a web page without pages (`webtext`).

use gazette_model::{is_han, ArtifactKind, Issue, MetaSource, PublishedMeta, Span};

use crate::pagelines;
use crate::published;
use crate::webtext::{self, PageLine};

/// A tab title is printed over at most this many lines.
const TITLE_LINES: usize = 6;

/// The metadata line and the page's buttons are looked for among this many
/// first non-blank lines of the first page after the tab title.
const HEAD_LINES: usize = 8;

/// Longest tab title, in characters without whitespace.
const TITLE_CHARS: usize = 160;

/// The page's lines of a browser print and its working text.
#[derive(Debug, Clone)]
pub(crate) struct WebPrint {
    /// The text with the page's lines blanked.
    pub work: String,
    lines: Vec<PageLine>,
    meta: PublishedMeta,
}

impl WebPrint {
    /// The page's lines of `text`, when it is paged text whose first page
    /// opens with a tab title or holds a metadata line.
    pub(crate) fn find(text: &str) -> Option<WebPrint> {
        let first_page_end = memchr::memchr(0x0C, text.as_bytes())?;
        let head = head_lines(&text[..first_page_end]);
        let mut page = Vec::new();
        let mut from = 0;
        if let Some(lines) = tab_title(text, &head) {
            from = lines.end;
            page.extend(head[lines].iter().map(|&(line, span)| PageLine {
                kind: ArtifactKind::WebChrome,
                span,
                line,
            }));
        }
        let mut meta = PublishedMeta::new(MetaSource::TextBlock);
        let mut found_meta = false;
        for &(line, span) in head.iter().skip(from).take(HEAD_LINES) {
            let printed = span.of(text);
            if let Some(fields) = webtext::meta_fields(printed).filter(|f| is_publishers(f)) {
                for (label, _, value) in fields {
                    published::set(&mut meta, label, value);
                }
                found_meta = true;
                page.push(PageLine {
                    kind: ArtifactKind::MetaLine,
                    span,
                    line,
                });
            } else if found_meta && pagelines::is_button_row(printed) {
                page.push(PageLine {
                    kind: ArtifactKind::WebChrome,
                    span,
                    line,
                });
            }
        }
        if page.is_empty() {
            return None;
        }
        Some(WebPrint {
            work: webtext::blanked(text, &page)?,
            lines: page,
            meta,
        })
    }

    /// The first bytes of the page's lines, in order.
    pub(crate) fn page_line_starts(&self) -> Vec<usize> {
        webtext::line_starts(&self.lines)
    }

    /// Brings the page's lines and metadata into `issue`, parsed from the
    /// working text.
    pub(crate) fn apply(self, issue: &mut Issue, text: &str) {
        webtext::bring_in(issue, self.lines, self.meta, text);
    }
}

/// The non-blank lines of a page: number (1-based) and trimmed span.
fn head_lines(page: &str) -> Vec<(usize, Span)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (k, line) in page.split('\n').enumerate() {
        let content = line.trim();
        if !content.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let at = start + lead;
            lines.push((k + 1, Span::new(at, at + content.len())));
        }
        start += line.len() + 1;
    }
    lines
}

/// The indices in `head` of the lines of a tab title that opens the page
/// (after a print's date stamp, if any: `artifacts` takes that).
fn tab_title(text: &str, head: &[(usize, Span)]) -> Option<std::ops::Range<usize>> {
    let first = usize::from(head.first().is_some_and(|&(_, s)| is_stamp(s.of(text))));
    let mut joined = String::new();
    for (k, &(_, span)) in head.iter().enumerate().skip(first).take(TITLE_LINES) {
        joined.extend(span.of(text).chars().filter(|c| !c.is_whitespace()));
        if joined.chars().count() > TITLE_CHARS {
            return None;
        }
        if is_tab_title(&joined) {
            return Some(first..k + 1);
        }
    }
    None
}

/// A print's date stamp: digits, date and time separators, spaces.
fn is_stamp(line: &str) -> bool {
    let digits = line.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | ':' | '.' | ' '))
}

/// Whether `joined` (no whitespace) is a tab title: a headline of four
/// characters or more, `_`, and a site's name last, maybe with its address
/// in brackets (`_中国政府网(www.gov.cn)`).
fn is_tab_title(joined: &str) -> bool {
    let Some((headline, site)) = joined.rsplit_once('_') else {
        return false;
    };
    let site = match site.find(['(', '（']) {
        Some(at) if site[at..].contains("www") || site[at..].contains('.') => &site[..at],
        Some(_) => return false,
        None => site,
    };
    // A bracket the text layer misread before the address.
    let site = site.trim_end_matches(['《', '〈', '「']);
    let n = site.chars().count();
    headline.trim_end_matches('_').chars().count() >= 4
        && (2..=16).contains(&n)
        && site.chars().all(is_han)
        && (site.ends_with('网') || site.ends_with("网站"))
}

/// Whether the fields of a line are a publisher's: a strong field with its
/// value and another field beside it.
fn is_publishers(fields: &[webtext::Field<'_>]) -> bool {
    fields.len() >= 2
        && fields
            .iter()
            .any(|(_, kind, value)| webtext::STRONG.contains(kind) && !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_titles_are_recognised() {
        assert!(is_tab_title(
            "国家文物局关于印发《革命文物保护利用“十四五”专项规划》的通知_国务院部门文件_中国政府网《(www.gov.cn)"
        ));
        assert!(is_tab_title(
            "中华人民共和国商务部令（2014年第3号）境外投资管理办法__2014年第35号国务院公报_中国政府网"
        ));
        assert!(!is_tab_title("国务院关于深入实施“人工智能+”行动的意见"));
        assert!(!is_tab_title("附件_1"));
        assert!(!is_tab_title("关于印发实施办法的通知_第二部分"));
    }

    #[test]
    fn a_print_loses_its_tab_title_and_metadata_line() {
        let text = "关于推进某项工作的通知_政策文件_某某市人民政府网\n关于推进某项工作的通知\n发布时间：2025-08-27 来源：某某网 字号：[大][中][小]\n某政发〔2025〕1号\n各区人民政府：\n现通知如下。\n\u{c}第二页\n";
        let print = WebPrint::find(text).expect("a browser print");
        let kinds: Vec<(ArtifactKind, &str)> = print
            .lines
            .iter()
            .map(|l| (l.kind, l.span.of(text)))
            .collect();
        assert_eq!(kinds.len(), 2);
        assert_eq!(kinds[0].0, ArtifactKind::WebChrome);
        assert_eq!(kinds[1].0, ArtifactKind::MetaLine);
        assert_eq!(print.work.len(), text.len());
        assert!(print.work.starts_with(' '));
        assert!(
            WebPrint::find("青岛市人民政府公报\n关于某事的通知\n正文。\n\u{c}第二页\n").is_none()
        );
    }
}
