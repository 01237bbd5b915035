//! The query language, parsed into an [`Expr`].
//!
//! ```text
//! 社会保险 费率            both terms (AND); each a substring of title or body, or of the 发文字号
//! "社会保险 费率"          one phrase, spaces and punctuation included
//! 社会保险 OR 医疗保险     either
//! NOT 试行   -试行          exclusion
//! (社会保险 OR 医疗) 费率   grouping
//! title:通知  number:青政办字[2019]31号  issuer:财政局  unit:市财政局
//! type:通知  year:2019  year:2018..2019  status:repealed  status:已废止
//! date:2019-06-01..2019-06-30   date:2019-06..   date:..2019   date:2019年6月15日
//! ```
//!
//! `OR` binds looser than the implicit AND, `NOT` and `-` tightest; `AND`
//! may be written out. Keywords are upper case (`or` is a word). Field names
//! are ASCII and case-insensitive, `：` works as well as `:`. A `(` opens a
//! group only at the start of a term, and a `)` inside a term that opened
//! its own `(` belongs to the term, so `number:青政办字(2019)31号` is one
//! value.
//!
//! Errors carry a character index into the query. This module only parses;
//! turning the tree into index queries is `plan`'s job.

use chrono::NaiveDate;
use gazette_model::Status;
use serde::Serialize;

use crate::error::{Result, SearchError};

mod bounds;
mod lex;

use bounds::{date_bound, range, year_bound};
use lex::{lex, FieldName, Lexeme, Tok};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Deepest nesting of groups and negations accepted.
const MAX_DEPTH: usize = 32;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    /// One term or filter.
    Term(Term),
    /// All of these.
    And(Vec<Expr>),
    /// Any of these.
    Or(Vec<Expr>),
    /// Not this.
    Not(Box<Expr>),
}

/// A term of the query with where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// What it asks for.
    pub clause: Clause,
    /// Character index of its first character in the query.
    pub position: usize,
}

/// What one term asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Clause {
    /// A substring of the title, the body or the 发文字号; `quoted` when it
    /// was written in double quotes.
    Text {
        /// The text as written (not normalised).
        text: String,
        /// Written in double quotes.
        quoted: bool,
    },
    /// `title:` — a substring of the title.
    Title(String),
    /// `number:` — a 发文字号, in any printed form, or a part of one.
    Number(String),
    /// `issuer:` — a substring of an issuer.
    Issuer(String),
    /// `unit:` — a substring of a 责任单位.
    Unit(String),
    /// `type:` — the kind of document, exactly.
    Type(String),
    /// `year:` — the year of the document's date, inclusive bounds.
    Year {
        /// First year, `None` when open.
        from: Option<i32>,
        /// Last year, `None` when open.
        to: Option<i32>,
    },
    /// `date:` — the document's date, inclusive bounds.
    Date {
        /// First day, `None` when open.
        from: Option<NaiveDate>,
        /// Last day, `None` when open.
        to: Option<NaiveDate>,
    },
    /// `status:` — the validity status.
    Status(Status),
    /// `effective:` or `施行日期:` — the document's 施行日期 as its text
    /// gives it, inclusive bounds, as `date:` reads them.
    Effective {
        /// First day, `None` when open.
        from: Option<NaiveDate>,
        /// Last day, `None` when open.
        to: Option<NaiveDate>,
    },
}

/// Parses a query.
///
/// ```
/// use gazette_search::query::{parse, Clause, Expr};
/// let Expr::Term(term) = parse("type:通知").unwrap() else { panic!() };
/// assert_eq!(term.clause, Clause::Type("通知".into()));
/// assert!(parse("\"unclosed").is_err());
/// ```
pub fn parse(query: &str) -> Result<Expr> {
    let chars: Vec<char> = query.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(SearchError::query(
            format!("the query is too long (more than {MAX_QUERY_CHARS} characters)"),
            MAX_QUERY_CHARS,
        ));
    }
    let lexemes = lex(&chars)?;
    if lexemes.is_empty() {
        return Err(SearchError::query("the query is empty", 0));
    }
    let mut parser = Parser {
        lexemes,
        next: 0,
        end: chars.len(),
        depth: 0,
    };
    let expr = parser.or()?;
    match parser.peek() {
        None => Ok(expr),
        // The lexer only lets a `)` through inside a group.
        Some(lexeme) => Err(SearchError::query(
            format!("unexpected {}", lexeme.tok.describe()),
            lexeme.pos,
        )),
    }
}

