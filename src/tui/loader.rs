//! Loading the corpus on a background thread while the reader is already up.
//!
//! The reader starts on an empty store and the loader thread sends [`Background`] results:
//! progress after every chunk of files, and a new [`Store`] of the articles parsed so far
//! whenever their number has doubled since the last one (so rebuilding costs at most about
//! twice one final build), one more of all of them when parsing is done and people are being
//! found, then the final store. Each store replaces the previous one whole; the articles keep
//! their order, so the selection and the open article stay where they were, and the filter,
//! the person restriction and the people list are re-applied to the new store (by
//! [`super::update::receive`]: this module only produces the results).
//!
//! A partial store holds its own copy of the articles, so past the first [`FULL_PARTIAL`] it
//! copies their heads only (headline, labels, names): the list keeps growing at little memory,
//! and such an article's body is shown once the final store is in ([`LOADING_BODY`]).
//! The cache entry (articles, then the store's indexes) is written after the final store is
//! sent, so the articles show first; a reopen reads the indexes back instead of building them.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use super::background::Background;
use crate::cache::Bodies;
use crate::corpus::{LoadOptions, Progress, load_with};
use crate::input::InputError;
use crate::model::Article;
use crate::search::Catalog;

/// Test hook: when set to `1`, the load never ends and ignores cancellation, like the parse
/// of a huge page, so tests can check that quitting does not wait for it.
pub const TEST_STALL_LOAD_VAR: &str = "PAPERTUI_TEST_STALL_LOAD";

/// Articles in the first partial store; later ones come when the count has doubled.
const FIRST_PARTIAL: usize = 1;
/// Articles of a partial store copied whole, bodies included; the rest are copied without
/// their bodies. The person pass rewrites every article, so whole copies of a large corpus
/// would keep a second copy of its text alive until the final store replaces them.
pub const FULL_PARTIAL: usize = 8192;
/// What the body of an article copied without it reads as, until the final store is in.
pub const LOADING_BODY: &str = "still loading";

/// The stand-in body reader of articles copied without their bodies.
struct StillLoading;

impl crate::model::BodyReader for StillLoading {
    fn read_body(
        &self,
        _: &crate::model::BodyAt,
        _: u32,
    ) -> Result<crate::model::PackedBody, String> {
        Err(LOADING_BODY.to_owned())
    }
}

/// A catalog of the articles parsed so far: the first [`FULL_PARTIAL`] whole, the rest heads.
fn partial_store(articles: &[Article], stand_in: &Arc<dyn crate::model::BodyReader>) -> Catalog {
    let full = articles.len().min(FULL_PARTIAL);
    let (whole, heads) = articles.split_at(full);
    let mut copy = whole.to_vec();
    copy.extend(heads.iter().map(|a| a.head_only(stand_in)));
    Catalog::build(copy)
}

/// Whether a partial store of `parsed` articles should go out now: while pages are parsed,
/// when their number reached `next` (double the last one's); once parsing is done, when some
/// articles are not in the last one (`sent`) yet.
fn partial_due(progress: &Progress, parsed: usize, next: usize, sent: usize) -> bool {
    if progress.people {
        parsed > sent
    } else {
        progress.files_done < progress.files_total && parsed >= next
    }
}

/// What the load thread leaves behind for the end of the program.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Files that could not be read.
    pub errors: Vec<InputError>,
    /// Why the cache entry could not be written, if it could not.
    pub cache_error: Option<std::io::Error>,
    /// True when nothing at all could be loaded, so the reader never started.
    pub nothing_loaded: bool,
}

/// What the first messages of a load say, before the terminal is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outlook {
    /// Articles came, or may still come: start the reader.
    Reader,
    /// There is nothing to read (no page files, or none could be read).
    Nothing,
}

