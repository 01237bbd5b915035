//! A joint document signed by its bodies over several lines, two a line
//! (GB/T 9704's layout for a joint issue), gives every body as an issuer.
//! The text is made up in that layout; no fixture prints one yet.

use gazette_parse::parse_text;

const JOINT: &str = "关于做好2021年重点项目建设工作的通知

鲁发改投资〔2021〕123号

各市发展改革委、财政局、人力资源社会保障局、自然资源和规划局、生态环境局:

为做好重点项目建设，现就有关事项通知如下。

一、加强组织领导。

山东省发展和改革委员会　山东省财政厅
山东省人力资源和社会保障厅　山东省自然资源厅
山东省生态环境厅　山东省住房和城乡建设厅
山东省交通运输厅
2021年3月5日
";

#[test]
fn a_signature_over_several_lines_names_every_body() {
    let issue = parse_text(JOINT);
    assert_eq!(issue.documents.len(), 1);
    let doc = &issue.documents[0];
    assert_eq!(
        doc.issuer,
        [
            "山东省发展和改革委员会",
            "山东省财政厅",
            "山东省人力资源和社会保障厅",
            "山东省自然资源厅",
            "山东省生态环境厅",
            "山东省住房和城乡建设厅",
            "山东省交通运输厅"
        ]
    );
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-05")
    );
    // The signature lines stay out of the body.
    assert!(doc
        .blocks
        .iter()
        .filter(|b| b.kind == gazette_model::BlockKind::Paragraph)
        .all(|b| !b.text.contains("山东省财政厅")));
}