struct Parser {
    lexemes: Vec<Lexeme>,
    next: usize,
    /// Character length of the query, the position of errors at its end.
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.next)
    }

    fn bump(&mut self) -> Option<Lexeme> {
        let lexeme = self.lexemes.get(self.next).cloned();
        self.next += 1;
        lexeme
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |l| l.pos)
    }

    /// `and ("OR" and)*`
    fn or(&mut self) -> Result<Expr> {
        let mut items = vec![self.and()?];
        while let Some(Lexeme { tok: Tok::Or, .. }) = self.peek() {
            self.bump();
            items.push(self.and()?);
        }
        Ok(one_or(items, Expr::Or))
    }

    /// `unary ("AND"? unary)*`
    fn and(&mut self) -> Result<Expr> {
        let mut items = vec![self.unary()?];
        loop {
            match self.peek().map(|l| &l.tok) {
                None | Some(Tok::RParen | Tok::Or) => break,
                Some(Tok::And) => {
                    self.bump();
                }
                Some(_) => {}
            }
            items.push(self.unary()?);
        }
        Ok(one_or(items, Expr::And))
    }

    /// `("NOT" | "-") unary | primary`
    fn unary(&mut self) -> Result<Expr> {
        if let Some(Lexeme {
            tok: Tok::Not | Tok::Minus,
            pos,
        }) = self.peek()
        {
            let pos = *pos;
            self.bump();
            self.enter(pos)?;
            let inner = self.unary();
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner?)));
        }
        self.primary()
    }

    /// `"(" or ")" | term`
    fn primary(&mut self) -> Result<Expr> {
        let here = self.here();
        let Some(lexeme) = self.bump() else {
            return Err(SearchError::query("a term is missing at the end", here));
        };
        match lexeme.tok {
            Tok::LParen => {
                if let Some(Lexeme {
                    tok: Tok::RParen, ..
                }) = self.peek()
                {
                    return Err(SearchError::query("empty parentheses", lexeme.pos));
                }
                self.enter(lexeme.pos)?;
                let inner = self.or();
                self.depth -= 1;
                let inner = inner?;
                match self.bump() {
                    Some(Lexeme {
                        tok: Tok::RParen, ..
                    }) => Ok(inner),
                    _ => Err(SearchError::query("unclosed '('", lexeme.pos)),
                }
            }
            Tok::Word { text, quoted } => text_term(text, quoted, lexeme.pos),
            Tok::Field {
                name,
                value,
                value_pos,
                quoted,
            } => field_term(name, &value, value_pos, quoted, lexeme.pos),
            Tok::Or | Tok::And => Err(SearchError::query(
                format!("{} needs a term before it", lexeme.tok.describe()),
                lexeme.pos,
            )),
            Tok::RParen => Err(SearchError::query(
                "a term is missing before ')'",
                lexeme.pos,
            )),
            // `unary` consumes these before calling `primary`.
            Tok::Not | Tok::Minus => Err(SearchError::query(
                format!("unexpected {}", lexeme.tok.describe()),
                lexeme.pos,
            )),
        }
    }

    fn enter(&mut self, pos: usize) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(SearchError::query(
                format!("the query nests deeper than {MAX_DEPTH} levels"),
                pos,
            ));
        }
        self.depth += 1;
        Ok(())
    }
}

fn one_or(mut items: Vec<Expr>, many: fn(Vec<Expr>) -> Expr) -> Expr {
    if items.len() == 1 {
        if let Some(only) = items.pop() {
            return only;
        }
    }
    many(items)
}

fn term(clause: Clause, position: usize) -> Expr {
    Expr::Term(Term { clause, position })
}

/// Whether the text has a unit to search for once punctuation is dropped.
fn searchable(text: &str) -> bool {
    !crate::ngram::units(text).is_empty()
}

