//! The patterns a provision is printed in, one finder each: a change from
//! an old value to a new one (降低至), a class scale (一类…二类…), a range
//! (3%—5%), a grant (补助…万元), an upper or lower bound (不超过, 不低于),
//! the use of a fund, a scale, an amount and a count; each number of the
//! sentence is claimed by one finder at most.
//!
//! Not for: the sentence loop, the period and the context a provision gets
//! ([`super`] does that).

use super::numbers::{numbers, Number, COUNTS, MONEY};
use super::{BlockState, Bound, Found, Quantity};
use crate::text;

/// The provisions of one sentence; `state` carries the paragraph's totals.
pub(super) fn find(sentence: &str, state: &mut BlockState) -> Vec<Found> {
    let numbers = numbers(sentence);
    let mut claimed = vec![false; numbers.len()];
    let mut found = Vec::new();
    found.extend(changes(sentence, &numbers, &mut claimed));
    found.extend(classes(sentence, &numbers, &mut claimed));
    found.extend(ranges(sentence, &numbers, &mut claimed));
    let grant = grant_subject(sentence);
    found.extend(grants(
        sentence,
        &numbers,
        &mut claimed,
        grant.as_deref(),
        state,
    ));
    found.extend(bounds(sentence, &numbers, &mut claimed, grant.as_deref()));
    found.extend(uses(sentence, &numbers, &mut claimed, state));
    found.extend(scales(sentence, &numbers, &mut claimed));
    found.extend(amounts(sentence, &numbers, &mut claimed, state));
    found.extend(counts(sentence, &numbers, &mut claimed));
    found.sort_by_key(|f| f.range.start);
    found
}

/// Marks number `k` as used; false when it already was.
fn claim(claimed: &mut [bool], k: usize) -> bool {
    match claimed.get_mut(k) {
        Some(used) if !*used => {
            *used = true;
            true
        }
        _ => false,
    }
}

/// Verbs of a change from an old value to a new one.
const CHANGE_VERBS: &[&str] = &[
    "降低至",
    "降低到",
    "下调至",
    "下调到",
    "上调至",
    "上调到",
    "提高至",
    "提高到",
    "调整为",
    "调整至",
    "调整到",
    "降至",
    "降到",
    "降为",
    "调至",
    "调为",
    "增至",
    "提至",
    "减至",
];

/// `S由18%降至16%`.
fn changes(sentence: &str, numbers: &[Number], claimed: &mut [bool]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (k, old) in numbers.iter().enumerate() {
        let Some(new) = numbers.get(k + 1).filter(|n| n.unit.is_some()) else {
            continue;
        };
        let between = &sentence[old.range.end..new.range.start];
        let opener = ["由", "从"]
            .into_iter()
            .find(|o| sentence[..old.range.start].ends_with(o));
        let (Some(opener), true) = (opener, CHANGE_VERBS.contains(&between)) else {
            continue;
        };
        let subject_end = old.range.start - opener.len();
        let Some(own) = subject_before(sentence, subject_end) else {
            continue;
        };
        let parent = out.last().map(|f: &Found| f.subject.as_str());
        let subject = qualify(&own, parent);
        if !(claim(claimed, k) && claim(claimed, k + 1)) {
            continue;
        }
        let unit = new.unit.unwrap_or_default();
        let mut found = Found::new(
            subject,
            new.quantity(unit),
            Bound::Exact,
            subject_end..new.range.end,
        );
        found.old = Some(old.quantity(unit));
        out.push(found);
    }
    out
}

/// A subject printed without its scheme (`单位费率` after `失业保险费率`)
/// borrows the scheme of the subject before it (`失业保险单位费率`).
fn qualify(subject: &str, parent: Option<&str>) -> String {
    let scheme = parent
        .filter(|_| !subject.contains("保险"))
        .and_then(|p| p.find("保险").map(|at| &p[..at + "保险".len()]));
    match scheme {
        Some(scheme) => format!("{scheme}{subject}"),
        None => subject.to_owned(),
    }
}

