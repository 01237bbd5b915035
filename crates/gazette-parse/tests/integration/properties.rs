//! Property tests: no input makes the parser panic, parsing is
//! deterministic, and nothing is ever lost.

use proptest::prelude::*;

use crate::nothing_lost::check;

/// Pieces that gazette text is made of, so that random text exercises the
/// parser's real paths (headers, headings, tables, lists) and not only the
/// plain-paragraph one.
const PIECES: &[&str] = &[
    "青岛市人民政府关于印发",
    "实施方案的通知",
    "（2019年6月15日）",
    "青政办字〔2019〕31号",
    "国办发[2019]13号",
    "各区、市人民政府，市直各单位：",
    "一、",
    "（一）",
    "1. ",
    "（1）",
    "第一条　",
    "第一章",
    "附件",
    "附件：1. ",
    "附件3",
    "\t",
    "序号\t工作任务\t责任单位",
    "1.2\t",
    "。",
    "，",
    "；",
    "：",
    "《",
    "》",
    "任命：",
    "免去：",
    "、",
    "为",
    "的",
    "职务；",
    "\n",
    "\n\n",
    "\u{c}",
    "\r\n",
    " ",
    "\u{a0}\u{a0}",
    "近期市政府任免的工作人员名单",
    "2019年6月19日，市政府决定，",
    "中华人民共和国国务院令",
    "第706号",
    "二〇一九年六月十五日",
    "<p>",
    "</p>",
    "名单",
    "李红兵",
    "副局长",
    "字",
    "２０１９",
    "〔",
    "〕",
    // Page layout of PDF text (paged by the form feeds above).
    "— 3 —",
    "第2页 共5页",
    "青岛市人民政府公报 2019年第7期",
    "青岛市人民政府办公厅文件",
    "860 号",
    "2019 年",
    // Traditional characters (a mirror page).
    "國務院辦公廳關於印發",
    "實施意見的通知",
    "國辦發〔2019〕13號",
    "各區、市人民政府，市直各單位：",
    "的批覆",
    "附件：",
    // Markdown.
    "---\n标题: 关于印发的通知\n文号: 国办发〔2019〕13号\n---\n",
    "# ",
    "## ",
    "> ",
    "- ",
    "**",
    "| ",
    " | ",
    " |",
    "|---|---|\n",
    "***\n",
    "```\n",
    "\r",
    // Web text.
    "首页 > 政务公开 > 政策文件\n",
    "索引号：",
    "• 发文字号：",
    "发布日期：2023-03-21 访问次数：123\n",
    "【字体：大 中 小】 打印 关闭窗口\n",
    "返回顶部\n",
    "网站标识码：3702000001\n",
    "序号\n单位\n",
    "\n1\n",
    "\n2\n",
];

/// Pieces of line-less text: gazette pieces without line breaks, and the
/// fields of a 公文 header and closing run together.
const LINE_LESS_PIECES: &[&str] = &[
    "等级特急·明电",
    "特提",
    "鲁办发电〔2022〕20号",
    "鲁机发454号",
    "签发人：张三",
    "公文稿纸",
    "发电单位",
    "抄报:",
    "抄送：",
    "山东省人民政府办公厅",
    "中共山东省委",
    "文件",
    "关于",
    "的函",
    "的通知",
    "2021年3月5日",
    "（此件公开发布）",
    "印发",
    "联系人：XXX",
    "〔2018 } 10号",
    "（2020）164号",
    "附件:1.",
    "2.",
    "。”",
    "（",
    "）",
];

fn line_less() -> impl Strategy<Value = String> {
    let pieces: Vec<&'static str> = PIECES
        .iter()
        .chain(LINE_LESS_PIECES)
        .copied()
        .filter(|p| !p.contains(['\n', '\r', '\u{c}']))
        .collect();
    prop::collection::vec(prop::sample::select(pieces), 60..240).prop_map(|p| p.concat())
}

fn gazette_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = gazette_parse::parse_bytes(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics_and_loses_nothing(text in any::<String>()) {
        let issue = gazette_parse::parse_text(&text);
        prop_assert_eq!(check(&text, &issue), Ok(()));
    }

    #[test]
    fn long_one_line_text_never_panics_and_loses_nothing(text in line_less()) {
        let first = gazette_parse::parse_text(&text);
        let second = gazette_parse::parse_text(&text);
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(check(&text, &first), Ok(()));
    }

    #[test]
    fn arbitrary_long_line_never_panics_and_loses_nothing(
        text in "[\\PC\u{3000}。：，；一、（）1.号〔〕年月日关于通知]{300,1200}"
    ) {
        let issue = gazette_parse::parse_text(&text);
        prop_assert_eq!(check(&text, &issue), Ok(()));
    }

    #[test]
    fn markdown_like_text_never_panics_and_loses_nothing(text in gazette_like()) {
        let text = format!("# {text}");
        let issue = gazette_parse::parse_text(&text);
        prop_assert_eq!(check(&text, &issue), Ok(()));
    }

    #[test]
    fn gazette_like_text_is_deterministic_and_loses_nothing(text in gazette_like()) {
        let first = gazette_parse::parse_text(&text);
        let second = gazette_parse::parse_text(&text);
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(check(&text, &first), Ok(()));
        prop_assert!(serde_json::to_string(&first).is_ok());
    }
}
