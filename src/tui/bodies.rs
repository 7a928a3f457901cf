//! Searching the article text from the reader's filter, beside the fuzzy search.
//!
//! The fuzzy search ([`crate::search`]) sits below the full-text index in the layers, so the
//! two are combined here, in the reader: a filter change leaves a fuzzy request for the search
//! worker and, once the index is ready, a [`BodyRequest`] for the body thread ([`BodyWorker`]).
//! Each answers on its own, so typing never waits for the body query; update merges the
//! answers ([`body_only`]): the fuzzy hits (headline, people, region) keep their ranking and
//! come first, the articles found only in their text follow, by relevance, then newer first.
//!
//! Only plain words and phrases of two or more characters are asked of the index
//! ([`body_terms`]); every one of them must be in the text.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::fulltext::{self, BodyHit, BodyQuery, FullText, indexed_text};
use crate::query::{Atom, Query};
use crate::search::{Catalog, Results};
use crate::store::ArticleId;

/// A body query the reader wants answered in the background.
#[derive(Clone, Debug)]
pub struct BodyRequest {
    /// The filter generation it answers.
    pub generation: u64,
    /// The words and phrases every article's text must hold.
    pub terms: Vec<String>,
    /// The index to ask, once it is ready.
    pub index: Option<Arc<FullText>>,
    /// The articles, to check candidates and to rank by date.
    pub store: Arc<Catalog>,
    /// The rest of the query, to find the articles it allows.
    pub residual: Option<Arc<Query>>,
    /// The bookmarked and read articles' keys, for `is:`.
    pub sets: Arc<(
        std::collections::BTreeSet<String>,
        std::collections::BTreeSet<String>,
    )>,
}

impl BodyRequest {
    /// Answers the request here.
    pub fn answer(&self) -> BodyAnswer {
        let never = || false;
        match self.answer_unless(&never, &|| {}) {
            Some(answer) => answer,
            None => BodyAnswer {
                generation: self.generation,
                hits: Ok(Arc::from(Vec::new())),
                allowed: None,
            },
        }
    }

    /// Answers the request unless `stale` says, between stages, that it is no longer wanted
    /// (a newer request came): None then. `evaluated` is called after each stage done (each
    /// word looked up, the conditions applied).
    ///
    /// A stage is also cut short: a candidate is checked against its text only while the
    /// request is wanted, so a stage's result is used only when `stale` still says no after
    /// it (a request once stale stays so).
    pub fn answer_unless(&self, stale: Stale<'_>, evaluated: &dyn Fn()) -> Option<BodyAnswer> {
        let hits = match (&self.index, self.terms.is_empty()) {
            (Some(index), false) => {
                match body_hits_unless(index, &self.store, &self.terms, stale, evaluated) {
                    Ok(hits) => Ok(Arc::from(hits?)),
                    Err(e) => Err(e.to_string()),
                }
            }
            _ => Ok(Arc::from(Vec::new())),
        };
        let allowed = match self.residual.as_deref() {
            Some(residual) => {
                if stale() {
                    return None;
                }
                let sets = crate::query::Sets {
                    bookmarks: &self.sets.0,
                    read: &self.sets.1,
                };
                let allowed =
                    allowed_unless(&self.store, self.index.as_deref(), residual, &sets, stale);
                if stale() {
                    return None;
                }
                evaluated();
                Some(allowed.map(Arc::from).map_err(|e| e.to_string()))
            }
            None => None,
        };
        Some(BodyAnswer {
            generation: self.generation,
            hits,
            allowed,
        })
    }
}

/// Says whether a body query is no longer wanted; once it says so, it always does.
pub type Stale<'a> = &'a (dyn Fn() -> bool + Sync);

/// The words and phrases of `filter` to look for in the text: the plain words and phrases
/// that must match (not negated, not one of several alternatives). None when there is none,
/// when one has fewer than two characters (the index holds character pairs; such a word
/// matches too much text to be useful), or when the filter does not parse.
pub fn body_terms(filter: &str) -> Option<Vec<String>> {
    let query = Query::parse(filter).ok()?;
    let mut terms = Vec::new();
    for group in &query.groups {
        let [clause] = group.alternatives.as_slice() else {
            continue;
        };
        if clause.negated {
            continue;
        }
        if let Atom::Word(t) | Atom::Phrase(t) = &clause.atom {
            if t.chars().count() < 2 {
                return None;
            }
            if !terms.contains(t) {
                terms.push(t.clone());
            }
        }
    }
    (!terms.is_empty()).then_some(terms)
}

