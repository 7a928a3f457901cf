//! The reader's state: what is shown, selected, scrolled and typed; nothing about drawing.
//!
//! Everything the view needs is here or derivable from here, so a screen is a pure function
//! of an [`App`]. The filtered article set is never materialised when it is "everything" or
//! "one person's articles": [`App::set_len`] and [`App::set_get`] read the store's indexes or
//! the last search results directly, so a million-article store costs nothing extra here.

use std::sync::Arc;

use super::bodies::{BodyAnswer, BodyRequest};
use super::doc::DocLine;
use super::found::Marking;
use super::line::LineInput;
use super::marks::Marks;
use crate::config::Config;
use crate::corpus::Progress;
use crate::fulltext::{FullText, IndexProgress};
use crate::search::{Catalog, SearchRequest};
use crate::search::{Query, Results};
use crate::state::{SavedFilter, SavedState};
use crate::store::{ArticleId, PersonId};
pub use crate::vocab::{FilterScope, Focus, Mode};

/// How the reader is started: initial filter, display options, configuration, saved state.
#[derive(Clone, Debug, Default)]
pub struct TuiOptions {
    /// Filter text to start with (`--query`); with `person`, overrides the saved filter.
    pub query: Option<String>,
    /// Person whose articles to start with (`--person`).
    pub person: Option<String>,
    /// Draw without colours (set when `NO_COLOR` is present).
    pub no_color: bool,
    /// Key bindings, colours, default scope and list columns.
    pub config: Arc<Config>,
    /// Marks, filter and selection saved by the last session on this corpus.
    pub state: SavedState,
    /// A message for the status bar at start (e.g. a damaged state file was moved aside).
    pub notice: Option<String>,
}

/// Which pane of the people screen has the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PeoplePane {
    /// The list of people.
    #[default]
    List,
    /// The selected person: roles, chart of appearances, headlines.
    Person,
}

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Filter, list and reader.
    Articles,
    /// The people list with the selected person's chart.
    People,
}

/// A scrolling popup over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Every key, a legend of the list's marks, and the mouse.
    Help,
    /// The files that could not be loaded, and why.
    Failures,
}

/// Selected row and first visible row of a scrolling list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Index of the selected row.
    pub selected: usize,
    /// Index of the first row on screen.
    pub offset: usize,
}

impl Selection {
    /// Keeps the selection inside `len` rows and on screen in a window of `height` rows.
    pub fn clamp(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }

    /// Moves the selection by `delta` rows within `len` rows.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

/// The reader pane's laid-out article and scroll position.
#[derive(Clone, Debug, Default)]
pub struct ReaderState {
    /// The article laid out in `doc`.
    pub article: Option<ArticleId>,
    /// The text width `doc` was laid out for.
    pub width: usize,
    /// The article as display lines.
    pub doc: Vec<DocLine>,
    /// First line on screen.
    pub scroll: usize,
    /// The lines of `doc` holding a match of the filter's words, in order.
    pub matches: Vec<usize>,
    /// The match the reader was last moved to (an index into `matches`).
    pub current_match: Option<usize>,
    /// What `doc` was marked for: the filter's words or the article search.
    pub marked_for: Option<Marking>,
    /// The selected article and body-only list the snippet was made for.
    pub snippet_key: (Option<ArticleId>, usize),
}

/// A search of the open article's text, typed in the reader after `/` as in less.
#[derive(Clone, Debug, Default)]
pub struct Find {
    /// What is looked for.
    pub input: LineInput,
    /// True while it is being typed (the status bar is its prompt).
    pub typing: bool,
    /// The article it searches: showing another one ends the search.
    pub article: Option<ArticleId>,
}

/// The whole state of the terminal reader.
#[derive(Clone, Debug)]
pub struct App {
    /// The articles and their indexes.
    pub store: Arc<Catalog>,
    /// Which screen is up.
    pub screen: Screen,
    /// Which article pane has the keyboard.
    pub focus: Focus,
    /// True while typing into the current screen's filter.
    pub editing: bool,
    /// The popup that is open, if any.
    pub overlay: Option<Overlay>,
    /// First line of the popup on screen.
    pub overlay_scroll: usize,
    /// Files that could not be loaded, each as `path: reason`.
    pub failures: Vec<String>,
    /// Set when the user asked to leave.
    pub quit: bool,
    /// Draw with modifiers only (`NO_COLOR`).
    pub no_color: bool,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The article filter text.
    pub filter: LineInput,
    /// Scope for filter text without `@`, or the bookmarks.
    pub scope: FilterScope,
    /// Restriction to one person's articles.
    pub person: Option<PersonId>,
    /// Results of the last finished search; None when the filter is empty.
    pub results: Option<Arc<Results>>,
    /// Generation of the newest filter change.
    pub generation: u64,
    /// True while a search for the newest filter is running.
    pub searching: bool,
    /// A search waiting to be sent to the worker.
    pub request: Option<SearchRequest>,
    /// Selection in the article list.
    pub list: Selection,
    /// The reader pane.
    pub reader: ReaderState,
    /// The people filter text.
    pub people_filter: LineInput,
    /// People matching the people filter, best first.
    pub people: Vec<PersonId>,
    /// Selection in the people list.
    pub people_list: Selection,
    /// Which people pane has the keyboard.
    pub people_pane: PeoplePane,
    /// First headline shown in the person pane.
    pub person_scroll: usize,
    /// Key bindings, colours and list columns.
    pub config: Arc<Config>,
    /// Bookmarks and read marks.
    pub marks: Marks,
    /// The bookmarked articles (of the person, if any) while the scope is bookmarked.
    pub subset: Option<Arc<[ArticleId]>>,
    /// Article to select once the current search has answered (restored or kept selection).
    pub pending_select: Option<ArticleId>,
    /// Set when marks change; the event loop saves and clears it.
    pub marks_changed: bool,
    /// One-off message shown in the status bar until the next key.
    pub notice: Option<String>,
    /// How far the background load has come; None once the final store is in.
    pub loading: Option<Progress>,
    /// The `--person` name to resolve when the final store (with people) arrives.
    pub pending_person: Option<String>,
    /// Whether `--query` or `--person` chose the filter (a saved filter then does not apply).
    pub filter_from_command_line: bool,
    /// The filter the user last applied (Enter, Esc, a chosen person, a clear), or the one
    /// saved by the last session until then: the only filter that is saved. A filter from the
    /// command line or one half typed at exit is not.
    pub applied: Option<SavedFilter>,
    /// Set by the user's first action on the articles (a move, a filter, a mark): saved state
    /// that arrives later (a background load) is then never applied over it.
    pub acted: bool,
    /// A count typed before a movement (`5j`), if any.
    pub count: Option<usize>,
    /// Order of the article list.
    pub sort: super::order::SortKey,
    /// Show unread articles only.
    pub unread_only: bool,
    /// The set in the user's order, when it is not the filter's own (see [`super::order`]).
    pub view: Option<Arc<[ArticleId]>>,
    /// What [`App::view`] was built from.
    pub view_key: super::order::ViewKey,
    /// Bumped to rebuild the view although its set did not change (unread-only refreshed).
    pub view_refresh: u64,
    /// An article the user marked unread while it is shown: not marked read again until
    /// another one is shown.
    pub kept_unread: Option<ArticleId>,
    /// Text for the event loop to show in `$PAGER`.
    pub pager: Option<String>,
    /// Text for the event loop to copy to the clipboard (OSC 52).
    pub clipboard: Option<String>,
    /// The full-text index of the final store, once it is ready.
    pub fulltext: Option<Arc<FullText>>,
    /// True while the full-text index is opened or built.
    pub indexing: bool,
    /// How far the index being built or updated has come, once the index thread says.
    pub index_progress: Option<Arc<IndexProgress>>,
    /// The words and phrases of the filter looked for in the text (see [`super::bodies`]).
    pub body_terms: Option<Vec<String>>,
    /// A body query waiting to be sent to the body thread.
    pub body_request: Option<BodyRequest>,
    /// The last body answer of the current filter generation.
    pub body: Option<BodyAnswer>,
    /// The articles found only in their text, listed after the search results.
    pub body_only: Option<Arc<[ArticleId]>>,
    /// The same articles in id order, to tell a row's origin by binary search.
    pub body_only_sorted: Option<Arc<[ArticleId]>>,
    /// The search of the open article's text, while there is one.
    pub find: Option<Find>,
    /// Why the filter cannot be read as a query, if it cannot.
    pub filter_hint: Option<String>,
    /// Where the selected body-only article holds the filter's words (keyword in context).
    pub snippet: Option<String>,
    /// The filter's words for the fuzzy search ([`super::bodies::plan`]).
    pub fuzzy_text: String,
    /// The conditions of the filter checked after the fuzzy search (`date:`, `kind:`, …).
    pub residual: Option<Arc<crate::query::Query>>,
    /// True when a body answer is expected for the current filter generation.
    pub body_expected: bool,
    /// The set narrowed to what the residual conditions allow, once they are answered.
    pub narrowed: Option<Arc<[ArticleId]>>,
}

impl App {
    /// How much of the full-text index is built or updated, in percent, once known.
    pub fn index_percent(&self) -> Option<u8> {
        let fraction = self.index_progress.as_ref()?.fraction()?;
        Some((fraction * 100.0).floor().clamp(0.0, 100.0) as u8)
    }