/// Words that open a clause without being part of its subject.
const LEADS: &[&str] = &[
    "每年", "每月", "其中", "并", "将", "均", "同时", "力争", "争取", "确保", "支持",
];

/// Words after which a subject starts: verbs and links; the subject is what
/// follows the last of them.
const CUTS: &[&str] = &[
    "支持", "申请", "享受", "获得", "且", "将", "把", "纳入", "的", "给予", "安排", "其中",
];

/// Adverbs and links between a subject and its bound, left out of it.
const TRAILS: &[&str] = &[
    "原则上",
    "一般",
    "均",
    "最迟",
    "最长",
    "最短",
    "最多",
    "每年",
    "每月",
    "为",
    "达到",
];

/// Words that make a phrase a statement about a change or a statistic, not
/// a subject.
const NOT_SUBJECT: &[&str] = &[
    "下调", "上调", "降低", "提高", "增长", "下降", "同比", "超过", "占", "约",
];

/// The subject printed just before `end`: the clause up to `end`, without
/// its leading words, trailing adverbs and anything before its last verb.
fn subject_before(sentence: &str, end: usize) -> Option<String> {
    let clause = &sentence[clause_start(sentence, end)..end];
    let mut subject = text::strip_marker(clause.trim());
    loop {
        let before = subject;
        for trail in TRAILS {
            subject = subject.strip_suffix(trail).unwrap_or(subject).trim_end();
        }
        if before == subject {
            break;
        }
    }
    let cut = CUTS
        .iter()
        .filter_map(|c| subject.rfind(c).map(|at| at + c.len()))
        .max()
        .unwrap_or(0);
    let mut subject = &subject[cut..];
    for lead in LEADS {
        subject = subject.strip_prefix(lead).unwrap_or(subject);
    }
    plausible(subject)
}

/// `subject` cleaned (spaces kept inside Latin words only, quotes and
/// parenthesised asides dropped), if it reads like a subject: two to twenty
/// characters, no digits, no words of change.
fn plausible(subject: &str) -> Option<String> {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in subject.trim().chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '“' | '”' | '"' => {}
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let chars = out.chars().count();
    let ok = (2..=40).contains(&chars)
        && !out.chars().any(|c| c.is_ascii_digit())
        && !NOT_SUBJECT.iter().any(|w| out.contains(w))
        && !out.contains(['，', '。', '；', '：', '/', '×', '=', '＝', '+', '＋']);
    ok.then_some(out)
}

/// Where the clause that holds byte `at` starts.
fn clause_start(sentence: &str, at: usize) -> usize {
    sentence[..at]
        .rfind(['，', '、', '；', '：', ',', '（', '('])
        .map_or(0, |i| {
            i + sentence[i..].chars().next().map_or(1, char::len_utf8)
        })
}

/// Where the clause that holds byte `at` ends.
fn clause_end(sentence: &str, at: usize) -> usize {
    sentence[at..]
        .find(['，', '、', '；', '。', ',', '（', '('])
        .map_or(sentence.len(), |i| at + i)
}

/// `一至八类分别控制在该行业用人单位职工工资总额的0.05%、…、0.48%`: one
/// provision per class, under the first rate the sentence names.
fn classes(sentence: &str, numbers: &[Number], claimed: &mut [bool]) -> Vec<Found> {
    let Some(at) = sentence.find("类分别") else {
        return Vec::new();
    };
    let head = &sentence[..at];
    let Some((first, last)) = class_span(head) else {
        return Vec::new();
    };
    let after = at + "类分别".len();
    let list = list_from(sentence, numbers, after);
    let Some(parent) = rate_subject(sentence) else {
        return Vec::new();
    };
    let expected = (last + 1).saturating_sub(first) as usize;
    if list.len() != expected
        || expected < 2
        || list.iter().any(|&k| claimed.get(k) != Some(&false))
    {
        return Vec::new();
    }
    let base = list
        .first()
        .and_then(|&k| numbers.get(k))
        .and_then(|n| base_of(sentence, n.range.start));
    list.iter()
        .zip(first..=last)
        .filter_map(|(&k, class)| {
            let n = numbers.get(k)?;
            claim(claimed, k);
            let mut found = Found::new(
                format!("{parent}（{}类）", chinese_numeral(class)?),
                n.quantity("%"),
                Bound::Exact,
                n.range.clone(),
            );
            found.base = base.clone();
            Some(found)
        })
        .collect()
}

