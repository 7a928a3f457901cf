//! Fuzz target: a cache entry's bytes → `Cache::load`, with bodies read at once or deferred.
//!
//! The first input byte picks the mode: even, the rest of the input is the whole entry; odd,
//! a sound entry (written once, at start) is damaged by the rest, read as records of a
//! 4-byte offset and a byte to XOR there (a last short record cuts the entry). The promise:
//! a damaged cache is never trusted. Loading gives a miss, or exactly the articles that were
//! written; a deferred body that cannot be read back is reported, never shown altered.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use papertui::cache::{Bodies, Cache, Fingerprint};
use papertui::model::Article;

#[path = "../common/scratch.rs"]
mod scratch;
use scratch::scratch;

struct Fixture {
    cache: Cache,
    fingerprint: Fingerprint,
    entry_path: PathBuf,
    entry: Vec<u8>,
    articles: Vec<Article>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = scratch("cache_entry");
        let page = dir.join("page.txt");
        fs::write(&page, "x").expect("page");
        let cache = Cache::at(dir.join("cache"));
        let fingerprint = Fingerprint::of(&[page]);
        let articles = papertui::corpus::sample();
        cache
            .save(&fingerprint, &articles, &[])
            .expect("sound entry");
        let entry_path = cache.entry_path(&fingerprint);
        let entry = fs::read(&entry_path).expect("entry");
        Fixture {
            cache,
            fingerprint,
            entry_path,
            entry,
            articles,
        }
    })
}

/// `entry` with the damage described by `records` applied.
fn damaged(entry: &[u8], records: &[u8]) -> Vec<u8> {
    let mut bytes = entry.to_vec();
    let mut records = records.chunks_exact(5);
    for r in records.by_ref() {
        let at = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as usize % bytes.len().max(1);
        if let Some(b) = bytes.get_mut(at) {
            *b ^= r[4];
        }
    }
    if let Some(&cut) = records.remainder().first() {
        bytes.truncate(bytes.len() * usize::from(cut) / 256);
    }
    bytes
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 0 {
        rest.to_vec()
    } else {
        damaged(&f.entry, rest)
    };
    fs::write(&f.entry_path, &bytes).expect("write entry");
    let bodies = if mode & 2 == 0 {
        Bodies::Read
    } else {
        Bodies::Defer
    };
    let Ok(cached) = f.cache.load(&f.fingerprint, bodies, &|_| {}) else {
        return;
    };
    assert!(cached.failed.is_empty(), "failures that were never written");
    assert_eq!(
        cached.articles.len(),
        f.articles.len(),
        "articles lost or invented"
    );
    for (got, written) in cached.articles.iter().zip(&f.articles) {
        if bodies == Bodies::Defer && got.load_paragraphs().is_err() {
            // Reported as unreadable: its paragraphs are not shown.
            assert!(
                got.paragraphs().all(str::is_empty),
                "paragraphs of an unreadable body"
            );
            assert_eq!(
                (got.key(), got.title(), got.kicker()),
                (written.key(), written.title(), written.kicker()),
                "head altered"
            );
        } else {
            assert!(got == written, "article altered: {}", got.key());
        }
    }
});
