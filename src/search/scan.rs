//! The article scan: candidates, the per-chunk matcher, search and narrowing.

use super::index::SearchIndex;
use super::keys::TEXT_HAS_ASCII;
use super::people::{PersonForm, PersonMatches, person_matches, person_scope_hits};
use super::query::{Query, Scope};
use super::rank::{Keyed, Ranking, sort_key};
use super::results::{Hit, Results};
use super::skim;
use super::word::{Word, words_of};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::iter::Either;
use rayon::prelude::*;

use crate::store::{ArticleId, Store};

use super::catalog::Catalog;

/// Articles scored per chunk between two checks of the cancel flag.
pub(in crate::search) const CHUNK: usize = 16_384;

/// Candidates are sparse when fewer than one in this many articles of a scan's range: their
/// headlines are then read one by one rather than in passes over the whole range.
pub(in crate::search) const SPARSE: usize = 4;

/// A pass over a range's headlines for the words typed as one run ([`KeyTable::run_scores`])
/// costs a few nanoseconds per headline and spares a hundred or more for each candidate that
/// holds its word so: it is made unless fewer than one in this many articles are candidates.
pub(in crate::search) const RUN_PASS_SPARSE: usize = 16;

/// Entries holding a one-character word, with its best score in each, by ascending id.
pub(in crate::search) type Singles = Vec<(u32, i32)>;

/// What a scan of articles needs to know about the query.
pub(in crate::search) struct Matcher<'a> {
    pub(in crate::search) store: &'a Store,
    pub(in crate::search) index: &'a SearchIndex,
    pub(in crate::search) scope: Scope,
    pub(in crate::search) words: Vec<Word>,
    /// Per word, [`person_matches`] (none in the headline scope).
    pub(in crate::search) people: Vec<PersonMatches>,
    /// True when scoring reads headline text for most candidates: some word is not ASCII
    /// (ASCII words are matched on the pinyin keys, and on the text only when it has ASCII).
    pub(in crate::search) reads_headlines: bool,
}

