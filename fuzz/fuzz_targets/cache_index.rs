//! Fuzz target: a cache index file → `Cache::load_indexes` → `Store::with_indexes`.
//!
//! The first input byte picks the mode: even, the rest of the input is the index payload,
//! framed with a sound header and checksum (so the decoder and the checks behind it are
//! reached); odd, a sound index file (written once, at start) is damaged by the rest, read
//! as records of a 4-byte offset and a byte to XOR there. The promises: a damaged index is
//! never trusted (read back, it is exactly the one written, or refused), and indexes that
//! do not fit the articles are refused, never a panic in a later lookup.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use papertui::cache::{Cache, Fingerprint};
use papertui::model::Article;
use papertui::search::{Query, Scope};
use papertui::store::Store;

#[path = "../common/scratch.rs"]
mod scratch;
use scratch::scratch;

/// Bytes of an index file's header: magic, version, articles, payload length, crc32.
const HEADER_LEN: usize = 32;

struct Fixture {
    cache: Cache,
    fingerprint: Fingerprint,
    index_path: PathBuf,
    index: Vec<u8>,
    written: String,
    articles: Vec<Article>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = scratch("cache_index");
        let page = dir.join("page.txt");
        fs::write(&page, "x").expect("page");
        let cache = Cache::at(dir.join("cache"));
        let fingerprint = Fingerprint::of(&[page]);
        let articles = papertui::corpus::sample();
        let store = Store::from_articles(articles.clone());
        cache
            .save_indexes(&fingerprint, &store)
            .expect("sound index");
        let index_path = cache.indexes_path(&fingerprint);
        let index = fs::read(&index_path).expect("index");
        let written = format!("{:?}", cache.load_indexes(&fingerprint).expect("read back"));
        Fixture {
            cache,
            fingerprint,
            index_path,
            index,
            written,
            articles,
        }
    })
}

/// `payload` behind the sound index's header, with its length and checksum.
fn framed(header: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut bytes = header[..HEADER_LEN - 12].to_vec();
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

fn damaged(index: &[u8], records: &[u8]) -> Vec<u8> {
    let mut bytes = index.to_vec();
    for r in records.chunks_exact(5) {
        let at = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as usize % bytes.len();
        bytes[at] ^= r[4];
    }
    bytes
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let damage = mode & 1 == 1;
    let bytes = if damage {
        damaged(&f.index, rest)
    } else {
        framed(&f.index, rest)
    };
    fs::write(&f.index_path, &bytes).expect("write index");
    let Ok(indexes) = f.cache.load_indexes(&f.fingerprint) else {
        return;
    };
    if damage && bytes != f.index {
        assert_eq!(
            format!("{indexes:?}"),
            f.written,
            "a damaged index was trusted"
        );
    }
    let Ok(store) = Store::with_indexes(indexes, f.articles.clone()) else {
        return;
    };
    // Indexes that fit are safe to use: every lookup stays in bounds.
    let stop = AtomicBool::new(false);
    for person in store.people().to_vec() {
        let _ = store.person_name(person);
    }
    for article in 0..store.len() {
        let _ = store.people_of_article(papertui::store::ArticleId(article as u32));
    }
    let _ = store.regions();
    let _ = store.search_people("吕");
    for q in ["会议", "@吕沛", "ljc"] {
        let _ = store.search(&Query::parse(q, Scope::All), None, &stop);
    }
});
