//! Saving the reader's state while it runs: soon after marks change, and once at exit.
//!
//! Update only raises [`App::marks_changed`]; this is the I/O side the event loop calls. Marks
//! are saved at most once per [`SAVE_EVERY`] so holding `n` over a thousand articles does not
//! write a thousand files, and a failed save is shown in the status bar instead of stopping
//! the reader. The filter and selection are saved at exit only. Every save is a merge with
//! what is on disk ([`StateDir::update`]), so two readers of one corpus keep each other's marks.

use std::io;
use std::time::{Duration, Instant};

use super::app::App;
use crate::state::{self, CorpusId, SavedState, StateDir};
use crate::store::Store;

/// Shortest time between two saves while the reader runs.
pub const SAVE_EVERY: Duration = Duration::from_secs(2);

/// The saved state of a corpus, a notice about it, and where to save it again.
#[derive(Debug, Default)]
pub struct Opened {
    /// What was saved last time (empty when nothing was).
    pub state: SavedState,
    /// A message for the status bar (a damaged state file moved aside, no data directory).
    pub notice: Option<String>,
    /// Where to save; `None` when the state cannot be saved this session.
    pub persist: Option<Persist>,
}

/// Reads the saved state of the corpus in `store` and prepares saving it.
pub fn open(store: &Store) -> Opened {
    let corpus = CorpusId::of(store.articles().iter().map(|a| &*a.source));
    match StateDir::locate() {
        Some(dir) => {
            let state::LoadedState {
                state,
                notice,
                read_only,
                ..
            } = dir.load(corpus);
            let persist = (!read_only).then(|| Persist::new(dir, corpus, state.clone()));
            Opened {
                state,
                notice,
                persist,
            }
        }
        None => Opened {
            notice: Some("no data directory: bookmarks will not be saved".into()),
            ..Opened::default()
        },
    }
}

/// Where and for which corpus the reader's state is saved, and what it was last.
#[derive(Debug)]
pub struct Persist {
    dir: StateDir,
    corpus: CorpusId,
    /// The state this reader loaded or last saved: what its changes are measured against
    /// when another reader of the same corpus has saved meanwhile.
    base: SavedState,
    last: Option<Instant>,
    pending: bool,
}

impl Persist {
    /// Saves for `corpus` into `dir`; `base` is the state the reader started from.
    pub fn new(dir: StateDir, corpus: CorpusId, base: SavedState) -> Persist {
        Persist {
            dir,
            corpus,
            base,
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

    /// When the next save is due, if one is waiting (the event loop wakes for it).
    pub fn due(&self) -> Option<Instant> {
        if !self.pending {
            return None;
        }
        Some(self.last.map_or_else(Instant::now, |t| t + SAVE_EVERY))
    }

    /// Saves everything now (at exit), merged with what another reader of the same corpus
    /// may have saved since.
    pub fn save(&mut self, app: &App) -> io::Result<()> {
        let mine = app.saved_state();
        self.dir.update(self.corpus, &self.base, &mine)?;
        self.base = mine;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Article, Kind};
    use crate::search::Catalog;

    use crate::tui::TuiOptions;
    use crate::tui::update::{start, update};
    use crate::vocab::Action;

    #[test]
    fn saves_soon_after_a_change_but_not_more_often_than_every_interval() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let store = Catalog::build(vec![
            Article::new("p.txt", 0, Kind::News),
            Article::new("p.txt", 1, Kind::News),
        ]);
        let corpus = CorpusId::of(["p.txt"]);
        let dir = StateDir::new(tmp.path());
        let mut persist = Persist::new(dir.clone(), corpus, SavedState::default());
        let mut app = App::new(Arc::new(store), &TuiOptions::default());
        start(&mut app);
        let t0 = Instant::now();
        update(&mut app, Action::ToggleBookmark);
        persist.tick(&mut app, t0);
        assert_eq!(dir.load(corpus).state.bookmarks.len(), 1);
        update(&mut app, Action::Down);
        update(&mut app, Action::ToggleBookmark);
        persist.tick(&mut app, t0 + Duration::from_millis(100));
        assert_eq!(dir.load(corpus).state.bookmarks.len(), 1, "too soon");
        persist.tick(&mut app, t0 + SAVE_EVERY);
        assert_eq!(dir.load(corpus).state.bookmarks.len(), 2, "saved when due");
        assert!(app.notice.is_none());
    }

    #[test]
    fn a_failed_save_becomes_a_notice() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, b"x").expect("write");
        let store = Catalog::build(vec![Article::new("p.txt", 0, Kind::News)]);
        let dir = StateDir::new(&file);
        let mut persist = Persist::new(dir, CorpusId::of(["p.txt"]), SavedState::default());
        let mut app = App::new(Arc::new(store), &TuiOptions::default());
        start(&mut app);
        update(&mut app, Action::ToggleBookmark);
        persist.tick(&mut app, Instant::now());
        let notice = app.notice.expect("reported");
        assert!(notice.starts_with("cannot save state"), "{notice}");
    }
}
