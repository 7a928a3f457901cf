//! The article list: date, region, kind mark and headline per row, matches highlighted.
//!
//! Only the rows on screen are built, and match positions are computed for those rows only.
//! Columns are laid out by display width; the headline is cut at a character boundary with `…`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use super::Theme;
use crate::model::Kind;
use crate::search::headline;
use crate::store::ArticleId;
use crate::text;
use crate::tui::app::{App, Focus};
use crate::tui::layout;

/// Columns of the date column (`MM-DD`).
const DATE_COLS: usize = 5;
/// Columns of the region column.
const REGION_COLS: usize = 6;
/// Marker before a stand-in headline.
const UNTITLED_MARK: &str = "〜";

/// The two-column mark of an article kind.
fn kind_mark(kind: Kind) -> &'static str {
    match kind {
        Kind::News => "  ",
        Kind::Photo => "图",
        Kind::Brief => "简",
        Kind::Commentary => "评",
    }
}

/// `MM-DD` of a `MM-DD` or `YYYY-MM-DD` date (its last five characters).
fn short_date(d: &str) -> String {
    let n = d.chars().count();
    d.chars().skip(n.saturating_sub(DATE_COLS)).collect()
}

/// Draws the list pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let focused = app.focus == Focus::List && !app.editing;
    Block::bordered()
        .title(" Articles ")
        .border_style(theme.border(focused))
        .render(area, buf);
    let inner = layout::inner(area);
    for row in 0..inner.height {
        let y = inner.y + row;
        let i = app.list.offset + usize::from(row);
        match app.set_get(i) {
            Some(id) => render_row(
                app,
                id,
                i == app.list.selected,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                buf,
                theme,
            ),
            None => super::put(buf, inner.x, y, "", inner.width, Style::new()),
        }
    }
}

/// Draws one article row.
fn render_row(app: &App, id: ArticleId, selected: bool, r: Rect, buf: &mut Buffer, theme: &Theme) {
    let a = app.store.article(id);
    let base = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    super::put(buf, r.x, r.y, "", r.width, base);
    let mut x = r.x;
    let mut cell = |buf: &mut Buffer, s: &str, cols: usize, style: Style| {
        let room = usize::from(r.right().saturating_sub(x));
        let cols = cols.min(room);
        let cut = text::truncate(s, cols);
        buf.set_stringn(x, r.y, text::pad_right(&cut, cols), cols, base.patch(style));
        x += cols as u16;
    };
    let width = usize::from(r.width);
    if width >= 20 {
        let date = a.date.as_deref().map(short_date).unwrap_or_default();
        cell(buf, &date, DATE_COLS + 1, theme.dim());
    }
    if width >= 40 {
        cell(
            buf,
            a.region.as_deref().unwrap_or(""),
            REGION_COLS + 1,
            Style::new(),
        );
    }
    cell(buf, kind_mark(a.kind), 3, theme.accent());
    let (title, untitled) = headline(a);
    let mut style = Style::new();
    if untitled {
        style = theme.untitled();
        cell(buf, UNTITLED_MARK, text::width(UNTITLED_MARK), style);
    }
    let positions = match &app.results {
        Some(r) => app.store.headline_positions(id, &r.query),
        None => Vec::new(),
    };
    let room = usize::from(r.right().saturating_sub(x));
    write_highlighted(
        buf,
        x,
        r.y,
        &title,
        &positions,
        room,
        base.patch(style),
        base.patch(theme.highlight()),
    );
}

/// Writes `s` in at most `room` columns, characters at `positions` in `hl`, cut with `…`.
#[allow(clippy::too_many_arguments)]
fn write_highlighted(
    buf: &mut Buffer,
    mut x: u16,
    y: u16,
    s: &str,
    positions: &[usize],
    room: usize,
    style: Style,
    hl: Style,
) {
    let fits = text::width(s) <= room;
    let budget = if fits { room } else { room.saturating_sub(1) };
    let mut used = 0;
    let mut tmp = [0u8; 4];
    for (i, c) in s.chars().enumerate() {
        let cs: &str = c.encode_utf8(&mut tmp);
        let w = text::width(cs);
        if used + w > budget {
            break;
        }
        let st = if positions.binary_search(&i).is_ok() {
            hl
        } else {
            style
        };
        buf.set_stringn(x, y, cs, w, st);
        x += w as u16;
        used += w;
    }
    if !fits && room > 0 {
        buf.set_stringn(x, y, "…", 1, style);
    }
}
