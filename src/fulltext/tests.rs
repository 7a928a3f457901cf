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

#[test]
fn the_top_hits_are_the_head_of_all_hits() {
    let (full, texts) = sample_index();
    for query in ["会议", "会议指出", "生态保护", "禀赋"] {
        let q = BodyQuery::new(query).expect("query");
        let all = full.search(&q, &text_of(texts)).expect("search");
        for limit in [1, 3, 200] {
            let top = full.search_top(&q, &text_of(texts), limit).expect("top");
            assert_eq!(
                top,
                all.iter().copied().take(limit).collect::<Vec<_>>(),
                "{query} {limit}"
            );
        }
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
    assert!(matches!(origin, disk::Outcome::Built(_)), "{origin:?}");
    let (_, origin) = disk::open_or_build(&cache, &fingerprint, &articles).expect("second");
    assert_eq!(origin, disk::Outcome::Opened);
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
        matches!(&origin, disk::Outcome::Built(why) if why.contains("damaged")),
        "{origin:?}"
    );
    let query = BodyQuery::new("禀赋").expect("query");
    assert!(!full.matching(&query, &|_| None).expect("search").is_empty());
    // Another corpus's meta file: rebuilt too.
    let meta = index_dir.join("papertui-fts.meta");
    std::fs::write(&meta, "papertui full-text index\nformat 0\n").expect("meta");
    let (_, origin) = disk::open_or_build(&cache, &fingerprint, &articles).expect("fourth");
    assert!(matches!(origin, disk::Outcome::Built(_)), "{origin:?}");
}

/// A corpus of page files in a directory of its own, with a cache beside it: each file's
/// articles are given by their bodies (the file holds them too, so its size follows).
struct Pages {
    dir: tempfile::TempDir,
    files: Vec<(PathBuf, Vec<String>)>,
    /// Written so far: each write gets a modification time of its own.
    writes: u64,
}

use std::path::PathBuf;

impl Pages {
    fn new(files: &[Vec<String>]) -> Pages {
        let mut pages = Pages {
            dir: tempfile::tempdir().expect("temp dir"),
            files: Vec::new(),
            writes: 0,
        };
        for bodies in files {
            pages.add(bodies);
        }
        pages
    }

    fn cache(&self) -> Cache {
        Cache::at(self.dir.path().join("cache"))
    }

    fn write(&mut self, path: &std::path::Path, bodies: &[String]) {
        self.writes += 1;
        std::fs::write(path, bodies.join("\n")).expect("write page");
        let file = std::fs::File::options()
            .append(true)
            .open(path)
            .expect("open page");
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000 + self.writes);
        file.set_modified(at).expect("set mtime");
    }

    fn add(&mut self, bodies: &[String]) {
        let path = self.dir.path().join(format!("page-{:03}.txt", self.writes));
        self.write(&path.clone(), bodies);
        self.files.push((path, bodies.to_vec()));
    }

    fn change(&mut self, which: usize, bodies: &[String]) {
        let path = self.files[which].0.clone();
        self.write(&path, bodies);
        self.files[which].1 = bodies.to_vec();
    }

    fn remove(&mut self, which: usize) {
        let (path, _) = self.files.remove(which);
        std::fs::remove_file(path).expect("remove page");
    }

    /// The fingerprint and articles of the corpus as it is now.
    fn load(&self) -> (crate::cache::Fingerprint, Vec<Article>) {
        let paths: Vec<PathBuf> = self.files.iter().map(|(p, _)| p.clone()).collect();
        let mut articles = Vec::new();
        for (path, bodies) in &self.files {
            let source = crate::escape::path(path);
            for (n, body) in (0..).zip(bodies) {
                let mut article = Article::new(source.as_str(), n, Kind::News);
                article.set_title(Some(&format!("第{n}篇")));
                article.set_paragraphs(std::slice::from_ref(body));
                articles.push(article);
            }
        }
        (crate::cache::Fingerprint::of(&paths), articles)
    }
}

/// Asserts that `full` finds exactly what a scan of `articles` finds for every query.
fn assert_agrees(full: &FullText, articles: &[Article], queries: &[String]) {
    let texts: Vec<String> = articles.iter().map(indexed_text).collect();
    assert_eq!(full.len(), articles.len());
    for query in queries {
        let Some(q) = BodyQuery::new(query) else {
            continue;
        };
        let found = full.matching(&q, &text_of(&texts)).expect("search");
        assert_eq!(found, scan(&texts, query), "query {query:?}");
    }
}