/// `一至八` at the end of `head`: the first and last class.
fn class_span(head: &str) -> Option<(u32, u32)> {
    let (from, to) = head.rsplit_once('至')?;
    let last = numeral_value(to)?;
    let first_text: String = from
        .chars()
        .rev()
        .take_while(|c| numeral_value(&c.to_string()).is_some())
        .collect();
    let first = numeral_value(&first_text.chars().rev().collect::<String>())?;
    (first < last).then_some((first, last))
}

/// The numbers listed with `、` from the first number after byte `after`.
fn list_from(sentence: &str, numbers: &[Number], after: usize) -> Vec<usize> {
    let Some(first) = numbers
        .iter()
        .position(|n| n.range.start >= after && n.unit.is_some())
    else {
        return Vec::new();
    };
    let mut last = first;
    while let (Some(a), Some(b)) = (numbers.get(last), numbers.get(last + 1)) {
        if &sentence[a.range.end..b.range.start] != "、" || b.unit != a.unit {
            break;
        }
        last += 1;
    }
    (first..=last).collect()
}

/// The first rate the sentence names: its clause up to `费率` or `比例`.
fn rate_subject(sentence: &str) -> Option<String> {
    let (at, word) = ["费率", "比例"]
        .iter()
        .filter_map(|w| sentence.find(w).map(|at| (at, *w)))
        .min()?;
    let end = at + word.len();
    let start = clause_start(sentence, at);
    plausible(text::strip_marker(&sentence[start..end]))
}

/// What a percentage at `at` is of: `…平均工资的` before it, after the last
/// `在` or `按`.
fn base_of(sentence: &str, at: usize) -> Option<String> {
    let head = sentence[..at].strip_suffix('的')?;
    let start = ["在", "按照", "按"]
        .iter()
        .filter_map(|w| head.rfind(w).map(|i| i + w.len()))
        .max()?;
    plausible(&head[start.max(clause_start(sentence, at))..])
}

/// Chinese numerals one to ten.
const NUMERALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn numeral_value(text: &str) -> Option<u32> {
    NUMERALS
        .iter()
        .position(|n| *n == text)
        .map(|i| i as u32 + 1)
}

fn chinese_numeral(value: u32) -> Option<&'static str> {
    NUMERALS.get((value as usize).checked_sub(1)?).copied()
}

/// Joiners of the two ends of a range.
const DASHES: &[&str] = &["—", "－", "-", "–", "~", "～", "至", "到"];

/// Verbs after a range that name what the range is for.
const RANGE_VERBS: &[&str] = &["选择", "核定", "确定"];

/// `在…的60%—300%之间选择适当的缴费基数`, `60%至100%，核定缴费基数`.
fn ranges(sentence: &str, numbers: &[Number], claimed: &mut [bool]) -> Vec<Found> {
    let mut out = Vec::new();
    for (k, low) in numbers.iter().enumerate() {
        let Some(high) = numbers.get(k + 1) else {
            continue;
        };
        let joined = DASHES.contains(&&sentence[low.range.end..high.range.start]);
        let same_unit = high.unit.is_some() && (low.unit.is_none() || low.unit == high.unit);
        if !joined || !same_unit || claimed.get(k) != Some(&false) {
            continue;
        }
        let unit = high.unit.unwrap_or_default();
        let subject = if COUNTS.contains(&unit) {
            counted_subject(sentence, low.range.start, high.range.end)
        } else {
            range_subject(sentence, high.range.end)
        };
        let Some(subject) = subject else { continue };
        if !(claim(claimed, k) && claim(claimed, k + 1)) {
            continue;
        }
        let mut found = Found::new(
            subject,
            low.quantity(unit),
            Bound::Between,
            low.range.start..high.range.end,
        );
        found.upper = Some(high.quantity(unit));
        found.base = base_of(sentence, low.range.start);
        out.push(found);
    }
    out
}

