//! Browser tests of the web UI: a real server on a loopback port, driven in
//! headless Chromium through chromedriver (WebDriver, `fantoccini`).
//!
//! They need /usr/bin/chromium and /usr/bin/chromedriver (Debian's
//! `chromium` and `chromium-driver`) and axe-core in
//! `target/npm/node_modules/axe-core` — `scripts/test.sh` installs them.
//! Without them the tests are skipped with a message, except under `CI`,
//! where a missing browser is a failure.
//!
//! With `GAZETTE_SCREENSHOTS` set, the screenshots in `docs/screenshots/`
//! are written again:
//! `GAZETTE_SCREENSHOTS=1 cargo test -p gazette-server --test browser`.

#[path = "../shared/mod.rs"]
mod shared;

use std::io::Write as _;
use std::net::TcpListener as StdListener;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use gazette_archive::types::TokenScope;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use shared::{sample_bytes, start, Running};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The notice that issues the 社会保险 plan.
const SOCIAL_INSURANCE: &str = "青岛市人民政府办公厅关于印发青岛市降低社会保险费率实施方案的通知";
/// The document that cites 鲁政办字〔2019〕97号 (see [`cited_issue`]).
const FLOOD_CONTROL: &str = "青政办字〔2019〕30号";
const CITED: &str = "鲁政办字〔2019〕97号";

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn axe_path() -> PathBuf {
    workspace_root().join("target/npm/node_modules/axe-core/axe.min.js")
}

/// Whether the browser tests can run; when they cannot, a loud message,
/// or a failure under CI.
fn available() -> bool {
    let missing: Vec<String> = [Path::new(CHROMIUM), Path::new(CHROMEDRIVER), &axe_path()]
        .iter()
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "browser tests need {} (run scripts/test.sh, which installs them)",
        missing.join(", ")
    );
    assert!(std::env::var_os("CI").is_none(), "CI: {message}");
    // Straight to stderr: the test harness captures `eprintln!`.
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!!!!!! SKIPPED: {message} !!!!!!!!\n"
    );
    false
}

/// A second issue holding the document the sample's 防汛抗旱 notice cites,
/// made from that notice by substitution: 鲁政办字〔2019〕97号.
fn cited_issue() -> Vec<u8> {
    let sample = String::from_utf8(sample_bytes()).expect("UTF-8");
    let from = sample
        .find("青岛市人民政府办公厅关于调整 全市防汛")
        .expect("the 防汛抗旱 notice");
    let to = from + sample[from..].find("附件：").expect("its attachment line");
    sample[from..to]
        .replace(FLOOD_CONTROL, CITED)
        .replace(
            "青岛市人民政府办公厅关于调整 全市",
            "山东省人民政府办公厅关于调整全省",
        )
        .into_bytes()
}

/// chromedriver, the server and a browser session; everything stops on drop.
struct Session {
    client: Client,
    server: Option<Running>,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Session {
    async fn start() -> Option<Session> {
        if !available() {
            return None;
        }
        let server = start(vec![sample_bytes(), cited_issue()]).await;
        let port = StdListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        // Its own process group, so a failed test can end Chromium too.
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("a profile directory");
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--window-size=1280,900".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({ "binary": CHROMIUM, "args": args }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(error) if Instant::now() < deadline => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("no WebDriver session: {error}"),
            }
        };
        Some(Session {
            client,
            server: Some(server),
            driver,
            _profile: profile,
        })
    }

    fn server(&self) -> &Running {
        self.server.as_ref().expect("running")
    }

    async fn goto(&self, path: &str) {
        let url = self.server().url(path);
        self.client.goto(&url).await.expect("navigate");
    }

    async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// The path and query of the current page, decoded.
    async fn location(&self) -> String {
        let value = self
            .eval("return decodeURIComponent(location.pathname + location.search + location.hash);")
            .await;
        value.as_str().expect("a string").to_owned()
    }

    /// The number in "共 N 件" of a search page.
    async fn total(&self) -> u64 {
        let text = self
            .find("main p[role=status]")
            .await
            .text()
            .await
            .expect("text");
        let digits: String = text
            .trim_start_matches('共')
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("a count in {text:?}"))
    }

    /// Searches from the home page's form.
    async fn search_from_home(&self, query: &str) {
        self.goto("/").await;
        let input = self.find("#home-q").await;
        input.send_keys(query).await.expect("type");
        self.find("main form[role=search] button[type=submit]")
            .await
            .click()
            .await
            .expect("submit");
        self.wait_for_path("/search").await;
    }

    async fn wait_for_path(&self, prefix: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let at = self.location().await;
            if at.starts_with(prefix) && self.ready().await {
                return;
            }
            assert!(Instant::now() < deadline, "still at {at}, not {prefix}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn ready(&self) -> bool {
        self.eval("return document.readyState;").await == json!("complete")
    }

    /// The path of the document page of `key`.
    fn document_path(key: &str) -> String {
        format!("/documents/{}", utf8_encode(key))
    }

    /// Runs axe-core on the current page (`name` in messages); the serious
    /// and critical violations, each on one line.
    async fn axe_serious(&self, name: &str, axe: &str) -> Vec<String> {
        let mut serious = Vec::new();
        self.eval(axe).await;
        let violations = self
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }) \
             .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id, \
               impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })) }), \
               e => done(String(e)));",
            vec![],
        )
        .await
        .expect("axe.run");
        let passes = violations["passes"].as_u64().unwrap_or(0);
        assert!(passes > 0, "{name}: axe ran no rule: {violations}");
        let violations = violations["violations"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: {violations}"));
        eprintln!(
            "axe {name}: {passes} rules passed, {} violated",
            violations.len()
        );
        for v in violations {
            let line = format!(
                "{name}: [{}] {} — {} {}",
                v["impact"].as_str().unwrap_or("?"),
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                v["nodes"]
            );
            eprintln!("axe {line}");
            if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
                serious.push(line);
            }
        }

        serious
    }

    async fn finish(mut self) {
        let _ = self.client.clone().close().await;
        if let Some(server) = self.server.take() {
            server.shut_down().await.expect("a clean shutdown");
        }
    }
}

