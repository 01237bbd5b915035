//! Where a page's main content is, and which elements are not content.
//!
//! gov.cn's policy library marks its content `#UCAP-CONTENT`. On any other
//! page the content is found by text density: from `<body>` down, the walk
//! enters the child that holds nearly all of the page's text (links and
//! boilerplate not counted) as long as what it leaves behind holds no
//! heading, so a title printed beside its content stays with it.
//!
//! Boilerplate is left out wherever it is: navigation, headers, footers,
//! sidebars, scripts, styles, forms, hidden elements, elements whose class
//! or id says nav/menu/footer/header/breadcrumb/share, and short elements
//! whose text is a breadcrumb (`首页 > 政务公开 > 政策文件`), a share bar
//! (`【字体：大 中 小】 打印 关闭窗口`), a view counter (`访问量：1632`) or
//! a site footer (网站标识码, ICP备案号, 版权所有), and the list of related
//! articles a page prints between title and text (`关联稿件：` and its
//! links, whose dates and titles would read as the document's).

use ego_tree::iter::Edge;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

/// Elements that never hold content.
const NEVER_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "select",
    "button", "input", "textarea", "head", "object", "embed", "svg", "canvas", "map", "audio",
    "video", "title",
];

/// Parts of a class or id that mark boilerplate wherever they appear in it.
const BOILERPLATE_NAMES: &[&str] = &["nav", "menu", "footer", "breadcrumb", "crumb", "share"];

/// Whole words of a class or id that mark boilerplate.
const BOILERPLATE_WORDS: &[&str] = &["header", "head", "foot", "sidebar", "topbar", "bottom"];

/// The words of a share bar or page tool row.
const TOOL_WORDS: &[&str] = &[
    "打印本页",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "返回顶部",
    "分享到",
    "分享",
    "收藏",
    "字体",
    "字号",
    "大",
    "中",
    "小",
    "默认",
    "护眼",
    "【",
    "】",
    "[",
    "]",
    "：",
    ":",
    "|",
    "丨",
    "/",
    "·",
    "。",
];

/// Labels of a view counter: 访问量：1632.
const COUNTER_LABELS: &[&str] = &[
    "访问量",
    "访问次数",
    "浏览量",
    "浏览次数",
    "阅读量",
    "阅读次数",
    "点击量",
    "点击数",
    "点击次数",
];

/// Labels of a list of related articles (关联稿件：, 相关链接：).
const RELATED_LABELS: &[&str] = &[
    "关联稿件",
    "相关稿件",
    "相关链接",
    "相关文章",
    "相关新闻",
    "相关阅读",
    "相关推荐",
];

/// How long an element's text may be for its text alone to mark it.
const SHORT: usize = 300;

/// The share of the text a child must hold for the walk to enter it, in
/// percent.
const ENTER_SHARE: usize = 90;

/// What one pass over the page learned of each node: which elements are
/// boilerplate, how much content text each holds, which hold a heading.
/// Computed bottom-up once, so that judging every element costs linear
/// time however deep the page nests.
pub(crate) struct Facts {
    boilerplate: HashSet<NodeId, ById>,
    weight: HashMap<NodeId, usize, ById>,
    heading: HashSet<NodeId, ById>,
    /// gov.cn's content element, `#UCAP-CONTENT`, when the page has one.
    ucap: Option<NodeId>,
}

/// Hashes a node id by its number alone: the ids of one page are distinct
/// and dense, and the default hasher's work per lookup buys nothing here.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type ById = BuildHasherDefault<IdHasher>;

impl Facts {
    /// Learns the facts of every node of `document`; the `skip` elements
    /// (the metadata) count as no content.
    pub(crate) fn of(document: &Html, skip: &[NodeId]) -> Facts {
        let mut facts = Facts {
            boilerplate: HashSet::default(),
            weight: HashMap::default(),
            heading: HashSet::default(),
            ucap: None,
        };
        let mut short: HashMap<NodeId, Option<String>, ById> = HashMap::default();
        let mut articles = 0usize;
        for edge in document.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if let Some(element) = node.value().as_element() {
                        if is_article(element.name()) {
                            articles += 1;
                        }
                        if facts.ucap.is_none() && element.id() == Some("UCAP-CONTENT") {
                            facts.ucap = Some(node.id());
                        }
                    }
                }
                Edge::Close(node) => {
                    let text = node.value().as_text().map(|t| &**t);
                    let own_short = match text {
                        Some(text) => (text.chars().count() <= SHORT).then(|| text.to_owned()),
                        None => {
                            join_short(node.children().map(|c| short.remove(&c.id()).flatten()))
                        }
                    };
                    let Some(element) = ElementRef::wrap(node) else {
                        let weight =
                            text.map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
                        facts
                            .weight
                            .insert(node.id(), weight + facts.children_weight(node));
                        short.insert(node.id(), own_short);
                        continue;
                    };
                    let name = element.value().name();
                    if is_article(name) {
                        articles -= 1;
                    }
                    let boilerplate = is_boilerplate(element, articles > 0, own_short.as_deref());
                    if boilerplate {
                        facts.boilerplate.insert(node.id());
                    }
                    let hidden = boilerplate || name == "a" || skip.contains(&node.id());
                    let weight = if hidden {
                        0
                    } else {
                        facts.children_weight(node)
                    };
                    facts.weight.insert(node.id(), weight);
                    let titled = is_titled(element)
                        && own_short.as_deref().is_some_and(|t| !t.trim().is_empty());
                    if !hidden
                        && (titled || node.children().any(|c| facts.heading.contains(&c.id())))
                    {
                        facts.heading.insert(node.id());
                    }
                    short.insert(node.id(), own_short);
                }
            }
        }
        facts
    }

    /// Whether an element is boilerplate (see the module documentation).
    pub(crate) fn is_boilerplate(&self, element: ElementRef) -> bool {
        self.boilerplate.contains(&element.id())
    }

    fn weight(&self, element: ElementRef) -> usize {
        self.weight.get(&element.id()).copied().unwrap_or(0)
    }

    fn children_weight(&self, node: ego_tree::NodeRef<scraper::Node>) -> usize {
        node.children()
            .map(|c| self.weight.get(&c.id()).copied().unwrap_or(0))
            .sum()
    }
}