/// What a range is for: the object of `选择`/`核定`/`确定` after it.
fn range_subject(sentence: &str, after: usize) -> Option<String> {
    let rest = &sentence[after..];
    let (at, verb) = RANGE_VERBS
        .iter()
        .filter_map(|v| rest.find(v).map(|at| (at, *v)))
        .min()?;
    let object_start = after + at + verb.len();
    let object = &sentence[object_start..clause_end(sentence, object_start)];
    let object = ["适当的", "合适的", "相应的"]
        .iter()
        .fold(object, |o, w| o.strip_prefix(w).unwrap_or(o));
    plausible(object)
}

/// Words that may open a clause before a count.
const COUNT_LEADS: &[&str] = &["力争", "争取", "确保", "新增", "其中"];

/// The subject of a count that opens its clause: the rest of the clause
/// (`15个研发成果进入候选药物阶段` → `研发成果进入候选药物阶段`).
fn counted_subject(sentence: &str, start: usize, end: usize) -> Option<String> {
    let lead = sentence[clause_start(sentence, start)..start].trim();
    let lead = text::strip_marker(lead);
    if !(lead.is_empty() || COUNT_LEADS.contains(&lead)) {
        return None;
    }
    plausible(&sentence[end..clause_end(sentence, end)])
}

/// `15个研发成果进入候选药物阶段`: a count that opens its clause.
fn counts(sentence: &str, numbers: &[Number], claimed: &mut [bool]) -> Vec<Found> {
    let mut out = Vec::new();
    for (k, n) in numbers.iter().enumerate() {
        let Some(unit) = n.unit.filter(|u| COUNTS.contains(u)) else {
            continue;
        };
        let Some(subject) = counted_subject(sentence, n.range.start, n.range.end) else {
            continue;
        };
        if claim(claimed, k) {
            let bound = if n.approx {
                Bound::AtLeast
            } else {
                Bound::Exact
            };
            out.push(Found::new(
                subject,
                n.quantity(unit),
                bound,
                n.range.clone(),
            ));
        }
    }
    out
}

/// Nouns of what is granted.
const GRANTS: &[&str] = &["补助", "配套", "奖励", "资助", "补贴", "贴息"];

/// The subject of what a sentence grants: `对X…给予…补助` → the last noun of
/// X (after its last `的`) with the grant: `海洋候选药物补助`.
fn grant_subject(sentence: &str) -> Option<String> {
    let give = sentence.find("给予")?;
    let after = &sentence[give + "给予".len()..];
    let noun_at =
        after.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ':' | '：' | '%' | ' ')));
    let noun_rest = &after[noun_at?..];
    let noun_rest = MONEY
        .iter()
        .fold(noun_rest, |r, m| r.strip_prefix(m).unwrap_or(r));
    let noun = GRANTS.iter().find(|g| noun_rest.starts_with(**g))?;
    let object = grant_object(&sentence[..give])?;
    Some(format!("{object}{noun}"))
}

/// X in `对X，…` or `对X给予`: `对` opening a clause, up to the clause end,
/// after its last `的`.
fn grant_object(head: &str) -> Option<String> {
    let at = head.char_indices().rev().find_map(|(i, c)| {
        let opens = i == 0 || head[..i].ends_with(['，', '。', '；', ' ', '、']);
        (c == '对' && opens).then_some(i)
    })?;
    let start = at + '对'.len_utf8();
    let end = head[start..]
        .find(['，', '；'])
        .map_or(head.len(), |i| start + i);
    let object = &head[start..end];
    let object = object
        .rfind('的')
        .map_or(object, |i| &object[i + '的'.len_utf8()..]);
    plausible(object)
}

