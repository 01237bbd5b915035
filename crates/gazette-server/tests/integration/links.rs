//! The linked archive over HTTP and as pages: references, units, people,
//! calendars (JSON and iCalendar read back by a real parser) and
//! provisions as of a day. Expected values were read by hand from the
//! sample issue (line numbers of `tests/fixtures/qingdao-gazette-2019-issue.txt`
//! given).

use gazette_server::ServerConfig;
use icalendar::parser::{read_calendar, unfold};
use serde_json::Value;

use crate::common::{enc, sample_bytes, Fixture};
use crate::pages::assert_accessible_frame;

/// The 防汛抗旱 notice: cites 鲁政办字〔2019〕97号 (line 121).
const FLOOD_CONTROL: &str = "青政办字〔2019〕30号";
/// The 百日行动 notice: deadlines on line 378.
const HUNDRED_DAYS: &str = "青政办字〔2019〕33号";
/// The social-insurance notice: rates on line 87.
const SOCIAL_INSURANCE: &str = "青政办发〔2019〕4号";

fn strings(values: &Value, key: &str) -> Vec<String> {
    values
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_documents_links_mark_outside_citations_external_with_their_issuing_body() {
    let fixture = Fixture::sample();
    let reply = fixture
        .get(&format!("/api/v1/documents/{}/links", enc(FLOOD_CONTROL)))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(!reply.header("etag").is_empty());
    let json = reply.json();
    for key in [
        "references",
        "cited_by",
        "units",
        "deadlines",
        "provisions",
        "appointments",
        "rosters",
    ] {
        assert!(json[key].is_array(), "{key}: {json}");
    }
    assert_eq!(json["document"]["doc_number"], FLOOD_CONTROL);
    let cited = json["references"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["doc_number"] == "鲁政办字〔2019〕97号"))
        .cloned()
        .expect("the citation of line 121");
    assert_eq!(cited["issuing_body"], "山东省人民政府办公厅");
    assert!(cited["target"].is_null());
    let missing = fixture.get("/api/v1/documents/nothing-here/links").await;
    missing.assert_problem(404, "not_found");
}

#[tokio::test]
async fn the_graph_holds_the_document_and_its_external_citations() {
    let fixture = Fixture::sample();
    let uri = format!("/api/v1/documents/{}/graph?depth=2", enc(SOCIAL_INSURANCE));
    let json = fixture.get(&uri).await.json();
    let center = json["center"].as_str().expect("a centre").to_owned();
    assert_eq!(json["nodes"][0]["id"], center.as_str());
    // Line 79: 国办发〔2019〕13号 and 鲁政办发〔2019〕14号, neither archived.
    let ids = strings(&json["nodes"], "id");
    for external in ["ext:国办发〔2019〕13号", "ext:鲁政办发〔2019〕14号"] {
        assert!(ids.iter().any(|id| id == external), "{ids:?}");
        assert!(json["edges"].as_array().is_some_and(|e| e
            .iter()
            .any(|e| e["from"] == center.as_str() && e["to"] == external)));
    }
    let bad = format!("/api/v1/documents/{}/graph?depth=3", enc(SOCIAL_INSURANCE));
    let reply = fixture.get(&bad).await;
    reply.assert_problem(400, "bad_parameter");
    assert!(reply.json()["detail"]
        .as_str()
        .is_some_and(|d| d.contains("depth")));
}