/// The short text of an element from its children's, if short enough.
fn join_short(children: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut text = String::new();
    for child in children {
        text.push_str(&child?);
        if text.chars().count() > SHORT {
            return None;
        }
    }
    Some(text)
}

fn is_article(name: &str) -> bool {
    matches!(name, "article" | "main")
}

/// A heading element, or one whose class or id says title.
fn is_titled(element: ElementRef) -> bool {
    let value = element.value();
    matches!(value.name(), "h1" | "h2" | "h3")
        || value
            .classes()
            .chain(value.id())
            .any(|n| n.to_ascii_lowercase().contains("title"))
}

/// The element that holds the page's main content.
pub(crate) fn main_content<'a>(document: &'a Html, facts: &Facts) -> ElementRef<'a> {
    let root = document.root_element();
    if let Some(ucap) = facts
        .ucap
        .and_then(|id| document.tree.get(id))
        .and_then(ElementRef::wrap)
    {
        return ucap;
    }
    let mut current = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    loop {
        let total = facts.weight(current);
        let children: Vec<(ElementRef, usize)> = current
            .children()
            .filter_map(ElementRef::wrap)
            .map(|c| (c, facts.weight(c)))
            .collect();
        let Some(&(best, best_weight)) = children.iter().max_by_key(|(_, w)| *w) else {
            return current;
        };
        let left_behind_heading = children
            .iter()
            .any(|(c, w)| c.id() != best.id() && *w > 0 && facts.heading.contains(&c.id()));
        if best_weight == 0 || best_weight * 100 < total * ENTER_SHARE || left_behind_heading {
            return current;
        }
        current = best;
    }
}

/// Whether an element is boilerplate, given whether it lies in an article
/// and its text when short.
fn is_boilerplate(element: ElementRef, in_article: bool, short: Option<&str>) -> bool {
    let value = element.value();
    let name = value.name();
    if NEVER_CONTENT.contains(&name) {
        return true;
    }
    if let Some(style) = value.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.to_ascii_lowercase().contains("display:none") {
            return true;
        }
    }
    if matches!(name, "header" | "footer") || boilerplate_name(element) {
        // A header inside an article is the article's own.
        return !(name == "header" && in_article);
    }
    // A paragraph that opens so is the document's own text.
    if matches!(
        name,
        "div" | "section" | "ul" | "ol" | "dl" | "table" | "td"
    ) && short.is_some_and(is_related_list)
    {
        return true;
    }
    matches!(
        name,
        "div"
            | "p"
            | "span"
            | "td"
            | "tr"
            | "table"
            | "ul"
            | "ol"
            | "li"
            | "section"
            | "center"
            | "font"
            | "dl"
    ) && short.is_some_and(boilerplate_text)
}

fn boilerplate_name(element: ElementRef) -> bool {
    let value = element.value();
    let mut names = value.classes().chain(value.id());
    names.any(|name| {
        let name = name.to_ascii_lowercase();
        BOILERPLATE_NAMES.iter().any(|b| name.contains(b))
            || name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| BOILERPLATE_WORDS.contains(&word))
    })
}

/// Whether a short text is a breadcrumb, a share bar or a site footer.
fn boilerplate_text(text: &str) -> bool {
    // Most short texts hold no whitespace: they are read as they are.
    let compact: Cow<'_, str> = if text.contains(char::is_whitespace) {
        Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(text)
    };
    if compact.is_empty() {
        return false;
    }
    let breadcrumb = ["首页", "当前位置", "您的位置", "您现在的位置", "所在位置"]
        .iter()
        .any(|start| compact.starts_with(start))
        && compact.contains(['>', '＞', '»', '›', '→']);
    let footer = [
        "网站标识码",
        "ICP备",
        "版权所有",
        "Copyright",
        "©",
        "京公网安备",
        "扫一扫在手机打开",
    ]
    .iter()
    .any(|mark| compact.contains(mark));
    breadcrumb || footer || is_counter(&compact) || is_tool_row(&compact)
}

