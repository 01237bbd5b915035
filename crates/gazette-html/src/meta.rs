//! The publisher's metadata of a policy-library page: labelled cells such as
//! `索 引 号：` | `000014349/2019-00007` (a table, as gov.cn prints it) or
//! labelled lines (`<li><b>发布日期：</b>2019-02-15</li>`), read into a
//! [`PublishedMeta`]. Labels are matched with their inner spaces removed.
//! A page needs two known labels to have metadata at all, so that a body
//! table with a 标题 column is not mistaken for it. Unknown labels of the
//! same table go to `other`.
//!
//! Not for: the body text (see `render`), nor comparing the metadata with
//! what the text says (the parser does that).

use ego_tree::NodeId;
use gazette_model::{meta_label, MetaField, MetaLabel, MetaSource, PublishedMeta};
use scraper::{ElementRef, Html};

/// The metadata and the elements it was read from (left out of the text).
pub(crate) struct FoundMeta {
    pub meta: PublishedMeta,
    pub containers: Vec<NodeId>,
}

/// The longest label text (in chars, colon included) taken as a label.
const MAX_LABEL: usize = 10;

/// The most nodes an element that prints a label, or a list of labelled
/// lines, may have.
const MAX_LABEL_NODES: usize = 64;

/// The most text a list of labelled lines may hold.
const MAX_CONTAINER_CHARS: usize = 600;

/// Reads the metadata of a page; `None` when fewer than two known labels
/// are printed.
pub(crate) fn read(document: &Html) -> Option<FoundMeta> {
    let mut meta = PublishedMeta::new(MetaSource::HtmlTable);
    let mut known: Vec<MetaLabel> = Vec::new();
    let mut containers: Vec<NodeId> = Vec::new();
    let mut unknown: Vec<(NodeId, MetaField)> = Vec::new();
    // Lines with a label the metadata does not keep (公开方式：), each with
    // its container: left out with the list that holds the known ones.
    let mut other_lines: Vec<(NodeId, MetaField)> = Vec::new();
    for element in document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let name = element.value().name();
        let is_cell = matches!(name, "td" | "th");
        if !is_cell
            && !matches!(
                name,
                "li" | "p" | "div" | "span" | "b" | "strong" | "dt" | "label" | "em"
            )
        {
            continue;
        }
        let Some((label, inline_value)) = label_of(&element) else {
            continue;
        };
        let inline_value_given = inline_value.is_some();
        let value = match inline_value {
            Some(value) => value,
            None if is_cell => next_cell_text(&element),
            None => following_text(&element),
        };
        let container_id = container_of(&element, is_cell, inline_value_given);
        match field_of(&label) {
            Some((name, field)) => {
                if !known.contains(&field) {
                    known.push(field);
                }
                meta.set(name, field, &value);
                if !containers.contains(&container_id) {
                    containers.push(container_id);
                }
            }
            None if is_cell && !value.is_empty() => {
                unknown.push((container_id, MetaField { label, value }))
            }
            None if !is_cell && container_id != element.id() && !value.is_empty() => {
                other_lines.push((container_id, MetaField { label, value }))
            }
            None => {}
        }
    }
    if known.len() < 2 {
        return None;
    }
    for (container, field) in unknown {
        if containers.contains(&container) && !meta.other.contains(&field) {
            meta.other.push(field);
        }
    }
    let parent = |id: NodeId| {
        document
            .tree
            .get(id)
            .and_then(|n| n.parent())
            .map(|p| p.id())
    };
    let lists: Vec<NodeId> = containers.iter().filter_map(|&c| parent(c)).collect();
    for (container, field) in other_lines {
        if parent(container).is_some_and(|p| lists.contains(&p)) && !containers.contains(&container)
        {
            containers.push(container);
            if !meta.other.contains(&field) {
                meta.other.push(field);
            }
        }
    }
    Some(FoundMeta { meta, containers })
}

