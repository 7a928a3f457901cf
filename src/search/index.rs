//! The search index: the keys of every article and person, built once per load.

use super::arena::{Arena, BUILD_CHUNK};
use super::headline::headline;
use super::keys::{bloom_of, letter_bit};
use super::scan::Singles;
use super::skim;
use super::table::KeyTable;
use super::word::{Word, score_text};
use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::store::{ArticleId, PersonId, Store};

/// Search keys of every article and person, computed once when the store is built.
///
/// Headlines (or the stand-in first clause of untitled items) and names are stored with
/// their pinyin keys in contiguous arenas, with per-entry masks next to them, so a search
/// never allocates per article.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Each article's headline and its keys, indexed by article id.
    pub(in crate::search) heads: KeyTable,
    /// Each article's other searchable fields (kicker, subtitle, column, region).
    pub(in crate::search) extras: Extras,
    /// Each person's name and its keys, indexed by person id.
    pub(in crate::search) people: KeyTable,
    /// What each article's people's keys hold, for one-letter words.
    pub(in crate::search) people_letters: PeopleLetters,
}

/// Per article, the letters and digits of its people's full pinyin and the first ones of
/// their initials, so that a word of one letter or digit (the first keystroke of a pinyin
/// abbreviation) is matched against an article's people without reading them.
///
/// Such a word scores the same against every key that starts with it, and the same against
/// every key that holds it elsewhere ([`skim::single_in_key`]); the best person is therefore
/// known from two masks. A person whose name itself has ASCII may also match on the name:
/// its article is flagged [`TEXT_HAS_ASCII`] and its people are scored one by one.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(in crate::search) struct PeopleLetters {
    /// The union of the people's letter masks (full-pinyin letters, digits, the ASCII flag).
    pub(in crate::search) keys: Vec<u64>,
    /// The full-pinyin bits of the first letter or digit of each person's initials.
    pub(in crate::search) firsts: Vec<u64>,
}

impl PeopleLetters {
    /// The masks of `n` articles, given each article's people.
    pub(in crate::search) fn build<'a>(
        people: &KeyTable,
        n: usize,
        people_of: impl Fn(ArticleId) -> &'a [PersonId] + Sync,
    ) -> PeopleLetters {
        let (keys, firsts) = (0..n)
            .into_par_iter()
            .with_min_len(BUILD_CHUNK)
            .map(|a| {
                let of_article = people_of(ArticleId(a as u32));
                of_article.iter().fold((0, 0), |(keys, firsts), p| {
                    let i = p.0 as usize;
                    let letters = people.letters.get(i).copied().unwrap_or(0);
                    let first = match people.first.get(i) {
                        Some(&b) if b != 0 => letter_bit(char::from(b), false),
                        _ => 0,
                    };
                    (keys | letters, firsts | first)
                })
            })
            .unzip();
        PeopleLetters { keys, firsts }
    }
}

/// The kicker, subtitle, column and region of every article, separated by NUL.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(in crate::search) struct Extras {
    /// Each article's fields.
    pub(in crate::search) fields: Arena,
    /// Bloom mask of each article's fields.
    pub(in crate::search) bloom: Vec<u64>,
}

impl Extras {
    /// Collects the fields of `articles`, in parallel chunks.
    pub(in crate::search) fn build(articles: &[Article]) -> Extras {
        let parts: Vec<Extras> = articles
            .par_chunks(BUILD_CHUNK)
            .map(|chunk| {
                let mut x = Extras {
                    fields: Arena::with_capacity(chunk.len(), 0),
                    bloom: Vec::with_capacity(chunk.len()),
                };
                for a in chunk {
                    let mut bloom = 0;
                    for (k, field) in extra_fields(a).enumerate() {
                        if k > 0 {
                            x.fields.push('\0');
                        }
                        for c in field.chars().filter(|&c| c != '\0') {
                            x.fields.push(c);
                        }
                        bloom |= bloom_of(field);
                    }
                    x.fields.finish();
                    x.bloom.push(bloom);
                }
                x
            })
            .collect();
        let mut x = Extras {
            fields: Arena::with_capacity(
                articles.len(),
                parts.iter().map(|p| p.fields.byte_len()).sum(),
            ),
            bloom: Vec::with_capacity(articles.len()),
        };
        for part in parts {
            x.fields.append(part.fields);
            x.bloom.extend(part.bloom);
        }
        x
    }

    /// [`Arena::single_scores`] over the fields of the articles of `range`.
    pub(in crate::search) fn single_scores(
        &self,
        range: Range<u32>,
        word: &Word,
        out: &mut Singles,
    ) {
        self.fields.single_scores(range, word, true, out);
    }

    /// Best score of `word` against article `i`'s fields.
    pub(in crate::search) fn score(
        &self,
        i: usize,
        word: &Word,
        scratch: &mut skim::Scratch,
    ) -> Option<i32> {
        if self
            .bloom
            .get(i)
            .is_none_or(|&b| b & word.bloom != word.bloom)
        {
            return None;
        }
        self.fields
            .get(i)
            .split('\0')
            .filter_map(|f| score_text(f, word, scratch))
            .max()
    }
}

/// The search keys of the articles alone, which do not depend on the interned people: built
/// while the store links people ([`SearchIndex::from_parts`] completes them).
#[derive(Debug, Default)]
pub struct ArticleKeys {
    pub(in crate::search) heads: KeyTable,
    pub(in crate::search) extras: Extras,
}

impl ArticleKeys {
    /// Computes the keys of every article's headline and other fields, in parallel.
    pub fn build(articles: &[Article]) -> ArticleKeys {
        let (heads, extras) = rayon::join(
            || KeyTable::build(articles.len(), |i| headline(&articles[i]).0),
            || Extras::build(articles),
        );
        ArticleKeys { heads, extras }
    }
}

impl SearchIndex {
    /// Completes the articles' keys with those of the people of `store`, the store linked
    /// from the same articles (it may not hold the articles yet: [`Store::link`]).
    pub fn from_parts(articles: ArticleKeys, store: &Store) -> SearchIndex {
        let table = KeyTable::build(store.people().len(), |i| {
            Cow::Borrowed(store.person_name(PersonId(i as u32)))
        });
        let n = articles.extras.bloom.len();
        SearchIndex {
            people_letters: PeopleLetters::build(&table, n, |a| store.people_of_article(a)),
            heads: articles.heads,
            extras: articles.extras,
            people: table,
        }
    }

    /// True when the index has the keys of exactly `articles` articles and `people` people:
    /// the check of an index read back from disk.
    pub fn fits(&self, articles: usize, people: usize) -> bool {
        self.heads.holds(articles)
            && self.people.holds(people)
            && self.extras.bloom.len() == articles
            && self.extras.fields.holds(articles)
            && self.people_letters.keys.len() == articles
            && self.people_letters.firsts.len() == articles
    }

    /// The headline of article `id` as shown and searched ([`headline`]), from the index.
    pub fn headline(&self, id: ArticleId) -> &str {
        self.heads.text.get(id.0 as usize)
    }
}

/// The article's kicker, subtitle, column and region: matched as text in [`Scope::All`].
pub(in crate::search) fn extra_fields(a: &Article) -> impl Iterator<Item = &str> {
    [a.kicker(), a.subtitle(), a.column(), a.region()]
        .into_iter()
        .flatten()
}
