//! Fuzz target: arbitrary bytes → page decoding → `parse_page`.
//!
//! Whatever the bytes, decoding must return text or an error, and parsing must not panic; the
//! articles it gives must name their source and be numbered in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use papertui::ingest::{decode, parse_page};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode::decode(data) else {
        return;
    };
    let articles = parse_page("fuzz.txt", &decoded.text);
    for (i, article) in articles.iter().enumerate() {
        assert_eq!(&*article.source, "fuzz.txt");
        assert_eq!(article.ordinal as usize, i);
    }
});