/// Handle to the load thread.
pub struct Loader {
    events: Receiver<Background>,
    /// Messages already received by [`Loader::outlook`], handed out first by
    /// [`Loader::poll`].
    held: std::collections::VecDeque<Background>,
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
            held: std::collections::VecDeque::new(),
            cancel,
            writing,
            thread: Some(thread),
        })
    }

    /// The next message of the load, if one is waiting.
    pub fn poll(&mut self) -> Option<Background> {
        self.held
            .pop_front()
            .or_else(|| self.events.try_recv().ok())
    }

    /// Waits, at most `patience`, until the load shows whether there is anything to read: the
    /// first articles, or no page files at all, or every file read and none of them usable.
    /// The messages read meanwhile are kept for [`Loader::poll`]. When `patience` runs out
    /// the answer is [`Outlook::Reader`], and a load that ends empty is said in the reader.
    pub fn outlook(&mut self, patience: std::time::Duration) -> Outlook {
        let deadline = std::time::Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let action = match self.events.recv_timeout(left) {
                Ok(action) => action,
                Err(mpsc::RecvTimeoutError::Timeout) => return Outlook::Reader,
                // The thread ended without a store: it was cancelled or had nothing.
                Err(mpsc::RecvTimeoutError::Disconnected) => return Outlook::Nothing,
            };
            let verdict = match &action {
                Background::StoreLoaded(store, last) if !store.is_empty() || !*last => {
                    Some(Outlook::Reader)
                }
                Background::StoreLoaded(..) => Some(Outlook::Nothing),
                Background::LoadProgress(p) if p.articles > 0 => Some(Outlook::Reader),
                Background::LoadProgress(p)
                    if p.files_done == p.files_total && !p.from_cache && !p.people =>
                {
                    Some(Outlook::Nothing)
                }
                _ => None,
            };
            self.held.push_back(action);
            if let Some(v) = verdict {
                return v;
            }
        }
    }

    /// Waits for a load that has nothing to give ([`Outlook::Nothing`]) to end, and returns
    /// its report: which files could not be read, and why.
    pub fn wait(mut self) -> LoadReport {
        self.thread
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default()
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
    tx: &Sender<Background>,
    writing: &AtomicBool,
) -> LoadReport {
    if std::env::var_os(TEST_STALL_LOAD_VAR).is_some_and(|v| v == "1") {
        // A page that takes forever to parse, and pays no attention to being cancelled.
        loop {
            thread::park();
        }
    }
    let mut next_partial = FIRST_PARTIAL;
    let mut sent = 0;
    let stand_in: Arc<dyn crate::model::BodyReader> = Arc::new(StillLoading);
    let mut loaded = load_with(paths, options, &mut |progress, articles| {
        let _ = tx.send(Background::LoadProgress(*progress));
        if partial_due(progress, articles.len(), next_partial, sent) {
            next_partial = articles.len() * 2;
            sent = articles.len();
            let store = partial_store(articles, &stand_in);
            let _ = tx.send(Background::StoreLoaded(Arc::new(store), false));
        }
    });
    let mut report = LoadReport {
        errors: std::mem::take(&mut loaded.errors),
        ..LoadReport::default()
    };
    if options.cancelled() {
        return report;
    }
    if !report.errors.is_empty() {
        let failures = report.errors.iter().map(ToString::to_string).collect();
        let _ = tx.send(Background::LoadFailures(failures));
    }
    let store = Arc::new(loaded.take_catalog());
    writing.store(true, Ordering::Release);
    let _ = tx.send(Background::StoreLoaded(Arc::clone(&store), true));
    if let Some(pending) = loaded.pending.take() {
        report.cache_error = pending.write(store.articles()).err();
    }
    if report.cache_error.is_none()
        && let Some(indexes) = &loaded.indexes
    {
        report.cache_error = indexes.write(&store).err();
    }
    let entry = loaded
        .cache_entry()
        .filter(|_| report.cache_error.is_none())
        .map(|(cache, fingerprint)| (cache.clone(), fingerprint.clone()));
    index_in_background(store, entry, tx.clone());
    report
}

