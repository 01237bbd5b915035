//! Pieces of the linked archive that several pages show: tables of tasks,
//! deadlines and provisions (on a document's page without a document
//! column, on the unit, calendar and provisions pages with one), a list of
//! names with counts, and the sections the document page gains (引用文件,
//! 被引用, 责任单位, 时间节点, 数量规定, 名单).
//!
//! Every table is a real table in a labelled, focusable region, like the
//! document's own tables; every document text goes through maud.

use gazette_archive::types::{Deadline, Provision, Roster, UnitMention};
use gazette_archive::{DocumentLinks, FactSource, ResolvedReference};
use maud::{html, Markup};

use crate::urls;
use crate::views::KeyedList;

/// A row of a linked table, with its document when the table spans
/// several documents.
pub struct Row<'a, T> {
    /// The document, `None` on that document's own page.
    pub source: Option<&'a FactSource>,
    /// The record.
    pub item: &'a T,
}

/// Rows of records of one document, without a document column.
pub fn own_rows<T>(items: &[T]) -> Vec<Row<'_, T>> {
    items
        .iter()
        .map(|item| Row { source: None, item })
        .collect()
}

/// A table in a focusable region named `label` (a name of its own: the
/// section around it is a landmark named by its heading).
fn region(label: &str, head: &[&str], body: Markup) -> Markup {
    html! {
        div class="table-wrap" role="region" aria-label=(label) tabindex="0" {
            table {
                thead { tr { @for column in head { th scope="col" { (column) } } } }
                tbody { (body) }
            }
        }
    }
}

/// The link of a document in a table: its title, with its number.
fn document_cell(source: &FactSource, fragment: Option<&str>) -> Markup {
    let mut href = urls::document_page(&source.slug);
    if let Some(fragment) = fragment {
        href.push('#');
        href.push_str(&urls::encode(fragment));
    }
    html! {
        a href=(href) { (source.title) }
        @if let Some(number) = &source.doc_number { br; span class="meta" { (number) } }
    }
}

/// Where a record is printed: its line, its table row, linked to its
/// section on the document's page.
fn place(line: usize, row: Option<u32>, section: Option<&str>, on_page: bool) -> Markup {
    let text = match row {
        Some(row) => format!("第 {line} 行，序号 {row}"),
        None => format!("第 {line} 行"),
    };
    html! {
        @match (section, on_page) {
            (Some(section), true) => a href=(format!("#{}", urls::encode(section))) { (text) },
            _ => (text),
        }
    }
}

