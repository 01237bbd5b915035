//! What an issue prints about itself (`Issue::printed`): its gazette, year,
//! 期号 and 总期号, from its running headers; nothing from text that prints
//! none (the Qingdao sample, every corpus document).

use gazette_parse::parse_text;

use crate::common::fixtures;

fn sample() -> String {
    std::fs::read_to_string(fixtures().join("qingdao-gazette-2019-issue.txt")).expect("sample")
}

#[test]
fn the_sample_issue_prints_neither_its_number_nor_its_date() {
    // The sample opens with its first document's title; no cover, no
    // masthead, no running header.
    assert_eq!(parse_text(&sample()).printed, None);
}

#[test]
fn no_single_document_of_the_corpora_reads_as_a_gazette_issue() {
    let mut read = 0;
    for folder in ["corpus", "govcn", "pdf/text", "webtext"] {
        let Ok(entries) = std::fs::read_dir(fixtures().join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("UTF-8 fixture");
            let issue = parse_text(&text);
            assert_eq!(issue.printed, None, "{}", path.display());
            read += 1;
        }
    }
    assert!(read > 80, "only {read} fixtures read");
}

/// The sample laid out as printed pages: the gazette's running header over
/// each page of 40 lines, its page number under it, pages ended by form
/// feeds (as `pdftotext` writes them).
fn paged_sample(header: &str) -> String {
    let text = sample();
    let lines: Vec<&str> = text.lines().collect();
    let mut paged = String::new();
    for (page, chunk) in lines.chunks(40).enumerate() {
        paged.push_str(header);
        paged.push_str("\n\n");
        for line in chunk {
            paged.push_str(line);
            paged.push('\n');
        }
        paged.push_str(&format!("\n— {} —\n\x0c", page + 1));
    }
    paged
}

#[test]
fn running_headers_give_the_gazette_its_year_number_and_total_number() {
    let issue = parse_text(&paged_sample(
        "青岛市人民政府公报　　　　　　2019年第7期（总第305期）",
    ));
    let printed = issue.printed.expect("the running header is read");
    assert_eq!(printed.gazette.as_deref(), Some("青岛市人民政府公报"));
    assert_eq!(printed.year, Some(2019));
    assert_eq!(printed.number, Some(7));
    assert_eq!(printed.total_number, Some(305));
    assert_eq!(printed.published, None);
    assert!(printed.evidence.starts_with("青岛市人民政府公报"));
    // The documents are the sample's six, the headers taken out of them.
    assert_eq!(issue.documents.len(), 6);
    assert!(issue.documents.iter().all(|d| !d.title.contains("公报")));
}

#[test]
fn a_number_in_chinese_numerals_is_read() {
    let issue = parse_text(&paged_sample("中华人民共和国国务院公报　　2019年第二十期"));
    let printed = issue.printed.expect("the running header is read");
    assert_eq!(printed.gazette.as_deref(), Some("中华人民共和国国务院公报"));
    assert_eq!((printed.year, printed.number), (Some(2019), Some(20)));
}

/// A cover and a 目录 over the sample, laid out as gazettes print them
/// (the 目录's third entry names a document the file does not hold).
const COVER_AND_CONTENTS: &str = "青岛市人民政府公报
2019年第7期（总第305期）

目　　录

【市政府文件】
青岛市人民政府关于支持“蓝色药库”开发计划的实施意见（青政字〔2019〕16号）……………………（3）
【市政府办公厅文件】
青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知（青政办发〔2019〕4号）…………（6）
青岛市人民政府办公厅关于做好某项工作的通知（青政办字〔2019〕99号）……………（9）
青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知（青政办字〔2019〕30号）………（10）
近期市政府任免的工作人员名单 ………………………………… 40

";

#[test]
fn a_cover_and_its_contents_give_the_issue_and_its_entries_with_their_pages() {
    let text = format!("{COVER_AND_CONTENTS}{}", sample());
    let issue = parse_text(&text);
    assert_eq!(issue.documents.len(), 6, "the 目录 adds no document");
    let printed = issue.printed.expect("the cover is read");
    assert_eq!(printed.gazette.as_deref(), Some("青岛市人民政府公报"));
    assert_eq!(
        (printed.year, printed.number, printed.total_number),
        (Some(2019), Some(7), Some(305))
    );
    assert_eq!(printed.line, 1);
    let entries: Vec<(&str, u32)> = printed
        .contents
        .iter()
        .map(|e| (e.title.as_str(), e.page))
        .collect();
    assert_eq!(
        entries,
        [
            ("青岛市人民政府关于支持“蓝色药库”开发计划的实施意见（青政字〔2019〕16号）", 3),
            ("青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知（青政办发〔2019〕4号）", 6),
            ("青岛市人民政府办公厅关于做好某项工作的通知（青政办字〔2019〕99号）", 9),
            ("青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知（青政办字〔2019〕30号）", 10),
            ("近期市政府任免的工作人员名单", 40),
        ]
    );
    assert_eq!(printed.contents[0].line, 7);
}
