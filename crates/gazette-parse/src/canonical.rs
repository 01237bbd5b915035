//! The full names of the issuers a document prints (`issuer_canonical`),
//! each with the evidence that established it: 市政府 printed in a
//! 青岛市人民政府公报 is 青岛市人民政府, 嘉鱼县人大常委会 is
//! 嘉鱼县人民代表大会常务委员会, and a document that prints no issuer but
//! is numbered 青政办字〔2019〕31号 is 青岛市人民政府办公厅's.
//!
//! What establishes a full name, in this order: the title naming the same
//! body in full (before 关于, or opening the title; with no issuer printed,
//! the body the title names; for an order, whose title is the regulation
//! it promulgates, its heading: 国家税务总局令 names 税务总局 in full; a
//! central body's one name is the one it signs with, without the state's
//! name an order prints before it, [`gazette_model::bodies::without_state_name`]);
//! the signature or the 版头 naming it in full
//! (中共龙岩市委精神文明建设办公室 for a title's 中共龙岩市委文明办); the body
//! the 发文字号's code (机关代字) belongs to ([`gazette_model::bodies`]); for
//! a name that opens with its place's level only (市政府, 省发展改革委), the
//! place of that level in the title's bodies, the code's body, the 版头, or
//! the gazette the issue is (its cover or running header:
//! 青岛市人民政府公报). Standard short forms are expanded in every case.
//! When nothing establishes the full name the name stays as printed: a
//! name is never guessed. The 版头 is the document's `masthead` (paged
//! text), or, for the first document, a 版头 left in the front matter.
//!
//! Not for: finding which bodies issued a document (`document` does that,
//! and its `issuer` stays as printed). Names in traditional characters are
//! matched as printed, so their short forms stay unexpanded.

use gazette_model::bodies::{
    body_of_code, complete_place, expand_short_forms, place_level, place_of,
};
use gazette_model::{ArtifactKind, BlockKind, CanonicalName, Document, Issue, NameEvidence};

use crate::document::issuers_in_title;
use crate::issuers;
use crate::text::compact;

/// Fills `issuer_canonical` of every document of `issue` (anew: a second
/// call after the issuers changed gives the names of the new issuers).
pub(crate) fn resolve_issue(issue: &mut Issue) {
    let gazettes = gazette_bodies(issue);
    let front_masthead = front_masthead(issue);
    for (i, doc) in issue.documents.iter_mut().enumerate() {
        let masthead = doc
            .masthead
            .clone()
            .or_else(|| front_masthead.clone().filter(|_| i == 0));
        doc.issuer_canonical = resolve(doc, masthead.as_deref(), &gazettes);
    }
}

/// A 版头 (…文件) that text without pages leaves in the front matter, right
/// above the first document: that document's.
fn front_masthead(issue: &Issue) -> Option<String> {
    let last = compact(&issue.front_matter.last()?.text);
    let bodies = issuers::masthead_bodies(&last);
    (bodies.len() < last.len() && issuers::is_body_names(bodies)).then_some(last)
}

/// The bodies whose gazette the issue is, by the names its cover or its
/// running headers print (青岛市人民政府公报 → 青岛市人民政府), without repeats:
/// a short line of a body's name and 公报, then nothing or the number of
/// the issue, not a sentence that mentions one.
fn gazette_bodies(issue: &Issue) -> Vec<String> {
    let covers = issue.front_matter.iter().map(|block| block.text.as_str());
    let headers = issue
        .artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::RunningHeader)
        .map(|a| a.text.as_str());
    let mut bodies: Vec<String> = Vec::new();
    for line in covers.chain(headers) {
        let line = compact(line);
        let Some(at) = line.find("公报") else {
            continue;
        };
        // After the name, nothing or the number of the issue.
        let after = &line[at + "公报".len()..];
        let numbered = after
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_digit() || "第（(〔[二〇○".contains(c));
        if !numbered || line.chars().count() > 40 {
            continue;
        }
        let body = line[..at].trim_start_matches("中华人民共和国");
        if issuers::is_body_names(body) && !bodies.iter().any(|b| b == body) {
            bodies.push(body.to_owned());
        }
    }
    bodies
}