/// Queries of 2-4 characters: a few fixed ones and every such substring of the texts'
/// first characters.
fn queries_of(articles: &[Article]) -> Vec<String> {
    let mut queries: Vec<String> = ["黄河", "会议指出", "a1", "第0篇"]
        .map(str::to_owned)
        .to_vec();
    for article in articles {
        let text = indexed_text(article);
        for len in 2..=4 {
            queries.extend((0..6).filter_map(|at| chars_at(&text, at, len)));
        }
    }
    queries
}

/// One change to a corpus of page files.
#[derive(Clone, Debug)]
enum Change {
    Edit(prop::sample::Index, Vec<String>),
    Add(Vec<String>),
    Remove(prop::sample::Index),
}

fn bodies() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[黄河流域会议指出，。A a1]{0,20}", 1..=3)
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<prop::sample::Index>(), bodies()).prop_map(|(i, b)| Change::Edit(i, b)),
        bodies().prop_map(Change::Add),
        any::<prop::sample::Index>().prop_map(Change::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A saved index of page files, one of them then changed, added or removed, is updated
    /// file by file, not rebuilt; it finds what a scan finds, its article ids those of the
    /// corpus now (a file's article count changed shifts the ids after it), and the index it
    /// was updated from still serves its own corpus.
    #[test]
    fn an_index_updated_file_by_file_agrees_with_a_scan(
        files in prop::collection::vec(bodies(), 4..=6),
        change in change(),
        extra in prop::collection::vec("[黄河流域会议指出，。A a1]{2,4}", 1..8),
    ) {
        let mut pages = Pages::new(&files);
        let cache = pages.cache();
        let (before, old) = pages.load();
        let (_, outcome) = disk::open_or_build(&cache, &before, &old).expect("first");
        prop_assert!(matches!(outcome, disk::Outcome::Built(_)), "{:?}", outcome);
        let expected = match &change {
            Change::Edit(i, b) => {
                pages.change(i.index(files.len()), b);
                disk::Outcome::Updated { changed: 1, added: 0, removed: 0 }
            }
            Change::Add(b) => {
                pages.add(b);
                disk::Outcome::Updated { changed: 0, added: 1, removed: 0 }
            }
            Change::Remove(i) => {
                pages.remove(i.index(files.len()));
                disk::Outcome::Updated { changed: 0, added: 0, removed: 1 }
            }
        };
        let (after, new) = pages.load();
        prop_assert_ne!(before.key, after.key);
        let (full, outcome) = disk::open_or_build(&cache, &after, &new).expect("update");
        prop_assert_eq!(outcome, expected);
        let mut queries = queries_of(&new);
        queries.extend(extra);
        assert_agrees(&full, &new, &queries);
        drop(full);
        let (full, outcome) = disk::open_or_build(&cache, &after, &new).expect("reopen");
        prop_assert_eq!(outcome, disk::Outcome::Opened);
        assert_agrees(&full, &new, &queries);
        let (full, outcome) = disk::open_or_build(&cache, &before, &old).expect("old");
        prop_assert_eq!(outcome, disk::Outcome::Opened);
        assert_agrees(&full, &old, &queries_of(&old));
    }
}

