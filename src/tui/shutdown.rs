//! Leaving the reader cleanly: termination signals, and test hooks for the failure exits.
//!
//! A terminal left in raw mode on the alternate screen is unusable, so every way out of the
//! reader must restore it. Quitting, errors and panics are covered by the loop's drop guard and
//! ratatui's panic hook; this module adds termination signals. `SIGTERM`, `SIGINT` and `SIGHUP`
//! only set a flag (a signal handler may not touch the terminal safely); the loop checks it on
//! every tick and returns, the reading state is saved, the terminal restored, and then
//! [`Stop::release`] re-raises the signal with its default action so the parent still sees the
//! process end by that signal. After the release a signal ends the process at once, so waiting
//! for background work at exit (a cache write) never makes the process deaf to signals.
//!
//! The two environment variables read by [`test_hooks`] let tests drive the panic and error
//! exits of a real terminal session; they do nothing unless set.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::{SigId, flag, low_level};

/// Test hook: when set to `1`, the reader panics right after taking over the terminal.
pub const TEST_PANIC_VAR: &str = "PAPERTUI_TEST_PANIC";
/// Test hook: when set to `1`, the reader fails with an error right after taking over the terminal.
pub const TEST_ERROR_VAR: &str = "PAPERTUI_TEST_ERROR";

/// The signals that end the reader cleanly.
const SIGNALS: [i32; 3] = [SIGTERM, SIGINT, SIGHUP];

/// Termination signals caught while the reader runs; re-raised when dropped.
pub struct Stop {
    /// The last signal received, or 0.
    received: Arc<AtomicUsize>,
    /// The handlers to remove when the reader is done.
    ids: Vec<SigId>,
}

impl Stop {
    /// Catch the termination signals until this value is dropped.
    pub fn register() -> io::Result<Self> {
        let received = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::with_capacity(SIGNALS.len());
        for signal in SIGNALS {
            let value = usize::try_from(signal).unwrap_or_default();
            ids.push(flag::register_usize(signal, Arc::clone(&received), value)?);
        }
        Ok(Self { received, ids })
    }

    /// Whether a termination signal has arrived: the loop should return.
    pub fn requested(&self) -> bool {
        self.received.load(Ordering::SeqCst) != 0
    }

    /// Stops catching the signals: a signal caught so far ends the process now, the way it
    /// would have (call it once the state is saved and the terminal restored), and any later
    /// one ends it at once.
    pub fn release(&mut self) {
        for id in self.ids.drain(..) {
            low_level::unregister(id);
        }
        let signal = self.received.swap(0, Ordering::SeqCst);
        if let Ok(signal) = i32::try_from(signal)
            && signal != 0
        {
            let _ = low_level::emulate_default_handler(signal);
        }
    }
}

impl Drop for Stop {
    fn drop(&mut self) {
        self.release();
    }
}

/// Panic or fail on purpose when a test asks for it through [`TEST_PANIC_VAR`] or
/// [`TEST_ERROR_VAR`]; otherwise do nothing.
pub fn test_hooks() -> anyhow::Result<()> {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| v == "1");
    if set(TEST_PANIC_VAR) {
        panic!("{TEST_PANIC_VAR} is set: panicking on purpose");
    }
    if set(TEST_ERROR_VAR) {
        anyhow::bail!("{TEST_ERROR_VAR} is set: failing on purpose");
    }
    Ok(())
}
