//! Applies an [`Action`] to the [`App`]: the only place state changes, with no I/O.
//!
//! Filter edits do not search here; they leave a [`super::app::SearchRequest`] in the state
//! for the event loop to hand to the worker thread, and the worker's answer comes back as
//! [`Action::SearchDone`]. After every action [`sync`] re-establishes the invariants (the
//! selections are in range and on screen, the reader shows the selected article laid out for
//! the current width), so no action handler has to remember them.

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Focus, Mode, Overlay, PeoplePane, Screen, Selection};
use super::doc;
use super::layout::{self, Panes};
use super::order;
use crate::search;
use crate::search::SearchRequest;

/// Rows moved by one wheel notch.
const WHEEL_ROWS: isize = 3;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    let mode = app.mode();
    if by_the_user(&action) {
        // A notice stays until the user's next key.
        app.notice = None;
        app.acted |= !matches!(action, Action::ToggleHelp | Action::ShowFailures);
    }
    // A count applies to the next action only (`5j`); anything else drops it.
    let count = match action {
        Action::Digit(_) => None,
        _ => app.count.take(),
    };
    let times = count.unwrap_or(1).max(1) as isize;
    match action {
        Action::Quit => app.quit = true,
        Action::Up => step(app, mode, -times),
        Action::Down => step(app, mode, times),
        Action::PageUp => step(app, mode, -page(app, mode) * times),
        Action::PageDown => step(app, mode, page(app, mode) * times),
        Action::HalfPage(down) => {
            let half = (page(app, mode) + 1) / 2 * times;
            step(app, mode, if down { half } else { -half });
        }
        Action::PageDownOrNext => page_down_or_next(app, mode),
        Action::Digit(d) => {
            if d > 0 || app.count.is_some() {
                let n = count_digit(count.or(app.count), d);
                app.count = Some(n);
            }
        }
        Action::Top | Action::Bottom if count.is_some() => {
            // `5G` as in vim: to row (or line) 5.
            step(app, mode, isize::MIN / 2);
            step(app, mode, times - 1);
        }
        Action::Top => step(app, mode, isize::MIN / 2),
        Action::Bottom => step(app, mode, isize::MAX / 2),
        Action::CycleSort => {
            rearrange(app, |app| app.sort = app.sort.next());
            app.notice = Some(format!("sorted by {}", app.sort.label()));
        }
        Action::ToggleUnreadOnly => {
            rearrange(app, |app| {
                app.unread_only = !app.unread_only;
                app.view_refresh += 1;
            });
            let shown = if app.unread_only {
                "unread articles only"
            } else {
                "all articles"
            };
            app.notice = Some(shown.to_owned());
        }
        Action::JumpDate { forward, month } => match order::date_jump(app, forward, month) {
            Some(i) => app.list.selected = i,
            None => {
                let way = if forward { "later" } else { "earlier" };
                let unit = if month { "month" } else { "day" };
                app.notice = Some(format!("no {way} {unit} in the list"));
            }
        },
        Action::ToggleRead => toggle_read(app),
        Action::NextUnread => match order::next_unread(app) {
            Some(i) => app.list.selected = i,
            None => app.notice = Some("no unread article in the list".to_owned()),
        },
        Action::OpenPager => app.pager = article_text(app),
        Action::Copy => {
            if let Some(text) = article_text(app) {
                app.notice = Some(format!(
                    "copied {} characters (OSC 52: the terminal must allow it)",
                    text.chars().count()
                ));
                app.clipboard = Some(text);
            }
        }
        Action::FocusNext | Action::FocusPrev => cycle_panes(app),
        Action::FocusReader | Action::Open => app.focus = Focus::Reader,
        Action::FocusList => app.focus = Focus::List,
        Action::NextArticle => app.list.move_by(times, app.set_len()),
        Action::PrevArticle => app.list.move_by(-times, app.set_len()),
        Action::EditFilter => app.editing = true,
        Action::Insert(c) => edit(app, |i| {
            i.insert(c);
            true
        }),
        Action::Paste(text) => {
            if !app.editing {
                app.editing = true;
                app.overlay = None;
            }
            edit(app, |i| {
                i.insert_str(&text);
                !text.is_empty()
            });
        }
        Action::Backspace => edit(app, |i| i.backspace()),
        Action::Delete => edit(app, |i| i.delete()),
        Action::DeleteWordBack => edit(app, super::line::LineInput::delete_word_back),
        Action::DeleteToStart => edit(app, super::line::LineInput::delete_to_start),
        Action::DeleteToEnd => edit(app, super::line::LineInput::delete_to_end),
        Action::WordLeft => edit(app, |i| {
            i.word_left();
            false
        }),
        Action::WordRight => edit(app, |i| {
            i.word_right();
            false
        }),
        Action::ClearInput => edit(app, |i| {
            let had = !i.text().is_empty();
            i.clear();
            had
        }),
        Action::CursorLeft => edit(app, |i| {
            i.left();
            false
        }),
        Action::CursorRight => edit(app, |i| {
            i.right();
            false
        }),
        Action::CursorHome => edit(app, |i| {
            i.home();
            false
        }),
        Action::CursorEnd => edit(app, |i| {
            i.end();
            false
        }),
        Action::CycleScope => {
            app.scope = app.scope.next();
            app.results = None;
            refilter(app);
        }
        Action::ToggleBookmark => toggle_bookmark(app),
        Action::LeaveInput => {
            app.editing = false;
            applied(app);
        }
        Action::ClearFilter => {
            if !app.filter.text().is_empty() || app.person.is_some() {
                // The selected article stays selected in the wider list.
                app.pending_select = app.selected_article();
                app.filter.clear();
                app.person = None;
                app.results = None;
                refilter(app);
            }
            applied(app);
        }
        Action::Accept => {
            app.editing = false;
            app.focus = Focus::List;
            applied(app);
        }
        Action::OpenPeople => {
            app.screen = Screen::People;
            app.people_pane = PeoplePane::List;
            app.editing = false;
        }
        Action::ClosePeople => {
            app.screen = Screen::Articles;
            app.editing = false;
        }
        Action::ChoosePerson => choose_person(app),
        Action::ToggleHelp => open_overlay(app, Overlay::Help),
        Action::CloseOverlay => app.overlay = None,
        Action::Resize(w, h) => app.size = (w, h),
        Action::Wheel { column, row, down } => wheel(app, Position::new(column, row), down),
        Action::Click { column, row } => click(app, Position::new(column, row)),
        Action::SearchDone(generation, results) => {
            if generation == app.generation {
                app.results = Some(results);
                app.searching = false;
                app.list = Selection::default();
                select_pending(app);
            }
        }
        Action::LoadProgress(progress) => super::loader::progress(app, progress),
        Action::StoreLoaded(store, last) => super::loader::replace_store(app, store, last),
        Action::StateRestored(state, notice) => restore_state(app, &state, notice),
        Action::LoadFailures(failures) => {
            let n = failures.len();
            app.failures = failures;
            let files = if n == 1 { "file" } else { "files" };
            app.notice = Some(format!(
                "{n} {files} could not be read · {} lists them",
                app.config.keys.first_key("failures")
            ));
        }
        Action::ShowFailures => {
            if app.failures.is_empty() {
                app.notice = Some("every file was read".to_owned());
            } else {
                open_overlay(app, Overlay::Failures);
            }
        }
    }
    sync(app);
}

