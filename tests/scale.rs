//! Whole-pipeline tests at corpus scale: thousands of page files loaded, searched and cached.
//!
//! The corpus is made here in Rust from the embedded sample pages, written into a temporary
//! directory under dated names (as a real archive is laid out), so the tests need no generator
//! and no network. Each sample page is cut to its first few kilobytes (at a line boundary): the
//! machinery under test (chunked parallel loading, ordering, store, search, cache) sees the same
//! number of files, while a debug build still runs the whole test in seconds.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, SystemTime};

use papertui::cache::{Cache, Fingerprint, Miss};
use papertui::corpus::{CacheUse, LoadOptions, Loaded, load_with};
use papertui::ingest::parse_page;
use papertui::input::collect_files;
use papertui::model::Article;
use papertui::sample::SAMPLE_PAGES;
use papertui::search::{Catalog, Query, Scope};
use papertui::store::ArticleId;

/// Bytes kept of each sample page (cut at the next line end).
const PAGE_BYTES: usize = 2500;
/// Page files of the scale corpus.
const SCALE_PAGES: usize = 2400;

/// The sample pages cut to about [`PAGE_BYTES`], whole lines only.
fn short_pages() -> Vec<String> {
    SAMPLE_PAGES
        .iter()
        .map(|p| {
            let mut out = String::new();
            for line in p.text.split_inclusive('\n') {
                if out.len() >= PAGE_BYTES {
                    break;
                }
                out.push_str(line);
            }
            out
        })
        .collect()
}

/// Writes `pages` files cycling through `texts` as `YYYY/MM-DD/A0n.txt`; returns the root.
fn write_corpus(root: &Path, pages: usize, texts: &[String]) -> Vec<PathBuf> {
    let mut files = Vec::with_capacity(pages);
    for i in 0..pages {
        let (day, page) = (i / texts.len(), i % texts.len());
        let dir = root.join(format!("{}", 2015 + day / 365)).join(format!(
            "{:02}-{:02}",
            day / 28 % 12 + 1,
            day % 28 + 1
        ));
        fs::create_dir_all(&dir).expect("create day directory");
        let path = dir.join(format!("A{:02}_{i:05}.txt", page + 1));
        fs::write(&path, &texts[page]).expect("write page");
        files.push(path);
    }
    files
}

/// Articles each of `texts` parses into on its own.
fn articles_per_page(texts: &[String]) -> Vec<usize> {
    texts.iter().map(|t| parse_page("p.txt", t).len()).collect()
}

fn load(root: &Path, cache: Option<&Cache>) -> Loaded {
    let options = LoadOptions {
        cache: cache.cloned(),
        ..LoadOptions::default()
    };
    let mut reports = 0;
    let loaded = load_with(&[root.to_path_buf()], &options, &mut |_, _| reports += 1);
    assert!(reports > 0, "progress was reported");
    loaded
}

/// Loads and writes the cache entry the load asks for, as the commands do.
fn load_and_cache(root: &Path, cache: &Cache) -> Loaded {
    let mut loaded = load(root, Some(cache));
    if let Some(pending) = loaded.pending.take() {
        pending.write(&loaded.articles).expect("write cache");
    }
    loaded
}

fn ids_titled(articles: &[Article], title: &str) -> Vec<ArticleId> {
    (0..articles.len())
        .filter(|&i| articles[i].title() == Some(title))
        .map(|i| ArticleId(i as u32))
        .collect()
}

#[test]
fn thousands_of_pages_load_in_order_and_filter() {
    let texts = short_pages();
    let per_page = articles_per_page(&texts);
    assert!(per_page.iter().all(|&n| n > 0), "{per_page:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    let files = write_corpus(dir.path(), SCALE_PAGES, &texts);

    let loaded = load(dir.path(), None);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.files, SCALE_PAGES);
    assert_eq!(loaded.cache, CacheUse::Off);
    let expected: usize = (0..SCALE_PAGES).map(|i| per_page[i % texts.len()]).sum();
    assert_eq!(loaded.articles.len(), expected);

    // Sources come in file-name order, and each file's articles in page order.
    let mut sorted = files.clone();
    sorted.sort();
    let mut sources: Vec<&str> = loaded.articles.iter().map(|a| &*a.source).collect();
    sources.dedup();
    let sorted: Vec<String> = sorted
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    assert_eq!(sources, sorted);

    let store = Catalog::build(loaded.articles);
    let title = store
        .articles()
        .iter()
        .filter_map(|a| a.title().map(str::to_owned))
        .find(|t| t.chars().count() >= 6)
        .expect("a titled article");
    let wanted = ids_titled(store.articles(), &title);
    assert!(wanted.len() >= SCALE_PAGES / texts.len());
    let cancel = AtomicBool::new(false);
    let results = store
        .search(&Query::parse(&title, Scope::Headline), None, &cancel)
        .expect("not cancelled");
    let hits: Vec<ArticleId> = results.hits().iter().map(|h| h.id).collect();
    for id in &wanted {
        assert!(hits.contains(id), "{id:?} titled {title} is missing");
    }
    let none = store
        .search(&Query::parse("zzqqxxjj", Scope::All), None, &cancel)
        .expect("not cancelled");
    assert!(none.is_empty());
}

