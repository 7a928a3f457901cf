//! Tests of the search: against a plain scan, narrowing, pinyin, people, highlighting.

use std::cmp::Reverse;
use std::sync::atomic::AtomicBool;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::RANKED_AT_ONCE;
use super::catalog::Catalog;
use super::headline::headline;
use super::highlight::positions;
use super::index::extra_fields;
use super::keys::{bloom_bit, bloom_of, mapped_keys};
use super::people::{PersonForm, search_people};
use super::query::{Query, Scope, narrows};
use super::results::Hit;
use super::scan::{CHUNK, Candidates, narrow, search, search_among};
use crate::model::{Article, Kind, PersonMention};
use crate::store::ArticleId;
use proptest::prelude::*;

fn article(title: &str, date: &str, people: &[&str]) -> Article {
    let mut a = Article::new("t.txt", 0, Kind::News);
    a.set_title(Some(title));
    a.set_date(Some(date));
    a.set_persons(
        &people
            .iter()
            .map(|n| PersonMention {
                name: (*n).to_owned(),
                role: None,
            })
            .collect::<Vec<_>>(),
    );
    a
}

fn store() -> Catalog {
    Catalog::build(vec![
        article(
            "吕沛与建行焦作分行行长王纪勋交流座谈",
            "03-02",
            &["吕沛", "王纪勋"],
        ),
        article(
            "李建超调研黄龙山片区项目推进工作",
            "03-27",
            &["李建超", "樊育新"],
        ),
        article("示范区党政联席会议召开", "03-04", &["吕沛", "宫卫红"]),
        article("温县2022年度述职评议考核会议召开", "03-02", &["杨磊"]),
    ])
}

fn run(store: &Catalog, q: &str, scope: Scope) -> Vec<u32> {
    let query = Query::parse(q, scope);
    search(store, &query, None, &AtomicBool::new(false))
        .expect("not cancelled")
        .hits()
        .iter()
        .map(|h| h.id.0)
        .collect()
}

#[test]
fn parse_splits_words_and_reads_at_prefix() {
    let q = Query::parse("@吕沛  王", Scope::Headline);
    assert_eq!(q.scope, Scope::Person);
    assert_eq!(q.words, vec!["吕沛", "王"]);
    assert_eq!(Query::parse("LüPei", Scope::All).words, vec!["lvpei"]);
    assert!(Query::parse("   ", Scope::All).is_empty());
}

#[test]
fn pinyin_initials_and_full_find_people() {
    let s = store();
    for q in ["lp", "lvpei", "lüpei", "lupei", "吕沛"] {
        let found = run(&s, &format!("@{q}"), Scope::All);
        assert_eq!(found, vec![2, 0], "query {q}");
    }
    assert_eq!(run(&s, "@ljc", Scope::All), vec![1]);
}

#[test]
fn people_search_uses_pinyin() {
    let s = store();
    let hits = search_people(&s, "lvpei");
    assert_eq!(hits.len(), 1);
    assert_eq!(s.person_name(hits[0].id), "吕沛");
    let hits = search_people(&s, "ljc");
    assert_eq!(s.person_name(hits[0].id), "李建超");
}

#[test]
fn words_are_and_ed() {
    let s = store();
    assert_eq!(run(&s, "会议 温县", Scope::Headline), vec![3]);
    assert_eq!(run(&s, "@吕沛 宫卫红", Scope::All), vec![2]);
    assert!(run(&s, "会议 李建超", Scope::Headline).is_empty());
}

#[test]
fn ranking_prefers_score_then_newer() {
    let s = store();
    // Both match 会议 equally well; 03-04 is newer than 03-02.
    assert_eq!(run(&s, "会议召开", Scope::Headline), vec![2, 3]);
}

#[test]
fn headline_scope_ignores_people() {
    let s = store();
    assert!(run(&s, "樊育新", Scope::Headline).is_empty());
    assert_eq!(run(&s, "樊育新", Scope::All), vec![1]);
}

#[test]
fn positions_are_char_indices_also_for_pinyin() {
    let q = Query::parse("吕沛", Scope::All);
    assert_eq!(positions("吕沛与建行", &q), vec![0, 1]);
    let q = Query::parse("jiaozuo", Scope::All);
    assert_eq!(positions("吕沛与建行焦作", &q), vec![5, 6]);
    let q = Query::parse("lpy", Scope::All);
    assert_eq!(positions("吕沛与建行", &q), vec![0, 1, 2]);
    let q = Query::parse("2022 kh", Scope::All);
    assert_eq!(positions("温县2022年度考核", &q), vec![2, 3, 4, 5, 8, 9]);
}

