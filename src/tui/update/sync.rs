//! The invariants every change ends with: the selections in range and on screen, the reader
//! showing the selected article laid out for the current width, a shown article read.
//!
//! Laying out an article takes its paragraphs from the store; for a corpus opened from the
//! cache that reads the body from the cache file ([`crate::model::Article::paragraphs`]).

use super::arrange::arrange;
use super::geometry::{list_height, max_scroll, people_height, reading_width};
use crate::tui::app::{App, Focus, Screen};
use crate::tui::found::Marking;
use crate::tui::{bodies, doc, found};

/// Lines shown above a match the reader moves to, for context.
const ABOVE_MATCH: usize = 2;

/// The scroll position that shows doc line `line` near the top.
pub(super) fn match_scroll(line: usize) -> usize {
    line.saturating_sub(ABOVE_MATCH)
}

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
    if app.find.as_ref().is_some_and(|f| f.article != id) {
        // The search is of the article it was typed in.
        app.find = None;
    }
    let width = reading_width(app);
    let marking = match app.find_text() {
        Some(text) => Marking::Find(text.to_owned()),
        None => Marking::Filter(app.body_terms.clone().unwrap_or_default()),
    };
    let remark = app.reader.marked_for.as_ref() != Some(&marking);
    if id != app.reader.article || width != app.reader.width || remark {
        let opened = id != app.reader.article;
        if opened {
            app.reader.scroll = 0;
            app.kept_unread = None;
        }
        app.reader.doc = id
            .map(|id| doc::build(&app.store, id, width))
            .unwrap_or_default();
        app.reader.matches = match &marking {
            Marking::Filter(terms) => found::mark_matches(&mut app.reader.doc, terms),
            Marking::Find(text) => found::mark_find(&mut app.reader.doc, text),
        };
        let filter_changed = matches!(
            (&app.reader.marked_for, &marking),
            (Some(Marking::Filter(_)) | None, Marking::Filter(_))
        );
        if opened || (remark && filter_changed) {
            // An article opens at the first match of the filter's words.
            app.reader.current_match = found::step(&app.reader.matches, None, true);
            if let Some(&line) = app.reader.matches.first() {
                app.reader.scroll = match_scroll(line);
            }
        } else if remark {
            // The article search began, changed or ended: the reader stays where it is, and
            // `n` goes on from the match in view.
            app.reader.current_match =
                found::at_or_before(&app.reader.matches, app.reader.scroll + ABOVE_MATCH);
        }
        app.reader.article = id;
        app.reader.width = width;
        app.reader.marked_for = Some(marking);
    }
    let body_key = (
        id,
        app.body_only.as_ref().map_or(0, |b| b.as_ptr() as usize),
    );
    if app.reader.snippet_key != body_key {
        app.reader.snippet_key = body_key;
        app.snippet = match (id, &app.body_terms) {
            (Some(id), Some(terms)) if app.body_only_match(id) => {
                bodies::snippet(&app.store, id, terms)
            }
            _ => None,
        };
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
