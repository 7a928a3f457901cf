//! Draws the open popup (the help, the files that failed) centred over the current screen.
//!
//! Its lines come already fitted to its width from [`crate::tui::overlay`]; this only draws
//! the window of them that the scroll position shows, with the position in the title.
//!
//! A wide character whose left half sits just outside the popup would survive `Clear` and
//! cover the popup's left border (pitfall 6), so such glyphs are blanked before drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

use super::Theme;
use crate::text;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::overlay::{self as content, Kind};

/// Draws the open popup in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(popup) = content::popup(app, area) else {
        return;
    };
    let inner = layout::inner(popup);
    let lines = content::lines(app, usize::from(inner.width));
    let rows = usize::from(inner.height);
    let scroll = app.overlay_scroll.min(lines.len().saturating_sub(rows));
    let position = if lines.len() > rows {
        format!(
            " {}-{}/{} ",
            scroll + 1,
            (scroll + rows).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    clear(popup, buf);
    let title = content::title(app);
    let room = usize::from(popup.width.saturating_sub(2)).saturating_sub(text::width(&position));
    Block::bordered()
        .title(text::truncate(&title, room).into_owned())
        .title_top(Line::from(position).right_aligned())
        .border_style(theme.border(true))
        .render(popup, buf);
    for (row, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        let y = inner.y + row as u16;
        let style = match line.kind {
            Kind::Heading => theme.accent(),
            _ => Style::new(),
        };
        super::put(buf, inner.x, y, &line.text, inner.width, style);
        if line.kind == Kind::Row {
            let cols = line.key_cols.min(usize::from(inner.width)) as u16;
            buf.set_style(Rect::new(inner.x, y, cols, 1), theme.accent());
        }
    }
}

/// Clears `popup`, first blanking wide glyphs that straddle its left or right edge.
pub fn clear(popup: Rect, buf: &mut Buffer) {
    for y in popup.top()..popup.bottom() {
        if popup.x > buf.area.x {
            let cell = &mut buf[(popup.x - 1, y)];
            if text::width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
        let last = popup.right().saturating_sub(1);
        if popup.right() < buf.area.right() && text::width(buf[(last, y)].symbol()) > 1 {
            buf[(popup.right(), y)].reset();
        }
    }
    Clear.render(popup, buf);
}