#[test]
fn cancelled_search_returns_none() {
    let s = store();
    let q = Query::parse("会议", Scope::All);
    assert!(search(&s, &q, None, &AtomicBool::new(true)).is_none());
}

#[test]
fn narrowing_a_large_result_reads_its_runs_and_agrees_with_a_full_search() {
    let titles = [
        "示范区工作联席会议召开",
        "李建超调研黄龙山片区项目推进工作",
        "温县2022年度述职评议考核会议召开",
        "工作会议在孟州召开",
    ];
    let names = ["吕沛", "李建超", "罗佳成", "王纪勋"];
    // More hits than are ranked at once, over several chunks of the scan.
    let n = 3 * CHUNK + 123;
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let date = format!("{:02}-{:02}", i % 12 + 1, i % 28 + 1);
            let people = [names[i % names.len()], names[(i / 7) % names.len()]];
            article(titles[i % titles.len()], &date, &people)
        })
        .collect();
    let s = Catalog::build(articles);
    let flag = AtomicBool::new(false);
    for (old, new) in [
        ("会", "会议"),
        ("l", "lj"),
        ("lj", "ljc"),
        ("工", "工作 孟"),
    ] {
        let (old, new) = (Query::parse(old, Scope::All), Query::parse(new, Scope::All));
        let prev = search(&s, &old, None, &flag).expect("ran");
        assert!(prev.len() > 16 * RANKED_AT_ONCE, "{old:?} ranks lazily");
        assert!(prev.ranking.id_runs().is_some(), "{old:?} keeps its runs");
        let narrowed = narrow(&s, &new, &prev, &flag).expect("ran");
        let full = search(&s, &new, None, &flag).expect("ran");
        assert!(!full.is_empty(), "{new:?} finds something");
        assert_eq!(narrowed.len(), full.len(), "{new:?}");
        assert_eq!(narrowed.hits(), full.hits(), "{new:?}");
    }
}

#[test]
fn narrowing_gives_the_same_result_as_a_full_search() {
    let s = store();
    let old = Query::parse("会", Scope::All);
    let new = Query::parse("会议 召开", Scope::All);
    assert!(narrows(&old, &new));
    assert!(!narrows(&old, &Query::parse("会", Scope::Headline)));
    let flag = AtomicBool::new(false);
    let prev = search(&s, &old, None, &flag).expect("ran");
    let ids: Vec<ArticleId> = prev.ids().collect();
    let narrowed = search(&s, &new, Some(&ids), &flag).expect("ran");
    let full = search(&s, &new, None, &flag).expect("ran");
    assert_eq!(narrowed.hits(), full.hits());
}

/// The search as a plain loop: every article, every field, a fresh `SkimMatcherV2` per
/// comparison, then a comparison sort.
fn reference(store: &Catalog, query: &Query) -> Vec<Hit> {
    let fresh = |text: &str, word: &str| {
        SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_match(text, word)
    };
    let with_keys = |text: &str, word: &str| {
        let mut best = fresh(text, word);
        if word.is_ascii() {
            let k = mapped_keys(text);
            for full in [&k.full, &k.full_u] {
                if full.contains(word) {
                    best = best.max(fresh(full, word));
                }
            }
            best = best.max(fresh(&k.initials, word));
        }
        best
    };
    let mut hits: Vec<Hit> = (0..store.len() as u32)
        .map(ArticleId)
        .filter_map(|id| {
            let a = store.article(id);
            let mut total = 0;
            for word in &query.words {
                let mut best = None;
                if query.scope != Scope::Person {
                    best = best.max(with_keys(&headline(a).0, word));
                }
                if query.scope == Scope::All {
                    for f in extra_fields(a) {
                        best = best.max(fresh(f, word));
                    }
                }
                if query.scope != Scope::Headline {
                    for &p in store.people_of_article(id) {
                        best = best.max(with_keys(store.person_name(p), word));
                    }
                }
                total += best?;
            }
            Some(Hit { id, score: total })
        })
        .collect();
    hits.sort_by_key(|h| (Reverse(h.score), Reverse(store.date_key(h.id)), h.id));
    hits
}