    /// A reader over `store` as `options` ask, before its first update: the initial filter
    /// typed but not yet searched for, the reader not laid out ([`super::update::start`] does
    /// both).
    ///
    /// `--query`/`--person` win over the saved filter; without them the saved filter, scope,
    /// person and selection come back.
    pub fn new(store: Arc<Catalog>, options: &TuiOptions) -> App {
        crate::text::set_ambiguous_wide(options.config.ambiguous == crate::config::Ambiguous::Wide);
        let people = store.people().to_vec();
        let marks = Marks::from_state(&store, &options.state);
        let mut app = App {
            store,
            screen: Screen::Articles,
            focus: Focus::List,
            editing: false,
            overlay: None,
            overlay_scroll: 0,
            failures: Vec::new(),
            quit: false,
            no_color: options.no_color,
            size: (80, 24),
            filter: LineInput::default(),
            scope: options.config.scope,
            person: None,
            results: None,
            generation: 0,
            searching: false,
            request: None,
            list: Selection::default(),
            reader: ReaderState::default(),
            people_filter: LineInput::default(),
            people,
            people_list: Selection::default(),
            people_pane: PeoplePane::List,
            person_scroll: 0,
            config: Arc::clone(&options.config),
            marks,
            subset: None,
            pending_select: None,
            marks_changed: false,
            notice: options.notice.clone(),
            loading: None,
            pending_person: None,
            filter_from_command_line: options.query.is_some() || options.person.is_some(),
            applied: options.state.filter.clone(),
            acted: false,
            count: None,
            sort: super::order::SortKey::default(),
            unread_only: false,
            view: None,
            view_key: super::order::ViewKey::default(),
            view_refresh: 0,
            kept_unread: None,
            pager: None,
            clipboard: None,
            fulltext: None,
            indexing: false,
            index_progress: None,
            body_terms: None,
            body_request: None,
            body: None,
            body_only: None,
            body_only_sorted: None,
            find: None,
            filter_hint: None,
            snippet: None,
            fuzzy_text: String::new(),
            residual: None,
            body_expected: false,
            narrowed: None,
        };
        let mut text = options.query.clone().unwrap_or_default();
        if options.query.is_none() && options.person.is_none() {
            text = app.restore_saved(&options.state);
        }
        if let Some(name) = options.person.as_deref() {
            match app.store.person_by_name(name) {
                Some(id) => app.person = Some(id),
                None => text = format!("@{} {text}", name.trim()),
            }
        }
        app.filter = LineInput::with_text(text.trim());
        app
    }

    /// Takes the saved scope, person and selection; returns the saved filter text.
    pub(crate) fn restore_saved(&mut self, state: &SavedState) -> String {
        self.pending_select = state.selected.as_deref().and_then(|key| {
            let found = self.store.articles().iter().position(|a| a.key() == key)?;
            Some(ArticleId(found as u32))
        });
        let Some(saved) = &state.filter else {
            return String::new();
        };
        self.scope = saved.scope;
        self.person = saved
            .person
            .as_deref()
            .and_then(|n| self.store.person_by_name(n));
        saved.text.clone()
    }

    /// The filter as it stands now, in its saved form.
    pub fn current_filter(&self) -> SavedFilter {
        SavedFilter {
            text: self.filter.text().to_owned(),
            scope: self.scope,
            person: self.person.map(|p| self.store.person_name(p).to_owned()),
        }
    }

    /// The applied filter, marks and selection to save for the next session.
    pub fn saved_state(&self) -> SavedState {
        let mut state = SavedState {
            filter: self.applied.clone(),
            selected: self
                .selected_article()
                .map(|id| self.store.article(id).key()),
            ..SavedState::default()
        };
        self.marks.write_to(&self.store, &mut state);
        state
    }

