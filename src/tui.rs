//! The terminal reader: event → keymap → [`Action`] → update → view, around a search worker.
//!
//! The loop is the only part that does I/O. Keys become actions through the pure keymap,
//! actions change the [`App`] through the pure update, and the frame is drawn from the App
//! alone, so every decision is tested without a terminal. Searches requested by update are
//! handed to a worker thread and come back as actions, so typing never waits for matching.
//! The terminal is restored on every exit path: ratatui's panic hook, a drop guard for
//! early returns and errors, and [`shutdown`] for termination signals. Saved state is written
//! by [`persist::Persist`] from the loop, and once more after the terminal is restored, so a
//! failure at exit can still be reported (and a termination signal is re-raised only after it).

pub mod action;
pub mod app;
pub mod doc;
pub mod keymap;
pub mod layout;
pub mod line;
pub mod marks;
pub mod persist;
pub mod scope;
pub mod shutdown;
pub mod update;
pub mod view;
pub mod worker;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::{App, TuiOptions};

use crate::store::Store;

/// How long to wait for input before checking the search worker again.
const TICK: Duration = Duration::from_millis(16);
/// How long to wait for more queued input before drawing. Not zero: crossterm's `use-dev-tty`
/// event source reports nothing for a zero timeout, even with events already parsed.
const DRAIN: Duration = Duration::from_millis(1);

/// Restores the terminal when dropped (normal exit, `?` errors).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Runs the reader over `store` until the user quits, saving state through `persist`.
pub fn run(
    store: Store,
    options: TuiOptions,
    mut persist: Option<persist::Persist>,
) -> anyhow::Result<()> {
    let store = Arc::new(store);
    let mut worker = worker::Worker::spawn(Arc::clone(&store))?;
    let mut app = App::new(store, &options);
    // Dropped last: the terminal is restored and the state saved before a caught signal is
    // re-raised.
    let stop = shutdown::Stop::register()?;
    let result = event_loop(&mut app, &mut worker, persist.as_mut(), &stop);
    if let Some(p) = &persist {
        p.save(&app)
            .map_err(|e| anyhow::anyhow!("cannot save the reading state: {e}"))?;
    }
    result
}

/// Draws and handles events until the user quits; the terminal is restored on return.
fn event_loop(
    app: &mut App,
    worker: &mut worker::Worker,
    mut persist: Option<&mut persist::Persist>,
    stop: &shutdown::Stop,
) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let _guard = TerminalGuard;
    shutdown::test_hooks()?;
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
                    Event::Key(key) => keymap::map_key(key, app.mode(), &app.config.keys),
                    Event::Mouse(m) => keymap::map_mouse(m),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    _ => None,
                };
                if let Some(a) = action {
                    update::update(app, a);
                }
                if app.quit || !event::poll(DRAIN)? {
                    break;
                }
            }
        }
        while let Some(done) = worker.poll() {
            actions.push(done);
        }
        for a in actions {
            update::update(app, a);
        }
        if let Some(p) = persist.as_deref_mut() {
            p.tick(app, Instant::now());
        }
        if app.quit || stop.requested() {
            return Ok(());
        }
    }
}
