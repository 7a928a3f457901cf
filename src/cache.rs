//! On-disk cache of a parsed corpus, so reopening an unchanged corpus skips parsing.
//!
//! One cache entry holds one whole corpus (the set of page files of a load) after person
//! annotation. A per-file cache would save more on a partly changed corpus, but the person
//! gazetteer is built from every article, so one changed page can change the people of any
//! other: the corpus is the unit that is valid or not. The entry's file name is a hash of the
//! sorted (path, size, modification and status change time) list and of the build (a hash
//! of its sources: another build may read the pages differently), and the list itself is
//! stored in the entry and compared in full, so a hash collision or any added, removed or
//! changed file (its permissions too) is a miss.
//!
//! A failure is never cached: the entry lists which files could not be read, not why, and a
//! load reads those files again; one that is readable now makes the entry a miss
//! ([`crate::corpus`]). So the output of a cached run is always that of `--no-cache`.
//!
//! Layout, little-endian, designed so a reopen is a few large reads decoded on every core:
//!
//! ```text
//! prefix   MAGIC (8) | FORMAT_VERSION u32 | reserved u32
//! chunks   per CHUNK_ARTICLES articles:
//!            heads   postcard(Vec<WireArticle>): every field but the paragraphs of titled
//!                    articles, with where their bodies are
//!            bodies  each such body: paragraph ends (u32 each), then the paragraphs
//! header   postcard(Header): file stamps, unreadable files, page headers, sources, chunks
//! footer   header offset u64 | header length u64 | header crc32 u32 | END_MAGIC (4)
//! ```
//!
//! Bodies are apart so that the reader can leave them on disk ([`Bodies::Defer`]): the list
//! and the filter need only the heads, and at a million articles the bodies are nine tenths of
//! the text. Each body has its own crc32, checked whenever it is read. Untitled articles keep
//! their paragraphs in their head, since their first clause stands in for the headline.
//!
//! The header is written last (its chunk table is known only then), so the writer streams
//! chunks and never holds the whole encoding in memory. The reader checks prefix, footer and
//! header checksum, compares the stamps, then reads and decodes the chunks in parallel, each
//! with its own crc32; any mismatch makes the entry a [`Miss::Corrupt`], never an error the
//! user sees. Page headers and source paths are stored once in tables and referenced by index,
//! so articles of one page share one `Arc<PageHeader>` again after decoding. Writing goes to a
//! temporary file renamed into place, so a reader sees a whole entry or none. Only the few most
//! recently written entries are kept.
//!
//! Next to each entry the `indexes` submodule keeps the store built from it (people, dates,
//! sources, search keys) so that a reopen does not build them again.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use crate::model::{Article, PageHeader};

mod bodies;
mod entries;
mod file;
mod indexes;
mod stamps;
mod wire;
use bodies::EntryBodies;
use file::{read_header, replace};
pub use indexes::SavedIndexes;
pub use stamps::{FileStamp, Fingerprint, path_bytes};
use wire::{Tables, read_chunk, write_entry};

pub use entries::{EntryInfo, FULLTEXT_EXTENSION};

/// Environment variable naming the cache directory (tests, or to move the cache elsewhere).
pub const CACHE_DIR_ENV: &str = "PAPERTUI_CACHE_DIR";
/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"PTUICACH";
/// Last bytes of every complete cache file.
const END_MAGIC: &[u8; 4] = b"PTUE";
/// Bumped whenever the layout or the parsed result changes shape, or what a saved index means.
pub const FORMAT_VERSION: u32 = 9;
/// Articles per independently checked and decoded chunk.
const CHUNK_ARTICLES: usize = 1024;
/// Chunks encoded in parallel before being written, bounding the writer's memory.
const CHUNKS_IN_FLIGHT: usize = 8;
/// Bytes of the prefix.
const PREFIX_LEN: u64 = 16;
/// Bytes of the footer.
const FOOTER_LEN: u64 = 24;
/// Cache entries kept in the directory; older ones are removed after a write.
const KEEP_ENTRIES: usize = 4;

/// Why a cache entry was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    /// No entry for this corpus.
    Absent,
    /// An entry with this name exists but describes other files (changed, added or removed).
    Stale,
    /// The entry is damaged or of another format; it is rebuilt.
    Corrupt(String),
}

