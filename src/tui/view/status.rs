//! The status bar: counts, the person restriction, and the most useful keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Theme;
use crate::tui::app::{App, Mode};

/// Draws the status bar.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let total = app.store.len();
    let mut left = match app.mode() {
        Mode::People | Mode::PeopleFilter => {
            format!(" {}/{} people", app.people.len(), app.store.people().len())
        }
        _ => format!(" {}/{} articles", app.set_len(), total),
    };
    if let Some(p) = app.person {
        left.push_str(&format!(" · {}", app.store.person_name(p)));
    }
    if app.searching {
        left.push_str(" · searching…");
    }
    let keys = match app.mode() {
        Mode::Filter => "Tab scope  Enter list  Esc done",
        Mode::PeopleFilter => "Enter articles  Esc done",
        Mode::People => "Enter articles  / filter  Esc back  ? help",
        Mode::Help => "any key closes help",
        Mode::Browse(_) => "/ filter  p people  Tab pane  n/N next  ? help  q quit",
    };
    let text = format!("{left}  │  {keys}");
    super::put(buf, area.x, area.y, &text, area.width, theme.status());
}
