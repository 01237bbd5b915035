//! The page of one document: a status banner when it is not in force
//! (with the date and the repealing document, linked when archived), its
//! 解读 (or, on a 解读, the document it explains),
//! title and metadata, corrections beside what was published, the outline,
//! the body, attachments, the linked archive's sections (references linked
//! to archived documents or marked external, cited by, responsible units,
//! deadlines, provisions, rosters), appointments, the status history and
//! the parser's warnings.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use gazette_archive::types::Correction;
use gazette_archive::{
    ArchiveReader, DocumentLinks, DocumentView, Evidence, EvidenceKind, PublishedFrom,
    StatusSource, PDF_ENCODING,
};
use gazette_model::{is_corrected, Document, NaiveDate, PublishedMeta, Status, StatusChange};
use maud::{html, Markup};

use super::layout::{page, Frame};
use super::{body, linked};
use crate::cache::{cached, CachePolicy};
use crate::error::ApiResult;
use crate::extract::Key;
use crate::state::AppState;
use crate::urls;

/// What the page shows beside the document itself.
struct Context {
    view: DocumentView,
    corrections: Vec<Correction>,
    /// Archived documents named by the status history, by 发文字号:
    /// (slug, title).
    links: HashMap<String, (String, String)>,
    /// What the document cites, what cites it, its units, deadlines,
    /// provisions and rosters.
    linked: DocumentLinks,
    today: NaiveDate,
    /// The issue was published as a PDF: its pages can be linked.
    from_pdf: bool,
}

pub(super) async fn document(
    State(state): State<AppState>,
    Key(key): Key,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let context = state.read(move |reader| context(reader, &key)).await?;
    let markup = render(&context);
    Ok(cached(
        &headers,
        "text/html; charset=utf-8",
        CachePolicy::Content,
        markup.into_string(),
    ))
}

fn context(reader: &ArchiveReader, key: &str) -> ApiResult<Context> {
    let view = reader.document(key)?;
    let corrections = reader.corrections(&view.record.id)?;
    let doc = &view.record.document;
    let numbers = view
        .status_history
        .iter()
        .filter_map(|c| c.by_document.clone());
    let mut links = HashMap::new();
    for number in numbers {
        if links.contains_key(&number) || doc.doc_number.as_deref() == Some(number.as_str()) {
            continue;
        }
        if let Some(found) = reader.find_document(&number)? {
            links.insert(number, (found.record.slug, found.record.document.title));
        }
    }
    let from_pdf = reader
        .issue(view.record.issue_id)?
        .is_some_and(|issue| issue.encoding == PDF_ENCODING);
    let linked = reader.links_of(&view.record)?;
    Ok(Context {
        view,
        corrections,
        links,
        linked,
        today: gazette_model::china_today(),
        from_pdf,
    })
}

fn render(context: &Context) -> Markup {
    let record = &context.view.record;
    let doc = &record.document;
    let corrected = gazette_archive::corrected(&context.corrections);
    let main = html! {
        (status_banner(context))
        (super::interpretation::links(&context.view.interpretations))
        article aria-labelledby="doc-title" {
            h1 id="doc-title" { (doc.title) }
            @if let Some(title) = corrected.get("title") {
                p class="notice" { "标题更正：应为「" (title) "」。上方为公报刊登的标题。" }
            }
            (metadata(context, &corrected))
            div class="doc-layout" {
                @if let Some(outline) = body::outline(doc) { (outline) }
                div {
                    (body::body(doc))
                    (attachments(doc))
                    (linked::document_sections(&context.linked))
                    (appointments(doc))
                    (corrections(&context.corrections))
                    (history(context))
                    (warnings(doc))
                }
            }
        }
    };
    page(
        &Frame {
            title: &doc.title,
            header_search: true,
            ..Frame::default()
        },
        main,
    )
}

/// The status with where it comes from and why (the editor's record, the
/// archive's texts with each finding and its document, or 未核实); a
/// document an editor recorded as in force has none. Changes recorded for
/// later days follow it.
fn status_banner(context: &Context) -> Markup {
    let validity = &context.view.validity;
    let history = &context.view.status_history;
    let upcoming: Vec<&StatusChange> = history
        .iter()
        .enumerate()
        .filter(|(i, c)| c.effective > context.today && !is_corrected(history, *i))
        .map(|(_, c)| c)
        .collect();
    let shown = !(validity.source == StatusSource::Recorded && validity.status == Status::InForce);
    let source = match validity.source {
        StatusSource::Recorded => "编辑核定",
        StatusSource::Derived => "据本库所收文件推定，尚未经编辑核定",
        StatusSource::None => "本库所收文件未见效力依据，编辑亦未核定",
    };
    html! {
        @if shown {
            div class="banner" data-status=(validity.status.code()) data-source=(source_code(validity.source)) {
                p {
                    @if let Some(change) = &validity.recorded {
                        strong { "本文件" (change.status.label()) }
                        "（" (source) "，自 " (change.effective.to_string()) " 起）"
                        @if let Some(by) = &change.by_document {
                            "。依据：" (document_link(context, by))
                        }
                        @if let Some(reason) = &change.reason { "。" (reason) }
                    } @else {
                        strong { (validity.summary) }
                        "（" (source) "）"
                    }
                    "。"
                }
                @for evidence in validity.evidence.iter().filter(|e| e.status.is_some() || validity.source != StatusSource::Recorded) {
                    (evidence_line(context, evidence))
                }
            }
        }
        @for change in upcoming {
            p class="notice" {
                "将于 " (change.effective.to_string()) " 起变为「" (change.status.label()) "」"
                @if let Some(by) = &change.by_document { "，依据：" (document_link(context, by)) }
                "。"
            }
        }
    }
}