/// Whether `action` is the user's doing (not the terminal's, a worker's or the loader's).
fn by_the_user(action: &Action) -> bool {
    !matches!(
        action,
        Action::Resize(..)
            | Action::SearchDone(..)
            | Action::LoadProgress(..)
            | Action::StoreLoaded(..)
            | Action::StateRestored(..)
            | Action::LoadFailures(..)
    )
}

/// The panes for the current terminal size.
fn panes(app: &App) -> Option<Panes> {
    layout::panes(Rect::new(0, 0, app.size.0, app.size.1), app)
}

/// Rows visible in the article list.
fn list_height(app: &App) -> usize {
    let p = panes(app);
    let r = p.and_then(|p| p.list.or(p.reader));
    r.map_or(1, |r| layout::inner(r).height as usize)
}

/// The reader's text area (the list's place when only the list is shown).
fn reader_area(app: &App) -> Rect {
    let p = panes(app);
    p.and_then(|p| p.reader.or(p.list))
        .map_or(Rect::default(), layout::reader_text)
}

/// Columns the reader's lines may take: the pane's width, at most the configured reading
/// width (two columns a character).
fn reading_width(app: &App) -> usize {
    let pane = reader_area(app).width as usize;
    match usize::from(app.config.reading_width) {
        0 => pane,
        chars => pane.min(chars * 2),
    }
}

/// Rows visible in the people list.
fn people_height(app: &App) -> usize {
    panes(app)
        .and_then(|p| p.people)
        .map_or(1, |r| layout::inner(r).height as usize)
}

/// One page of the pane the keys go to.
fn page(app: &App, mode: Mode) -> isize {
    let rows = match mode {
        Mode::Overlay => super::overlay::page_rows(app),
        Mode::Browse(Focus::Reader) => reader_area(app).height as usize,
        Mode::People | Mode::PeopleFilter => people_height(app),
        _ => list_height(app),
    };
    rows.saturating_sub(1).max(1) as isize
}

/// Opens `overlay` at its top, or closes it when it is the one open.
fn open_overlay(app: &mut App, overlay: Overlay) {
    if app.overlay == Some(overlay) {
        app.overlay = None;
    } else {
        app.overlay = Some(overlay);
        app.overlay_scroll = 0;
    }
}

/// Focuses the other pane of the screen: each screen has two, so forward and back are the
/// same step. Under 80 columns only the focused pane is shown, so this is also how the other
/// one is reached.
fn cycle_panes(app: &mut App) {
    match app.screen {
        Screen::Articles => {
            app.focus = match app.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::List,
            }
        }
        Screen::People => {
            app.people_pane = match app.people_pane {
                PeoplePane::List => PeoplePane::Person,
                PeoplePane::Person => PeoplePane::List,
            }
        }
    }
}

/// Moves the selection or scroll of the pane the keys go to by `delta` rows.
fn step(app: &mut App, mode: Mode, delta: isize) {
    match mode {
        Mode::Browse(Focus::Reader) => scroll_reader(app, delta),
        Mode::People if app.people_pane == PeoplePane::Person => {
            let rows = app
                .selected_person()
                .map_or(0, |p| app.store.person_count(p));
            app.person_scroll = app
                .person_scroll
                .saturating_add_signed(delta)
                .min(rows.saturating_sub(1));
        }
        Mode::People | Mode::PeopleFilter => {
            app.people_list.move_by(delta, app.people.len());
            app.person_scroll = 0;
        }
        Mode::Overlay => {
            let max = super::overlay::max_scroll(app);
            app.overlay_scroll = app.overlay_scroll.saturating_add_signed(delta).min(max);
        }
        Mode::Browse(Focus::List) | Mode::Filter => app.list.move_by(delta, app.set_len()),
    }
}

