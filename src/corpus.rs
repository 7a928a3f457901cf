//! A corpus: page texts → articles with their people, parsed in parallel across pages.
//!
//! Pages are independent, so they are parsed on all cores; people are found afterwards over the
//! whole corpus, because a name confirmed in one article helps find it in the others.
//!
//! Files are parsed in chunks so that a caller can show progress and, in the reader, the
//! articles parsed so far while the rest load. The people pass needs the whole corpus, so the
//! [`crate::cache`] holds the finished corpus as one entry: a reopen of unchanged files skips
//! parsing and the people pass altogether.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::cache::SavedIndexes;
use crate::cache::{Bodies, Cache, FileStamp, Fingerprint, Miss, path_bytes};
use crate::ingest::parse_page;
use crate::input::{InputError, collect_files, read_page};
use crate::model::Article;
use crate::people::{PendingExtractor, annotate_corpus};
use crate::sample::SAMPLE_PAGES;
use crate::search::Catalog;

/// One page to parse: where it came from and its decoded text.
pub struct PageText {
    /// The file path as given (or the sample page's name).
    pub source: String,
    /// The page text.
    pub text: String,
}

/// Parse pages in parallel, keeping their order, and fill in the people of every article.
pub fn parse_pages(pages: &[PageText]) -> Vec<Article> {
    // The person extractor's one-time set-up (jieba's dictionary) overlaps with parsing.
    let extractor = PendingExtractor::start();
    let mut articles: Vec<Article> = pages
        .par_iter()
        .map(|page| parse_page(&page.source, &page.text))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    annotate_corpus(&extractor.wait(), &mut articles);
    articles
}

/// The embedded sample corpus, parsed.
pub fn sample() -> Vec<Article> {
    let pages: Vec<PageText> = SAMPLE_PAGES
        .iter()
        .map(|p| PageText {
            source: p.name.to_owned(),
            text: p.text.to_owned(),
        })
        .collect();
    parse_pages(&pages)
}

/// What loading paths gave: the articles, and every file that could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles of every readable page, in path order, with their people.
    pub articles: Vec<Article>,
    /// One error per path or file that could not be used; the others still loaded.
    pub errors: Vec<InputError>,
    /// How many page files were read.
    pub files: usize,
    /// Whether the articles came from the cache, and why not.
    pub cache: CacheUse,
    /// The cache entry still to write (after a miss), with what it needs besides the articles.
    pub pending: Option<PendingSave>,
    /// The store indexes saved with the cache entry, or where to save them.
    pub indexes: Option<IndexCache>,
}

/// The store indexes of a cache entry: read back on a hit, to be written after a build.
#[derive(Debug)]
pub struct IndexCache {
    cache: Cache,
    fingerprint: Fingerprint,
    /// The indexes read back (no articles yet); None when there were none or they failed.
    saved: Option<SavedIndexes>,
    /// True when the store had to be built, so its indexes are worth saving.
    stale: bool,
}

impl IndexCache {
    /// Saves the indexes of `catalog` (the catalog of the load this came from) unless the
    /// saved ones were used.
    pub fn write(&self, catalog: &Catalog) -> std::io::Result<()> {
        if !self.stale {
            return Ok(());
        }
        self.cache.save_indexes(&self.fingerprint, catalog)
    }
}

impl Loaded {
    /// The cache and the corpus fingerprint of this load, when the cache was used (so that
    /// other files can be kept beside its entry).
    pub fn cache_entry(&self) -> Option<(&Cache, &Fingerprint)> {
        self.indexes.as_ref().map(|ix| (&ix.cache, &ix.fingerprint))
    }

    /// The catalog of the loaded articles, taking them: put into the saved indexes when the
    /// load came from the cache and the indexes fit the articles, built otherwise.
    pub fn take_catalog(&mut self) -> Catalog {
        let articles = std::mem::take(&mut self.articles);
        let saved = self.indexes.as_mut().and_then(|ix| ix.saved.take());
        let articles = match saved {
            Some(saved) => match Catalog::with_indexes(saved.store, saved.search, articles) {
                Ok(catalog) => return catalog,
                Err(articles) => articles,
            },
            None => articles,
        };
        if let Some(ix) = self.indexes.as_mut() {
            ix.stale = true;
        }
        Catalog::build(articles)
    }
}

/// How the cache was used by a load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CacheUse {
    /// Not consulted: `--no-cache`, no cache directory, or the embedded sample.
    #[default]
    Off,
    /// The articles were read from the cache.
    Hit,
    /// The cache had no valid entry; the pages were parsed.
    Miss(Miss),
}

/// A cache entry to write once the caller is done with the urgent work.
#[derive(Debug)]
pub struct PendingSave {
    cache: Cache,
    fingerprint: Fingerprint,
    /// The files that could not be read (raw path bytes).
    failed: Vec<Vec<u8>>,
}

