//! What the header and the closing lines of a 公文 say of who issued it
//! and how: joint issuers named in one run (中共山东省委山东省人民政府),
//! 签发人, 紧急程度, and the date of a 印发 line.
//!
//! These read the text of single paragraphs; which paragraph is the
//! header, the 版头 or the signature is decided by the document builder.

use gazette_model::{date_prefix, parse_date, NaiveDate};

use crate::markers::URGENCIES;
use crate::province;

/// Endings of a body's name, longest first.
const ENDINGS: &[&str] = &[
    "委员会",
    "人民政府",
    "办公厅",
    "办公室",
    "领导小组",
    "办事处",
    "厅",
    "局",
    "委",
    "办",
    "馆",
    "院",
    "部",
    "署",
    "会",
    "队",
    "站",
];

/// How the name of a body starts, to tell where the next of several run
/// together begins (…省委 | 山东省人民政府): besides these, a name that
/// opens as the first one did (山东省… 山东省…).
const STARTS: &[&str] = &[
    "中共",
    "中华人民共和国",
    "中国",
    "国务院",
    "国家",
    "全国",
    "共青团",
    // A periodical's office: 《保密工作》杂志山东省通联站.
    "《",
];

/// The bodies in `names`, one per body: 中共山东省委山东省人民政府 →
/// 中共山东省委, 山东省人民政府. A name is split only after an ending and
/// before what starts a body, so 国务院办公厅 stays whole.
pub(crate) fn split_bodies(names: &str) -> Vec<String> {
    let names = names.trim();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in names.char_indices().skip(1) {
        let before = &names[start..i];
        let rest = &names[i..];
        let ended = ENDINGS.iter().any(|e| before.ends_with(e));
        let starts = STARTS.iter().any(|s| rest.starts_with(s))
            || province::starts_with_province(rest)
            || names_place_again(before, rest);
        if ended && starts && before.chars().count() >= 3 {
            out.push(before.to_owned());
            start = i;
        }
    }
    out.push(names[start..].to_owned());
    out.retain(|n| !n.is_empty());
    out
}

/// Whether `rest` opens with a place (2 to 4 characters ending in 省, 市
/// or 县) that `before` names too: 龙岩市… after 龙岩市工业和信息化局.
fn names_place_again(before: &str, rest: &str) -> bool {
    rest.char_indices()
        .skip(1)
        .take(3)
        .map(|(i, c)| (i + c.len_utf8(), c))
        .any(|(end, c)| matches!(c, '省' | '市' | '县') && before.contains(&rest[..end]))
}

/// The bodies a 版头 names, without what it says it is: …文件,
/// …会议纪要, …发电.
pub(crate) fn masthead_bodies(text: &str) -> &str {
    ["文件", "会议纪要", "纪要", "发电"]
        .iter()
        .find_map(|s| text.strip_suffix(s))
        .unwrap_or(text)
}

/// Whether `text` reads as the names of bodies and nothing else.
pub(crate) fn is_body_names(text: &str) -> bool {
    let count = text.chars().count();
    (3..=60).contains(&count)
        && text
            .chars()
            .all(|c| gazette_model::is_han(c) || c.is_whitespace() || matches!(c, '《' | '》'))
        && periodicals_closed(text)
        && ENDINGS.iter().any(|e| text.trim_end().ends_with(e))
}

/// Whether every 《 in `text` opens a periodical's name that a 》 closes
/// and a word of the body follows (《保密工作》杂志…), none inside another.
fn periodicals_closed(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find(['《', '》']) {
        let Some(inner) = rest[open..].strip_prefix('《') else {
            return false;
        };
        let Some(close) = inner.find(['《', '》']) else {
            return false;
        };
        let after = &inner[close..];
        if close == 0
            || !after.starts_with('》')
            || !after['》'.len_utf8()..].starts_with(gazette_model::is_han)
        {
            return false;
        }
        rest = &after['》'.len_utf8()..];
    }
    true
}

