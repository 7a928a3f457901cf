//! The parser: text to [`Query`], or where and what was expected.

use std::fmt;

use super::{Atom, Clause, DateFilter, Group, PartialDate, Query, Set};
use crate::model::Kind;

/// Every kind, in the order the help lists them.
const KINDS: [Kind; 4] = [Kind::News, Kind::Photo, Kind::Brief, Kind::Commentary];

/// Why a query could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Character offset (from 0) in the query where the problem is.
    pub at: usize,
    /// What was expected there.
    pub expected: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at character {}: expected {}",
            self.at + 1,
            self.expected
        )
    }
}

impl std::error::Error for ParseError {}

/// An error at `at`.
fn error(at: usize, expected: impl Into<String>) -> ParseError {
    ParseError {
        at,
        expected: expected.into(),
    }
}

/// A piece of the query between spaces.
enum Piece {
    /// `|` standing alone.
    Or(usize),
    /// A clause.
    Clause(Clause),
}

/// Parses a whole query.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if chars[i] == '|' && chars.get(i + 1).is_none_or(|c| c.is_whitespace()) {
            pieces.push(Piece::Or(start));
            i += 1;
            continue;
        }
        let (clause, end) = clause(&chars, i)?;
        pieces.push(Piece::Clause(clause));
        i = end;
    }
    group(pieces, chars.len())
}

/// Gathers clauses joined by `|` into groups.
fn group(pieces: Vec<Piece>, end: usize) -> Result<Query, ParseError> {
    let mut groups: Vec<Group> = Vec::new();
    let mut pending_or: Option<usize> = None;
    for piece in pieces {
        match piece {
            Piece::Or(at) => {
                if groups.is_empty() || pending_or.is_some() {
                    return Err(error(at, "a word or field before `|`"));
                }
                pending_or = Some(at);
            }
            Piece::Clause(clause) => match (pending_or.take(), groups.last_mut()) {
                (Some(_), Some(last)) => last.alternatives.push(clause),
                _ => groups.push(Group {
                    alternatives: vec![clause],
                }),
            },
        }
    }
    if pending_or.is_some() {
        return Err(error(end, "a word or field after `|`"));
    }
    Ok(Query { groups })
}

/// Parses one clause starting at `i`; returns it and the index after it.
fn clause(chars: &[char], mut i: usize) -> Result<(Clause, usize), ParseError> {
    let negated = chars.get(i) == Some(&'!');
    if negated {
        i += 1;
        if chars.get(i).is_none_or(|c| c.is_whitespace()) {
            return Err(error(i, "a word, phrase or field after `!`"));
        }
    }
    if chars.get(i) == Some(&'"') {
        let (phrase, end) = phrase(chars, i)?;
        return Ok((
            Clause {
                negated,
                atom: Atom::Phrase(phrase),
            },
            end,
        ));
    }
    let end = (i..chars.len())
        .find(|&j| chars[j].is_whitespace())
        .unwrap_or(chars.len());
    let word: String = chars[i..end].iter().collect();
    let atom = atom(&word, i)?;
    Ok((Clause { negated, atom }, end))
}

/// Parses `"…"` starting at the quote at `i` (`\"` and `\\` escape).
fn phrase(chars: &[char], i: usize) -> Result<(String, usize), ParseError> {
    let mut text = String::new();
    let mut j = i + 1;
    loop {
        match chars.get(j) {
            None => return Err(error(i, "a closing `\"` for the phrase opened here")),
            Some('\\') => match chars.get(j + 1) {
                Some(&c @ ('"' | '\\')) => {
                    text.push(c);
                    j += 2;
                }
                _ => {
                    return Err(error(
                        j,
                        "`\\\"` or `\\\\` (a backslash escapes only those in a phrase)",
                    ));
                }
            },
            Some('"') => break,
            Some(&c) => {
                text.push(c);
                j += 1;
            }
        }
    }
    if text.is_empty() {
        return Err(error(i, "some text between the quotes"));
    }
    let end = j + 1;
    if chars.get(end).is_some_and(|c| !c.is_whitespace()) {
        return Err(error(end, "a space after the closing `\"`"));
    }
    Ok((text, end))
}

