//! The full-text index on disk, beside the corpus cache entry it indexes.
//!
//! The entry `corpus-<key>.ptc` has its index in the directory `corpus-<key>.fts/`: the
//! tantivy files and a small meta file written last, holding the index format, the cache
//! format, the corpus key and the article count. Before use the meta file is compared and
//! every index file's checksum verified; anything amiss (missing, of another version, another
//! corpus, a damaged or truncated file) makes the index rebuilt, never an error. A build goes
//! to a temporary directory renamed into place, so a reader sees a whole index or none.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Error, FullText};
use crate::cache::{Cache, FORMAT_VERSION, FULLTEXT_EXTENSION, Fingerprint};
use crate::model::Article;

/// Bumped whenever the tokenizer, the schema or what is indexed changes.
pub const FTS_VERSION: u32 = 2;
/// The meta file inside the index directory.
const META_FILE: &str = "papertui-fts.meta";

/// Where the index came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Read back from the cache.
    Reused,
    /// Built now; why the saved one was not used.
    Built(String),
    /// Built in memory (no cache).
    InMemory,
}

/// The index directory of the entry of `fingerprint`.
pub fn index_dir(cache: &Cache, fingerprint: &Fingerprint) -> PathBuf {
    cache
        .entry_path(fingerprint)
        .with_extension(FULLTEXT_EXTENSION)
}

/// The meta file's content for a corpus.
fn meta_text(fingerprint: &Fingerprint, articles: usize) -> String {
    format!(
        "papertui full-text index\nformat {FTS_VERSION}\ncache {FORMAT_VERSION}\ncorpus {:016x}\narticles {articles}\n",
        fingerprint.key
    )
}

/// The index of `articles` (the corpus of `fingerprint`) from `cache`, or built and saved
/// there when it is missing, stale or damaged. A failure to save leaves an index in memory.
pub fn open_or_build(
    cache: &Cache,
    fingerprint: &Fingerprint,
    articles: &[Article],
) -> Result<(FullText, Origin), Error> {
    let dir = index_dir(cache, fingerprint);
    let why = match open(&dir, fingerprint, articles.len()) {
        Ok(full) => return Ok((full, Origin::Reused)),
        Err(why) => why,
    };
    match build(cache, &dir, fingerprint, articles) {
        Ok(full) => Ok((full, Origin::Built(why))),
        Err(error) => {
            crate::say::say(format!(
                "could not save the full-text index (built in memory): {error}"
            ));
            Ok((FullText::build_in_ram(articles)?, Origin::InMemory))
        }
    }
}

/// Opens the saved index, or says why not.
fn open(dir: &Path, fingerprint: &Fingerprint, articles: usize) -> Result<FullText, String> {
    let meta_path = dir.join(META_FILE);
    let meta = match fs::read_to_string(&meta_path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err("no index".to_owned()),
        Err(e) => return Err(format!("unreadable index meta file: {e}")),
    };
    if meta != meta_text(fingerprint, articles) {
        return Err("index of another corpus or version".to_owned());
    }
    let full = FullText::open_in_dir(dir, articles).map_err(|e| format!("damaged index: {e}"))?;
    // The meta file's modification time is the index's last use (`papertui cache --list`).
    if let Ok(file) = fs::File::options().append(true).open(&meta_path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
    Ok(full)
}

/// Builds the index into a temporary directory, then moves it to `dir`.
fn build(
    cache: &Cache,
    dir: &Path,
    fingerprint: &Fingerprint,
    articles: &[Article],
) -> Result<FullText, Error> {
    fs::create_dir_all(cache.dir())?;
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)?;
    let built = FullText::build_in_dir(&tmp, articles).and_then(|full| {
        drop(full);
        fs::write(tmp.join(META_FILE), meta_text(fingerprint, articles.len()))?;
        if fs::symlink_metadata(dir).is_ok() {
            remove_any(dir)?;
        }
        fs::rename(&tmp, dir)?;
        Ok(())
    });
    if let Err(error) = built {
        let _ = fs::remove_dir_all(&tmp);
        return Err(error);
    }
    FullText::open_in_dir(dir, articles.len())
}

/// Removes a file or a directory tree.
fn remove_any(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}