/// The bodies the title names: before 关于 (青岛市人民政府关于…), or the
/// whole title but its kind (…常务委员会公告).
fn title_bodies(title: &str) -> Vec<String> {
    let title = compact(title);
    if let Some(named) = issuers_in_title(&title) {
        return named
            .into_iter()
            .filter(|name| issuers::is_body_names(name))
            .collect();
    }
    ["公告", "通告"]
        .iter()
        .find_map(|kind| title.strip_suffix(kind))
        .filter(|body| issuers::is_body_names(body))
        .map(|body| vec![body.to_owned()])
        .unwrap_or_default()
}

/// What a document says beside its issuers that may complete their names.
struct Context<'a> {
    /// The bodies the title names.
    title: Vec<String>,
    /// The title without spaces.
    title_text: String,
    /// The title before 关于, without spaces.
    title_head: String,
    /// The bodies the signature names.
    signature: Vec<String>,
    /// The body an order's heading names (中华人民共和国商务部令): an
    /// order's title is the regulation it promulgates.
    order_body: Option<String>,
    code: Option<(&'a str, &'static str)>,
    masthead: Vec<String>,
    gazettes: &'a [String],
}

fn resolve(doc: &Document, masthead: Option<&str>, gazettes: &[String]) -> Vec<CanonicalName> {
    let code = doc
        .doc_number_parts
        .as_ref()
        .and_then(|n| body_of_code(&n.code).map(|body| (n.code.as_str(), body)));
    let masthead = masthead
        .map(|m| issuers::split_bodies(issuers::masthead_bodies(&compact(m))))
        .unwrap_or_default();
    let title = compact(&doc.title);
    let title_head = title.find("关于").map_or("", |at| &title[..at]).to_owned();
    let signature = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Signature)
        .flat_map(|b| b.text.split_whitespace())
        .filter(|text| issuers::is_body_names(text))
        .flat_map(issuers::split_bodies)
        .collect();
    let order_body = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .and_then(|b| {
            compact(&b.text)
                .strip_suffix('令')
                .map(|body| gazette_model::bodies::without_state_name(body).to_owned())
        })
        .filter(|body| issuers::is_body_names(body));
    let context = Context {
        title: title_bodies(&doc.title),
        title_head,
        title_text: title.clone(),
        signature,
        order_body,
        code,
        masthead,
        gazettes,
    };
    if doc.issuer.is_empty() {
        return unprinted(&context);
    }
    doc.issuer
        .iter()
        .map(|printed| resolve_one(&compact(printed), &context))
        .collect()
}

/// With no issuer printed: the body the number's code names, else the
/// bodies the title names.
fn unprinted(context: &Context) -> Vec<CanonicalName> {
    if let Some((code, body)) = context.code {
        return vec![named(body, NameEvidence::DocNumber, Some(code))];
    }
    context
        .title
        .iter()
        .map(|body| named(&expand_short_forms(body), NameEvidence::Title, Some(body)))
        .collect()
}

fn named(name: &str, evidence: NameEvidence, basis: Option<&str>) -> CanonicalName {
    CanonicalName {
        name: name.to_owned(),
        evidence,
        basis: basis.map(str::to_owned),
    }
}

fn resolve_one(printed: &str, context: &Context) -> CanonicalName {
    let expanded = expand_short_forms(printed);
    // A name printed in full is not replaced by the title's spelling with
    // the term of the congress (舟山市第八届人民代表大会常务委员会).
    let short = expanded != printed;
    // A division of the body the title names: that body's full name and
    // the division's (山东省人民政府办公厅信息舆情室).
    for body in &context.title {
        if let Some(unit) = issuers::division_of(printed, body) {
            let full = format!("{}{unit}", expand_short_forms(body));
            return named(&full, NameEvidence::Title, Some(body));
        }
    }
    for body in &context.title {
        let full = expand_short_forms(body);
        let same = full == expanded || (short && without_term(&full) == expanded);
        if body != printed && (same || issuers::expands(&expanded, &full)) {
            return named(&full, NameEvidence::Title, Some(body));
        }
    }
    let in_title = in_title_head(&expanded, &context.title_head)
        .filter(|full| short || *full == expanded)
        .or_else(|| opening_title(&expanded, &context.title_text));
    if let Some(full) = in_title.filter(|full| *full != printed) {
        return named(full, NameEvidence::Title, Some(full));
    }
    if let Some(body) = context
        .order_body
        .as_deref()
        .filter(|body| *body != printed && body.ends_with(printed))
    {
        return named(body, NameEvidence::Title, Some(body));
    }
    if let Some(signed) = signed_in_full(printed, &context.signature) {
        return named(
            &expand_short_forms(signed),
            NameEvidence::Signature,
            Some(signed),
        );
    }
    if let Some(headed) = signed_in_full(printed, &context.masthead) {
        return named(
            &expand_short_forms(headed),
            NameEvidence::Masthead,
            Some(headed),
        );
    }
    if let Some((code, body)) = context.code {
        if body != printed && (body == expanded || issuers::expands(&expanded, body)) {
            return named(body, NameEvidence::DocNumber, Some(code));
        }
    }
    if let Some(completed) = place_completed(&expanded, context) {
        return completed;
    }
    if expanded != printed {
        return named(&expanded, NameEvidence::ShortForm, None);
    }
    CanonicalName::as_printed(printed)
}

