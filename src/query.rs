//! The query language of search: its syntax tree, parser, printer and evaluator.
//!
//! ```text
//! 黄河 生态            both words (anywhere: headline, people, region, body)
//! "黄河 流域"          an exact phrase (spaces kept)
//! !会议                not this word
//! 孟州 | 温县          either (binds tighter than the space: a b | c = a and (b or c))
//! '生态  ^孟州  保护$  headline holds / starts with / ends with
//! @李建超  @           names this person (part of a name, or pinyin) / names anyone
//! date:2023-03         that month; date:2022-12-01..2023-01-31, date:2023.., date:..2022-06
//! region:孟州          region holds it (pinyin accepted: region:mengzhou)
//! kind:photo           news, photo, brief or commentary
//! is:bookmarked        the bookmarked articles; is:unread the unread ones
//! ```
//!
//! [`Query::parse`] gives the tree or a [`ParseError`] saying where and what was expected;
//! printing a query ([`std::fmt::Display`]) gives text that parses back to the same tree.

use std::fmt;

use crate::model::Kind;

mod eval;
mod parse;

pub use eval::{BodyMatches, Sets, pinyin_keys};
pub use parse::ParseError;

/// A parsed query: every group must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The groups, all required; an empty query matches everything.
    pub groups: Vec<Group>,
}

/// Alternatives separated by `|`: one of them must match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// At least one clause.
    pub alternatives: Vec<Clause>,
}

/// A condition, possibly negated with `!`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// True for `!atom`: the atom must not match.
    pub negated: bool,
    /// The condition.
    pub atom: Atom,
}

/// One condition on an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A word: in the headline fields, a person's name, the region, or the text.
    Word(String),
    /// `"…"`: an exact phrase, anywhere a word is looked for.
    Phrase(String),
    /// `'word`: the headline holds it.
    Exact(String),
    /// `^word`: the headline starts with it.
    Prefix(String),
    /// `word$`: the headline ends with it.
    Suffix(String),
    /// `@name`: a person of the article matches the name; `@` alone: the article names anyone.
    Person(Option<String>),
    /// `date:…`: the article's date is in the range.
    Date(DateFilter),
    /// `region:…`: the article's region holds it (or its pinyin does).
    Region(String),
    /// `kind:…`: the article is of this kind.
    Kind(Kind),
    /// `is:…`: the article is in this set.
    Is(Set),
}

/// A set of articles kept by the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Set {
    /// `is:bookmarked`.
    Bookmarked,
    /// `is:unread`.
    Unread,
}

/// A date of a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year (four digits).
    pub year: u16,
    /// The month 1–12, when given.
    pub month: Option<u8>,
    /// The day 1–31, when given (only with a month).
    pub day: Option<u8>,
}

/// The dates a `date:` field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFilter {
    /// `date:2023-03`: that year, month or day.
    On(PartialDate),
    /// `date:A..B`, `date:A..`, `date:..B`: from the start of A to the end of B.
    Range {
        /// The first date (its start), or open.
        from: Option<PartialDate>,
        /// The last date (its end), or open.
        to: Option<PartialDate>,
    },
}

impl PartialDate {
    /// The first day it covers as `YYYY-MM-DD`.
    fn first_day(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// The last day it covers as `YYYY-MM-DD` (day 31 for a month: dates compare as text).
    fn last_day(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(12),
            self.day.unwrap_or(31)
        )
    }
}

impl DateFilter {
    /// True when `date` (`YYYY-MM-DD`; a date without its year never matches) is in range.
    pub fn contains(&self, date: &str) -> bool {
        if date.len() != 10 || !date.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let (from, to) = match *self {
            DateFilter::On(d) => (Some(d), Some(d)),
            DateFilter::Range { from, to } => (from, to),
        };
        from.is_none_or(|f| date >= f.first_day().as_str())
            && to.is_none_or(|t| date <= t.last_day().as_str())
    }
}

impl Query {
    /// Parses `text`.
    pub fn parse(text: &str) -> Result<Query, ParseError> {
        parse::parse(text)
    }

    /// True when the query has no condition (it matches every article).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every clause of the query.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.groups.iter().flat_map(|g| g.alternatives.iter())
    }

    /// The texts looked for in article text (words and phrases), in order, once each.
    pub fn text_terms(&self) -> Vec<&str> {
        let mut terms: Vec<&str> = Vec::new();
        for clause in self.clauses() {
            if let Atom::Word(t) | Atom::Phrase(t) = &clause.atom
                && !terms.contains(&t.as_str())
            {
                terms.push(t);
            }
        }
        terms
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for DateFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateFilter::On(d) => write!(f, "{d}"),
            DateFilter::Range { from, to } => {
                if let Some(d) = from {
                    write!(f, "{d}")?;
                }
                f.write_str("..")?;
                if let Some(d) = to {
                    write!(f, "{d}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Atom::Word(w) => f.write_str(w),
            Atom::Phrase(p) => {
                f.write_str("\"")?;
                for c in p.chars() {
                    if c == '"' || c == '\\' {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("\"")
            }
            Atom::Exact(w) => write!(f, "'{w}"),
            Atom::Prefix(w) => write!(f, "^{w}"),
            Atom::Suffix(w) => write!(f, "{w}$"),
            Atom::Person(None) => f.write_str("@"),
            Atom::Person(Some(name)) => write!(f, "@{name}"),
            Atom::Date(d) => write!(f, "date:{d}"),
            Atom::Region(r) => write!(f, "region:{r}"),
            Atom::Kind(k) => write!(f, "kind:{}", k.as_str()),
            Atom::Is(Set::Bookmarked) => f.write_str("is:bookmarked"),
            Atom::Is(Set::Unread) => f.write_str("is:unread"),
        }
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("!")?;
        }
        write!(f, "{}", self.atom)
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, group) in self.groups.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            for (j, clause) in group.alternatives.iter().enumerate() {
                if j > 0 {
                    f.write_str(" | ")?;
                }
                write!(f, "{clause}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