/// `count` with the digit `d` appended (at most 99 999).
fn count_digit(count: Option<usize>, d: u8) -> usize {
    (count.unwrap_or(0) * 10 + usize::from(d)).min(99_999)
}

/// Space in the reader: one page down, or the next article once the end is on screen.
fn page_down_or_next(app: &mut App, mode: Mode) {
    if mode == Mode::Browse(Focus::Reader) && app.reader.scroll >= max_scroll(app) {
        if app.list.selected + 1 < app.set_len() {
            app.list.move_by(1, app.set_len());
        } else {
            app.notice = Some("end of the last article".to_owned());
        }
    } else {
        step(app, mode, page(app, mode));
    }
}

/// Changes how the list is arranged with `f`, keeping the selected article selected.
fn rearrange(app: &mut App, f: impl FnOnce(&mut App)) {
    app.pending_select = app.selected_article();
    f(app);
    order::arrange(app);
    app.list = Selection::default();
    select_pending(app);
}

/// Marks the selected article read, or unread when it is read (it then stays unread while
/// it is shown).
fn toggle_read(app: &mut App) {
    let Some(id) = app.selected_article() else {
        return;
    };
    if app.marks.is_read(id) {
        app.marks.mark_unread(id);
        app.kept_unread = Some(id);
    } else {
        app.marks.mark_read(id);
    }
    app.marks_changed = true;
}

/// The selected article as plain text (headline, header lines, paragraphs) for the pager
/// and the clipboard.
fn article_text(app: &App) -> Option<String> {
    let id = app.selected_article()?;
    let lines: Vec<String> = doc::build(&app.store, id, usize::from(u16::MAX))
        .iter()
        .map(|l| l.iter().map(|r| r.text.as_str()).collect())
        .collect();
    Some(lines.join("\n") + "\n")
}

/// Scrolls the reader by `delta` lines within the article.
fn scroll_reader(app: &mut App, delta: isize) {
    let max = max_scroll(app);
    app.reader.scroll = app.reader.scroll.saturating_add_signed(delta).min(max);
}

/// The last scroll position that still fills the reader.
fn max_scroll(app: &App) -> usize {
    app.reader
        .doc
        .len()
        .saturating_sub(reader_area(app).height as usize)
}

/// Edits the input of the current screen; `f` says whether the text changed.
fn edit(app: &mut App, f: impl FnOnce(&mut super::line::LineInput) -> bool) {
    match app.screen {
        Screen::Articles => {
            if f(&mut app.filter) {
                refilter(app);
            }
        }
        Screen::People => {
            if f(&mut app.people_filter) {
                refilter_people(app);
            }
        }
    }
}

/// Starts a new search for the current filter (or clears the results when it is empty).
pub(crate) fn refilter(app: &mut App) {
    app.generation += 1;
    app.subset = app.scope.bookmarked_only().then(|| {
        let mut ids = app.marks.bookmarked();
        if let Some(p) = app.person {
            ids.retain(|&id| app.store.people_of_article(id).contains(&p));
        }
        ids.into()
    });
    let query = app.query();
    if query.is_empty() {
        app.results = None;
        app.searching = false;
        app.request = None;
        app.list = Selection::default();
        select_pending(app);
        return;
    }
    app.request = Some(SearchRequest {
        generation: app.generation,
        query,
        person: app.person,
        previous: app.results.clone(),
        candidates: app.subset.clone(),
    });
    app.searching = true;
}

/// Selects the article a restore or a bookmark change asked for, if it is in the set.
fn select_pending(app: &mut App) {
    order::arrange(app);
    if let Some(id) = app.pending_select.take()
        && let Some(i) = (0..app.set_len()).find(|&i| app.set_get(i) == Some(id))
    {
        app.list.selected = i;
        // Show the restored row in the middle of the list rather than at its edge.
        app.list.offset = i.saturating_sub(list_height(app) / 2);
    }
}

/// Bookmarks or unbookmarks the selected article.
///
/// In the bookmarked scope an unbookmarked article leaves the set at once; the selection
/// moves to its neighbour instead of jumping to the top.
fn toggle_bookmark(app: &mut App) {
    let Some(id) = app.selected_article() else {
        return;
    };
    let now = app.marks.toggle_bookmark(id);
    app.marks_changed = true;
    if app.scope.bookmarked_only() && !now {
        let i = app.list.selected;
        app.pending_select = app
            .set_get(i + 1)
            .or_else(|| i.checked_sub(1).and_then(|j| app.set_get(j)));
        app.results = None;
        refilter(app);
    }
}

/// Recomputes the people list for the people filter.
pub(crate) fn refilter_people(app: &mut App) {
    app.people = app
        .store
        .search_people(app.people_filter.text())
        .into_iter()
        .map(|h| h.id)
        .collect();
    app.people_list = Selection::default();
}

/// Records the filter as it stands as the one the user applied (the one saved at exit).
fn applied(app: &mut App) {
    if app.screen == Screen::Articles {
        app.applied = Some(app.current_filter());
    }
}

