//! The evaluator: whether an article matches a query, given what the full-text index found.

use std::collections::{BTreeSet, HashMap};

use pinyin::ToPinyin;

use super::{Atom, Clause, Query, Set};
use crate::fulltext::kwic::{Pattern, contains};
use crate::fulltext::{self, BodyQuery, FullText, TextOf, indexed_text, normalize};
use crate::model::Article;
use crate::store::ArticleId;

/// The reader's sets an `is:` field refers to, as article keys ([`Article::key`]).
#[derive(Clone, Copy, Debug)]
pub struct Sets<'a> {
    /// Bookmarked articles.
    pub bookmarks: &'a BTreeSet<String>,
    /// Articles read.
    pub read: &'a BTreeSet<String>,
}

/// The articles whose text holds each word and phrase of a query, from the full-text index.
///
/// Words of fewer than two characters, or all words when there is no index, are absent:
/// the evaluator then scans the article's text.
#[derive(Clone, Debug, Default)]
pub struct BodyMatches {
    /// Per normalised term, the articles holding it, in article order.
    terms: HashMap<String, Vec<ArticleId>>,
    /// Sum over the terms of each article's relevance score.
    scores: HashMap<ArticleId, f32>,
    /// Per term as written, the term prepared for looking it up in the other fields.
    patterns: HashMap<String, Pattern>,
}

impl BodyMatches {
    /// Asks `index` for every word and phrase of `query`; `text_of` gives an article's
    /// indexed text to check the index's candidates ([`FullText::search`]).
    pub fn from_index(
        index: &FullText,
        query: &Query,
        text_of: TextOf<'_>,
    ) -> Result<BodyMatches, fulltext::Error> {
        let mut matches = BodyMatches::default();
        for term in query.text_terms() {
            matches.patterns.insert(term.to_owned(), Pattern::new(term));
            let Some(body) = BodyQuery::new(term) else {
                continue;
            };
            let hits = index.search(&body, text_of)?;
            let mut ids: Vec<ArticleId> = hits.iter().map(|h| h.id).collect();
            ids.sort_unstable();
            for hit in &hits {
                *matches.scores.entry(hit.id).or_default() += hit.score;
            }
            matches.terms.insert(body.text(), ids);
        }
        Ok(matches)
    }

    /// Whether article `id`'s text holds `term`, when the index was asked.
    fn holds(&self, term: &str, id: ArticleId) -> Option<bool> {
        // A term as typed is most often already normalised: then it costs no allocation.
        self.terms
            .get(term)
            .or_else(|| self.terms.get(&normalize(term)))
            .map(|ids| ids.binary_search(&id).is_ok())
    }

    /// True when `field` holds `term`, with the term prepared once when the index was asked.
    fn field_holds(&self, field: &str, term: &str) -> bool {
        match self.patterns.get(term) {
            Some(pattern) => pattern.is_in(field),
            None => contains(field, term),
        }
    }

    /// The article's relevance for the query's words (0 when its text holds none).
    pub fn score(&self, id: ArticleId) -> f32 {
        self.scores.get(&id).copied().unwrap_or(0.0)
    }
}

/// The toneless full pinyin of `text` (Chinese characters; other letters and digits kept,
/// lowercase) and the initials of its syllables, for matching ASCII words.
pub fn pinyin_keys(text: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for c in text.chars() {
        if let Some(p) = c.to_pinyin() {
            let plain = p.plain().replace('ü', "v");
            full.push_str(&plain);
            initials.extend(plain.chars().next());
        } else if c.is_ascii_alphanumeric() {
            let lower = c.to_ascii_lowercase();
            full.push(lower);
            initials.push(lower);
        }
    }
    (full, initials)
}

/// True when `text` holds `word`, or for an ASCII word when its pinyin or initials do.
fn holds_or_pinyin(text: &str, word: &str) -> bool {
    if contains(text, word) {
        return true;
    }
    if !word.is_ascii() || !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let word = word.to_ascii_lowercase();
    let (full, initials) = pinyin_keys(text);
    full.contains(&word) || initials.contains(&word)
}

/// The headline: the title, or the first paragraph of an untitled article (as written).
fn headline(article: &Article) -> &str {
    match article.title() {
        Some(title) => title,
        None => article.paragraphs().next().unwrap_or_default(),
    }
}

impl Query {
    /// True when article `id` matches: every group has a clause that holds.
    pub fn matches(
        &self,
        id: ArticleId,
        article: &Article,
        body: &BodyMatches,
        sets: &Sets<'_>,
    ) -> bool {
        self.groups.iter().all(|group| {
            group
                .alternatives
                .iter()
                .any(|clause| clause_holds(clause, id, article, body, sets))
        })
    }

    /// True when a word, phrase or headline clause of the query (not negated) matches the
    /// article's headline: such articles rank before those matched only by their text.
    pub fn matches_headline(&self, article: &Article) -> bool {
        let head = headline(article);
        self.clauses()
            .filter(|c| !c.negated)
            .any(|c| match &c.atom {
                Atom::Word(w) | Atom::Phrase(w) | Atom::Exact(w) => contains(head, w),
                Atom::Prefix(w) => normalize(head).starts_with(&normalize(w)),
                Atom::Suffix(w) => normalize(head).ends_with(&normalize(w)),
                _ => false,
            })
    }
}

/// Whether one clause holds for the article.
fn clause_holds(
    clause: &Clause,
    id: ArticleId,
    article: &Article,
    body: &BodyMatches,
    sets: &Sets<'_>,
) -> bool {
    let holds = match &clause.atom {
        Atom::Word(w) | Atom::Phrase(w) => text_holds(w, id, article, body),
        Atom::Exact(w) => contains(headline(article), w),
        Atom::Prefix(w) => normalize(headline(article)).starts_with(&normalize(w)),
        Atom::Suffix(w) => normalize(headline(article)).ends_with(&normalize(w)),
        Atom::Person(None) => article.persons().next().is_some(),
        Atom::Person(Some(name)) => article.person_names().any(|p| holds_or_pinyin(p, name)),
        Atom::Date(filter) => article.date().is_some_and(|d| filter.contains(d)),
        Atom::Region(r) => article
            .region()
            .is_some_and(|region| holds_or_pinyin(region, r)),
        Atom::Kind(kind) => article.kind == *kind,
        Atom::Is(Set::Bookmarked) => sets.bookmarks.contains(&article.key()),
        Atom::Is(Set::Unread) => !sets.read.contains(&article.key()),
    };
    holds != clause.negated
}

/// Whether a word or phrase is in the article: its text (headline fields and body, from the
/// index when it was asked), its column, region or people.
fn text_holds(word: &str, id: ArticleId, article: &Article, body: &BodyMatches) -> bool {
    let in_text = match body.holds(word, id) {
        Some(found) => found,
        None => contains(&indexed_text(article), word),
    };
    in_text
        || [article.column(), article.region()]
            .into_iter()
            .flatten()
            .any(|field| body.field_holds(field, word))
        || article.person_names().any(|p| body.field_holds(p, word))
}
