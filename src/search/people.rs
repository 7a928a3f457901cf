//! People matching a query word, and the search of the people pane.

use super::query::{Query, Scope};
use super::rank::{Keyed, sort_key};
use super::results::PersonHit;
use super::scan::{CHUNK, Matcher, has_bit};
use super::skim;
use super::word::{Word, words_of};
use std::cmp::Reverse;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use rayon::prelude::*;

use crate::store::{ArticleId, PersonId};

use super::catalog::Catalog;

/// The people matching one query word, in the form cheapest for the scan.
pub(in crate::search) enum PersonMatches {
    /// Articles in which a matching person appears, with that person's best score, sorted by
    /// article id and walked with a cursor: few matching people reach few articles.
    Articles(Vec<(u32, i32)>),
    /// Each article's best score (`i32::MIN` for no match), indexed by article id: when the
    /// matching people appear in many articles, scattering their appearances into one slot
    /// per article beats sorting them. (Looking up each person's score through every
    /// article's people instead was slower even when they appear in most articles: the
    /// lookups miss the cache where the scattered writes do not wait.)
    PerArticle(Vec<AtomicI32>),
    /// A word of one letter or digit: read from [`PeopleLetters`].
    Letters,
}

/// How the people matching a word are held for the scan (apart from one-letter words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::search) enum PersonForm {
    /// [`PersonMatches::Articles`].
    Articles,
    /// [`PersonMatches::PerArticle`].
    PerArticle,
}

impl PersonForm {
    /// The cheapest form for people appearing `appearances` times in `articles` articles.
    ///
    /// In the person scope, sorted appearances are answered without a scan of the articles
    /// ([`person_scope_hits`]), which pays for sorting far more of them.
    pub(in crate::search) fn by_density(
        appearances: usize,
        articles: usize,
        scope: Scope,
    ) -> PersonForm {
        let dense = match scope {
            Scope::Person => articles / 8,
            Scope::All | Scope::Headline => articles / 64,
        };
        if appearances > dense {
            PersonForm::PerArticle
        } else {
            PersonForm::Articles
        }
    }
}

/// The people matching `word`: scored once each over the interned names (not once per
/// article), reaching their articles through their appearances. `form` overrides the form
/// chosen by density (tests hold every form to the same answers).
pub(in crate::search) fn person_matches(
    catalog: &Catalog,
    word: &Word,
    scope: Scope,
    form: Option<PersonForm>,
) -> PersonMatches {
    if word.ascii && word.chars.len() == 1 {
        return PersonMatches::Letters;
    }
    let (store, index) = (catalog.store(), catalog.index());
    let n = index.people.len();
    let people: Vec<(PersonId, i32)> = if word.finder.is_some() {
        // One character: found in one pass over the names of each chunk.
        (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .flat_map_iter(|k| {
                let range = (k * CHUNK) as u32..n.min((k + 1) * CHUNK) as u32;
                let mut found = Vec::new();
                index
                    .people
                    .text
                    .single_scores(range, word, false, &mut found);
                found.into_iter().map(|(p, s)| (PersonId(p), s))
            })
            .collect()
    } else {
        (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(skim::Scratch::default, |scratch, k| {
                let mut found = Vec::new();
                for i in k * CHUNK..n.min((k + 1) * CHUNK) {
                    if let Some(s) = index.people.score(i, word, scratch) {
                        found.push((PersonId(i as u32), s));
                    }
                }
                found
            })
            .flatten_iter()
            .collect()
    };
    let appearances: usize = people.iter().map(|&(p, _)| store.person_count(p)).sum();
    match form.unwrap_or_else(|| PersonForm::by_density(appearances, store.len(), scope)) {
        PersonForm::PerArticle => {
            // Scattered from several threads: the writes land at random and each waits on
            // memory, so they overlap better spread out.
            let best = catalog.buffers.take(store.len());
            people.par_iter().with_min_len(256).for_each(|&(p, s)| {
                for a in store.articles_of_person(p) {
                    if let Some(slot) = best.get(a.article.0 as usize) {
                        slot.fetch_max(s, Ordering::Relaxed);
                    }
                }
            });
            return PersonMatches::PerArticle(best);
        }
        PersonForm::Articles => {}
    }
    let mut out: Vec<(u32, i32)> = Vec::with_capacity(appearances);
    for &(p, s) in &people {
        out.extend(store.articles_of_person(p).iter().map(|a| (a.article.0, s)));
    }
    // Best score first within an article, then keep one entry per article.
    out.par_sort_unstable_by_key(|&(a, s)| (a, Reverse(s)));
    out.dedup_by_key(|e| e.0);
    PersonMatches::Articles(out)
}

/// Person scope: the articles of the people matching every word, without a scan.
pub(in crate::search) fn person_scope_hits(
    m: &Matcher<'_>,
    only: Option<&[u64]>,
    cancel: &AtomicBool,
) -> Option<Vec<Keyed>> {
    let mut lists = m.people.iter().map(|p| match p {
        PersonMatches::Articles(list) => list.as_slice(),
        PersonMatches::PerArticle(_) | PersonMatches::Letters => &[],
    });
    let mut acc: Vec<(u32, i64)> = lists
        .next()
        .map(|l| l.iter().map(|&(a, s)| (a, i64::from(s))).collect())
        .unwrap_or_default();
    for list in lists {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut j = 0;
        acc.retain_mut(|(a, total)| {
            j += list
                .get(j..)
                .map_or(0, |rest| rest.partition_point(|&(b, _)| b < *a));
            match list.get(j) {
                Some(&(b, s)) if b == *a => {
                    *total += i64::from(s);
                    true
                }
                _ => false,
            }
        });
    }
    if let Some(bits) = only {
        acc.retain(|&(a, _)| has_bit(bits, a));
    }
    Some(
        acc.into_iter()
            .map(|(a, s)| (sort_key(s, m.store.date_key(ArticleId(a)).0), a))
            .collect(),
    )
}

/// People whose names match `input` (all words), best first then most frequent.
pub fn search_people(catalog: &Catalog, input: &str) -> Vec<PersonHit> {
    let query = Query::parse(input.trim_start_matches('@'), Scope::Person);
    let (store, index) = (catalog.store(), catalog.index());
    if query.is_empty() {
        return store
            .people()
            .iter()
            .map(|&id| PersonHit { id, score: 0 })
            .collect();
    }
    let words = words_of(&query);
    let mut hits: Vec<PersonHit> = store
        .people()
        .par_iter()
        .map_init(skim::Scratch::default, |scratch, &id| {
            let mut total = 0;
            for w in &words {
                total += i64::from(index.people.score(id.0 as usize, w, scratch)?);
            }
            Some(PersonHit { id, score: total })
        })
        .flatten()
        .collect();
    hits.sort_by_key(|h| (Reverse(h.score), Reverse(store.person_count(h.id)), h.id));
    hits
}