/// Whether a compact text is a view counter: 访问量：1632, 浏览次数：.
fn is_counter(compact: &str) -> bool {
    COUNTER_LABELS.iter().any(|label| {
        compact.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start_matches(['：', ':']);
            rest.chars().all(|c| c.is_ascii_digit() || c == '次')
        })
    })
}

/// Whether a short text opens with the label of a list of related
/// articles (关联稿件：…).
fn is_related_list(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    RELATED_LABELS.iter().any(|label| {
        compact
            .strip_prefix(label)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['：', ':']))
    })
}

/// Whether a compact text is made only of share-bar words and holds at
/// least one word of its own (打印, 关闭, 分享 …), not only 大 中 小.
fn is_tool_row(compact: &str) -> bool {
    let mut rest = compact;
    let mut tools = 0;
    'outer: while !rest.is_empty() {
        for word in TOOL_WORDS {
            if let Some(after) = rest.strip_prefix(word) {
                if word.chars().count() >= 2 {
                    tools += 1;
                }
                rest = after;
                continue 'outer;
            }
        }
        return false;
    }
    tools > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boilerplate(html: &str) -> bool {
        let document = Html::parse_fragment(html);
        let facts = Facts::of(&document, &[]);
        let element = document
            .root_element()
            .children()
            .filter_map(ElementRef::wrap)
            .next()
            .expect("element");
        facts.is_boilerplate(element)
    }

    #[test]
    fn share_bars_breadcrumbs_and_footers_are_boilerplate() {
        assert!(boilerplate("<div>【字体：大 中 小】 打印 关闭</div>"));
        assert!(boilerplate("<div>[打印本页] [关闭窗口]</div>"));
        assert!(boilerplate("<p>返回顶部</p>"));
        assert!(boilerplate("<div>首页 &gt; 政务公开 &gt; 政策文件</div>"));
        assert!(boilerplate("<div>当前位置：首页 » 通知公告</div>"));
        assert!(boilerplate(
            "<div>网站标识码：3702000001 鲁ICP备05001820号</div>"
        ));
        assert!(boilerplate("<div class=\"bdsharebuttonbox\">x</div>"));
        assert!(boilerplate("<ul id=\"mainNav\"><li>首页</li></ul>"));
        assert!(boilerplate("<div class=\"page-header\">x</div>"));
        assert!(boilerplate("<div style=\"display: none\">x</div>"));
        assert!(boilerplate("<span>访问量：<b>1632</b></span>"));
        assert!(boilerplate(
            "<div><h3>关联稿件：</h3><ul><li><a href=\"x\">图文解读：《某县统计公报》</a>\
             <span>2023-07-12</span></li></ul></div>"
        ));
        assert!(boilerplate("<div><h3>相关链接</h3><ul></ul></div>"));
    }

    #[test]
    fn a_counter_and_related_links_between_title_and_text_are_left_out() {
        let page = "<html><body><div class=\"detail\">\
            <h1 class=\"article-title\">某县2022年国民经济和社会发展统计公报</h1>\
            <div class=\"article-attr\"><span>访问量：<b>12</b></span></div>\
            <div class=\"article-reldocuments\"><h3><span>关联稿件：</span></h3>\
            <ul><li><a href=\"x\">图文解读：《某县2022年国民经济和社会发展统计公报》</a>\
            <span class=\"time\">2023-07-12</span></li></ul></div>\
            <div class=\"article-content\"><p>某县统计局 国家统计局某县调查队<br>（2023年5月）</p>\
            <p>2022年，全县经济运行稳中向好，主要指标好于预期，发展质量不断提升。</p>\
            <p>一、综合</p><p>全年实现生产总值262.6亿元，同比增长5.3%。</p></div>\
            </div></body></html>";
        assert_eq!(
            crate::render(page).text,
            "某县2022年国民经济和社会发展统计公报\n某县统计局 国家统计局某县调查队\n（2023年5月）\n\
             2022年，全县经济运行稳中向好，主要指标好于预期，发展质量不断提升。\n一、综合\n\
             全年实现生产总值262.6亿元，同比增长5.3%。\n"
        );
    }

    #[test]
    fn content_is_not_boilerplate() {
        assert!(!boilerplate("<p>各区、市人民政府，市政府各部门：</p>"));
        assert!(!boilerplate("<p>大</p>"));
        assert!(!boilerplate(
            "<div class=\"article-content\">一、总体要求</div>"
        ));
        assert!(!boilerplate("<p>打印机采购项目</p>"));
        assert!(!boilerplate("<p>访问量大幅增长。</p>"));
        assert!(!boilerplate("<p>相关链接：见附件。</p>"));
        assert!(!boilerplate("<div>相关文章的作者</div>"));
    }
}
