//! Validity as the API and the pages show it: 未核实 without evidence (a
//! 1981 gov.cn notice), the dates of the sample's rate notice told apart
//! with its rates' end, a repeal by a later notice (written for this test)
//! shown with its reason and a link, an editor's status over it, and the
//! review list. Expected values were read by hand from the texts.

use gazette_archive::types::TokenScope;

use crate::common::{enc, fixture_bytes, sample_bytes, Fixture};

/// A later notice that repeals the sample's 青政办字〔2019〕30号 by number
/// in its section 二, from its 施行日期 2020-06-01.
pub(crate) const REPEALING: &str = "青岛市人民政府办公厅关于调整全市防汛抗旱指挥部组成人员的通知\n\n\
（2020年5月20日）\n\n青政办字〔2020〕12号\n\n\
各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位：\n\n\
经市政府同意，现将调整后的市政府防汛抗旱指挥部组成人员通知如下。\n\n\
一、指挥部组成人员\n\n总指挥由市长担任，常务副总指挥由分管副市长担任。\n\n\
二、其他事项\n\n\
本通知自2020年6月1日起施行。《青岛市人民政府办公厅关于调整全市防汛抗旱指挥体制有关事项的通知》（青政办字〔2019〕30号）同时废止。\n";

#[tokio::test]
async fn a_1981_notice_without_evidence_is_unverified_everywhere() {
    let fixture = Fixture::with_issues(&[(
        "govcn-row40.txt".to_owned(),
        fixture_bytes("govcn/govcn-row40.txt"),
    )]);
    let number = enc("国发〔1981〕88号");
    let json = fixture
        .get(&format!("/api/v1/documents/{number}"))
        .await
        .json();
    assert_eq!(json["document"]["doc_number"], "国发〔1981〕88号");
    assert_eq!(json["status"], "unverified");
    assert_eq!(json["status_label"], "未核实");
    assert_eq!(json["validity"]["source"], "none");
    assert_eq!(json["validity"]["summary"], "未核实");
    assert_eq!(json["dates"]["written"], "1981-05-23");

    let url = json["links"]["html"].as_str().expect("page").to_owned();
    let html = fixture.get(&url).await.text();
    assert!(html.contains("data-status=\"unverified\""), "{html}");
    assert!(html.contains("<strong>未核实</strong>"));
    assert!(!html.contains("现行有效"), "never in force by default");

    let search = fixture
        .get(&format!("/api/v1/search?q={}", enc("奖售粮")))
        .await
        .json();
    assert_eq!(search["total"], 1);
    assert_eq!(
        search["facets"]["status"],
        serde_json::json!([{"value": "unverified", "count": 1}])
    );
    let page = fixture
        .get(&format!("/search?q={}", enc("奖售粮")))
        .await
        .text();
    assert!(
        page.contains("未核实"),
        "the facet's label on the search page"
    );
}

#[tokio::test]
async fn the_rate_notice_shows_its_dates_and_the_end_of_its_rates() {
    let fixture = Fixture::sample();
    let number = enc("青政办发〔2019〕4号");
    let json = fixture
        .get(&format!("/api/v1/documents/{number}"))
        .await
        .json();
    assert_eq!(json["dates"]["written"], "2019-06-26");
    assert_eq!(json["dates"]["takes_effect"], "2019-05-01");
    assert_eq!(json["dates"]["valid_until"], serde_json::Value::Null);
    assert_eq!(json["status"], "unverified");
    let evidence = json["validity"]["evidence"].as_array().expect("evidence");
    assert!(!evidence.is_empty());
    for finding in evidence {
        assert_eq!(finding["kind"], "provision_end");
        assert_eq!(finding["effective"], "2020-05-01");
        assert_eq!(finding["status"], serde_json::Value::Null);
    }
    let url = json["links"]["html"].as_str().expect("page").to_owned();
    let html = fixture.get(&url).await.text();
    assert!(html.contains("<dt>施行日期</dt>"), "{html}");
    assert!(html.contains("2019-05-01"));
    assert!(html.contains("<dt>成文日期</dt><dd>2019-06-26</dd>"));
    assert!(html.contains("执行期限至2020年4月30日"));
    assert!(html.contains("部分条款到期"));
}

