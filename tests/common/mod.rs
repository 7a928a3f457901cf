//! Gold fixtures for integration tests: pages, gold articles, and bodies sliced from the gold.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One gold article as annotated in `tests/fixtures/gold/*.json` (fields used by tests).
#[derive(Debug, Deserialize)]
pub struct GoldArticle {
    /// Main headline, if any.
    pub title: Option<String>,
    /// First 12 body characters, whitespace removed.
    pub start: String,
    /// Last 12 body characters, whitespace removed.
    pub end: String,
    /// Reporters named in the dateline.
    #[serde(default)]
    pub reporters: Vec<String>,
    /// Correspondents named in the dateline.
    #[serde(default)]
    pub correspondents: Vec<String>,
    /// Trailing credits.
    #[serde(default)]
    pub credits: Vec<String>,
    /// People named in the title or body.
    #[serde(default)]
    pub persons: Vec<String>,
    /// Names that count neither way.
    #[serde(default)]
    pub persons_optional: Vec<String>,
}

/// One gold file.
#[derive(Debug, Deserialize)]
pub struct GoldPage {
    /// The page file the gold belongs to.
    pub source: String,
    /// Articles in body order.
    pub articles: Vec<GoldArticle>,
}

/// A gold article with the body cut out of its page.
pub struct SlicedArticle<'a> {
    /// The gold annotation.
    pub gold: &'a GoldArticle,
    /// The body between `start` and `end`, whitespace removed, as one paragraph.
    pub body: String,
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All gold pages, sorted by file name.
pub fn gold_pages() -> Vec<GoldPage> {
    let dir = root().join("tests/fixtures/gold");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("gold directory is readable")
        .map(|e| e.expect("gold entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).expect("gold file is readable");
            serde_json::from_str(&text).expect("gold file parses")
        })
        .collect()
}

/// The page text a gold file describes.
pub fn page_text(page: &GoldPage) -> String {
    fs::read_to_string(Path::new(&root()).join("assets").join(&page.source))
        .expect("page file is readable")
}

/// Cut every gold article's body out of the page: strip all whitespace, find `start`, then
/// `end` after it; the body runs from `start` to the end of `end`.
pub fn slice_bodies<'a>(page: &'a GoldPage, text: &str) -> Vec<SlicedArticle<'a>> {
    let flat: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut from = 0;
    let mut out = Vec::new();
    for gold in &page.articles {
        let start: Vec<char> = gold.start.chars().collect();
        let end: Vec<char> = gold.end.chars().collect();
        let s = find(&flat, &start, from)
            .unwrap_or_else(|| panic!("{}: start {:?} not found", page.source, gold.start));
        let e = find(&flat, &end, s)
            .unwrap_or_else(|| panic!("{}: end {:?} not found", page.source, gold.end));
        let body: String = flat[s..e + end.len()].iter().collect();
        from = e + end.len();
        out.push(SlicedArticle { gold, body });
    }
    out
}

/// Character index of the first occurrence of `needle` at or after `from`.
fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from);
    }
    (from..hay.len().saturating_sub(needle.len() - 1)).find(|&i| hay[i..].starts_with(needle))
}
