//! The bodies that issue documents: the issuer codes (机关代字) that open
//! their 发文字号 and the bodies they belong to, the standard short forms of
//! body names (人大常委会 for 人民代表大会常务委员会), and the
//! [`CanonicalName`] of an issuer with the evidence for it.
//!
//! This is the one home of these facts: the parser completes issuer names
//! with them and the link crate names the body of a cited number. Nothing
//! here reads a document; which name a document prints and what context
//! completes it is decided by the parser.
//!
//! ```
//! use gazette_model::bodies::{body_of_code, expand_short_forms, complete_place};
//! assert_eq!(body_of_code("青政办字"), Some("青岛市人民政府办公厅"));
//! assert_eq!(expand_short_forms("嘉鱼县人大常委会"), "嘉鱼县人民代表大会常务委员会");
//! assert_eq!(complete_place("市人民政府", "青岛市").as_deref(), Some("青岛市人民政府"));
//! ```

use serde::{Deserialize, Serialize};

/// The full name of an issuer and how it was established.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CanonicalName {
    /// The full name of the body (青岛市人民政府).
    pub name: String,
    /// How the full name was established.
    pub evidence: NameEvidence,
    /// The text that established it, as printed: the title's name of the
    /// body, the 机关代字 of the number, the 版头, the gazette's name; `None`
    /// when the name is as printed or only its short forms were expanded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl CanonicalName {
    /// A name taken as printed: nothing establishes a fuller one.
    pub fn as_printed(name: &str) -> CanonicalName {
        CanonicalName {
            name: name.to_owned(),
            evidence: NameEvidence::AsPrinted,
            basis: None,
        }
    }
}

/// How a [`CanonicalName`] was established. Where a place was completed
/// (市政府 → 青岛市人民政府), the evidence names where the place came from;
/// the standard short forms of the name are expanded in every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameEvidence {
    /// The name as printed; it is the full name or nothing gives a fuller one.
    AsPrinted,
    /// Standard short forms expanded (人大常委会 → 人民代表大会常务委员会,
    /// 发改委 → 发展和改革委员会, 政协 → 中国人民政治协商会议…委员会).
    ShortForm,
    /// The document's title names the same body in full (or, with no
    /// issuer printed, names the issuing body).
    Title,
    /// The 机关代字 of the document's 发文字号 names the body
    /// ([`body_of_code`]).
    DocNumber,
    /// The document's signature names the same body in full (中共龙岩市委
    /// 精神文明建设办公室 signed under a title that prints 中共龙岩市委文明办).
    Signature,
    /// The document's 版头 (…文件) names the body or its place.
    Masthead,
    /// The gazette the document was published in names the place
    /// (市政府 in a 青岛市人民政府公报 → 青岛市人民政府).
    Gazette,
}

/// Issuer codes of 发文字号 and the bodies they belong to, each read from a
/// document of this repository's fixtures or cited there with its body.
///
/// Only codes whose body is certain are listed; a joint document's code is
/// its first issuer's. Codes that open with a city's character are read as
/// the city this repository's documents are from: `青` is Qingdao here
/// (青政发, 青政办字 …); Qinghai's codes are 青政 and 青政办, not listed.
const CODES: &[(&str, &str)] = &[
    // Central Committee and State Council.
    ("中发", "中共中央"),
    ("中办发", "中共中央办公厅"),
    ("国发", "国务院"),
    ("国函", "国务院"),
    ("国令", "国务院"),
    ("国办发", "国务院办公厅"),
    ("国办函", "国务院办公厅"),
    ("国办发明电", "国务院办公厅"),
    // Ministries, by the codes the archive's documents print or cite.
    ("发改农经", "国家发展和改革委员会"),
    ("国科发高", "科学技术部"),
    ("教外际", "教育部"),
    ("教职成", "教育部"),
    ("民航总局", "中国民用航空总局"),
    ("国卫医急发", "国家卫生健康委员会"),
    ("文物保函", "国家文物局"),
    // Hubei.
    ("鄂政文", "湖北省人民政府"),
    ("鄂建办", "湖北省住房和城乡建设厅办公室"),
    // Shandong.
    ("鲁委", "中共山东省委"),
    ("鲁办发", "中共山东省委办公厅"),
    ("鲁办发电", "中共山东省委办公厅"),
    ("鲁密办", "中共山东省委保密委员会办公室"),
    ("鲁政发", "山东省人民政府"),
    ("鲁政字", "山东省人民政府"),
    ("鲁政办发", "山东省人民政府办公厅"),
    ("鲁政办字", "山东省人民政府办公厅"),
    ("鲁交城市函", "山东省交通运输厅"),
    ("鲁市监标函", "山东省市场监督管理局"),
    ("鲁扶贫组字", "山东省扶贫开发领导小组"),
    ("鲁核应急办", "山东省核应急委员会办公室"),
    ("鲁汛旱办明电", "山东省防汛抗旱指挥部办公室"),
    ("鲁环便函", "山东省生态环境厅"),
    ("鲁环委办便函", "山东省生态环境委员会办公室"),
    ("鲁直机团工字", "共青团山东省省直机关工作委员会"),
    // Cities.
    ("青政发", "青岛市人民政府"),
    ("青政字", "青岛市人民政府"),
    ("青政办发", "青岛市人民政府办公厅"),
    ("青政办字", "青岛市人民政府办公厅"),
    ("齐政办发", "齐齐哈尔市人民政府办公室"),
    ("泉资规纪", "泉州市自然资源和规划局"),
    ("龙工信能源", "龙岩市工业和信息化局"),
    ("陆府通", "陆丰市人民政府"),
];

