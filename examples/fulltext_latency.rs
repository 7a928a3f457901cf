//! Per-query latency of body queries, with the tail criterion does not print: the first
//! screen of hits (ranked) of a word and of a phrase, each timed one query at a time, `RUNS`
//! times, reported as median, 99th percentile and worst.
//!
//! The corpus is loaded as `benches/fulltext.rs` loads it (through the cache, the index beside
//! the cache entry, built there when missing), so the figures sit beside the bench's medians.
//!
//! ```sh
//! PAPERTUI_CACHE_DIR=/tmp/cache cargo run --release --example fulltext_latency -- DIR [RUNS]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use papertui::cache::Cache;
use papertui::corpus::{LoadOptions, load_with};
use papertui::fulltext::{BodyQuery, FullText, disk, indexed_text};
use papertui::store::ArticleId;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Results on one screen of the reader's list (as in the bench).
const SCREEN: usize = 50;
/// Queries timed before the measured ones.
const WARM_UP: usize = 20;

/// The `q`-quantile (0..=1) of sorted `times`, by the nearest rank.
fn quantile(times: &[Duration], q: f64) -> Duration {
    let rank = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len().max(1));
    times.get(rank - 1).copied().unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: fulltext_latency DIR [RUNS]")?);
    let runs: usize = args.next().map_or(Ok(1000), |n| n.parse())?;
    let options = LoadOptions {
        cache: Cache::from_env(),
        ..LoadOptions::default()
    };
    let start = Instant::now();
    let loaded = load_with(std::slice::from_ref(&corpus), &options, &mut |_, _| {});
    let full = match loaded.cache_entry() {
        Some((cache, fingerprint)) => {
            disk::open_or_build(cache, fingerprint, &loaded.articles).map(|(full, _)| full)
        }
        None => FullText::build_in_ram(&loaded.articles),
    }?;
    println!(
        "{} articles loaded and index opened in {:.1} s; {runs} queries each",
        loaded.articles.len(),
        start.elapsed().as_secs_f64()
    );
    let articles = &loaded.articles;
    let text_of = |id: ArticleId| articles.get(id.0 as usize).map(indexed_text);
    println!("query                 hits    median       p99     worst");
    for (label, text) in [("word", "黄河"), ("phrase", "黄河流域生态保护")] {
        let query = BodyQuery::new(text).ok_or("a query of two characters or more")?;
        let mut hits = 0;
        for _ in 0..WARM_UP {
            hits = full.search_top(&query, &text_of, SCREEN)?.len();
        }
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let at = Instant::now();
                let found = full.search_top(&query, &text_of, SCREEN).map(|f| f.len());
                (at.elapsed(), found)
            })
            .map(|(took, found)| found.map(|_| took))
            .collect::<Result<_, _>>()?;
        times.sort_unstable();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:<20} {hits:>5} {:>7.2} ms {:>7.2} ms {:>7.2} ms  ({text})",
            format!("{label}, first screen"),
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.99)),
            ms(times.last().copied().unwrap_or_default()),
        );
    }
    Ok(())
}
