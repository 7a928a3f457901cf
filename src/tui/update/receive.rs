//! Applies what background work sends back: search answers, the load's progress, stores and
//! failures, and the saved state of the loaded corpus.
//!
//! The loader and the worker only produce these results; deciding what they change in the
//! reader (keeping the user's selection across a new store, not undoing what the user did
//! with a saved state that arrives late) is done here.

use std::sync::Arc;

use super::filter::{ask_bodies, merge_bodies, refilter, refilter_people, select_pending};
use super::sync;
use crate::corpus::Progress;
use crate::fulltext::disk::Outcome;
use crate::search::Catalog;
use crate::state::SavedState;
use crate::tui::app::{App, Selection};
use crate::tui::background::Background;
use crate::tui::line::LineInput;
use crate::tui::marks::Marks;

/// Applies `news` to `app`.
pub fn receive(app: &mut App, news: Background) {
    // A count applies to whatever happens next only (`5j`), a result included.
    app.count = None;
    match news {
        Background::SearchDone(generation, results) => {
            if generation == app.generation {
                app.results = Some(results);
                app.searching = false;
                merge_bodies(app);
                app.list = Selection::default();
                select_pending(app);
            }
        }
        Background::BodyDone(answer) => {
            if answer.generation == app.generation {
                let failed = answer
                    .hits
                    .as_ref()
                    .err()
                    .or(answer.allowed.as_ref().and_then(|a| a.as_ref().err()));
                if let Some(why) = failed {
                    app.notice = Some(format!("the text search failed: {why}"));
                }
                app.body = Some(answer);
                // The rows come after the search results: the selected article stays selected.
                app.pending_select = app.pending_select.or(app.selected_article());
                merge_bodies(app);
                select_pending(app);
            }
        }
        Background::Indexing(progress) => {
            app.indexing = true;
            app.index_progress = Some(progress);
        }
        Background::IndexReady(ready) => {
            app.indexing = false;
            app.index_progress = None;
            match ready {
                Ok((index, outcome)) => {
                    app.fulltext = Some(index);
                    // Said unless a notice is up that the user has not seen go yet (files
                    // that failed, say): that one matters more.
                    if app.notice.is_none() {
                        app.notice = outcome.as_ref().and_then(Outcome::notice);
                    }
                    // The filter typed meanwhile is looked for in the text now.
                    ask_bodies(app);
                }
                Err(why) => app.notice = Some(format!("no text search: {why}")),
            }
        }
        Background::LoadProgress(progress) => record_progress(app, progress),
        Background::StoreLoaded(store, last) => replace_store(app, store, last),
        Background::StateRestored(state, notice) => restore_state(app, &state, notice),
        Background::LoadFailures(failures) => {
            let n = failures.len();
            app.failures = failures;
            let files = if n == 1 { "file" } else { "files" };
            app.notice = Some(format!(
                "{n} {files} could not be read · {} lists them",
                app.config.keys.first_key("failures")
            ));
        }
    }
    sync(app);
}

/// Records how far the load has come (ignored once the final store is in).
fn record_progress(app: &mut App, progress: Progress) {
    if app.loading.is_some() {
        app.loading = Some(progress);
    }
}

/// Puts `store` in place of the current one, keeping what the user chose.
fn replace_store(app: &mut App, store: Arc<Catalog>, last: bool) {
    let person_name = app.person.map(|p| app.store.person_name(p).to_owned());
    let (list, before) = (app.list, app.person.is_some());
    app.store = store;
    app.marks.fit(app.store.len());
    app.person = person_name.and_then(|n| app.store.person_by_name(&n));
    if last {
        app.loading = None;
        // The loader opens or builds the full-text index of the final store next.
        app.indexing = !app.store.is_empty();
        if let Some(name) = app.pending_person.take() {
            match app.store.person_by_name(&name) {
                Some(id) => app.person = Some(id),
                None => {
                    let text = format!("@{} {}", name.trim(), app.filter.text());
                    app.filter = LineInput::with_text(text.trim());
                }
            }
        }
    }
    refilter_people(app);
    // Results of the old store are no candidate set for the new one: search it afresh.
    app.results = None;
    refilter(app);
    if app.person.is_some() == before {
        // Articles keep their order, so the same row is the same article (sync clamps it).
        app.list = list;
    }
    // Same article ids, possibly new content (people): lay the reader out again.
    app.reader.width = 0;
}

/// Applies the saved state of the corpus once it has loaded: the marks always, added to any
/// the user set meanwhile; the filter and the selection only when the user has done nothing
/// yet (and the command line chose no filter), so nothing the user did is undone.
fn restore_state(app: &mut App, state: &SavedState, notice: Option<String>) {
    let mut marks = Marks::from_state(&app.store, state);
    marks.merge(&app.marks);
    app.marks = marks;
    if notice.is_some() {
        app.notice = notice;
    }
    if !app.filter_from_command_line && !app.acted {
        let text = app.restore_saved(state);
        app.filter = LineInput::with_text(text.trim());
    }
    if app.applied.is_none() {
        app.applied = state.filter.clone();
    }
    if app.acted {
        // Keep the row the user is on through the refilter below.
        app.pending_select = app.selected_article();
    }
    refilter(app);
}
