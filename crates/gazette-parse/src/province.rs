//! Provinces and the one-character abbreviations (简称) that open the
//! 发文字号 codes of their bodies: 湖北省文化和旅游厅 numbers its documents
//! 鄂文旅办发〔2021〕38号.
//!
//! The parser uses this to correct a first character that OCR misread
//! (哪文旅办发) from the province the issuer names. It is not for telling
//! cities, ministries or Party bodies apart: their codes open with other
//! characters (南住建函, 国办发) and are never touched.

/// A province-level division: its full name, the abbreviation its codes
/// use, and other abbreviations in use (accepted, never written).
struct Province {
    name: &'static str,
    abbreviation: char,
    others: &'static str,
}

const fn p(name: &'static str, abbreviation: char, others: &'static str) -> Province {
    Province {
        name,
        abbreviation,
        others,
    }
}

const PROVINCES: &[Province] = &[
    p("北京市", '京', ""),
    p("天津市", '津', ""),
    p("上海市", '沪', ""),
    p("重庆市", '渝', ""),
    p("河北省", '冀', ""),
    p("山西省", '晋', ""),
    p("辽宁省", '辽', ""),
    p("吉林省", '吉', ""),
    p("黑龙江省", '黑', ""),
    p("江苏省", '苏', ""),
    p("浙江省", '浙', ""),
    p("安徽省", '皖', ""),
    p("福建省", '闽', ""),
    p("江西省", '赣', ""),
    p("山东省", '鲁', ""),
    p("河南省", '豫', ""),
    p("湖北省", '鄂', ""),
    p("湖南省", '湘', ""),
    p("广东省", '粤', ""),
    p("海南省", '琼', ""),
    p("四川省", '川', "蜀"),
    p("贵州省", '黔', "贵"),
    p("云南省", '云', "滇"),
    p("陕西省", '陕', "秦"),
    p("甘肃省", '甘', "陇"),
    p("青海省", '青', ""),
    p("台湾省", '台', ""),
    p("内蒙古自治区", '内', "蒙"),
    p("广西壮族自治区", '桂', ""),
    p("西藏自治区", '藏', ""),
    p("宁夏回族自治区", '宁', ""),
    p("新疆维吾尔自治区", '新', ""),
];

/// Whether `c` is the abbreviation of some province.
pub(crate) fn is_abbreviation(c: char) -> bool {
    PROVINCES
        .iter()
        .any(|p| p.abbreviation == c || p.others.contains(c))
}

/// Whether `text` opens with the full name of a province (山东省…).
pub(crate) fn starts_with_province(text: &str) -> bool {
    PROVINCES.iter().any(|p| text.starts_with(p.name))
}

/// The abbreviation of the province whose body `issuer` is: named at its
/// start (湖北省文化和旅游厅), or, for a body that says only 省 or 自治区
/// (省文化和旅游厅), the one province that `context` names.
pub(crate) fn of_issuer(issuer: &str, context: &str) -> Option<char> {
    if let Some(province) = PROVINCES.iter().find(|p| issuer.starts_with(p.name)) {
        return Some(province.abbreviation);
    }
    if !(issuer.starts_with('省') || issuer.starts_with("自治区")) {
        return None;
    }
    let mut named = PROVINCES.iter().filter(|p| context.contains(p.name));
    match (named.next(), named.next()) {
        (Some(province), None) => Some(province.abbreviation),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_province_of_an_issuer() {
        assert_eq!(of_issuer("湖北省文化和旅游厅", ""), Some('鄂'));
        assert_eq!(
            of_issuer(
                "省文化和旅游厅",
                "关于印发《湖北省文物事业发展“十四五”规划》的通知"
            ),
            Some('鄂')
        );
        assert_eq!(of_issuer("省文化和旅游厅", "湖北省与湖南省"), None);
        assert_eq!(of_issuer("南宁市住房和城乡建设局", "广西壮族自治区"), None);
        assert_eq!(of_issuer("国务院办公厅", "湖北省"), None);
    }

    #[test]
    fn knows_the_abbreviations() {
        for c in ['鄂', '青', '桂', '蒙', '滇'] {
            assert!(is_abbreviation(c), "{c}");
        }
        for c in ['哪', '南', '国'] {
            assert!(!is_abbreviation(c), "{c}");
        }
    }
}