/// Whether to read article bodies when loading an entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Bodies {
    /// Read and check every body now (for a command that prints them all).
    #[default]
    Read,
    /// Leave titled articles' bodies in the entry, read when first asked for (for the
    /// reader, which shows one article at a time).
    Defer,
}

/// A corpus read back from the cache.
#[derive(Debug)]
pub struct Cached {
    /// The articles, with their people, in load order.
    pub articles: Vec<Article>,
    /// Paths (raw bytes) of the files that could not be read when the entry was built. Only
    /// which files: why is found out again on every load, so that a failure is never cached
    /// (the file may be readable now, and the entry then does not hold its articles).
    pub failed: Vec<Vec<u8>>,
}

/// A directory of cache entries.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache at `dir` (created on the first write).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The user's cache: `$PAPERTUI_CACHE_DIR` when set, else the platform cache directory.
    pub fn from_env() -> Option<Cache> {
        if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Cache::at(dir));
        }
        directories::ProjectDirs::from("", "", "papertui").map(|d| Cache::at(d.cache_dir()))
    }

    /// The directory holding the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the entry of `fingerprint` lives.
    pub fn entry_path(&self, fingerprint: &Fingerprint) -> PathBuf {
        self.dir.join(fingerprint.file_name())
    }

    /// Reads the entry of `fingerprint`, calling `progress(articles decoded so far)` per chunk.
    pub fn load(
        &self,
        fingerprint: &Fingerprint,
        bodies: Bodies,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Result<Cached, Miss> {
        let path = self.entry_path(fingerprint);
        let mut file = match crate::regular::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Miss::Absent),
            Err(e) => return Err(Miss::Corrupt(e.to_string())),
        };
        let header = read_header(&mut file).map_err(|e| Miss::Corrupt(e.to_string()))?;
        if header.stamps != fingerprint.stamps {
            return Err(Miss::Stale);
        }
        let pages: Vec<Arc<PageHeader>> = header.pages.into_iter().map(Arc::new).collect();
        let sources: Vec<Arc<str>> = header.sources.into_iter().map(Arc::from).collect();
        let tables = Tables {
            pages: &pages,
            sources: &sources,
            deferred: match bodies {
                Bodies::Read => None,
                Bodies::Defer => Some(Arc::new(EntryBodies {
                    file,
                    path: path.clone(),
                    condemned: AtomicBool::new(false),
                })),
            },
        };
        let done = std::sync::atomic::AtomicUsize::new(0);
        let chunks: Vec<Vec<Article>> = header
            .chunks
            .par_iter()
            .map_init(Vec::new, |buf, chunk| {
                let articles = read_chunk(&path, chunk, &tables, buf)?;
                let n = done.fetch_add(articles.len(), std::sync::atomic::Ordering::Relaxed);
                progress(n + articles.len());
                Ok(articles)
            })
            .collect::<io::Result<_>>()
            .map_err(|e| Miss::Corrupt(e.to_string()))?;
        let mut articles = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for chunk in chunks {
            articles.extend(chunk);
        }
        Ok(Cached {
            articles,
            failed: header.failed,
        })
    }

    /// Writes the entry of `fingerprint` atomically, then removes the oldest other entries.
    pub fn save(
        &self,
        fingerprint: &Fingerprint,
        articles: &[Article],
        failed: &[Vec<u8>],
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let path = self.entry_path(fingerprint);
        let tmp = self.dir.join(format!(
            ".{}.{}.tmp",
            fingerprint.file_name(),
            std::process::id()
        ));
        let written =
            write_entry(&tmp, fingerprint, articles, failed).and_then(|()| replace(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
        self.prune(&path);
        Ok(())
    }

    /// Keeps the [`KEEP_ENTRIES`] newest entries (always `current`); errors are ignored.
    fn prune(&self, current: &Path) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = dir
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with("corpus-") && name.ends_with(".ptc")
            })
            .filter(|e| e.path() != current)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, old) in entries.into_iter().skip(KEEP_ENTRIES.saturating_sub(1)) {
            let _ = fs::remove_file(old.with_extension(indexes::INDEX_EXTENSION));
            let _ = fs::remove_dir_all(old.with_extension(FULLTEXT_EXTENSION));
            let _ = fs::remove_file(old);
        }
    }
}

#[cfg(test)]
mod tests;
