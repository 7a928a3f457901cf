//! Queries as typed: the scope, the words, and whether a query only narrows another.

/// Which fields a query is matched against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Headline, kicker, subtitle, column, region and the people of the article.
    #[default]
    All,
    /// The headline only (or the first clause of an untitled item).
    Headline,
    /// The people named in or credited by the article.
    Person,
}

impl Scope {
    /// The next scope in the `Tab` cycle.
    pub fn next(self) -> Scope {
        match self {
            Scope::All => Scope::Headline,
            Scope::Headline => Scope::Person,
            Scope::Person => Scope::All,
        }
    }

    /// Short label shown in the filter pane.
    pub fn label(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Headline => "headline",
            Scope::Person => "person",
        }
    }
}

/// A parsed query: scope and the normalised words that must all match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The text as typed, used to decide whether a later query narrows this one.
    pub raw: String,
    /// The effective scope (`@` forces [`Scope::Person`]).
    pub scope: Scope,
    /// Lowercased words, `ü` written `v`; every word must match.
    pub words: Vec<String>,
}

impl Query {
    /// Parses `input` under `scope`; a leading `@` restricts the query to people.
    pub fn parse(input: &str, scope: Scope) -> Query {
        let trimmed = input.trim_start();
        let (scope, rest) = match trimmed.strip_prefix('@') {
            Some(rest) => (Scope::Person, rest),
            None => (scope, trimmed),
        };
        let words = rest.split_whitespace().map(normalize_word).collect();
        Query {
            raw: input.to_owned(),
            scope,
            words,
        }
    }

    /// True when there is nothing to match (every article passes).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Lowercases a word and writes ü as `v`, the spelling of the pinyin keys.
pub(in crate::search) fn normalize_word(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ü' { 'v' } else { c })
        .collect()
}

/// True when every match of `new` is also a match of `old`, so `old`'s hits can be narrowed.
pub fn narrows(old: &Query, new: &Query) -> bool {
    old.scope == new.scope && new.raw.trim_start().starts_with(old.raw.trim_start())
}