/// How a filter is searched: the words for the fuzzy search, and the rest of the query,
/// applied as a filter over what the fuzzy search and the text find.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The text for the fuzzy search ([`crate::search::Query::parse`]).
    pub fuzzy: String,
    /// The conditions the fuzzy search cannot take (`"phrase"`, `!word`, `a | b`, `date:`,
    /// `region:`, `kind:`, `@name` after a word, `is:`, `'exact`, `^prefix`, `suffix$`); None
    /// when there are none, or when the filter does not parse.
    pub residual: Option<Query>,
}

/// Splits `filter` into what the fuzzy search answers and what is checked afterwards. A filter
/// of plain words (after an optional leading `@name`, today's person search) goes to the
/// fuzzy search as typed (a bare `@`, names anyone, is a condition); otherwise its plain words do, and the other groups make the
/// residual query.
pub fn plan(filter: &str) -> Plan {
    let as_typed = Plan {
        fuzzy: filter.to_owned(),
        residual: None,
    };
    let Ok(query) = Query::parse(filter) else {
        return as_typed;
    };
    let plain = |g: &crate::query::Group| matches!(g.alternatives.as_slice(), [c] if !c.negated && matches!(c.atom, Atom::Word(_)));
    // `@name` first is the person search; a bare `@` (names anyone) is a condition.
    let person_first = filter.trim_start().starts_with('@')
        && query.groups.first().is_some_and(
            |g| matches!(g.alternatives.as_slice(), [c] if matches!(c.atom, Atom::Person(Some(_)))),
        );
    let rest = if person_first {
        query.groups.get(1..).unwrap_or_default()
    } else {
        &query.groups
    };
    if rest.iter().all(plain) {
        return as_typed;
    }
    let mut words = Vec::new();
    let mut residual = Query::default();
    for group in query.groups {
        match group.alternatives.as_slice() {
            [c] if plain(&group) => {
                if let Atom::Word(w) = &c.atom {
                    words.push(w.clone());
                }
            }
            _ => residual.groups.push(group),
        }
    }
    Plan {
        fuzzy: words.join(" "),
        residual: Some(residual),
    }
}

/// The articles of `store` that match `residual`, in article order; the text of words and
/// phrases is looked up in `index` when there is one, scanned otherwise.
pub fn allowed(
    store: &Catalog,
    index: Option<&FullText>,
    residual: &Query,
    sets: &crate::query::Sets<'_>,
) -> Result<Vec<ArticleId>, fulltext::Error> {
    allowed_unless(store, index, residual, sets, &|| false)
}

/// [`allowed`], cut short once `stale` says so (the result is then not to be used).
fn allowed_unless(
    store: &Catalog,
    index: Option<&FullText>,
    residual: &Query,
    sets: &crate::query::Sets<'_>,
    stale: Stale<'_>,
) -> Result<Vec<ArticleId>, fulltext::Error> {
    use rayon::prelude::*;
    let text_of = |id: ArticleId| {
        if stale() {
            return None;
        }
        store.get(id).map(indexed_text)
    };
    let body = match index {
        Some(index) => crate::query::BodyMatches::from_index(index, residual, &text_of)?,
        None => crate::query::BodyMatches::default(),
    };
    if stale() {
        return Ok(Vec::new());
    }
    Ok(store
        .articles()
        .par_iter()
        .enumerate()
        .filter_map(|(n, article)| {
            let id = ArticleId(u32::try_from(n).ok()?);
            residual.matches(id, article, &body, sets).then_some(id)
        })
        .collect())
}

/// The articles whose text holds every term, most relevant first (the sum of the terms'
/// scores), then newer first, then in article order.
pub fn body_hits(
    index: &FullText,
    store: &Catalog,
    terms: &[String],
) -> Result<Vec<BodyHit>, fulltext::Error> {
    let hits = body_hits_unless(index, store, terms, &|| false, &|| {})?;
    Ok(hits.unwrap_or_default())
}

/// [`body_hits`], or None when `stale` says so between terms (checked before each term and
/// after the last; a term's candidates are checked against their text only while it says
/// no). `evaluated` is called after each term looked up.
fn body_hits_unless(
    index: &FullText,
    store: &Catalog,
    terms: &[String],
    stale: Stale<'_>,
    evaluated: &dyn Fn(),
) -> Result<Option<Vec<BodyHit>>, fulltext::Error> {
    let text_of = |id: ArticleId| {
        if stale() {
            return None;
        }
        store.get(id).map(indexed_text)
    };
    let mut found: Option<HashMap<ArticleId, f32>> = None;
    for term in terms {
        if stale() {
            return Ok(None);
        }
        let Some(query) = BodyQuery::new(term) else {
            continue;
        };
        let hits = index.search(&query, &text_of)?;
        evaluated();
        found = Some(match found {
            None => hits.iter().map(|h| (h.id, h.score)).collect(),
            Some(so_far) => hits
                .iter()
                .filter_map(|h| so_far.get(&h.id).map(|s| (h.id, s + h.score)))
                .collect(),
        });
    }
    if stale() {
        return Ok(None);
    }
    let mut hits: Vec<BodyHit> = found
        .unwrap_or_default()
        .into_iter()
        .map(|(id, score)| BodyHit { id, score })
        .collect();
    let year = store.single_year();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| {
                let date = |id| store.comparable_date(id, year).0;
                date(b.id).cmp(&date(a.id))
            })
            .then(a.id.cmp(&b.id))
    });
    Ok(Some(hits))
}

