//! What background work sends back to the reader: search answers and the load's news.
//!
//! These are not the user's doing, so they are a type of their own beside
//! [`crate::vocab::Action`]: the search worker and the loader thread produce them, the event
//! loop passes them to [`super::update::receive`], which applies them to the [`super::App`].

use std::sync::Arc;

use crate::corpus::Progress;
use crate::fulltext::disk::Outcome;
use crate::fulltext::{FullText, IndexProgress};
use crate::search::{Catalog, Results};
use crate::state::SavedState;

/// One result of work done off the UI thread.
#[derive(Clone, Debug)]
pub enum Background {
    /// The search worker finished the search with this generation.
    SearchDone(u64, Arc<Results>),
    /// The background load has come this far.
    LoadProgress(Progress),
    /// The background load built a store of the articles so far; `true` when it is the last.
    StoreLoaded(Arc<Catalog>, bool),
    /// Files of the load that could not be read, each as `path: reason` (sent before the final
    /// store).
    LoadFailures(Vec<String>),
    /// The saved reading state of the loaded corpus (bookmarks, read marks, filter, selection)
    /// and a notice about it, applied once the final store is in.
    StateRestored(Box<SavedState>, Option<String>),
    /// The full-text index of the final store is being opened or built, this far.
    Indexing(Arc<IndexProgress>),
    /// The full-text index is ready, with what became of the one saved beside the cache entry
    /// (None when there is no cache entry), or why it could not be had.
    IndexReady(Result<(Arc<FullText>, Option<Outcome>), String>),
    /// The body query of this filter generation found these articles, ranked.
    BodyDone(super::bodies::BodyAnswer),
}
