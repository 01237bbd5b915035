//! Rosters (issue 13): the members of a 领导小组, 委员会 or 指挥部 by role
//! are read alike in every rendering of a document. Each expected roster
//! was read by hand from the fixture (the lines are named); the renderings
//! are those of the renderings test (its helpers, not copies), plus the
//! roster's lines as a table: each label line with its colon and each run
//! of two or more full-width spaces made a tab, under a header row, as a
//! text, as an HTML `<table>` or one cell per line (a page's table copied
//! as text).

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use gazette_model::{Issue, Roster};

use crate::renderings::{govcn, line_less, markdown, paragraph_per_line, read};

/// One member as compared: role, name ("" when none), post ("" when none).
type Member = (&'static str, &'static str, &'static str);

/// A roster read by hand.
struct Expected {
    /// Fixture path under tests/fixtures.
    file: &'static str,
    /// Lines of the roster in the fixture (1-based, inclusive).
    lines: (usize, usize),
    /// Which roster of the document, in printed order.
    index: usize,
    /// Members by role, in printed order of the roles.
    roles: &'static [(&'static str, usize)],
    first: Member,
    last: Member,
}

const EXPECTED: &[Expected] = &[
    // Lines 136–175: the 指挥部 of the Qingdao 防汛抗旱 notice, printed in
    // two columns that the text flattened row by row (指 挥：⇥孟凡利⇥市长⇥
    // 李苏满⇥市文化和旅游局局长). Read by hand: the left column down, each
    // label (指 挥：, 常务副指挥：, 副 指 挥：, 成 员：) over the rows to the
    // next: 孟凡利; 薛庆国 朱培吉 于成璞 张建刚; 杨苏 郇敏 万建忠 赵发海 陈勇;
    // 毛加杰 … 赵士玉 (16). The right column goes on with the 成员 (its
    // units follow 市商务局 in the city's order: 市文化和旅游局, 市卫生健康委
    // …): 李苏满 … 孟祥德 on the rows (23; 干部 under 市应急局副局级领导 ends
    // 刘培喜's post), then the lines after the table, 中石化山东青岛石油 /
    // 分公司总经理 ending 孟祥德's post, 王晓深 … 张陕辉 海军91206部队训练 /
    // 处处长 (5 more, one post each over two lines): 45 成员.
    Expected {
        file: "qingdao-gazette-2019-issue.txt",
        lines: (136, 175),
        index: 0,
        roles: &[("指挥", 1), ("常务副指挥", 4), ("副指挥", 5), ("成员", 45)],
        first: ("指挥", "孟凡利", "市长"),
        last: ("成员", "张陕辉", "海军91206部队训练处处长"),
    },
    // Lines 31–42: 主　任：尤　权　　国务院副秘书长 … 　　　　马　健　　空中
    // 交通管制办副主任; names padded with a full-width space (尤　权, 吉　林,
    // 王　伟, 龚　正, 马　健) are one name each.
    Expected {
        file: "govcn/govcn-row46.txt",
        lines: (31, 42),
        index: 0,
        roles: &[("主任", 1), ("副主任", 4), ("成员", 7)],
        first: ("主任", "尤权", "国务院副秘书长"),
        last: ("成员", "马健", "空中交通管制办副主任"),
    },
    // Lines 72–74: 总指挥：国家发展改革委主要负责人。/ 副总指挥：国家发展改革委
    // 分管负责人、国家粮食局主要负责人。/ 成员：公安部、财政部 … 中国储备粮管理
    // 总公司有关负责人。 Units, no names: 1 + 2 + 12.
    Expected {
        file: "govcn/govcn-row41.txt",
        lines: (72, 74),
        index: 0,
        roles: &[("总指挥", 1), ("副总指挥", 2), ("成员", 12)],
        first: ("总指挥", "", "国家发展改革委主要负责人"),
        last: ("成员", "", "中国储备粮管理总公司有关负责人"),
    },
    // OCR, one line: 组长:XXX省委副书记、省长副组长:XXX省委常委、常务副省长
    // XXX副省长成员:XXX省政府秘书长 … XXX省能源局局长XXX网山东省电力公司董牛长
    // 专项小组力、公室设在… (the OCR's slips kept as printed).
    Expected {
        file: "ocr-flat/train-058.txt",
        lines: (1, 1),
        index: 0,
        roles: &[("组长", 1), ("副组长", 2), ("成员", 15)],
        first: ("组长", "XXX", "省委副书记、省长"),
        last: ("成员", "XXX", "网山东省电力公司董牛长"),
    },
    // OCR, one line, three rosters; the second: 二、省重污染天气应急工作专项
    // 小组组长:XXX副省长副组长:XXX省政府副秘书长、办公厅党组成员XXX省生态
    // 环境厅党组书记、厅长成员:XXX省委宣传部副部长，省政府新闻办主任 … XXX省
    // 通信管理局党组成员、副局长专项小组办公室设在省生态环境厅，XXX同志兼任
    // 办公室主任。
    Expected {
        file: "ocr-flat/train-041.txt",
        lines: (1, 1),
        index: 1,
        roles: &[("组长", 1), ("副组长", 2), ("成员", 10)],
        first: ("组长", "XXX", "副省长"),
        last: ("成员", "XXX", "省通信管理局党组成员、副局长"),
    },
    // The third: … 成员:XXX省委宣传部副部长，省政府新闻办主任 … XXX省卫生健康委
    // 党组成员、副主任、一级巡视员专项小组办公室设在省生态环境厅 …
    Expected {
        file: "ocr-flat/train-041.txt",
        lines: (1, 1),
        index: 2,
        roles: &[("组长", 1), ("副组长", 2), ("成员", 6)],
        first: ("组长", "XXX", "副省长"),
        last: ("成员", "XXX", "省卫生健康委党组成员、副主任、一级巡视员"),
    },
];

