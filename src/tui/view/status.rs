//! The status bar: counts, the person restriction, a one-off notice, and the most useful keys.
//!
//! Key hints are built from the effective bindings, so a rebound key is hinted as rebound.

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
    match app.failures.len() {
        0 => {}
        1 => left.push_str(" · 1 file failed"),
        n => left.push_str(&format!(" · {n} files failed")),
    }
    let bookmarks = app.marks.bookmark_count();
    if bookmarks > 0 {
        left.push_str(&format!(" · {bookmarks} bookmarked"));
    }
    if app.searching {
        left.push_str(" · searching…");
    }
    let k = |name: &str| app.config.keys.first_key(name);
    let keys = match (&app.notice, app.mode()) {
        (Some(notice), _) => notice.clone(),
        (None, Mode::Filter) => format!(
            "{} scope  {} list  {} done",
            k("scope"),
            k("accept"),
            k("leave_input")
        ),
        (None, Mode::PeopleFilter) => {
            format!("{} articles  {} done", k("choose_person"), k("leave_input"))
        }
        (None, Mode::People) => format!(
            "{} articles  {} filter  {} back  {} help",
            k("choose_person"),
            k("filter"),
            k("close_people"),
            k("help")
        ),
        (None, Mode::Overlay) => format!(
            "{} {} scroll  {} close",
            k("down"),
            k("up"),
            k("close_overlay")
        ),
        (None, Mode::Browse(_)) => format!(
            "{} filter  {} people  {} pane  {} bookmark  {} help  {} quit",
            k("filter"),
            k("people"),
            k("focus_next"),
            k("bookmark"),
            k("help"),
            k("quit")
        ),
    };
    let text = format!("{left}  │  {keys}");
    super::put(buf, area.x, area.y, &text, area.width, theme.status());
}
