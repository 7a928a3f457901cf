//! Arranging the list as the user asked: the sorted or unread-only view, and jumps by date
//! or to the next unread article.
//!
//! The view is built once into [`App::view`] and rebuilt only when the set or the arrangement
//! changes. Reading an article does not take it out of the unread-only view at once, so the
//! list never moves under the user; toggling the view again refreshes it.

use std::sync::Arc;

use crate::store::{ArticleId, DateKey};
use crate::tui::app::App;
use crate::tui::order::{SortKey, ViewKey};

/// The key of `app`'s current set and arrangement.
fn key_of(app: &App) -> ViewKey {
    ViewKey {
        results: app.results.as_ref().map_or(0, |r| Arc::as_ptr(r) as usize),
        body: app
            .body_only
            .as_ref()
            .map_or(0, |b| b.as_ptr() as usize ^ b.len())
            ^ app
                .narrowed
                .as_ref()
                .map_or(0, |n| (n.as_ptr() as usize ^ n.len()).rotate_left(1)),
        subset: app
            .subset
            .as_ref()
            .map_or(0, |s| s.as_ptr() as usize ^ s.len()),
        person: app.person.map(|p| p.0),
        store: Arc::as_ptr(&app.store) as usize,
        len: app.store.len(),
        sort: app.sort,
        unread_only: app.unread_only,
        refresh: app.view_refresh,
    }
}

/// Builds [`App::view`] again when the set or the arrangement changed since it was built.
pub(super) fn arrange(app: &mut App) {
    let key = key_of(app);
    if key == app.view_key && (app.view.is_some() || !arranged(app)) {
        return;
    }
    app.view_key = key;
    app.view = None;
    if !arranged(app) {
        return;
    }
    let mut ids: Vec<ArticleId> = (0..app.set_len()).filter_map(|i| app.set_get(i)).collect();
    if app.unread_only {
        ids.retain(|&id| !app.marks.is_read(id));
    }
    let store = &app.store;
    let year = store.single_year();
    let newest = |id: ArticleId| std::cmp::Reverse(dated(store.comparable_date(id, year)));
    match app.sort {
        SortKey::Relevance => {}
        SortKey::Date => ids.sort_by_key(|&id| newest(id)),
        SortKey::Region => ids.sort_by_key(|&id| {
            let region = store.get(id).and_then(|a| a.region());
            (region.is_none(), region, newest(id))
        }),
        SortKey::Kind => ids.sort_by_key(|&id| (store.get(id).map(|a| a.kind), newest(id))),
    }
    app.view = Some(ids.into());
}

/// A date key that sorts undated articles before every dated one (so last when reversed).
fn dated(d: DateKey) -> (bool, DateKey) {
    (d.0 != 0, d)
}

/// True when the list is not simply the filter's set.
fn arranged(app: &App) -> bool {
    app.sort != SortKey::Relevance || app.unread_only
}

/// The row to go to for a jump from the selected article to the next (`forward`) or previous
/// day, or month, with articles: the first row of the nearest such date.
pub(super) fn date_jump(app: &App, forward: bool, month: bool) -> Option<usize> {
    let unit = |d: DateKey| if month { d.0 / 100 } else { d.0 };
    let year = app.store.single_year();
    let date = |id: ArticleId| app.store.comparable_date(id, year);
    let here = app.selected_article().map(|id| unit(date(id)))?;
    let mut best: Option<(u32, usize)> = None;
    for i in 0..app.set_len() {
        let Some(id) = app.set_get(i) else { continue };
        let d = date(id);
        if d.0 == 0 {
            continue;
        }
        let u = unit(d);
        let wanted = if forward {
            u > here
        } else {
            u < here && u != 0
        };
        let better = match best {
            None => true,
            Some((b, _)) => {
                if forward {
                    u < b
                } else {
                    u > b
                }
            }
        };
        if wanted && better {
            best = Some((u, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The first unread row after the selection, wrapping around to the top.
pub(super) fn next_unread(app: &App) -> Option<usize> {
    let len = app.set_len();
    (1..=len)
        .map(|k| (app.list.selected + k) % len)
        .find(|&i| app.set_get(i).is_some_and(|id| !app.marks.is_read(id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Kind};
    use crate::tui::TuiOptions;
    use crate::tui::update::start;
    use crate::tui::update::update;
    use crate::vocab::Action;

    #[test]
    fn dates_without_a_year_sort_within_the_corpus_year() {
        let mut articles = Vec::new();
        for (i, date) in ["2023-03-02", "03-28", "03-01"].into_iter().enumerate() {
            let mut a = Article::new("t.txt", i as u32, Kind::News);
            a.set_title(Some(&format!("第{i}篇")));
            a.set_date(Some(date));
            articles.push(a);
        }
        let mut app = App::new(
            Arc::new(crate::search::Catalog::build(articles)),
            &TuiOptions::default(),
        );
        start(&mut app);
        update(&mut app, Action::Resize(100, 20));
        update(&mut app, Action::CycleSort);
        let order: Vec<Option<ArticleId>> = (0..3).map(|i| app.set_get(i)).collect();
        assert_eq!(
            order,
            vec![Some(ArticleId(1)), Some(ArticleId(0)), Some(ArticleId(2))]
        );
    }
}