#[test]
fn cache_hits_invalidates_and_survives_corruption() {
    let texts = short_pages();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("pages");
    let files = write_corpus(&root, 300, &texts);
    let cache = Cache::at(dir.path().join("cache"));

    let first = load_and_cache(&root, &cache);
    assert_eq!(first.cache, CacheUse::Miss(Miss::Absent));
    let fresh = first.articles;

    let second = load_and_cache(&root, &cache);
    assert_eq!(second.cache, CacheUse::Hit);
    assert!(second.pending.is_none());
    assert_eq!(second.articles, fresh);

    // A changed modification time alone makes the entry stale: the corpus has a new key,
    // so the old entry is simply not found (it is pruned later).
    let touched = fs::File::options()
        .write(true)
        .open(&files[7])
        .expect("open page");
    touched
        .set_modified(SystemTime::now() + Duration::from_secs(3600))
        .expect("set mtime");
    drop(touched);
    let third = load_and_cache(&root, &cache);
    assert_eq!(third.cache, CacheUse::Miss(Miss::Absent));
    assert_eq!(third.articles, fresh);
    assert_eq!(load(&root, Some(&cache)).cache, CacheUse::Hit);

    // A removed file too.
    fs::remove_file(&files[8]).expect("remove page");
    let fourth = load_and_cache(&root, &cache);
    assert_eq!(fourth.cache, CacheUse::Miss(Miss::Absent));
    assert_eq!(fourth.articles.len() + per_page_of(&texts, 8), fresh.len());

    // Damaged entries are rebuilt, never trusted, never an error.
    let entry = entry_of(&cache, &root);
    let bytes = fs::read(&entry).expect("read entry");
    let damages: [(&str, Vec<u8>); 3] = [
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("bad magic", [b"NOTCACHE".as_slice(), &bytes[8..]].concat()),
        ("flipped payload byte", {
            let mut b = bytes.clone();
            b[bytes.len() / 3] ^= 0xff;
            b
        }),
    ];
    for (what, damaged) in damages {
        fs::write(&entry, damaged).expect("damage entry");
        let again = load_and_cache(&root, &cache);
        assert!(
            matches!(again.cache, CacheUse::Miss(Miss::Corrupt(_))),
            "{what}: {:?}",
            again.cache
        );
        assert_eq!(again.articles, fourth.articles, "{what}");
        assert_eq!(load(&root, Some(&cache)).cache, CacheUse::Hit, "{what}");
    }
}

/// Articles of the `i`-th page written by [`write_corpus`].
fn per_page_of(texts: &[String], i: usize) -> usize {
    articles_per_page(texts)[i % texts.len()]
}

/// The path of the cache entry for the corpus under `root` as it is now.
fn entry_of(cache: &Cache, root: &Path) -> PathBuf {
    let (files, errors) = collect_files(&[root.to_path_buf()]);
    assert!(errors.is_empty());
    cache.entry_path(&Fingerprint::of(&files))
}

/// The store of a load with its indexes saved as the reader saves them.
fn store_and_cache(root: &Path, cache: &Cache) -> (Loaded, Catalog) {
    let mut loaded = load_and_cache(root, cache);
    let store = loaded.take_catalog();
    if let Some(indexes) = &loaded.indexes {
        indexes.write(&store).expect("write indexes");
    }
    (loaded, store)
}

/// What a reader sees of a store: people with their counts, and a few searches.
fn answers(store: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = store
        .people()
        .iter()
        .map(|&p| format!("{} {}", store.person_name(p), store.person_count(p)))
        .collect();
    let flag = AtomicBool::new(false);
    for q in ["会议", "ljc", "@吕沛", "孟州"] {
        let results = store
            .search(&Query::parse(q, Scope::All), None, &flag)
            .expect("not cancelled");
        out.extend(results.hits().iter().map(|h| format!("{q} {:?}", h.id)));
    }
    out
}

#[test]
fn saved_indexes_serve_a_reopen_and_damaged_ones_are_rebuilt() {
    let texts = short_pages();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("pages");
    write_corpus(&root, 120, &texts);
    let cache = Cache::at(dir.path().join("cache"));

    let (_, built) = store_and_cache(&root, &cache);
    let (files, _) = collect_files(std::slice::from_ref(&root));
    let index_file = cache.indexes_path(&Fingerprint::of(&files));
    let saved = fs::read(&index_file).expect("indexes saved after the first load");

    let (reopened, store) = store_and_cache(&root, &cache);
    assert_eq!(reopened.cache, CacheUse::Hit);
    assert_eq!(answers(&store), answers(&built));

    // A damaged index file is refused: the store is built again and the file rewritten.
    let mut damaged = saved.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    fs::write(&index_file, &damaged).expect("damage indexes");
    let (_, rebuilt) = store_and_cache(&root, &cache);
    assert_eq!(answers(&rebuilt), answers(&built));
    assert_eq!(fs::read(&index_file).expect("read indexes"), saved);
}