#[test]
fn an_index_damaged_or_of_other_articles_is_rebuilt_not_updated() {
    let files: Vec<Vec<String>> = (0..4)
        .map(|i| vec![format!("黄河{i}流域"), format!("会议{i}指出")])
        .collect();
    let mut pages = Pages::new(&files);
    let cache = pages.cache();
    let (before, old) = pages.load();
    let (_, outcome) = disk::open_or_build(&cache, &before, &old).expect("first");
    assert!(matches!(outcome, disk::Outcome::Built(_)), "{outcome:?}");
    // Damage every segment file of the saved index: the next corpus cannot start from it.
    let old_dir = disk::index_dir(&cache, &before);
    for entry in std::fs::read_dir(&old_dir).expect("index dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "idx" || e == "term") {
            let mut bytes = std::fs::read(&path).expect("read");
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x55;
            // A fresh file, as a damaged disk would give one (not through a shared link).
            std::fs::remove_file(&path).expect("unlink");
            std::fs::write(&path, bytes).expect("write");
        }
    }
    pages.change(1, &["生态保护".to_owned()]);
    let (after, new) = pages.load();
    let (full, outcome) = disk::open_or_build(&cache, &after, &new).expect("second");
    assert!(
        matches!(&outcome, disk::Outcome::Built(why) if why.contains("could not update")),
        "{outcome:?}"
    );
    assert_agrees(&full, &new, &queries_of(&new));
    drop(full);
    // The same stamps, other headlines (a parser of another version, say): rebuilt.
    let mut retitled = new.clone();
    retitled[0].set_title(Some("另一个标题"));
    let (full, outcome) = disk::open_or_build(&cache, &after, &retitled).expect("third");
    assert_eq!(
        outcome,
        disk::Outcome::Updated {
            changed: 1,
            added: 0,
            removed: 0
        },
        "one file's articles are not those indexed: that file is replaced"
    );
    assert_agrees(&full, &retitled, &queries_of(&retitled));
    drop(full);
    // A meta file that does not match its index's documents: rebuilt.
    let (_, outcome) = disk::open_or_build(&cache, &after, &retitled).expect("fourth");
    assert_eq!(outcome, disk::Outcome::Opened);
    let dir = disk::index_dir(&cache, &after);
    let meta_bytes = std::fs::read(dir.join("papertui-fts.meta")).expect("meta");
    let mut meta = meta::Meta::decode(&meta_bytes).expect("decode");
    meta.files[0].articles += 1;
    std::fs::write(dir.join("papertui-fts.meta"), meta.encode()).expect("write meta");
    let (full, outcome) = disk::open_or_build(&cache, &after, &retitled).expect("fifth");
    assert!(matches!(outcome, disk::Outcome::Built(_)), "{outcome:?}");
    assert_agrees(&full, &retitled, &queries_of(&retitled));
    drop(full);
    // A meta file naming a slot the index has no documents in, the count right: rebuilt.
    let mut meta = meta::Meta::decode(&std::fs::read(dir.join("papertui-fts.meta")).expect("meta"))
        .expect("decode");
    meta.files[2].slot = 999;
    std::fs::write(dir.join("papertui-fts.meta"), meta.encode()).expect("write meta");
    let (full, outcome) = disk::open_or_build(&cache, &after, &retitled).expect("sixth");
    assert!(
        matches!(&outcome, disk::Outcome::Built(why) if why.contains("not the articles")),
        "{outcome:?}"
    );
    assert_agrees(&full, &retitled, &queries_of(&retitled));
}

#[test]
fn many_updates_in_a_row_stay_exact() {
    let files: Vec<Vec<String>> = (0..6)
        .map(|i| vec![format!("黄河{i}流域"), format!("会议{i}指出，A a1")])
        .collect();
    let mut pages = Pages::new(&files);
    let cache = pages.cache();
    let (fingerprint, articles) = pages.load();
    disk::open_or_build(&cache, &fingerprint, &articles).expect("build");
    // Enough updates for their small segments to be merged together on the way.
    for round in 0..12 {
        let bodies: Vec<String> = (0..=round % 3)
            .map(|n| format!("生态{round}保护{n}黄河"))
            .collect();
        pages.change(round % 6, &bodies);
        let (fingerprint, articles) = pages.load();
        let (full, outcome) = disk::open_or_build(&cache, &fingerprint, &articles).expect("update");
        assert_eq!(
            outcome,
            disk::Outcome::Updated {
                changed: 1,
                added: 0,
                removed: 0
            },
            "round {round}"
        );
        assert_agrees(&full, &articles, &queries_of(&articles));
    }
}

/// Reads no body: as a damaged cache entry would.
struct Unreadable;

impl crate::model::BodyReader for Unreadable {
    fn read_body(
        &self,
        _at: &crate::model::BodyAt,
        _paragraphs: u32,
    ) -> Result<crate::model::PackedBody, String> {
        Err("damaged".to_owned())
    }
}