fn source_code(source: StatusSource) -> &'static str {
    match source {
        StatusSource::Recorded => "recorded",
        StatusSource::Derived => "derived",
        StatusSource::None => "none",
    }
}

/// One finding: what it says, the sentence, and the document it is in.
fn evidence_line(context: &Context, evidence: &Evidence) -> Markup {
    let own = evidence.document.id == context.view.record.id;
    let kind = match (evidence.kind, evidence.applies) {
        (EvidenceKind::ProvisionEnd, _) => "部分条款到期（不影响全文效力）",
        (EvidenceKind::Repeal, false) => "将被废止",
        (EvidenceKind::CleanupList, _) => "清理结果",
        (EvidenceKind::Expiry, false) => "有效期",
        _ => "依据",
    };
    html! {
        p class="evidence" data-kind=(evidence_code(evidence.kind)) {
            (kind) "：" (evidence.summary)
            @if !own {
                "，见 "
                a href=(urls::document_page(&evidence.document.slug)) {
                    (evidence.document.doc_number.as_deref().unwrap_or(&evidence.document.title))
                }
            }
            " —「" (evidence.clause) "」（第 " (evidence.line) " 行）"
        }
    }
}

fn evidence_code(kind: EvidenceKind) -> &'static str {
    match kind {
        EvidenceKind::Expiry => "expiry",
        EvidenceKind::Repeal => "repeal",
        EvidenceKind::TakesEffect => "takes_effect",
        EvidenceKind::ProvisionEnd => "provision_end",
        EvidenceKind::Amendment => "amendment",
        EvidenceKind::CleanupList => "cleanup_list",
    }
}

/// A 发文字号, linked to its document when archived.
fn document_link(context: &Context, number: &str) -> Markup {
    html! {
        @match context.links.get(number) {
            Some((slug, title)) => a href=(urls::document_page(slug)) title=(title) { (number) },
            None => (number),
        }
    }
}

fn metadata(context: &Context, corrected: &std::collections::BTreeMap<String, String>) -> Markup {
    let record = &context.view.record;
    let doc = &record.document;
    let fix = |field: &str| corrected.get(field);
    html! {
        dl class="doc-meta" {
            dt { "发文字号" }
            dd { (doc.doc_number.as_deref().unwrap_or("无")) (correction_note(fix("doc_number"))) }
            dt { "成文日期" }
            dd {
                (doc.date.map(|d| d.to_string()).unwrap_or_else(|| "不详".to_owned()))
                (correction_note(fix("date")))
            }
            @if let (Some(published), Some(PublishedFrom::Issue)) = (context.view.dates.published, context.view.dates.published_from) {
                dt { "发布日期" }
                dd data-field="published" { (published) "（所在期次的出版日期）" }
            }
            (effect_dates(doc))
            dt { "发文机关" }
            dd { (if doc.issuer.is_empty() { "不详".to_owned() } else { doc.issuer.join("、") }) (correction_note(fix("issuer"))) }
            @if doc.issuer_canonical.iter().map(|c| &c.name).ne(doc.issuer.iter()) {
                dt { "发文机关全称" }
                dd { (doc.issuer_canonical.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join("、")) }
            }
            dt { "文种" }
            dd { (doc.doc_type.as_deref().unwrap_or("不详")) (correction_note(fix("doc_type"))) }
            @if !doc.recipients.is_empty() {
                dt { "主送" }
                dd { (doc.recipients.join("，")) }
            }
            dt { "效力状态" }
            dd { (context.view.validity.summary) }
            @if let Some(meta) = &doc.published_meta {
                (published_meta(meta, doc.date))
            }
            dt { "刊登于" }
            dd {
                a href=(urls::issue_page(record.issue_id)) { "所在期次（收录第 " (record.issue_id) " 号）" }
                "，第 " (record.ordinal) " 篇"
                @if context.view.versions > 1 { "（第 " (record.version) " 版，共 " (context.view.versions) " 版）" }
            }
            dt { "原文" }
            dd {
                a href=(urls::document_text(&record.id)) { "公报刊登的原文（纯文本）" }
                " · "
                @if let Some(pages) = doc.pages.filter(|_| context.from_pdf) {
                    a href=(format!("{}#page={}", urls::issue_original(record.issue_id), pages.first)) {
                        "原版 PDF（第 " (pages.first) "–" (pages.last) " 页）"
                    }
                    " · "
                }
                a href=(urls::document_api(&record.id)) { "结构化数据（JSON）" }
                " · "
                a href=(urls::document_links_api(&record.id)) { "关联数据（JSON）" }
            }
        }
    }
}