/// Restricts the article list to the selected person and returns to it.
fn choose_person(app: &mut App) {
    if let Some(p) = app.selected_person() {
        app.person = Some(p);
        app.filter.clear();
        app.results = None;
        refilter(app);
        app.screen = Screen::Articles;
        app.focus = Focus::List;
        app.list = Selection::default();
        applied(app);
    }
    app.editing = false;
}

/// Scrolls whatever pane is under the pointer.
fn wheel(app: &mut App, at: Position, down: bool) {
    let Some(p) = panes(app) else { return };
    let delta = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
    if p.person.is_some_and(|r| r.contains(at)) {
        let rows = app
            .selected_person()
            .map_or(0, |p| app.store.person_count(p));
        app.person_scroll = app
            .person_scroll
            .saturating_add_signed(delta)
            .min(rows.saturating_sub(1));
    } else if p.list.is_some_and(|r| r.contains(at)) {
        app.list.move_by(delta, app.set_len());
    } else if p.reader.is_some_and(|r| r.contains(at)) {
        scroll_reader(app, delta);
    } else if p.people.is_some_and(|r| r.contains(at)) {
        app.people_list.move_by(delta, app.people.len());
    }
}

/// Focuses the pane under the pointer and selects the row clicked.
fn click(app: &mut App, at: Position) {
    let Some(p) = panes(app) else { return };
    if let Some(r) = p.list.filter(|r| r.contains(at)) {
        if app.editing {
            applied(app);
        }
        app.focus = Focus::List;
        app.editing = false;
        let inner = layout::inner(r);
        if inner.contains(at) {
            let row = app.list.offset + usize::from(at.y - inner.y);
            if row < app.set_len() {
                app.list.selected = row;
            }
        }
    } else if p.reader.is_some_and(|r| r.contains(at)) {
        if app.editing {
            applied(app);
        }
        app.focus = Focus::Reader;
        app.editing = false;
    } else if p.person.is_some_and(|r| r.contains(at)) {
        app.people_pane = PeoplePane::Person;
        app.editing = false;
    } else if let Some(r) = p.people.filter(|r| r.contains(at)) {
        app.people_pane = PeoplePane::List;
        let inner = layout::inner(r);
        if inner.contains(at) {
            let row = app.people_list.offset + usize::from(at.y - inner.y);
            if row < app.people.len() {
                app.people_list.selected = row;
                app.person_scroll = 0;
            }
        }
    } else if p.filter.contains(at) {
        app.editing = true;
    }
}

/// Re-establishes the invariants: selections in range and visible, reader laid out.
pub(crate) fn sync(app: &mut App) {
    order::arrange(app);
    let len = app.set_len();
    let height = list_height(app);
    app.list.clamp(len, height);
    let people_len = app.people.len();
    let people_height = people_height(app);
    app.people_list.clamp(people_len, people_height);
    let id = app.selected_article();
    let width = reading_width(app);
    if id != app.reader.article || width != app.reader.width {
        if id != app.reader.article {
            app.reader.scroll = 0;
            app.kept_unread = None;
        }
        app.reader.doc = id
            .map(|id| doc::build(&app.store, id, width))
            .unwrap_or_default();
        app.reader.article = id;
        app.reader.width = width;
    }
    app.reader.scroll = app.reader.scroll.min(max_scroll(app));
    // An article shown in the reader while the reader has the keyboard has been read.
    if app.screen == Screen::Articles
        && app.focus == Focus::Reader
        && let Some(id) = app.reader.article
        && app.kept_unread != Some(id)
        && app.marks.mark_read(id)
    {
        app.marks_changed = true;
    }
}

/// Runs `app`'s pending search right here (tests and tools without a worker thread).
pub fn settle(app: &mut App) {
    if let Some(req) = app.request.take() {
        let cancel = std::sync::atomic::AtomicBool::new(false);
        if let Some(results) = search::run_request(&app.store, &req, &cancel) {
            update(app, Action::SearchDone(req.generation, Arc::new(results)));
        }
    }
}