fn text_term(text: String, quoted: bool, pos: usize) -> Result<Expr> {
    if !searchable(&text) {
        let message = if quoted {
            "the phrase has nothing to search for (only spaces or punctuation)".to_owned()
        } else {
            format!("'{text}' has nothing to search for (only punctuation)")
        };
        return Err(SearchError::query(message, pos));
    }
    Ok(term(Clause::Text { text, quoted }, pos))
}

fn field_term(
    name: FieldName,
    value: &str,
    value_pos: usize,
    quoted: bool,
    pos: usize,
) -> Result<Expr> {
    // A quoted value starts after its quote.
    let value_pos = value_pos + usize::from(quoted);
    let substring = |make: fn(String) -> Clause, label: &str| {
        if searchable(value) {
            Ok(term(make(value.to_owned()), pos))
        } else {
            Err(SearchError::query(
                format!("'{label}:{value}' has nothing to search for"),
                value_pos,
            ))
        }
    };
    match name {
        FieldName::Title => substring(Clause::Title, "title"),
        FieldName::Number => substring(Clause::Number, "number"),
        FieldName::Issuer => substring(Clause::Issuer, "issuer"),
        FieldName::Unit => substring(Clause::Unit, "unit"),
        FieldName::Type => {
            let value = value.trim();
            if value.is_empty() {
                return Err(SearchError::query("'type:' needs a value", value_pos));
            }
            Ok(term(Clause::Type(value.to_owned()), pos))
        }
        FieldName::Status => match Status::parse(value) {
            Some(status) => Ok(term(Clause::Status(status), pos)),
            None => Err(SearchError::query(
                format!(
                    "unknown status '{value}'; use {} or {}",
                    Status::ALL.map(Status::code).join(", "),
                    Status::ALL.map(Status::label).join("、"),
                ),
                value_pos,
            )),
        },
        FieldName::Year => {
            let (from, to) = range(value, value_pos, year_bound)?;
            Ok(term(Clause::Year { from, to }, pos))
        }
        FieldName::Date => {
            let (from, to) = range(value, value_pos, date_bound)?;
            Ok(term(Clause::Date { from, to }, pos))
        }
        FieldName::Effective => {
            let (from, to) = range(value, value_pos, date_bound)?;
            Ok(term(Clause::Effective { from, to }, pos))
        }
    }
}

/// Every term of `expr` that must hold for a document to match, that is not
/// under a `NOT`, with the clauses that search text. Used to highlight and
/// to rank.
pub(crate) fn positive_terms(expr: &Expr) -> Vec<&Term> {
    let mut out = Vec::new();
    collect_positive(expr, &mut out);
    out
}