#[test]
fn an_index_missing_a_body_that_could_not_be_read_is_not_saved() {
    let files: Vec<Vec<String>> = (0..4).map(|i| vec![format!("黄河{i}流域")]).collect();
    let mut pages = Pages::new(&files);
    let cache = pages.cache();
    let reader: std::sync::Arc<dyn crate::model::BodyReader> = std::sync::Arc::new(Unreadable);
    let (fingerprint, mut articles) = pages.load();
    articles[2] = articles[2].head_only(&reader);
    let (full, outcome) = disk::open_or_build(&cache, &fingerprint, &articles).expect("build");
    assert!(
        matches!(&outcome, disk::Outcome::InMemory(why) if why.contains("could not be read")),
        "{outcome:?}"
    );
    assert_eq!(full.len(), articles.len());
    assert!(!disk::index_dir(&cache, &fingerprint).exists());
    // Saved when every body reads; an update whose added file has an unread body is not.
    let (_, good) = pages.load();
    let (_, outcome) = disk::open_or_build(&cache, &fingerprint, &good).expect("build");
    assert!(matches!(outcome, disk::Outcome::Built(_)), "{outcome:?}");
    pages.change(1, &["生态保护".to_owned()]);
    let (changed, mut articles) = pages.load();
    articles[1] = articles[1].head_only(&reader);
    let (_, outcome) = disk::open_or_build(&cache, &changed, &articles).expect("update");
    assert!(
        matches!(&outcome, disk::Outcome::InMemory(why) if why.contains("could not be read")),
        "{outcome:?}"
    );
    assert!(!disk::index_dir(&cache, &changed).exists());
    let (_, outcome) = disk::open_or_build(&cache, &fingerprint, &good).expect("old");
    assert_eq!(
        outcome,
        disk::Outcome::Opened,
        "the earlier index is left as it was"
    );
}

#[test]
fn progress_counts_the_articles_a_build_or_an_update_indexes() {
    let files: Vec<Vec<String>> = (0..3)
        .map(|i| vec![format!("黄河{i}流域"), format!("会议{i}指出")])
        .collect();
    let mut pages = Pages::new(&files);
    let cache = pages.cache();
    let progress = IndexProgress::default();
    assert_eq!(progress.fraction(), None, "nothing to index yet");
    let (fingerprint, articles) = pages.load();
    disk::open_or_build_counting(&cache, &fingerprint, &articles, &progress).expect("build");
    assert_eq!(progress.fraction(), Some(1.0));
    assert_eq!(progress.counts(), (6, 6), "every article of the build");
    // An update indexes the changed file's articles only.
    pages.change(2, &["生态保护".to_owned()]);
    let (fingerprint, articles) = pages.load();
    let (_, outcome) =
        disk::open_or_build_counting(&cache, &fingerprint, &articles, &progress).expect("update");
    assert!(
        matches!(outcome, disk::Outcome::Updated { .. }),
        "{outcome:?}"
    );
    assert_eq!(progress.counts(), (1, 1), "the changed file's one article");
}

#[test]
fn each_outcome_is_told_in_one_line_and_an_opened_index_not_at_all() {
    let updated = |changed, added, removed| {
        disk::Outcome::Updated {
            changed,
            added,
            removed,
        }
        .notice()
    };
    assert_eq!(disk::Outcome::Opened.notice(), None);
    assert_eq!(
        updated(1, 0, 0).as_deref(),
        Some("text index updated: 1 file changed")
    );
    assert_eq!(
        updated(0, 2, 0).as_deref(),
        Some("text index updated: 2 files added")
    );
    assert_eq!(
        updated(0, 0, 1).as_deref(),
        Some("text index updated: 1 file removed")
    );
    assert_eq!(
        updated(3, 1, 2).as_deref(),
        Some("text index updated: 3 files changed, 1 added, 2 removed")
    );
    assert_eq!(updated(0, 0, 0).as_deref(), Some("text index updated"));
    assert_eq!(
        disk::Outcome::Built("none saved".to_owned())
            .notice()
            .as_deref(),
        Some("text index built (none saved)")
    );
    assert_eq!(
        disk::Outcome::Built(String::new()).notice().as_deref(),
        Some("text index built")
    );
    assert_eq!(
        disk::Outcome::InMemory("disk full".to_owned())
            .notice()
            .as_deref(),
        Some("text index built in memory, not saved (disk full)")
    );
}

#[test]
fn a_first_build_says_no_index_was_saved() {
    let files: Vec<Vec<String>> = (0..2).map(|i| vec![format!("黄河{i}流域")]).collect();
    let pages = Pages::new(&files);
    let cache = pages.cache();
    let (fingerprint, articles) = pages.load();
    let (_, outcome) = disk::open_or_build(&cache, &fingerprint, &articles).expect("build");
    assert_eq!(
        outcome.notice().as_deref(),
        Some("text index built (none saved)")
    );
}