/// Posts of the heads of bodies, printed after the body's name in a
/// signature that signs for the office (国务院国有资产监督管理委员会主任).
const HEADS: &[&str] = &[
    "主任", "部长", "局长", "厅长", "署长", "院长", "行长", "主席", "会长", "社长", "省长", "市长",
    "县长", "区长",
];

/// The body of a signature that names a body and its head's post, no
/// person (国务院国有资产监督管理委员会主任 → 国务院国有资产监督管理委员会).
pub(crate) fn body_of_head(text: &str) -> Option<&str> {
    let text = text.trim();
    let body = HEADS.iter().find_map(|post| text.strip_suffix(post))?;
    // 副主任 is no head; a post alone (部 长) names no body.
    (!body.ends_with('副') && is_body_names(body)).then_some(body)
}

/// The names of bodies printed in parentheses, alone on their line, as a
/// signature after the last paragraph: （万载县统计局） → 万载县统计局.
pub(crate) fn parenthesised_names(text: &str) -> Option<&str> {
    let inner = text
        .trim()
        .strip_prefix(['（', '('])?
        .strip_suffix(['）', ')'])?
        .trim();
    is_body_names(inner).then_some(inner)
}

/// A signature and its date printed on one line (常州市人民政府办公室
/// 2012年1月10日, or run together with no space): the names and the date.
pub(crate) fn signed_line(text: &str) -> Option<(&str, NaiveDate)> {
    let text = text.trim();
    // The date ends the line, and every date ends with 日: most lines are
    // refused here, before any date is read.
    if !text.ends_with('日') || text.chars().count() > 80 {
        return None;
    }
    text.char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || "一二〇○零".contains(*c))
        .find_map(|(i, _)| {
            let name = text[..i].trim();
            let date = parse_date(&text[i..])?;
            is_body_names(name).then_some((name, date))
        })
}

/// 紧急程度 printed in a header line: 特急, 加急, 特提 or 平急.
pub(crate) fn urgency(text: &str) -> Option<String> {
    if text.chars().count() > 24 {
        return None;
    }
    URGENCIES
        .iter()
        .find(|u| text.contains(**u))
        .map(|u| (*u).to_owned())
}

/// The names after 签发人：, split at spaces and 、.
pub(crate) fn signers(text: &str) -> Option<Vec<String>> {
    let rest = text.strip_prefix("签发人")?;
    let rest = rest.trim_start().strip_prefix(['：', ':'])?;
    let names: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The date of a 印发 line: 山东省人民政府办公厅2021年3月8日印发.
pub(crate) fn issued_on(text: &str) -> Option<NaiveDate> {
    let before = text.trim_end().strip_suffix("印发")?;
    if before.chars().count() > 60 {
        return None;
    }
    before
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .find_map(|(i, _)| {
            let (date, used) = date_prefix(&before[i..])?;
            before[i + used..].trim().is_empty().then_some(date)
        })
}

/// Whether `long` is the full name of the body `short` names in a short
/// form: without its place (市政府办公室 for 宿迁市政府办公室) or with
/// 政府 for 人民政府 (市政府办公室 for 宿迁市人民政府办公室).
pub(crate) fn expands(short: &str, long: &str) -> bool {
    if long.len() <= short.len() {
        return false;
    }
    let formal = (!short.contains("人民政府")).then(|| short.replace("政府", "人民政府"));
    same_body(short, long) || formal.is_some_and(|f| f == long || same_body(&f, long))
}

/// The division's own name when `division` names a division inside
/// `body`: the body's name, in full or short, then the division's
/// (省政府办公厅信息舆情室 in 山东省人民政府办公厅 → 信息舆情室).
pub(crate) fn division_of<'a>(division: &'a str, body: &str) -> Option<&'a str> {
    const DIVISION_ENDS: &[&str] = &["室", "处", "科", "股", "中心"];
    division.char_indices().skip(2).find_map(|(at, _)| {
        let (head, unit) = division.split_at(at);
        ((head == body || expands(head, body))
            && unit.chars().count() >= 2
            && unit.chars().all(gazette_model::is_han)
            && DIVISION_ENDS.iter().any(|end| unit.ends_with(end)))
        .then_some(unit)
    })
}

