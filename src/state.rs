//! Saved reading state: bookmarks, read marks, the last filter and selection, per corpus.
//!
//! **Where.** One JSON file per corpus, `state-<hash>.json`, in the platform data directory
//! (`~/.local/share/papertui/` on Linux, `~/Library/Application Support/papertui/` on macOS,
//! `%APPDATA%\papertui\data\` on Windows), or in the directory named by the environment
//! variable `PAPERTUI_DATA_DIR` when it is set. `<hash>` is a stable 64-bit FNV-1a hash of the
//! corpus's sorted, distinct source paths ([`CorpusId`]), so opening the same files again finds
//! the same state, and different corpora never share or overwrite each other's marks. One file
//! per corpus (rather than one file holding every corpus) keeps each write small and means a
//! damaged file loses one corpus's state only.
//!
//! **Identity.** Articles are remembered by [`crate::model::Article::key`], `source#ordinal`:
//! the path as given plus the article's position in its file. That survives re-parsing and
//! restarts, and needs no content hashing. Its limits: the same file reached by another path
//! spelling (`./a.txt` vs `a.txt`, another working directory) is another corpus, and if a page
//! file is edited, or the parser changes how it splits a page, positions after the change may
//! point at different articles. Keys not found in the corpus are kept in the file, not dropped,
//! so a temporarily shorter parse does not erase marks.
//!
//! **Safety.** Writes are atomic (temporary file in the same directory, fsync, rename), so a
//! crash leaves the old state or the new one. Two readers may have the same corpus open: each
//! save reads the file again and applies only this reader's changes to the marks
//! ([`SavedState::merged`]), under a lock file (`.state-<hash>.json.lock`, `flock`), so neither
//! loses the other's bookmarks whatever order they quit in; temporary files left by a writer
//! that was killed are removed under the same lock. A file that cannot be parsed, or that was written
//! by a newer version of the format, is renamed to `*.corrupt-<unix seconds>`, reported once
//! in the status bar, and replaced by a fresh state: it is never overwritten in place and never
//! stops the reader.

mod file;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub use file::{DATA_DIR_ENV, LoadedState, StateDir};

use crate::vocab::FilterScope;

/// Version of the state format written by this build.
pub const STATE_VERSION: u32 = 1;

/// Characters of a saved filter that are restored; the rest is dropped. A filter is a few
/// words, and a state file from elsewhere (or damaged) may hold anything.
pub const MAX_FILTER_CHARS: usize = 1000;

/// The filter as it was left.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedFilter {
    /// The filter text.
    pub text: String,
    /// The scope.
    pub scope: FilterScope,
    /// Name of the person the list was restricted to.
    pub person: Option<String>,
}

impl SavedFilter {
    /// Drops the text past [`MAX_FILTER_CHARS`] characters.
    pub fn cap(&mut self) {
        if let Some((at, _)) = self.text.char_indices().nth(MAX_FILTER_CHARS) {
            self.text.truncate(at);
        }
    }
}

/// Everything remembered about one corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    /// Format version ([`STATE_VERSION`]); a larger one is refused.
    pub version: u32,
    /// Keys of bookmarked articles.
    pub bookmarks: BTreeSet<String>,
    /// Keys of articles opened in the reader.
    pub read: BTreeSet<String>,
    /// The last filter; None before the first save.
    pub filter: Option<SavedFilter>,
    /// Key of the article selected in the list.
    pub selected: Option<String>,
}

impl Default for SavedState {
    fn default() -> SavedState {
        SavedState {
            version: STATE_VERSION,
            bookmarks: BTreeSet::new(),
            read: BTreeSet::new(),
            filter: None,
            selected: None,
        }
    }
}