/// The body that issues documents under an issuer `code`, e.g. 国办发 →
/// 国务院办公厅; `None` for a code not in the table.
pub fn body_of_code(code: &str) -> Option<&'static str> {
    CODES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, body)| *body)
}

/// Every known issuer code, each with its body.
pub fn known_codes() -> impl Iterator<Item = (&'static str, &'static str)> {
    CODES.iter().copied()
}

/// The state's name some central bodies print before their own in an
/// order's heading (中华人民共和国商务部令, 中华人民共和国国务院令).
const STATE_NAME: &str = "中华人民共和国";

/// The one name of a central body: the name it signs with (国务院, 商务部),
/// without the state's name its orders print before it, so that a body's
/// orders and its other documents count as one issuer.
pub fn without_state_name(name: &str) -> &str {
    name.strip_prefix(STATE_NAME)
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(name)
}

/// Characters that end a place's name and open a body's short name
/// (市政府, 省发展改革委, 县人大常委会).
const LEVELS: [char; 4] = ['省', '市', '县', '区'];

/// `name` with its standard short forms written out: 人大常委会 →
/// 人民代表大会常务委员会, 人大 → 人民代表大会 (at the end), 政府 after a
/// place → 人民政府, 发改委 and 发展改革委 → 发展和改革委员会, and a
/// 政协 (青岛市政协, 政协青岛市委员会, 全国政协) → 中国人民政治协商会议青岛市委员会.
/// Anything else stays as printed.
pub fn expand_short_forms(name: &str) -> String {
    let mut out = name.replace("人大常委会", "人民代表大会常务委员会");
    if let Some(place) = out.strip_suffix("人大") {
        out = format!("{place}人民代表大会");
    }
    for short in ["发展改革委", "发改委"] {
        if let Some(at) = out.find(short) {
            if !out[at..].starts_with("发展改革委员会") {
                out = format!("{}发展和改革委员会{}", &out[..at], &out[at + short.len()..]);
            }
        }
    }
    out = expand_government(&out);
    expand_cppcc(&out).unwrap_or(out)
}

/// 政府 right after a place's level character, ending the name or before
/// 办公厅 / 办公室 → 人民政府 (市政府办公厅 → 市人民政府办公厅,
/// 省政府办公厅信息舆情室 → 省人民政府办公厅信息舆情室).
fn expand_government(name: &str) -> String {
    let Some(at) = name.find("政府") else {
        return name.to_owned();
    };
    let before = &name[..at];
    let after = &name[at + "政府".len()..];
    let after_place = before
        .chars()
        .next_back()
        .is_some_and(|c| LEVELS.contains(&c) || matches!(c, '州' | '旗' | '乡' | '镇'));
    // 办公厅 and 办公室 may go on with a division (…办公厅信息舆情室); 政府
    // before anything else is another word (市政府采购中心).
    if after_place
        && (after.is_empty() || after.starts_with("办公厅") || after.starts_with("办公室"))
    {
        format!("{before}人民政府{after}")
    } else {
        name.to_owned()
    }
}

/// 政协 as a whole name: 全国政协, 青岛市政协, 政协青岛市委员会 (each
/// with an office after it or not).
fn expand_cppcc(name: &str) -> Option<String> {
    const FULL: &str = "中国人民政治协商会议";
    if name.starts_with(FULL) {
        return None;
    }
    let (place, office) = if let Some(rest) = name.strip_prefix("政协") {
        let at = rest.find("委员会")?;
        (&rest[..at], &rest[at + "委员会".len()..])
    } else {
        let at = name.find("政协")?;
        (&name[..at], &name[at + "政协".len()..])
    };
    let known_office = ["", "办公厅", "办公室"].contains(&office);
    (known_office && place.chars().count() >= 2 && place.chars().all(crate::is_han))
        .then(|| format!("{FULL}{place}委员会{office}"))
}

/// The name a short name (`short`, opening with the level 省, 市, 县 or 区
/// of its place: 市人民政府) has in `place` (青岛市): `None` when `short`
/// names no place level or `place` is not of that level.
pub fn complete_place(short: &str, place: &str) -> Option<String> {
    let level = short.chars().next().filter(|c| LEVELS.contains(c))?;
    let rest = &short[level.len_utf8()..];
    let place_ok = place.ends_with(level) && place.chars().count() >= 3;
    (place_ok && !rest.is_empty()).then(|| format!("{place}{rest}"))
}

