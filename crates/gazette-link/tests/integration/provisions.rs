//! Provisions of the sample issue, checked value by value against the text.

use gazette_link::provisions::{self, as_of, AsOf, Bound, Provision, Quantity};

use super::deadlines::{by_number, day, sample};

fn q(value: &str, unit: &str) -> Quantity {
    Quantity::new(value, unit)
}

fn get<'a>(found: &'a [Provision], subject: &str) -> &'a Provision {
    let hit = found.iter().find(|p| p.subject == subject);
    hit.unwrap_or_else(|| panic!("no provision on {subject}: {found:#?}"))
}

fn social_insurance() -> Vec<Provision> {
    provisions::extract(by_number(&sample(), "青政办发〔2019〕4号"))
}

#[test]
fn pension_contribution_rates_fall_to_sixteen_percent_from_may() {
    let found = social_insurance();
    for (subject, old) in [
        ("企业养老保险单位缴费比例", "18"),
        ("机关事业单位养老保险单位缴费比例", "20"),
    ] {
        let p = get(&found, subject);
        assert_eq!(p.quantity, q("16", "%"));
        assert_eq!(p.old, Some(q(old, "%")));
        assert_eq!(p.bound, Bound::Exact);
        assert_eq!(p.effective.from, Some(day(2019, 5, 1)));
        assert_eq!(p.effective.to, None);
    }
}

#[test]
fn unemployment_rates_fall_for_a_year() {
    let found = social_insurance();
    for (subject, new, old) in [
        ("失业保险费率", "1", "1.5"),
        ("失业保险单位费率", "0.7", "1"),
        ("失业保险个人费率", "0.3", "0.5"),
    ] {
        let p = get(&found, subject);
        assert_eq!(
            (&p.quantity, &p.old),
            (&q(new, "%"), &Some(q(old, "%"))),
            "{subject}"
        );
        assert_eq!(p.effective.from, Some(day(2019, 5, 1)));
        assert_eq!(p.effective.to, Some(day(2020, 4, 30)));
        assert_eq!(
            p.document.doc_number.as_deref(),
            Some("青政办发〔2019〕4号")
        );
    }
}

#[test]
fn work_injury_rates_by_class() {
    let found = social_insurance();
    let classes = ["一", "二", "三", "四", "五", "六", "七", "八"];
    let rates = ["0.05", "0.1", "0.18", "0.23", "0.28", "0.33", "0.4", "0.48"];
    for (class, rate) in classes.iter().zip(rates) {
        let p = get(&found, &format!("城镇职工工伤保险费率（{class}类）"));
        assert_eq!(p.quantity, q(rate, "%"));
        assert_eq!(p.base.as_deref(), Some("该行业用人单位职工工资总额"));
        assert_eq!(p.effective.from, Some(day(2019, 5, 1)));
        assert_eq!(p.effective.to, Some(day(2020, 4, 30)));
    }
}

#[test]
fn contribution_base_ranges() {
    let found = social_insurance();
    let bases: Vec<&Provision> = found.iter().filter(|p| p.subject == "缴费基数").collect();
    assert_eq!(bases.len(), 2);
    let (full, interim) = (bases[0], bases[1]);
    assert_eq!(full.bound, Bound::Between);
    assert_eq!(
        (&full.quantity, &full.upper),
        (&q("60", "%"), &Some(q("300", "%")))
    );
    assert_eq!(
        full.base.as_deref(),
        Some("省全口径城镇单位就业人员平均工资")
    );
    assert_eq!(full.effective.from, Some(day(2019, 1, 1)));
    // 暂按我市2017年原口径平均工资的60%至100%: the interim base.
    assert_eq!(
        (&interim.quantity, &interim.upper),
        (&q("60", "%"), &Some(q("100", "%")))
    );
    assert_eq!(found.len(), 2 + 3 + 8 + 2);
}

