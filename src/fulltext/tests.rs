//! The index agrees with a plain substring scan.

use proptest::prelude::*;

use super::kwic::contains;
use super::*;
use crate::cache::Cache;
use crate::model::Kind;

/// The articles whose indexed text holds `query`, by scanning.
fn scan(texts: &[String], query: &str) -> Vec<ArticleId> {
    texts
        .iter()
        .enumerate()
        .filter(|(_, t)| contains(t, query))
        .map(|(i, _)| ArticleId(i as u32))
        .collect()
}

/// The text of each article by its id, as the index's callers give it.
fn text_of(texts: &[String]) -> impl Fn(ArticleId) -> Option<String> + Sync + '_ {
    |id| texts.get(id.0 as usize).cloned()
}

/// An article of the given paragraphs.
fn article_of(n: u32, paragraphs: &[String]) -> Article {
    let mut article = Article::new("gen", n, Kind::News);
    article.set_paragraphs(paragraphs);
    article
}

/// The characters of `text` from `at`, `len` of them, or None past its end.
fn chars_at(text: &str, at: usize, len: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let s: String = chars.get(at..at + len)?.iter().collect();
    (!s.contains('\n')).then_some(s)
}

fn sample_index() -> &'static (FullText, Vec<String>) {
    static INDEX: std::sync::OnceLock<(FullText, Vec<String>)> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let articles = crate::corpus::sample();
        let texts = articles.iter().map(indexed_text).collect();
        let full = FullText::build_in_ram(&articles).expect("index of the sample");
        (full, texts)
    })
}

#[test]
fn a_body_only_word_of_the_sample_is_found() {
    let (full, texts) = sample_index();
    let query = BodyQuery::new("禀赋").expect("two characters");
    let found = full.matching(&query, &text_of(texts)).expect("search");
    assert!(!found.is_empty());
    assert_eq!(found, scan(texts, "禀赋"));
}

#[test]
fn a_phrase_across_punctuation_is_found_as_written_and_only_so() {
    let articles = vec![
        article_of(0, &["会议指出，要加强生态保护。".to_owned()]),
        article_of(1, &["会议，指出要加强".to_owned()]),
    ];
    let full = FullText::build_in_ram(&articles).expect("index");
    let texts: Vec<String> = articles.iter().map(indexed_text).collect();
    let ids = |q: &str| {
        full.matching(&BodyQuery::new(q).expect("query"), &text_of(&texts))
            .expect("search")
    };
    assert_eq!(ids("会议，指出"), vec![ArticleId(1)]);
    assert_eq!(ids("指出，要"), vec![ArticleId(0)]);
    assert_eq!(ids("会议"), vec![ArticleId(0), ArticleId(1)]);
    assert_eq!(ids("保护。"), vec![ArticleId(0)]);
    assert!(ids("议指出要").is_empty());
}

#[test]
fn lines_are_not_joined_and_latin_is_case_and_width_blind() {
    let articles = vec![article_of(0, &["黄河".to_owned(), "流域GDP".to_owned()])];
    let full = FullText::build_in_ram(&articles).expect("index");
    let texts: Vec<String> = articles.iter().map(indexed_text).collect();
    let ids = |q: &str| {
        full.matching(&BodyQuery::new(q).expect("query"), &text_of(&texts))
            .expect("search")
    };
    assert!(ids("河流").is_empty());
    assert_eq!(ids("域ｇｄｐ"), vec![ArticleId(0)]);
    assert_eq!(ids("gd"), vec![ArticleId(0)]);
}

#[test]
fn a_query_of_fewer_than_two_characters_is_not_an_index_query() {
    assert_eq!(BodyQuery::new(""), None);
    assert_eq!(BodyQuery::new("河"), None);
    assert!(BodyQuery::new("黄河").is_some());
}

