//! Peak memory of loading a large page: a small multiple of its size, not one per line.
//!
//! Alone in its test binary, so that the process's peak (`VmHWM`) is this test's own.

use std::path::PathBuf;

/// Memory that a load takes whatever the page's size (thread stacks, allocator arenas).
const FIXED: u64 = 48 << 20;

/// The process's peak resident memory in bytes, from `/proc/self/status`.
fn peak_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn loading_a_large_page_peaks_at_a_few_times_its_size() {
    let Some(_) = peak_bytes() else {
        eprintln!("no /proc/self/status: skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let small = dir.path().join("small.txt");
    let page = papertui::sample::SAMPLE_PAGES[1].text;
    std::fs::write(&small, page).expect("small page");
    // Everything loaded once (dictionaries, thread pool) before the baseline.
    let warm = papertui::corpus::load(&[small]);
    assert!(!warm.articles.is_empty());
    drop(warm);
    let size = 16 << 20;
    let mut text = String::with_capacity(size + page.len());
    while text.len() < size {
        text.push_str(page);
        text.push('\n');
    }
    let big: PathBuf = dir.path().join("big.txt");
    std::fs::write(&big, &text).expect("big page");
    let size = text.len() as u64;
    drop(text);
    let before = peak_bytes().expect("peak");
    let loaded = papertui::corpus::load(&[big]);
    let grown = peak_bytes().expect("peak").saturating_sub(before);
    assert!(loaded.errors.is_empty() && loaded.articles.len() > 1000);
    assert!(
        // Thread pools and allocator arenas take a few tens of megabytes once, whatever the size.
        grown <= 3 * size + FIXED,
        "loading a {} MB page took {} MB more at peak",
        size >> 20,
        grown >> 20
    );
}
