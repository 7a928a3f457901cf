//! Saving the reader's state while it runs: soon after marks change, and once at exit.
//!
//! Update only raises [`App::marks_changed`]; this is the I/O side the event loop calls. Marks
//! are saved at most once per [`SAVE_EVERY`] so holding `n` over a thousand articles does not
//! write a thousand files, and a failed save is shown in the status bar instead of stopping
//! the reader. The filter and selection are saved at exit only.

use std::io;
use std::time::{Duration, Instant};

use super::app::App;
use crate::state::{CorpusId, StateDir};

/// Shortest time between two saves while the reader runs.
pub const SAVE_EVERY: Duration = Duration::from_secs(2);

/// Where and for which corpus the reader's state is saved.
#[derive(Debug)]
pub struct Persist {
    dir: StateDir,
    corpus: CorpusId,
    last: Option<Instant>,
    pending: bool,
}

impl Persist {
    /// Saves for `corpus` into `dir`.
    pub fn new(dir: StateDir, corpus: CorpusId) -> Persist {
        Persist {
            dir,
            corpus,
            last: None,
            pending: false,
        }
    }

    /// Saves when marks changed and the last save is old enough; a failure becomes a notice.
    pub fn tick(&mut self, app: &mut App, now: Instant) {
        if app.marks_changed {
            app.marks_changed = false;
            self.pending = true;
        }
        let due = self
            .last
            .is_none_or(|t| now.duration_since(t) >= SAVE_EVERY);
        if self.pending && due {
            self.pending = false;
            self.last = Some(now);
            if let Err(e) = self.save(app) {
                app.notice = Some(format!("cannot save state: {e}"));
            }
        }
    }

    /// Saves everything now (at exit).
    pub fn save(&self, app: &App) -> io::Result<()> {
        self.dir.save(self.corpus, &app.saved_state())
    }
}