#[test]
fn ranking_puts_the_denser_match_first() {
    let articles = vec![
        article_of(
            0,
            &["黄河一次，其余都是别的内容别的内容别的内容".to_owned()],
        ),
        article_of(1, &["黄河黄河黄河".to_owned()]),
    ];
    let full = FullText::build_in_ram(&articles).expect("index");
    let hits = full
        .search(&BodyQuery::new("黄河").expect("q"), &|_| None)
        .expect("search");
    let ids: Vec<ArticleId> = hits.iter().map(|h| h.id).collect();
    assert_eq!(ids, vec![ArticleId(1), ArticleId(0)]);
    assert!(hits[0].score > hits[1].score);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random substrings of 2-4 characters of the sample's texts, and their neighbours with
    /// one character changed, agree with the scan.
    #[test]
    fn the_index_agrees_with_a_scan_over_the_sample(
        which in any::<prop::sample::Index>(),
        at in 0usize..2000,
        len in 2usize..=4,
        swap in prop::option::of(prop::sample::select(vec!['的', '，', '会', 'a', '1'])),
    ) {
        let (full, texts) = sample_index();
        let text = which.get(texts);
        let Some(mut query) = chars_at(text, at % text.chars().count().max(1), len) else {
            return Ok(());
        };
        if let Some(c) = swap {
            query.pop();
            query.push(c);
        }
        let Some(q) = BodyQuery::new(&query) else { return Ok(()); };
        let found = full.matching(&q, &text_of(texts)).expect("search");
        prop_assert_eq!(found, scan(texts, &query), "query {:?}", query);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Generated text over a small alphabet (so that queries repeat, overlap and miss)
    /// agrees with the scan for random phrases of 2-6 characters, spaces and punctuation
    /// included.
    #[test]
    fn the_index_agrees_with_a_scan_over_generated_text(
        docs in prop::collection::vec(
            prop::collection::vec("[黄河流域会议指出，。A a1]{0,30}", 1..3), 1..12),
        queries in prop::collection::vec("[黄河流域会议指出，。A a1]{2,6}", 1..12),
    ) {
        let articles: Vec<Article> = docs
            .iter()
            .enumerate()
            .map(|(i, p)| article_of(i as u32, p))
            .collect();
        let texts: Vec<String> = articles.iter().map(indexed_text).collect();
        let full = FullText::build_in_ram(&articles).expect("index");
        for query in &queries {
            let q = BodyQuery::new(query).expect("two characters or more");
            let found = full.matching(&q, &text_of(&texts)).expect("search");
            prop_assert_eq!(found, scan(&texts, query), "query {:?}", query);
        }
    }
}

#[test]
fn a_damaged_saved_index_is_rebuilt_not_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(dir.path());
    let fingerprint = crate::cache::Fingerprint::of(&[dir.path().join("none.txt")]);
    let articles = crate::corpus::sample();
    let (_, origin) = disk::open_or_build(&cache, &fingerprint, &articles).expect("first");
    assert!(matches!(origin, disk::Origin::Built(_)), "{origin:?}");
    let (_, origin) = disk::open_or_build(&cache, &fingerprint, &articles).expect("second");
    assert_eq!(origin, disk::Origin::Reused);
    // Flip bytes in the middle of every segment file.
    let index_dir = disk::index_dir(&cache, &fingerprint);
    let mut damaged = 0;
    for entry in std::fs::read_dir(&index_dir).expect("index dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".idx") || name.ends_with(".term") {
            let mut bytes = std::fs::read(&path).expect("read");
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x55;
            std::fs::write(&path, bytes).expect("write");
            damaged += 1;
        }
    }
    assert!(damaged > 0);
    let (full, origin) = disk::open_or_build(&cache, &fingerprint, &articles).expect("third");
    assert!(
        matches!(&origin, disk::Origin::Built(why) if why.contains("damaged")),
        "{origin:?}"
    );
    let query = BodyQuery::new("禀赋").expect("query");
    assert!(!full.matching(&query, &|_| None).expect("search").is_empty());
    // Another corpus's meta file: rebuilt too.
    let meta = index_dir.join("papertui-fts.meta");
    std::fs::write(&meta, "papertui full-text index\nformat 0\n").expect("meta");
    let (_, origin) = disk::open_or_build(&cache, &fingerprint, &articles).expect("fourth");
    assert!(matches!(origin, disk::Origin::Built(_)), "{origin:?}");
}
