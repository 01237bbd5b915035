//! The members listed after one role label of a roster: `尤　权　　国务院副秘书长`,
//! `李四 副市长、王五 副市长`, `公安部、财政部…有关负责人`, `XXX省委副书记、省长XXX副省长`.
//!
//! What this module is for: cutting the text that follows a role label
//! (组长：, 成　员：) into (name, post or unit) pairs, whatever the
//! rendering left between them: line breaks, runs of spaces, tabs, 、 or
//! nothing but a redacted name. A two-character name padded to the width of
//! three (`王　五`, `王  五`) is one name.
//!
//! What it is not for: finding the labels and where a roster starts and
//! ends (`roster`).
//!
//! Names are told from posts by their shape: two to four Han characters
//! that do not end the way posts and units do (长, 任, 员, 部, 局, 委 …), a
//! padded two-character name, or a redaction (XXX, ×××). What follows a
//! name up to the next name is its post; a list without names (成员：公安部、
//! 财政部) gives one member per unit.

use gazette_model::is_han;

use crate::text::compact;

/// What separated a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    /// Nothing: the start of the list, or a redaction's edge.
    Glued,
    /// One whitespace character (or two ASCII spaces): the padding inside
    /// a two-character name, or a separator.
    Space,
    /// More whitespace, a tab or a line break.
    Break,
    /// 、
    Enum,
    /// ， , ；;
    Comma,
}

/// A piece of a member list between separators, with its byte range in the
/// text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sep: Sep,
    /// A padded two-character name (`王　五`) or a redaction (XXX).
    pub surely_name: bool,
}

/// One member read from a list: its name, its post, and the byte range it
/// covers in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    pub name: Option<String>,
    pub post: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Last characters of posts and units: a name does not end so (市长, 主任,
/// 委员, 书记, 公安部, 统计局, 发改委, 新闻办 …).
const NOT_NAME_END: &[char] = &[
    '长', '任', '员', '记', '官', '师', '席', '理', '督', '问', '部', '局', '办', '委', '院', '厅',
    '处', '会', '司', '行', '社', '所', '站', '队', '室', '馆', '心', '团', '署', '省', '市', '县',
    '区', '府', '人', '化', '网', '司', '校', '台', '组', '军', '关', '业',
];

/// Words a post ends with where a list printed without line breaks may be
/// cut after its last member (副主任, 成员, 局长, 负责人, 部长助理).
const POST_END: &[&str] = &[
    "长",
    "主任",
    "员",
    "书记",
    "主席",
    "负责人",
    "顾问",
    "助理",
    "经理",
    "工程师",
    "法官",
    "检察官",
    "干部",
];

/// A redaction mark: XXX, xx, ×××, ＸＸＸ.
fn is_redaction_char(c: char) -> bool {
    matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ')
}

/// Cuts `text` (one piece of a member list, offsets from `base`) into
/// tokens; `first` is the separator before the first token.
pub(crate) fn tokens(text: &str, base: usize, first: Sep, out: &mut Vec<Token>) {
    let mut sep = first;
    let mut space_run = 0usize;
    let mut start: Option<usize> = None;
    let mut redaction = false;
    let flush =
        |out: &mut Vec<Token>, start: &mut Option<usize>, end: usize, sep: Sep, red: bool| {
            if let Some(s) = start.take() {
                out.push(Token {
                    text: text[s..end].to_owned(),
                    start: base + s,
                    end: base + end,
                    sep,
                    surely_name: red,
                });
            }
        };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if start.is_some() {
                flush(out, &mut start, i, sep, redaction);
                sep = Sep::Glued;
                space_run = 0;
            }
            space_run += if c == ' ' { 1 } else { 2 };
            if c == '\t' || c == '\n' || c == '\r' {
                space_run += 4;
            }
            continue;
        }
        if space_run > 0 && matches!(sep, Sep::Glued | Sep::Space) {
            sep = if space_run <= 2 {
                Sep::Space
            } else {
                Sep::Break
            };
        } else if space_run > 2 {
            sep = Sep::Break;
        }
        space_run = 0;
        match c {
            '、' => {
                flush(out, &mut start, i, sep, redaction);
                sep = Sep::Enum;
                continue;
            }
            '，' | ',' | '；' | ';' => {
                flush(out, &mut start, i, sep, redaction);
                sep = Sep::Comma;
                continue;
            }
            _ => {}
        }
        let red = is_redaction_char(c);
        if start.is_some() && red != redaction {
            flush(out, &mut start, i, sep, redaction);
            sep = Sep::Glued;
        }
        if start.is_none() {
            start = Some(i);
            redaction = red;
        }
    }
    flush(out, &mut start, text.len(), sep, redaction);
    // A lone x is no redaction: give it back to its neighbours' reading.
    for token in out.iter_mut() {
        if token.surely_name && token.text.chars().count() < 2 {
            token.surely_name = false;
        }
    }
}

