//! The article list: marks, date, region, kind mark and headline per row, matches highlighted.
//!
//! Only the rows on screen are built, and match positions are computed for those rows only.
//! Columns are laid out by display width in the configured order; the fixed-width columns
//! drop out on narrow panes (date below 20 columns, region below 40) and the headline takes
//! the room left, cut at a character boundary with `…` (at its start when the first match
//! would be cut off otherwise). The marks column shows `*` for a bookmark and `•` for an
//! article not yet opened in the reader; a `?` after the kind mark says the page model was
//! unsure where the article starts or ends or which headline is its. A dim `文` before the
//! headline says the article is listed for its text only, and a row matched through a person
//! ends with `@` and that person's name, the matched characters highlighted.

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
use crate::tui::{found, layout};

/// Columns of the date column (`MM-DD`).
const DATE_COLS: usize = 5;
/// Columns of the date column with years (`YYYY-MM-DD`), when the corpus spans years.
const YEAR_DATE_COLS: usize = 10;
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
/// Mark before the headline of an article listed only because its text matches the filter.
const TEXT_MARK: &str = "文 ";
/// Mark before the name of the person through whom a row matched.
const PERSON_MARK: &str = "@";
/// Columns between a headline and the person who matched (the `@` stands in the last one).
const PERSON_GAP: usize = 2;
/// Fewest columns left to a headline for the person who matched to be shown beside it.
const MIN_TITLE_COLS: usize = 8;

/// Columns of a fixed-width column, or None when it is hidden at this row width; `years` when
/// dates are shown with their year.
fn fixed_width(column: Column, width: usize, years: bool) -> Option<usize> {
    match column {
        Column::Marks => Some(2),
        Column::Date if years => (width >= 20).then_some(YEAR_DATE_COLS + 1),
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

/// Draws the list pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let focused = app.focus == Focus::List && !app.editing;
    let mut title = String::from(" Articles ");
    if app.sort != crate::tui::order::SortKey::Relevance {
        title.push_str(&format!("· by {} ", app.sort.label()));
    }
    if app.unread_only {
        title.push_str("· unread ");
    }
    Block::bordered()
        .title(title)
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
        super::set_str(
            buf,
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
    let years = app.store.spans_years();
    let fixed: usize = columns
        .iter()
        .filter_map(|&c| fixed_width(c, width, years))
        .sum();
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
                if let Some(w) = fixed_width(column, width, years) {
                    let date = app.store.date_key(id).show(years);
                    cell(buf, &mut x, &date, w, theme.dim());
                }
            }
            Column::Region => {
                if let Some(w) = fixed_width(column, width, years) {
                    cell(buf, &mut x, a.region().unwrap_or(""), w, Style::new());
                }
            }
            Column::Kind => {
                cell(buf, &mut x, kind_mark(a.kind), 2, theme.accent());
                let doubt = if a.doubts.any() { DOUBT_MARK } else { " " };
                cell(buf, &mut x, doubt, 1, theme.dim());
            }
            Column::Title => {
                let mut room = width.saturating_sub(fixed).min(usize::from(r.right() - x));
                let (title, untitled) = headline(a);
                let mut style = Style::new();
                let body_only = app.body_only_match(id);
                let mut mark = |buf: &mut Buffer, x: &mut u16, s: &str, style: Style| {
                    let start = *x;
                    let w = text::width(s).min(room);
                    cell(buf, x, s, w, style);
                    room -= usize::from(*x - start);
                };
                if body_only {
                    mark(buf, &mut x, TEXT_MARK, theme.dim());
                }
                if untitled {
                    style = theme.untitled();
                    mark(buf, &mut x, UNTITLED_MARK, style);
                }
                let query = app.results.as_ref().map(|res| &res.query);
                let positions = match query {
                    Some(q) => app.store.headline_positions(id, q),
                    None => Vec::new(),
                };
                let person = match query {
                    Some(q) if !body_only => found::matched_person(&app.store, id, q),
                    _ => None,
                };
                let tag = person
                    .map(|(p, at)| (app.store.person_name(p), at))
                    .filter(|(name, _)| room >= text::width(name) + PERSON_GAP + MIN_TITLE_COLS);
                let title_room = match &tag {
                    Some((name, _)) => room - text::width(name) - PERSON_GAP,
                    None => room,
                };
                write_highlighted(
                    buf,
                    x,
                    r.y,
                    &title,
                    &positions,
                    title_room,
                    base.patch(style),
                    base.patch(theme.highlight()),
                );
                if let Some((name, at)) = tag {
                    // The person who matched, at the end of the row: `@` and the name dim,
                    // the matched characters highlighted.
                    let at_x = x + (title_room + PERSON_GAP) as u16;
                    let at_cols = text::width(PERSON_MARK);
                    super::set_str(
                        buf,
                        at_x - at_cols as u16,
                        r.y,
                        PERSON_MARK,
                        at_cols,
                        base.patch(theme.dim()),
                    );
                    let name_cols = room - title_room - PERSON_GAP;
                    write_highlighted(
                        buf,
                        at_x,
                        r.y,
                        name,
                        &at,
                        name_cols,
                        base.patch(theme.dim()),
                        base.patch(theme.highlight()),
                    );
                }
                x += room as u16;
            }
        }
    }
}

