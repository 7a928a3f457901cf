//! The ranked results of a search and the people matched by a name search.

use super::query::Query;
use super::rank::Ranking;

use crate::store::{ArticleId, PersonId};

/// One matching article and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The article.
    pub id: ArticleId,
    /// Sum of the best score of each word; higher is better.
    pub score: i64,
}

/// The outcome of one search: the query and its hits, best first (then newer first).
///
/// Only the best [`RANKED_AT_ONCE`] hits are ranked when the search ends; the others are
/// ranked the first time a hit past them is read.
#[derive(Clone, Debug, Default)]
pub struct Results {
    /// The query these hits answer.
    pub query: Query,
    /// Matching articles.
    pub(in crate::search) ranking: Ranking,
}

impl Results {
    /// Number of hits.
    pub fn len(&self) -> usize {
        self.ranking.len()
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.ranking.is_empty()
    }

    /// The hit ranked `i`-th, from 0.
    pub fn get(&self, i: usize) -> Option<Hit> {
        self.ranking.get(i)
    }

    /// Every hit, ranked.
    pub fn hits(&self) -> &[Hit] {
        self.ranking.all()
    }

    /// The ids of every hit in no particular order: the candidates of a narrower query.
    pub fn ids(&self) -> impl Iterator<Item = ArticleId> + '_ {
        self.ranking.ids()
    }
}

/// A person matching a people query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonHit {
    /// The person.
    pub id: PersonId,
    /// Match score; higher is better.
    pub score: i64,
}
