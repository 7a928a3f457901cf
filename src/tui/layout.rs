//! Where each pane goes for a terminal size and state; shared by the view and by update.
//!
//! Update needs the same rectangles as the view (page sizes, the reader's text width, mouse
//! hit-testing), so the split is one pure function instead of being recomputed ad hoc.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Focus, PeoplePane, Screen};

/// Narrowest terminal that gets the full interface.
pub const MIN_WIDTH: u16 = 24;
/// Lowest terminal that gets the full interface.
pub const MIN_HEIGHT: u16 = 8;
/// Below this width only one pane is shown at a time.
pub const TWO_PANE_WIDTH: u16 = 80;
/// Columns between the reader's border and its text, on each side.
pub const READER_PAD: u16 = 1;

/// The rectangles of one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// The filter input (articles) or people filter (people), with its border.
    pub filter: Rect,
    /// The article list, when shown.
    pub list: Option<Rect>,
    /// The reader, when shown.
    pub reader: Option<Rect>,
    /// The people list, when shown.
    pub people: Option<Rect>,
    /// The selected person's details and chart, when shown.
    pub person: Option<Rect>,
    /// The one-line status bar.
    pub status: Rect,
}

/// The panes for `area`, or None when the terminal is too small to draw them.
pub fn panes(area: Rect, app: &App) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [filter, main, status] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let wide = area.width >= TWO_PANE_WIDTH;
    let mut p = Panes {
        filter,
        status,
        ..Panes::default()
    };
    match app.screen {
        Screen::Articles if wide => {
            let [list, reader] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                    .areas(main);
            p.list = Some(list);
            p.reader = Some(reader);
        }
        Screen::Articles => match app.focus {
            Focus::List => p.list = Some(main),
            Focus::Reader => p.reader = Some(main),
        },
        Screen::People if wide => {
            let [people, person] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                    .areas(main);
            p.people = Some(people);
            p.person = Some(person);
        }
        Screen::People if main.height >= 12 => {
            let [people, person] =
                Layout::vertical([Constraint::Min(4), Constraint::Length(7)]).areas(main);
            p.people = Some(people);
            p.person = Some(person);
        }
        // Too low for both: the focused one (Tab switches).
        Screen::People => match app.people_pane {
            PeoplePane::List => p.people = Some(main),
            PeoplePane::Person => p.person = Some(main),
        },
    }
    Some(p)
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// The text area of the reader pane (inside the border and padding).
pub fn reader_text(r: Rect) -> Rect {
    let i = inner(r);
    Rect {
        x: i.x.saturating_add(READER_PAD),
        width: i.width.saturating_sub(2 * READER_PAD),
        ..i
    }
}