/// Whether two names name the same body: equal, or one the short form of
/// the other that drops the place (省乡村振兴局 for 山东省乡村振兴局).
pub(crate) fn same_body(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long == short {
        return true;
    }
    ["省", "市", "县", "区"].iter().any(|level| {
        short
            .strip_prefix(level)
            .is_some_and(|rest| !rest.is_empty() && long.ends_with(rest) && long.contains(level))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_for_the_office_names_the_body() {
        assert_eq!(
            body_of_head("国务院国有资产监督管理委员会主任"),
            Some("国务院国有资产监督管理委员会")
        );
        assert_eq!(body_of_head("部长"), None);
        assert_eq!(body_of_head("国家文物局"), None);
        assert_eq!(body_of_head("某某市人民政府副市长"), None);
    }

    #[test]
    fn a_division_of_a_body_is_told() {
        assert_eq!(
            division_of("省政府办公厅信息舆情室", "山东省人民政府办公厅"),
            Some("信息舆情室")
        );
        assert_eq!(
            division_of("青岛市财政局预算处", "青岛市财政局"),
            Some("预算处")
        );
        assert_eq!(
            division_of("山东省人民政府办公厅", "山东省人民政府办公厅"),
            None
        );
        assert_eq!(division_of("省教育厅办公室", "山东省人民政府办公厅"), None);
    }

    #[test]
    fn a_periodicals_office_is_a_body() {
        let names = "《保密工作》杂志山东省通联站《保密科学技术》杂志山东省通联站";
        assert!(is_body_names(names));
        assert_eq!(
            split_bodies(names),
            [
                "《保密工作》杂志山东省通联站",
                "《保密科学技术》杂志山东省通联站"
            ]
        );
        for text in [
            "《保密工作》",
            "保密工作》杂志通联站",
            "《保密工作杂志通联站",
            "《》杂志通联站",
        ] {
            assert!(!is_body_names(text), "{text}");
        }
    }

    #[test]
    fn splits_bodies_run_together() {
        assert_eq!(
            split_bodies("中共山东省委山东省人民政府"),
            ["中共山东省委", "山东省人民政府"]
        );
        assert_eq!(
            split_bodies("中共中央办公厅国务院办公厅"),
            ["中共中央办公厅", "国务院办公厅"]
        );
        assert_eq!(split_bodies("国务院办公厅"), ["国务院办公厅"]);
        assert_eq!(
            split_bodies("山东省档案局山东省档案馆"),
            ["山东省档案局", "山东省档案馆"]
        );
        assert_eq!(
            split_bodies("山东省人民政府安全生产委员会"),
            ["山东省人民政府安全生产委员会"]
        );
    }

    #[test]
    fn names_in_parentheses() {
        assert_eq!(
            parenthesised_names("\u{3000}\u{3000}（万载县统计局）"),
            Some("万载县统计局")
        );
        assert_eq!(
            parenthesised_names("(某市统计局 国家统计局某市调查队)"),
            Some("某市统计局 国家统计局某市调查队")
        );
        assert_eq!(parenthesised_names("（此件公开发布）"), None);
        assert_eq!(parenthesised_names("万载县统计局"), None);
    }

    #[test]
    fn reads_signers_urgency_and_issue_dates() {
        assert_eq!(
            signers("签发人：张三 李四"),
            Some(vec!["张三".to_owned(), "李四".to_owned()])
        );
        assert_eq!(urgency("等级特急·明电").as_deref(), Some("特急"));
        assert_eq!(urgency("特提").as_deref(), Some("特提"));
        assert_eq!(
            issued_on("山东省人民政府办公厅2021年3月8日印发"),
            NaiveDate::from_ymd_opt(2021, 3, 8)
        );
        assert_eq!(issued_on("现印发"), None);
    }
}