/// Applies the saved state of the corpus once it has loaded: the marks always, added to any
/// the user set meanwhile; the filter and the selection only when the user has done nothing
/// yet (and the command line chose no filter), so nothing the user did is undone.
fn restore_state(app: &mut App, state: &crate::state::SavedState, notice: Option<String>) {
    let mut marks = super::marks::Marks::from_state(&app.store, state);
    marks.merge(&app.marks);
    app.marks = marks;
    if notice.is_some() {
        app.notice = notice;
    }
    if !app.filter_from_command_line && !app.acted {
        let text = app.restore_saved(state);
        app.filter = super::line::LineInput::with_text(text.trim());
    }
    if app.applied.is_none() {
        app.applied = state.filter.clone();
    }
    if app.acted {
        // Keep the row the user is on through the refilter below.
        app.pending_select = app.selected_article();
    }
    refilter(app);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Kind, PersonMention};
    use crate::store::ArticleId;
    use crate::tui::TuiOptions;
    use crate::tui::scope::FilterScope;

    fn app() -> App {
        let mut articles = Vec::new();
        for (i, (title, person)) in [
            ("孟州市委常委会召开", "卢和平"),
            ("吕沛与王纪勋交流座谈", "吕沛"),
            ("示范区党政联席会议召开", "吕沛"),
            ("温县述职评议考核会议召开", "杨磊"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = Article::new("t.txt", i as u32, Kind::News);
            a.set_title(Some(title));
            a.set_date(Some(&format!("03-0{}", i + 1)));
            a.set_persons(&[PersonMention {
                name: person.into(),
                role: None,
            }]);
            a.set_paragraphs(
                &(0..30)
                    .map(|n| format!("第{n}段。{person}出席。"))
                    .collect::<Vec<_>>(),
            );
            articles.push(a);
        }
        let mut app = App::new(
            Arc::new(crate::search::Catalog::build(articles)),
            &TuiOptions::default(),
        );
        update(&mut app, Action::Resize(100, 20));
        app
    }

    fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            update(app, a);
            settle(app);
        }
    }

    fn titles(app: &App) -> Vec<String> {
        (0..app.set_len())
            .filter_map(|i| app.set_get(i))
            .filter_map(|id| app.store.article(id).title().map(str::to_owned))
            .collect()
    }

    #[test]
    fn typing_filters_live_and_esc_twice_clears() {
        let mut app = app();
        run(
            &mut app,
            [
                Action::EditFilter,
                Action::Insert('会'),
                Action::Insert('议'),
            ],
        );
        assert_eq!(app.mode(), Mode::Filter);
        assert_eq!(app.set_len(), 2);
        run(&mut app, [Action::LeaveInput]);
        assert_eq!(app.mode(), Mode::Browse(Focus::List));
        assert_eq!(app.set_len(), 2);
        run(&mut app, [Action::ClearFilter]);
        assert_eq!(app.set_len(), 4);
        assert_eq!(app.filter.text(), "");
    }

    #[test]
    fn clearing_the_filter_keeps_the_selected_article() {
        let mut app = app();
        run(
            &mut app,
            [Action::EditFilter, Action::Insert('会'), Action::Accept],
        );
        run(&mut app, [Action::Down]);
        let chosen = app.selected_article();
        assert!(chosen.is_some_and(|id| id.0 > 1), "{chosen:?}");
        run(&mut app, [Action::ClearFilter]);
        assert_eq!(app.set_len(), 4);
        assert_eq!(app.selected_article(), chosen);
        // The same for a person restriction left with Esc.
        run(&mut app, [Action::OpenPeople, Action::EditFilter]);
        run(&mut app, "lp".chars().map(Action::Insert));
        run(&mut app, [Action::ChoosePerson, Action::Down]);
        let chosen = app.selected_article();
        run(&mut app, [Action::ClearFilter]);
        assert_eq!(app.selected_article(), chosen);
    }

    #[test]
    fn stale_search_results_are_dropped() {
        let mut app = app();
        update(&mut app, Action::Insert('会'));
        let stale = app.request.take().expect("requested");
        update(&mut app, Action::Insert('x'));
        let results =
            super::search::run_request(&app.store, &stale, &Default::default()).expect("ran");
        update(
            &mut app,
            Action::SearchDone(stale.generation, Arc::new(results)),
        );
        assert!(app.results.is_none());
        assert!(app.searching);
    }

    #[test]
    fn scope_cycles_and_at_means_people() {
        let mut app = app();
        run(&mut app, [Action::EditFilter, Action::Insert('吕')]);
        assert_eq!(app.set_len(), 2);
        run(&mut app, [Action::CycleScope]);
        assert_eq!(app.scope, FilterScope::Headline);
        assert_eq!(titles(&app), vec!["吕沛与王纪勋交流座谈"]);
        run(&mut app, [Action::CursorHome, Action::Insert('@')]);
        assert_eq!(app.set_len(), 2);
    }

    #[test]
    fn narrowing_query_keeps_results_consistent() {
        let mut app = app();
        run(&mut app, "会议召".chars().map(Action::Insert));
        let narrowed = titles(&app);
        let mut fresh = self::app();
        update(&mut fresh, Action::Insert('会'));
        update(&mut fresh, Action::Insert('议'));
        update(&mut fresh, Action::Insert('召'));
        settle(&mut fresh);
        assert_eq!(narrowed, titles(&fresh));
    }

    #[test]
    fn navigation_moves_and_clamps() {
        let mut app = app();
        run(&mut app, [Action::Down, Action::Down, Action::Bottom]);
        assert_eq!(app.list.selected, 3);
        run(&mut app, [Action::Down, Action::Top]);
        assert_eq!(app.list.selected, 0);
        run(&mut app, [Action::NextArticle]);
        assert_eq!(app.selected_article().map(|a| a.0), Some(1));
    }

    #[test]
    fn reader_scrolls_within_the_article() {
        let mut app = app();
        run(&mut app, [Action::Open]);
        assert_eq!(app.mode(), Mode::Browse(Focus::Reader));
        run(&mut app, [Action::Down, Action::Down]);
        assert_eq!(app.reader.scroll, 2);
        run(&mut app, [Action::Bottom]);
        let max = app.reader.scroll;
        assert!(max > 0);
        run(&mut app, [Action::PageDown]);
        assert_eq!(app.reader.scroll, max);
        run(&mut app, [Action::NextArticle]);
        assert_eq!(app.reader.scroll, 0, "a new article starts at the top");
        run(&mut app, [Action::FocusList]);
        assert_eq!(app.focus, Focus::List);
    }

    #[test]
    fn tab_and_backtab_cycle_the_panes_of_either_screen() {
        let mut app = app();
        for (w, h) in [(100, 20), (60, 20), (40, 12)] {
            run(&mut app, [Action::Resize(w, h)]);
            run(&mut app, [Action::FocusNext]);
            assert_eq!(app.focus, Focus::Reader, "{w}x{h}");
            run(&mut app, [Action::FocusNext]);
            assert_eq!(app.focus, Focus::List, "Tab goes back round: {w}x{h}");
            run(&mut app, [Action::FocusPrev, Action::FocusPrev]);
            assert_eq!(app.focus, Focus::List, "{w}x{h}");
        }
        run(&mut app, [Action::OpenPeople, Action::FocusNext]);
        assert_eq!(app.people_pane, PeoplePane::Person);
        let p = panes(&app).expect("drawn");
        assert!(p.person.is_some(), "the chart is reachable at 40x12");
        run(&mut app, [Action::FocusPrev]);
        assert_eq!(app.people_pane, PeoplePane::List);
    }

    #[test]
    fn choosing_a_person_filters_the_list() {
        let mut app = app();
        run(&mut app, [Action::OpenPeople]);
        assert_eq!(app.mode(), Mode::People);
        run(
            &mut app,
            [Action::EditFilter, Action::Insert('l'), Action::Insert('p')],
        );
        let first = app.selected_person().expect("a match");
        assert_eq!(
            app.store.person_name(first),
            "吕沛",
            "the tightest match ranks first"
        );
        run(&mut app, [Action::ChoosePerson]);
        assert_eq!(app.mode(), Mode::Browse(Focus::List));
        assert_eq!(app.set_len(), 2);
        run(&mut app, [Action::ClearFilter]);
        assert_eq!(app.set_len(), 4);
    }

    #[test]
    fn initial_query_and_person_apply() {
        let mut app = self::app();
        let store = app.store.clone();
        let options = TuiOptions {
            query: Some("会议".into()),
            person: Some("吕沛".into()),
            ..TuiOptions::default()
        };
        app = App::new(store.clone(), &options);
        settle(&mut app);
        assert_eq!(titles(&app), vec!["示范区党政联席会议召开"]);
        let unknown = TuiOptions {
            person: Some("无此人".into()),
            ..TuiOptions::default()
        };
        let mut app = App::new(store, &unknown);
        settle(&mut app);
        assert_eq!(app.set_len(), 0);
    }

    #[test]
    fn help_swallows_keys_until_closed() {
        let mut app = app();
        run(&mut app, [Action::ToggleHelp]);
        assert_eq!(app.mode(), Mode::Overlay);
        run(&mut app, [Action::Down, Action::PageDown, Action::Bottom]);
        assert_eq!(app.list.selected, 0, "keys scroll the help, not the list");
        assert!(app.overlay_scroll > 0);
        assert_eq!(app.overlay_scroll, super::super::overlay::max_scroll(&app));
        run(&mut app, [Action::Top]);
        assert_eq!(app.overlay_scroll, 0);
        run(&mut app, [Action::ToggleHelp]);
        assert_eq!(app.mode(), Mode::Browse(Focus::List));
    }

    #[test]
    fn mouse_click_selects_and_wheel_scrolls() {
        let mut app = app();
        // Filter pane is 3 rows, the list border 1: the third article is on row 6.
        run(&mut app, [Action::Click { column: 5, row: 6 }]);
        assert_eq!(app.list.selected, 2);
        run(
            &mut app,
            [Action::Wheel {
                column: 70,
                row: 8,
                down: true,
            }],
        );
        assert_eq!(app.reader.scroll, 3);
        run(&mut app, [Action::Click { column: 70, row: 8 }]);
        assert_eq!(app.focus, Focus::Reader);
    }

    #[test]
    fn tiny_terminal_updates_do_not_panic() {
        let mut app = app();
        for (w, h) in [(1, 1), (0, 0), (10, 3), (30, 9)] {
            run(
                &mut app,
                [
                    Action::Resize(w, h),
                    Action::PageDown,
                    Action::Open,
                    Action::PageDown,
                    Action::Click { column: 0, row: 0 },
                    Action::Wheel {
                        column: 0,
                        row: 0,
                        down: true,
                    },
                ],
            );
        }
    }

    #[test]
    fn b_toggles_the_bookmark_of_the_selected_article() {
        let mut app = app();
        run(&mut app, [Action::Down, Action::ToggleBookmark]);
        assert!(app.marks.is_bookmarked(ArticleId(1)));
        assert!(app.marks_changed);
        app.marks_changed = false;
        run(&mut app, [Action::ToggleBookmark]);
        assert!(!app.marks.is_bookmarked(ArticleId(1)));
        assert!(app.marks_changed);
    }

    #[test]
    fn opening_an_article_marks_it_read() {
        let mut app = app();
        run(&mut app, [Action::Down]);
        assert!(!app.marks.is_read(ArticleId(1)), "a preview is not a read");
        run(&mut app, [Action::Open]);
        assert!(app.marks.is_read(ArticleId(1)));
        run(&mut app, [Action::NextArticle]);
        assert!(
            app.marks.is_read(ArticleId(2)),
            "moving on in the reader reads"
        );
        assert!(!app.marks.is_read(ArticleId(0)));
        assert!(app.marks_changed);
    }

    #[test]
    fn the_bookmarked_scope_filters_to_bookmarks() {
        let mut app = app();
        run(
            &mut app,
            [
                Action::ToggleBookmark,
                Action::Bottom,
                Action::ToggleBookmark,
            ],
        );
        run(
            &mut app,
            [
                Action::EditFilter,
                Action::CycleScope,
                Action::CycleScope,
                Action::CycleScope,
            ],
        );
        assert_eq!(app.scope, FilterScope::Bookmarked);
        assert_eq!(
            titles(&app),
            vec!["孟州市委常委会召开", "温县述职评议考核会议召开"]
        );
        // Text filters within the bookmarks.
        run(&mut app, [Action::Insert('会'), Action::Insert('议')]);
        assert_eq!(titles(&app), vec!["温县述职评议考核会议召开"]);
        run(&mut app, [Action::ClearInput, Action::Accept]);
        // Unbookmarking removes the article from the set; the selection stays near.
        run(&mut app, [Action::ToggleBookmark]);
        assert_eq!(titles(&app), vec!["温县述职评议考核会议召开"]);
        assert_eq!(app.list.selected, 0);
        run(&mut app, [Action::EditFilter, Action::CycleScope]);
        assert_eq!(app.scope, FilterScope::All);
        assert_eq!(app.set_len(), 4);
    }

    #[test]
    fn saved_state_restores_filter_selection_and_marks() {
        let mut app = app();
        run(
            &mut app,
            [
                Action::EditFilter,
                Action::Insert('会'),
                Action::Accept,
                Action::Down,
                Action::ToggleBookmark,
                Action::Open,
            ],
        );
        let selected = app.selected_article();
        let saved = app.saved_state();
        assert_eq!(saved.bookmarks.len(), 1);
        assert_eq!(saved.read.len(), 1);
        let options = TuiOptions {
            state: saved.clone(),
            ..TuiOptions::default()
        };
        let mut back = App::new(app.store.clone(), &options);
        update(&mut back, Action::Resize(100, 20));
        settle(&mut back);
        assert_eq!(back.filter.text(), "会");
        assert_eq!(back.selected_article(), selected);
        assert!(selected.is_some_and(|id| back.marks.is_bookmarked(id) && back.marks.is_read(id)));
        // A query on the command line wins over the saved filter; the marks stay.
        let options = TuiOptions {
            query: Some("温县".into()),
            state: saved,
            ..TuiOptions::default()
        };
        let mut cli = App::new(app.store.clone(), &options);
        settle(&mut cli);
        assert_eq!(cli.filter.text(), "温县");
        assert_eq!(cli.marks.bookmark_count(), 1);
    }

    #[test]
    fn a_paste_goes_into_the_filter_as_text() {
        let mut app = app();
        run(&mut app, [Action::Paste("示范区\rlp".into())]);
        assert_eq!(app.mode(), Mode::Filter, "a paste opens the filter");
        assert_eq!(app.filter.text(), "示范区 lp");
        assert!(!app.quit);
        run(&mut app, [Action::Paste("\rq".into())]);
        assert_eq!(app.filter.text(), "示范区 lp q");
        assert!(!app.quit && app.screen == Screen::Articles);
    }

    #[test]
    fn only_a_filter_the_user_applied_is_saved() {
        let saved = crate::state::SavedState {
            filter: Some(crate::state::SavedFilter {
                text: "温县".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let base = app();
        // From the command line: shown, not saved; the saved one is kept for next time.
        for options in [
            TuiOptions {
                query: Some("会议".into()),
                state: saved.clone(),
                ..TuiOptions::default()
            },
            TuiOptions {
                person: Some("吕沛".into()),
                state: saved.clone(),
                ..TuiOptions::default()
            },
        ] {
            let mut cli = App::new(base.store.clone(), &options);
            settle(&mut cli);
            assert_eq!(cli.saved_state().filter, saved.filter);
        }
        // Half typed at exit: not saved either.
        let options = TuiOptions {
            state: saved.clone(),
            ..TuiOptions::default()
        };
        let mut app = App::new(base.store.clone(), &options);
        run(
            &mut app,
            [Action::EditFilter, Action::ClearInput, Action::Insert('孟')],
        );
        assert_eq!(app.saved_state().filter, saved.filter);
        // Applied with Enter: saved.
        run(&mut app, [Action::Accept]);
        let filter = app.saved_state().filter.expect("applied");
        assert_eq!(filter.text, "孟");
        // Cleared with Esc: the empty filter is what was applied.
        run(&mut app, [Action::ClearFilter]);
        assert_eq!(
            app.saved_state().filter.map(|f| f.text),
            Some(String::new())
        );
    }

    #[test]
    fn files_that_failed_are_said_and_listed() {
        let mut app = app();
        let failures = vec!["typo.txt: not found; check the path".to_owned()];
        run(&mut app, [Action::LoadFailures(failures)]);
        let notice = app.notice.clone().expect("a notice");
        assert!(
            notice.starts_with("1 file could not be read · ! "),
            "{notice}"
        );
        run(&mut app, [Action::ShowFailures]);
        assert_eq!(app.overlay, Some(Overlay::Failures));
        let lines = super::super::overlay::lines(&app, 40);
        let text: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(text.contains("typo.txt: not found"), "{text}");
        run(&mut app, [Action::CloseOverlay]);
        assert_eq!(app.mode(), Mode::Browse(Focus::List));
    }

    #[test]
    fn a_notice_is_shown_until_the_next_key() {
        let options = TuiOptions {
            notice: Some("moved aside".into()),
            ..TuiOptions::default()
        };
        let mut app = App::new(
            Arc::new(crate::search::Catalog::build(Vec::new())),
            &options,
        );
        update(&mut app, Action::Resize(80, 24));
        assert!(app.notice.is_some());
        update(&mut app, Action::Down);
        assert!(app.notice.is_none());
    }

    #[test]
    fn counts_multiply_movements_and_5g_goes_to_row_5() {
        let mut app = app();
        run(&mut app, [Action::Digit(2), Action::Down]);
        assert_eq!(app.list.selected, 2);
        assert_eq!(app.count, None, "a count is used once");
        run(&mut app, [Action::Down]);
        assert_eq!(app.list.selected, 3);
        run(&mut app, [Action::Digit(1), Action::Top]);
        assert_eq!(app.list.selected, 0);
        run(&mut app, [Action::Digit(0), Action::Down]);
        assert_eq!(app.list.selected, 1, "a lone 0 is no count");
        run(
            &mut app,
            [
                Action::Open,
                Action::Digit(1),
                Action::Digit(0),
                Action::Down,
            ],
        );
        assert_eq!(app.reader.scroll, 10);
    }

    #[test]
    fn half_pages_and_space_at_the_end_goes_to_the_next_article() {
        let mut app = app();
        run(&mut app, [Action::Open, Action::HalfPage(true)]);
        let half = app.reader.scroll;
        assert!(half > 0, "scrolled");
        run(&mut app, [Action::HalfPage(true)]);
        assert_eq!(app.reader.scroll, 2 * half);
        run(&mut app, [Action::HalfPage(false), Action::HalfPage(false)]);
        assert_eq!(app.reader.scroll, 0);
        run(&mut app, [Action::Bottom, Action::PageDownOrNext]);
        assert_eq!(app.list.selected, 1, "space at the end: next article");
        assert_eq!(app.reader.scroll, 0);
        assert_eq!(app.focus, Focus::Reader);
        run(&mut app, [Action::PageDownOrNext]);
        assert!(app.reader.scroll > 0, "space within an article pages");
        assert_eq!(app.list.selected, 1);
    }

    #[test]
    fn sorting_cycles_and_keeps_the_selected_article() {
        let mut app = app();
        run(&mut app, [Action::Down]);
        let chosen = app.selected_article();
        run(&mut app, [Action::CycleSort]);
        assert_eq!(app.sort, super::order::SortKey::Date);
        assert_eq!(titles(&app)[0], "温县述职评议考核会议召开", "newest first");
        assert_eq!(app.selected_article(), chosen);
        run(
            &mut app,
            [Action::CycleSort, Action::CycleSort, Action::CycleSort],
        );
        assert_eq!(app.sort, super::order::SortKey::Relevance);
        assert_eq!(titles(&app)[0], "孟州市委常委会召开");
        assert_eq!(app.selected_article(), chosen);
    }

    #[test]
    fn brackets_jump_to_the_next_and_previous_day() {
        let mut app = app();
        run(
            &mut app,
            [Action::JumpDate {
                forward: true,
                month: false,
            }],
        );
        assert_eq!(app.list.selected, 1);
        run(&mut app, [Action::CycleSort]);
        // Newest first: 03-04 03-03 03-02 03-01, with 03-02 selected.
        run(
            &mut app,
            [Action::JumpDate {
                forward: true,
                month: false,
            }],
        );
        assert_eq!(
            app.store
                .date_key(app.selected_article().expect("row"))
                .label(),
            "03-03"
        );
        run(
            &mut app,
            [Action::JumpDate {
                forward: false,
                month: true,
            }],
        );
        assert!(
            app.notice
                .as_deref()
                .is_some_and(|n| n.contains("no earlier month"))
        );
    }

    #[test]
    fn read_marks_toggle_and_the_unread_view_and_next_unread() {
        let mut app = app();
        run(&mut app, [Action::Open, Action::ToggleRead]);
        assert!(
            !app.marks.is_read(ArticleId(0)),
            "marked unread while shown"
        );
        run(&mut app, [Action::ToggleRead]);
        assert!(app.marks.is_read(ArticleId(0)));
        run(&mut app, [Action::FocusList, Action::NextUnread]);
        assert_eq!(app.list.selected, 1);
        run(&mut app, [Action::ToggleUnreadOnly]);
        assert!(app.unread_only);
        assert_eq!(app.set_len(), 3, "article 0 is read");
        assert_eq!(app.selected_article(), Some(ArticleId(1)));
        run(&mut app, [Action::Open, Action::FocusList]);
        assert_eq!(app.set_len(), 3, "the view does not move under the user");
        run(
            &mut app,
            [Action::ToggleUnreadOnly, Action::ToggleUnreadOnly],
        );
        assert_eq!(app.set_len(), 2, "refreshed");
    }

    #[test]
    fn copy_and_pager_take_the_article_as_text() {
        let mut app = app();
        run(&mut app, [Action::Copy]);
        let text = app.clipboard.clone().expect("copied");
        assert!(text.starts_with("孟州市委常委会召开\n"), "{text}");
        assert!(text.contains("第29段。卢和平出席。"), "{text}");
        assert!(app.notice.as_deref().is_some_and(|n| n.contains("OSC 52")));
        run(&mut app, [Action::OpenPager]);
        assert_eq!(app.pager.as_deref(), Some(text.as_str()));
    }
}
