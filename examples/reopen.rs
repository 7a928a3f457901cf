//! Measures a load: time to articles (from the cache when it is warm), time to get the store
//! (its indexes read back from the cache, or built), and the peak and current resident
//! memory, for the page files or directories given.
//!
//! `cargo run --release --example reopen -- DIR` twice: the first run parses and writes the
//! cache entry (in `$PAPERTUI_CACHE_DIR` or the platform cache directory), the second reopens.
//! A reopen leaves titled articles' bodies in the cache as the reader does; `READ_BODIES=1`
//! reads them all, as `export` does.

use std::path::PathBuf;
use std::time::Instant;

use papertui::cache::Bodies;
use papertui::commands::load_options;
use papertui::corpus::load_with;

/// The reader's allocator (see `src/main.rs`), so that loads are measured as the reader runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let no_cache = std::env::var_os("NO_CACHE").is_some();
    let started = Instant::now();
    let mut options = load_options(no_cache);
    if std::env::var_os("READ_BODIES").is_none() {
        options.bodies = Bodies::Defer;
    }
    let mut loaded = load_with(&paths, &options, &mut |_, _| {});
    let load = started.elapsed();
    println!(
        "articles {}  files {}  cache {:?}  load {:.3} s  peak {} MB  rss {} MB",
        loaded.articles.len(),
        loaded.files,
        loaded.cache,
        load.as_secs_f64(),
        status_mb("VmHWM:"),
        status_mb("VmRSS:")
    );
    if let Some(pending) = loaded.pending.take() {
        let t = Instant::now();
        if let Err(e) = pending.write(&loaded.articles) {
            eprintln!("cache write failed: {e}");
        }
        println!("cache write {:.3} s", t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let store = loaded.take_catalog();
    println!(
        "store {:.3} s  ({} people)  peak {} MB  rss {} MB  total {:.3} s",
        t.elapsed().as_secs_f64(),
        store.people().len(),
        status_mb("VmHWM:"),
        status_mb("VmRSS:"),
        started.elapsed().as_secs_f64()
    );
    if let Some(indexes) = &loaded.indexes {
        let t = Instant::now();
        if let Err(e) = indexes.write(&store) {
            eprintln!("index write failed: {e}");
        }
        println!("index write {:.3} s", t.elapsed().as_secs_f64());
    }
}

/// A memory figure of `/proc/self/status` in MB (0 elsewhere): `VmHWM:` is the peak resident
/// set size so far, `VmRSS:` the current one.
fn status_mb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
