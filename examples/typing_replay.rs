//! Replays typing over a corpus loaded the way the reader loads it, and reports the time from
//! each keystroke to its answer: overall median, 99th percentile and maximum, then the median
//! and maximum of each keystroke.
//!
//! `cargo run --release --example typing_replay -- DIR [REPLAYS]`: the first run parses `DIR`
//! and writes the cache entry (in `$PAPERTUI_CACHE_DIR` or the platform cache directory);
//! later runs reopen it, as the reader would. The sequences are those of the `typing`
//! benchmark (`benches/common/replay.rs`), which runs them over copies of the sample's
//! articles: here they run over a real or generated corpus, with its own headlines and people.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use papertui::cache::Bodies;
use papertui::commands::load_options;
use papertui::corpus::load_with;
use papertui::search::Worker;

#[path = "../benches/common/replay.rs"]
mod replay;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: typing_replay DIR [REPLAYS]");
        std::process::exit(2);
    };
    let replays: usize = args
        .next()
        .and_then(|n| n.to_str()?.parse().ok())
        .unwrap_or(30);
    let mut options = load_options(false);
    options.bodies = Bodies::Defer;
    let started = Instant::now();
    let mut loaded = load_with(&[dir], &options, &mut |_, _| {});
    if let Some(pending) = loaded.pending.take()
        && let Err(e) = pending.write(&loaded.articles)
    {
        eprintln!("cache write failed: {e}");
    }
    let store = Arc::new(loaded.take_catalog());
    if let Some(indexes) = &loaded.indexes
        && let Err(e) = indexes.write(&store)
    {
        eprintln!("index write failed: {e}");
    }
    println!(
        "{} articles, {} people, loaded in {:.2} s ({:?})",
        store.len(),
        store.people().len(),
        started.elapsed().as_secs_f64(),
        loaded.cache
    );

    let mut all: Vec<(Duration, String)> = Vec::new();
    let mut generation = 0;
    for _ in 0..replays {
        // A fresh worker per replay: nothing is kept from the previous one.
        let mut worker = match Worker::spawn(Arc::clone(&store)) {
            Ok(worker) => worker,
            Err(e) => {
                eprintln!("no search thread: {e}");
                std::process::exit(1);
            }
        };
        all.extend(replay::replay(&mut worker, &mut generation));
    }
    let mut times: Vec<Duration> = all.iter().map(|(t, _)| *t).collect();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{} keystrokes: median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
    let mut by_key: BTreeMap<String, Vec<Duration>> = BTreeMap::new();
    for (t, key) in all {
        by_key.entry(key).or_default().push(t);
    }
    for (key, mut t) in by_key {
        t.sort();
        println!(
            "{key:>10}  median {:>5.1} ms  max {:>5.1} ms",
            ms(t[t.len() / 2]),
            ms(t[t.len() - 1])
        );
    }
}

/// Milliseconds of `d`.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