fn collect_positive<'a>(expr: &'a Expr, out: &mut Vec<&'a Term>) {
    match expr {
        Expr::Term(term) => out.push(term),
        Expr::And(items) | Expr::Or(items) => {
            for item in items {
                collect_positive(item, out);
            }
        }
        Expr::Not(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn text(text: &str, position: usize) -> Expr {
        term(
            Clause::Text {
                text: text.to_owned(),
                quoted: false,
            },
            position,
        )
    }

    fn clause(query: &str) -> Clause {
        match parse(query).expect(query) {
            Expr::Term(term) => term.clause,
            other => panic!("{query} gave {other:?}"),
        }
    }

    /// (message, position) of the error `query` gives.
    fn error(query: &str) -> (String, usize) {
        match parse(query) {
            Err(SearchError::Query { message, position }) => (message, position),
            other => panic!("{query} gave {other:?}"),
        }
    }

    #[test]
    fn whitespace_separated_terms_all_must_match() {
        // Positions count characters: 社会保险 is 4, then a full-width space.
        assert_eq!(
            parse("社会保险\u{3000}费率 GMP").expect("parses"),
            Expr::And(vec![text("社会保险", 0), text("费率", 5), text("GMP", 8)])
        );
        assert_eq!(
            parse("a AND b").expect("parses"),
            Expr::And(vec![text("a", 0), text("b", 6)])
        );
    }

    #[test]
    fn a_quoted_phrase_keeps_its_spaces_and_punctuation() {
        assert_eq!(
            clause("\"社会保险 费率，\""),
            Clause::Text {
                text: "社会保险 费率，".to_owned(),
                quoted: true
            }
        );
    }

    #[test]
    fn or_binds_looser_than_and() {
        assert_eq!(
            parse("a b OR c").expect("parses"),
            Expr::Or(vec![
                Expr::And(vec![text("a", 0), text("b", 2)]),
                text("c", 7)
            ])
        );
        // `or` in lower case is a word.
        assert_eq!(
            parse("a or").expect("parses"),
            Expr::And(vec![text("a", 0), text("or", 2)])
        );
    }

    #[test]
    fn not_and_minus_exclude() {
        let expected = Expr::And(vec![text("a", 0), Expr::Not(Box::new(text("b", 6)))]);
        assert_eq!(parse("a NOT b").expect("parses"), expected);
        assert_eq!(
            parse("a -b").expect("parses"),
            Expr::And(vec![text("a", 0), Expr::Not(Box::new(text("b", 3)))])
        );
        // A hyphen inside a word is part of it.
        assert_eq!(
            clause("2019-06"),
            Clause::Text {
                text: "2019-06".to_owned(),
                quoted: false
            }
        );
    }

    #[test]
    fn parentheses_group() {
        assert_eq!(
            parse("(a OR b) c").expect("parses"),
            Expr::And(vec![
                Expr::Or(vec![text("a", 1), text("b", 6)]),
                text("c", 9)
            ])
        );
    }

    #[test]
    fn brackets_inside_a_document_number_are_not_a_group() {
        assert_eq!(
            clause("number:青政办字(2019)31号"),
            Clause::Number("青政办字(2019)31号".to_owned())
        );
        assert_eq!(
            parse("(number:青政办字(2019)31号)").expect("parses"),
            term(Clause::Number("青政办字(2019)31号".to_owned()), 1)
        );
        assert_eq!(
            clause("number:青政办字（2019）31号"),
            Clause::Number("青政办字（2019）31号".to_owned())
        );
    }

    #[test]
    fn field_filters() {
        assert_eq!(clause("title:通知"), Clause::Title("通知".to_owned()));
        assert_eq!(clause("Title：通知"), Clause::Title("通知".to_owned()));
        assert_eq!(
            clause("title:\"保险 费率\""),
            Clause::Title("保险 费率".to_owned())
        );
        assert_eq!(clause("issuer:财政局"), Clause::Issuer("财政局".to_owned()));
        assert_eq!(clause("unit:市财政局"), Clause::Unit("市财政局".to_owned()));
        assert_eq!(clause("type:通知"), Clause::Type("通知".to_owned()));
        assert_eq!(clause("status:repealed"), Clause::Status(Status::Repealed));
        assert_eq!(clause("status:已废止"), Clause::Status(Status::Repealed));
        assert_eq!(
            clause("year:2019"),
            Clause::Year {
                from: Some(2019),
                to: Some(2019)
            }
        );
        assert_eq!(
            clause("year:２０１８..2019"),
            Clause::Year {
                from: Some(2018),
                to: Some(2019)
            }
        );
        assert_eq!(
            clause("year:..2019"),
            Clause::Year {
                from: None,
                to: Some(2019)
            }
        );
    }

    #[test]
    fn the_kind_in_english_and_chinese() {
        assert_eq!(clause("文种:解读"), clause("type:解读"));
        assert!(matches!(clause("文种:解读"), Clause::Type(kind) if kind == "解读"));
    }

    #[test]
    fn effective_dates_in_english_and_chinese() {
        let whole = Clause::Effective {
            from: Some(day(2019, 1, 1)),
            to: Some(day(2020, 12, 31)),
        };
        assert_eq!(clause("effective:2019..2020"), whole);
        assert_eq!(clause("施行日期:2019..2020"), whole);
        assert_eq!(clause("施行日期：2019..2020"), whole);
        // A colon after other Chinese words is text, not a field.
        assert!(matches!(clause("通知：2019"), Clause::Text { .. }));
        let Err(error) = parse("施行日期:2019-13") else {
            panic!("a bad month is an error");
        };
        assert!(error.to_string().contains("2019-13"), "{error}");
    }

    #[test]
    fn date_ranges_with_open_sides_months_and_years() {
        assert_eq!(
            clause("date:2019-06-01..2019-06-30"),
            Clause::Date {
                from: Some(day(2019, 6, 1)),
                to: Some(day(2019, 6, 30))
            }
        );
        assert_eq!(
            clause("date:2019-06-01.."),
            Clause::Date {
                from: Some(day(2019, 6, 1)),
                to: None
            }
        );
        assert_eq!(
            clause("date:..2019-06-30"),
            Clause::Date {
                from: None,
                to: Some(day(2019, 6, 30))
            }
        );
        assert_eq!(
            clause("date:2019-02"),
            Clause::Date {
                from: Some(day(2019, 2, 1)),
                to: Some(day(2019, 2, 28))
            }
        );
        assert_eq!(
            clause("date:2019..2019-12"),
            Clause::Date {
                from: Some(day(2019, 1, 1)),
                to: Some(day(2019, 12, 31))
            }
        );
        assert_eq!(
            clause("date:2019年6月15日"),
            Clause::Date {
                from: Some(day(2019, 6, 15)),
                to: Some(day(2019, 6, 15))
            }
        );
    }

    #[test]
    fn malformed_queries_say_what_and_where() {
        assert_eq!(error(""), ("the query is empty".to_owned(), 0));
        assert_eq!(error("   ").1, 0);
        assert_eq!(error("title:"), ("'title:' needs a value".to_owned(), 6));
        assert_eq!(error("a title: b").1, 8);
        assert_eq!(error("\"unclosed"), ("unclosed quote".to_owned(), 0));
        assert_eq!(error("费率 \"社会"), ("unclosed quote".to_owned(), 3));
        // The error points at the bound, which starts after `date:`.
        let (message, position) = error("date:2019-13-01..");
        assert!(message.contains("2019-13-01"), "{message}");
        assert_eq!(position, 5);
        assert_eq!(error("date:2019-06-01..2019-06-31").1, 17);
        assert_eq!(
            error("date:2019-07-01..2019-06-01").0,
            "the range '2019-07-01..2019-06-01' is empty"
        );
        assert_eq!(error("date:..").0, "a range needs at least one bound");
        let (message, position) = error("status:gone");
        assert!(message.starts_with("unknown status 'gone'"), "{message}");
        assert_eq!(position, 7);
        assert_eq!(error("year:19").1, 5);
        assert!(error("foo:bar").0.starts_with("unknown field 'foo'"));
        assert_eq!(error("(a OR b"), ("unclosed '('".to_owned(), 0));
        assert_eq!(error("a)"), ("unmatched ')'".to_owned(), 1));
        assert_eq!(error("()").0, "empty parentheses");
        assert_eq!(
            error("a OR"),
            ("a term is missing at the end".to_owned(), 4)
        );
        assert_eq!(error("OR a"), ("'OR' needs a term before it".to_owned(), 0));
        assert_eq!(error("a NOT").1, 5);
        assert_eq!(
            error("a - b"),
            ("'-' must be followed by a term".to_owned(), 2)
        );
        assert_eq!(error("，。").1, 0);
        assert_eq!(error("title:，").1, 6);
        assert_eq!(error("type:\"  \"").1, 6);
        assert!(error("title:(a b)").0.contains("one value"));
    }

    #[test]
    fn depth_and_length_are_bounded() {
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert!(error(&deep).0.contains("nests deeper"));
        let negations = format!("{}a", "-".repeat(100));
        assert!(error(&negations).0.contains("nests deeper"));
        let long = "社".repeat(MAX_QUERY_CHARS + 1);
        assert!(error(&long).0.contains("too long"));
    }

    #[test]
    fn positive_terms_skip_negated_ones() {
        let expr = parse("a (b OR NOT c) -d").expect("parses");
        let texts: Vec<usize> = positive_terms(&expr).iter().map(|t| t.position).collect();
        assert_eq!(texts, [0, 3]);
    }
}
