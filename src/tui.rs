//! The terminal reader: event → keymap → [`Action`] → update → view, around a search worker.
//!
//! The loop is the only part that does I/O (but for the article bodies read from the cache
//! file as they are laid out, see [`update`]). Keys become actions through the pure keymap,
//! actions change the [`App`] through update, and the frame is drawn from the App alone, so
//! every decision is tested without a terminal. Searches requested by update are handed to a
//! worker thread and come back as [`Background`] results, so typing never waits for matching.
//! The corpus itself loads on another thread ([`loader`]) whose stores also come back as
//! background results, so the first frame is drawn at once and the keys work while pages are
//! parsed; the saved reading state of the corpus is read when its last store is in. The
//! actions are the user's words ([`crate::vocab`]), shared with the key bindings of the
//! configuration; the background results are the reader's own.
//! The terminal is restored on every exit path ([`term`]: a panic hook and a drop guard, both
//! indifferent to a terminal that has gone away), and [`shutdown`] turns termination signals
//! into a normal exit. Saved state is written by [`persist::Persist`] from the loop, and once
//! more on the way out before anything else (a hang-up must not lose the last bookmark); a
//! failure to save is reported after the terminal is restored, and a termination signal is
//! re-raised only after the save.

pub mod app;
pub mod background;
pub mod bodies;
pub mod doc;
pub mod external;
pub mod found;
pub mod keymap;
pub mod layout;
pub mod line;
pub mod loader;
pub mod marks;
pub mod order;
pub mod overlay;
pub mod persist;
pub mod shutdown;
pub mod term;
pub mod update;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event;

pub use crate::vocab::Action;
pub use app::{App, TuiOptions};
pub use background::Background;

use crate::corpus::LoadOptions;
use crate::search::{Catalog, Worker};
use loader::{LoadReport, Loader};

/// How long to wait for input while the corpus loads, before looking for the loader's news.
const LOAD_TICK: Duration = Duration::from_millis(16);
/// The same while a search is running, so its answer is drawn soon after it is ready.
const BUSY_TICK: Duration = Duration::from_millis(2);
/// How long to wait for input when nothing else is going on. Only a termination signal needs
/// the loop then, and crossterm's poll sleeps through signals, so it wakes this rarely to look
/// at the flag; it draws nothing and writes nothing when it does.
const IDLE_TICK: Duration = Duration::from_millis(250);
/// Longest the reader waits for the first sign of articles before taking the terminal (a load
/// that turns out empty is then said in the reader instead of on the plain terminal).
const FIRST_NEWS: Duration = Duration::from_millis(500);
/// How long to wait for more queued input before drawing. Not zero: crossterm's `use-dev-tty`
/// event source reports nothing for a zero timeout, even with events already parsed.
const DRAIN: Duration = Duration::from_millis(1);

/// Runs the reader over an already loaded `store` until the user quits, saving state
/// through `persist`.
pub fn run(
    store: Catalog,
    options: TuiOptions,
    mut persist: Option<persist::Persist>,
) -> anyhow::Result<()> {
    let mut app = App::new(Arc::new(store), &options);
    update::start(&mut app);
    let mut stop = shutdown::Stop::register()?;
    let mut screen = term::Screen::enter()?;
    let end = event_loop(&mut screen, &mut app, None, &mut persist, &stop);
    leave(app, persist.as_mut(), screen, &mut stop, end)
}

/// Runs the reader at once while `paths` load in the background; the saved state of the
/// corpus is restored when the load is complete. Returns the load's report (unreadable files,
/// cache trouble) once the user quits.
///
/// The terminal is taken only once the load shows there is something to read (or after
/// [`FIRST_NEWS`]): when there are no page files, or none can be read, the report says so
/// ([`LoadReport::nothing_loaded`]) and the terminal is never touched.
///
/// Quitting (or a termination signal) during the load cancels it: the process does not wait
/// for a page that is still being parsed, only for a cache write already under way.
pub fn run_loading(
    paths: Vec<PathBuf>,
    load: LoadOptions,
    options: TuiOptions,
) -> anyhow::Result<LoadReport> {
    let mut loader = Loader::spawn(paths, load)?;
    if loader.outlook(FIRST_NEWS) == loader::Outlook::Nothing {
        let mut report = loader.wait();
        report.nothing_loaded = true;
        return Ok(report);
    }
    let mut app = App::loading(&options);
    update::start(&mut app);
    let mut stop = shutdown::Stop::register()?;
    let mut persist = None;
    let mut screen = term::Screen::enter()?;
    let end = event_loop(
        &mut screen,
        &mut app,
        Some(&mut loader),
        &mut persist,
        &stop,
    );
    leave(app, persist.as_mut(), screen, &mut stop, end)?;
    Ok(loader.finish())
}

/// The way out of the reader, in the order that loses nothing: the reading state is saved
/// first (a terminal that has gone away makes everything after it fail), then the terminal
/// is handed back, then a caught termination signal is re-raised, then the loop's error or
/// the save's is returned.
fn leave(
    app: App,
    persist: Option<&mut persist::Persist>,
    screen: term::Screen,
    stop: &mut shutdown::Stop,
    end: anyhow::Result<()>,
) -> anyhow::Result<()> {
    let saved = match persist {
        Some(p) => p
            .save(&app)
            .map_err(|e| anyhow::anyhow!("cannot save the reading state: {e}")),
        None => Ok(()),
    };
    skip_teardown(app);
    drop(screen);
    if stop.requested()
        && let Err(error) = &saved
    {
        crate::say::say(format!("{error:#}"));
    }
    // Ends the process here if a signal was caught; any later signal ends it at once.
    stop.release();
    end?;
    saved
}

