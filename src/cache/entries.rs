//! The entries of a cache directory as a whole: listing them with their sizes and last use,
//! clearing and pruning them (`papertui cache`).
//!
//! An entry is every file named after one corpus: `corpus-<key>.ptc` (the articles), `.ptx`
//! (the store's indexes) and the directory `.fts` (the full-text index). Its last use is the
//! latest access or modification time of the articles file and of the full-text index's
//! meta file (touched on every use); access times are kept coarsely by most file systems, so
//! it is exact to about a day.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Cache;

/// Extension of the full-text index directory beside an entry.
pub const FULLTEXT_EXTENSION: &str = "fts";
/// Prefix of every entry's files.
const ENTRY_PREFIX: &str = "corpus-";

/// One entry of the cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryInfo {
    /// The entry's name: `corpus-<key>`.
    pub name: String,
    /// Bytes of the parsed articles (`.ptc`; 0 when missing).
    pub corpus_bytes: u64,
    /// Bytes of the store's saved indexes (`.ptx`).
    pub indexes_bytes: u64,
    /// Bytes of the full-text index (`.fts/`).
    pub fulltext_bytes: u64,
    /// When it was last read or written, when known.
    pub last_used: Option<SystemTime>,
}

impl EntryInfo {
    /// Bytes of all its files.
    pub fn total_bytes(&self) -> u64 {
        self.corpus_bytes + self.indexes_bytes + self.fulltext_bytes
    }
}

/// Bytes of a file, or of every file under a directory.
fn size_of(path: &Path) -> u64 {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    fs::read_dir(path)
        .map(|dir| dir.filter_map(Result::ok).map(|e| size_of(&e.path())).sum())
        .unwrap_or(0)
}

/// The latest of the access and modification times of `path`.
fn used_at(path: &Path) -> Option<SystemTime> {
    let meta = fs::metadata(path).ok()?;
    [meta.accessed().ok(), meta.modified().ok()]
        .into_iter()
        .flatten()
        .max()
}

/// Removes a file or a directory tree.
fn remove_any(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

impl Cache {
    /// The entry name (`corpus-<key>`) of a file of the cache directory, if it belongs to one.
    fn entry_of(file_name: &str) -> Option<&str> {
        if !file_name.starts_with(ENTRY_PREFIX) {
            return None;
        }
        let (stem, ext) = file_name.rsplit_once('.')?;
        matches!(ext, "ptc" | "ptx" | FULLTEXT_EXTENSION).then_some(stem)
    }

    /// Every entry, most recently used first. A missing cache directory has none.
    pub fn entries(&self) -> io::Result<Vec<EntryInfo>> {
        let dir = match fs::read_dir(self.dir()) {
            Ok(dir) => dir,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut names: Vec<String> = dir
            .filter_map(Result::ok)
            .filter_map(|e| Cache::entry_of(&e.file_name().to_string_lossy()).map(str::to_owned))
            .collect();
        names.sort();
        names.dedup();
        let mut entries: Vec<EntryInfo> = names
            .into_iter()
            .map(|name| {
                let path = |ext: &str| self.dir().join(format!("{name}.{ext}"));
                let fulltext = path(FULLTEXT_EXTENSION);
                EntryInfo {
                    corpus_bytes: size_of(&path("ptc")),
                    indexes_bytes: size_of(&path("ptx")),
                    fulltext_bytes: size_of(&fulltext),
                    last_used: [
                        used_at(&path("ptc")),
                        used_at(&fulltext.join("papertui-fts.meta")),
                    ]
                    .into_iter()
                    .flatten()
                    .max(),
                    name,
                }
            })
            .collect();
        entries.sort_by(|a, b| b.last_used.cmp(&a.last_used).then(a.name.cmp(&b.name)));
        Ok(entries)
    }

    /// The files of entry `name`.
    fn files_of(&self, name: &str) -> [PathBuf; 3] {
        ["ptc", "ptx", FULLTEXT_EXTENSION].map(|ext| self.dir().join(format!("{name}.{ext}")))
    }

    /// Files of the cache directory left by interrupted writes (`.….tmp`) or moved aside.
    fn leftovers(&self) -> Vec<PathBuf> {
        let Ok(dir) = fs::read_dir(self.dir()) else {
            return Vec::new();
        };
        dir.filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name.starts_with('.') && name.ends_with(".tmp")) || name.contains(".aside-")
            })
            .map(|e| e.path())
            .collect()
    }

    /// Removes entry `name` (every file of it).
    fn remove_entry(&self, name: &str) -> io::Result<()> {
        for path in self.files_of(name) {
            match remove_any(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }

    /// Removes every entry and leftover; returns the entries removed.
    pub fn clear(&self) -> io::Result<Vec<EntryInfo>> {
        self.prune_to(0)
    }

    /// Removes all but the `keep` most recently used entries, and every leftover of an
    /// interrupted write; returns the entries removed.
    pub fn prune_to(&self, keep: usize) -> io::Result<Vec<EntryInfo>> {
        let removed: Vec<EntryInfo> = self.entries()?.into_iter().skip(keep).collect();
        for entry in &removed {
            self.remove_entry(&entry.name)?;
        }
        for leftover in self.leftovers() {
            remove_any(&leftover)?;
        }
        Ok(removed)
    }
}