impl PendingSave {
    /// Writes the entry for `articles` (the articles of the load this came from).
    pub fn write(&self, articles: &[Article]) -> std::io::Result<()> {
        self.cache.save(&self.fingerprint, articles, &self.failed)
    }
}

/// How to load.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Where to look for and keep the parsed corpus; None parses every time.
    pub cache: Option<Cache>,
    /// Raised to stop a load between chunks; the partial result is then never cached.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Whether a cache hit reads every body now or leaves titled articles' bodies in the
    /// entry until they are shown.
    pub bodies: Bodies,
}

impl LoadOptions {
    /// True once the load was asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// What a load has done so far, for progress displays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Page files in the load.
    pub files_total: usize,
    /// Page files read (or, from the cache, the share of articles decoded, in files).
    pub files_done: usize,
    /// Bytes of all page files.
    pub bytes_total: u64,
    /// Bytes of the files done.
    pub bytes_done: u64,
    /// Articles parsed or decoded so far.
    pub articles: usize,
    /// True while reading the cache instead of parsing.
    pub from_cache: bool,
    /// True once pages are parsed and people are being found over the whole corpus.
    pub people: bool,
}

/// Files parsed between two progress reports (and partial results for the reader).
const FILES_PER_CHUNK: usize = 64;

/// Load page files and directories (the embedded sample when `paths` is empty).
///
/// Files are read, decoded and parsed in parallel; a bad file is reported in
/// [`Loaded::errors`] and never stops the others.
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, &LoadOptions::default(), &mut |_, _| {})
}

/// [`load`] with a cache, reporting progress to `observe`.
///
/// `observe` runs on the calling thread after each chunk of files with the progress and the
/// articles parsed so far (their people are filled in only at the end; empty when reading the
/// cache). On a cache miss [`Loaded::pending`] holds the entry to write: the caller writes it
/// when convenient (after showing the articles, or while exporting them).
pub fn load_with(
    paths: &[PathBuf],
    options: &LoadOptions,
    observe: &mut dyn FnMut(&Progress, &[Article]),
) -> Loaded {
    if paths.is_empty() {
        return load_sample(observe);
    }
    let (files, errors) = collect_files(paths);
    // One `stat` per file gives both the sizes for progress and the cache's fingerprint.
    let stamps = FileStamp::of_all(&files);
    let sizes: Vec<u64> = stamps
        .iter()
        .map(|s| if s.size == u64::MAX { 0 } else { s.size })
        .collect();
    let mut progress = Progress {
        files_total: files.len(),
        bytes_total: sizes.iter().sum(),
        ..Progress::default()
    };
    observe(&progress, &[]);
    let Some(cache) = &options.cache else {
        return parse_files(&files, &sizes, errors, None, options, progress, observe);
    };
    let fingerprint = Fingerprint::of_stamps(&files, stamps);
    match load_cached(
        cache,
        fingerprint,
        &files,
        errors,
        options,
        &mut progress,
        observe,
    ) {
        Ok(loaded) => loaded,
        Err((miss, fingerprint, errors)) => {
            let save = Some((cache.clone(), fingerprint, miss));
            parse_files(&files, &sizes, errors, save, options, progress, observe)
        }
    }
}

/// The embedded sample, parsed.
fn load_sample(observe: &mut dyn FnMut(&Progress, &[Article])) -> Loaded {
    let articles = sample();
    let progress = Progress {
        files_total: SAMPLE_PAGES.len(),
        files_done: SAMPLE_PAGES.len(),
        articles: articles.len(),
        ..Progress::default()
    };
    observe(&progress, &articles);
    Loaded {
        articles,
        files: SAMPLE_PAGES.len(),
        ..Loaded::default()
    }
}

/// A load answered from the cache entry of `fingerprint`; on a miss, why, with the
/// fingerprint and the errors back.
fn load_cached(
    cache: &Cache,
    fingerprint: Fingerprint,
    files: &[PathBuf],
    mut errors: Vec<InputError>,
    options: &LoadOptions,
    progress: &mut Progress,
    observe: &mut dyn FnMut(&Progress, &[Article]),
) -> Result<Loaded, (Miss, Fingerprint, Vec<InputError>)> {
    progress.from_cache = true;
    // The indexes are read before the articles, so their file's bytes are freed before the
    // articles take their room.
    let saved = cache.load_indexes(&fingerprint);
    let loaded = cache
        .load(&fingerprint, options.bodies, &|_| {})
        .and_then(|cached| still_failing(files, cached));
    let (cached, failures) = match loaded {
        Ok(hit) => hit,
        Err(miss) => {
            progress.from_cache = false;
            return Err((miss, fingerprint, errors));
        }
    };
    progress.files_done = progress.files_total;
    progress.bytes_done = progress.bytes_total;
    progress.articles = cached.articles.len();
    observe(progress, &[]);
    let failed = failures.len();
    errors.extend(failures);
    Ok(Loaded {
        articles: cached.articles,
        errors,
        files: files.len().saturating_sub(failed),
        cache: CacheUse::Hit,
        pending: None,
        indexes: Some(IndexCache {
            cache: cache.clone(),
            fingerprint,
            saved: saved.ok(),
            stale: false,
        }),
    })
}