/// 施行日期 and 有效期 as the document's text gives them.
fn effect_dates(doc: &Document) -> Markup {
    html! {
        @if let Some(effect) = &doc.takes_effect {
            dt { "施行日期" }
            dd data-field="takes_effect" {
                @match effect.date {
                    Some(date) => (date.to_string()),
                    None => "公布之日",
                }
                @if let Some(days) = effect.days_after { "后 " (days) " 日" }
                "（" (effect.evidence) "）"
            }
        }
        @if let Some(period) = &doc.valid_period {
            dt { "有效期" }
            dd data-field="valid_period" {
                @if let Some(until) = period.until { "至 " (until.to_string()) }
                @if let Some(years) = period.years { "（" (years) " 年）" }
                "（" (period.evidence) "）"
            }
        }
    }
}

/// What the publisher's page says of the document (索引号, 主题分类,
/// 成文日期, 发布日期), as printed there.
fn published_meta(meta: &PublishedMeta, date: Option<NaiveDate>) -> Markup {
    html! {
        @if let Some(index) = &meta.index_number {
            dt { "索引号" }
            dd { (index) }
        }
        @if let Some(topic) = &meta.topic {
            dt { "主题分类" }
            dd { (topic) }
        }
        @if let Some(written) = meta.written.filter(|w| Some(*w) != date) {
            dt { "成文日期" }
            dd { (written) }
        }
        @if let Some(published) = meta.published {
            dt { "发布日期" }
            dd { (published) }
        }
    }
}

fn correction_note(value: Option<&String>) -> Markup {
    html! {
        @if let Some(value) = value {
            " " span class="status-tag" { "更正为：" (value) }
        }
    }
}

fn attachments(doc: &Document) -> Markup {
    html! {
        @if !doc.attachments.is_empty() {
            section aria-labelledby="attachments-title" {
                h2 id="attachments-title" { "附件" }
                ol class="plain-list" {
                    @for attachment in &doc.attachments {
                        li {
                            "附件" (attachment.number) "："
                            @if attachment.block.is_some() {
                                a href=(format!("#{}", body::attachment_id(attachment.number))) { (attachment.title) }
                            } @else {
                                (attachment.title) "（公报未刊登）"
                            }
                        }
                    }
                }
            }
        }
    }
}

fn appointments(doc: &Document) -> Markup {
    html! {
        @if !doc.appointments.is_empty() {
            section aria-labelledby="appointments-title" {
                h2 id="appointments-title" { "任免" }
                div class="table-wrap" role="region" aria-labelledby="appointments-title" tabindex="0" {
                    table {
                        thead { tr {
                            th scope="col" { "姓名" } th scope="col" { "任免" }
                            th scope="col" { "职务" } th scope="col" { "备注" }
                        } }
                        tbody {
                            @for a in &doc.appointments {
                                tr {
                                    td { a href=(urls::person_page(&a.person)) { (a.person) } }
                                    td { (a.action.label()) }
                                    td { (a.post) }
                                    td { (a.note.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn corrections(corrections: &[Correction]) -> Markup {
    html! {
        @if !corrections.is_empty() {
            section aria-labelledby="corrections-title" {
                h2 id="corrections-title" { "更正记录" }
                p class="hint" { "更正不改动公报刊登的文本，只记录在旁。" }
                ul class="history" {
                    @for c in corrections {
                        li {
                            (field_label(&c.field)) "：由「" (c.original.as_deref().unwrap_or("无")) "」更正为「" (c.corrected) "」"
                            @if let Some(reason) = &c.reason { "，理由：" (reason) }
                            " " span class="meta" { "（" (c.recorded_by) "，" (c.recorded_at) "）" }
                        }
                    }
                }
            }
        }
    }
}

fn field_label(field: &str) -> &str {
    match field {
        "title" => "标题",
        "date" => "日期",
        "doc_number" => "发文字号",
        "doc_type" => "文种",
        "issuer" => "发文机关",
        other => other,
    }
}

fn history(context: &Context) -> Markup {
    let history = &context.view.status_history;
    html! {
        @if !history.is_empty() {
            section aria-labelledby="history-title" {
                h2 id="history-title" { "效力记录" }
                ol class="history" {
                    @for change in history {
                        li {
                            "自 " (change.effective.to_string()) " 起「" (change.status.label()) "」"
                            @if let Some(by) = &change.by_document { "，依据 " (document_link(context, by)) }
                            @if let Some(reason) = &change.reason { "，" (reason) }
                            " " span class="meta" { "（" (change.recorded_by) " 记录于 " (change.recorded_at) "）" }
                        }
                    }
                }
            }
        }
    }
}

fn warnings(doc: &Document) -> Markup {
    html! {
        @if !doc.warnings.is_empty() {
            details {
                summary { "解析提示（" (doc.warnings.len()) "）" }
                ul {
                    @for warning in &doc.warnings {
                        li { (warning.message) " " span class="meta" { "（第 " (warning.line) " 行，" code { (warning.code) } "）" } }
                    }
                }
            }
        }
    }
}
