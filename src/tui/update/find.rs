//! The reader's search of the open article, as less's `/`: a prompt in the status bar, the
//! matches marked as the text is typed, `Enter` to jump to the first one from the top line
//! on. While it is in force its matches are the ones `n` and `N` step through; `Esc` ends it
//! and the filter's matches come back ([`super::sync`] marks whichever is in force).

use super::sync::match_scroll;
use crate::tui::app::{App, Find, Focus, Screen};
use crate::tui::found;

/// Opens the search prompt over the article in the reader (nothing without one).
pub(super) fn start(app: &mut App) {
    if app.screen != Screen::Articles || app.focus != Focus::Reader {
        return;
    }
    let Some(article) = app.reader.article else {
        return;
    };
    app.find = Some(Find {
        typing: true,
        article: Some(article),
        ..Find::default()
    });
}

/// Ends the typing and jumps to the first match at or after the top line, or to the first
/// of all when there is none below (saying so); an empty search is dropped.
pub(super) fn accept(app: &mut App) {
    let Some(text) = app.find_text().map(str::to_owned) else {
        app.find = None;
        return;
    };
    if let Some(find) = app.find.as_mut() {
        find.typing = false;
    }
    let matches = &app.reader.matches;
    if matches.is_empty() {
        app.notice = Some(format!("no match of {text} in the article"));
        app.reader.current_match = None;
        return;
    }
    let next = match found::at_or_after(matches, app.reader.scroll) {
        Some(i) => i,
        None => {
            app.notice = Some(format!("no match of {text} below: back to the first"));
            0
        }
    };
    app.reader.current_match = Some(next);
    if let Some(&line) = matches.get(next) {
        app.reader.scroll = match_scroll(line);
    }
}

/// What the status bar says when `n` (`forward`) or `N` finds no further match.
pub(super) fn no_further(app: &App, forward: bool) -> String {
    let text = app.find_text().unwrap_or_default();
    match (app.reader.matches.is_empty(), forward) {
        (true, _) => format!("no match of {text} in the article"),
        (false, true) => format!("no match of {text} below (esc ends the search)"),
        (false, false) => format!("no match of {text} above (esc ends the search)"),
    }
}