/// `给予50%补助`, `给予4000万元补助`: the quantity granted.
fn grants(
    sentence: &str,
    numbers: &[Number],
    claimed: &mut [bool],
    grant: Option<&str>,
    state: &mut BlockState,
) -> Vec<Found> {
    let Some(grant) = grant else {
        return Vec::new();
    };
    let Some(give) = sentence.find("给予") else {
        return Vec::new();
    };
    let after = give + "给予".len();
    let Some(k) = numbers
        .iter()
        .position(|n| n.range.start == after && n.unit.is_some())
    else {
        return Vec::new();
    };
    let Some(n) = numbers.get(k) else {
        return Vec::new();
    };
    let unit = n.unit.unwrap_or_default();
    if !claim(claimed, k) {
        return Vec::new();
    }
    let subject = if unit == "%" {
        format!("{grant}比例")
    } else {
        grant.to_owned()
    };
    if MONEY.contains(&unit) {
        state.total = Some(n.quantity(unit));
    }
    vec![Found::new(
        subject,
        n.quantity(unit),
        Bound::Exact,
        n.range.clone(),
    )]
}

/// Words that bound a quantity, longest first.
const BOUNDS: &[(&str, Bound)] = &[
    ("最高不超过", Bound::AtMost),
    ("最多不超过", Bound::AtMost),
    ("不超过", Bound::AtMost),
    ("不高于", Bound::AtMost),
    ("不得超过", Bound::AtMost),
    ("不得高于", Bound::AtMost),
    ("不得低于", Bound::AtLeast),
    ("不得少于", Bound::AtLeast),
    ("不少于", Bound::AtLeast),
    ("不低于", Bound::AtLeast),
];

/// `最高不超过800万元`, `每年不少于 500 万元`, `分值权重不低于4%`.
fn bounds(
    sentence: &str,
    numbers: &[Number],
    claimed: &mut [bool],
    grant: Option<&str>,
) -> Vec<Found> {
    let mut out = Vec::new();
    for (k, n) in numbers.iter().enumerate() {
        let head = sentence[..n.range.start].trim_end();
        let Some((word, bound)) = BOUNDS.iter().find(|(w, _)| head.ends_with(w)) else {
            continue;
        };
        let Some(unit) = n.unit else { continue };
        let word_at = head.len() - word.len();
        let per_year =
            head[..word_at].ends_with("每年") || clause_opens_with(sentence, word_at, "每年");
        let subject = subject_before(sentence, word_at)
            .or_else(|| {
                grant
                    .filter(|_| clause_start(sentence, word_at) == word_at)
                    .map(str::to_owned)
            })
            .or_else(|| subject_after(sentence, n.range.end));
        let Some(subject) = subject else { continue };
        if claim(claimed, k) {
            let unit = if per_year {
                format!("{unit}/年")
            } else {
                unit.to_owned()
            };
            let mut found = Found::new(subject, n.quantity(&unit), *bound, word_at..n.range.end);
            found.quantity.unit = unit;
            out.push(found);
        }
    }
    out
}

/// Whether the clause holding byte `at` opens with `word`.
fn clause_opens_with(sentence: &str, at: usize, word: &str) -> bool {
    sentence[clause_start(sentence, at)..].starts_with(word)
}

/// `不超过15万元的创业担保贷款` → `创业担保贷款`.
fn subject_after(sentence: &str, end: usize) -> Option<String> {
    let rest = sentence[end..].strip_prefix('的')?;
    let start = end + '的'.len_utf8();
    plausible(&rest[..clause_end(sentence, start) - start])
}

