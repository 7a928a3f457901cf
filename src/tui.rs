//! The terminal reader: event → keymap → [`Action`] → update → view, around a search worker.
//!
//! The loop is the only part that does I/O. Keys become actions through the pure keymap,
//! actions change the [`App`] through the pure update, and the frame is drawn from the App
//! alone, so every decision is tested without a terminal. Searches requested by update are
//! handed to a worker thread and come back as actions, so typing never waits for matching.
//! The corpus itself loads on another thread ([`loader`]) whose stores also come back as
//! actions, so the first frame is drawn at once and the keys work while pages are parsed.
//! The terminal is restored on every exit path: ratatui's panic hook, plus a drop guard for
//! early returns and errors.

pub mod action;
pub mod app;
pub mod doc;
pub mod keymap;
pub mod layout;
pub mod line;
pub mod loader;
pub mod update;
pub mod view;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::{App, TuiOptions};

use crate::corpus::LoadOptions;
use crate::store::Store;
use loader::{LoadReport, Loader};

/// How long to wait for input before checking the search worker again.
const TICK: Duration = Duration::from_millis(16);

/// Restores the terminal when dropped (normal exit, `?` errors).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the reader over `store` until the user quits.
pub fn run(store: Store, options: TuiOptions) -> anyhow::Result<()> {
    let mut app = App::new(Arc::new(store), &options);
    event_loop(&mut app, None)
}

/// Runs the reader at once while `paths` load in the background; returns the load's report
/// (unreadable files, cache trouble) once the user quits.
pub fn run_loading(
    paths: Vec<PathBuf>,
    load: LoadOptions,
    options: TuiOptions,
) -> anyhow::Result<LoadReport> {
    let loader = Loader::spawn(paths, load)?;
    let mut app = App::loading(&options);
    let result = event_loop(&mut app, Some(&loader));
    let report = loader.finish();
    result.map(|()| report)
}

/// The event loop: draw, read input, apply search answers and load messages, until quit.
fn event_loop(app: &mut App, loader: Option<&Loader>) -> anyhow::Result<()> {
    let mut worker = worker::Worker::spawn(Arc::clone(&app.store))?;
    let mut worker_store = Arc::clone(&app.store);
    let mut terminal = ratatui::init();
    let _guard = TerminalGuard;
    execute!(std::io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    update::update(app, Action::Resize(size.width, size.height));
    loop {
        if let Some(request) = app.request.take() {
            worker.submit(request);
        }
        terminal.draw(|frame| {
            let area = frame.area();
            frame.render_widget(&*app, area);
            if let Some(pos) = view::cursor(app, area) {
                frame.set_cursor_position(pos);
            }
        })?;
        let mut actions = Vec::new();
        if event::poll(TICK)? {
            // Drain everything queued so a paste or key repeat is one redraw.
            loop {
                let action = match event::read()? {
                    Event::Key(key) => keymap::map_key(key, app.mode()),
                    Event::Mouse(m) => keymap::map_mouse(m),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                if let Some(a) = action {
                    update::update(app, a);
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        while let Some(done) = worker.poll() {
            actions.push(done);
        }
        while let Some(loaded) = loader.and_then(Loader::poll) {
            actions.push(loaded);
        }
        for a in actions {
            update::update(app, a);
        }
        if !Arc::ptr_eq(&worker_store, &app.store) {
            // The worker searches one store; a new store gets a new worker.
            worker = worker::Worker::spawn(Arc::clone(&app.store))?;
            worker_store = Arc::clone(&app.store);
        }
        if app.quit {
            return Ok(());
        }
    }
}
