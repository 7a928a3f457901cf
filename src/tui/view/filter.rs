//! The filter pane: prompt, person restriction, input, scope and `matched/total`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};

use super::Theme;
use crate::text;
use crate::tui::app::{App, Screen};
use crate::tui::layout;
use crate::tui::line::LineInput;

/// Prompt written before the input.
const PROMPT: &str = "/ ";

/// The `[name] ` chip of a person restriction, or "".
fn chip(app: &App) -> String {
    app.person
        .map(|p| format!("[{}] ", app.store.person_name(p)))
        .unwrap_or_default()
}

/// The scope shown in the filter title (`@` in the text means people).
fn scope_label(app: &App) -> &'static str {
    if app.scope.bookmarked_only() {
        app.scope.label()
    } else {
        app.query().scope.label()
    }
}

/// Draws the filter pane of the current screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (title, count, input, chip) = match app.screen {
        Screen::Articles => (
            format!(" Filter · {} ", scope_label(app)),
            format!(" {}/{} ", app.set_len(), app.store.len()),
            &app.filter,
            chip(app),
        ),
        Screen::People => (
            " People filter ".to_owned(),
            format!(" {}/{} ", app.people.len(), app.store.people().len()),
            &app.people_filter,
            String::new(),
        ),
    };
    let block = Block::bordered()
        .border_style(theme.border(app.editing))
        .title(Line::from(
            text::truncate(&title, usize::from(area.width.saturating_sub(2))).into_owned(),
        ))
        .title_top(Line::from(count).right_aligned());
    block.render(area, buf);
    let inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    super::put(
        buf,
        inner.x,
        inner.y,
        "",
        inner.width,
        ratatui::style::Style::new(),
    );
    if input.text().is_empty() && chip.is_empty() && !app.editing {
        let k = |name: &str| app.config.keys.first_key(name);
        let hint = match app.screen {
            Screen::Articles => format!(
                "{} to filter · @name for people · {} scope · 拼音 ok",
                k("filter"),
                k("scope")
            ),
            Screen::People => format!(
                "{} to filter people · {} shows their articles",
                k("filter"),
                k("choose_person")
            ),
        };
        super::put(buf, inner.x, inner.y, &hint, inner.width, theme.dim());
        return;
    }
    let (x, avail) = write_prefix(buf, inner, &chip, theme);
    let (shown, _) = input.window(avail);
    super::put(
        buf,
        x,
        inner.y,
        &shown,
        inner.right().saturating_sub(x),
        ratatui::style::Style::new(),
    );
}

/// Writes the prompt and chip; returns where the input starts and how many columns it has.
fn write_prefix(buf: &mut Buffer, inner: Rect, chip: &str, theme: &Theme) -> (u16, usize) {
    let mut x = inner.x;
    for (s, style) in [(PROMPT, theme.dim()), (chip, theme.accent())] {
        let room = inner.right().saturating_sub(x);
        let cut = text::truncate(s, usize::from(room));
        super::set_str(buf, x, inner.y, &cut, usize::from(room), style);
        x += text::width(&cut) as u16;
    }
    (x, usize::from(inner.right().saturating_sub(x)))
}

/// Column of the cursor within the inner area of an input with this prefix width.
fn cursor_in(input: &LineInput, inner: Rect, prefix: usize) -> Option<(u16, Rect)> {
    let prefix = prefix.min(usize::from(inner.width));
    let avail = usize::from(inner.width) - prefix;
    if avail == 0 {
        return None;
    }
    let (_, col) = input.window(avail);
    Some(((prefix + col) as u16, inner))
}

/// Cursor column in the article filter, and the inner rectangle it is relative to.
pub fn cursor(app: &App, area: Rect) -> Option<(u16, Rect)> {
    let prefix = text::width(PROMPT) + text::width(&chip(app));
    cursor_in(&app.filter, layout::inner(area), prefix)
}

/// Cursor column in the people filter, and the inner rectangle it is relative to.
pub fn people_cursor(app: &App, area: Rect) -> Option<(u16, Rect)> {
    cursor_in(&app.people_filter, layout::inner(area), text::width(PROMPT))
}
