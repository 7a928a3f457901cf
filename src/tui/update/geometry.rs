//! The sizes update needs from the layout: rows of the list, the reader and the people list,
//! one page of the focused pane, the reader's width and its last scroll position.

use ratatui::layout::Rect;

use crate::tui::app::{App, Focus, Mode};
use crate::tui::layout::{self, Panes};
use crate::tui::overlay;

/// The panes for the current terminal size.
pub(super) fn panes(app: &App) -> Option<Panes> {
    layout::panes(Rect::new(0, 0, app.size.0, app.size.1), app)
}

/// Rows visible in the article list.
pub(super) fn list_height(app: &App) -> usize {
    let p = panes(app);
    let r = p.and_then(|p| p.list.or(p.reader));
    r.map_or(1, |r| layout::inner(r).height as usize)
}

/// The reader's text area (the list's place when only the list is shown).
pub(super) fn reader_area(app: &App) -> Rect {
    let p = panes(app);
    p.and_then(|p| p.reader.or(p.list))
        .map_or(Rect::default(), layout::reader_text)
}

/// Columns the reader's lines may take: the pane's width, at most the configured reading
/// width (two columns a character).
pub(super) fn reading_width(app: &App) -> usize {
    let pane = reader_area(app).width as usize;
    match usize::from(app.config.reading_width) {
        0 => pane,
        chars => pane.min(chars * 2),
    }
}

/// Rows visible in the people list.
pub(super) fn people_height(app: &App) -> usize {
    panes(app)
        .and_then(|p| p.people)
        .map_or(1, |r| layout::inner(r).height as usize)
}

/// One page of the pane the keys go to.
pub(super) fn page(app: &App, mode: Mode) -> isize {
    let rows = match mode {
        Mode::Overlay => overlay::page_rows(app),
        Mode::Browse(Focus::Reader) | Mode::Find => reader_area(app).height as usize,
        Mode::People | Mode::PeopleFilter => people_height(app),
        _ => list_height(app),
    };
    rows.saturating_sub(1).max(1) as isize
}

/// The last scroll position that still fills the reader.
pub(super) fn max_scroll(app: &App) -> usize {
    app.reader
        .doc
        .len()
        .saturating_sub(reader_area(app).height as usize)
}
