//! An attachment list printed on one line (`附件：1.甲 2.乙`) gives the
//! same attachments as the list printed one item per line, and never takes
//! the signature below it. govcn-row23, its list joined onto one line.
//! Read by hand: the list (lines 12–13) names 1.国土资源部关于…调研情况的报告
//! and 2.…调查专家组意见; the attachments print other titles under their
//! labels, which the attachments take (the list's names stay in a warning).

use gazette_parse::parse_text;

use crate::common::fixtures;

#[test]
fn a_list_on_one_line_gives_each_attachment() {
    let printed =
        std::fs::read_to_string(fixtures().join("govcn/govcn-row23.txt")).expect("fixture");
    let second = printed
        .find("2.湖北省巴东县官渡口镇马鬃山村地质险情调查专家组意见")
        .expect("the list's second item");
    let line_start = printed[..second].rfind('\n').expect("its line");
    let one_line = format!("{} {}", &printed[..line_start], &printed[second..]);
    for text in [&printed, &one_line] {
        let issue = parse_text(text);
        let doc = &issue.documents[0];
        let titles: Vec<(u32, &str)> = doc
            .attachments
            .iter()
            .map(|a| (a.number, a.title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                (1, "关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告"),
                (2, "湖北省巴东县官渡口镇马鬃山村地质险情调查意见")
            ]
        );
        for listed in [
            "国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告",
            "湖北省巴东县官渡口镇马鬃山村地质险情调查专家组意见",
        ] {
            assert!(
                doc.warnings
                    .iter()
                    .any(|w| w.code == "attachment_title_differs" && w.message.contains(listed)),
                "{listed}: {:?}",
                doc.warnings
            );
        }
        assert_eq!(doc.issuer, ["国务院办公厅"]);
    }
}
