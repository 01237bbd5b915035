//! 任免 lists → one record per person and post.
//!
//! A list reads “任命：” then lines “招继亮、孙刚为青岛市退役军人事务局副局长；”,
//! and “免去：” then lines “李红兵的A副主任、B主任职务；”. Several people
//! and several posts in one line give one record for each pair. A line that
//! cannot be read is reported, never guessed at.

use gazette_model::AppointmentAction;

/// One record read from a line; the caller adds where and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub person: String,
    pub action: AppointmentAction,
    pub post: String,
    pub note: Option<String>,
}

/// What a line of a 任免 list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ListLine {
    /// Switches to appointments (任命：) or removals (免去：); what follows the
    /// colon on the same line, if anything, is returned as well.
    Switch(AppointmentAction, String),
    /// Records.
    Records(Vec<Record>),
    /// Not a record.
    Unreadable,
}

/// Characters a post ends with: 局长, 主任, 委员, 干部, 书记, 主席, 经理 ….
const POST_END: &[char] = &[
    '长', '任', '员', '部', '记', '官', '师', '席', '理', '事', '督',
];

/// Reads one line of a 任免 list given the current action.
pub(crate) fn read_line(text: &str, action: Option<AppointmentAction>) -> ListLine {
    if let Some(switch) = switch(text) {
        return switch;
    }
    let body = text.trim_end_matches(['；', '。', ';', '，']);
    let records = match action {
        Some(AppointmentAction::Appoint) => appointment(body),
        Some(AppointmentAction::Remove) => removal(body),
        None => None,
    };
    records.map_or(ListLine::Unreadable, ListLine::Records)
}

fn switch(text: &str) -> Option<ListLine> {
    // Both switches end with a full-width colon: one scan for it first.
    if !text.contains('：') {
        return None;
    }
    for (switch, action) in [
        ("任命：", AppointmentAction::Appoint),
        ("免去：", AppointmentAction::Remove),
    ] {
        if let Some(at) = text.find(switch) {
            let rest = text[at + switch.len()..].trim().to_owned();
            return Some(ListLine::Switch(action, rest));
        }
    }
    None
}

/// 张洪为青岛市人民政府副秘书长（挂职时间一年）
fn appointment(body: &str) -> Option<Vec<Record>> {
    let (people, post) = split_people(body, '为')?;
    let (post, note) = split_note(post);
    is_post(post).then(|| records(&people, AppointmentAction::Appoint, &[post], note))
}

/// 李红兵的A副主任、B主任职务
fn removal(body: &str) -> Option<Vec<Record>> {
    let (people, posts) = split_people(body, '的')?;
    let posts = posts.strip_suffix("职务").unwrap_or(posts);
    let (posts, note) = split_note(posts);
    let posts = split_posts(posts);
    posts
        .iter()
        .all(|p| is_post(p))
        .then(|| records(&people, AppointmentAction::Remove, &posts, note))
}

fn records(
    people: &[&str],
    action: AppointmentAction,
    posts: &[&str],
    note: Option<&str>,
) -> Vec<Record> {
    people
        .iter()
        .flat_map(|person| {
            posts.iter().map(move |post| Record {
                person: (*person).to_owned(),
                action,
                post: (*post).to_owned(),
                note: note.map(str::to_owned),
            })
        })
        .collect()
}

/// Splits “甲、乙为…” at the first `joint` after a list of names.
fn split_people(body: &str, joint: char) -> Option<(Vec<&str>, &str)> {
    let at = body.find(joint)?;
    let people: Vec<&str> = body[..at].split(['、', '，']).map(str::trim).collect();
    let post = body[at + joint.len_utf8()..].trim();
    let names_ok = people.iter().all(|p| is_name(p));
    (names_ok && !post.is_empty()).then_some((people, post))
}

/// Chinese personal names: two to four Han characters (a middle dot allowed;
/// see [`gazette_model::is_person_name`]).
fn is_name(text: &str) -> bool {
    gazette_model::is_person_name(text)
}

/// A trailing remark such as （试用期一年） is a note, not part of the post;
/// a parenthesised alternative name such as （青岛市住房资金管理中心） inside
/// the post stays.
fn split_note(post: &str) -> (&str, Option<&str>) {
    let Some(inner) = post.strip_suffix('）') else {
        return (post, None);
    };
    let Some(open) = inner.rfind('（') else {
        return (post, None);
    };
    let note = &inner[open + '（'.len_utf8()..];
    if ["试用期", "挂职", "任期", "兼", "正", "副"]
        .iter()
        .any(|w| note.starts_with(w))
    {
        (inner[..open].trim_end(), Some(note))
    } else {
        (post, None)
    }
}

fn is_post(text: &str) -> bool {
    text.ends_with(POST_END)
}

/// Splits “A副主任、B主任” where every piece is a post of its own.
fn split_posts(posts: &str) -> Vec<&str> {
    let pieces: Vec<&str> = posts.split('、').map(str::trim).collect();
    if pieces.len() > 1 && pieces.iter().all(|p| is_post(p)) {
        pieces
    } else {
        vec![posts]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppointmentAction::{Appoint, Remove};

    fn records_of(text: &str, action: AppointmentAction) -> Vec<(String, String, Option<String>)> {
        match read_line(text, Some(action)) {
            ListLine::Records(records) => records
                .into_iter()
                .map(|r| (r.person, r.post, r.note))
                .collect(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn two_people_one_post() {
        let got = records_of("招继亮、孙刚为青岛市退役军人事务局副局长；", Appoint);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "招继亮");
        assert_eq!(got[1].0, "孙刚");
        assert!(got.iter().all(|r| r.1 == "青岛市退役军人事务局副局长"));
    }

    #[test]
    fn one_person_two_posts() {
        let got = records_of(
            "李红兵的青岛红岛经济区管理委员会副主任、青岛轨道交通产业示范区管理委员会主任职务。",
            Remove,
        );
        let posts: Vec<_> = got.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(
            posts,
            [
                "青岛红岛经济区管理委员会副主任",
                "青岛轨道交通产业示范区管理委员会主任"
            ]
        );
    }

    #[test]
    fn notes_are_split_off_but_alternative_names_stay() {
        let got = records_of("孙黎、任焕盛为青岛市住房公积金管理中心（青岛市住房资金管理中心）副主任（试用期一年）；", Appoint);
        assert_eq!(
            got[0].1,
            "青岛市住房公积金管理中心（青岛市住房资金管理中心）副主任"
        );
        assert_eq!(got[0].2.as_deref(), Some("试用期一年"));
        let got = records_of(
            "曹彦平为青岛市住房公积金管理中心（青岛市住房资金管理中心）主任；",
            Appoint,
        );
        assert_eq!(
            got[0].1,
            "青岛市住房公积金管理中心（青岛市住房资金管理中心）主任"
        );
        assert_eq!(got[0].2, None);
    }

    #[test]
    fn switches_and_unreadable_lines() {
        assert_eq!(
            read_line("2019年6月19日，市政府决定，任命：", None),
            ListLine::Switch(Appoint, String::new())
        );
        assert_eq!(
            read_line("免去：", Some(Appoint)),
            ListLine::Switch(Remove, String::new())
        );
        assert_eq!(
            read_line("以上同志的任职时间从发文之日起计算。", Some(Remove)),
            ListLine::Unreadable
        );
    }
}
