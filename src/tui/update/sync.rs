//! The invariants every change ends with: the selections in range and on screen, the reader
//! showing the selected article laid out for the current width, a shown article read.
//!
//! Laying out an article takes its paragraphs from the store; for a corpus opened from the
//! cache that reads the body from the cache file ([`crate::model::Article::paragraphs`]).

use super::arrange::arrange;
use super::geometry::{list_height, max_scroll, people_height, reading_width};
use crate::tui::app::{App, Focus, Screen};
use crate::tui::doc;

/// Re-establishes the invariants: selections in range and visible, reader laid out.
pub fn sync(app: &mut App) {
    arrange(app);
    let len = app.set_len();
    let height = list_height(app);
    app.list.clamp(len, height);
    let people_len = app.people.len();
    let people_height = people_height(app);
    app.people_list.clamp(people_len, people_height);
    let id = app.selected_article();
    let width = reading_width(app);
    if id != app.reader.article || width != app.reader.width {
        if id != app.reader.article {
            app.reader.scroll = 0;
            app.kept_unread = None;
        }
        app.reader.doc = id
            .map(|id| doc::build(&app.store, id, width))
            .unwrap_or_default();
        app.reader.article = id;
        app.reader.width = width;
    }
    app.reader.scroll = app.reader.scroll.min(max_scroll(app));
    // An article shown in the reader while the reader has the keyboard has been read.
    if app.screen == Screen::Articles
        && app.focus == Focus::Reader
        && let Some(id) = app.reader.article
        && app.kept_unread != Some(id)
        && app.marks.mark_read(id)
    {
        app.marks_changed = true;
    }
}
