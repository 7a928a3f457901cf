//! Person-pass throughput: `people::annotate_corpus` on articles parsed beforehand.
//!
//! The corpus is the sample pages repeated; the pages are parsed once, outside the measured
//! loop, and the jieba dictionary is loaded before measuring. Throughput is in bytes of page
//! text per second, on one thread and on all cores. Each run overwrites the people of every
//! article, so the same articles are annotated again and again.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use papertui::ingest::parse_page;
use papertui::model::Article;
use papertui::people::{PersonExtractor, annotate_corpus};
use papertui::sample::SAMPLE_PAGES;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Copies of the sample pages in the corpus (about 2 MB of page text).
const COPIES: usize = 25;

/// The parsed corpus and its size in bytes of page text.
fn corpus() -> (Vec<Article>, u64) {
    let mut articles = Vec::new();
    let mut bytes = 0;
    for i in 0..COPIES {
        for page in SAMPLE_PAGES {
            articles.extend(parse_page(&format!("{i}/{}", page.name), page.text));
            bytes += page.text.len() as u64;
        }
    }
    (articles, bytes)
}

fn annotate(c: &mut Criterion) {
    PersonExtractor::shared();
    let (mut articles, bytes) = corpus();
    let mut group = c.benchmark_group("people");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    group.bench_function("annotate_corpus/1 thread", |b| {
        b.iter(|| {
            one.install(|| annotate_corpus(PersonExtractor::shared(), black_box(&mut articles)))
        });
    });
    group.bench_function("annotate_corpus/all cores", |b| {
        b.iter(|| annotate_corpus(PersonExtractor::shared(), black_box(&mut articles)));
    });
    group.finish();
}

criterion_group!(benches, annotate);
criterion_main!(benches);
