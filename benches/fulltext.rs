//! Full-text query latency: a body word and a phrase, every hit ranked, the first screen of
//! hits ranked, and every hit unranked.
//!
//! The corpus is the directory named by `PAPERTUI_FTS_CORPUS` (loaded through the cache, its
//! index opened beside the cache entry or built there), else the sample repeated to 10k
//! articles with an index in memory.
//!
//! ```sh
//! PAPERTUI_FTS_CORPUS=/path/to/pages cargo bench --bench fulltext
//! ```
//!
//! Criterion reports medians and means of samples of many queries each; the 99th percentile of
//! single queries is measured by `examples/fulltext_latency.rs` on the same corpus.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use papertui::cache::Cache;
use papertui::corpus::{LoadOptions, load_with};
use papertui::fulltext::{BodyQuery, FullText, disk, indexed_text};
use papertui::model::Article;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Results on one screen of the reader's list.
const SCREEN: usize = 50;

/// The index to query, the articles and a name for the corpus.
fn index() -> (FullText, Vec<Article>, String) {
    if let Some(dir) = std::env::var_os("PAPERTUI_FTS_CORPUS") {
        let options = LoadOptions {
            cache: Cache::from_env(),
            ..LoadOptions::default()
        };
        let loaded = load_with(&[PathBuf::from(&dir)], &options, &mut |_, _| {});
        let name = format!("{} articles", loaded.articles.len());
        let full = match loaded.cache_entry() {
            Some((cache, fingerprint)) => {
                disk::open_or_build(cache, fingerprint, &loaded.articles).map(|(full, _)| full)
            }
            None => FullText::build_in_ram(&loaded.articles),
        };
        return (full.expect("full-text index"), loaded.articles, name);
    }
    let base = papertui::corpus::sample();
    let articles: Vec<Article> = base.iter().cycle().take(10_000).cloned().collect();
    let full = FullText::build_in_ram(&articles).expect("full-text index");
    (full, articles, "sample x 10k".to_owned())
}

fn queries(c: &mut Criterion) {
    let (full, articles, name) = index();
    let text_of = |id: papertui::store::ArticleId| articles.get(id.0 as usize).map(indexed_text);
    let mut group = c.benchmark_group(format!("fulltext {name}"));
    for (label, text) in [("word", "黄河"), ("phrase", "黄河流域生态保护")] {
        let query = BodyQuery::new(text).expect("two characters or more");
        let hits = full.search(&query, &text_of).expect("search").len();
        eprintln!("{label} {text}: {hits} hits");
        group.bench_function(format!("{label} ranked"), |b| {
            b.iter(|| {
                black_box(
                    full.search(black_box(&query), &text_of)
                        .expect("search")
                        .len(),
                )
            });
        });
        group.bench_function(format!("{label} first screen"), |b| {
            b.iter(|| {
                black_box(
                    full.search_top(black_box(&query), &text_of, SCREEN)
                        .expect("search")
                        .len(),
                )
            });
        });
        group.bench_function(format!("{label} unranked"), |b| {
            b.iter(|| {
                black_box(
                    full.matching(black_box(&query), &text_of)
                        .expect("search")
                        .len(),
                )
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = queries
}
criterion_main!(benches);
