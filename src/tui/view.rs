//! Draws an [`App`]: `impl Widget for &App`, one renderer per pane in `view/`.
//!
//! The view only reads state; it never decides anything update could have decided. Every
//! string reaching the buffer is measured and cut by display width first (`crate::text`), so
//! a wide character is never split at a pane edge, and rows are padded to the pane width so a
//! shorter new row leaves no stale cells from a longer old one.

mod filter;
mod list;
mod loading;
mod overlay;
mod people;
mod reader;
mod small;
mod status;
mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::app::{App, Screen};
use super::layout;
pub use theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::new(&self.config.theme, self.no_color);
        let Some(p) = layout::panes(area, self) else {
            small::render(area, buf, &theme);
            return;
        };
        filter::render(self, p.filter, buf, &theme);
        if let Some(r) = p.list {
            list::render(self, r, buf, &theme);
        }
        if let Some(r) = p.reader {
            reader::render(self, r, buf, &theme);
        }
        if let Some(r) = p.people {
            people::render_list(self, r, buf, &theme);
        }
        if let Some(r) = p.person {
            people::render_person(self, r, buf, &theme);
        }
        match &self.loading {
            Some(progress) => loading::render(progress, p.status, buf, &theme),
            None => status::render(self, p.status, buf, &theme),
        }
        if self.overlay.is_some() {
            overlay::render(self, area, buf, &theme);
        }
    }
}

/// Where the terminal cursor goes for a frame of size `area`: in the filter while typing.
pub fn cursor(app: &App, area: Rect) -> Option<Position> {
    if !app.editing || app.overlay.is_some() {
        return None;
    }
    let p = layout::panes(area, app)?;
    let (col, inner) = match app.screen {
        Screen::Articles => filter::cursor(app, p.filter),
        Screen::People => filter::people_cursor(app, p.filter),
    }?;
    Some(Position::new(inner.x + col, inner.y))
}

/// Writes `s` at (`x`, `y`) padded or cut to exactly `w` columns.
fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, w: u16, style: ratatui::style::Style) {
    let cut = crate::text::truncate(s, usize::from(w));
    let padded = crate::text::pad_right(&cut, usize::from(w));
    buf.set_stringn(x, y, padded, usize::from(w), style);
}