impl Drop for Session {
    /// Ends chromedriver and the browser it started (after a failed test
    /// the session was not closed), by the process group of chromedriver.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn utf8_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_phrase_searched_from_the_home_page_finds_its_notice_first() {
    let Some(session) = Session::start().await else {
        return;
    };
    session.search_from_home("降低社会保险费率").await;
    assert!(
        session.location().await.contains("q=降低社会保险费率"),
        "{}",
        session.location().await
    );
    assert!(session.total().await >= 1);
    let first = session.find("ol.results > li:first-child h3 a").await;
    assert_eq!(first.text().await.expect("text"), SOCIAL_INSURANCE);
    first.click().await.expect("open the first result");
    session.wait_for_path("/documents/").await;
    let title = session.find("h1#doc-title").await.text().await.expect("h1");
    assert_eq!(title, SOCIAL_INSURANCE);
    session.finish().await;
}

#[tokio::test]
async fn a_facet_link_narrows_the_search() {
    let Some(session) = Session::start().await else {
        return;
    };
    session.goto("/search?q=%E5%B7%A5%E4%BD%9C").await; // 工作
    let before = session.total().await;
    let facets = session
        .eval(
            "return [...document.querySelectorAll('aside.facets li > a')].map(a => ({ \
               href: a.getAttribute('href'), \
               count: parseInt(a.parentElement.querySelector('.count').textContent.replace(/[()]/g, ''), 10) }));",
        )
        .await;
    let facets = facets.as_array().expect("an array");
    let (index, count) = facets
        .iter()
        .enumerate()
        .find_map(|(i, f)| {
            let count = f["count"].as_u64()?;
            (count < before).then_some((i, count))
        })
        .unwrap_or_else(|| panic!("a facet that narrows {before} results: {facets:?}"));
    let links = session
        .client
        .find_all(Locator::Css("aside.facets li > a"))
        .await
        .expect("facet links");
    let text = links[index].text().await.expect("text");
    links[index].click().await.expect("click the facet");
    let deadline = Instant::now() + Duration::from_secs(10);
    while session.location().await == "/search?q=工作" {
        assert!(Instant::now() < deadline, "the facet did not navigate");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    session.wait_for_path("/search?q=工作 ").await;
    let at = session.location().await;
    assert!(
        at.contains(&text.replace('"', "")) || at.contains(&text),
        "{at} for {text}"
    );
    assert!(at.contains(':'), "a field:value term in {at}");
    let after = session.total().await;
    assert_eq!(after, count, "the facet's count is the new total ({at})");
    assert!(after < before);
    assert!(
        session
            .find("aside.facets [aria-current=true]")
            .await
            .text()
            .await
            .expect("text")
            == text,
        "the chosen facet is marked current"
    );
    session.finish().await;
}

#[tokio::test]
async fn outline_deep_links_and_references_lead_to_their_targets() {
    let Some(session) = Session::start().await else {
        return;
    };
    session
        .goto(&Session::document_path("青政办发〔2019〕4号"))
        .await;
    let links = session
        .client
        .find_all(Locator::Css("nav.outline a[href^='#s']"))
        .await
        .expect("outline links");
    assert!(links.len() >= 3, "an outline with sections");
    let last = links.last().expect("a link");
    let href = last.attr("href").await.expect("href").expect("an href");
    last.click().await.expect("follow the deep link");
    let state = session
        .eval(
            "const t = document.querySelector(':target'); \
             if (!t) return null; const r = t.getBoundingClientRect(); \
             return { id: t.id, top: r.top, bottom: r.bottom, height: innerHeight, scrolled: scrollY };",
        )
        .await;
    assert_eq!(session.location().await.split('#').nth(1), Some(&href[1..]));
    assert_eq!(state["id"], json!(&href[1..]), "{state}");
    let top = state["top"].as_f64().expect("top");
    let height = state["height"].as_f64().expect("height");
    assert!(
        top >= -1.0 && top < height,
        "the target is in view: {state}"
    );
    assert!(
        state["scrolled"].as_f64().expect("scrollY") > 0.0,
        "{state}"
    );

    session.goto(&Session::document_path(FLOOD_CONTROL)).await;
    let reference = session.find("section.references a").await;
    assert_eq!(reference.text().await.expect("text"), CITED);
    reference.click().await.expect("follow the reference");
    session.wait_for_path("/documents/").await;
    let number = session
        .find("dl.doc-meta dd")
        .await
        .text()
        .await
        .expect("dd");
    assert!(number.starts_with(CITED), "{number}");
    let title = session.find("h1#doc-title").await.text().await.expect("h1");
    assert!(title.starts_with("山东省人民政府办公厅"), "{title}");
    session.finish().await;
}

#[tokio::test]
async fn a_repealed_document_shows_the_banner_at_the_top() {
    let Some(session) = Session::start().await else {
        return;
    };
    let number = "青政办字〔2019〕33号";
    let page = Session::document_path(number);
    session.goto(&page).await;
    // Nothing recorded, nothing in the archive's texts: the banner says 未核实.
    let unverified = session.find("main > .banner").await;
    assert!(unverified.text().await.expect("text").contains("未核实"));
    let token = {
        let mut store =
            gazette_archive::AdminStore::open(session.server().data_dir()).expect("the store");
        store
            .create_token("editor", TokenScope::Admin, "test")
            .expect("a token")
    };
    let reply = session
        .client
        .execute_async(
            "const [url, token, done] = arguments; \
             fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + token, \
               'content-type': 'application/json' }, \
               body: JSON.stringify({ status: 'repealed', effective: '2020-01-01', \
               by: '青政发〔2020〕1号', reason: '被取代' }) }) \
             .then(r => done(r.status), e => done(String(e)));",
            vec![
                json!(format!("/api/v1/documents/{}/status", utf8_encode(number))),
                json!(token),
            ],
        )
        .await
        .expect("the request");
    assert_eq!(reply, json!(200));
    // Pages are cached for a minute (must-revalidate): a reload revalidates.
    session.client.refresh().await.expect("reload");
    let banner = session.find("main > .banner").await;
    assert!(banner.text().await.expect("text").contains("已废止"));
    let first = session
        .eval("return document.querySelector('main').firstElementChild.className;")
        .await;
    assert_eq!(first, json!("banner"), "the banner comes first");
    let top = session
        .eval("return document.querySelector('main > .banner').getBoundingClientRect().top < document.querySelector('#doc-title').getBoundingClientRect().top;")
        .await;
    assert_eq!(top, json!(true), "above the title");
    session.finish().await;
}

/// The pages the accessibility, small-screen and screenshot checks visit.
fn pages() -> [(&'static str, String); 11] {
    [
        ("home", "/".to_owned()),
        ("search", format!("/search?q={}", utf8_encode("社会保险"))),
        ("document", Session::document_path("青政办发〔2019〕4号")),
        ("document-links", Session::document_path(FLOOD_CONTROL)),
        ("units", "/units".to_owned()),
        ("unit", format!("/units/{}", utf8_encode("市财政局"))),
        ("people", "/people".to_owned()),
        ("person", format!("/people/{}", utf8_encode("曹彦平"))),
        (
            "calendar",
            format!("/calendar?document={}", utf8_encode("青政办字〔2019〕33号")),
        ),
        ("provisions", "/provisions".to_owned()),
        (
            "provision",
            format!(
                "/provisions?subject={}&as_of=2020-06-01",
                utf8_encode("失业保险费率")
            ),
        ),
    ]
}

#[tokio::test]
async fn pages_have_no_serious_accessibility_violations() {
    let Some(session) = Session::start().await else {
        return;
    };
    let axe = std::fs::read_to_string(axe_path()).expect("axe.min.js");
    let mut serious = Vec::new();
    for (name, path) in pages() {
        session.goto(&path).await;
        serious.extend(session.axe_serious(name, &axe).await);
    }
    assert!(
        serious.is_empty(),
        "serious or critical:\n{}",
        serious.join("\n")
    );
    session.finish().await;
}

#[tokio::test]
async fn pages_do_not_scroll_sideways_at_360_px() {
    let Some(session) = Session::start().await else {
        return;
    };
    session
        .client
        .set_window_size(360, 800)
        .await
        .expect("resize");
    for (name, path) in pages() {
        session.goto(&path).await;
        let widths = session
            .eval("return [document.documentElement.scrollWidth, innerWidth];")
            .await;
        let scroll = widths[0].as_u64().expect("scrollWidth");
        assert!(scroll <= 360, "{name}: {widths}");
    }
    session.finish().await;
}

#[tokio::test]
async fn screenshots_when_asked() {
    if std::env::var_os("GAZETTE_SCREENSHOTS").is_none() {
        return;
    }
    let Some(session) = Session::start().await else {
        return;
    };
    let folder = workspace_root().join("docs/screenshots");
    std::fs::create_dir_all(&folder).expect("docs/screenshots");
    for (name, path) in pages() {
        session.goto(&path).await;
        let png = session.client.screenshot().await.expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"));
        std::fs::write(folder.join(format!("{name}.png")), png).expect("write");
    }
    session.finish().await;
}

/// The gov.cn documents 国发〔2019〕5号 and 国办发〔2019〕6号 as one issue.
fn govcn_issue() -> String {
    let dir = workspace_root().join("tests/fixtures/govcn");
    ["govcn-row01.txt", "govcn-row02.txt"]
        .iter()
        .map(|row| std::fs::read_to_string(dir.join(row)).expect("fixture"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

impl Session {
    /// Uploads `text` from the page, as a client of the API would.
    async fn upload(&self, token: &str, query: &str, text: String) {
        let reply = self
            .client
            .execute_async(
                "const [url, token, body, done] = arguments; \
                 fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body }) \
                 .then(r => done(r.status), e => done(String(e)));",
                vec![
                    json!(format!("/api/v1/issues?{query}")),
                    json!(token),
                    json!(text),
                ],
            )
            .await
            .expect("the upload");
        assert_eq!(reply, json!(201), "{query}");
    }
}

#[tokio::test]
async fn the_gazette_pages_lead_from_gazette_to_year_to_issue_to_document() {
    let Some(session) = Session::start().await else {
        return;
    };
    let token = {
        let mut store =
            gazette_archive::AdminStore::open(session.server().data_dir()).expect("the store");
        store
            .create_token("clerk", TokenScope::Write, "test")
            .expect("a token")
    };
    session.goto("/").await;
    // The sample as it would be in 2017 (its numbers and dates moved), as
    // 2017年第7期; the gov.cn documents as 2017年第9期.
    let sample_2017 = String::from_utf8(sample_bytes())
        .expect("UTF-8")
        .replace("2019", "2017");
    let gazette = utf8_encode("青岛市人民政府公报");
    session
        .upload(
            &token,
            &format!("gazette={gazette}&issue=2017-7&published=2017-07-20"),
            sample_2017,
        )
        .await;
    session
        .upload(
            &token,
            &format!("gazette={gazette}&issue=2017-9"),
            govcn_issue(),
        )
        .await;

    session.goto("/").await;
    session
        .find("nav.site-nav a[href='/gazettes']")
        .await
        .click()
        .await
        .expect("the gazettes link");
    session.wait_for_path("/gazettes").await;
    let year = session.find("main section.gazette li a").await;
    assert_eq!(year.text().await.expect("text"), "2017年");
    year.click().await.expect("the year");
    session
        .wait_for_path("/gazettes/青岛市人民政府公报/2017")
        .await;
    let missing = session
        .find("main p.missing")
        .await
        .text()
        .await
        .expect("text");
    assert!(missing.contains("第8期"), "{missing}");
    let issues = session
        .client
        .find_all(Locator::Css("main ol.results h3 a"))
        .await
        .expect("issues");
    let mut labels = Vec::new();
    for issue in &issues {
        labels.push(issue.text().await.expect("text"));
    }
    assert_eq!(
        labels,
        [
            "青岛市人民政府公报 2017年第7期",
            "青岛市人民政府公报 2017年第9期"
        ]
    );
    issues[0].click().await.expect("the issue");
    session
        .wait_for_path("/gazettes/青岛市人民政府公报/2017/7")
        .await;
    let axe = std::fs::read_to_string(axe_path()).expect("axe.min.js");
    let serious = session.axe_serious("gazette issue", &axe).await;
    assert!(serious.is_empty(), "{}", serious.join("\n"));
    let first = session.find("main ol.contents > li:first-child a").await;
    assert_eq!(
        first.text().await.expect("text"),
        "青岛市人民政府关于支持“蓝色药库”开发计划的实施意见"
    );
    first.click().await.expect("the first document");
    session.wait_for_path("/documents/").await;
    let title = session.find("h1#doc-title").await.text().await.expect("h1");
    assert_eq!(title, "青岛市人民政府关于支持“蓝色药库”开发计划的实施意见");
    session.finish().await;
}
