//! Tests of the cache: round trips, deferred bodies, damage, concurrency.

use super::*;
use crate::model::{Kind, PersonMention};

fn corpus(dir: &Path) -> (Vec<PathBuf>, Vec<Article>) {
    let path = dir.join("p.txt");
    fs::write(&path, "x").expect("write page");
    let page = Arc::new(PageHeader {
        date: Some("2020-01-02".into()),
        ..PageHeader::default()
    });
    let articles = (0..2500u32)
        .map(|i| {
            let mut a = Article::new(&*path.to_string_lossy(), i, Kind::News);
            // Every third article is untitled: its body stays in its head.
            if i % 3 != 0 {
                a.set_title(Some(&format!("标题{i}")));
            }
            a.page = Some(Arc::clone(&page));
            a.set_paragraphs(&["正文".repeat(i as usize % 7)]);
            a.set_persons(&[PersonMention {
                name: "张三".into(),
                role: (i % 2 == 0).then(|| "局长".into()),
            }]);
            a
        })
        .collect();
    (vec![path], articles)
}

/// A cache under `dir` and the fingerprint and articles of a corpus written there.
fn cache_for_corpus(dir: &Path) -> (Cache, Fingerprint, Vec<Article>) {
    let (files, articles) = corpus(dir);
    let cache = Cache::at(dir.join("cache"));
    let fp = Fingerprint::of(&files);
    (cache, fp, articles)
}

#[test]
fn round_trips_and_shares_page_headers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (cache, fp, articles) = cache_for_corpus(dir.path());
    assert_eq!(
        cache.load(&fp, Bodies::Read, &|_| {}).err(),
        Some(Miss::Absent)
    );
    cache.save(&fp, &articles, &[]).expect("save");
    let back = cache.load(&fp, Bodies::Read, &|_| {}).expect("hit");
    assert_eq!(back.articles, articles);
    let (a, b) = (&back.articles[0].page, &back.articles[2000].page);
    assert!(matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)));
}

#[test]
fn deferred_bodies_read_back_on_demand_and_check_their_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (cache, fp, articles) = cache_for_corpus(dir.path());
    cache.save(&fp, &articles, &[]).expect("save");
    let back = cache.load(&fp, Bodies::Defer, &|_| {}).expect("hit");
    assert_eq!(back.articles.len(), articles.len());
    for (i, a) in back.articles.iter().enumerate() {
        assert_eq!(a.body_is_deferred(), i % 3 != 0, "article {i}");
    }
    // Building the store and searching headlines and people read no body.
    let store = crate::search::Catalog::build(back.articles.clone());
    for input in ["标题1", "bt", "@张三", "正文"] {
        let query = crate::search::Query::parse(input, crate::search::Scope::All);
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let hits = crate::search::search(&store, &query, None, &cancel).expect("not cancelled");
        assert!(!hits.is_empty(), "{input}");
    }
    assert!(!store.people().is_empty());
    assert!(
        (0..store.len())
            .filter_map(|i| store.get(crate::store::ArticleId(i as u32)))
            .all(|a| a.body_is_deferred() == a.title().is_some())
    );
    // Reading deferred bodies in any order, from several threads, gives the saved ones.
    back.articles.par_iter().rev().for_each(|a| {
        assert_eq!(a.load_paragraphs().err(), None);
    });
    assert_eq!(back.articles, articles);

    // A damaged body fails alone and says so (the last six-fold body is a titled
    // article's, in the bodies of the last chunk); the heads and other bodies are unharmed.
    let path = cache.entry_path(&fp);
    let mut bytes = fs::read(&path).expect("read entry");
    let body = "正文正文正文正文正文正文".as_bytes();
    let at = bytes
        .windows(body.len())
        .rposition(|w| w == body)
        .expect("a six-fold body");
    bytes[at + 1] ^= 0x01;
    fs::write(&path, &bytes).expect("damage");
    let back = cache
        .load(&fp, Bodies::Defer, &|_| {})
        .expect("heads intact");
    // (Bodies after the damaged one are read after the entry was removed for it: the
    // open entry still serves them.)
    let failed: Vec<usize> = (0..back.articles.len())
        .filter(|&i| back.articles[i].load_paragraphs().is_err())
        .collect();
    assert_eq!(failed.len(), 1);
    let error = back.articles[failed[0]].body_error().unwrap_or_default();
    assert!(
        error.contains("checksum") && error.contains("parsed again at the next start"),
        "{error}"
    );
    assert_eq!(
        back.articles[failed[0]].title(),
        articles[failed[0]].title()
    );
    // The damaged entry is gone: the next start of any command parses and rewrites it.
    assert_eq!(
        cache.load(&fp, Bodies::Defer, &|_| {}).err(),
        Some(Miss::Absent)
    );
}

#[test]
fn a_fifo_in_place_of_the_entry_or_its_index_is_a_miss_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (cache, fp, articles) = cache_for_corpus(dir.path());
    fs::create_dir_all(cache.dir()).expect("cache dir");
    for path in [cache.entry_path(&fp), cache.indexes_path(&fp)] {
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("run mkfifo");
        assert!(made.success());
    }
    // Opening either FIFO for reading would wait for a writer forever.
    let (c, f) = (cache.clone(), fp.clone());
    let (entry, index) = crate::regular::within("loading", move || {
        let entry = c.load(&f, Bodies::Read, &|_| {}).map(|_| ());
        (
            entry,
            c.load_indexes(&f).map(|_| ()).map_err(|e| e.to_string()),
        )
    });
    assert!(matches!(entry, Err(Miss::Corrupt(_))), "{entry:?}");
    assert!(index.is_err());
    cache
        .save(&fp, &articles[..10], &[])
        .expect("written in its place");
    let back = cache.load(&fp, Bodies::Read, &|_| {}).expect("hit");
    assert_eq!(back.articles, articles[..10]);
}

#[test]
fn every_truncation_is_a_miss_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (cache, fp, articles) = cache_for_corpus(dir.path());
    cache.save(&fp, &articles[..3], &[]).expect("save");
    let path = cache.entry_path(&fp);
    let bytes = fs::read(&path).expect("read entry");
    for cut in 0..bytes.len() {
        fs::write(&path, &bytes[..cut]).expect("truncate");
        assert!(matches!(
            cache.load(&fp, Bodies::Read, &|_| {}),
            Err(Miss::Corrupt(_))
        ));
    }
    for i in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x40;
        fs::write(&path, &flipped).expect("flip");
        // Reserved bytes are not checked; everything else is.
        if (12..16).contains(&i) {
            continue;
        }
        assert!(
            cache.load(&fp, Bodies::Read, &|_| {}).is_err(),
            "byte {i} flipped"
        );
    }
}

#[test]
fn another_build_of_the_reader_never_reuses_an_entry() {
    let files = vec![PathBuf::from("/pages/a.txt")];
    let stamp = FileStamp {
        path: path_bytes(&files[0]),
        size: 10,
        mtime_ns: 1,
        ctime_ns: 1,
    };
    let key = |build: &[u8]| Fingerprint::of_build(&files, vec![stamp.clone()], build).key;
    assert_eq!(key(b"build one"), key(b"build one"));
    assert_ne!(key(b"build one"), key(b"build two"));
}
