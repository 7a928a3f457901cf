//! Loading the corpus on a background thread while the reader is already up.
//!
//! The reader starts on an empty store and the loader thread sends [`Action`]s: progress after
//! every chunk of files, and a new [`Store`] of the articles parsed so far whenever their number
//! has doubled since the last one (so rebuilding costs at most about twice one final build), up
//! to a few thousand articles, then the final store once people are found. Each store replaces
//! the previous one whole; the articles keep their order, so the selection and the open
//! article stay where they were, and the filter, the person restriction and the people list
//! are re-applied to the new store.
//! The cache entry (articles, then the store's indexes) is written after the final store is
//! sent, so the articles show first; a reopen reads the indexes back instead of building them.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use super::action::Action;
use super::app::App;
use super::update;
use crate::cache::Bodies;
use crate::corpus::{LoadOptions, Progress, load_with};
use crate::input::InputError;
use crate::store::Store;

/// Test hook: when set to `1`, the load never ends and ignores cancellation, like the parse
/// of a huge page, so tests can check that quitting does not wait for it.
pub const TEST_STALL_LOAD_VAR: &str = "PAPERTUI_TEST_STALL_LOAD";

/// Articles in the first partial store; later ones come when the count has doubled.
const FIRST_PARTIAL: usize = 1;
/// No partial store is built past this many articles: the list shows the first pages while
/// the gauge counts the rest. Each partial store holds its own copy of the articles' indexes,
/// and the person pass rewrites every article, so a partial store of a large corpus would
/// keep a second copy of its text alive until the final store replaces it.
const LAST_PARTIAL: usize = 8192;

/// What the load thread leaves behind for the end of the program.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Files that could not be read.
    pub errors: Vec<InputError>,
    /// Why the cache entry could not be written, if it could not.
    pub cache_error: Option<std::io::Error>,
}

/// Handle to the load thread.
pub struct Loader {
    events: Receiver<Action>,
    cancel: Arc<AtomicBool>,
    /// Raised by the thread once the load is complete and only the cache write remains.
    writing: Arc<AtomicBool>,
    thread: Option<JoinHandle<LoadReport>>,
}

impl Loader {
    /// Starts loading `paths` (the embedded sample when empty).
    pub fn spawn(paths: Vec<PathBuf>, mut options: LoadOptions) -> std::io::Result<Loader> {
        let cancel = Arc::new(AtomicBool::new(false));
        options.cancel = Some(Arc::clone(&cancel));
        // The reader shows one article at a time: bodies stay in the cache until opened.
        options.bodies = Bodies::Defer;
        let (tx, events) = mpsc::channel();
        let writing = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&writing);
        let thread = thread::Builder::new()
            .name("load".into())
            .spawn(move || load(&paths, &options, &tx, &done))?;
        Ok(Loader {
            events,
            cancel,
            writing,
            thread: Some(thread),
        })
    }

    /// The next message of the load, if one is waiting.
    pub fn poll(&self) -> Option<Action> {
        self.events.try_recv().ok()
    }

    /// Stops the load and returns its report. A load still reading or parsing is abandoned
    /// at once (a page may take long to parse, and nothing of a cancelled load is kept: the
    /// process is about to exit), with an empty report; a cache write under way is waited for,
    /// so the next start finds the entry.
    pub fn finish(mut self) -> LoadReport {
        self.cancel.store(true, Ordering::Relaxed);
        let thread = self.thread.take();
        if !self.writing.load(Ordering::Acquire) {
            return LoadReport::default();
        }
        thread.and_then(|t| t.join().ok()).unwrap_or_default()
    }
}

/// The load thread: parse or read the cache, sending progress and stores; then cache.
fn load(
    paths: &[PathBuf],
    options: &LoadOptions,
    tx: &Sender<Action>,
    writing: &AtomicBool,
) -> LoadReport {
    if std::env::var_os(TEST_STALL_LOAD_VAR).is_some_and(|v| v == "1") {
        // A page that takes forever to parse, and pays no attention to being cancelled.
        loop {
            thread::park();
        }
    }
    let mut next_partial = FIRST_PARTIAL;
    let mut loaded = load_with(paths, options, &mut |progress, articles| {
        let _ = tx.send(Action::LoadProgress(*progress));
        let more_to_come = progress.files_done < progress.files_total;
        if more_to_come
            && !progress.people
            && articles.len() >= next_partial
            && next_partial <= LAST_PARTIAL
        {
            next_partial = articles.len() * 2;
            let store = Store::from_articles(articles.to_vec());
            let _ = tx.send(Action::StoreLoaded(Arc::new(store), false));
        }
    });
    let mut report = LoadReport {
        errors: std::mem::take(&mut loaded.errors),
        cache_error: None,
    };
    if options.cancelled() {
        return report;
    }
    let store = Arc::new(loaded.take_store());
    writing.store(true, Ordering::Release);
    let _ = tx.send(Action::StoreLoaded(Arc::clone(&store), true));
    if let Some(pending) = loaded.pending.take() {
        report.cache_error = pending.write(store.articles()).err();
    }
    if report.cache_error.is_none()
        && let Some(indexes) = &loaded.indexes
    {
        report.cache_error = indexes.write(&store).err();
    }
    report
}