impl Matcher<'_> {
    /// The best score of a one-letter `word` among the people of article `id`.
    pub(in crate::search) fn people_letter_score(
        &self,
        id: u32,
        word: &Word,
        scratch: &mut skim::Scratch,
    ) -> Option<i32> {
        let masks = &self.index.people_letters;
        let i = id as usize;
        let keys = masks.keys.get(i).copied().unwrap_or(0);
        if keys & TEXT_HAS_ASCII != 0 {
            return self
                .store
                .people_of_article(ArticleId(id))
                .iter()
                .filter_map(|p| self.index.people.score(p.0 as usize, word, scratch))
                .max();
        }
        if keys & word.full_need != word.full_need {
            return None;
        }
        let starts = masks.firsts.get(i).is_some_and(|f| f & word.full_need != 0);
        Some(skim::single_in_key(starts))
    }

    /// Scores the articles `ids` (ascending, within `range`, `count` of them), pushing
    /// `(sort key, id)` of the hits to `out` in ascending id order.
    pub(in crate::search) fn scan(
        &self,
        range: Range<u32>,
        ids: impl Iterator<Item = u32> + Clone,
        count: usize,
        scratch: &mut skim::Scratch,
        out: &mut Vec<Keyed>,
    ) {
        // Sparse candidates whose headlines are read are first brought into cache together.
        let gather = self.reads_headlines && SPARSE * count < range.len();
        let run_pass = RUN_PASS_SPARSE * count >= range.len();
        // A cursor per word into its person matches, moved forward as ids grow.
        let mut cursors: Vec<usize> = self
            .people
            .iter()
            .map(|m| match m {
                PersonMatches::Articles(list) => list.partition_point(|&(a, _)| a < range.start),
                PersonMatches::PerArticle(_) | PersonMatches::Letters => 0,
            })
            .collect();
        // Headline scores of one-character words, found in one pass over the run's headlines
        // (unless the candidates are sparse: then only theirs are read).
        let mut singles: Vec<Option<[(Singles, usize); 2]>> = self
            .words
            .iter()
            .map(|w| {
                (self.scope != Scope::Person && w.finder.is_some() && !gather).then(|| {
                    let (mut heads, mut extras) = (Vec::new(), Vec::new());
                    let index = self.index;
                    index
                        .heads
                        .text
                        .single_scores(range.clone(), w, false, &mut heads);
                    if self.scope == Scope::All {
                        index.extras.single_scores(range.clone(), w, &mut extras);
                    }
                    [(heads, 0), (extras, 0)]
                })
            })
            .collect();
        // Headlines holding a word of several Chinese characters as typed, found in one pass
        // over the run's headlines: most of a dense run's hits hold it so, and these need no
        // scoring. The others are scored one by one.
        let mut runs: Vec<Option<(Singles, usize)>> = self
            .words
            .iter()
            .map(|w| {
                (self.scope != Scope::Person && w.plain_run.is_some() && run_pass).then(|| {
                    let mut found = Vec::new();
                    self.index
                        .heads
                        .run_scores(range.clone(), w, scratch, &mut found);
                    (found, 0)
                })
            })
            .collect();
        if gather {
            // Sparse candidates: their headlines lie far apart, and scoring one at a time would
            // wait for each from memory in turn. A first pass of independent loads brings them
            // all in at once.
            let mut touched = 0u8;
            for id in ids.clone() {
                touched ^= self.index.heads.text.touch(id as usize);
            }
            std::hint::black_box(touched);
        }
        'articles: for id in ids {
            let i = id as usize;
            let mut total: i64 = 0;
            let words = self.words.iter().zip(&self.people).zip(&mut cursors);
            let found = singles.iter_mut().zip(&mut runs);
            for (((word, matches), cursor), (single, run)) in words.zip(found) {
                let mut best = None;
                if let Some(lists) = single {
                    for (found, at) in lists {
                        while found.get(*at).is_some_and(|&(a, _)| a < id) {
                            *at += 1;
                        }
                        let here = found.get(*at).filter(|&&(a, _)| a == id);
                        best = best.max(here.map(|&(_, s)| s));
                    }
                } else {
                    if let Some((found, at)) = run {
                        while found.get(*at).is_some_and(|&(a, _)| a < id) {
                            *at += 1;
                        }
                        best = match found.get(*at) {
                            Some(&(a, s)) if a == id => Some(s),
                            _ => self.index.heads.score(i, word, scratch),
                        };
                    } else if self.scope != Scope::Person {
                        best = self.index.heads.score(i, word, scratch);
                    }
                    if self.scope == Scope::All {
                        best = best.max(self.index.extras.score(i, word, scratch));
                    }
                }
                match matches {
                    PersonMatches::Articles(list) => {
                        while list.get(*cursor).is_some_and(|&(a, _)| a < id) {
                            *cursor += 1;
                        }
                        if let Some(&(a, s)) = list.get(*cursor)
                            && a == id
                        {
                            best = best.max(Some(s));
                        }
                    }
                    PersonMatches::PerArticle(scores) => {
                        let s = scores
                            .get(i)
                            .map_or(i32::MIN, |s| s.load(Ordering::Relaxed));
                        if s != i32::MIN {
                            best = best.max(Some(s));
                        }
                    }
                    PersonMatches::Letters => {
                        best = best.max(self.people_letter_score(id, word, scratch));
                    }
                }
                match best {
                    Some(s) => total += i64::from(s),
                    None => continue 'articles,
                }
            }
            out.push((sort_key(total, self.store.date_key(ArticleId(id)).0), id));
        }
    }
}

/// The ids in `range` whose bit is set in `bits`, ascending.
pub(in crate::search) fn set_bits(
    bits: &[u64],
    range: Range<u32>,
) -> impl Iterator<Item = u32> + Clone + '_ {
    let words = range.start as usize / 64..(range.end as usize).div_ceil(64);
    bits.get(words.clone())
        .unwrap_or(&[])
        .iter()
        .zip(words)
        .flat_map(|(&word, w)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros();
                    rest &= rest - 1;
                    (w * 64) as u32 + bit
                })
            })
        })
        .filter(move |id| range.contains(id))
}

/// The articles a search may return.
pub(in crate::search) enum Candidates<'a> {
    /// Every article.
    All,
    /// The articles whose bit is set.
    Bits(Vec<u64>),
    /// The hits of a previous search, as its runs in ascending id order.
    Runs(&'a [Vec<Keyed>]),
}

impl Candidates<'_> {
    /// The candidates in `range`, ascending, and how many there are.
    pub(in crate::search) fn within(
        &self,
        range: Range<u32>,
    ) -> (usize, impl Iterator<Item = u32> + Clone + '_) {
        match self {
            Candidates::All => (range.len(), Either::Left(range)),
            Candidates::Bits(bits) => {
                let ids = set_bits(bits, range);
                (ids.clone().count(), Either::Right(Either::Left(ids)))
            }
            Candidates::Runs(runs) => {
                let parts: Vec<&[Keyed]> = runs
                    .iter()
                    .map(|run| {
                        let from = run.partition_point(|&(_, id)| id < range.start);
                        let to = run.partition_point(|&(_, id)| id < range.end);
                        run.get(from..to).unwrap_or(&[])
                    })
                    .filter(|part| !part.is_empty())
                    .collect();
                let count = parts.iter().map(|part| part.len()).sum();
                let ids = parts.into_iter().flatten().map(|&(_, id)| id);
                (count, Either::Right(Either::Right(ids)))
            }
        }
    }

    /// The candidates as a bitset over `n` articles, None for every article.
    pub(in crate::search) fn bits(&self, n: usize) -> Option<Cow<'_, [u64]>> {
        match self {
            Candidates::All => None,
            Candidates::Bits(bits) => Some(Cow::Borrowed(bits)),
            Candidates::Runs(runs) => {
                let ids = runs.iter().flatten().map(|&(_, id)| ArticleId(id));
                Some(Cow::Owned(bitset(ids, n)))
            }
        }
    }
}

