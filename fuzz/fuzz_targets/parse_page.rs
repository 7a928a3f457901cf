//! Fuzz target: arbitrary bytes → page decoding → `parse_page_accounted`.
//!
//! Whatever the bytes, decoding must return text or an error, and parsing must not panic; the
//! articles it gives must name their source and be numbered in order, and every non-space
//! character of the text must be placed exactly once (in an article or among the leftovers).
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use papertui::ingest::chars::is_space;
use papertui::ingest::{decode, parse_page_accounted};

fn census<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashMap<char, usize> {
    let mut counts = HashMap::new();
    for c in texts.into_iter().flat_map(str::chars).filter(|&c| !is_space(c)) {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode::decode(data) else {
        return;
    };
    let (articles, leftovers) = parse_page_accounted("fuzz.txt", &decoded.text);
    let mut placed: Vec<&str> = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        assert_eq!(&*article.source, "fuzz.txt");
        assert_eq!(article.ordinal as usize, i);
        placed.extend(article.kicker());
        placed.extend(article.title());
        placed.extend(article.subtitle());
        placed.extend(article.paragraphs());
    }
    placed.extend(leftovers.iter().map(|l| l.text.as_str()));
    assert_eq!(census([decoded.text.as_str()]), census(placed), "text lost or doubled");
});
