//! The popups' content laid out for a width: the help, and the files that failed to load.
//!
//! Update needs the number of lines to scroll a popup and the view needs the lines to draw it,
//! so both come from here, as pure functions of the app and the terminal size. The help is
//! built from the bindings in force, so it never disagrees with the keys; each description
//! wraps under its own column instead of being cut, so the popup fits any width it is drawn at,
//! and a popup taller than the screen scrolls.

use ratatui::layout::Rect;

use super::app::{App, Overlay};
use crate::text;

/// Widest a popup gets, in columns.
const MAX_WIDTH: u16 = 84;
/// Widest the key column gets.
const KEY_COLS: usize = 16;

/// What a popup line is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A section heading.
    Heading,
    /// A row whose first `key_cols` columns are a key or a mark.
    Row,
    /// Plain text.
    Text,
}

/// One line of a popup, already fitted to its width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The text (never wider than the popup's inside).
    pub text: String,
    /// How it is drawn.
    pub kind: Kind,
    /// Columns at the start drawn as a key (for [`Kind::Row`]).
    pub key_cols: usize,
}

impl Line {
    fn heading(s: &str, width: usize) -> Line {
        Line {
            text: text::truncate(s, width).into_owned(),
            kind: Kind::Heading,
            key_cols: 0,
        }
    }

    fn text(s: String) -> Line {
        Line {
            text: s,
            kind: Kind::Text,
            key_cols: 0,
        }
    }
}

/// The marks of the article list and what they mean.
pub const LEGEND: &[(&str, &str)] = &[
    (
        "•",
        "not read yet (an article is read once opened in the reader: the reader has the keys)",
    ),
    ("*", "bookmarked"),
    ("图", "photo caption"),
    ("简", "brief: one ● item of a briefs column"),
    ("评", "commentary: a signed opinion piece"),
    ("〜", "no headline printed: its first words stand in"),
    (
        "文",
        "before the headline: listed because the article's text holds the filter's words \
         (over the list, the status bar shows where)",
    ),
    (
        "@",
        "at the end of a row: the person through whom the article matched the filter \
         (@name, pinyin), the matched characters highlighted",
    ),
    (
        "?",
        "after the kind mark: the page model was unsure where the article starts or ends, \
         or which headline is its (the reader's 存疑 line says which)",
    ),
];

/// The query language of the filter, as `(query, what it matches)`.
pub const QUERY: &[(&str, &str)] = &[
    (
        "黄河 生态",
        "both words: headline, people, region (fuzzy, pinyin); the text too, for words of two characters or more once the index is ready",
    ),
    ("\"黄河 流域\"", "the exact phrase"),
    ("!会议", "without the word"),
    ("孟州 | 温县", "either"),
    (
        "'生态 ^孟州 保护$",
        "the headline holds, starts with, ends with",
    ),
    ("@李建超  @", "a person matches; names anyone"),
    (
        "date:2023-03",
        "that month; date:2022-12-01..2023-01-31, date:2023.., date:..2022-06",
    ),
    ("region:孟州", "the region holds it (pinyin accepted)"),
    ("kind:photo", "news, photo, brief or commentary"),
    (
        "is:bookmarked",
        "the bookmarks; is:unread the articles not read",
    ),
];

/// What a number typed before a key does.
pub const COUNTS: &str = "A number before a movement repeats it, as in vim: 5j moves five rows, \
     3 space three pages, 12G goes to row 12.";

/// What the mouse does.
pub const MOUSE: &[&str] = &[
    "The wheel scrolls the pane under the pointer; a click selects a row, focuses a pane, \
     or starts the filter.",
    "The reader takes the mouse: hold Shift (Option in some terminals) while dragging to \
     select text as usual, or press y to copy the article.",
];

/// Where a popup goes in `area`, sized for its content; None when there is no room.
pub fn popup(app: &App, area: Rect) -> Option<Rect> {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    if width < 12 || area.height < 5 {
        return None;
    }
    let lines = lines(app, usize::from(width - 2)).len();
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2));
    Some(Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    })
}

/// The lines of the open popup for an inside `width` columns wide.
pub fn lines(app: &App, width: usize) -> Vec<Line> {
    match app.overlay {
        Some(Overlay::Help) => help(app, width),
        Some(Overlay::Failures) => failures(app, width),
        None => Vec::new(),
    }
}

/// The popup's title.
pub fn title(app: &App) -> String {
    match app.overlay {
        Some(Overlay::Failures) => format!(" Not loaded: {} ", app.failures.len()),
        _ => " Help ".to_owned(),
    }
}

/// The popup for the app's terminal size.
fn current(app: &App) -> Option<(Rect, usize)> {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let p = popup(app, area)?;
    let inner = usize::from(p.height.saturating_sub(2));
    Some((p, inner))
}

/// Rows of the popup's inside at the app's terminal size (one page of scrolling).
pub fn page_rows(app: &App) -> usize {
    current(app).map_or(1, |(_, rows)| rows.saturating_sub(1).max(1))
}

/// The last scroll position that still fills the popup.
pub fn max_scroll(app: &App) -> usize {
    let Some((p, rows)) = current(app) else {
        return 0;
    };
    lines(app, usize::from(p.width.saturating_sub(2)))
        .len()
        .saturating_sub(rows)
}

