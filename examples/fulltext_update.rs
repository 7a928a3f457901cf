//! Measures the saved full-text index of a corpus: opened, updated file by file or built
//! (whichever `open_or_build` does, and how long it takes), against a build from scratch of
//! the same articles. Run it, change a page file, run it again to time an update.
//!
//! ```sh
//! PAPERTUI_CACHE_DIR=/tmp/cache cargo run --release --example fulltext_update -- DIR
//! ```

use std::path::PathBuf;
use std::time::Instant;

use papertui::cache::Cache;
use papertui::corpus::{LoadOptions, load_with};
use papertui::fulltext::{BodyQuery, FullText, disk, indexed_text};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: fulltext_update DIR")?,
    );
    let cache = Cache::from_env().ok_or("no cache directory")?;
    let options = LoadOptions {
        cache: Some(cache),
        ..LoadOptions::default()
    };
    let start = Instant::now();
    let loaded = load_with(std::slice::from_ref(&corpus), &options, &mut |_, _| {});
    if let Some(pending) = &loaded.pending {
        pending.write(&loaded.articles)?;
    }
    println!(
        "{} articles of {} files loaded ({:?}) in {:.2} s",
        loaded.articles.len(),
        loaded.files,
        loaded.cache,
        start.elapsed().as_secs_f64()
    );
    let (cache, fingerprint) = loaded.cache_entry().ok_or("no cache entry")?;
    let start = Instant::now();
    let (full, outcome) = disk::open_or_build(cache, fingerprint, &loaded.articles)?;
    println!(
        "open_or_build: {outcome:?} in {:.2} s ({} articles)",
        start.elapsed().as_secs_f64(),
        full.len()
    );
    let scratch = tempfile::tempdir()?;
    let start = Instant::now();
    let rebuilt = FullText::build_in_dir(scratch.path(), &loaded.articles)?;
    println!(
        "build from scratch: {:.2} s ({} articles)",
        start.elapsed().as_secs_f64(),
        rebuilt.len()
    );
    let text_of =
        |id: papertui::store::ArticleId| loaded.articles.get(id.0 as usize).map(indexed_text);
    for q in ["黄河", "生态保护", "黄河流域生态保护", "测试文字", "禀赋"] {
        let query = BodyQuery::new(q).ok_or("query too short")?;
        let saved = full.matching(&query, &text_of)?;
        let fresh = rebuilt.matching(&query, &text_of)?;
        println!(
            "{q}: {} hits, {}",
            saved.len(),
            if saved == fresh {
                "as built from scratch"
            } else {
                "NOT as built from scratch"
            }
        );
    }
    Ok(())
}
