//! Tests of reading responsible units from made-up paragraphs and tables.

use super::*;

const QINGDAO: Option<&str> = Some("青岛市人民政府办公厅");

fn names(list: &str) -> Vec<(String, Role)> {
    let mut first_leads = false;
    let (reads, _) = read_units(list, Role::Unspecified, &mut first_leads);
    reads
        .iter()
        .map(|r| (list[r.start..r.end].to_owned(), r.role))
        .collect()
}

#[test]
fn aliases_and_localities_give_full_names() {
    for (published, full) in [
        ("市发展改革委", "青岛市发展和改革委员会"),
        ("市财政局", "青岛市财政局"),
        ("市政府办公厅", "青岛市人民政府办公厅"),
        ("崂山区政府", "崂山区人民政府"),
        ("市委编办", "青岛市委机构编制委员会办公室"),
        ("海洋试点国家实验室", "青岛海洋科学与技术试点国家实验室"),
    ] {
        assert_eq!(
            normalise_unit(published, QINGDAO)
                .map(|u| u.name)
                .as_deref(),
            Some(full),
            "{published}"
        );
    }
    assert_eq!(
        normalise_unit("发展改革委", Some("国务院"))
            .map(|u| u.name)
            .as_deref(),
        Some("国家发展和改革委员会")
    );
}

#[test]
fn district_governments_are_one_collective_however_spelled() {
    for published in [
        "各区、市政府",
        "各区（市）政府",
        "各区市政府",
        "各区、市人民政府",
    ] {
        let unit = normalise_unit(published, QINGDAO).expect(published);
        assert_eq!(unit.name, "各区（市）人民政府", "{published}");
        assert!(unit.collective);
    }
    assert_eq!(normalise_unit("各区、市民政府", QINGDAO), None);
    assert_eq!(normalise_unit("市政府各区", QINGDAO), None);
    assert_eq!(
        normalise_unit("市政府各相关部门", QINGDAO)
            .map(|u| u.name)
            .as_deref(),
        Some("青岛市人民政府各有关部门")
    );
}

#[test]
fn lead_and_participants_are_told_apart() {
    assert_eq!(
        names("市政府办公厅牵头，各区、市政府各相关部门负责落实"),
        vec![
            ("市政府办公厅".to_owned(), Role::Lead),
            ("各区、市政府各相关部门".to_owned(), Role::Participating),
        ]
    );
    assert_eq!(
        names("市财政局，各区、市政府负责落实"),
        vec![
            ("市财政局".to_owned(), Role::Unspecified),
            ("各区、市政府".to_owned(), Role::Unspecified),
        ]
    );
    assert_eq!(
        names("生态环境部牵头，国家发展改革委、国家统计局参与"),
        vec![
            ("生态环境部".to_owned(), Role::Lead),
            ("国家发展改革委".to_owned(), Role::Participating),
            ("国家统计局".to_owned(), Role::Participating),
        ]
    );
    assert_eq!(
        names("教育部会同有关部门负责"),
        vec![("教育部".to_owned(), Role::Lead)]
    );
}

#[test]
fn a_declared_first_lead_applies_to_later_lists() {
    let mut first_leads = false;
    let list = "税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同";
    let (reads, unreadable) = read_units(list, Role::Unspecified, &mut first_leads);
    assert!(first_leads);
    assert!(unreadable.is_empty());
    let roles: Vec<Role> = reads.iter().map(|r| r.role).collect();
    assert_eq!(
        roles,
        [Role::Lead, Role::Participating, Role::Participating]
    );
    let (reads, _) = read_units(
        "商务部、海关总署等有关部门负责",
        Role::Unspecified,
        &mut first_leads,
    );
    let roles: Vec<Role> = reads.iter().map(|r| r.role).collect();
    assert_eq!(roles, [Role::Lead, Role::Participating]);
}

#[test]
fn etc_and_vague_groups_are_cut() {
    assert_eq!(
        names("农业农村部、财政部等和各有关省级人民政府负责"),
        vec![
            ("农业农村部".to_owned(), Role::Unspecified),
            ("财政部".to_owned(), Role::Unspecified),
            ("各有关省级人民政府".to_owned(), Role::Unspecified),
        ]
    );
}
