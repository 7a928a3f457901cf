//! The article and people filters: editing them, starting the search the worker runs,
//! selecting the article asked for once the set is known, and which filter counts as applied.

use super::arrange::arrange;
use super::geometry::list_height;
use std::sync::Arc;

use crate::query::Atom;
use crate::search::SearchRequest;
use crate::store::ArticleId;
use crate::tui::app::{App, Focus, Screen, Selection};
use crate::tui::bodies::{self, BodyRequest};
use crate::tui::line::LineInput;
use crate::vocab::FilterScope;

/// Edits the input being typed (the article search, or the current screen's filter); `f`
/// says whether the text changed.
pub(super) fn edit(app: &mut App, f: impl FnOnce(&mut LineInput) -> bool) {
    if let Some(find) = app.find.as_mut().filter(|f| f.typing) {
        // The reader marks the new text when it syncs.
        f(&mut find.input);
        return;
    }
    match app.screen {
        Screen::Articles => {
            if f(&mut app.filter) {
                refilter(app);
            }
        }
        Screen::People => {
            if f(&mut app.people_filter) {
                refilter_people(app);
            }
        }
    }
}

/// Starts a new search for the current filter (or clears the results when it is empty).
pub(super) fn refilter(app: &mut App) {
    app.generation += 1;
    app.subset = app.scope.bookmarked_only().then(|| {
        let mut ids = app.marks.bookmarked();
        if let Some(p) = app.person {
            ids.retain(|&id| app.store.people_of_article(id).contains(&p));
        }
        ids.into()
    });
    ask_bodies(app);
    let query = app.query();
    if query.is_empty() {
        app.results = None;
        app.body_only = None;
        merge_bodies(app);
        app.searching = false;
        app.request = None;
        app.list = Selection::default();
        select_pending(app);
        return;
    }
    app.request = Some(SearchRequest {
        generation: app.generation,
        query,
        person: app.person,
        // The search narrows these when the query only grew (`search::narrowable`).
        previous: app.results.clone(),
        candidates: app.subset.clone(),
    });
    app.searching = true;
}

/// Reads the filter as a query language query: the hint when it cannot be parsed, the words
/// to look for in the text, and a body query for the body thread when the index is ready and
/// the scope is `all`.
pub(super) fn ask_bodies(app: &mut App) {
    let text = app.filter.text();
    app.filter_hint = crate::query::Query::parse(text)
        .err()
        .map(|e| format!("not a query: {e}"));
    let plan = bodies::plan(text);
    app.body_terms = bodies::body_terms(text);
    app.fuzzy_text = plan.fuzzy;
    app.residual = plan.residual.map(Arc::new);
    app.body = None;
    app.body_request = None;
    // Text is searched in the `all` scope only (an `@` before the words searches people).
    let text_scope = app.scope == FilterScope::All
        && app.query().scope == crate::search::Scope::All
        && app.person.is_none();
    let terms = match (&app.body_terms, &app.fulltext) {
        (Some(terms), Some(_)) if text_scope => terms.clone(),
        _ => Vec::new(),
    };
    app.body_expected = !terms.is_empty() || app.residual.is_some();
    if !app.body_expected {
        return;
    }
    let sets = match app.residual.as_deref() {
        Some(residual) if residual.clauses().any(|c| matches!(c.atom, Atom::Is(_))) => {
            let mut state = crate::state::SavedState::default();
            app.marks.write_to(&app.store, &mut state);
            (state.bookmarks, state.read)
        }
        _ => Default::default(),
    };
    app.body_request = Some(BodyRequest {
        generation: app.generation,
        terms,
        index: app.fulltext.clone(),
        store: Arc::clone(&app.store),
        residual: app.residual.clone(),
        sets: Arc::new(sets),
    });
}

/// Lists the body hits of the current generation after the search results, once both are in,
/// and narrows the set to what the residual conditions allow (nothing until they answer).
pub(super) fn merge_bodies(app: &mut App) {
    let answered = app
        .body
        .as_ref()
        .filter(|b| !app.searching && b.generation == app.generation);
    app.body_only = match (&app.results, answered) {
        (Some(results), Some(body)) => match &body.hits {
            Ok(hits) => Some(bodies::body_only(results, hits).into()),
            Err(_) => None,
        },
        _ => None,
    };
    app.body_only_sorted = app.body_only.as_ref().map(|b| {
        let mut ids = b.to_vec();
        ids.sort_unstable();
        ids.into()
    });
    app.narrowed = None;
    if app.residual.is_none() {
        return;
    }
    let allowed = answered.and_then(|b| b.allowed.clone());
    let mut ids: Vec<ArticleId> = match allowed {
        Some(Ok(allowed)) => (0..app.base_len())
            .filter_map(|i| app.base_get(i))
            .filter(|id| allowed.binary_search(id).is_ok())
            .collect(),
        Some(Err(_)) | None => Vec::new(),
    };
    if app.results.is_none() {
        // Conditions only: nothing ranks the articles, so the newest come first.
        bodies::newest_first(&app.store, &mut ids);
    }
    app.narrowed = Some(ids.into());
}

/// Selects the article a restore or a bookmark change asked for, if it is in the set.
pub(super) fn select_pending(app: &mut App) {
    arrange(app);
    if let Some(id) = app.pending_select.take()
        && let Some(i) = (0..app.set_len()).find(|&i| app.set_get(i) == Some(id))
    {
        app.list.selected = i;
        // Show the restored row in the middle of the list rather than at its edge.
        app.list.offset = i.saturating_sub(list_height(app) / 2);
    }
}

/// Recomputes the people list for the people filter.
pub(super) fn refilter_people(app: &mut App) {
    app.people = app
        .store
        .search_people(app.people_filter.text())
        .into_iter()
        .map(|h| h.id)
        .collect();
    app.people_list = Selection::default();
}

/// Records the filter as it stands as the one the user applied (the one saved at exit).
pub(super) fn applied(app: &mut App) {
    if app.screen == Screen::Articles {
        app.applied = Some(app.current_filter());
    }
}

/// Restricts the article list to the selected person and returns to it.
pub(super) fn choose_person(app: &mut App) {
    if let Some(p) = app.selected_person() {
        app.person = Some(p);
        app.filter.clear();
        app.results = None;
        refilter(app);
        app.screen = Screen::Articles;
        app.focus = Focus::List;
        app.list = Selection::default();
        applied(app);
    }
    app.editing = false;
}

/// Changes how the list is arranged with `f`, keeping the selected article selected.
pub(super) fn rearrange(app: &mut App, f: impl FnOnce(&mut App)) {
    app.pending_select = app.selected_article();
    f(app);
    arrange(app);
    app.list = Selection::default();
    select_pending(app);
}