#[test]
fn blue_drug_bank_caps_amounts_and_targets() {
    let found = provisions::extract(by_number(&sample(), "青政字〔2019〕16号"));
    let cap = get(&found, "海洋创新药物合作项目配套");
    assert_eq!(
        (cap.bound, &cap.quantity),
        (Bound::AtMost, &q("3000", "万元"))
    );
    let share = get(&found, "海洋候选药物补助比例");
    assert_eq!(
        (share.bound, &share.quantity),
        (Bound::Exact, &q("50", "%"))
    );
    let grant_cap = get(&found, "海洋候选药物补助");
    assert_eq!(
        (grant_cap.bound, &grant_cap.quantity),
        (Bound::AtMost, &q("800", "万元"))
    );

    let total = get(
        &found,
        "青岛海洋生物医药研究院新增药物合成平台装修改造、配套设备购置补助",
    );
    assert_eq!(total.quantity, q("4000", "万元"));
    for subject in [
        "GMP 装修、试验台采购安装等空间装修改造",
        "合成试验、中试等设备购置",
    ] {
        let part = get(&found, subject);
        assert_eq!(part.quantity, q("2000", "万元"));
        assert_eq!(part.part_of, Some(q("4000", "万元")));
    }

    let running = get(&found, "海洋创新药物筛选与评价平台运维经费");
    assert_eq!(
        (running.bound, &running.quantity),
        (Bound::AtLeast, &q("500", "万元/年"))
    );
    assert_eq!(
        get(&found, "蓝色药库技术创新工程经费").quantity,
        q("4000", "万元")
    );
    assert_eq!(
        get(&found, "中国蓝色药库开发基金总规模").quantity,
        q("50", "亿元")
    );
    let first_round = get(&found, "首期募集");
    assert_eq!(first_round.quantity, q("2", "亿元"));
    let city = get(&found, "市级新旧动能转换引导基金出资");
    assert_eq!(
        (&city.quantity, &city.part_of),
        (&q("10", "%"), &Some(q("2", "亿元")))
    );

    let candidates = get(&found, "研发成果进入候选药物阶段");
    assert_eq!(candidates.quantity, q("15", "个"));
    let clinical = get(&found, "新药进入临床研究阶段");
    assert_eq!(
        (clinical.bound, &clinical.quantity, &clinical.upper),
        (Bound::Between, &q("3", "个"), &Some(q("4", "个")))
    );
    let industrial = get(&found, "新药实现产业化");
    assert_eq!(
        (&industrial.quantity, &industrial.upper),
        (&q("1", "个"), &Some(q("2", "个")))
    );
    assert_eq!(
        get(&found, "海洋大健康系列产品形成良好的市场品牌效应").quantity,
        q("15", "个")
    );
    assert_eq!(found.len(), 15);
}

#[test]
fn spans_cover_the_quantity_as_printed() {
    let text = super::deadlines::sample_text();
    let issue = gazette_parse::parse_text(&text);
    let found = provisions::extract(by_number(&issue, "青政办发〔2019〕4号"));
    assert_eq!(get(&found, "失业保险费率").span.of(&text), "由1.5%降至1%");
    assert_eq!(
        get(&found, "城镇职工工伤保险费率（八类）").span.of(&text),
        "0.48%"
    );
    assert_eq!(get(&found, "缴费基数").span.of(&text), "60%—300%");
}

#[test]
fn unemployment_rate_as_of_a_day() {
    let found = social_insurance();
    match as_of(&found, "失业保险费率", day(2019, 6, 1)) {
        AsOf::InForce(ps) => {
            assert_eq!(ps.len(), 1);
            assert_eq!(ps[0].quantity, q("1", "%"));
        }
        other => panic!("{other:?}"),
    }
    match as_of(&found, "失业保险费率", day(2020, 6, 1)) {
        AsOf::Ended(p) => {
            assert_eq!(p.effective.to, Some(day(2020, 4, 30)));
            assert_eq!(
                p.document.doc_number.as_deref(),
                Some("青政办发〔2019〕4号")
            );
            assert_eq!(
                p.document.title,
                "青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知"
            );
        }
        other => panic!("{other:?}"),
    }
    match as_of(&found, "失业保险费率", day(2019, 4, 1)) {
        AsOf::NotYet(p) => assert_eq!(p.old, Some(q("1.5", "%"))),
        other => panic!("{other:?}"),
    }
    // A user's wording: 缴费 and 比例/费率 do not matter.
    match as_of(&found, "失业保险单位缴费费率", day(2019, 6, 1)) {
        AsOf::InForce(ps) => assert_eq!(ps[0].quantity, q("0.7", "%")),
        other => panic!("{other:?}"),
    }
    match as_of(&found, "企业养老保险单位费率", day(2021, 1, 1)) {
        AsOf::InForce(ps) => assert_eq!(ps[0].quantity, q("16", "%")),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        as_of(&found, "医疗保险费率", day(2019, 6, 1)),
        AsOf::Unknown
    );
}
