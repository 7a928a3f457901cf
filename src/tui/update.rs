//! Applies what happens to the [`App`]: the user's [`Action`]s and the [`Background`] results
//! of the search worker and the loader. The only place the state changes, but for the event
//! loop taking what update left for it (a search request, text for the pager or the
//! clipboard) and saying why the pager could not run, and [`super::persist::Persist::tick`]
//! taking the flag that marks changed and saying why a save failed.
//!
//! Filter edits do not search here; they leave a [`crate::search::SearchRequest`] in the state
//! for the event loop to hand to the worker thread, and the worker's answer comes back as
//! [`Background::SearchDone`]. After every action and every result [`sync`] re-establishes the
//! invariants (the selections are in range and on screen, the reader shows the selected
//! article laid out for the current width), so no handler has to remember them.
//!
//! Nothing here opens a file or talks to a thread, with one exception: laying out an article
//! (the reader in [`sync`], the text for the pager and the clipboard) takes its paragraphs from
//! the store, and the article of a corpus opened from the cache reads its body from the cache
//! file then ([`crate::model::Article::paragraphs`]).
//!
//! The work is split by job: [`geometry`] (pane sizes), [`moves`] (selections, scrolling, the
//! mouse), [`arrange`] (sort order, unread-only view, jumps), [`filter`] (the article and
//! people filters), [`find`] (the reader's search of the open article), [`marking`] (read marks and bookmarks), [`receive`] (background results)
//! and [`sync`].

mod arrange;
mod filter;
mod find;
mod geometry;
mod marking;
mod moves;
mod receive;
mod sync;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use ratatui::layout::Position;

use super::app::{App, Focus, Overlay, PeoplePane, Screen};
use super::background::Background;
use super::doc;
use super::line::LineInput;
use crate::vocab::{Action, Mode};
use filter::{applied, choose_person, edit, rearrange, refilter};
use geometry::page;
use marking::{toggle_bookmark, toggle_read};
use moves::{click, count_digit, cycle_panes, open_overlay, page_down_or_next, step, wheel};
pub use receive::receive;
pub use sync::sync;

/// Brings a newly made `app` to its first state: the initial filter searched for (a request
/// for the worker, or the whole set), the saved selection found, the reader laid out.
pub fn start(app: &mut App) {
    refilter(app);
    sync(app);
}

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
        Action::JumpDate { forward, month } => match arrange::date_jump(app, forward, month) {
            Some(i) => app.list.selected = i,
            None => {
                let way = if forward { "later" } else { "earlier" };
                let unit = if month { "month" } else { "day" };
                app.notice = Some(format!("no {way} {unit} in the list"));
            }
        },
        Action::ToggleRead => toggle_read(app),
        Action::NextUnread => match arrange::next_unread(app) {
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
        Action::NextArticle | Action::PrevArticle if finds_here(app) => {
            let forward = matches!(action, Action::NextArticle);
            if !to_match(app, forward) {
                app.notice = Some(find::no_further(app, forward));
            }
        }
        Action::NextArticle => {
            if !to_match(app, true) {
                app.list.move_by(times, app.set_len());
            }
        }
        Action::PrevArticle => {
            if !to_match(app, false) {
                app.list.move_by(-times, app.set_len());
            }
        }
        Action::EditFilter => app.editing = true,
        Action::EditFind => find::start(app),
        Action::Insert(c) => edit(app, |i| {
            i.insert(c);
            true
        }),
        Action::Paste(text) if app.finding() => edit(app, |i| {
            i.insert_str(&text);
            !text.is_empty()
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
        Action::Backspace if app.finding() && app.find_text().is_none() => {
            // As in less, deleting past the start of the search ends it.
            app.find = None;
        }
        Action::Backspace => edit(app, |i| i.backspace()),
        Action::Delete => edit(app, |i| i.delete()),
        Action::DeleteWordBack => edit(app, LineInput::delete_word_back),
        Action::DeleteToStart => edit(app, LineInput::delete_to_start),
        Action::DeleteToEnd => edit(app, LineInput::delete_to_end),
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
        Action::LeaveInput if mode == Mode::Find => app.find = None,
        Action::Accept if mode == Mode::Find => find::accept(app),
        Action::ClearFilter if finds_here(app) => app.find = None,
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

/// True when the reader has the keyboard and an article search is in force (typed and
/// accepted): `n`, `N` and `Esc` are then the search's.
fn finds_here(app: &App) -> bool {
    app.mode() == Mode::Browse(Focus::Reader) && app.find.is_some()
}

/// In the reader, moves to the next (`forward`) or previous match of the filter's words in
/// the article; false when the reader does not have the keyboard or there is none that way.
fn to_match(app: &mut App, forward: bool) -> bool {
    if app.focus != Focus::Reader || app.screen != Screen::Articles {
        return false;
    }
    let reader = &mut app.reader;
    let Some(next) = super::found::step(&reader.matches, reader.current_match, forward) else {
        return false;
    };
    reader.current_match = Some(next);
    if let Some(&line) = reader.matches.get(next) {
        reader.scroll = sync::match_scroll(line);
    }
    true
}

/// Whether `action` is the user's doing (a resize is the terminal's).
fn by_the_user(action: &Action) -> bool {
    !matches!(action, Action::Resize(..))
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

/// Runs `app`'s pending search and body query right here (tests and tools without worker
/// threads).
pub fn settle(app: &mut App) {
    if let Some(req) = app.body_request.take() {
        let answer = req.answer();
        // The body thread may answer before or after the search worker.
        let search = app.request.take();
        receive(app, Background::BodyDone(answer));
        app.request = search;
    }
    if let Some(req) = app.request.take() {
        let cancel = std::sync::atomic::AtomicBool::new(false);
        if let Some(results) = crate::search::run_request(&app.store, &req, &cancel) {
            receive(
                app,
                Background::SearchDone(req.generation, Arc::new(results)),
            );
        }
    }
}
