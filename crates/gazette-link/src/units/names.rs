//! Unit names in full: the locality of the issuer given to a name that
//! opens with its level (市财政局 → 青岛市财政局), short names expanded from
//! the alias table (`data/unit_aliases.tsv`, compiled in), collectives
//! spelled one way (各区、市政府 = 各区（市）人民政府).
//!
//! Not for: finding units in a document (`super`).

use std::sync::OnceLock;

use super::UnitName;
use crate::text::UNIT_ENDINGS;

/// The alias table: scope, name as printed, full name, one row a line.
const ALIASES: &str = include_str!("../../data/unit_aliases.tsv");

/// Where a short name is read as its full name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A local department's short name, after the locality that opens it.
    Local,
    /// A central body's short name, in State Council documents.
    Central,
    /// Whatever the document.
    Any,
}

/// One row of the alias table.
#[derive(Debug)]
struct Alias {
    scope: Scope,
    short: &'static str,
    full: &'static str,
}

/// The alias table's rows; a row that does not read (a wrong scope, a
/// missing column) is a mistake in the data file, caught by its test.
fn aliases() -> &'static [Alias] {
    static TABLE: OnceLock<Vec<Alias>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ALIASES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let scope = match cells.next()? {
                    "local" => Scope::Local,
                    "central" => Scope::Central,
                    "any" => Scope::Any,
                    _ => return None,
                };
                Some(Alias {
                    scope,
                    short: cells.next()?,
                    full: cells.next()?,
                })
            })
            .collect()
    })
}

/// Spellings of the districts and county-level cities of a city, as one
/// collective: 各区、市 / 各区(市) / 各区市, spelled 各区（市）.
const DISTRICT_FORMS: &[&str] = &["各区、市", "各区(市)", "各区市"];

/// The normal spelling of [`DISTRICT_FORMS`].
const DISTRICTS: &str = "各区（市）";

/// The full name of a unit as `published` in a document of `issuer`, or
/// `None` when the text reads as no unit.
///
/// A name opening with the issuer's level (市 in a document of 青岛市…, 省
/// in one of 山东省…) gets the issuer's place: 市财政局 → 青岛市财政局.
/// Short names are expanded from the alias tables (市发展改革委 →
/// 青岛市发展和改革委员会; 崂山区政府 → 崂山区人民政府; in State Council
/// documents 发展改革委 → 国家发展和改革委员会). Collectives are spelled one
/// way: 各区、市政府, 各区（市）政府 and 各区市政府 are all
/// 各区（市）人民政府; 相关 is read as 有关.
pub fn normalise_unit(published: &str, issuer: Option<&str>) -> Option<UnitName> {
    let name: String = published.chars().filter(|c| !c.is_whitespace()).collect();
    let name = DISTRICT_FORMS
        .iter()
        .fold(name, |name, form| name.replace(form, DISTRICTS));
    if name.is_empty() || !name.chars().all(is_name_char) {
        return None;
    }
    let collective = name.contains('各');
    let full = if collective {
        collective_name(&name, issuer)?
    } else {
        single_name(&name, issuer)
    };
    ends_like_unit(&full).then_some(UnitName {
        name: full,
        collective,
    })
}

fn is_name_char(c: char) -> bool {
    gazette_model::is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '（' | '）' | '(' | ')')
}

fn ends_like_unit(name: &str) -> bool {
    UNIT_ENDINGS.iter().any(|ending| name.ends_with(ending))
}

/// The place and level an issuer's units are named under: 青岛市人民政府 →
/// (青岛, 市).
fn locality(issuer: &str) -> Option<(&str, char)> {
    let (at, level) = issuer
        .char_indices()
        .find(|(_, c)| matches!(c, '市' | '省'))?;
    let place = &issuer[..at];
    (place.chars().count() >= 2 && !place.contains('政')).then_some((place, level))
}

fn is_central(issuer: Option<&str>) -> bool {
    issuer.is_some_and(|i| i.starts_with("国务院"))
}

fn single_name(name: &str, issuer: Option<&str>) -> String {
    if let Some(full) = lookup(Scope::Any, name) {
        return full.to_owned();
    }
    if is_central(issuer) {
        if let Some(full) = lookup(Scope::Central, name) {
            return full.to_owned();
        }
    }
    match issuer.and_then(locality) {
        Some((place, level)) if name.starts_with(level) && name.len() > level.len_utf8() => {
            let body = &name[level.len_utf8()..];
            format!("{place}{level}{}", local_body(body))
        }
        _ => people_s_government(name),
    }
}

/// A department's name after its locality, in full.
fn local_body(body: &str) -> String {
    lookup(Scope::Local, body).map_or_else(|| people_s_government(body), str::to_owned)
}

/// 崂山区政府 → 崂山区人民政府; 政府办公厅 → 人民政府办公厅.
fn people_s_government(name: &str) -> String {
    match name.find("政府") {
        Some(at) if !name[..at].ends_with("人民") => {
            format!("{}人民{}", &name[..at], &name[at..])
        }
        _ => name.to_owned(),
    }
}

/// The full name of `name` in the alias table's `scope`.
fn lookup(scope: Scope, name: &str) -> Option<&'static str> {
    aliases()
        .iter()
        .find(|alias| alias.scope == scope && alias.short == name)
        .map(|alias| alias.full)
}

/// The one spelling of a collective, `None` when what follows 各区（市）
/// is neither a government nor a department (各区、市民政府).
fn collective_name(name: &str, issuer: Option<&str>) -> Option<String> {
    let name = name.replace("相关", "有关");
    if let Some(rest) = name.strip_prefix(DISTRICTS) {
        return district_body(rest).map(|body| format!("{DISTRICTS}{body}"));
    }
    let at = name.find('各').unwrap_or(0);
    let (owner, group) = name.split_at(at);
    if owner.is_empty() {
        return Some(name);
    }
    // 市政府各有关部门, but not 市政府各区（市）政府…: a group of an owner
    // is of its departments, not of other governments.
    if group.contains("政府") || group.contains('区') {
        return None;
    }
    Some(format!("{}{group}", single_name(owner, issuer)))
}

fn district_body(rest: &str) -> Option<String> {
    let government = ["政府", "人民政府"]
        .iter()
        .find_map(|g| rest.strip_prefix(g).map(|tail| format!("人民政府{tail}")));
    match government {
        Some(body) if body == "人民政府" || body.starts_with("人民政府各") => Some(body),
        Some(_) => None,
        None if rest.ends_with('局') || rest.ends_with('委') || rest.ends_with('办') => {
            Some(rest.to_owned())
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_alias_table_reads() {
        let rows = ALIASES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count();
        assert_eq!(aliases().len(), rows);
        assert!(aliases()
            .iter()
            .all(|a| !a.short.is_empty() && !a.full.is_empty()));
        assert_eq!(lookup(Scope::Central, "文物局"), Some("国家文物局"));
        assert_eq!(lookup(Scope::Local, "发改委"), Some("发展和改革委员会"));
    }
}