/// Orders `ids` newest first, undated articles last, keeping their order among equal dates:
/// how the articles a filter of conditions only allows are listed (nothing else ranks them),
/// as body hits of equal relevance are.
pub fn newest_first(store: &Catalog, ids: &mut [ArticleId]) {
    let year = store.single_year();
    ids.sort_by_key(|&id| std::cmp::Reverse(store.comparable_date(id, year)));
}

/// The body hits that the fuzzy `results` do not hold, in the body ranking: the rows listed
/// after the fuzzy ones.
pub fn body_only(results: &Results, body: &[BodyHit]) -> Vec<ArticleId> {
    let fuzzy: HashSet<ArticleId> = results.ids().collect();
    body.iter()
        .map(|h| h.id)
        .filter(|id| !fuzzy.contains(id))
        .collect()
}

/// A finished body query: its generation and the hits (or why there are none).
#[derive(Clone, Debug)]
pub struct BodyAnswer {
    /// The request's generation.
    pub generation: u64,
    /// The articles whose text holds the terms, ranked; or the index's error.
    pub hits: Result<Arc<[BodyHit]>, String>,
    /// The articles the residual query allows, in article order, when there is one.
    pub allowed: Option<Result<Arc<[ArticleId]>, String>>,
}

/// Handle to the body query thread: newest request wins. Older queued ones are skipped, and
/// one already running when a newer one comes stops at its next stage, unanswered: a fast
/// typist never waits for the queries of earlier keystrokes.
pub struct BodyWorker {
    jobs: Sender<(u64, BodyRequest)>,
    answers: Receiver<BodyAnswer>,
    /// Number of the newest request submitted; a running one of another number is stale.
    newest: Arc<AtomicU64>,
}

impl BodyWorker {
    /// Starts the thread.
    pub fn spawn() -> std::io::Result<BodyWorker> {
        BodyWorker::spawn_observed(|_| {})
    }

    /// Starts the thread, calling `evaluated(generation)` after each stage of a request done
    /// (see [`BodyRequest::answer_unless`]).
    pub fn spawn_observed(evaluated: impl Fn(u64) + Send + 'static) -> std::io::Result<BodyWorker> {
        let (jobs, queue) = mpsc::channel::<(u64, BodyRequest)>();
        let (reply, answers) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let watched = Arc::clone(&newest);
        thread::Builder::new()
            .name("body-search".into())
            .spawn(move || {
                while let Ok(mut job) = queue.recv() {
                    while let Ok(newer) = queue.try_recv() {
                        job = newer;
                    }
                    let (number, request) = job;
                    let stale = || watched.load(Ordering::Acquire) != number;
                    let done = || evaluated(request.generation);
                    let Some(answer) = request.answer_unless(&stale, &done) else {
                        continue;
                    };
                    if reply.send(answer).is_err() {
                        break;
                    }
                }
            })?;
        Ok(BodyWorker {
            jobs,
            answers,
            newest,
        })
    }

    /// Hands `request` to the thread, making any request before it stale (a send fails only
    /// when the thread is gone: no body hits then).
    pub fn submit(&self, request: BodyRequest) {
        let number = self.newest.fetch_add(1, Ordering::AcqRel) + 1;
        let _ = self.jobs.send((number, request));
    }

    /// The next answer, if one is ready.
    pub fn poll(&self) -> Option<BodyAnswer> {
        self.answers.try_recv().ok()
    }
}

/// A keyword-in-context line for article `id`: the first term found in its text, with some
/// characters on each side, line breaks shown as spaces.
pub fn snippet(store: &Catalog, id: ArticleId, terms: &[String]) -> Option<String> {
    const CONTEXT: usize = 12;
    let text = indexed_text(store.get(id)?);
    let found = terms
        .iter()
        .find_map(|t| fulltext::kwic(&text, t, CONTEXT).into_iter().next())?;
    let line = format!("…{}[{}]{}…", found.before, found.hit, found.after);
    Some(line.replace('\n', " "))
}

#[cfg(test)]
mod tests;