#[tokio::test]
async fn a_later_notice_repeals_the_earlier_with_a_link_and_the_editor_overrides() {
    let fixture = Fixture::with_issues(&[
        ("qingdao-2019.txt".to_owned(), sample_bytes()),
        ("later.txt".to_owned(), REPEALING.as_bytes().to_vec()),
    ]);
    let target = enc("青政办字〔2019〕30号");
    let later = fixture
        .get(&format!(
            "/api/v1/documents/{}",
            enc("青政办字〔2020〕12号")
        ))
        .await
        .json();
    let later_page = later["links"]["html"].as_str().expect("page").to_owned();

    let json = fixture
        .get(&format!("/api/v1/documents/{target}"))
        .await
        .json();
    assert_eq!(json["status"], "repealed");
    assert_eq!(json["validity"]["source"], "derived");
    assert_eq!(
        json["validity"]["summary"],
        "已废止：青政办字〔2020〕12号 二"
    );
    let repeal = &json["validity"]["evidence"][0];
    assert_eq!(repeal["kind"], "repeal");
    assert_eq!(repeal["effective"], "2020-06-01");
    assert_eq!(repeal["document"]["doc_number"], "青政办字〔2020〕12号");
    let html_url = json["links"]["html"].as_str().expect("page").to_owned();
    let html = fixture.get(&html_url).await.text();
    assert!(
        html.contains("<strong>已废止：青政办字〔2020〕12号 二</strong>"),
        "{html}"
    );
    assert!(
        html.contains(&format!("href=\"{later_page}\"")),
        "linked to the later notice"
    );
    let listed = fixture
        .get("/api/v1/documents?status=repealed")
        .await
        .json();
    assert_eq!(listed["total"], 1);

    let review = fixture.get("/api/v1/review").await.json();
    assert_eq!(
        review["items"][0]["document"]["doc_number"],
        "青政办字〔2019〕30号"
    );
    assert_eq!(review["items"][0]["validity"]["status"], "repealed");
    let review_page = fixture.get("/review").await.text();
    assert!(review_page.contains("已废止：青政办字〔2020〕12号 二"));

    let token = fixture.token("editor", TokenScope::Write);
    let reply = fixture
        .post(
            &format!("/api/v1/documents/{target}/status"),
            Some(&token),
            r#"{"status":"expired","effective":"2020-01-01","reason":"过渡期已满"}"#,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let json = fixture
        .get(&format!("/api/v1/documents/{target}"))
        .await
        .json();
    assert_eq!(json["status"], "expired");
    assert_eq!(json["validity"]["source"], "recorded");
    let html = fixture.get(&html_url).await.text();
    assert!(html.contains("data-status=\"expired\" data-source=\"recorded\""));
    let review = fixture.get("/api/v1/review").await.json();
    assert_eq!(review["items"], serde_json::json!([]));
    let listed = fixture.get("/api/v1/documents?status=expired").await.json();
    assert_eq!(listed["total"], 1);
}

#[tokio::test]
async fn a_correction_of_the_effective_day_fixes_the_banner() {
    let fixture = Fixture::sample();
    let token = fixture.token("editor", TokenScope::Write);
    let uri = format!("/api/v1/documents/{}/status", enc("青政办字〔2019〕30号"));
    // First recorded for the wrong day, far ahead; then corrected.
    for body in [
        r#"{"status":"repealed","effective":"2099-01-01","by":"青政发[2021]3号"}"#,
        r#"{"status":"repealed","effective":"2021-03-01","by":"青政发〔2021〕3号","reason":"更正生效日期"}"#,
    ] {
        let reply = fixture.post(&uri, Some(&token), body).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
    }
    let json = fixture
        .get(&format!(
            "/api/v1/documents/{}",
            enc("青政办字〔2019〕30号")
        ))
        .await
        .json();
    assert_eq!(json["status"], "repealed");
    assert_eq!(json["validity"]["recorded"]["effective"], "2021-03-01");
    let url = json["links"]["html"].as_str().expect("page").to_owned();
    let html = fixture.get(&url).await.text();
    assert!(html.contains("本文件已废止"), "{html}");
    assert!(html.contains("自 2021-03-01 起"));
    assert!(
        !html.contains("将于 2099-01-01"),
        "the wrong day is corrected, not upcoming"
    );
}
