//! Hand-checked items from deadlines and provisions (issue 5: a sample of
//! extracted items checked by hand is 100% correct).
//!
//! Every expected item below was written by reading the fixture text
//! (`tests/fixtures/qingdao-gazette-2019-issue.txt`), quoted in the comment
//! beside it, not copied from the program's output. For the documents whose
//! deadlines are all listed here, the test also checks that nothing else is
//! extracted from them.

use gazette_link::deadlines::{self, Frequency, MonthDay, Recurrence, When};
use gazette_link::provisions::{self, Bound, Quantity};

use super::deadlines::{by_number, day, sample};

/// 青政办字〔2019〕33号 is dated 2019年7月11日; 30号 2019年6月24日; 31号 2019年6月28日.
fn expected_deadlines() -> Vec<(&'static str, &'static str, When, Option<&'static str>)> {
    let period = |s, e| When::Period { start: s, end: e };
    let due = |date| When::Deadline { date };
    vec![
        // “各专业委员会、部门和区（市）于7月15日前将工作方案报市安委会办公室；”
        (
            "青政办字〔2019〕33号",
            "7月15日前",
            due(day(2019, 7, 15)),
            Some("市安委会办公室"),
        ),
        // “每月23日前报送本区（市）、本行业领域攻坚行动进展情况…”, within 从现在起到10月底
        (
            "青政办字〔2019〕33号",
            "每月23日前",
            When::Recurring {
                rule: Recurrence {
                    frequency: Frequency::Monthly,
                    month: None,
                    day: MonthDay::Day(23),
                },
                first: day(2019, 7, 23),
                until: Some(day(2019, 10, 31)),
            },
            None,
        ),
        // “10月23日前报送专项整治攻坚行动总体开展情况。”
        (
            "青政办字〔2019〕33号",
            "10月23日前",
            due(day(2019, 10, 23)),
            None,
        ),
        // “专项整治攻坚行动从现在起到10月底结束”
        (
            "青政办字〔2019〕33号",
            "从现在起到10月底结束",
            period(day(2019, 7, 11), day(2019, 10, 31)),
            None,
        ),
        // “（一）全面自查阶段（7月中旬）” — 中旬 is the 11th to the 20th.
        (
            "青政办字〔2019〕33号",
            "7月中旬",
            period(day(2019, 7, 11), day(2019, 7, 20)),
            None,
        ),
        // “（二）集中整改阶段（7—8月）”
        (
            "青政办字〔2019〕33号",
            "7—8月",
            period(day(2019, 7, 1), day(2019, 8, 31)),
            None,
        ),
        // “（三）总结评估阶段（9—10月）”
        (
            "青政办字〔2019〕33号",
            "9—10月",
            period(day(2019, 9, 1), day(2019, 10, 31)),
            None,
        ),
        // “自发文之日起至2019年12月底，市政府防汛抗旱指挥体制和工作机制实行过渡期”
        (
            "青政办字〔2019〕30号",
            "自发文之日起至2019年12月底",
            period(day(2019, 6, 24), day(2019, 12, 31)),
            None,
        ),
        // “调整情况于6月25日前报市政府防汛抗旱指挥部办公室备案”
        (
            "青政办字〔2019〕30号",
            "6月25日前",
            due(day(2019, 6, 25)),
            Some("市政府防汛抗旱指挥部办公室"),
        ),
        // Table row 16: “各级政府要在6月底之前公布本地区规范性文件制发主体清单”
        (
            "青政办字〔2019〕31号",
            "6月底之前",
            due(day(2019, 6, 30)),
            None,
        ),
    ]
}

#[test]
fn hand_checked_deadlines_are_extracted_exactly() {
    let issue = sample();
    let expected = expected_deadlines();
    for (number, printed, when, unit) in &expected {
        let found = deadlines::extract(by_number(&issue, number));
        let hit = found.iter().find(|d| d.printed == *printed);
        let hit = hit.unwrap_or_else(|| panic!("{number}: no {printed} in {found:#?}"));
        assert_eq!(
            (&hit.when, hit.unit.as_deref()),
            (when, *unit),
            "{number} {printed}"
        );
    }
    // Nothing else comes out of the documents whose dates are all listed.
    for number in [
        "青政办字〔2019〕33号",
        "青政办字〔2019〕30号",
        "青政办字〔2019〕31号",
    ] {
        let listed = expected.iter().filter(|e| e.0 == number).count();
        assert_eq!(
            deadlines::extract(by_number(&issue, number)).len(),
            listed,
            "{number}"
        );
    }
}