/// Joins a one-character token, one space, and a one-character token into
/// one padded name (`王　五`).
pub(crate) fn join_padded_names(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let single = |t: &Token| t.text.chars().count() == 1 && t.text.chars().all(is_han);
        if let Some(last) = out.last_mut() {
            if token.sep == Sep::Space && single(last) && !last.surely_name && single(&token) {
                last.text.push_str(&token.text);
                last.end = token.end;
                last.surely_name = true;
                continue;
            }
        }
        out.push(token);
    }
    out
}

/// Whether a token is a person's name.
fn is_name(token: &Token) -> bool {
    if token.surely_name {
        return true;
    }
    gazette_model::is_person_name(&token.text) && !token.text.ends_with(NOT_NAME_END)
}

/// The members the tokens of one label's list name, and whether the list
/// stopped before its last token: a line that is no name follows a member
/// whose post is complete (a wrapped paragraph ran on into prose).
pub(crate) fn members(tokens: &[Token]) -> (Vec<Member>, bool) {
    let mut out: Vec<Member> = Vec::new();
    let mut after_redaction = false;
    for token in tokens {
        // What is glued to a redacted name is its post (XXX省人防办主任).
        let name = is_name(token) && !(after_redaction && token.sep == Sep::Glued);
        after_redaction = token.surely_name && !token.text.chars().all(is_han);
        let current = out.last_mut();
        let units = |m: &Member| m.name.is_none() && m.post.is_some() && token.sep != Sep::Space;
        match current {
            Some(m) if !name && token.sep == Sep::Break && m.name.is_some() && complete(m) => {
                return (out, true);
            }
            Some(m) if !name && !units(m) => {
                let post = m.post.get_or_insert_with(String::new);
                if !post.is_empty() {
                    match token.sep {
                        Sep::Enum => post.push('、'),
                        Sep::Comma => post.push('，'),
                        _ => {}
                    }
                }
                post.push_str(&token.text);
                m.end = token.end;
            }
            _ => out.push(Member {
                name: name.then(|| compact(&token.text)),
                post: (!name).then(|| token.text.clone()),
                start: token.start,
                end: token.end,
            }),
        }
    }
    (out, false)
}

/// Whether the list stopped (see [`members`]), read from its last members
/// only: a name starts a member, so reading from a name some tokens back
/// gives the same last members at a cost that does not grow with the list.
pub(crate) fn stops(tokens: &[Token]) -> bool {
    let from = tokens.len().saturating_sub(32);
    let start = (from.saturating_sub(32)..=from)
        .rev()
        .find(|&k| tokens.get(k).is_some_and(is_name))
        .unwrap_or(from);
    members(&join_padded_names(tokens[start..].to_vec())).1
}

/// Whether a member's post ends in a title (局长, 副主任, 成员 …).
fn complete(member: &Member) -> bool {
    member
        .post
        .as_deref()
        .is_some_and(|p| POST_END.iter().any(|w| p.ends_with(w)))
}