/// The end of the title's text before 关于 that is `expanded`, or is it
/// with the term of a congress (四川省第十二届人民代表大会常务委员会…): the
/// title names the body in full even where words of a page run into it.
fn in_title_head<'a>(expanded: &str, head: &'a str) -> Option<&'a str> {
    head.char_indices()
        .map(|(i, _)| &head[i..])
        .find(|tail| *tail == expanded || without_term(tail) == expanded)
}

/// The full name a short name that opens with its place's level
/// (省乡村振兴局) has where the title opens with it (山东省乡村振兴局征求…).
fn opening_title<'a>(short: &str, title: &'a str) -> Option<&'a str> {
    let level = place_level(short)?;
    let place = place_of(title, level)?;
    let full = complete_place(short, place)?;
    title.get(..full.len()).filter(|opening| *opening == full)
}

/// The one body of a signature or 版头 whose name `printed` abbreviates by
/// leaving characters out of its end (中共龙岩市委文明办 for
/// 中共龙岩市委精神文明建设办公室): both open alike, and what `printed` has
/// after the common opening (two characters at least) is found in that
/// order in the rest of the signature's name.
fn signed_in_full<'a>(printed: &str, signature: &'a [String]) -> Option<&'a str> {
    let abbreviates = |full: &str| {
        let common: usize = printed
            .chars()
            .zip(full.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let (short_rest, full_rest) = (&printed[common..], &full[common..]);
        let mut remaining = full_rest.chars();
        common >= "中共".len()
            && short_rest.chars().count() >= 2
            && full_rest.chars().count() > short_rest.chars().count()
            && short_rest.chars().all(|c| remaining.any(|f| f == c))
    };
    let mut found = signature.iter().filter(|full| abbreviates(full));
    match (found.next(), found.next()) {
        (Some(full), None) => Some(full),
        _ => None,
    }
}

/// A short name that opens with its place's level (市人民政府) in the
/// first place of that level the context names.
fn place_completed(short: &str, context: &Context) -> Option<CanonicalName> {
    let level = place_level(short)?;
    let sources = context
        .title
        .iter()
        .map(|b| (b.as_str(), NameEvidence::Title))
        .chain(context.code.map(|(_, b)| (b, NameEvidence::DocNumber)))
        .chain(
            context
                .masthead
                .iter()
                .map(|b| (b.as_str(), NameEvidence::Masthead)),
        )
        .chain(
            context
                .gazettes
                .iter()
                .map(|b| (b.as_str(), NameEvidence::Gazette)),
        );
    for (body, evidence) in sources {
        let Some(place) = place_of(body, level) else {
            continue;
        };
        let Some(name) = complete_place(short, place) else {
            continue;
        };
        let basis = match evidence {
            NameEvidence::Gazette => format!("{body}公报"),
            NameEvidence::DocNumber => context.code.map_or(body, |(c, _)| c).to_owned(),
            _ => body.to_owned(),
        };
        return Some(named(&expand_short_forms(&name), evidence, Some(&basis)));
    }
    None
}