    /// A reader with no articles yet, filled in by [`super::Background::StoreLoaded`] as a
    /// background load proceeds; `--person` is resolved when the last store arrives. Like
    /// [`App::new`], it is started by [`super::update::start`].
    pub fn loading(options: &TuiOptions) -> App {
        let without_person = TuiOptions {
            person: None,
            ..options.clone()
        };
        let mut app = App::new(Arc::new(Catalog::default()), &without_person);
        app.loading = Some(Progress::default());
        app.pending_person = options.person.clone();
        app.filter_from_command_line = options.query.is_some() || options.person.is_some();
        app
    }

    /// What the keys currently mean.
    pub fn mode(&self) -> Mode {
        match (self.overlay.is_some(), self.screen, self.editing) {
            (true, _, _) => Mode::Overlay,
            (false, Screen::People, true) => Mode::PeopleFilter,
            (false, Screen::People, false) => Mode::People,
            (false, Screen::Articles, true) => Mode::Filter,
            (false, Screen::Articles, false) if self.finding() => Mode::Find,
            (false, Screen::Articles, false) => Mode::Browse(self.focus),
        }
    }

    /// The query of the filter as typed now.
    pub fn query(&self) -> Query {
        Query::parse(&self.fuzzy_text, self.scope.search_scope())
    }

    /// Number of articles in the current (filtered) set.
    pub fn set_len(&self) -> usize {
        if let Some(view) = &self.view {
            return view.len();
        }
        if let Some(narrowed) = &self.narrowed {
            return narrowed.len();
        }
        self.base_len()
    }

    /// Number of articles the searches found, before the residual conditions.
    pub fn base_len(&self) -> usize {
        match (&self.results, &self.subset, self.person) {
            (Some(r), _, _) => r.len() + self.body_only.as_ref().map_or(0, |b| b.len()),
            (None, Some(s), _) => s.len(),
            (None, None, Some(p)) => self.store.articles_of_person(p).len(),
            (None, None, None) => self.store.len(),
        }
    }

    /// The titles of the listed articles, in list order (for tests).
    #[cfg(test)]
    pub(crate) fn listed_titles(&self) -> Vec<String> {
        (0..self.set_len())
            .filter_map(|i| self.set_get(i))
            .filter_map(|id| self.store.article(id).title().map(str::to_owned))
            .collect()
    }

    /// The `i`-th article of the current set.
    pub fn set_get(&self, i: usize) -> Option<ArticleId> {
        if let Some(view) = &self.view {
            return view.get(i).copied();
        }
        if let Some(narrowed) = &self.narrowed {
            return narrowed.get(i).copied();
        }
        self.base_get(i)
    }

    /// The `i`-th article the searches found, before the residual conditions.
    pub fn base_get(&self, i: usize) -> Option<ArticleId> {
        match (&self.results, &self.subset, self.person) {
            (Some(r), _, _) => r.get(i).map(|h| h.id).or_else(|| {
                let body = self.body_only.as_ref()?;
                body.get(i.checked_sub(r.len())?).copied()
            }),
            (None, Some(s), _) => s.get(i).copied(),
            (None, None, Some(p)) => self.store.articles_of_person(p).get(i).map(|a| a.article),
            (None, None, None) => (i < self.store.len()).then_some(ArticleId(i as u32)),
        }
    }

    /// True while a body query of the current filter has not answered.
    pub fn body_waiting(&self) -> bool {
        self.body_request.is_some()
            || (self.body_expected
                && self
                    .body
                    .as_ref()
                    .is_none_or(|b| b.generation != self.generation))
    }

    /// True when article `id` is listed only because its text matches the filter.
    pub fn body_only_match(&self, id: ArticleId) -> bool {
        self.body_only_sorted
            .as_ref()
            .is_some_and(|b| b.binary_search(&id).is_ok())
    }

    /// True while the search of the open article is being typed.
    pub fn finding(&self) -> bool {
        self.find.as_ref().is_some_and(|f| f.typing)
    }

    /// The text of the article search, when there is one and it is not empty.
    pub fn find_text(&self) -> Option<&str> {
        self.find
            .as_ref()
            .map(|f| f.input.text())
            .filter(|t| !t.is_empty())
    }

    /// The article under the list selection.
    pub fn selected_article(&self) -> Option<ArticleId> {
        self.set_get(self.list.selected)
    }

    /// The person under the people selection.
    pub fn selected_person(&self) -> Option<PersonId> {
        self.people.get(self.people_list.selected).copied()
    }
}