/// The lines of a roster in its fixture.
fn roster_lines(text: &str, (first, last): (usize, usize)) -> impl Iterator<Item = &str> {
    text.lines().skip(first - 1).take(last + 1 - first)
}

/// What is compared of a roster: members by role, first and last member.
fn summary(roster: &Roster, fold: &dyn Fn(&str) -> String) -> String {
    let mut roles: Vec<(String, usize)> = Vec::new();
    for member in &roster.members {
        let role = fold(&member.role);
        match roles.last_mut() {
            Some((last, n)) if *last == role => *n += 1,
            _ => roles.push((role, 1)),
        }
    }
    let member = |k: Option<&gazette_model::RosterMember>| {
        k.map(|m| {
            format!(
                "{}/{}/{}",
                fold(&m.role),
                fold(m.name.as_deref().unwrap_or_default()),
                fold(m.post.as_deref().unwrap_or_default())
            )
        })
        .unwrap_or_default()
    };
    format!(
        "{roles:?} first {} last {}",
        member(roster.members.first()),
        member(roster.members.last())
    )
}

fn want(expected: &Expected) -> String {
    let roles: Vec<(String, usize)> = expected
        .roles
        .iter()
        .map(|&(r, n)| (r.to_owned(), n))
        .collect();
    let member = |(role, name, post): Member| format!("{role}/{name}/{post}");
    format!(
        "{roles:?} first {} last {}",
        member(expected.first),
        member(expected.last)
    )
}

/// The rosters of every document of an issue, in order.
fn rosters(issue: &Issue) -> Vec<&Roster> {
    issue.documents.iter().flat_map(|d| &d.rosters).collect()
}

/// The roster's lines as table rows: the colon after the role and every
/// run of two or more full-width spaces a tab (a continuation line opens
/// with an empty role cell), under the header 职务/姓名/单位及职务.
fn as_tab_table(text: &str, (first, last): (usize, usize)) -> String {
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        let number = k + 1;
        if number == first {
            out.push_str("职务\t姓名\t单位及职务\n");
        }
        if !(first..=last).contains(&number) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut row = String::new();
        let mut spaces = 0;
        for c in line.trim_matches(' ').chars() {
            match c {
                '\u{3000}' => spaces += 1,
                _ => {
                    match spaces {
                        0 => {}
                        1 => row.push('\u{3000}'),
                        _ => row.push('\t'),
                    }
                    spaces = 0;
                    row.push(if c == '：' { '\t' } else { c });
                }
            }
        }
        out.push_str(&row);
        out.push('\n');
    }
    out
}

/// Text with tab rows as a page's table copied as text: every non-empty
/// cell on a line of its own, no tab lines.
fn cell_per_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        for cell in line.split('\t').filter(|c| !c.trim().is_empty()) {
            out.push_str(cell);
            out.push('\n');
        }
    }
    out
}