/// `其中2000万元用于GMP装修…改造`: an amount and its purpose, part of the
/// paragraph's latest total.
fn uses(
    sentence: &str,
    numbers: &[Number],
    claimed: &mut [bool],
    state: &BlockState,
) -> Vec<Found> {
    let mut out = Vec::new();
    let divided = sentence.contains("其中");
    for (k, n) in numbers.iter().enumerate() {
        let Some(unit) = n.unit.filter(|u| MONEY.contains(u)) else {
            continue;
        };
        let Some(rest) = sentence[n.range.end..].strip_prefix("用于") else {
            continue;
        };
        let start = n.range.end + "用于".len();
        let end = rest
            .find(['（', '(', '，', '；', '。'])
            .map_or(sentence.len(), |i| start + i);
        let Some(subject) = plausible(&sentence[start..end]) else {
            continue;
        };
        if claim(claimed, k) {
            let mut found = Found::new(subject, n.quantity(unit), Bound::Exact, n.range.clone());
            found.part_of = state.total.clone().filter(|_| divided);
            out.push(found);
        }
    }
    out
}

/// `设立总规模 50 亿元的“中国蓝色药库开发基金”` → `中国蓝色药库开发基金总规模`.
fn scales(sentence: &str, numbers: &[Number], claimed: &mut [bool]) -> Vec<Found> {
    let mut out = Vec::new();
    for (k, n) in numbers.iter().enumerate() {
        let Some(unit) = n.unit.filter(|u| MONEY.contains(u)) else {
            continue;
        };
        let head = sentence[..n.range.start].trim_end();
        let Some(word) = ["总规模", "规模"].into_iter().find(|w| head.ends_with(w)) else {
            continue;
        };
        let Some(owner) = subject_after(sentence, n.range.end) else {
            continue;
        };
        if claim(claimed, k) {
            out.push(Found::new(
                format!("{owner}{word}"),
                n.quantity(unit),
                Bound::Exact,
                n.range.clone(),
            ));
        }
    }
    out
}

/// How the subject of a bare amount must end: a sum of money, a standard,
/// a share, a rate.
const AMOUNT_NOUNS: &[&str] = &[
    "经费", "资金", "基金", "标准", "募集", "出资", "额度", "金额", "规模", "预算", "率", "比例",
];

/// `支持蓝色药库技术创新工程经费 4000 万元`, `首期募集 2 亿元，其中…出资 10%`:
/// an amount of money or a share that ends its clause, named by the clause.
fn amounts(
    sentence: &str,
    numbers: &[Number],
    claimed: &mut [bool],
    state: &mut BlockState,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut total: Option<Quantity> = None;
    for (k, n) in numbers.iter().enumerate() {
        let Some(unit) = n.unit.filter(|u| MONEY.contains(u) || *u == "%") else {
            continue;
        };
        if clause_end(sentence, n.range.end) != n.range.end || claimed.get(k) != Some(&false) {
            continue;
        }
        let clause_head = &sentence[clause_start(sentence, n.range.start)..n.range.start];
        let subject = subject_before(sentence, n.range.start)
            .filter(|s| AMOUNT_NOUNS.iter().any(|w| s.ends_with(w)));
        let Some(subject) = subject else { continue };
        claim(claimed, k);
        let mut found = Found::new(subject, n.quantity(unit), Bound::Exact, n.range.clone());
        if clause_head.starts_with("其中") {
            found.part_of = total.clone().or_else(|| state.total.clone());
        } else if MONEY.contains(&unit) {
            total = Some(n.quantity(unit));
        }
        out.push(found);
    }
    if total.is_some() {
        state.total = total;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_borrow_their_scheme() {
        assert_eq!(
            qualify("单位费率", Some("失业保险费率")),
            "失业保险单位费率"
        );
        assert_eq!(
            qualify("工伤保险费率", Some("失业保险费率")),
            "工伤保险费率"
        );
        assert_eq!(qualify("单位费率", None), "单位费率");
    }
}