/// (document, subject, bound, value, upper, old, unit)
type Expected = (
    &'static str,
    &'static str,
    Bound,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

fn expected_provisions() -> Vec<Expected> {
    use Bound::{AtLeast, AtMost, Between, Exact};
    let si = "青政办发〔2019〕4号";
    let blue = "青政字〔2019〕16号";
    vec![
        // “企业养老保险单位缴费比例由18%降至16%”
        (
            si,
            "企业养老保险单位缴费比例",
            Exact,
            "16",
            None,
            Some("18"),
            "%",
        ),
        // “机关事业单位养老保险单位缴费比例由20%降至16%”
        (
            si,
            "机关事业单位养老保险单位缴费比例",
            Exact,
            "16",
            None,
            Some("20"),
            "%",
        ),
        // “失业保险费率由1.5%降至1%”
        (si, "失业保险费率", Exact, "1", None, Some("1.5"), "%"),
        // “其中单位费率由1%降至0.7%”
        (si, "失业保险单位费率", Exact, "0.7", None, Some("1"), "%"),
        // “个人费率由0.5%降至0.3%”
        (si, "失业保险个人费率", Exact, "0.3", None, Some("0.5"), "%"),
        // “一至八类分别控制在…的0.05%、0.1%、0.18%、0.23%、0.28%、0.33%、0.4%、0.48%”
        (
            si,
            "城镇职工工伤保险费率（一类）",
            Exact,
            "0.05",
            None,
            None,
            "%",
        ),
        (
            si,
            "城镇职工工伤保险费率（三类）",
            Exact,
            "0.18",
            None,
            None,
            "%",
        ),
        (
            si,
            "城镇职工工伤保险费率（六类）",
            Exact,
            "0.33",
            None,
            None,
            "%",
        ),
        (
            si,
            "城镇职工工伤保险费率（八类）",
            Exact,
            "0.48",
            None,
            None,
            "%",
        ),
        // “在省全口径城镇单位就业人员平均工资的60%—300%之间选择适当的缴费基数”
        (si, "缴费基数", Between, "60", Some("300"), None, "%"),
        // “按照实际到位资金给予1:1配套，最高不超过3000万元”
        (
            blue,
            "海洋创新药物合作项目配套",
            AtMost,
            "3000",
            None,
            None,
            "万元",
        ),
        // “给予50%补助，最高不超过800万元”
        (blue, "海洋候选药物补助比例", Exact, "50", None, None, "%"),
        (blue, "海洋候选药物补助", AtMost, "800", None, None, "万元"),
        // “运维经费每年不少于 500 万元”
        (
            blue,
            "海洋创新药物筛选与评价平台运维经费",
            AtLeast,
            "500",
            None,
            None,
            "万元/年",
        ),
        // “力争15个研发成果进入候选药物阶段”
        (
            blue,
            "研发成果进入候选药物阶段",
            Exact,
            "15",
            None,
            None,
            "个",
        ),
    ]
}

#[test]
fn hand_checked_provisions_are_extracted_exactly() {
    let issue = sample();
    let expected = expected_provisions();
    assert_eq!(expected.len() + expected_deadlines().len(), 25);
    for (number, subject, bound, value, upper, old, unit) in expected {
        let found = provisions::extract(by_number(&issue, number));
        let hit = found.iter().find(|p| p.subject == subject);
        let hit = hit.unwrap_or_else(|| panic!("{number}: no {subject} in {found:#?}"));
        assert_eq!(hit.bound, bound, "{subject}");
        assert_eq!(hit.quantity, Quantity::new(value, unit), "{subject}");
        assert_eq!(
            hit.upper,
            upper.map(|u| Quantity::new(u, unit)),
            "{subject}"
        );
        assert_eq!(hit.old, old.map(|o| Quantity::new(o, unit)), "{subject}");
    }
}
