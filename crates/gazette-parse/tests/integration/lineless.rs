//! Text whose line breaks were lost: the State Council documents flattened
//! by removing every `\r` and `\n`, and real OCR output given as one line
//! (`tests/fixtures/ocr-flat`, see its SOURCES.md).

use gazette_model::{Document, TextForm};

use crate::common::fixtures;

/// The State Council fixtures, by stem.
fn govcn() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(fixtures().join("govcn"))
        .expect("govcn fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let stem = p.file_stem().expect("stem").to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).expect("utf-8"))
        })
        .collect();
    all.sort();
    all
}

/// `text` with every line break removed and nothing else changed.
pub fn flatten(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

/// The first body paragraph up to its first 。 (or whole).
fn first_sentence(doc: &Document) -> String {
    use gazette_model::BlockKind;
    let para = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .unwrap_or("");
    let end = para.find('。').map_or(para.len(), |i| i + '。'.len_utf8());
    para[..end].chars().filter(|c| !c.is_whitespace()).collect()
}

/// What must not depend on whether the text kept its line breaks.
fn fields(doc: &Document) -> Vec<String> {
    let attachments: Vec<&str> = doc.attachments.iter().map(|a| a.title.as_str()).collect();
    let mut cited: Vec<&str> = doc
        .cited
        .iter()
        .filter_map(|c| c.doc_number.as_deref())
        .collect();
    cited.sort_unstable();
    cited.dedup();
    vec![
        format!("title {}", doc.title),
        format!("number {:?}", doc.doc_number),
        format!("date {:?}", doc.date),
        format!("issuer {:?}", doc.issuer),
        format!("type {:?}", doc.doc_type),
        format!("recipients {:?}", doc.recipients),
        format!("attachments {attachments:?}"),
        format!("cited {cited:?}"),
        format!("first sentence {}", first_sentence(doc)),
    ]
}

/// Flattened fixtures known not to give the same fields yet; the test
/// checks that they still differ, so that fixing one shows here.
const KNOWN_DIFFERENT: &[&str] = &[];

/// With every whitespace character removed too, as OCR gives text: known
/// to differ still.
const KNOWN_DIFFERENT_COMPACT: &[&str] = &[
    // The attachment list's titles run into each other and into the
    // signature (…专家组意见国务院办公厅).
    "govcn-row23",
    // As flattened, and the tables' cells run together.
    "govcn-row44",
    // 附件 / its title / its first paragraph run together: the label is
    // read as the list, and the title is not found.
    "govcn-row46",
    // The signature is printed 国务院办公厅&sp;一九九六年七月十七日 and the
    // forwarded 请示 follows with its own signature and date.
    "govcn-row52",
    // An order: 总理李克强2018年11月6日专利代理条例（…）第一章… — the
    // premier's signature and the regulation's title run into its text.
    "govcn-row58",
];

/// Each State Council document parsed as printed and as `render` gives
/// it; returns the fixtures that differ (with how) and the known ones
/// that no longer do.
fn compare_renderings(render: fn(&str) -> String, known: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut failures = Vec::new();
    let mut now_equal = Vec::new();
    for (stem, text) in govcn() {
        let printed = gazette_parse::parse_text(&text);
        let rendered = gazette_parse::parse_text(&render(&text));
        assert_eq!(rendered.form, TextForm::LineLess, "{stem}");
        assert_eq!(printed.form, TextForm::Printed, "{stem}");
        let want: Vec<Vec<String>> = printed.documents.iter().map(fields).collect();
        let got: Vec<Vec<String>> = rendered.documents.iter().map(fields).collect();
        let differs = want != got;
        if known.contains(&stem.as_str()) {
            if !differs {
                now_equal.push(stem.clone());
            }
            continue;
        }
        if differs {
            let diff: Vec<String> = match (want.first(), got.first()) {
                (Some(w), Some(g)) => w
                    .iter()
                    .zip(g)
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| format!("    want {a}\n    got  {b}"))
                    .collect(),
                _ => vec![format!("    {} vs {} documents", want.len(), got.len())],
            };
            failures.push(format!("{stem}:\n{}", diff.join("\n")));
        }
    }
    (failures, now_equal)
}

