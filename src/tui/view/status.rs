//! The status bar: counts, the person restriction, a one-off notice, and the most useful keys.
//!
//! Key hints are built from the effective bindings, so a rebound key is hinted as rebound.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Theme;
use crate::text;
use crate::tui::app::{App, Focus, Mode};

/// Draws the status bar.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if app.mode() == Mode::Find {
        render_find(app, area, buf, theme);
        return;
    }
    let total = app.store.len();
    let (count, noun) = match app.mode() {
        Mode::People | Mode::PeopleFilter => (
            format!(" {}/{}", app.people.len(), app.store.people().len()),
            " people",
        ),
        _ => (format!(" {}/{}", app.set_len(), total), " articles"),
    };
    let mut left = String::new();
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
    if app.searching || app.body_waiting() {
        left.push_str(" · searching…");
    }
    if app.indexing {
        match app.index_percent() {
            Some(percent) => left.push_str(&format!(" · indexing text {percent}%")),
            None => left.push_str(" · indexing text…"),
        }
    }
    let body_rows = app.body_only.as_ref().map_or(0, |b| b.len());
    if body_rows > 0 {
        left.push_str(&format!(" · {body_rows} by text"));
    }
    // A notice first; then why the filter is no query; then, over the list, where the
    // selected article, listed for its text only, holds the words (the reader marks them).
    let over_list = matches!(app.mode(), Mode::Filter | Mode::Browse(Focus::List));
    let in_reader = app.mode() == Mode::Browse(Focus::Reader);
    let found = find_summary(app).filter(|_| in_reader);
    let notice = app
        .notice
        .as_deref()
        .or(found.as_deref())
        .or(app.filter_hint.as_deref())
        .or(app.snippet.as_deref().filter(|_| over_list));
    let k = |name: &str| app.config.keys.first_key(name);
    let hint = |name: &str, label: &str| format!("{} {label}", k(name));
    // Hints in display order, each with its rank: the highest rank is dropped first when the
    // bar is too narrow; `help` (rank 0) is never dropped.
    let hints: Vec<(String, u8)> = match app.mode() {
        Mode::Filter => vec![
            (hint("scope", "scope"), 2),
            (hint("accept", "list"), 1),
            (hint("leave_input", "done"), 0),
        ],
        Mode::PeopleFilter => vec![
            (hint("choose_person", "articles"), 1),
            (hint("leave_input", "done"), 0),
        ],
        Mode::People => vec![
            (hint("choose_person", "articles"), 3),
            (hint("filter", "filter"), 2),
            (hint("close_people", "back"), 1),
            (hint("help", "help"), 0),
        ],
        Mode::Overlay => vec![
            (format!("{} {} scroll", k("down"), k("up")), 1),
            (hint("close_overlay", "close"), 0),
        ],
        Mode::Find => Vec::new(),
        Mode::Browse(Focus::Reader) => vec![
            (hint("find", "find"), 1),
            (hint("people", "people"), 2),
            (hint("focus_next", "pane"), 3),
            (hint("bookmark", "bookmark"), 5),
            (hint("help", "help"), 0),
            (hint("quit", "quit"), 4),
        ],
        Mode::Browse(Focus::List) => vec![
            (hint("filter", "filter"), 1),
            (hint("people", "people"), 2),
            (hint("focus_next", "pane"), 3),
            (hint("bookmark", "bookmark"), 5),
            (hint("help", "help"), 0),
            (hint("quit", "quit"), 4),
        ],
    };
    let text = compose(
        &format!("{count}{noun}{left}"),
        &format!("{count}{left}"),
        notice,
        hints,
        usize::from(area.width),
    );
    super::put(buf, area.x, area.y, &text, area.width, theme.status());
}

/// The article search in force, for the status bar over the reader: what is looked for,
/// which match the reader is at, and the keys.
fn find_summary(app: &App) -> Option<String> {
    let text = app.find_text()?;
    let k = |name: &str| app.config.keys.first_key(name);
    let n = app.reader.matches.len();
    let at = match app.reader.current_match {
        Some(i) if n > 0 => format!("{}/{n}", i + 1),
        _ => format!("{n}"),
    };
    Some(format!(
        "/{text} · {at} · {} {} step · {} ends",
        k("next_article"),
        k("prev_article"),
        k("clear_filter")
    ))
}

/// Columns the prompt of the article search takes before its input.
const FIND_PROMPT: &str = "/";

/// Fewest columns the search prompt keeps for its input before it drops its key hints, and
/// then its count of lines.
const FIND_INPUT_COLS: usize = 12;