/// A bitset of `ids` over `n` articles.
pub(in crate::search) fn bitset(ids: impl IntoIterator<Item = ArticleId>, n: usize) -> Vec<u64> {
    let mut bits = vec![0u64; n.div_ceil(64)];
    for id in ids {
        if let Some(w) = bits.get_mut(id.0 as usize / 64) {
            *w |= 1 << (id.0 % 64);
        }
    }
    bits
}

/// True when `id`'s bit is set.
pub(in crate::search) fn has_bit(bits: &[u64], id: u32) -> bool {
    bits.get(id as usize / 64)
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
}

/// Ranks `query` over `candidates` (all articles when None); None when cancelled midway.
///
/// When the query only grew ([`narrows`]), [`narrow`] reads the previous hits faster.
pub fn search(
    catalog: &Catalog,
    query: &Query,
    candidates: Option<&[ArticleId]>,
    cancel: &AtomicBool,
) -> Option<Results> {
    if query.is_empty() {
        let hits = match candidates {
            Some(ids) => ids.iter().map(|&id| Hit { id, score: 0 }).collect(),
            None => (0..catalog.len() as u32)
                .map(|i| Hit {
                    id: ArticleId(i),
                    score: 0,
                })
                .collect(),
        };
        return Some(Results {
            query: query.clone(),
            ranking: Ranking::ranked(hits),
        });
    }
    let candidates = match candidates {
        Some(ids) => Candidates::Bits(bitset(ids.iter().copied(), catalog.len())),
        None => Candidates::All,
    };
    search_among(catalog, query, candidates, None, cancel)
}

/// Ranks `query` over the hits of `previous`, the results of a query it [`narrows`]; None
/// when cancelled midway.
///
/// A large previous result is read as its ranking keeps it, in runs of ascending ids, without
/// collecting its ids first.
pub fn narrow(
    catalog: &Catalog,
    query: &Query,
    previous: &Results,
    cancel: &AtomicBool,
) -> Option<Results> {
    let candidates = match previous.ranking.id_runs() {
        Some(runs) if !query.is_empty() => Candidates::Runs(runs),
        _ => {
            let ids: Vec<ArticleId> = previous.ids().collect();
            return search(catalog, query, Some(&ids), cancel);
        }
    };
    search_among(catalog, query, candidates, None, cancel)
}

/// Ranks a non-empty `query` over `candidates`; None when cancelled midway. `form` holds
/// the people matching every word in one form (None: each word's cheapest).
pub(in crate::search) fn search_among(
    catalog: &Catalog,
    query: &Query,
    candidates: Candidates<'_>,
    form: Option<PersonForm>,
    cancel: &AtomicBool,
) -> Option<Results> {
    let (store, index) = (catalog.store(), catalog.index());
    let words = words_of(query);
    let people: Vec<PersonMatches> = if query.scope == Scope::Headline {
        words
            .iter()
            .map(|_| PersonMatches::Articles(Vec::new()))
            .collect()
    } else {
        words
            .iter()
            .map(|w| person_matches(catalog, w, query.scope, form))
            .collect()
    };
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let m = Matcher {
        store,
        index,
        scope: query.scope,
        reads_headlines: query.scope != Scope::Person && words.iter().any(|w| !w.ascii),
        words,
        people,
    };
    let sparse = m
        .people
        .iter()
        .all(|p| matches!(p, PersonMatches::Articles(_)));
    let runs = if query.scope == Scope::Person && sparse {
        let bits = candidates.bits(store.len());
        vec![person_scope_hits(&m, bits.as_deref(), cancel)?]
    } else {
        // Scans go in ascending id order, reading memory front to back and walking the person
        // matches with a cursor.
        let n = store.len();
        let runs: Option<Vec<Vec<Keyed>>> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(skim::Scratch::default, |scratch, k| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let range = (k * CHUNK) as u32..n.min((k + 1) * CHUNK) as u32;
                let (most, ids) = candidates.within(range.clone());
                let mut out = Vec::with_capacity(most);
                m.scan(range, ids, most, scratch, &mut out);
                Some(out)
            })
            .collect();
        runs?
    };
    catalog.buffers.keep(m.people);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(Results {
        query: query.clone(),
        ranking: Ranking::from_runs(runs),
    })
}