/// The tasks of units: unit (or document), role, task, place.
pub fn tasks_table(label: &str, rows: &[Row<'_, UnitMention>]) -> Markup {
    let spans_documents = rows.iter().any(|r| r.source.is_some());
    let first = if spans_documents {
        "文件"
    } else {
        "责任单位"
    };
    let body = html! {
        @for row in rows {
            @let mention = row.item;
            tr {
                td {
                    @match row.source {
                        Some(source) => (document_cell(source, mention.section.as_deref())),
                        None => {
                            a href=(urls::unit_page(&mention.unit)) { (mention.unit) }
                            @if mention.published != mention.unit {
                                br; span class="meta" { "原文：" (mention.published) }
                            }
                        }
                    }
                }
                td { (mention.role.label()) }
                td { (mention.task) }
                td { (place(mention.line, mention.row, mention.section.as_deref(), !spans_documents)) }
            }
        }
    };
    region(label, &[first, "角色", "任务", "位置"], body)
}

/// Deadlines: date, kind, what it governs, where a report goes, (document).
pub fn deadlines_table(label: &str, rows: &[Row<'_, Deadline>]) -> Markup {
    let spans_documents = rows.iter().any(|r| r.source.is_some());
    let mut head = vec!["时间", "类别", "事项", "报送单位"];
    if spans_documents {
        head.push("文件");
    }
    let body = html! {
        @for row in rows {
            @let deadline = row.item;
            tr {
                td { (deadline.when.describe()) br; span class="meta" { "原文：" (deadline.printed) } }
                td { (deadline.when.label()) }
                td { (deadline.governs) }
                td { (deadline.unit.as_deref().unwrap_or("")) }
                @if let Some(source) = row.source {
                    td { (document_cell(source, deadline.section.as_deref())) }
                }
            }
        }
    };
    region(label, &head, body)
}

/// Provisions: subject, value, old value, effective period, context,
/// (document).
pub fn provisions_table(label: &str, rows: &[Row<'_, Provision>]) -> Markup {
    let spans_documents = rows.iter().any(|r| r.source.is_some());
    let mut head = vec!["事项", "数值", "原值", "有效期", "原文"];
    if spans_documents {
        head.push("文件");
    }
    let body = html! {
        @for row in rows {
            @let provision = row.item;
            tr {
                td { a href=(urls::provisions_page(Some(&provision.subject), None)) { (provision.subject) } }
                td {
                    (provision.value_text())
                    @if let Some(total) = &provision.part_of { br; span class="meta" { "其中（共 " (total) "）" } }
                    @if let Some(base) = &provision.base { br; span class="meta" { "基数：" (base) } }
                }
                td { (provision.old.as_ref().map(ToString::to_string).unwrap_or_default()) }
                td { (provision.effective.describe()) }
                td { (provision.context) }
                @if let Some(source) = row.source {
                    td { (document_cell(source, provision.section.as_deref())) }
                }
            }
        }
    };
    region(label, &head, body)
}

/// A list of names with their counts, each linked to its page.
pub fn name_list(list: &KeyedList, unit: &str) -> Markup {
    html! {
        ul class="plain-list name-list" {
            @for item in &list.items {
                li {
                    a href=(item.url) { (item.name) }
                    " " span class="count" { "(" (item.count) " " (unit) "，" (item.documents) " 件文件)" }
                }
            }
        }
    }
}

/// The sections a document's page gains from the linked archive.
pub fn document_sections(links: &DocumentLinks) -> Markup {
    html! {
        (references(&links.references))
        (cited_by(links))
        @if !links.units.is_empty() {
            section aria-labelledby="units-title" {
                h2 id="units-title" { "责任单位" }
                (tasks_table("责任单位表", &own_rows(&links.units)))
            }
        }
        @if !links.deadlines.is_empty() {
            section aria-labelledby="deadlines-title" {
                h2 id="deadlines-title" { "时间节点" }
                p {
                    a href=(urls::calendar_ics(Some(&links.document.id), None)) { "导入日历（iCalendar .ics）" }
                    " · "
                    a href=(urls::calendar_page(Some(&links.document.id), None)) { "日历页" }
                }
                (deadlines_table("时间节点表", &own_rows(&links.deadlines)))
            }
        }
        @if !links.provisions.is_empty() {
            section aria-labelledby="provisions-title" {
                h2 id="provisions-title" { "数量规定" }
                (provisions_table("数量规定表", &own_rows(&links.provisions)))
            }
        }
        @for (i, roster) in links.rosters.iter().enumerate() {
            (roster_section(i, roster))
        }
    }
}

/// 引用文件: each citation, linked when the archive holds it, else marked
/// external with its issuing body.
fn references(references: &[ResolvedReference]) -> Markup {
    html! {
        @if !references.is_empty() {
            section class="references" aria-labelledby="references-title" {
                h2 id="references-title" { "引用文件" }
                ul {
                    @for resolved in references { li { (reference(resolved)) } }
                }
            }
        }
    }
}

/// One citation: 《title》（number）, the number (or, without one, the
/// title) linked to the archived document; else marked 未收录 with the
/// issuing body when the issuer code tells it.
fn reference(resolved: &ResolvedReference) -> Markup {
    let cited = &resolved.reference;
    let linked = |text: &str| match &resolved.target {
        Some(target) => {
            html! { a href=(urls::document_page(&target.slug)) title=(target.title) { (text) } }
        }
        None => html! { (text) },
    };
    html! {
        @if let Some(title) = &cited.title {
            "《"
            @if cited.doc_number.is_some() { (title) } @else { (linked(title)) }
            "》"
        }
        @if let Some(number) = &cited.doc_number { "（" (linked(number)) "）" }
        @if resolved.target.is_none() {
            " " span class="meta" {
                "未收录"
                @if let Some(body) = &cited.issuing_body { "，发文机关：" (body) }
            }
        }
    }
}

/// 被引用: the documents that cite this one.
fn cited_by(links: &DocumentLinks) -> Markup {
    html! {
        @if !links.cited_by.is_empty() {
            section aria-labelledby="cited-by-title" {
                h2 id="cited-by-title" { "被引用" }
                ul class="plain-list" {
                    @for citing in &links.cited_by {
                        li {
                            a href=(urls::document_page(&citing.source.slug)) { (citing.source.title) }
                            @if let Some(number) = &citing.source.doc_number { " " span class="meta" { "（" (number) "）" } }
                        }
                    }
                }
            }
        }
    }
}

/// A command roster: role, person, post; what could not be paired is
/// listed as printed.
fn roster_section(index: usize, roster: &Roster) -> Markup {
    let id = format!("roster-{index}-title");
    let body = html! {
        @for entry in &roster.entries {
            tr {
                td { (entry.role) }
                td { (entry.person) }
                td { (entry.post) }
            }
        }
    };
    let title = roster.title.as_deref().unwrap_or("人员名单");
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) { "名单：" (title) }
            (region(&format!("{title}（第 {} 表）", index + 1), &["职责", "姓名", "职务"], body))
            @if !roster.unpaired.is_empty() {
                details {
                    summary { "未能可靠配对的内容（" (roster.unpaired.len()) "）" }
                    ul { @for piece in &roster.unpaired { li { (piece.text) " " span class="meta" { "（第 " (piece.line) " 行）" } } } }
                }
            }
        }
    }
}