/// Leaves the reader's memory to the operating system instead of freeing it piece by piece:
/// the process is about to exit, and dropping a million articles one allocation at a time
/// would hold the shell prompt back for seconds. Nothing in the app needs its drop to run
/// once the state is saved.
fn skip_teardown(app: App) {
    std::mem::forget(app);
}

/// The event loop: draw, read input, apply search answers and load messages, until quit.
///
/// A frame is drawn only when something may have changed it: a key or mouse event that made an
/// action, a resize, a search answer, a load message, a notice from saving. Between those the
/// loop sleeps in `poll`, for as long as the next thing it waits for allows ([`wait_time`]), so
/// an idle reader uses no CPU and writes nothing to the terminal.
fn event_loop(
    screen: &mut term::Screen,
    app: &mut App,
    mut loader: Option<&mut Loader>,
    persist: &mut Option<persist::Persist>,
    stop: &shutdown::Stop,
) -> anyhow::Result<()> {
    let mut worker = Worker::spawn(Arc::clone(&app.store))?;
    let mut worker_store = Arc::clone(&app.store);
    let bodies = bodies::BodyWorker::spawn()?;
    shutdown::test_hooks()?;
    let size = screen.terminal().size()?;
    update::update(app, Action::Resize(size.width, size.height));
    let mut dirty = true;
    // The indexing gauge moves without any event: redrawn when its percentage changes.
    let mut shown_percent = None;
    loop {
        let percent = app.index_percent();
        if app.indexing && percent != shown_percent {
            shown_percent = percent;
            dirty = true;
        }
        if let Some(request) = app.request.take() {
            worker.submit(request);
        }
        if let Some(request) = app.body_request.take() {
            bodies.submit(request);
        }
        if dirty {
            screen.terminal().draw(|frame| {
                let area = frame.area();
                frame.render_widget(&*app, area);
                if let Some(pos) = view::cursor(app, area) {
                    frame.set_cursor_position(pos);
                }
            })?;
            dirty = false;
        }
        if event::poll(wait_time(app, persist.as_ref(), Instant::now()))? {
            // Drain everything queued so a paste or key repeat is one redraw.
            loop {
                let event = event::read()?;
                for a in keymap::map_event(&event, app.mode(), &app.config.keys) {
                    update::update(app, a);
                    dirty = true;
                }
                if app.quit || !event::poll(DRAIN)? {
                    break;
                }
            }
        }
        if let Some(text) = app.clipboard.take() {
            use std::io::Write as _;
            let mut out = std::io::stdout();
            out.write_all(external::osc52(&text).as_bytes())?;
            out.flush()?;
        }
        if let Some(text) = app.pager.take() {
            // The pager gets the plain terminal; the reader takes it back and redraws.
            screen.suspend();
            let paged = external::page(&text);
            screen.resume()?;
            if let Err(why) = paged {
                app.notice = Some(why);
            }
            dirty = true;
        }
        let mut news = Vec::new();
        while let Some(done) = worker.poll() {
            news.push(Background::SearchDone(done.generation, done.results));
        }
        while let Some(done) = bodies.poll() {
            news.push(Background::BodyDone(done));
        }
        while let Some(loaded) = loader.as_deref_mut().and_then(Loader::poll) {
            let last_store = match &loaded {
                Background::StoreLoaded(store, true) => Some(Arc::clone(store)),
                _ => None,
            };
            news.push(loaded);
            if let Some(store) = last_store {
                // Reading the state file is I/O: it happens here, and update applies it.
                let opened = persist::open(&store);
                *persist = opened.persist;
                news.push(Background::StateRestored(
                    Box::new(opened.state),
                    opened.notice,
                ));
            }
        }
        for n in news {
            update::receive(app, n);
            dirty = true;
        }
        if !Arc::ptr_eq(&worker_store, &app.store) {
            // The worker searches one store; a new store gets a new worker.
            worker = Worker::spawn(Arc::clone(&app.store))?;
            worker_store = Arc::clone(&app.store);
        }
        if let Some(p) = persist.as_mut() {
            let notice = app.notice.clone();
            p.tick(app, Instant::now());
            dirty |= app.notice != notice;
        }
        if app.quit || stop.requested() {
            return Ok(());
        }
    }
}

/// How long the loop may sleep waiting for input: briefly while a search runs or the corpus
/// loads (their answers arrive on channels, not as terminal events), until a pending save is
/// due, and otherwise [`IDLE_TICK`].
fn wait_time(app: &App, persist: Option<&persist::Persist>, now: Instant) -> Duration {
    let mut wait = if app.searching || app.request.is_some() || app.body_waiting() {
        BUSY_TICK
    } else if app.loading.is_some() || app.indexing {
        LOAD_TICK
    } else {
        IDLE_TICK
    };
    if let Some(due) = persist.and_then(persist::Persist::due) {
        wait = wait.min(due.saturating_duration_since(now));
    }
    wait.max(DRAIN)
}