/// The place of `level` a full body name opens with: 青岛市 of
/// 青岛市人民政府办公厅 for 市, 山东省 of 山东省人民政府 for 省; `None` when
/// the name does not open with one (中共山东省委 opens with 中共).
pub fn place_of(body: &str, level: char) -> Option<&str> {
    let (at, _) = body.char_indices().take(8).find(|(_, c)| *c == level)?;
    let place = &body[..at + level.len_utf8()];
    let before = &body[..at];
    let opens_with_a_place = before.chars().count() >= 2
        && before.chars().all(crate::is_han)
        && !["中共", "中国", "共青团", "关于", "全国"]
            .iter()
            .any(|word| before.starts_with(word));
    opens_with_a_place.then_some(place)
}

/// The level character a short name opens with (市 of 市人民政府), when
/// it names no place before it.
pub fn place_level(short: &str) -> Option<char> {
    let level = short.chars().next().filter(|c| LEVELS.contains(c))?;
    (short.chars().count() > 1).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_central_body_has_one_name() {
        assert_eq!(without_state_name("中华人民共和国商务部"), "商务部");
        assert_eq!(without_state_name("中华人民共和国国务院"), "国务院");
        assert_eq!(without_state_name("国务院"), "国务院");
        assert_eq!(without_state_name("中华人民共和国"), "中华人民共和国");
    }

    #[test]
    fn knows_the_bodies_of_codes() {
        assert_eq!(body_of_code("国办发"), Some("国务院办公厅"));
        assert_eq!(body_of_code("鲁扶贫组字"), Some("山东省扶贫开发领导小组"));
        assert_eq!(body_of_code("青政"), None);
        let codes: Vec<&str> = known_codes().map(|(code, _)| code).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "a code listed twice");
    }

    #[test]
    fn expands_standard_short_forms_only() {
        assert_eq!(
            expand_short_forms("四川省人大常委会代表资格审查委员会"),
            "四川省人民代表大会常务委员会代表资格审查委员会"
        );
        assert_eq!(expand_short_forms("省发展改革委"), "省发展和改革委员会");
        assert_eq!(expand_short_forms("市发改委"), "市发展和改革委员会");
        assert_eq!(expand_short_forms("市政府办公厅"), "市人民政府办公厅");
        assert_eq!(expand_short_forms("青岛市政府"), "青岛市人民政府");
        assert_eq!(
            expand_short_forms("青岛市政协"),
            "中国人民政治协商会议青岛市委员会"
        );
        assert_eq!(
            expand_short_forms("政协青岛市委员会办公厅"),
            "中国人民政治协商会议青岛市委员会办公厅"
        );
        assert_eq!(
            expand_short_forms("全国政协"),
            "中国人民政治协商会议全国委员会"
        );
        assert_eq!(expand_short_forms("嘉鱼县人大"), "嘉鱼县人民代表大会");
        assert_eq!(
            expand_short_forms("省政府办公厅信息舆情室"),
            "省人民政府办公厅信息舆情室"
        );
        // Full names and names without a standard short form stay.
        for name in [
            "青岛市人民政府",
            "国家发展和改革委员会",
            "国家卫生健康委",
            "市政府采购中心",
            "中国人民政治协商会议全国委员会",
            "中共山东省委",
        ] {
            assert_eq!(expand_short_forms(name), name);
        }
    }

    #[test]
    fn completes_places_of_their_level_only() {
        assert_eq!(
            complete_place("市人民政府办公厅", "青岛市").as_deref(),
            Some("青岛市人民政府办公厅")
        );
        assert_eq!(complete_place("市人民政府", "山东省"), None);
        assert_eq!(complete_place("青岛市人民政府", "青岛市"), None);
        assert_eq!(place_of("青岛市人民政府办公厅", '市'), Some("青岛市"));
        assert_eq!(place_of("山东省人民政府", '省'), Some("山东省"));
        assert_eq!(place_of("山东省人民政府", '市'), None);
        assert_eq!(place_of("中共山东省委", '省'), None);
        assert_eq!(place_of("市人民政府", '市'), None);
        assert_eq!(place_level("市政府"), Some('市'));
        assert_eq!(place_level("青岛市政府"), None);
    }

    #[test]
    fn serializes_evidence_in_snake_case() {
        let name = CanonicalName {
            name: "青岛市人民政府".to_owned(),
            evidence: NameEvidence::Gazette,
            basis: Some("青岛市人民政府公报".to_owned()),
        };
        let json = serde_json::to_string(&name).expect("json");
        assert_eq!(
            json,
            r#"{"name":"青岛市人民政府","evidence":"gazette","basis":"青岛市人民政府公报"}"#
        );
        let plain = serde_json::to_string(&CanonicalName::as_printed("国务院")).expect("json");
        assert_eq!(plain, r#"{"name":"国务院","evidence":"as_printed"}"#);
    }
}
