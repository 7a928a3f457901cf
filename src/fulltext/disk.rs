//! The full-text index on disk, beside the corpus cache entry it indexes, updated file by file.
//!
//! The entry `corpus-<key>.ptc` has its index in the directory `corpus-<key>.fts/`: the
//! tantivy files and a meta file written last ([`meta`](super::meta)), naming the index
//! format, the cache format, the program version and, for every page file, its stamp, slot,
//! article count and headline checksum. A changed file makes a new cache entry (its key
//! hashes every stamp), so the index is looked for beside this entry first, then beside the
//! others: the one keeping the most articles as they are is updated (its files linked into
//! a temporary directory, the documents of changed and removed files deleted, those of changed
//! and added files added), unless too little of it stays; otherwise the index is built anew.
//! Before use the meta file's checksum, every index file's checksum and the document count
//! are checked; anything amiss (missing, of another version, a damaged or truncated file)
//! makes the index rebuilt, never an error. An update or a build goes to a temporary directory
//! renamed into place, so a reader sees a whole index or none, and the index it started from
//! is left as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::files::FileArticles;
use super::meta::{Meta, Plan, Wanted};
use super::{Error, FullText, IndexProgress};
use crate::cache::{Cache, FULLTEXT_EXTENSION, Fingerprint};
use crate::model::Article;

pub use super::meta::FTS_VERSION;

/// The meta file inside the index directory.
const META_FILE: &str = "papertui-fts.meta";

/// What became of the saved index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Opened as it was saved.
    Opened,
    /// Updated file by file from the index saved for this corpus or an earlier one: files
    /// changed, added and removed since.
    Updated {
        /// Files whose articles were replaced.
        changed: usize,
        /// Files whose articles were added.
        added: usize,
        /// Files whose articles were deleted.
        removed: usize,
    },
    /// Built now; why no saved one was used.
    Built(String),
    /// Built in memory; why the cache could not take it.
    InMemory(String),
}

impl Outcome {
    /// One line telling the user what became of the index (`text index updated: 1 file
    /// changed`), or None when it was opened as it was saved, which is not news.
    pub fn notice(&self) -> Option<String> {
        match self {
            Self::Opened => None,
            Self::Updated {
                changed,
                added,
                removed,
            } => {
                let parts: Vec<String> =
                    [(changed, "changed"), (added, "added"), (removed, "removed")]
                        .into_iter()
                        .filter(|(n, _)| **n > 0)
                        .enumerate()
                        .map(|(i, (n, what))| match (i, n) {
                            (0, 1) => format!("1 file {what}"),
                            (0, _) => format!("{n} files {what}"),
                            _ => format!("{n} {what}"),
                        })
                        .collect();
                if parts.is_empty() {
                    Some("text index updated".to_owned())
                } else {
                    Some(format!("text index updated: {}", parts.join(", ")))
                }
            }
            Self::Built(why) if why.is_empty() => Some("text index built".to_owned()),
            Self::Built(why) => Some(format!("text index built ({why})")),
            Self::InMemory(why) => Some(format!("text index built in memory, not saved ({why})")),
        }
    }
}

/// The index directory of the entry of `fingerprint`.
pub fn index_dir(cache: &Cache, fingerprint: &Fingerprint) -> PathBuf {
    cache
        .entry_path(fingerprint)
        .with_extension(FULLTEXT_EXTENSION)
}

/// The index of `articles` (the corpus of `fingerprint`) from `cache`: opened, updated from
/// the index of this or an earlier entry, or built and saved there when none can be used. A
/// failure to save leaves an index in memory. Nothing is printed: the [`Outcome`] says what
/// happened, for the caller to tell.
pub fn open_or_build(
    cache: &Cache,
    fingerprint: &Fingerprint,
    articles: &[Article],
) -> Result<(FullText, Outcome), Error> {
    open_or_build_counting(cache, fingerprint, articles, &IndexProgress::default())
}

/// [`open_or_build`], counting the articles indexed by a build or an update in `progress`.
pub fn open_or_build_counting(
    cache: &Cache,
    fingerprint: &Fingerprint,
    articles: &[Article],
    progress: &IndexProgress,
) -> Result<(FullText, Outcome), Error> {
    let dir = index_dir(cache, fingerprint);
    let wanted = Wanted::of(fingerprint, articles);
    let why = match reuse(cache, &dir, &wanted, progress) {
        Ok(done) => return Ok(done),
        Err(why) => why,
    };
    match build(cache, &dir, &wanted, progress) {
        Ok(full) => Ok((full, Outcome::Built(why))),
        Err(error) => Ok((
            FullText::build_in_ram(articles)?,
            Outcome::InMemory(error.to_string()),
        )),
    }
}