/// The post of the last member of a list that runs on into other text
/// (line-less text): cut after the first post ending not followed by 、,
/// ， or 兼; `None` when it has none or ends there. Gives the new length in
/// bytes.
pub(crate) fn cut_run_on_post(post: &str) -> Option<usize> {
    let mut chars = post.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        // 、 and 兼 join a second post; 长助理 is one title.
        let joined = matches!(next, Some('、' | '，' | ',' | '兼' | '助') | None);
        if !joined && POST_END.iter().any(|w| post[..end].ends_with(w)) {
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Option<String>, Option<String>)> {
        let mut found = Vec::new();
        tokens(text, 0, Sep::Glued, &mut found);
        members(&join_padded_names(found))
            .0
            .into_iter()
            .map(|m| (m.name, m.post))
            .collect()
    }

    fn pair(name: &str, post: &str) -> (Option<String>, Option<String>) {
        (Some(name.to_owned()), Some(post.to_owned()))
    }

    #[test]
    fn a_padded_name_is_one_name() {
        assert_eq!(
            read("尤　权　　国务院副秘书长"),
            [pair("尤权", "国务院副秘书长")]
        );
        assert_eq!(read("王  五 副市长"), [pair("王五", "副市长")]);
    }

    #[test]
    fn names_and_posts_alternate_whatever_separates_them() {
        assert_eq!(
            read("李四 副市长、王五 副市长"),
            [pair("李四", "副市长"), pair("王五", "副市长")]
        );
        assert_eq!(
            read("张三\t市长\n李四\t市财政局局长"),
            [pair("张三", "市长"), pair("李四", "市财政局局长")]
        );
        assert_eq!(
            read("XXX省委副书记、省长XXX副省长"),
            [pair("XXX", "省委副书记、省长"), pair("XXX", "副省长")]
        );
    }

    #[test]
    fn a_list_of_units_gives_a_member_per_unit() {
        assert_eq!(
            read("公安部、财政部、国家统计局有关负责人"),
            [
                (None, Some("公安部".to_owned())),
                (None, Some("财政部".to_owned())),
                (None, Some("国家统计局有关负责人".to_owned())),
            ]
        );
    }

    #[test]
    fn names_alone_are_members_without_posts() {
        assert_eq!(
            read("张三、李四"),
            [
                (Some("张三".to_owned()), None),
                (Some("李四".to_owned()), None)
            ]
        );
    }

    #[test]
    fn a_run_on_post_is_cut_at_its_title() {
        let post = "空中交通管制办副主任协调委成员因工作变动";
        let end = cut_run_on_post(post).expect("a title");
        assert_eq!(&post[..end], "空中交通管制办副主任");
        let post = "省卫生健康委党组成员、副主任、一级巡视员专项小组办公室设在";
        let end = cut_run_on_post(post).expect("a title");
        assert_eq!(&post[..end], "省卫生健康委党组成员、副主任、一级巡视员");
        assert_eq!(cut_run_on_post("市政府副秘书长"), None);
        assert_eq!(cut_run_on_post("外交部部长助理"), None);
        assert_eq!(cut_run_on_post("中国储备粮管理总公司有关负责人"), None);
        assert_eq!(cut_run_on_post("省人力资源社会保障厅副厅长"), None);
    }

    #[test]
    fn prose_after_a_complete_post_ends_the_list() {
        let mut found = Vec::new();
        tokens("马　健　　空中交通管制办副主任", 0, Sep::Glued, &mut found);
        tokens(
            "协调委成员因工作变动需要调整的",
            100,
            Sep::Break,
            &mut found,
        );
        let (read, stopped) = members(&join_padded_names(found));
        assert!(stopped);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].post.as_deref(), Some("空中交通管制办副主任"));
    }

    #[test]
    fn what_is_glued_to_a_redacted_name_is_its_post() {
        assert_eq!(
            read("XXX省人防办主任XXX省能源局局长"),
            [pair("XXX", "省人防办主任"), pair("XXX", "省能源局局长")]
        );
    }
}
