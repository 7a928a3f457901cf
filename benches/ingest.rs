//! Ingest throughput: page text → articles, on the sample pages.
//!
//! `parse_page` is measured on one core (bytes of page text per second); `parse_pages` adds the
//! person pass and runs pages in parallel, on a corpus made of the sample pages repeated.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use papertui::corpus::{PageText, parse_pages};
use papertui::ingest::parse_page;
use papertui::sample::SAMPLE_PAGES;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn single_core(c: &mut Criterion) {
    let bytes: usize = SAMPLE_PAGES.iter().map(|p| p.text.len()).sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_page/sample (1 core)", |b| {
        b.iter(|| {
            for page in SAMPLE_PAGES {
                black_box(parse_page(page.name, black_box(page.text)));
            }
        });
    });
    group.finish();
}

fn with_people_parallel(c: &mut Criterion) {
    const COPIES: usize = 40;
    let pages: Vec<PageText> = (0..COPIES)
        .flat_map(|i| {
            SAMPLE_PAGES.iter().map(move |p| PageText {
                source: format!("{i}/{}", p.name),
                text: p.text.to_owned(),
            })
        })
        .collect();
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse_pages+people/120 pages (all cores)", |b| {
        b.iter(|| black_box(parse_pages(black_box(&pages))));
    });
    group.finish();
}

criterion_group!(benches, single_core, with_people_parallel);
criterion_main!(benches);
