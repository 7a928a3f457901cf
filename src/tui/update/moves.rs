//! Moving around: the selection and scroll of each pane, counts, switching panes, the
//! overlays, and the mouse.

use ratatui::layout::Position;

use super::filter::applied;
use super::geometry::{max_scroll, page, panes};
use crate::tui::app::{App, Focus, Mode, Overlay, PeoplePane, Screen};
use crate::tui::layout;
use crate::tui::overlay;

/// Rows moved by one wheel notch.
pub(super) const WHEEL_ROWS: isize = 3;

/// Moves the selection or scroll of the pane the keys go to by `delta` rows.
pub(super) fn step(app: &mut App, mode: Mode, delta: isize) {
    match mode {
        Mode::Browse(Focus::Reader) | Mode::Find => scroll_reader(app, delta),
        Mode::People if app.people_pane == PeoplePane::Person => scroll_person(app, delta),
        Mode::People | Mode::PeopleFilter => {
            app.people_list.move_by(delta, app.people.len());
            app.person_scroll = 0;
        }
        Mode::Overlay => {
            let max = overlay::max_scroll(app);
            app.overlay_scroll = app.overlay_scroll.saturating_add_signed(delta).min(max);
        }
        Mode::Browse(Focus::List) | Mode::Filter => app.list.move_by(delta, app.set_len()),
    }
}

/// `count` with the digit `d` appended (at most 99 999).
pub(super) fn count_digit(count: Option<usize>, d: u8) -> usize {
    (count.unwrap_or(0) * 10 + usize::from(d)).min(99_999)
}

/// Space in the reader: one page down, or the next article once the end is on screen.
pub(super) fn page_down_or_next(app: &mut App, mode: Mode) {
    if mode == Mode::Browse(Focus::Reader) && app.reader.scroll >= max_scroll(app) {
        if app.list.selected + 1 < app.set_len() {
            app.list.move_by(1, app.set_len());
        } else {
            app.notice = Some("end of the last article".to_owned());
        }
    } else {
        step(app, mode, page(app, mode));
    }
}

/// Scrolls the reader by `delta` lines within the article.
pub(super) fn scroll_reader(app: &mut App, delta: isize) {
    let max = max_scroll(app);
    app.reader.scroll = app.reader.scroll.saturating_add_signed(delta).min(max);
}

/// Focuses the other pane of the screen: each screen has two, so forward and back are the
/// same step. Under 80 columns only the focused pane is shown, so this is also how the other
/// one is reached.
pub(super) fn cycle_panes(app: &mut App) {
    match app.screen {
        Screen::Articles => {
            app.focus = match app.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::List,
            }
        }
        Screen::People => {
            app.people_pane = match app.people_pane {
                PeoplePane::List => PeoplePane::Person,
                PeoplePane::Person => PeoplePane::List,
            }
        }
    }
}

/// Opens `overlay` at its top, or closes it when it is the one open.
pub(super) fn open_overlay(app: &mut App, overlay: Overlay) {
    if app.overlay == Some(overlay) {
        app.overlay = None;
    } else {
        app.overlay = Some(overlay);
        app.overlay_scroll = 0;
    }
}

/// Scrolls whatever pane is under the pointer.
pub(super) fn wheel(app: &mut App, at: Position, down: bool) {
    let Some(p) = panes(app) else { return };
    let delta = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
    if p.person.is_some_and(|r| r.contains(at)) {
        scroll_person(app, delta);
    } else if p.list.is_some_and(|r| r.contains(at)) {
        app.list.move_by(delta, app.set_len());
    } else if p.reader.is_some_and(|r| r.contains(at)) {
        scroll_reader(app, delta);
    } else if p.people.is_some_and(|r| r.contains(at)) {
        app.people_list.move_by(delta, app.people.len());
    }
}

/// Focuses the pane under the pointer and selects the row clicked.
pub(super) fn click(app: &mut App, at: Position) {
    let Some(p) = panes(app) else { return };
    if let Some(find) = app.find.as_mut() {
        // A click ends the typing of the article search; what was typed stays marked.
        find.typing = false;
    }
    if let Some(r) = p.list.filter(|r| r.contains(at)) {
        if app.editing {
            applied(app);
        }
        app.focus = Focus::List;
        app.editing = false;
        let inner = layout::inner(r);
        if inner.contains(at) {
            let row = app.list.offset + usize::from(at.y - inner.y);
            if row < app.set_len() {
                app.list.selected = row;
            }
        }
    } else if p.reader.is_some_and(|r| r.contains(at)) {
        if app.editing {
            applied(app);
        }
        app.focus = Focus::Reader;
        app.editing = false;
    } else if p.person.is_some_and(|r| r.contains(at)) {
        app.people_pane = PeoplePane::Person;
        app.editing = false;
    } else if let Some(r) = p.people.filter(|r| r.contains(at)) {
        app.people_pane = PeoplePane::List;
        let inner = layout::inner(r);
        if inner.contains(at) {
            let row = app.people_list.offset + usize::from(at.y - inner.y);
            if row < app.people.len() {
                app.people_list.selected = row;
                app.person_scroll = 0;
            }
        }
    } else if p.filter.contains(at) {
        app.editing = true;
    }
}

/// Scrolls the selected person's appearances by `delta` rows, within them.
fn scroll_person(app: &mut App, delta: isize) {
    let rows = app
        .selected_person()
        .map_or(0, |p| app.store.person_count(p));
    app.person_scroll = app
        .person_scroll
        .saturating_add_signed(delta)
        .min(rows.saturating_sub(1));
}