/// `name` without the term of a congress (第十二届): 四川省第十二届人民代表大会
/// → 四川省人民代表大会, as its short forms print it.
fn without_term(name: &str) -> String {
    let Some(at) = name.find('第') else {
        return name.to_owned();
    };
    let rest = &name[at + '第'.len_utf8()..];
    let numerals = rest
        .char_indices()
        .take_while(|(_, c)| "一二三四五六七八九十百零〇".contains(*c) || c.is_ascii_digit())
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    match rest[numerals..].strip_prefix('届') {
        Some(after) if numerals > 0 => format!("{}{after}", &name[..at]),
        _ => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context<'a>(title: &str, gazettes: &'a [String]) -> Context<'a> {
        Context {
            title: title_bodies(title),
            title_head: title.find("关于").map_or("", |at| &title[..at]).to_owned(),
            title_text: title.to_owned(),
            signature: Vec::new(),
            order_body: None,
            code: None,
            masthead: Vec::new(),
            gazettes,
        }
    }

    #[test]
    fn an_order_s_heading_names_its_body_in_full() {
        // 国家税务总局令 over a regulation signed 税务总局 (the heading's body
        // as `resolve` takes it: without the state's name, which a
        // 中华人民共和国商务部令 prints, so that 商务部 stays one name).
        let mut order = context("税收票证管理办法", &[]);
        order.order_body = Some("国家税务总局".to_owned());
        let name = resolve_one("税务总局", &order);
        assert_eq!(name.name, "国家税务总局");
        assert_eq!(name.evidence, NameEvidence::Title);
        // Another body is not named by it.
        assert_eq!(resolve_one("财政部", &order).name, "财政部");
    }

    #[test]
    fn completes_a_short_name_from_the_gazette() {
        let gazettes = ["青岛市人民政府".to_owned()];
        let name = resolve_one(
            "市政府",
            &context("近期市政府任免的工作人员名单", &gazettes),
        );
        assert_eq!(name.name, "青岛市人民政府");
        assert_eq!(name.evidence, NameEvidence::Gazette);
        assert_eq!(name.basis.as_deref(), Some("青岛市人民政府公报"));
        // A county's short name finds no county in a city's gazette.
        let name = resolve_one("区政府", &context("", &gazettes));
        assert_eq!(
            (name.name.as_str(), name.evidence),
            ("区人民政府", NameEvidence::ShortForm)
        );
        let name = resolve_one("区政府", &context("", &[]));
        assert_eq!(name.name, "区人民政府");
    }

    #[test]
    fn takes_the_title_s_full_name_of_the_same_body() {
        let title = "四川省第十二届人民代表大会常务委员会代表资格审查委员会关于四川省第十二届人民代表大会个别代表的代表资格的审查报告";
        let name = resolve_one("四川省人大常委会代表资格审查委员会", &context(title, &[]));
        assert_eq!(
            name.name,
            "四川省第十二届人民代表大会常务委员会代表资格审查委员会"
        );
        assert_eq!(name.evidence, NameEvidence::Title);
        let title = "山东省发展和改革委员会关于进一步征求意见的函";
        let name = resolve_one("省发展改革委", &context(title, &[]));
        assert_eq!(name.name, "山东省发展和改革委员会");
        assert_eq!(name.evidence, NameEvidence::Title);
        // Another body of the title's province; no city is named.
        let name = resolve_one("省财政厅", &context(title, &[]));
        assert_eq!(name.name, "山东省财政厅");
        assert_eq!(name.basis.as_deref(), Some("山东省发展和改革委员会"));
        let name = resolve_one("市财政局", &context(title, &[]));
        assert_eq!(name, CanonicalName::as_printed("市财政局"));
    }

    #[test]
    fn takes_a_full_name_from_the_title_s_text_or_the_signature() {
        let title = "一府两院传真四川省第十二届人民代表大会常务委员会代表资格审查委员会关于个别代表的代表资格的审查报告";
        let name = resolve_one("四川省人大常委会代表资格审查委员会", &context(title, &[]));
        assert_eq!(
            name.name,
            "四川省第十二届人民代表大会常务委员会代表资格审查委员会"
        );
        assert_eq!(name.evidence, NameEvidence::Title);
        let mut ctx = context(
            "龙岩市工业和信息化局中共龙岩市委文明办关于印发方案的通知",
            &[],
        );
        ctx.signature = vec![
            "龙岩市工业和信息化局".to_owned(),
            "中共龙岩市委精神文明建设办公室".to_owned(),
        ];
        let name = resolve_one("中共龙岩市委文明办", &ctx);
        assert_eq!(name.name, "中共龙岩市委精神文明建设办公室");
        assert_eq!(name.evidence, NameEvidence::Signature);
        let name = resolve_one("龙岩市工业和信息化局", &ctx);
        assert_eq!(name, CanonicalName::as_printed("龙岩市工业和信息化局"));
        // Two bodies the name could abbreviate: neither is taken.
        ctx.signature
            .push("中共龙岩市委精神文明建设指导办公室".to_owned());
        let name = resolve_one("中共龙岩市委文明办", &ctx);
        assert_eq!(name, CanonicalName::as_printed("中共龙岩市委文明办"));
    }

    #[test]
    fn takes_the_place_of_a_title_that_opens_with_the_full_name() {
        let title = "山东省乡村振兴局征求《关于支持省乡村振兴重点帮扶县的若干措施》意见的函";
        let name = resolve_one("省乡村振兴局", &context(title, &[]));
        assert_eq!(name.name, "山东省乡村振兴局");
        assert_eq!(name.evidence, NameEvidence::Title);
        // A full name stays without the title's term of the congress.
        let title = "舟山市第八届人民代表大会常务委员会公告";
        let name = resolve_one("舟山市人民代表大会常务委员会", &context(title, &[]));
        assert_eq!(
            name,
            CanonicalName::as_printed("舟山市人民代表大会常务委员会")
        );
        // 近期 is no place.
        let name = resolve_one("市政府", &context("近期市政府任免的工作人员名单", &[]));
        assert_eq!(name.evidence, NameEvidence::ShortForm);
    }

    #[test]
    fn names_a_body_from_the_number_s_code() {
        let mut ctx = context("关于调整有关事项的通知", &[]);
        ctx.code = Some(("青政办字", "青岛市人民政府办公厅"));
        let name = resolve_one("市政府办公厅", &ctx);
        assert_eq!(name.name, "青岛市人民政府办公厅");
        assert_eq!(name.evidence, NameEvidence::DocNumber);
        assert_eq!(name.basis.as_deref(), Some("青政办字"));
        let names = unprinted(&ctx);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].name, "青岛市人民政府办公厅");
        // A full name of another body stays as printed.
        let name = resolve_one("青岛市财政局", &ctx);
        assert_eq!(name, CanonicalName::as_printed("青岛市财政局"));
    }

    #[test]
    fn expands_short_forms_and_keeps_full_names() {
        let ctx = context("嘉鱼县人民代表大会常务委员会公告", &[]);
        let name = resolve_one("嘉鱼县人大常委会", &ctx);
        assert_eq!(name.name, "嘉鱼县人民代表大会常务委员会");
        assert_eq!(name.evidence, NameEvidence::Title);
        let name = resolve_one("嘉鱼县人大常委会", &context("", &[]));
        assert_eq!(name.evidence, NameEvidence::ShortForm);
        let name = resolve_one("国务院", &context("国务院关于推行监管的意见", &[]));
        assert_eq!(name, CanonicalName::as_printed("国务院"));
        let names = unprinted(&context("辽源市人民代表大会常务委员会公告", &[]));
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].name, "辽源市人民代表大会常务委员会");
        assert_eq!(names[0].evidence, NameEvidence::Title);
    }

    #[test]
    fn reads_the_gazette_from_a_cover_or_running_header() {
        let line = |text: &str| gazette_model::Block {
            kind: gazette_model::BlockKind::Paragraph,
            text: text.to_owned(),
            pieces: Vec::new(),
            line: 1,
            section: None,
            attachment: None,
        };
        let issue = Issue {
            front_matter: vec![
                line("青岛市人民政府公报"),
                line("2019年第7期"),
                line("目录"),
            ],
            documents: Vec::new(),
            warnings: Vec::new(),
            artifacts: vec![gazette_model::Artifact {
                kind: ArtifactKind::RunningHeader,
                text: "中华人民共和国国务院公报　2019年第7期".to_owned(),
                span: gazette_model::Span::new(0, 0),
                line: 1,
                page: 1,
            }],
            form: gazette_model::TextForm::Paged,
            traditional: false,
            printed: None,
        };
        assert_eq!(gazette_bodies(&issue), ["青岛市人民政府", "国务院"]);
        let mut mentioned = issue.clone();
        mentioned.artifacts.clear();
        mentioned.front_matter = vec![line(
            "本规定已在青岛市人民政府公报上刊登，请各单位认真学习贯彻执行",
        )];
        assert!(gazette_bodies(&mentioned).is_empty());
        assert_eq!(front_masthead(&issue), None);
        let mut headed = issue.clone();
        headed.front_matter = vec![line("青岛市人民政府办公厅 文件")];
        assert_eq!(
            front_masthead(&headed).as_deref(),
            Some("青岛市人民政府办公厅文件")
        );
        assert_eq!(
            without_term("四川省第十二届人民代表大会"),
            "四川省人民代表大会"
        );
        assert_eq!(without_term("第7号"), "第7号");
    }
}