#[tokio::test]
async fn the_finance_bureau_by_its_short_name_has_its_eleven_tasks() {
    let fixture = Fixture::sample();
    let reply = fixture
        .get(&format!("/api/v1/units/{}", enc("市财政局")))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["unit"], "青岛市财政局");
    // 7 in the 蓝色药库 measures (lines 29, 31, 39 twice, 45, 53, 55) and
    // rows 5, 7, 11, 14 of the 政务公开 table (lines 256, 260, 264, 269).
    let tasks = json["tasks"].as_array().expect("tasks");
    let mut lines: Vec<u64> = tasks
        .iter()
        .filter_map(|t| t["mention"]["line"].as_u64())
        .collect();
    lines.sort_unstable();
    assert_eq!(lines, [29, 31, 39, 39, 45, 53, 55, 256, 260, 264, 269]);
    for task in tasks {
        assert!(task["source"]["slug"].is_string() && task["mention"]["role"].is_string());
        assert!(task["mention"]["task"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
    }
    let row_5 = tasks
        .iter()
        .find(|t| t["mention"]["line"] == 256)
        .expect("line 256");
    assert_eq!(row_5["mention"]["row"], 5);

    let list = fixture.get("/api/v1/units").await.json();
    let finance = list["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["name"] == "青岛市财政局"))
        .cloned()
        .expect("listed");
    assert_eq!(finance["count"], 11);
    assert_eq!(finance["url"], format!("/units/{}", enc("青岛市财政局")));
    fixture
        .get(&format!("/api/v1/units/{}", enc("市不存在局")))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn cao_yanping_has_one_history_appointed_then_removed() {
    let fixture = Fixture::sample();
    let json = fixture
        .get(&format!("/api/v1/people/{}", enc("曹彦平")))
        .await
        .json();
    assert_eq!(json["homonym"], false);
    let histories = json["histories"].as_array().expect("histories");
    assert_eq!(histories.len(), 1);
    let entries = histories[0]["entries"].as_array().expect("entries");
    // Line 536 appoints him (住房公积金管理中心主任), line 556 removes him
    // (财政局副局长).
    let read: Vec<(u64, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap_or(0),
                e["action"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(read, [(536, "appoint"), (556, "remove")]);
    assert_eq!(histories[0]["homonym"], false);
    let people = fixture.get("/api/v1/people").await.json();
    assert_eq!(people["total"], 29);
    fixture
        .get(&format!("/api/v1/people/{}", enc("无此人")))
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn unemployment_insurance_is_one_percent_in_2019_and_ended_in_2020() {
    let fixture = Fixture::sample();
    let subject = enc("失业保险费率");
    // Line 87: 自2019年5月1日起 … 由1.5%降至1% … 执行期限至2020年4月30日.
    let json = fixture
        .get(&format!(
            "/api/v1/provisions?subject={subject}&as_of=2019-06-01"
        ))
        .await
        .json();
    assert_eq!(json["as_of"]["state"], "in_force", "{json}");
    let in_force = json["as_of"]["provisions"].as_array().expect("provisions");
    assert_eq!(in_force.len(), 1);
    assert_eq!(in_force[0]["provision"]["quantity"]["value"], "1");
    assert_eq!(in_force[0]["provision"]["quantity"]["unit"], "%");
    assert_eq!(in_force[0]["provision"]["old"]["value"], "1.5");
    let json = fixture
        .get(&format!(
            "/api/v1/provisions?subject={subject}&as_of=2020-06-01"
        ))
        .await
        .json();
    assert_eq!(json["as_of"]["state"], "ended", "{json}");
    let ended = &json["as_of"]["provision"];
    assert_eq!(ended["source"]["doc_number"], SOCIAL_INSURANCE);
    assert_eq!(ended["provision"]["effective"]["to"], "2020-04-30");

    let subjects = fixture.get("/api/v1/provisions").await.json();
    assert!(subjects["total"].as_u64().is_some_and(|n| n > 0));
    assert!(subjects["items"]
        .as_array()
        .is_some_and(|items| items.iter().all(|i| i["count"].as_u64() > Some(0))));

    let bad = fixture
        .get(&format!(
            "/api/v1/provisions?subject={subject}&as_of=2019-02-30"
        ))
        .await;
    bad.assert_problem(400, "bad_parameter");
    assert!(bad.json()["detail"]
        .as_str()
        .is_some_and(|d| d.starts_with("as_of")));
}

#[tokio::test]
async fn the_hundred_days_calendar_is_json_and_an_icalendar_file_a_parser_reads() {
    let fixture = Fixture::sample();
    let document = enc(HUNDRED_DAYS);
    let json = fixture
        .get(&format!("/api/v1/calendar?document={document}"))
        .await
        .json();
    let entries = json["entries"].as_array().expect("entries");
    // Line 378: 于7月15日前 …; 每月23日前 …; 10月23日前 (of 2019).
    let due: Vec<&str> = entries
        .iter()
        .filter(|e| e["deadline"]["kind"] == "deadline")
        .filter_map(|e| e["deadline"]["date"].as_str())
        .collect();
    assert!(
        due.contains(&"2019-07-15") && due.contains(&"2019-10-23"),
        "{due:?}"
    );
    assert!(entries.iter().any(|e| e["deadline"]["kind"] == "recurring"));
    assert_eq!(
        json["ics_url"],
        format!("/api/v1/calendar.ics?document={document}")
    );

    let reply = fixture
        .get(&format!("/api/v1/calendar.ics?document={document}"))
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), "text/calendar; charset=utf-8");
    let ics = reply.text();
    assert!(ics.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=23"), "{ics}");
    let unfolded = unfold(&ics);
    let parsed = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), entries.len());
    for event in &events {
        let url = event
            .find_prop("URL")
            .map(|p| p.val.as_str().to_owned())
            .unwrap_or_default();
        assert!(url.starts_with("/documents/"), "{url}");
    }
    fixture
        .get("/api/v1/calendar.ics?document=nothing-here")
        .await
        .assert_problem(404, "not_found");
}

#[tokio::test]
async fn calendar_links_are_absolute_under_the_public_url() {
    let config = ServerConfig {
        public_url: Some("https://gazette.example.org/".to_owned()),
        ..ServerConfig::default()
    };
    let fixture = Fixture::with_config(&[("qingdao-2019.txt".to_owned(), sample_bytes())], config);
    let ics = fixture
        .get(&format!(
            "/api/v1/calendar.ics?document={}",
            enc(HUNDRED_DAYS)
        ))
        .await
        .text();
    let unfolded = unfold(&ics);
    assert!(
        unfolded.contains("URL:https://gazette.example.org/documents/"),
        "{ics}"
    );
}

/// A page's HTML after checking its frame.
async fn page(fixture: &Fixture, uri: &str) -> String {
    let reply = fixture.get(uri).await;
    assert_eq!(reply.status, 200, "{uri}: {}", reply.text());
    let html = reply.text();
    assert_accessible_frame(uri, &html);
    html
}

#[tokio::test]
async fn the_document_page_shows_its_links_units_deadlines_and_provisions() {
    let fixture = Fixture::sample();
    let flood = page(&fixture, &format!("/documents/{}", enc(FLOOD_CONTROL))).await;
    assert!(flood.contains("引用文件"));
    assert!(
        flood.contains("未收录，发文机关：山东省人民政府办公厅"),
        "{flood}"
    );
    for nav in ["/units", "/people", "/calendar", "/provisions"] {
        assert!(flood.contains(&format!("<a href=\"{nav}\">")), "{nav}");
    }

    let hundred = page(&fixture, &format!("/documents/{}", enc(HUNDRED_DAYS))).await;
    assert!(hundred.contains("时间节点"));
    assert!(hundred.contains("href=\"/api/v1/calendar.ics?document="));
    assert!(hundred.contains("2019-07-15 前"));

    let insurance = page(&fixture, &format!("/documents/{}", enc(SOCIAL_INSURANCE))).await;
    assert!(insurance.contains("数量规定"));
    assert!(insurance.contains("<th scope=\"col\">原值</th>"));
    assert!(insurance.contains("2019-05-01 至 2020-04-30"));

    // The 政务公开 table names 市财政局 (row 5, line 256).
    let list = fixture
        .get(&format!("/api/v1/units/{}", enc("青岛市财政局")))
        .await
        .json();
    let slug = list["tasks"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["mention"]["line"] == 256))
        .and_then(|t| t["source"]["slug"].as_str())
        .expect("the 政务公开 document")
        .to_owned();
    let open = page(&fixture, &format!("/documents/{}", enc(&slug))).await;
    assert!(open.contains("责任单位"));
    assert!(open.contains(&format!("href=\"/units/{}\"", enc("青岛市财政局"))));
}

#[tokio::test]
async fn the_unit_people_calendar_and_provisions_pages_answer() {
    let fixture = Fixture::sample();
    let units = page(&fixture, "/units").await;
    assert!(units.contains("青岛市财政局</a> <span class=\"count\">(11 项任务"));
    let finance = page(&fixture, &format!("/units/{}", enc("市财政局"))).await;
    assert!(finance.contains("<h1 id=\"unit-title\">青岛市财政局</h1>"));
    assert_eq!(finance.matches("<tr>").count(), 1 + 11, "header + 11 tasks");

    let people = page(&fixture, "/people").await;
    assert!(people.contains(&format!("href=\"/people/{}\"", enc("曹彦平"))));
    let cao = page(&fixture, &format!("/people/{}", enc("曹彦平"))).await;
    assert!(cao.contains("任命") && cao.contains("免去"));
    assert!(!cao.contains("同名提示"));

    let calendar = page(
        &fixture,
        &format!("/calendar?document={}", enc(HUNDRED_DAYS)),
    )
    .await;
    assert!(calendar.contains("导入日历（iCalendar .ics）"));
    assert!(calendar.contains("每月23日"));
    page(&fixture, "/calendar").await;

    let subjects = page(&fixture, "/provisions").await;
    assert!(subjects.contains("<label for=\"provision-subject\">"));
    let ended = page(
        &fixture,
        &format!(
            "/provisions?subject={}&as_of=2020-06-01",
            enc("失业保险费率")
        ),
    )
    .await;
    assert!(ended.contains("执行期已结束"), "{ended}");
    assert!(ended.contains(SOCIAL_INSURANCE));
    let in_force = page(
        &fixture,
        &format!(
            "/provisions?subject={}&as_of=2019-06-01",
            enc("失业保险费率")
        ),
    )
    .await;
    assert!(
        in_force.contains("施行的规定：<strong>1%</strong>"),
        "{in_force}"
    );

    for (uri, status) in [
        ("/provisions?as_of=2019-99-01".to_owned(), 400),
        (format!("/units/{}", enc("市不存在局")), 404),
        (format!("/people/{}", enc("无此人")), 404),
        ("/calendar?document=nothing-here".to_owned(), 404),
    ] {
        let reply = fixture.get(&uri).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}");
        assert_eq!(reply.media_type(), "text/html", "{uri}");
    }
}

#[tokio::test]
async fn every_listed_unit_person_and_subject_has_a_page_and_a_resource() {
    let fixture = Fixture::sample();
    for list in ["/api/v1/units", "/api/v1/people", "/api/v1/provisions"] {
        let json = fixture.get(list).await.json();
        let items = json["items"].as_array().expect("items");
        assert!(!items.is_empty(), "{list}");
        for item in items {
            for key in ["url", "api_url"] {
                let uri = item[key].as_str().expect("a link");
                let reply = fixture.get(uri).await;
                assert_eq!(reply.status, 200, "{list} → {uri}: {}", reply.text());
            }
        }
    }
}

#[tokio::test]
async fn the_whole_archive_calendar_is_paged_to_its_end() {
    let fixture = Fixture::sample();
    let all = fixture.get("/api/v1/calendar").await.json();
    let total = all["total"].as_u64().expect("total");
    assert_eq!(
        all["entries"].as_array().map(Vec::len),
        Some(total as usize)
    );
    assert!(all["next"].is_null());
    // Walked three at a time, the pages hold every entry once, in order.
    let mut walked = Vec::new();
    let mut url = Some("/api/v1/calendar?limit=3".to_owned());
    while let Some(page) = url.take() {
        let json = fixture.get(&page).await.json();
        let entries = json["entries"].as_array().expect("entries").clone();
        assert!(entries.len() <= 3);
        walked.extend(entries);
        url = json["next"].as_str().map(str::to_owned);
    }
    assert_eq!(walked, *all["entries"].as_array().expect("entries"));
    let page = fixture.get("/calendar?limit=3").await;
    assert!(page.text().contains("下一页"));
}

#[tokio::test]
async fn a_unit_s_tasks_are_paged_with_the_total_kept() {
    let fixture = Fixture::sample();
    let unit = enc("市财政局");
    let page = |query: &str| format!("/api/v1/units/{unit}?{query}");
    // 11 tasks (see the_finance_bureau_by_its_short_name…): 4 + 4 + 3.
    let mut lines = Vec::new();
    for offset in [0, 4, 8] {
        let json = fixture
            .get(&page(&format!("offset={offset}&limit=4")))
            .await
            .json();
        assert_eq!(
            (json["total"].as_u64(), json["offset"].as_u64()),
            (Some(11), Some(offset))
        );
        let tasks = json["tasks"].as_array().expect("tasks");
        lines.extend(tasks.iter().filter_map(|t| t["mention"]["line"].as_u64()));
    }
    lines.sort_unstable();
    assert_eq!(lines, [29, 31, 39, 39, 45, 53, 55, 256, 260, 264, 269]);
    let html = fixture.get(&format!("/units/{unit}?limit=4")).await.text();
    assert!(html.contains("下一页") && html.contains("第 1–4 项"));
}