/// The element to leave out of the text with a label: a cell's table; a
/// labelled line's list (`<ul>` of `<li>`s) or the line itself; a label's
/// line (`<li><b>索引号：</b>…</li>`). A container that holds more than a
/// few lines is not taken, so that a label printed inside the body never
/// takes the body with it.
fn container_of(element: &ElementRef, is_cell: bool, inline_value: bool) -> NodeId {
    let candidate = if is_cell {
        table_of(element)
    } else if inline_value && element.value().name() != "li" {
        None
    } else {
        element.parent().and_then(ElementRef::wrap)
    };
    candidate
        .filter(|c| is_cell || short_text(c, MAX_CONTAINER_CHARS).is_some())
        .map_or(element.id(), |c| c.id())
}

/// The table a cell belongs to.
fn table_of<'a>(cell: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    cell.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "table")
}

/// The label an element prints, with the value printed after it in the
/// same element if any: `索 引 号：` → (`索引号`, None); `发布日期：2019-02-15`
/// → (`发布日期`, Some(`2019-02-15`)), the latter only for a known label.
fn label_of(element: &ElementRef) -> Option<(String, Option<String>)> {
    let text = short_text(element, 200)?;
    // A label ends with a colon: most elements have none.
    if !text.contains('：') && !text.contains(':') {
        return None;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let colon = compact.find(['：', ':'])?;
    let label = &compact[..colon];
    if label.is_empty()
        || label.chars().count() + 1 > MAX_LABEL
        || !label.chars().all(gazette_model::is_han)
    {
        return None;
    }
    let after = &compact[colon..];
    let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
    if after.is_empty() {
        return Some((label.to_owned(), None));
    }
    field_of(label)?;
    // The value as printed: what follows the colon in the uncompacted text.
    let printed = text.split_once(['：', ':']).map_or("", |(_, v)| v);
    Some((label.to_owned(), Some(clean(printed))))
}

/// The field a label (inner spaces removed) names; a known label without
/// a field of its own (来源) counts as unknown here, so that it never makes
/// a table metadata on its own.
fn field_of(label: &str) -> Option<(&'static str, MetaLabel)> {
    meta_label(label).filter(|(_, field)| *field != MetaLabel::Other)
}

/// The text of the next cell of the row.
fn next_cell_text(cell: &ElementRef) -> String {
    cell.next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .map_or_else(String::new, |next| clean(&next.text().collect::<String>()))
}

/// The text after a label element, up to the next label in its parent.
fn following_text(label: &ElementRef) -> String {
    let mut value = String::new();
    for node in label.next_siblings() {
        if let Some(element) = ElementRef::wrap(node) {
            if label_of(&element).is_some() {
                break;
            }
            value.extend(element.text());
        } else if let Some(text) = node.value().as_text() {
            value.push_str(text);
        }
    }
    clean(&value)
}

/// An element's text when it is at most `limit` chars long and made of a
/// few nodes (a label is; looking no further keeps the scan linear).
fn short_text(element: &ElementRef, limit: usize) -> Option<String> {
    let mut text = String::new();
    let mut count = 0;
    for (seen, node) in element.descendants().enumerate() {
        if seen > MAX_LABEL_NODES {
            return None;
        }
        if let Some(piece) = node.value().as_text() {
            count += piece.chars().count();
            if count > limit {
                return None;
            }
            text.push_str(piece);
        }
    }
    Some(text)
}

/// A value with its outer spaces (any kind) dropped and inner runs of
/// whitespace made one space.
fn clean(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_model::NaiveDate;

    fn meta_of(html: &str) -> Option<PublishedMeta> {
        read(&Html::parse_document(html)).map(|found| found.meta)
    }

    #[test]
    fn a_policy_library_table_is_read_with_its_spaced_labels() {
        let meta = meta_of(
            "<table><tr><td><b>索 引 号：</b></td><td>000014349/2019-00007</td>\
             <td><b>主题分类：</b></td><td>市场监管、安全生产监管\\工商</td></tr>\
             <tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2019年01月27日</td></tr>\
             <tr><td><b>标\u{3000}\u{3000}题：</b></td><td colspan=3>国务院关于推行监管的意见</td></tr>\
             <tr><td><b>发文字号：</b></td><td>国发〔2019〕5号</td><td><b>发布日期：</b></td><td>2019-02-15</td></tr>\
             <tr><td><b>主 题 词：</b></td><td>监管 抽查</td><td><b>联系单位：</b></td><td>市场监管总局</td></tr></table>",
        )
        .expect("meta");
        assert_eq!(meta.source, MetaSource::HtmlTable);
        assert_eq!(meta.index_number.as_deref(), Some("000014349/2019-00007"));
        assert_eq!(meta.topic.as_deref(), Some("市场监管、安全生产监管\\工商"));
        assert_eq!(meta.issuer.as_deref(), Some("国务院"));
        assert_eq!(meta.written, NaiveDate::from_ymd_opt(2019, 1, 27));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2019, 2, 15));
        assert_eq!(meta.title.as_deref(), Some("国务院关于推行监管的意见"));
        assert_eq!(meta.doc_number.as_deref(), Some("国发〔2019〕5号"));
        assert_eq!(meta.keywords, ["监管", "抽查"]);
        assert_eq!(
            meta.other,
            [MetaField {
                label: "联系单位".to_owned(),
                value: "市场监管总局".to_owned()
            }]
        );
    }

    #[test]
    fn labelled_lines_are_read_too() {
        let meta = meta_of(
            "<ul class=info><li><b>索引号：</b>11370200/2020-01</li>\
             <li>发布时间：2020/03/05 10:30</li><li><span>文号：</span><span>青政发〔2020〕3号</span></li></ul>",
        )
        .expect("meta");
        assert_eq!(meta.index_number.as_deref(), Some("11370200/2020-01"));
        assert_eq!(meta.published, NaiveDate::from_ymd_opt(2020, 3, 5));
        assert_eq!(meta.doc_number.as_deref(), Some("青政发〔2020〕3号"));
    }

    #[test]
    fn the_other_lines_of_a_labelled_list_go_with_it() {
        let page = "<html><body><dl>\
            <dd><label>索 引 号：</label><div>014742224A/2023-0043406</div></dd>\
            <dd><label>公开方式：</label><div>主动公开</div></dd>\
            <dd><label>公开范围：</label><div>面向全社会</div></dd>\
            <dd><label>责任部门：</label><div>某县统计局</div></dd></dl>\
            <h1>某县2022年国民经济和社会发展统计公报</h1><p>正文。</p></body></html>";
        let rendered = crate::render(page);
        let meta = rendered.meta.expect("meta");
        assert_eq!(meta.issuer.as_deref(), Some("某县统计局"));
        assert_eq!(meta.other.len(), 2);
        assert_eq!(
            rendered.text,
            "某县2022年国民经济和社会发展统计公报\n正文。\n"
        );
    }

    #[test]
    fn labels_inside_the_body_leave_the_body_in_the_text() {
        let body = "<div id=body><p>发布日期：2019-01-02</p><p>文号：青政发〔2019〕1号</p>"
            .to_owned()
            + &"<p>各区、市人民政府，市政府各部门：现将有关事项通知如下。</p>".repeat(20)
            + "</div>";
        let document = Html::parse_document(&body);
        let found = read(&document).expect("meta");
        let body_id = document
            .root_element()
            .descendants()
            .find(|n| ElementRef::wrap(*n).is_some_and(|e| e.value().id() == Some("body")))
            .map(|n| n.id());
        assert_eq!(found.containers.len(), 2);
        assert!(!found.containers.iter().any(|c| Some(*c) == body_id));
    }

    #[test]
    fn one_label_alone_is_not_metadata() {
        assert_eq!(
            meta_of("<table><tr><td>标题：</td><td>某某</td></tr></table>"),
            None
        );
        assert_eq!(
            meta_of("<p>各省、自治区：</p><p>现将有关事项通知如下：</p>"),
            None
        );
    }

    #[test]
    fn an_unreadable_date_is_kept_as_printed() {
        let meta = meta_of("<table><tr><td>索引号：</td><td>1</td><td>成文日期：</td><td>二〇一九年</td></tr></table>")
            .expect("meta");
        assert_eq!(meta.written, None);
        assert_eq!(meta.other[0].value, "二〇一九年");
    }
}