/// Rows of `(key, text)` with the text wrapped beside a key column of `key_cols` (the key on
/// a line of its own when it is wider).
fn rows<'a>(
    out: &mut Vec<Line>,
    items: impl IntoIterator<Item = (String, &'a str)>,
    key_cols: usize,
    width: usize,
) {
    let key_cols = key_cols.min(width / 3).max(1);
    // One space before the key, one after.
    let room = width.saturating_sub(key_cols + 2).max(1);
    for (key, what) in items {
        let mut wrapped = text::wrap(what, room).into_iter();
        if text::width(&key) <= key_cols {
            let first = wrapped.next().unwrap_or_default();
            out.push(Line {
                text: format!(" {} {first}", text::pad_right(&key, key_cols)),
                kind: Kind::Row,
                key_cols: key_cols + 1,
            });
        } else {
            let key = text::truncate(&key, width.saturating_sub(1)).into_owned();
            out.push(Line {
                key_cols: text::width(&key) + 1,
                text: format!(" {key}"),
                kind: Kind::Row,
            });
        }
        let indent = " ".repeat(key_cols + 2);
        out.extend(wrapped.map(|l| Line::text(format!("{indent}{l}"))));
    }
}

/// Text wrapped in `width` with one column of margin.
fn para(out: &mut Vec<Line>, s: &str, width: usize) {
    let lines = text::wrap(s, width.saturating_sub(2).max(1));
    out.extend(lines.into_iter().map(|l| Line::text(format!(" {l}"))));
}

/// Every key binding in force, the legend of the list's marks, and the mouse.
fn help(app: &App, width: usize) -> Vec<Line> {
    let mut out = vec![Line::heading(" Keys", width)];
    let keys = app
        .config
        .keys
        .iter()
        .filter(|(_, keys)| !keys.is_empty())
        .map(|(cmd, keys)| {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            (keys.join(" "), cmd.help)
        });
    rows(&mut out, keys, KEY_COLS, width);
    para(&mut out, COUNTS, width);
    out.push(Line::text(String::new()));
    out.push(Line::heading(" Filter queries", width));
    let queries = QUERY.iter().map(|&(q, what)| (q.to_owned(), what));
    rows(&mut out, queries, KEY_COLS, width);
    out.push(Line::text(String::new()));
    out.push(Line::heading(" Marks in the list", width));
    let marks = LEGEND.iter().map(|&(m, what)| (m.to_owned(), what));
    rows(&mut out, marks, 2, width);
    out.push(Line::text(String::new()));
    out.push(Line::heading(" Mouse", width));
    for p in MOUSE {
        para(&mut out, p, width);
    }
    out
}

/// The files that could not be loaded, each with why.
fn failures(app: &App, width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for f in &app.failures {
        let lines = text::wrap(f, width.saturating_sub(4).max(1));
        for (i, l) in lines.into_iter().enumerate() {
            let lead = if i == 0 { " • " } else { "   " };
            out.push(Line::text(format!("{lead}{l}")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::TuiOptions;
    use std::sync::Arc;

    fn help_app() -> App {
        let mut app = App::new(Arc::default(), &TuiOptions::default());
        crate::tui::update::start(&mut app);
        app.overlay = Some(Overlay::Help);
        app
    }

    #[test]
    fn help_lines_fit_every_width_and_name_every_mark() {
        let app = help_app();
        for width in [8, 20, 36, 60, 82] {
            let lines = lines(&app, width);
            for l in &lines {
                assert!(text::width(&l.text) <= width, "{width}: {:?}", l.text);
            }
            let all: String = lines.iter().map(|l| l.text.as_str()).collect();
            for (mark, _) in LEGEND {
                assert!(all.contains(mark), "{mark} at {width}");
            }
            assert!(all.contains("Shift"), "mouse note at {width}");
        }
    }

    #[test]
    fn a_help_taller_than_the_screen_scrolls() {
        let mut app = help_app();
        app.size = (40, 12);
        let p = popup(&app, Rect::new(0, 0, 40, 12)).expect("room");
        assert!(p.right() <= 40 && p.bottom() <= 12);
        assert!(max_scroll(&app) > 0);
        app.size = (200, 100);
        assert_eq!(max_scroll(&app), 0, "everything fits on a big screen");
    }

    #[test]
    fn help_shows_the_query_syntax_that_the_readme_lists() {
        let app = help_app();
        let shown: String = help(&app, 100).iter().map(|l| l.text.clone()).collect();
        let readme = include_str!("../../README.md");
        for (query, _) in QUERY {
            assert!(shown.contains(query), "{query} not in the help");
            let first = query.split_whitespace().next().unwrap_or(query);
            let first = first.replace('|', "\\|");
            assert!(readme.contains(&first), "{first} not in the README");
            assert!(
                crate::query::Query::parse(query).is_ok(),
                "{query} does not parse"
            );
        }
    }

    #[test]
    fn help_and_readme_say_the_same_about_read() {
        let readme = include_str!("../../README.md");
        let said = "read once opened in the";
        assert!(LEGEND[0].1.contains(said), "{}", LEGEND[0].1);
        assert!(readme.contains(said), "the README's saved-state section");
        assert!(!readme.contains("shown in the reader is read"));
    }
}