/// Writes `s` in at most `room` columns, characters at `positions` in `hl`; a string too
/// long is cut with `…` where it shows the first highlighted character ([`window`]).
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
    let chars: Vec<char> = s.chars().collect();
    let shown = window(&chars, positions.first().copied(), room);
    let ellipsis = text::char_width(text::ELLIPSIS);
    if shown.lead {
        super::set_str(buf, x, y, "…", ellipsis, style);
        x += ellipsis as u16;
    }
    let mut tmp = [0u8; 4];
    for (i, &c) in chars.iter().enumerate().take(shown.end).skip(shown.start) {
        let cs: &str = c.encode_utf8(&mut tmp);
        let w = text::char_width(c);
        let st = if positions.binary_search(&i).is_ok() {
            hl
        } else {
            style
        };
        super::set_str(buf, x, y, cs, w, st);
        x += w as u16;
    }
    if shown.trail {
        super::set_str(buf, x, y, "…", ellipsis, style);
    }
}

/// Characters of a string shown in a column, and where `…` stands for the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    /// First character shown.
    start: usize,
    /// End of the characters shown (exclusive).
    end: usize,
    /// A `…` before them.
    lead: bool,
    /// A `…` after them.
    trail: bool,
}

/// Characters shown before the first match when the start of a headline is cut off.
const MATCH_CONTEXT: usize = 2;

/// Which of `chars` fit in `room` display columns: all when they fit; else the start, cut with
/// `…`; but when the character at `first` (the first match) would be cut off, the start is
/// cut instead (`…` first), keeping [`MATCH_CONTEXT`] characters before the match, or as much
/// of the end as fits. A double-width character is never cut in half.
fn window(chars: &[char], first: Option<usize>, room: usize) -> Window {
    let widths: Vec<usize> = chars.iter().map(|&c| text::char_width(c)).collect();
    let total: usize = widths.iter().sum();
    if total <= room {
        return Window {
            start: 0,
            end: chars.len(),
            lead: false,
            trail: false,
        };
    }
    let ellipsis = text::char_width(text::ELLIPSIS);
    // The most characters from `start` on that fit in `cols` columns.
    let fit_from = |start: usize, cols: usize| {
        let mut used = 0;
        let mut end = start;
        while end < widths.len() && used + widths[end] <= cols {
            used += widths[end];
            end += 1;
        }
        end
    };
    let cut_end = Window {
        start: 0,
        end: fit_from(0, room.saturating_sub(ellipsis)),
        lead: false,
        trail: room >= ellipsis,
    };
    let Some(first) = first.filter(|&f| f >= cut_end.end && f < chars.len()) else {
        return cut_end;
    };
    // The whole end fits after a leading `…` from `tail` on.
    let mut tail = chars.len();
    let mut used = 0;
    while tail > 0 && used + widths[tail - 1] + ellipsis <= room {
        used += widths[tail - 1];
        tail -= 1;
    }
    let mut start = first.saturating_sub(MATCH_CONTEXT);
    if start >= tail {
        return Window {
            start: tail,
            end: chars.len(),
            lead: true,
            trail: false,
        };
    }
    // With `…` on both sides, the match itself must still fit.
    let both = room.saturating_sub(2 * ellipsis);
    while start < first && widths[start..=first].iter().sum::<usize>() > both {
        start += 1;
    }
    if start == 0 || widths[start..=first].iter().sum::<usize>() > both {
        return cut_end;
    }
    Window {
        start,
        end: fit_from(start, both),
        lead: true,
        trail: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a window shows, as text.
    fn shown(s: &str, first: Option<usize>, room: usize) -> String {
        let chars: Vec<char> = s.chars().collect();
        let w = window(&chars, first, room);
        let mid: String = chars[w.start..w.end].iter().collect();
        let out = format!(
            "{}{mid}{}",
            if w.lead { "…" } else { "" },
            if w.trail { "…" } else { "" }
        );
        assert!(text::width(&out) <= room, "{out:?} is wider than {room}");
        out
    }

    #[test]
    fn a_headline_that_fits_is_whole() {
        assert_eq!(shown("孟州市召开会议", Some(5), 14), "孟州市召开会议");
        assert_eq!(shown("abc", None, 3), "abc");
    }

    #[test]
    fn a_match_in_the_visible_start_cuts_the_end() {
        assert_eq!(shown("孟州市召开项目推进会议", Some(1), 12), "孟州市召开…");
        assert_eq!(shown("孟州市召开项目推进会议", None, 12), "孟州市召开…");
    }

    #[test]
    fn a_match_beyond_the_column_cuts_the_start_instead() {
        // 会 (index 9) would be cut off: the start goes, two characters before it stay.
        let s = "孟州市召开项目推进专题会议并部署工作";
        assert_eq!(shown(s, Some(11), 12), "…专题会议并…");
        assert_eq!(shown(s, Some(11), 16), "…专题会议并部署…");
        // Near the end, as much of the end as fits.
        assert_eq!(shown(s, Some(16), 12), "…并部署工作");
        assert_eq!(shown(s, Some(17), 13), "…议并部署工作");
        // Too narrow for the match between two `…`: the start is shown.
        assert_eq!(shown(s, Some(11), 3), "孟…");
    }

    #[test]
    fn a_double_width_character_is_never_halved() {
        let s = "孟州市召开项目推进专题会议并部署工作";
        for room in 0..40 {
            for first in [None, Some(0), Some(9), Some(17)] {
                let out = shown(s, first, room);
                if let Some(f) = first
                    && room >= 6
                {
                    let c = s.chars().nth(f).expect("in range");
                    assert!(out.contains(c), "{out:?} hides {c} at {room}");
                }
            }
        }
        // Mixed widths: an odd room leaves a blank column rather than half a character.
        assert_eq!(shown("ab孟州市召开项目", Some(8), 8), "…开项目");
        assert_eq!(shown("ab孟州市召开项目", Some(8), 9), "…召开项目");
    }
}
