//! Measures the full-text index against the cold parse: parse time, index build time, index
//! size against the corpus's UTF-8 text, and a few query times.
//!
//! ```sh
//! cargo run --release --example fulltext_build -- DIR [INDEX_DIR]
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use papertui::corpus::{LoadOptions, load_with};
use papertui::fulltext::{BodyQuery, FullText, indexed_text};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Bytes of every file under `path`.
fn size_of(path: &Path) -> u64 {
    match std::fs::read_dir(path) {
        Ok(dir) => dir.filter_map(Result::ok).map(|e| size_of(&e.path())).sum(),
        Err(_) => std::fs::metadata(path).map_or(0, |m| m.len()),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: fulltext_build DIR [INDEX_DIR]")?);
    let index_dir = args.next().map_or_else(
        || std::env::temp_dir().join("papertui-fts-measure"),
        PathBuf::from,
    );
    let start = Instant::now();
    let loaded = load_with(
        std::slice::from_ref(&corpus),
        &LoadOptions::default(),
        &mut |_, _| {},
    );
    let parse = start.elapsed();
    let text_bytes: usize = loaded.articles.iter().map(|a| indexed_text(a).len()).sum();
    println!(
        "articles {}  page files {} B  indexed text (UTF-8) {} B  cold parse {:.2} s",
        loaded.articles.len(),
        size_of(&corpus),
        text_bytes,
        parse.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&index_dir);
    std::fs::create_dir_all(&index_dir)?;
    let start = Instant::now();
    let full = FullText::build_in_dir(&index_dir, &loaded.articles)?;
    let build = start.elapsed();
    let size = size_of(&index_dir);
    println!(
        "index build {:.2} s ({:.2}x the parse)  index {} B ({:.3}x the text)",
        build.as_secs_f64(),
        build.as_secs_f64() / parse.as_secs_f64(),
        size,
        size as f64 / text_bytes as f64
    );
    let start = Instant::now();
    let reopened = FullText::open_in_dir(&index_dir, &loaded.articles)?;
    println!(
        "reopen with checksums {:.3} s",
        start.elapsed().as_secs_f64()
    );
    drop(full);
    for q in ["黄河", "生态保护", "黄河流域生态保护", "禀赋"] {
        let query = BodyQuery::new(q).ok_or("query too short")?;
        let start = Instant::now();
        let text_of =
            |id: papertui::store::ArticleId| loaded.articles.get(id.0 as usize).map(indexed_text);
        let hits = reopened.search(&query, &text_of)?;
        let elapsed = start.elapsed();
        let candidates = reopened.candidates(&query, false)?.len();
        println!(
            "query {q}: {} hits of {candidates} candidates in {:.1} ms",
            hits.len(),
            elapsed.as_secs_f64() * 1e3
        );
    }
    Ok(())
}