/// Opens or updates the best saved index, or says why none will do.
fn reuse(
    cache: &Cache,
    dir: &Path,
    wanted: &Wanted<'_>,
    progress: &IndexProgress,
) -> Result<(FullText, Outcome), String> {
    let own = read_meta(dir);
    let mut why = match &own {
        Ok(_) => String::new(),
        Err(why) => why.clone(),
    };
    let mut best: Option<(PathBuf, Meta)> = own.ok().map(|m| (dir.to_path_buf(), m));
    let mut best_plan = best.as_ref().and_then(|(_, m)| wanted.plan(m));
    if best.is_some() && best_plan.is_none() {
        why = "index of another version".to_owned();
    }
    let own_is_whole = best_plan.as_ref().is_some_and(Plan::is_empty);
    if !own_is_whole {
        for other in other_indexes(cache, dir) {
            let Ok(meta) = read_meta(&other) else {
                continue;
            };
            let Some(plan) = wanted.plan(&meta) else {
                continue;
            };
            if best_plan.as_ref().is_none_or(|b| plan.kept > b.kept) {
                best_plan = Some(plan);
                best = Some((other, meta));
            }
        }
    }
    let (Some((from, meta)), Some(plan)) = (best, best_plan) else {
        return Err(why);
    };
    let total = wanted.articles.len();
    if plan.is_empty() && from == dir {
        let full = FullText::open_mapped(dir, wanted.ids(&meta))
            .map_err(|e| format!("damaged index: {e}"))?;
        // The meta file's modification time is the index's last use (`papertui cache --list`).
        if let Ok(file) = fs::File::options().append(true).open(dir.join(META_FILE)) {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
        return Ok((full, Outcome::Opened));
    }
    if !plan.worthwhile(total) {
        return Err(format!(
            "{} of {total} articles changed since the index closest to it",
            total - plan.kept
        ));
    }
    let outcome = Outcome::Updated {
        changed: plan.changed,
        added: plan.added.len() - plan.changed,
        removed: plan.removed.len() - plan.changed,
    };
    let full = update(cache, dir, &from, &meta, &plan, wanted, progress)
        .map_err(|e| format!("could not update the index: {e}"))?;
    Ok((full, outcome))
}

/// The meta of the index in `dir`, or why there is none.
fn read_meta(dir: &Path) -> Result<Meta, String> {
    match fs::read(dir.join(META_FILE)) {
        Ok(bytes) => Meta::decode(&bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err("none saved".to_owned()),
        Err(e) => Err(format!("unreadable index meta file: {e}")),
    }
}

/// The index directories of the cache's other entries.
fn other_indexes(cache: &Cache, dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(cache.dir()) else {
        return Vec::new();
    };
    let suffix = format!(".{FULLTEXT_EXTENSION}");
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("corpus-") && name.ends_with(&suffix)
        })
        .map(|e| e.path())
        .filter(|p| p != dir && p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// A fresh temporary directory beside `dir`.
fn temporary(cache: &Cache, dir: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(cache.dir())?;
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)?;
    Ok(tmp)
}

/// Writes `meta` into `tmp`, then moves `tmp` to `dir` (replacing what is there).
fn put_in_place(tmp: &Path, dir: &Path, meta: &Meta) -> io::Result<()> {
    fs::write(tmp.join(META_FILE), meta.encode())?;
    if fs::symlink_metadata(dir).is_ok() {
        remove_any(dir)?;
    }
    fs::rename(tmp, dir)
}

/// Updates the index in `from` (of `meta`) by `plan` into a temporary directory, then moves
/// it to `dir`. The index files of `from` are linked, not copied (tantivy never writes a
/// file twice), so `from` stays as it was.
fn update(
    cache: &Cache,
    dir: &Path,
    from: &Path,
    meta: &Meta,
    plan: &Plan<'_>,
    wanted: &Wanted<'_>,
    progress: &IndexProgress,
) -> Result<FullText, Error> {
    let tmp = temporary(cache, dir)?;
    let updated = link_index_files(from, &tmp)
        .map_err(Error::from)
        .and_then(|()| {
            let removed: Vec<u32> = plan.removed.iter().map(|(slot, _)| *slot).collect();
            FullText::update_in_dir(
                &tmp,
                meta.articles(),
                wanted.articles,
                &removed,
                &plan.added,
                progress,
            )?;
            refuse_unread(wanted.articles, &plan.added)?;
            put_in_place(&tmp, dir, &plan.meta)?;
            Ok(())
        });
    if let Err(error) = updated {
        let _ = fs::remove_dir_all(&tmp);
        return Err(error);
    }
    FullText::open_mapped(dir, wanted.ids(&plan.meta))
}

/// Links (or, where links cannot be made, copies) the index files of `from` into `to`:
/// every file but the meta file and tantivy's lock files.
fn link_index_files(from: &Path, to: &Path) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text == META_FILE || text.starts_with(".tantivy-") || !entry.file_type()?.is_file() {
            continue;
        }
        let target = to.join(&name);
        if fs::hard_link(entry.path(), &target).is_err() {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Builds the index into a temporary directory, then moves it to `dir`.
fn build(
    cache: &Cache,
    dir: &Path,
    wanted: &Wanted<'_>,
    progress: &IndexProgress,
) -> Result<FullText, Error> {
    let tmp = temporary(cache, dir)?;
    let meta = wanted.fresh();
    let slots: Vec<(u32, &FileArticles)> = (0..)
        .zip(&wanted.files)
        .map(|(slot, (file, _, _))| (slot, file))
        .collect();
    let built =
        FullText::build_slots_in_dir(&tmp, wanted.articles, &slots, progress).and_then(|full| {
            drop(full);
            refuse_unread(wanted.articles, &slots)?;
            put_in_place(&tmp, dir, &meta)?;
            Ok(())
        });
    if let Err(error) = built {
        let _ = fs::remove_dir_all(&tmp);
        return Err(error);
    }
    FullText::open_mapped(dir, wanted.ids(&meta))
}

/// An error when the body of an article of the files `slots` could not be read (from a
/// damaged cache entry) while they were indexed: the index holds no text for it, so it must
/// not be saved for later loads, which will read the pages again.
fn refuse_unread(articles: &[Article], slots: &[(u32, &FileArticles)]) -> Result<(), Error> {
    let unread = slots
        .iter()
        .flat_map(|(_, file)| &file.ids)
        .filter_map(|id| articles.get(id.0 as usize))
        .find(|article| article.body_error().is_some());
    match unread {
        Some(article) => Err(Error::InvalidArgument(format!(
            "the text of {} could not be read",
            article.key()
        ))),
        None => Ok(()),
    }
}

/// Removes a file or a directory tree.
fn remove_any(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}