/// The right side of the search prompt in a bar `width` columns wide: how many lines match,
/// and the keys, as much of it as leaves the input [`FIND_INPUT_COLS`].
fn find_right(app: &App, width: usize) -> String {
    let k = |name: &str| app.config.keys.first_key(name);
    let count = match (app.find_text(), app.reader.matches.len()) {
        (None, _) => String::new(),
        (Some(_), 0) => "no match ".to_owned(),
        (Some(_), 1) => "1 line ".to_owned(),
        (Some(_), n) => format!("{n} lines "),
    };
    let keys = format!("│  {} jump  {} cancel ", k("accept"), k("leave_input"));
    let room = width.saturating_sub(text::width(FIND_PROMPT) + 1 + FIND_INPUT_COLS);
    [format!("{count} {keys}"), count]
        .into_iter()
        .find(|r| text::width(r) <= room)
        .unwrap_or_default()
}

/// Columns the input of the search prompt has in a bar `width` columns wide.
fn find_room(app: &App, width: usize) -> usize {
    width.saturating_sub(text::width(FIND_PROMPT) + text::width(&find_right(app, width)) + 1)
}

/// Draws the prompt of the article search in place of the bar, as less does.
fn render_find(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(find) = &app.find else {
        return;
    };
    let width = usize::from(area.width);
    let room = find_room(app, width);
    let (shown, _) = find.input.window(room);
    let line = format!(
        "{FIND_PROMPT}{} {}",
        text::pad_right(&shown, room),
        find_right(app, width)
    );
    super::put(buf, area.x, area.y, &line, area.width, theme.status());
}

/// Column of the cursor in the search prompt, from the bar's left edge.
pub fn find_cursor(app: &App, area: Rect) -> Option<u16> {
    let find = app.find.as_ref()?;
    let room = find_room(app, usize::from(area.width));
    if room == 0 {
        return None;
    }
    let (_, col) = find.input.window(room);
    u16::try_from(text::width(FIND_PROMPT) + col).ok()
}

/// The bar's text in `width` columns: the counts (`short` when `left` does not fit; the notice
/// takes their place when both do not fit), then as many key hints as fit, dropping the
/// highest ranks first. The help hint (rank 0) is always kept; what is left is cut last.
fn compose(
    left: &str,
    short: &str,
    notice: Option<&str>,
    mut hints: Vec<(String, u8)>,
    width: usize,
) -> String {
    const SEP: &str = "  │  ";
    let join = |hints: &[(String, u8)]| {
        hints
            .iter()
            .map(|(h, _)| h.as_str())
            .collect::<Vec<_>>()
            .join("  ")
    };
    let fits = |lead: &str, hints: &[(String, u8)]| {
        text::width(lead) + text::width(SEP) + text::width(&join(hints)) <= width
    };
    let candidates = match notice {
        Some(n) => vec![format!("{left}{SEP}{n}"), format!(" {n}")],
        None => vec![left.to_owned(), short.to_owned()],
    };
    let kept: Vec<(String, u8)> = hints.iter().filter(|(_, r)| *r == 0).cloned().collect();
    let lead = candidates
        .iter()
        .find(|c| fits(c, &kept))
        .or(candidates.last())
        .cloned()
        .unwrap_or_default();
    while !fits(&lead, &hints) {
        let Some(drop) = hints
            .iter()
            .enumerate()
            .filter(|(_, (_, rank))| *rank > 0)
            .max_by_key(|(_, (_, rank))| *rank)
            .map(|(i, _)| i)
        else {
            break;
        };
        hints.remove(drop);
    }
    let right = join(&hints);
    let room = width.saturating_sub(text::width(SEP) + text::width(&right));
    format!("{}{SEP}{right}", text::truncate(&lead, room))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn browse() -> Vec<(String, u8)> {
        [
            ("/ filter", 1),
            ("p people", 2),
            ("tab pane", 3),
            ("? help", 0),
        ]
        .map(|(h, r)| (h.to_owned(), r))
        .to_vec()
    }

    #[test]
    fn narrow_bars_keep_help_and_the_notice() {
        let wide = compose(" 51/51 articles", " 51/51", None, browse(), 80);
        assert_eq!(
            wide,
            " 51/51 articles  │  / filter  p people  tab pane  ? help"
        );
        let narrow = compose(" 51/51 articles", " 51/51", None, browse(), 40);
        assert_eq!(narrow, " 51/51 articles  │  / filter  ? help");
        assert!(text::width(&narrow) <= 40);
        let notice = "1 file could not be read · ! lists them";
        let said = compose(" 51/51 articles", " 51/51", Some(notice), browse(), 52);
        assert!(said.contains(notice) && said.ends_with("? help"), "{said}");
        let both = compose(" 51/51 articles", " 51/51", Some(notice), browse(), 80);
        assert!(both.starts_with(" 51/51 articles  │  1 file"), "{both}");
        assert!(text::width(&said) <= 52, "{said}");
        let tight = compose(" 51/51 articles", " 51/51", Some(notice), browse(), 20);
        assert!(tight.ends_with("│  ? help"), "{tight}");
        assert!(text::width(&tight) <= 20, "{tight}");
        let counts = " 51/51 articles · 2 files failed";
        let short = compose(counts, " 51/51 · 2 files failed", None, browse(), 40);
        assert_eq!(short, " 51/51 · 2 files failed  │  ? help");
    }
}