/// Classifies a word without spaces that starts at `at`.
fn atom(word: &str, at: usize) -> Result<Atom, ParseError> {
    let rest = |prefix: char| word.strip_prefix(prefix).unwrap_or("").to_owned();
    let non_empty = |s: String, what: &str| {
        if s.is_empty() {
            Err(error(at + 1, format!("a word after `{what}`")))
        } else {
            Ok(s)
        }
    };
    if word.starts_with('\'') {
        return Ok(Atom::Exact(non_empty(rest('\''), "'")?));
    }
    if word.starts_with('^') {
        return Ok(Atom::Prefix(non_empty(rest('^'), "^")?));
    }
    if word.starts_with('@') {
        let name = rest('@');
        return Ok(Atom::Person((!name.is_empty()).then_some(name)));
    }
    if let Some((field, value)) = word.split_once(':') {
        let value_at = at + field.chars().count() + 1;
        match field {
            "date" => return date_filter(value, value_at).map(Atom::Date),
            "region" => {
                if value.is_empty() {
                    return Err(error(value_at, "a region after `region:` (region:孟州)"));
                }
                return Ok(Atom::Region(value.to_owned()));
            }
            "kind" => {
                return KINDS
                    .into_iter()
                    .find(|k| k.as_str() == value)
                    .map(Atom::Kind)
                    .ok_or_else(|| {
                        error(
                            value_at,
                            "a kind after `kind:`: news, photo, brief or commentary",
                        )
                    });
            }
            "is" => {
                return match value {
                    "bookmarked" => Ok(Atom::Is(Set::Bookmarked)),
                    "unread" => Ok(Atom::Is(Set::Unread)),
                    _ => Err(error(value_at, "`bookmarked` or `unread` after `is:`")),
                };
            }
            _ => {}
        }
    }
    if let Some(stem) = word.strip_suffix('$')
        && !stem.is_empty()
    {
        return Ok(Atom::Suffix(stem.to_owned()));
    }
    if word == "$" {
        return Err(error(at, "a word before `$`"));
    }
    Ok(Atom::Word(word.to_owned()))
}

/// Parses the value of `date:`.
fn date_filter(value: &str, at: usize) -> Result<DateFilter, ParseError> {
    const EXPECTED: &str = "a date like 2023, 2023-03, 2023-03-15 or a range 2022-12-01..2023-01-31 (either end may be left open)";
    match value.split_once("..") {
        None => partial_date(value, at).map(DateFilter::On),
        Some((from, to)) => {
            let to_at = at + from.chars().count() + 2;
            let from = (!from.is_empty())
                .then(|| partial_date(from, at))
                .transpose()?;
            let to = (!to.is_empty())
                .then(|| partial_date(to, to_at))
                .transpose()?;
            if from.is_none() && to.is_none() {
                return Err(error(at, EXPECTED));
            }
            if let (Some(f), Some(t)) = (from, to)
                && f.first_day() > t.last_day()
            {
                return Err(error(at, "a range whose start is not after its end"));
            }
            Ok(DateFilter::Range { from, to })
        }
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn partial_date(text: &str, at: usize) -> Result<PartialDate, ParseError> {
    let bad = || {
        error(
            at,
            "a date like 2023, 2023-03 or 2023-03-15 (four-digit year, month 01-12, day 01-31)",
        )
    };
    let mut parts = text.split('-');
    let number = |part: Option<&str>, digits: usize| -> Result<Option<u16>, ParseError> {
        match part {
            None => Ok(None),
            Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().map(Some).map_err(|_| bad())
            }
            Some(_) => Err(bad()),
        }
    };
    let year = number(parts.next(), 4)?.ok_or_else(bad)?;
    let month = number(parts.next(), 2)?;
    let day = number(parts.next(), 2)?;
    if parts.next().is_some()
        || month.is_some_and(|m| !(1..=12).contains(&m))
        || day.is_some_and(|d| !(1..=31).contains(&d))
    {
        return Err(bad());
    }
    Ok(PartialDate {
        year,
        month: month.and_then(|m| u8::try_from(m).ok()),
        day: day.and_then(|d| u8::try_from(d).ok()),
    })
}
