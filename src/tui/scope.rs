//! The filter scopes the user cycles with Tab: three search scopes plus the bookmarks.
//!
//! The search module only knows which fields to match ([`Scope`]); restricting the set to
//! bookmarked articles is the reader's business, so that scope lives here and maps to
//! [`Scope::All`] for the text part of the filter.

use serde::{Deserialize, Serialize};

use crate::search::Scope;

/// What the article filter matches, and over which articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterScope {
    /// Every field, every article.
    #[default]
    All,
    /// Headlines only.
    Headline,
    /// People only.
    Person,
    /// Every field, bookmarked articles only.
    Bookmarked,
}

impl FilterScope {
    /// Every scope, in Tab order.
    pub const ALL: [FilterScope; 4] = [
        FilterScope::All,
        FilterScope::Headline,
        FilterScope::Person,
        FilterScope::Bookmarked,
    ];

    /// The next scope in the Tab cycle.
    pub fn next(self) -> FilterScope {
        match self {
            FilterScope::All => FilterScope::Headline,
            FilterScope::Headline => FilterScope::Person,
            FilterScope::Person => FilterScope::Bookmarked,
            FilterScope::Bookmarked => FilterScope::All,
        }
    }

    /// Name shown in the filter pane and written in configuration and state files.
    pub fn label(self) -> &'static str {
        match self {
            FilterScope::All => "all",
            FilterScope::Headline => "headline",
            FilterScope::Person => "person",
            FilterScope::Bookmarked => "bookmarked",
        }
    }

    /// The fields the filter text is matched against.
    pub fn search_scope(self) -> Scope {
        match self {
            FilterScope::All | FilterScope::Bookmarked => Scope::All,
            FilterScope::Headline => Scope::Headline,
            FilterScope::Person => Scope::Person,
        }
    }

    /// True when only bookmarked articles are in the set.
    pub fn bookmarked_only(self) -> bool {
        self == FilterScope::Bookmarked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cycles_through_every_scope() {
        let mut s = FilterScope::All;
        for expected in FilterScope::ALL.iter().cycle().skip(1).take(4) {
            s = s.next();
            assert_eq!(s, *expected);
        }
        assert_eq!(s, FilterScope::All);
        assert_eq!(FilterScope::Bookmarked.search_scope(), Scope::All);
    }
}
