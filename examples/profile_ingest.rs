//! Runs the page parser in a loop, for profiling with `perf record`.

/// The reader's allocator (see `src/main.rs`), so that profiles match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let mut n = 0;
    for _ in 0..rounds {
        for page in papertui::sample::SAMPLE_PAGES {
            n += papertui::ingest::parse_page(page.name, page.text).len();
        }
    }
    println!("{n}");
}
