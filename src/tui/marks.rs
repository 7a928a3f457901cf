//! Bookmarks and read marks of the open corpus, by article id, convertible to saved keys.
//!
//! While the reader runs, marks are flags indexed by [`ArticleId`], so drawing a row and
//! toggling a mark cost nothing. They become `source#ordinal` keys only when loaded from and
//! written to the state file ([`crate::state`]). Keys of the saved state that match no article
//! of this corpus are carried along unchanged, so they are written back rather than lost.

use std::collections::BTreeSet;

use crate::state::SavedState;
use crate::store::{ArticleId, Store};

/// Bookmark and read flags of every article, plus saved keys not in this corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    bookmarked: Vec<bool>,
    read: Vec<bool>,
    carried_bookmarks: BTreeSet<String>,
    carried_read: BTreeSet<String>,
}

impl Marks {
    /// The marks of `state` applied to the articles of `store`.
    pub fn from_state(store: &Store, state: &SavedState) -> Marks {
        let mut marks = Marks {
            bookmarked: vec![false; store.len()],
            read: vec![false; store.len()],
            carried_bookmarks: state.bookmarks.clone(),
            carried_read: state.read.clone(),
        };
        if state.bookmarks.is_empty() && state.read.is_empty() {
            return marks;
        }
        for (i, a) in store.articles().iter().enumerate() {
            let key = a.key();
            if marks.carried_bookmarks.remove(&key) {
                marks.bookmarked[i] = true;
            }
            if marks.carried_read.remove(&key) {
                marks.read[i] = true;
            }
        }
        marks
    }

    /// Makes room for the marks of `len` articles (a store that grew while loading; the
    /// articles before keep their ids).
    pub fn fit(&mut self, len: usize) {
        self.bookmarked.resize(len, false);
        self.read.resize(len, false);
    }

    /// Adds the bookmarks and read marks of `other` (same store) to these.
    pub fn merge(&mut self, other: &Marks) {
        for (mine, theirs) in [
            (&mut self.bookmarked, &other.bookmarked),
            (&mut self.read, &other.read),
        ] {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m |= *t;
            }
        }
    }

    /// Writes the marks into `state` as keys (carried keys included).
    pub fn write_to(&self, store: &Store, state: &mut SavedState) {
        let keys = |flags: &[bool], carried: &BTreeSet<String>| {
            let mut out = carried.clone();
            out.extend(
                flags
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| **f)
                    .map(|(i, _)| store.article(ArticleId(i as u32)).key()),
            );
            out
        };
        state.bookmarks = keys(&self.bookmarked, &self.carried_bookmarks);
        state.read = keys(&self.read, &self.carried_read);
    }

    /// True when `id` is bookmarked.
    pub fn is_bookmarked(&self, id: ArticleId) -> bool {
        self.bookmarked.get(id.0 as usize).copied().unwrap_or(false)
    }

    /// True when `id` has been read.
    pub fn is_read(&self, id: ArticleId) -> bool {
        self.read.get(id.0 as usize).copied().unwrap_or(false)
    }

    /// Flips the bookmark of `id`; returns whether it is bookmarked now.
    pub fn toggle_bookmark(&mut self, id: ArticleId) -> bool {
        match self.bookmarked.get_mut(id.0 as usize) {
            Some(f) => {
                *f = !*f;
                *f
            }
            None => false,
        }
    }

    /// Marks `id` read; true when it was unread.
    pub fn mark_read(&mut self, id: ArticleId) -> bool {
        match self.read.get_mut(id.0 as usize) {
            Some(f) if !*f => {
                *f = true;
                true
            }
            _ => false,
        }
    }

    /// Marks `id` unread again.
    pub fn mark_unread(&mut self, id: ArticleId) {
        if let Some(f) = self.read.get_mut(id.0 as usize) {
            *f = false;
        }
    }

    /// Every bookmarked article, in corpus order.
    pub fn bookmarked(&self) -> Vec<ArticleId> {
        self.bookmarked
            .iter()
            .enumerate()
            .filter(|(_, f)| **f)
            .map(|(i, _)| ArticleId(i as u32))
            .collect()
    }

    /// Number of bookmarked articles.
    pub fn bookmark_count(&self) -> usize {
        self.bookmarked.iter().filter(|f| **f).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{Article, Kind};

    fn store() -> Store {
        Store::from_articles(
            (0..3)
                .map(|i| Article::new("p.txt", i, Kind::News))
                .collect(),
        )
    }

    #[test]
    fn keys_round_trip_and_unknown_keys_are_carried() {
        let store = store();
        let state = SavedState {
            bookmarks: ["p.txt#2".to_owned(), "gone.txt#0".to_owned()].into(),
            read: ["p.txt#0".to_owned()].into(),
            ..SavedState::default()
        };
        let mut marks = Marks::from_state(&store, &state);
        assert!(marks.is_bookmarked(ArticleId(2)) && !marks.is_bookmarked(ArticleId(0)));
        assert!(marks.is_read(ArticleId(0)) && !marks.is_read(ArticleId(1)));
        assert!(marks.toggle_bookmark(ArticleId(0)));
        assert!(marks.mark_read(ArticleId(1)));
        assert!(!marks.mark_read(ArticleId(1)));
        assert_eq!(marks.bookmarked(), vec![ArticleId(0), ArticleId(2)]);
        let mut out = SavedState::default();
        marks.write_to(&store, &mut out);
        let expect: BTreeSet<String> = ["gone.txt#0", "p.txt#0", "p.txt#2"]
            .map(String::from)
            .into();
        assert_eq!(out.bookmarks, expect);
        assert_eq!(out.read.len(), 2);
        assert!(!marks.toggle_bookmark(ArticleId(99)));
    }
}