/// Records how far the load has come (ignored once the final store is in).
pub(crate) fn progress(app: &mut App, progress: Progress) {
    if app.loading.is_some() {
        app.loading = Some(progress);
    }
}

/// Puts `store` in place of the current one, keeping what the user chose.
pub(crate) fn replace_store(app: &mut App, store: Arc<Store>, last: bool) {
    let person_name = app.person.map(|p| app.store.person_name(p).to_owned());
    let (list, before) = (app.list, app.person.is_some());
    app.store = store;
    app.person = person_name.and_then(|n| app.store.person_by_name(&n));
    if last {
        app.loading = None;
        if let Some(name) = app.pending_person.take() {
            match app.store.person_by_name(&name) {
                Some(id) => app.person = Some(id),
                None => {
                    let text = format!("@{} {}", name.trim(), app.filter.text());
                    app.filter = super::line::LineInput::with_text(text.trim());
                }
            }
        }
    }
    update::refilter_people(app);
    // Results of the old store are no candidate set for the new one: search it afresh.
    app.results = None;
    update::refilter(app);
    if app.person.is_some() == before {
        // Articles keep their order, so the same row is the same article (sync clamps it).
        app.list = list;
    }
    // Same article ids, possibly new content (people): lay the reader out again.
    app.reader.width = 0;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Kind, PersonMention};
    use crate::tui::TuiOptions;

    fn store(n: u32) -> Arc<Store> {
        let articles = (0..n)
            .map(|i| {
                let mut a = Article::new("t.txt", i, Kind::News);
                a.set_title(Some(&format!("会议{i}")));
                a.set_persons(&[PersonMention {
                    name: "吕沛".into(),
                    role: None,
                }]);
                a
            })
            .collect();
        Arc::new(Store::from_articles(articles))
    }

    #[test]
    fn a_query_typed_during_the_load_is_searched_again_in_the_new_store() {
        use std::sync::atomic::AtomicBool;
        let options = TuiOptions {
            query: Some("会议4".into()),
            ..TuiOptions::default()
        };
        let mut app = App::loading(&options);
        update::update(&mut app, Action::Resize(100, 30));
        let answer = |app: &mut App| {
            let request = app.request.take().expect("a search request");
            let results =
                crate::tui::worker::execute(&app.store, &request, &AtomicBool::new(false))
                    .expect("not cancelled");
            update::update(
                app,
                Action::SearchDone(request.generation, Arc::new(results)),
            );
        };
        update::update(&mut app, Action::StoreLoaded(store(2), false));
        answer(&mut app);
        assert_eq!(app.set_len(), 0, "no 会议4 among two articles");
        update::update(&mut app, Action::StoreLoaded(store(5), true));
        answer(&mut app);
        assert_eq!(app.set_len(), 1, "会议4 is in the final store");
    }

    #[test]
    fn partial_stores_fill_the_list_and_the_last_resolves_the_person() {
        let options = TuiOptions {
            person: Some("吕沛".into()),
            ..TuiOptions::default()
        };
        let mut app = App::loading(&options);
        update::update(&mut app, Action::Resize(100, 30));
        assert_eq!(app.set_len(), 0);
        update::update(&mut app, Action::StoreLoaded(store(2), false));
        assert!(app.loading.is_some());
        assert_eq!(app.person, None);
        assert_eq!(app.set_len(), 2);
        update::update(&mut app, Action::Down);
        update::update(&mut app, Action::StoreLoaded(store(5), true));
        assert!(app.loading.is_none());
        assert!(app.person.is_some());
        assert_eq!(app.set_len(), 5);
        update::update(&mut app, Action::Down);
        update::update(&mut app, Action::StoreLoaded(store(6), true));
        assert_eq!(app.list.selected, 1);
    }

    #[test]
    fn loader_delivers_the_sample_and_a_final_store() {
        let loader = Loader::spawn(Vec::new(), LoadOptions::default()).expect("thread");
        let mut app = App::loading(&TuiOptions::default());
        while app.loading.is_some() {
            match loader.events.recv() {
                Ok(action) => update::update(&mut app, action),
                Err(_) => break,
            }
        }
        assert!(app.loading.is_none());
        assert!(app.store.len() > 10);
        assert!(loader.finish().errors.is_empty());
    }
}
