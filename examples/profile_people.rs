//! Runs the whole corpus pipeline (parse + people), for profiling with `perf record`.
//!
//! `profile_people [N]` uses N copies of the sample pages (default 20); `profile_people DIR…`
//! reads page files from directories instead. The stages are timed separately on stderr:
//! the person extractor's one-time set-up (jieba dictionary), page parsing, and
//! `annotate_corpus`, each with its throughput in MB of page text per second of wall time per
//! thread and, on Linux, per second of CPU time (less disturbed by other load on the machine).
use std::path::PathBuf;
use std::time::Instant;

use papertui::corpus::PageText;
use rayon::prelude::*;

/// The reader's allocator (see `src/main.rs`), so that figures match the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pages: Vec<PageText> = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(rounds) => copies(rounds),
        None if args.is_empty() => copies(20),
        None => {
            let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
            let (files, _) = papertui::input::collect_files(&paths);
            files
                .iter()
                .filter_map(|f| {
                    Some(PageText {
                        source: f.to_string_lossy().into_owned(),
                        text: papertui::input::read_page(f).ok()?,
                    })
                })
                .collect()
        }
    };
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let threads = rayon::current_num_threads();

    let (t, c) = (Instant::now(), cpu_seconds());
    papertui::people::PersonExtractor::shared();
    let setup = t.elapsed().as_secs_f64();
    let setup_cpu = cpu_seconds() - c;

    let (t, c) = (Instant::now(), cpu_seconds());
    let mut articles: Vec<papertui::model::Article> = pages
        .par_iter()
        .map(|p| papertui::ingest::parse_page(&p.source, &p.text))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let parse = t.elapsed().as_secs_f64();
    let parse_cpu = cpu_seconds() - c;

    // PEOPLE_ROUNDS=k repeats the person pass k times (for profiles of that pass alone);
    // the times below are for one round.
    let rounds: u32 = std::env::var("PEOPLE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1)
        .max(1);
    let (t, c) = (Instant::now(), cpu_seconds());
    for _ in 0..rounds {
        papertui::people::annotate_corpus(
            papertui::people::PersonExtractor::shared(),
            &mut articles,
        );
    }
    let people = t.elapsed().as_secs_f64() / f64::from(rounds);
    let people_cpu = (cpu_seconds() - c) / f64::from(rounds);

    let persons: usize = articles.iter().map(|a| a.persons().len()).sum();
    eprintln!(
        "{mb:.1} MB, {} articles, {persons} person mentions, {threads} thread(s)",
        articles.len()
    );
    eprintln!("extractor set-up (jieba): {setup:.3} s wall, {setup_cpu:.3} s CPU");
    let report = |stage: &str, wall: f64, cpu: f64| {
        eprintln!(
            "{stage:<16} {wall:.3} s wall  {:6.1} MB/s per thread | {cpu:.3} s CPU  {:6.1} MB/s per CPU-second",
            mb / wall / threads as f64,
            mb / cpu
        );
    };
    report("parse:", parse, parse_cpu);
    report("annotate_corpus:", people, people_cpu);
    report("parse+people:", parse + people, parse_cpu + people_cpu);
    println!("{}", articles.len());
}

/// `rounds` copies of the embedded sample pages.
fn copies(rounds: usize) -> Vec<PageText> {
    (0..rounds)
        .flat_map(|i| {
            papertui::sample::SAMPLE_PAGES
                .iter()
                .map(move |p| PageText {
                    source: format!("{i}/{}", p.name),
                    text: p.text.to_owned(),
                })
        })
        .collect()
}

/// CPU time used so far by all threads of this process, in seconds (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let nanos: u64 = tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    nanos as f64 / 1e9
}
