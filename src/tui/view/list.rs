//! The article list: marks, date, region, kind mark and headline per row, matches highlighted.
//!
//! Only the rows on screen are built, and match positions are computed for those rows only.
//! Columns are laid out by display width in the configured order; the fixed-width columns
//! drop out on narrow panes (date below 20 columns, region below 40) and the headline takes
//! the room left, cut at a character boundary with `…`. The marks column shows `*` for a
//! bookmark and `•` for an article not yet opened in the reader; a `?` after the kind mark
//! says the page model was unsure where the article starts or ends or which headline is its.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use super::Theme;
use crate::config::Column;
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
/// Mark of a bookmarked article.
const BOOKMARK_MARK: &str = "*";
/// Mark of an article never opened in the reader.
const UNREAD_MARK: &str = "•";
/// Mark of an article the page model was unsure how to cut or title.
const DOUBT_MARK: &str = "?";

/// Columns of a fixed-width column, or None when it is hidden at this row width.
fn fixed_width(column: Column, width: usize) -> Option<usize> {
    match column {
        Column::Marks => Some(2),
        Column::Date => (width >= 20).then_some(DATE_COLS + 1),
        Column::Region => (width >= 40).then_some(REGION_COLS + 1),
        Column::Kind => Some(3),
        Column::Title => None,
    }
}

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
    let cell = |buf: &mut Buffer, x: &mut u16, s: &str, cols: usize, style: Style| {
        let room = usize::from(r.right().saturating_sub(*x));
        let cols = cols.min(room);
        let cut = text::truncate(s, cols);
        buf.set_stringn(
            *x,
            r.y,
            text::pad_right(&cut, cols),
            cols,
            base.patch(style),
        );
        *x += cols as u16;
    };
    let width = usize::from(r.width);
    let columns = &app.config.columns;
    let fixed: usize = columns.iter().filter_map(|&c| fixed_width(c, width)).sum();
    for &column in columns {
        match column {
            Column::Marks => {
                let (mark, style) = if app.marks.is_bookmarked(id) {
                    (BOOKMARK_MARK, theme.bookmark())
                } else {
                    (" ", Style::new())
                };
                cell(buf, &mut x, mark, 1, style);
                let unread = if app.marks.is_read(id) {
                    " "
                } else {
                    UNREAD_MARK
                };
                cell(buf, &mut x, unread, 1, theme.unread());
            }
            Column::Date => {
                if let Some(w) = fixed_width(column, width) {
                    let date = a.date().map(short_date).unwrap_or_default();
                    cell(buf, &mut x, &date, w, theme.dim());
                }
            }
            Column::Region => {
                if let Some(w) = fixed_width(column, width) {
                    cell(buf, &mut x, a.region().unwrap_or(""), w, Style::new());
                }
            }
            Column::Kind => {
                cell(buf, &mut x, kind_mark(a.kind), 2, theme.accent());
                let doubt = if a.doubts.any() { DOUBT_MARK } else { " " };
                cell(buf, &mut x, doubt, 1, theme.dim());
            }
            Column::Title => {
                let room = width.saturating_sub(fixed).min(usize::from(r.right() - x));
                let (title, untitled) = headline(a);
                let mut style = Style::new();
                let mut room = room;
                let start = x;
                if untitled {
                    style = theme.untitled();
                    let w = text::width(UNTITLED_MARK).min(room);
                    cell(buf, &mut x, UNTITLED_MARK, w, style);
                    room -= usize::from(x - start);
                }
                let positions = match &app.results {
                    Some(res) => app.store.headline_positions(id, &res.query),
                    None => Vec::new(),
                };
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
                x += room as u16;
            }
        }
    }
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