/// Each State Council document, printed and with its line breaks removed,
/// gives the same title, 发文字号, date, issuers, type, 主送, attachment
/// titles and cited numbers. A text without line breaks cannot tell where
/// its paragraphs ended, so of the body only the first paragraph up to its
/// first 。 is compared.
#[test]
fn flattened_state_council_documents_parse_alike() {
    let (failures, now_equal) = compare_renderings(flatten, KNOWN_DIFFERENT);
    assert!(
        now_equal.is_empty(),
        "now equal, remove from KNOWN_DIFFERENT: {now_equal:?}"
    );
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same with every whitespace character removed as well: the lines are
/// then found from the text alone (header fields, sentence ends, headings,
/// signature), as in OCR output.
#[test]
fn compacted_state_council_documents_parse_alike() {
    let compact = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect();
    let (failures, now_equal) = compare_renderings(compact, KNOWN_DIFFERENT_COMPACT);
    assert!(
        now_equal.is_empty(),
        "now equal, remove from KNOWN_DIFFERENT_COMPACT: {now_equal:?}"
    );
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn ocr(stem: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("ocr-flat/{stem}.txt"))).expect("fixture")
}

/// Every OCR text gives exactly one document with a title, read as
/// line-less, whether or not it is one 公文 (company reports, an
/// authorisation letter).
#[test]
fn every_ocr_text_gives_one_titled_document() {
    let index = std::fs::read_to_string(fixtures().join("ocr-flat/index.tsv")).expect("index");
    let stems: Vec<&str> = index
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(stems.len(), 49);
    let mut failures = Vec::new();
    for stem in stems {
        let issue = gazette_parse::parse_text(&ocr(stem));
        let titles: Vec<&str> = issue.documents.iter().map(|d| d.title.as_str()).collect();
        if issue.form != TextForm::LineLess || titles.len() != 1 || titles[0].is_empty() {
            failures.push(format!("{stem}: {:?} {titles:?}", issue.form));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Fields read by hand from an OCR text, as printed there (OCR slips
/// included: 鲁办发电〔2022〕20号 is what train-021 prints).
struct HandRead {
    stem: &'static str,
    title: &'static str,
    number: Option<&'static str>,
    date: (i32, u32, u32),
    issuer: &'static [&'static str],
    recipients: &'static [&'static str],
    urgency: Option<&'static str>,
}

/// How each was read: the title is the text between the 版头/发文字号 and
/// the kind of document (通知, 函) that the 主送 follows; the 主送 runs to
/// the first colon after the title, split at its commas; the date is the
/// one after the issuing bodies at the end of the letter (before 附件1 or
/// a remark); the issuers are those bodies as signed (in these files the
/// title names the same ones).
const HAND_READ: &[HandRead] = &[
    // 版头 山东省扶贫开发领导组文件, number, title; signed 山东省扶贫开发领导小组
    // 2021年1月13日 before 附件1.
    HandRead {
        stem: "train-003",
        title: "山东省扶贫开发领导小组关于召开全省巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作会议的通知",
        number: Some("鲁扶贫组字〔2021〕1号"),
        date: (2021, 1, 13),
        issuer: &["山东省扶贫开发领导小组"],
        recipients: &["各市扶贫开发领导小组", "省扶贫开发领导小组各成员单位"],
        urgency: None,
    },
    // 等级特急·明电, 鲁办发电〔2022〕20号, the serial 鲁机发454号, title;
    // signed 中共山东省委办公厅2021年2月7日 after the attachment list.
    HandRead {
        stem: "train-021",
        title: "中共山东省委办公厅关于召开全省2021年工作动员大会的通知",
        number: Some("鲁办发电〔2022〕20号"),
        date: (2021, 2, 7),
        issuer: &["中共山东省委办公厅"],
        recipients: &["各市党委", "省有关部门、单位党组(党委)"],
        urgency: Some("特急"),
    },
    // Number first, then a joint title; signed 中共山东省委山东省人民政府
    // 2021年2月14日 at the very end.
    HandRead {
        stem: "train-029",
        title: "中共山东省委山东省人民政府关于调整中共山东省委外事工作委员会办公室设置形式的通知",
        number: Some("鲁委〔2021〕145号"),
        date: (2021, 2, 14),
        issuer: &["中共山东省委", "山东省人民政府"],
        recipients: &["各市党委和人民政府", "省委和省政府各部门(单位)", "各人民团体", "各高等院校"],
        urgency: None,
    },
    // 170795 and 版头 中共中央办公厅文件 before the number; signed
    // 中共中央办公厅国务院办公厅2020年12月18日(此件发至县团级), then the
    // 印发 and 翻印 lines.
    HandRead {
        stem: "train-073",
        title: "中共中央办公厅国务院办公厅关于严格规范村庄撤并工作的通知",
        number: Some("中办发〔2020〕39号"),
        date: (2020, 12, 18),
        issuer: &["中共中央办公厅", "国务院办公厅"],
        recipients: &[
            "各省、自治区、直辖市党委和人民政府",
            "中央和国家机关各部委",
            "解放军各大单位和武警部队、中央军委机关各部门",
            "各人民团体",
        ],
        urgency: None,
    },
    // 版头 山东省档案局, then the title naming both bodies, no number;
    // signed 山东省档案局山东省档案馆2021年3月2日 before 附件1.
    HandRead {
        stem: "train-046",
        title: "山东省档案局山东省档案馆关于开展2021年国家档案局科技项目立项申报工作的通知",
        number: None,
        date: (2021, 3, 2),
        issuer: &["山东省档案局", "山东省档案馆"],
        recipients: &["各市档案局", "省各部门(单位)"],
        urgency: None,
    },
    // 版头 山东省应急管理厅 over the title; signed 山东省应急管理厅
    // 2021年10月27日 at the end.
    HandRead {
        stem: "train-110",
        title: "山东省应急管理厅关于更换电话号码的函",
        number: None,
        date: (2021, 10, 27),
        issuer: &["山东省应急管理厅"],
        recipients: &["省直各部门(单位)"],
        urgency: None,
    },
    // 版头 山东省自然资源厅 over the title; 附件:所需数据一览表, then
    // 山东省自然资源厅2021年8月9日.
    HandRead {
        stem: "train-120",
        title: "山东省自然资源厅关于商请协助收集基础地理信息数据库更新相关资料的函",
        number: None,
        date: (2021, 8, 9),
        issuer: &["山东省自然资源厅"],
        recipients: &["国家电网山东省电力公司"],
        urgency: None,
    },
    // Title first; 附件：…(征求意见稿） then 山东省人民政府办公厅2021年3月8日.
    HandRead {
        stem: "train-050",
        title: "山东省人民政府办公厅关于征求《山东省政务服务“双全双百”工程实施方案(征求意见稿)》意见的通知",
        number: None,
        date: (2021, 3, 8),
        issuer: &["山东省人民政府办公厅"],
        recipients: &["各市人民政府办公室(厅)", "省有关部门、单位"],
        urgency: None,
    },
    // 发电, 等级特急，明电, 鲁办发电（2020）164号 (read in the normal form),
    // 鲁机发4043号, joint title; signed by both 办公厅 2020年11月4日
    // before 附件1.
    HandRead {
        stem: "train-088",
        title: "中共山东省委办公厅山东省人民政府办公厅关于召开山东省抗击新冠肺炎疫情表彰大会的通知",
        number: Some("鲁办发电〔2020〕164号"),
        date: (2020, 11, 4),
        issuer: &["中共山东省委办公厅", "山东省人民政府办公厅"],
        recipients: &["各市党委和人民政府", "省委和省政府各部门(单位)", "各人民团体", "各高等院校"],
        urgency: Some("特急"),
    },
    // 版头 山东省生态环境厅, number, title (its OCR slips kept); signed
    // 山东省生态环境厅2021年8月17日 before 信息公开属性.
    HandRead {
        stem: "train-113",
        title: "山东省生态环境厅关于请确认《山东省新一轮“四减四增“三年行动方案(20212023年)》目标指标的函",
        number: Some("鲁环便函〔2021〕1202号"),
        date: (2021, 8, 17),
        issuer: &["山东省生态环境厅"],
        recipients: &["省有关部门、单位"],
        urgency: None,
    },
    // 版头 山东省人民政府办公厅, the number 办公厅便函〔2021〕68号, title;
    // signed 山东省人民政府办公厅2021年2月24日 after the 附件 line.
    HandRead {
        stem: "train-040",
        title: "山东省人民政府办公厅关于建立深化“放管服”改革优化营商环境2021年重点任务工作台账的预备通知",
        number: Some("办公厅便函〔2021〕68号"),
        date: (2021, 2, 24),
        issuer: &["山东省人民政府办公厅"],
        recipients: &["省直有关部门(单位)", "中央驻鲁有关单位"],
        urgency: None,
    },
    // 版头 泉州市自然资源和规划局会议纪要, number, then the title with 关于;
    // no 主送 and no signature: the only date of the letter's own is the
    // 印发 line 泉州市自然资源和规划局办公室2022年8月1日印发 (2022年07月21日
    // in the first sentence is the meeting's); the issuer is the 版头's body.
    HandRead {
        stem: "train-189",
        title: "关于港湾街(东滨大道)市政道路工程方案设计事前沟通讨论会纪要",
        number: Some("泉资规纪〔2022〕48号"),
        date: (2022, 8, 1),
        issuer: &["泉州市自然资源和规划局"],
        recipients: &[],
        urgency: None,
    },
];

#[test]
fn ocr_texts_read_by_hand_parse_to_their_fields() {
    let mut failures = Vec::new();
    for want in HAND_READ {
        let issue = gazette_parse::parse_text(&ocr(want.stem));
        let [doc] = issue.documents.as_slice() else {
            failures.push(format!(
                "{}: {} documents",
                want.stem,
                issue.documents.len()
            ));
            continue;
        };
        let (y, m, d) = want.date;
        let got = (
            doc.title.as_str(),
            doc.doc_number.as_deref(),
            doc.date,
            doc.issuer.iter().map(String::as_str).collect::<Vec<_>>(),
            doc.recipients
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            doc.urgency.as_deref(),
        );
        let expected = (
            want.title,
            want.number,
            gazette_model::NaiveDate::from_ymd_opt(y, m, d),
            want.issuer.to_vec(),
            want.recipients.to_vec(),
            want.urgency,
        );
        if got != expected {
            failures.push(format!(
                "{}:\n  want {expected:?}\n  got  {got:?}",
                want.stem
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same 公文 printed with line breaks gives the same header: the
/// GB/T 9704 layout of train-021 (版头, 紧急程度, two numbers, title, 主送)
/// and its line-less form.
#[test]
fn a_printed_header_with_urgency_and_serial_reads_as_its_line_less_form() {
    let printed = "中共山东省委办公厅\n等级特急·明电\n鲁办发电〔2022〕20号\n鲁机发454号\n\
                   中共山东省委办公厅关于召开全省2021年工作动员大会的通知\n\
                   各市党委，省有关部门、单位党组(党委):\n\
                   省委定于2021年2月18日上午9时在济南召开全省工作动员大会，会期半天。\n\
                   中共山东省委办公厅\n2021年2月7日\n";
    let flat = flatten(printed);
    let a = gazette_parse::parse_text(printed);
    let b = gazette_parse::parse_text(&flat);
    assert_eq!(a.form, TextForm::Printed);
    assert_eq!(b.form, TextForm::LineLess);
    let (a, b) = (&a.documents[0], &b.documents[0]);
    assert_eq!(
        a.title,
        "中共山东省委办公厅关于召开全省2021年工作动员大会的通知"
    );
    assert_eq!(a.doc_number.as_deref(), Some("鲁办发电〔2022〕20号"));
    assert_eq!(a.urgency.as_deref(), Some("特急"));
    assert_eq!(fields(a), fields(b));
    assert_eq!(a.urgency, b.urgency);
}

/// A 公文 printed without a number (版头, title naming the same body
/// again, 主送) reads as its line-less form, train-046's header.
#[test]
fn a_printed_header_without_number_reads_as_its_line_less_form() {
    let printed = "山东省档案局\n\
                   山东省档案局山东省档案馆关于开展2021年国家档案局科技项目立项申报工作的通知\n\
                   各市档案局，省各部门(单位):\n\
                   根据要求，现对我省开展申报工作通知如下。\n\
                   一、项目申报\n\
                   各市档案局负责本行政区域内申报组织工作，汇总相关材料后统一报送。\n\
                   山东省档案局山东省档案馆\n2021年3月2日\n";
    let a = gazette_parse::parse_text(printed);
    let b = gazette_parse::parse_text(&flatten(printed));
    assert_eq!(b.form, TextForm::LineLess);
    let (a, b) = (&a.documents[0], &b.documents[0]);
    assert_eq!(
        a.title,
        "山东省档案局山东省档案馆关于开展2021年国家档案局科技项目立项申报工作的通知"
    );
    assert_eq!(a.issuer, ["山东省档案局", "山东省档案馆"]);
    assert_eq!(a.recipients, ["各市档案局", "省各部门(单位)"]);
    assert_eq!(fields(a), fields(b));
}

/// 签发人 in a printed header.
#[test]
fn signers_are_read_from_the_header() {
    let text = "山东省人民政府文件\n鲁政字〔2021〕1号\n签发人：张三 李四\n\
                山东省人民政府关于某事项的请示\n国务院：\n现将有关情况报告如下。\n";
    let issue = gazette_parse::parse_text(text);
    let doc = &issue.documents[0];
    assert_eq!(doc.title, "山东省人民政府关于某事项的请示");
    assert_eq!(doc.signers, ["张三", "李四"]);
    assert_eq!(doc.recipients, ["国务院"]);
}
