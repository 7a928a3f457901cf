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

use ratatui::buffer::{Buffer, CellDiffOption};
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
            // The article search's prompt takes the bar even while pages load.
            Some(progress) if self.mode() != super::app::Mode::Find => {
                loading::render(progress, p.status, buf, &theme)
            }
            _ => status::render(self, p.status, buf, &theme),
        }
        if self.overlay.is_some() {
            overlay::render(self, area, buf, &theme);
        }
        widen_leftovers(buf, area);
    }
}

/// Where the terminal cursor goes for a frame of size `area`: in the filter or the article
/// search while typing.
pub fn cursor(app: &App, area: Rect) -> Option<Position> {
    if app.mode() == super::app::Mode::Find {
        let p = layout::panes(area, app)?;
        let col = status::find_cursor(app, p.status)?;
        return Some(Position::new(p.status.x + col, p.status.y));
    }
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
    set_str(buf, x, y, &padded, usize::from(w), style);
}

/// Writes `s` at (`x`, `y`) in at most `max` columns, as `Buffer::set_stringn` does; with
/// `ambiguous = "wide"` an [`AMBIGUOUS`](crate::text::AMBIGUOUS) character takes two cells,
/// marked so that the terminal update skips the second, as it does for a Chinese character.
pub(crate) fn set_str<S: AsRef<str>>(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    s: S,
    max: usize,
    style: ratatui::style::Style,
) {
    let s = s.as_ref();
    if !crate::text::ambiguous_wide() {
        buf.set_stringn(x, y, s, max, style);
        return;
    }
    let limit = (usize::from(x) + max).min(usize::from(buf.area.right()));
    let mut cx = usize::from(x);
    for c in s.chars() {
        let w = crate::text::char_width(c);
        if w == 0 {
            continue;
        }
        if cx + w > limit {
            break;
        }
        let at = Position::new(cx as u16, y);
        let cell = &mut buf[at];
        cell.set_char(c).set_style(style);
        cell.set_diff_option(if crate::text::widened(c) {
            CellDiffOption::ForcedWidth(TWO)
        } else {
            CellDiffOption::None
        });
        for i in 1..w {
            let next = &mut buf[Position::new((cx + i) as u16, y)];
            next.reset();
            next.set_style(style);
        }
        cx += w;
    }
}

/// Two columns, for a widened ambiguous character.
const TWO: std::num::NonZeroU16 = std::num::NonZeroU16::MIN.saturating_add(1);

/// With `ambiguous = "wide"`, makes the ambiguous characters ratatui's own widgets drew (the
/// `·` of a title) safe: one followed by a blank takes that blank as its second cell; any
/// other is replaced by a narrow look-alike, so that no border ever moves.
fn widen_leftovers(buf: &mut Buffer, area: Rect) {
    if !crate::text::ambiguous_wide() {
        return;
    }
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[Position::new(x, y)];
            let mut chars = cell.symbol().chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                x += 1;
                continue;
            };
            if !crate::text::widened(c) {
                // A cell drawn over a widened one (a popup's border) keeps no stale width.
                buf[Position::new(x, y)].set_diff_option(CellDiffOption::None);
                x += 1;
                continue;
            }
            let blank_next = x + 1 < area.right() && buf[Position::new(x + 1, y)].symbol() == " ";
            if blank_next {
                buf[Position::new(x, y)].set_diff_option(CellDiffOption::ForcedWidth(TWO));
                x += 2;
            } else {
                buf[Position::new(x, y)].set_diff_option(CellDiffOption::None);
                let narrow = match c {
                    '“' | '”' => '"',
                    '‘' | '’' | '′' => '\'',
                    '—' | '―' | '–' => '-',
                    '…' | '‥' | '·' => '.',
                    _ => ' ',
                };
                buf[Position::new(x, y)].set_char(narrow);
                x += 1;
            }
        }
    }
}
