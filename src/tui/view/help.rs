//! The help overlay: every effective key binding in a centred popup over the current screen.
//!
//! The rows come from the bindings in force (defaults or the configuration file), so the help
//! never disagrees with the keys. Keys are written as the configuration file spells them.
//!
//! A wide character whose left half sits just outside the popup would survive `Clear` and
//! cover the popup's left border (pitfall 6), so such glyphs are blanked before drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

use super::Theme;
use crate::text;
use crate::tui::app::App;
use crate::tui::layout;

/// Columns of the key column.
const KEY_COLS: usize = 16;

/// The help rows: (keys, what they do) for every action that has a key.
fn rows(app: &App) -> Vec<(String, &'static str)> {
    app.config
        .keys
        .iter()
        .filter(|(_, keys)| !keys.is_empty())
        .map(|(cmd, keys)| {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            (keys.join(" "), cmd.help)
        })
        .collect()
}

/// Draws the help popup centred in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = rows(app);
    let width = area.width.saturating_sub(4).min(64);
    let height = area.height.saturating_sub(2).min(rows.len() as u16 + 2);
    if width < 4 || height < 3 {
        return;
    }
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    clear(popup, buf);
    Block::bordered()
        .title(" Keys · any key closes ")
        .border_style(theme.border(true))
        .render(popup, buf);
    let inner = layout::inner(popup);
    for (row, (keys, what)) in rows.iter().take(usize::from(inner.height)).enumerate() {
        let y = inner.y + row as u16;
        let keys = text::truncate(keys, KEY_COLS - 1);
        let line = format!(" {}{what}", text::pad_right(&keys, KEY_COLS));
        super::put(buf, inner.x, y, &line, inner.width, Style::new());
        let key_cols = (KEY_COLS + 1).min(usize::from(inner.width)) as u16;
        buf.set_style(Rect::new(inner.x, y, key_cols, 1), theme.accent());
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