/// Opens or builds the full-text index of `store` on a thread of its own, beside the cache
/// entry when there is one (in memory otherwise), sending [`Background::Indexing`] and then
/// [`Background::IndexReady`]. The thread is not waited for: quitting abandons the build
/// (a half-built index is never renamed into place, see [`crate::fulltext::disk`]).
fn index_in_background(
    store: Arc<Catalog>,
    entry: Option<(crate::cache::Cache, crate::cache::Fingerprint)>,
    tx: Sender<Background>,
) {
    if store.is_empty() {
        return;
    }
    let progress = Arc::new(crate::fulltext::IndexProgress::default());
    let _ = tx.send(Background::Indexing(Arc::clone(&progress)));
    let failed = tx.clone();
    let spawned = thread::Builder::new()
        .name("fulltext".into())
        .spawn(move || {
            let built = match &entry {
                Some((cache, fingerprint)) => crate::fulltext::disk::open_or_build_counting(
                    cache,
                    fingerprint,
                    store.articles(),
                    &progress,
                )
                .map(|(index, outcome)| (index, Some(outcome))),
                None => {
                    crate::fulltext::FullText::build_in_ram_counting(store.articles(), &progress)
                        .map(|index| (index, None))
                }
            };
            let ready = built
                .map(|(index, outcome)| (Arc::new(index), outcome))
                .map_err(|e| e.to_string());
            let _ = tx.send(Background::IndexReady(ready));
        });
    if let Err(error) = spawned {
        let _ = failed.send(Background::IndexReady(Err(error.to_string())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Kind, PersonMention};
    use crate::tui::App;
    use crate::tui::TuiOptions;
    use crate::tui::update;
    use crate::vocab::Action;

    fn store(n: u32) -> Arc<Catalog> {
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
        Arc::new(Catalog::build(articles))
    }

    #[test]
    fn a_query_typed_during_the_load_is_searched_again_in_the_new_store() {
        use std::sync::atomic::AtomicBool;
        let options = TuiOptions {
            query: Some("会议4".into()),
            ..TuiOptions::default()
        };
        let mut app = App::loading(&options);
        update::start(&mut app);
        update::update(&mut app, Action::Resize(100, 30));
        let answer = |app: &mut App| {
            let request = app.request.take().expect("a search request");
            let results = crate::search::run_request(&app.store, &request, &AtomicBool::new(false))
                .expect("not cancelled");
            update::receive(
                app,
                Background::SearchDone(request.generation, Arc::new(results)),
            );
        };
        update::receive(&mut app, Background::StoreLoaded(store(2), false));
        answer(&mut app);
        assert_eq!(app.set_len(), 0, "no 会议4 among two articles");
        update::receive(&mut app, Background::StoreLoaded(store(5), true));
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
        update::start(&mut app);
        update::update(&mut app, Action::Resize(100, 30));
        assert_eq!(app.set_len(), 0);
        update::receive(&mut app, Background::StoreLoaded(store(2), false));
        assert!(app.loading.is_some());
        assert_eq!(app.person, None);
        assert_eq!(app.set_len(), 2);
        update::update(&mut app, Action::Down);
        update::receive(&mut app, Background::StoreLoaded(store(5), true));
        assert!(app.loading.is_none());
        assert!(app.person.is_some());
        assert_eq!(app.set_len(), 5);
        update::update(&mut app, Action::Down);
        update::receive(&mut app, Background::StoreLoaded(store(6), true));
        assert_eq!(app.list.selected, 1);
    }

    #[test]
    fn partial_stores_keep_coming_until_every_article_is_listed() {
        let parsing = |done, total| Progress {
            files_done: done,
            files_total: total,
            ..Progress::default()
        };
        // While parsing: at the first article, then whenever the count has doubled, however
        // large it grows.
        assert!(partial_due(&parsing(1, 100), 1, FIRST_PARTIAL, 0));
        assert!(!partial_due(&parsing(2, 100), 1_500, 2_000, 1_000));
        assert!(partial_due(&parsing(50, 100), 40_000, 32_768, 16_384));
        // The last chunk is not sent as a partial; the whole parse is, once people are sought.
        assert!(!partial_due(&parsing(100, 100), 90_000, 65_536, 32_768));
        let people = Progress {
            people: true,
            ..parsing(100, 100)
        };
        assert!(partial_due(&people, 90_000, 131_072, 65_536));
        assert!(!partial_due(&people, 90_000, 180_000, 90_000));
    }

    #[test]
    fn past_the_first_articles_a_partial_store_copies_heads_only() {
        let mut articles: Vec<Article> = (0..FULL_PARTIAL as u32 + 2)
            .map(|i| {
                let mut a = Article::new("t.txt", i, Kind::News);
                a.set_title(Some(&format!("会议{i}")));
                a.set_date(Some("03-01"));
                a.set_paragraphs(&["正文。"]);
                a
            })
            .collect();
        articles[FULL_PARTIAL + 1].doubts.headline = true;
        let stand_in: Arc<dyn crate::model::BodyReader> = Arc::new(StillLoading);
        let store = partial_store(&articles, &stand_in);
        assert_eq!(store.len(), articles.len());
        let first = store.article(crate::store::ArticleId(0));
        assert_eq!(first.paragraphs().next(), Some("正文。"));
        let last = store.article(crate::store::ArticleId(FULL_PARTIAL as u32 + 1));
        assert_eq!(
            last.title(),
            Some(format!("会议{}", FULL_PARTIAL + 1).as_str())
        );
        assert_eq!(last.date(), Some("03-01"));
        assert!(last.doubts.headline);
        assert_eq!(last.load_paragraphs().err(), Some(LOADING_BODY));
    }

    #[test]
    fn saved_state_arriving_after_the_user_acted_never_undoes_it() {
        let saved = crate::state::SavedState {
            filter: Some(crate::state::SavedFilter {
                text: "会议3".into(),
                ..Default::default()
            }),
            selected: Some("t.txt#4".into()),
            bookmarks: ["t.txt#1".to_owned()].into(),
            ..Default::default()
        };
        let restored = |app: &mut App| {
            update::receive(app, Background::StoreLoaded(store(6), true));
            update::receive(
                app,
                Background::StateRestored(Box::new(saved.clone()), None),
            );
            update::settle(app);
        };
        // The user moved and bookmarked while the corpus loaded.
        let mut app = App::loading(&TuiOptions::default());
        update::start(&mut app);
        update::update(&mut app, Action::Resize(100, 30));
        update::receive(&mut app, Background::StoreLoaded(store(3), false));
        update::update(&mut app, Action::Down);
        update::update(&mut app, Action::Down);
        update::update(&mut app, Action::ToggleBookmark);
        restored(&mut app);
        assert_eq!(
            app.filter.text(),
            "",
            "the saved filter is not applied over the user's"
        );
        assert_eq!(app.selected_article(), Some(crate::store::ArticleId(2)));
        assert!(
            app.marks.is_bookmarked(crate::store::ArticleId(2)),
            "the user's mark"
        );
        assert!(
            app.marks.is_bookmarked(crate::store::ArticleId(1)),
            "the saved mark"
        );
        // The user typed a filter: it stays, with its results.
        let mut app = App::loading(&TuiOptions::default());
        update::start(&mut app);
        update::update(&mut app, Action::Resize(100, 30));
        update::receive(&mut app, Background::StoreLoaded(store(3), false));
        update::update(&mut app, Action::EditFilter);
        update::update(&mut app, Action::Insert('5'));
        restored(&mut app);
        assert_eq!(app.filter.text(), "5");
        // The user did nothing: the saved place comes back.
        let mut app = App::loading(&TuiOptions::default());
        update::start(&mut app);
        update::update(&mut app, Action::Resize(100, 30));
        update::receive(&mut app, Background::StoreLoaded(store(3), false));
        restored(&mut app);
        assert_eq!(app.filter.text(), "会议3");
    }

    #[test]
    fn loader_delivers_the_sample_and_a_final_store() {
        let loader = Loader::spawn(Vec::new(), LoadOptions::default()).expect("thread");
        let mut app = App::loading(&TuiOptions::default());
        update::start(&mut app);
        while app.loading.is_some() {
            match loader.events.recv() {
                Ok(news) => update::receive(&mut app, news),
                Err(_) => break,
            }
        }
        assert!(app.loading.is_none());
        assert!(app.store.len() > 10);
        assert!(loader.finish().errors.is_empty());
    }
}