impl SavedState {
    /// What to write when `self` is the state on disk now, `base` the state a reader started
    /// from (or last wrote) and `mine` that reader's state now: the reader's own changes to
    /// the bookmarks and read marks (added and removed since `base`) applied to what is on
    /// disk, so that another reader's marks saved meanwhile are kept; the filter and the
    /// selection are the reader's.
    pub fn merged(&self, base: &SavedState, mine: &SavedState) -> SavedState {
        let apply = |disk: &BTreeSet<String>, base: &BTreeSet<String>, mine: &BTreeSet<String>| {
            let mut out: BTreeSet<String> = disk.difference(&(base - mine)).cloned().collect();
            out.extend(mine.difference(base).cloned());
            out
        };
        SavedState {
            version: STATE_VERSION,
            bookmarks: apply(&self.bookmarks, &base.bookmarks, &mine.bookmarks),
            read: apply(&self.read, &base.read, &mine.read),
            filter: mine.filter.clone(),
            selected: mine.selected.clone(),
        }
    }
}

/// Identity of a corpus: a stable hash of its sorted, distinct source paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CorpusId(pub u64);

impl CorpusId {
    /// The identity of the corpus made of these sources (order and repeats do not matter).
    pub fn of<'a>(sources: impl IntoIterator<Item = &'a str>) -> CorpusId {
        let sorted: BTreeSet<&str> = sources.into_iter().collect();
        // FNV-1a: unlike std's hasher, stable across Rust versions and platforms.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for s in sorted {
            for &b in s.as_bytes().iter().chain(&[0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        CorpusId(h)
    }

    /// The state file name of this corpus.
    pub fn file_name(self) -> String {
        format!("state-{:016x}.json", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_filter_is_capped_at_a_character_boundary() {
        let mut filter = SavedFilter {
            text: "吕".repeat(MAX_FILTER_CHARS + 5),
            ..SavedFilter::default()
        };
        filter.cap();
        assert_eq!(filter.text, "吕".repeat(MAX_FILTER_CHARS));
        let mut short = SavedFilter {
            text: "会议".into(),
            ..SavedFilter::default()
        };
        short.cap();
        assert_eq!(short.text, "会议");
    }

    fn keys(keys: &[&str]) -> BTreeSet<String> {
        keys.iter().map(|k| (*k).to_owned()).collect()
    }

    #[test]
    fn merging_keeps_the_other_readers_marks_and_applies_mine() {
        let base = SavedState {
            bookmarks: keys(&["a#0", "a#1"]),
            read: keys(&["a#0"]),
            ..SavedState::default()
        };
        // Meanwhile another reader bookmarked a#5, unbookmarked a#1 and read a#5.
        let disk = SavedState {
            bookmarks: keys(&["a#0", "a#5"]),
            read: keys(&["a#0", "a#5"]),
            ..SavedState::default()
        };
        // This reader bookmarked a#7, unbookmarked a#0 and read a#7; it still shows a#1.
        let mine = SavedState {
            bookmarks: keys(&["a#1", "a#7"]),
            read: keys(&["a#0", "a#7"]),
            filter: Some(SavedFilter {
                text: "会议".into(),
                ..SavedFilter::default()
            }),
            selected: Some("a#7".into()),
            ..SavedState::default()
        };
        let merged = disk.merged(&base, &mine);
        assert_eq!(merged.bookmarks, keys(&["a#5", "a#7"]));
        assert_eq!(merged.read, keys(&["a#0", "a#5", "a#7"]));
        assert_eq!(merged.filter, mine.filter);
        assert_eq!(merged.selected, mine.selected);
        // With nothing on disk but what this reader started from, its own state is written.
        assert_eq!(base.merged(&base, &mine), mine);
    }

    #[test]
    fn corpus_id_ignores_order_and_repeats() {
        let a = CorpusId::of(["b.txt", "a.txt", "a.txt"]);
        assert_eq!(a, CorpusId::of(["a.txt", "b.txt"]));
        assert_ne!(a, CorpusId::of(["a.txt"]));
        assert_ne!(CorpusId::of(["ab", "c"]), CorpusId::of(["a", "bc"]));
        assert_eq!(
            CorpusId::of(["a.txt"]).file_name(),
            CorpusId::of(["a.txt"]).file_name()
        );
        assert!(a.file_name().starts_with("state-") && a.file_name().ends_with(".json"));
    }
}
