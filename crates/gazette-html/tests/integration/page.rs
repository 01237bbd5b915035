//! A city government's page as such sites print one (written for this
//! test): site header and navigation, a breadcrumb, the 信息公开 list, the
//! title and the document, a share bar, related links in a sidebar, a
//! footer with 网站标识码 and ICP备案号, scripts. Only the document may
//! come out as text; the 信息公开 list becomes the metadata.

use gazette_model::{MetaSource, NaiveDate, TextForm};

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>青岛市人民政府办公厅关于做好春节期间安全生产工作的通知_政策文件_青岛市人民政府</title>
<script>var _hmt = _hmt || []; document.write("<p>统计</p>");</script>
<style>.nav { color: red; }</style>
</head>
<body>
<div class="top-header"><img src="logo.png" alt="青岛市人民政府"><span>无障碍</span><span>English</span></div>
<div class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hd/">政民互动</a></li></ul></div>
<div class="container">
  <div class="position">首页 &gt; 政务公开 &gt; 政策文件</div>
  <div class="article">
    <ul class="xxgk-info">
      <li><b>索引号：</b>11370200MB28466540/2019-00031</li>
      <li><b>发布机构：</b>青岛市人民政府办公厅</li>
      <li><b>成文日期：</b>2019-01-20</li>
      <li><b>发布日期：</b>2019-01-23</li>
      <li><b>文　　号：</b>青政办字〔2019〕3号</li>
      <li><b>主题分类：</b>安全生产监管</li>
    </ul>
    <h1 class="article-title">青岛市人民政府办公厅关于做好春节期间安全生产工作的通知</h1>
    <div class="article-content">
      <p style="text-align:center">青政办字〔2019〕3号</p>
      <p>各区、市人民政府，市政府各部门，市直各单位：</p>
      <p>&nbsp;&nbsp;&nbsp;&nbsp;为切实做好春节期间安全生产工作，现就有关事项通知如下：</p>
      <p>一、严格落实安全生产责任</p>
      <p>各级各部门要按照“党政同责、一岗双责”的要求，落实<a href="/x.html">《中华人民共和国安全生产法》</a>各项规定。</p>
      <p>二、加强重点行业领域检查</p>
      <table border="1">
        <tr><th>序号</th><th>检查领域</th><th>牵头部门</th></tr>
        <tr><td>1</td><td>道路交通</td><td>市公安局</td></tr>
        <tr><td>2</td><td>危险化学品</td><td>市应急局</td></tr>
      </table>
      <p style="text-align:right">青岛市人民政府办公厅</p>
      <p style="text-align:right">2019年1月20日</p>
      <p>（此件公开发布）</p>
    </div>
    <div class="article-tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
    <div class="bdsharebuttonbox"><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
  </div>
  <div class="sidebar"><h3>相关文件</h3><ul><li><a href="/a">关于做好元旦期间安全生产工作的通知</a></li></ul></div>
</div>
<div class="footer">
  <p>主办：青岛市人民政府办公厅　承办：青岛市大数据发展管理局</p>
  <p>网站标识码：3702000035　鲁ICP备05001826号　鲁公网安备 37020202000155号</p>
</div>
<script src="/js/share.js"></script>
</body>
</html>
"##;

#[test]
fn only_the_document_is_rendered() {
    assert!(gazette_html::is_html(PAGE.as_bytes()));
    let decoded = gazette_html::decode(PAGE.as_bytes()).expect("utf-8");
    assert_eq!(decoded.encoding, "html");
    let page = gazette_html::render(&decoded.html);
    let expected = "青岛市人民政府办公厅关于做好春节期间安全生产工作的通知\n\
        青政办字〔2019〕3号\n\
        各区、市人民政府，市政府各部门，市直各单位：\n\
        \u{a0}\u{a0}\u{a0}\u{a0}为切实做好春节期间安全生产工作，现就有关事项通知如下：\n\
        一、严格落实安全生产责任\n\
        各级各部门要按照“党政同责、一岗双责”的要求，落实《中华人民共和国安全生产法》各项规定。\n\
        二、加强重点行业领域检查\n\
        序号\t检查领域\t牵头部门\n\
        1\t道路交通\t市公安局\n\
        2\t危险化学品\t市应急局\n\
        青岛市人民政府办公厅\n\
        2019年1月20日\n\
        （此件公开发布）\n";
    assert_eq!(page.text, expected);
}

#[test]
fn the_information_list_is_the_metadata() {
    let page = gazette_html::render(PAGE);
    let meta = page.meta.expect("metadata");
    assert_eq!(meta.source, MetaSource::HtmlTable);
    assert_eq!(
        meta.index_number.as_deref(),
        Some("11370200MB28466540/2019-00031")
    );
    assert_eq!(meta.issuer.as_deref(), Some("青岛市人民政府办公厅"));
    assert_eq!(meta.written, NaiveDate::from_ymd_opt(2019, 1, 20));
    assert_eq!(meta.published, NaiveDate::from_ymd_opt(2019, 1, 23));
    assert_eq!(meta.doc_number.as_deref(), Some("青政办字〔2019〕3号"));
    assert_eq!(meta.topic.as_deref(), Some("安全生产监管"));
}

#[test]
fn the_page_parses_to_its_document() {
    let page = gazette_html::render(PAGE);
    let issue = gazette_parse::parse_with_meta(&page.text, TextForm::Html, page.meta);
    let [doc] = issue.documents.as_slice() else {
        panic!("{} documents", issue.documents.len());
    };
    assert_eq!(
        doc.title,
        "青岛市人民政府办公厅关于做好春节期间安全生产工作的通知"
    );
    assert_eq!(doc.doc_number.as_deref(), Some("青政办字〔2019〕3号"));
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2019, 1, 20));
    assert_eq!(
        doc.recipients,
        ["各区、市人民政府", "市政府各部门", "市直各单位"]
    );
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].columns, ["序号", "检查领域", "牵头部门"]);
    assert!(
        doc.warnings.iter().all(|w| w.code != "meta_disagrees"),
        "{:?}",
        doc.warnings
    );
    assert!(doc.published_meta.is_some());
}

#[test]
fn a_gbk_page_is_read_in_its_declared_charset() {
    let page = PAGE.replace("charset=utf-8", "charset=gb2312");
    let (bytes, _, _) = encoding_rs::GBK.encode(&page);
    let decoded = gazette_html::decode(&bytes).expect("gbk");
    assert_eq!(decoded.encoding, "html/gbk");
    let page = gazette_html::render(&decoded.html);
    assert!(page
        .text
        .starts_with("青岛市人民政府办公厅关于做好春节期间安全生产工作的通知\n"));
}