/// Text with tab rows as an HTML page: each line a `<p>`, each run of tab
/// rows a `<table>`.
fn as_html_table(text: &str) -> String {
    let mut out = String::from("<html><head><meta charset=\"utf-8\"></head><body>\n");
    let mut in_table = false;
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() > 1 {
            if !in_table {
                out.push_str("<table>\n");
                in_table = true;
            }
            out.push_str("<tr>");
            for cell in cells {
                out.push_str(&format!("<td>{cell}</td>"));
            }
            out.push_str("</tr>\n");
            continue;
        }
        if in_table {
            out.push_str("</table>\n");
            in_table = false;
        }
        if !line.trim().is_empty() {
            out.push_str(&format!("<p>{}</p>\n", line.trim()));
        }
    }
    if in_table {
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out
}

#[test]
fn rosters_are_read_alike_in_every_rendering() {
    let t2s = OpenCC::from_config(BuiltinConfig::T2s).expect("OpenCC t2s");
    let s2t = OpenCC::from_config(BuiltinConfig::S2t).expect("OpenCC s2t");
    let same = |s: &str| s.to_owned();
    let folded = |s: &str| t2s.convert(s);
    let fixtures = govcn().join("..");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for expected in EXPECTED {
        let text = std::fs::read_to_string(fixtures.join(expected.file)).expect("fixture");
        let printed = read(text.as_bytes(), expected.file);
        let mut renderings: Vec<(&str, Issue)> = vec![("printed", printed.clone())];
        if expected.file.starts_with("govcn/") {
            let stem = expected.file.trim_start_matches("govcn/");
            let page = govcn().join("html").join(stem.replace(".txt", ".html"));
            let tab = as_tab_table(&text, expected.lines);
            renderings.extend([
                ("line-less", read(line_less(&text).as_bytes(), stem)),
                (
                    "paragraph-per-line",
                    read(paragraph_per_line(&text, &printed).as_bytes(), stem),
                ),
                ("markdown", read(markdown(&text).as_bytes(), stem)),
                ("html", read(&std::fs::read(page).expect("page"), stem)),
                ("traditional", read(s2t.convert(&text).as_bytes(), stem)),
                ("tab-table", read(tab.as_bytes(), stem)),
                ("html-table", read(as_html_table(&tab).as_bytes(), stem)),
                ("cell-per-line", read(cell_per_line(&tab).as_bytes(), stem)),
            ]);
        } else if roster_lines(&text, expected.lines).any(|l| l.contains('\t')) {
            // A roster printed as a table already: the same as an HTML
            // table, and in traditional characters.
            renderings.extend([
                (
                    "html-table",
                    read(as_html_table(&text).as_bytes(), expected.file),
                ),
                (
                    "traditional",
                    read(s2t.convert(&text).as_bytes(), expected.file),
                ),
            ]);
        }
        for (rendering, issue) in &renderings {
            checked += 1;
            let fold: &dyn Fn(&str) -> String = match *rendering {
                "traditional" => &folded,
                _ => &same,
            };
            let found = rosters(issue);
            let got = found
                .get(expected.index)
                .map_or("(no roster)".to_owned(), |r| summary(r, fold));
            if got != want(expected) {
                wrong.push(format!(
                    "{} roster {} {rendering} ({} found):\n    want {}\n    got  {got}",
                    expected.file,
                    expected.index,
                    found.len(),
                    want(expected)
                ));
            }
        }
    }
    eprintln!(
        "rosters: {} of {checked} (roster, rendering) right",
        checked - wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_renderings_made_here_are_tables() {
    let text = "一、组成人员\n 主　任：尤　权　　国务院副秘书长\n 　　　　刘金国　　公安部副部长\n";
    let tab = as_tab_table(text, (2, 3));
    assert_eq!(
        tab,
        "一、组成人员\n职务\t姓名\t单位及职务\n主　任\t尤　权\t国务院副秘书长\n\t刘金国\t公安部副部长\n"
    );
    assert!(as_html_table(&tab).contains("<tr><td></td><td>刘金国</td><td>公安部副部长</td></tr>"));
    assert!(cell_per_line(&tab).ends_with("国务院副秘书长\n刘金国\n公安部副部长\n"));
}