#[test]
fn search_agrees_with_a_plain_scan_of_the_sample_corpus() {
    let s = Catalog::build(crate::corpus::sample());
    let flag = AtomicBool::new(false);
    let mut compared = 0;
    let queries = [
        "会",
        "会议",
        "工作会议",
        "ljc",
        "lp",
        "lvpei",
        "lüpei",
        "示范区 召开",
        "2023",
        "kh",
        "焦作 jz",
        "a",
        "xx",
        "孟州",
        "温县",
        "zhang",
        "w",
    ];
    for q in queries {
        for scope in [Scope::All, Scope::Headline, Scope::Person] {
            let query = Query::parse(q, scope);
            let got = search(&s, &query, None, &flag).expect("ran");
            assert_eq!(got.hits(), reference(&s, &query), "{q} in {scope:?}");
            compared += got.len();
        }
    }
    assert!(compared > 100, "only {compared} hits compared");
}

/// Headlines and names over a small alphabet, so that characters repeat within and
/// across them, next to ASCII, spaces and punctuation or at the start.
fn small_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            '会', '议', '开', '吕', '沛', 'a', 'L', '1', ' ', '-', '，',
        ]),
        0..12,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn search_agrees_with_a_plain_scan_of_random_stores(
        heads in proptest::collection::vec(
            (
                small_text(),
                proptest::collection::vec(small_text(), 0..3),
                (small_text(), small_text()),
            ),
            1..40,
        ),
        query in prop::sample::select(vec![
            "会", "议", "吕", "，", "会议", "吕沛", "会 议", "a会", "l", "会 l",
            "hk", "iy", "huiyi", "lp", "lvp", "a1", "1l", "会 hy", "会议开", "会会", "开会 议",
        ]),
    ) {
        let articles: Vec<Article> = heads
            .iter()
            .map(|(title, people, (kicker, region))| {
                let people: Vec<&str> =
                    people.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
                let mut a = article(title, "03-02", &people);
                // Extra fields, matched in the `All` scope (an empty one is absent).
                a.set_kicker(Some(kicker.as_str()).filter(|k| !k.is_empty()));
                a.set_region(Some(region.as_str()).filter(|r| !r.is_empty()));
                a
            })
            .collect();
        let s = Catalog::build(articles);
        let flag = AtomicBool::new(false);
        for scope in [Scope::All, Scope::Headline, Scope::Person] {
            let q = Query::parse(query, scope);
            let expected = reference(&s, &q);
            let got = search(&s, &q, None, &flag).expect("ran");
            prop_assert_eq!(got.hits(), expected.as_slice(), "{} in {:?}", query, scope);
            // Each form of person matches, whatever the density would pick.
            for form in [PersonForm::Articles, PersonForm::PerArticle] {
                let got = search_among(&s, &q, Candidates::All, Some(form), &flag)
                    .expect("ran");
                prop_assert_eq!(
                    got.hits(), expected.as_slice(), "{} in {:?} as {:?}", query, scope, form
                );
            }
        }
    }
}

#[test]
fn ascii_letters_have_bloom_bits_of_their_own() {
    let letters: u64 = ('a'..='z').map(bloom_bit).fold(0, |m, b| m | b);
    for c in ('A'..='Z').chain('a'..='z') {
        assert_eq!(bloom_bit(c), bloom_bit(c.to_ascii_lowercase()));
    }
    let others = "0123456789 -.,:年月日会议召开工作，、（）·〇丨𠀀".chars();
    for c in others {
        assert_eq!(bloom_bit(c) & letters, 0, "{c:?} shares a letter's bit");
    }
    // A Chinese text with a date never passes the mask of a pinyin word.
    let text = bloom_of("2023年3月26日示范区党政联席会议召开");
    for word in ["l", "ljc", "hy", "zh"] {
        assert_ne!(text & bloom_of(word), bloom_of(word), "{word}");
    }
}

#[test]
fn untitled_items_use_their_first_clause() {
    let mut a = Article::new("t.txt", 0, Kind::Photo);
    a.set_paragraphs(&["为进一步增强辖区加油站应急处置能力，3月26日"]);
    let (text, untitled) = headline(&a);
    assert!(untitled);
    assert_eq!(text, "为进一步增强辖区加油站应急处置能力");
}
