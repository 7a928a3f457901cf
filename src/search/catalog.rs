//! The catalog: a store with its search index beside it, and the searches over both.

use std::ops::Deref;
use std::sync::atomic::AtomicBool;

use crate::model::Article;
use crate::store::{ArticleId, Store};

use super::buffers::ScoreBuffers;
use super::highlight::positions;
use super::index::{ArticleKeys, SearchIndex};
use super::people::search_people;
use super::query::{Query, narrows};
use super::results::{PersonHit, Results};
use super::scan::{narrow, search};

/// The previous results when `query` can be answered by narrowing them: when it only grew
/// from theirs ([`narrows`]) and theirs was not empty. Every search decides so here.
pub fn narrowable<'a>(previous: Option<&'a Results>, query: &Query) -> Option<&'a Results> {
    previous.filter(|p| narrows(&p.query, query) && !p.query.is_empty())
}

/// A store and its search index: what the reader and the commands read and search.
///
/// The store knows nothing of searching; the catalog holds the index beside it, built from
/// the same articles, and reads as its store (`Deref`) so that lookups need no detour.
#[derive(Debug, Default)]
pub struct Catalog {
    store: Store,
    index: SearchIndex,
    /// Runtime scratch of the searches, never saved with the index.
    pub(in crate::search) buffers: ScoreBuffers,
}

impl Deref for Catalog {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Catalog {
    /// Builds the store and the search index of `articles` (their order gives the ids).
    ///
    /// The search keys of the articles are computed on the other threads while this one links
    /// articles, people, dates and sources; the people's keys follow once names are interned.
    pub fn build(articles: Vec<Article>) -> Catalog {
        let (store, keys) =
            rayon::join(|| Store::link(&articles), || ArticleKeys::build(&articles));
        let index = SearchIndex::from_parts(keys, &store);
        Catalog {
            store: store.attach(articles),
            index,
            buffers: ScoreBuffers::default(),
        }
    }

    /// Puts `articles` back into a store's indexes and a search index saved from the same
    /// articles, after checking that every offset and id in them fits; gives the articles back
    /// otherwise.
    pub fn with_indexes(
        store: Store,
        index: SearchIndex,
        articles: Vec<Article>,
    ) -> Result<Catalog, Vec<Article>> {
        let n = articles.len();
        let store = Store::with_indexes(store, articles)?;
        if index.fits(n, store.people().len()) {
            Ok(Catalog {
                store,
                index,
                buffers: ScoreBuffers::default(),
            })
        } else {
            Err(store.into_articles())
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The search index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Ranked articles matching `query`; None when `cancel` was set before the search
    /// finished.
    ///
    pub fn search(
        &self,
        query: &Query,
        previous: Option<&Results>,
        cancel: &AtomicBool,
    ) -> Option<Results> {
        match narrowable(previous, query) {
            Some(previous) => narrow(self, query, previous, cancel),
            None => search(self, query, None, cancel),
        }
    }

    /// Ranked articles among `candidates` matching `query` (None when cancelled).
    pub fn search_within(
        &self,
        query: &Query,
        candidates: &[ArticleId],
        cancel: &AtomicBool,
    ) -> Option<Results> {
        search(self, query, Some(candidates), cancel)
    }

    /// People whose names match `input`, best first; everyone when it is empty.
    pub fn search_people(&self, input: &str) -> Vec<PersonHit> {
        search_people(self, input)
    }

    /// Character indices of the article's headline matched by `query`, for highlighting.
    pub fn headline_positions(&self, id: ArticleId, query: &Query) -> Vec<usize> {
        positions(self.index.headline(id), query)
    }
}