/// Parses `files` (of `sizes` bytes) in chunks, then finds their people; `save` is the cache
/// entry to write afterwards and why it was missed.
fn parse_files(
    files: &[PathBuf],
    sizes: &[u64],
    mut errors: Vec<InputError>,
    save: Option<(Cache, Fingerprint, Miss)>,
    options: &LoadOptions,
    mut progress: Progress,
    observe: &mut dyn FnMut(&Progress, &[Article]),
) -> Loaded {
    let cache_use = match &save {
        Some((_, _, miss)) => CacheUse::Miss(miss.clone()),
        None => CacheUse::Off,
    };
    // Only parsing needs the person extractor: its set-up overlaps with the first pages, and
    // it is dropped (with its dictionary) as soon as the people pass is done.
    let extractor = PendingExtractor::start();
    let mut articles = Vec::new();
    let mut read = 0;
    let mut read_errors = Vec::new();
    for (chunk, chunk_sizes) in files
        .chunks(FILES_PER_CHUNK)
        .zip(sizes.chunks(FILES_PER_CHUNK))
    {
        if options.cancelled() {
            return Loaded {
                articles,
                errors,
                files: read,
                cache: cache_use,
                pending: None,
                indexes: None,
            };
        }
        let parsed: Vec<Result<Vec<Article>, InputError>> = chunk
            .par_iter()
            .map(|path| {
                let text = read_page(path)?;
                Ok(crate::large_page::parse_page_bounded(
                    &crate::escape::path(path),
                    &text,
                ))
            })
            .collect();
        for result in parsed {
            match result {
                Ok(page) => {
                    read += 1;
                    articles.extend(page);
                }
                Err(error) => {
                    read_errors.push(path_bytes(&error.path));
                    errors.push(error);
                }
            }
        }
        progress.files_done += chunk.len();
        progress.bytes_done += chunk_sizes.iter().sum::<u64>();
        progress.articles = articles.len();
        observe(&progress, &articles);
    }
    progress.people = true;
    observe(&progress, &articles);
    annotate_corpus(&extractor.wait(), &mut articles);
    Loaded {
        articles,
        errors,
        files: read,
        cache: cache_use,
        indexes: save.as_ref().map(|(cache, fingerprint, _)| IndexCache {
            cache: cache.clone(),
            fingerprint: fingerprint.clone(),
            saved: None,
            stale: true,
        }),
        pending: save.map(|(cache, fingerprint, _)| PendingSave {
            cache,
            fingerprint,
            failed: read_errors,
        }),
    }
}

/// The files of a cache entry that could not be read when it was written, read again: their
/// errors now, in load order, or a miss when one of them can be read now (the entry lacks
/// its articles).
fn still_failing(
    files: &[PathBuf],
    cached: crate::cache::Cached,
) -> Result<(crate::cache::Cached, Vec<InputError>), Miss> {
    if cached.failed.is_empty() {
        return Ok((cached, Vec::new()));
    }
    let failed: std::collections::HashSet<&[u8]> =
        cached.failed.iter().map(Vec::as_slice).collect();
    let retried: Vec<Result<(), InputError>> = files
        .par_iter()
        .filter(|f| failed.contains(path_bytes(f).as_slice()))
        .map(|f| crate::input::read_decoded(f).map(|_| ()))
        .collect();
    let mut errors = Vec::with_capacity(retried.len());
    for result in retried {
        match result {
            Err(error) => errors.push(error),
            Ok(()) => return Err(Miss::Stale),
        }
    }
    Ok((cached, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_failure_of_a_file_readable_now_is_a_miss() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("page.txt");
        std::fs::write(&page, crate::sample::SAMPLE_PAGES[0].text).expect("page");
        let files = vec![page.clone()];
        let cache = Cache::at(dir.path().join("cache"));
        // An entry written when the page could not be read (no articles, the page failed),
        // with the page's stamps as they are now.
        cache
            .save(&Fingerprint::of(&files), &[], &[path_bytes(&page)])
            .expect("save");
        let options = LoadOptions {
            cache: Some(cache),
            ..LoadOptions::default()
        };
        let loaded = load_with(&files, &options, &mut |_, _| {});
        assert_eq!(loaded.cache, CacheUse::Miss(Miss::Stale));
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        assert!(!loaded.articles.is_empty());
    }
}
