//! Parser round trips, rejections with messages, and evaluation over the sample.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;
use crate::store::ArticleId;

fn parsed(text: &str) -> Query {
    Query::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn clause(atom: Atom) -> Clause {
    Clause {
        negated: false,
        atom,
    }
}

#[test]
fn words_are_anded_and_bars_bind_tighter() {
    let q = parsed("黄河 生态 | 保护 !会议");
    assert_eq!(q.groups.len(), 3);
    assert_eq!(q.groups[1].alternatives.len(), 2);
    assert_eq!(
        q.groups[0].alternatives[0],
        clause(Atom::Word("黄河".into()))
    );
    assert_eq!(
        q.groups[2].alternatives[0],
        Clause {
            negated: true,
            atom: Atom::Word("会议".into())
        }
    );
}

#[test]
fn every_form_parses_to_its_atom() {
    let cases = [
        ("\"黄河 流域\"", Atom::Phrase("黄河 流域".into())),
        ("'生态", Atom::Exact("生态".into())),
        ("^孟州", Atom::Prefix("孟州".into())),
        ("保护$", Atom::Suffix("保护".into())),
        ("@李建超", Atom::Person(Some("李建超".into()))),
        ("@", Atom::Person(None)),
        ("region:mengzhou", Atom::Region("mengzhou".into())),
        ("kind:photo", Atom::Kind(Kind::Photo)),
        ("is:bookmarked", Atom::Is(Set::Bookmarked)),
        ("is:unread", Atom::Is(Set::Unread)),
        (
            "date:2023-03",
            Atom::Date(DateFilter::On(PartialDate {
                year: 2023,
                month: Some(3),
                day: None,
            })),
        ),
        ("12:30", Atom::Word("12:30".into())),
    ];
    for (text, atom) in cases {
        assert_eq!(parsed(text).groups[0].alternatives[0].atom, atom, "{text}");
    }
    assert!(parsed("   ").is_empty());
}

#[test]
fn date_ranges_include_both_ends_and_may_be_open() {
    let Atom::Date(range) = parsed("date:2022-12-01..2023-01").groups[0].alternatives[0].atom
    else {
        panic!("not a date")
    };
    assert!(range.contains("2022-12-01"));
    assert!(range.contains("2023-01-31"));
    assert!(!range.contains("2023-02-01"));
    assert!(!range.contains("2022-11-30"));
    assert!(!range.contains("12-05"), "a date without its year");
    let Atom::Date(open) = parsed("date:2023..").groups[0].alternatives[0].atom else {
        panic!("not a date")
    };
    assert!(open.contains("2031-01-01") && !open.contains("2022-12-31"));
}

#[test]
fn bad_queries_say_where_and_what_was_expected() {
    let cases = [
        ("黄河 \"流域", 3, "closing"),
        ("| 黄河", 0, "before `|`"),
        ("黄河 |", 4, "after `|`"),
        ("a | | b", 4, "before `|`"),
        ("! a", 1, "after `!`"),
        ("kind:video", 5, "news, photo"),
        ("is:starred", 3, "bookmarked"),
        ("date:2023-13", 5, "month 01-12"),
        ("date:..", 5, "range"),
        ("date:2023-02..2022", 5, "start is not after"),
        ("region:", 7, "region"),
        ("'", 1, "a word after"),
        ("\"\"", 0, "some text"),
        ("\"a\"b", 3, "a space"),
    ];
    for (text, at, says) in cases {
        let error = Query::parse(text).expect_err(text);
        assert_eq!(error.at, at, "{text}: {error}");
        assert!(error.to_string().contains(says), "{text}: {error}");
    }
}

/// A word that prints and parses back as a plain word.
fn word() -> impl Strategy<Value = String> {
    "[黄河流域会议a-z0-9，-]{1,5}"
}

fn partial_date() -> impl Strategy<Value = PartialDate> {
    (
        1990u16..2040,
        prop::option::of((1u8..=12, prop::option::of(1u8..=31))),
    )
        .prop_map(|(year, md)| PartialDate {
            year,
            month: md.map(|(m, _)| m),
            day: md.and_then(|(_, d)| d),
        })
}

fn date_filter() -> impl Strategy<Value = DateFilter> {
    prop_oneof![
        partial_date().prop_map(DateFilter::On),
        (partial_date(), partial_date()).prop_map(|(a, b)| {
            let (from, to) = if a.first_day() <= b.last_day() {
                (a, b)
            } else {
                (b, a)
            };
            DateFilter::Range {
                from: Some(from),
                to: Some(to),
            }
        }),
        partial_date().prop_map(|d| DateFilter::Range {
            from: Some(d),
            to: None
        }),
        partial_date().prop_map(|d| DateFilter::Range {
            from: None,
            to: Some(d)
        }),
    ]
}

fn atom() -> impl Strategy<Value = Atom> {
    prop_oneof![
        word().prop_map(Atom::Word),
        "[黄河 \"\\\\a!|:@'^$]{1,8}".prop_map(Atom::Phrase),
        word().prop_map(Atom::Exact),
        word().prop_map(Atom::Prefix),
        word().prop_map(Atom::Suffix),
        prop::option::of(word()).prop_map(Atom::Person),
        date_filter().prop_map(Atom::Date),
        word().prop_map(Atom::Region),
        prop::sample::select(vec![Kind::News, Kind::Photo, Kind::Brief, Kind::Commentary])
            .prop_map(Atom::Kind),
        prop::sample::select(vec![Set::Bookmarked, Set::Unread]).prop_map(Atom::Is),
    ]
}

fn query() -> impl Strategy<Value = Query> {
    let clause = (any::<bool>(), atom()).prop_map(|(negated, atom)| Clause { negated, atom });
    let group = prop::collection::vec(clause, 1..4).prop_map(|alternatives| Group { alternatives });
    prop::collection::vec(group, 0..5).prop_map(|groups| Query { groups })
}

proptest! {
    #[test]
    fn printing_a_query_parses_back_to_it(q in query()) {
        let text = q.to_string();
        prop_assert_eq!(Query::parse(&text), Ok(q), "{}", text);
    }

    /// Any text either parses (and then prints to text that parses the same) or is an error
    /// pointing inside the text or at its end.
    #[test]
    fn any_text_parses_or_is_rejected_with_a_position(text in "[黄河 \"\\\\!|:@'^$.a-z0-9-]{0,16}") {
        match Query::parse(&text) {
            Ok(q) => prop_assert_eq!(Query::parse(&q.to_string()), Ok(q)),
            Err(e) => {
                prop_assert!(e.at <= text.chars().count());
                prop_assert!(!e.expected.is_empty());
            }
        }
    }
}

/// The sample's articles matching `text` (no index: words are found by scanning).
fn sample_matches(text: &str) -> Vec<ArticleId> {
    let articles = crate::corpus::sample();
    let q = parsed(text);
    let empty = BTreeSet::new();
    let sets = Sets {
        bookmarks: &empty,
        read: &empty,
    };
    let body = BodyMatches::default();
    (0..articles.len())
        .map(|i| ArticleId(i as u32))
        .filter(|id| q.matches(*id, &articles[id.0 as usize], &body, &sets))
        .collect()
}

#[test]
fn evaluation_over_the_sample_follows_the_operators() {
    let all = crate::corpus::sample().len();
    let body = sample_matches("禀赋");
    assert!(!body.is_empty() && body.len() < all);
    let meeting = sample_matches("会议");
    let not_meeting = sample_matches("!会议");
    assert_eq!(meeting.len() + not_meeting.len(), all);
    let either = sample_matches("禀赋 | 会议");
    assert!(
        either.len() >= meeting.len()
            && either
                .iter()
                .all(|id| meeting.contains(id) || body.contains(id))
    );
    let both = sample_matches("禀赋 会议");
    assert!(
        both.iter()
            .all(|id| meeting.contains(id) && body.contains(id))
    );
    let photos = sample_matches("kind:photo");
    let articles = crate::corpus::sample();
    assert!(
        photos
            .iter()
            .all(|id| articles[id.0 as usize].kind == Kind::Photo)
    );
    assert_eq!(sample_matches("is:unread").len(), all);
    assert!(sample_matches("is:bookmarked").is_empty());
    let named = sample_matches("@");
    assert!(!named.is_empty() && named.len() < all);
}

#[test]
fn the_index_and_the_scan_give_the_same_matches() {
    let articles = crate::corpus::sample();
    let index = crate::fulltext::FullText::build_in_ram(&articles).expect("index");
    let empty = BTreeSet::new();
    let sets = Sets {
        bookmarks: &empty,
        read: &empty,
    };
    for text in ["禀赋", "会议 | 黄河", "\"会议指出\" !生态", "河 会议"] {
        let q = parsed(text);
        let text_of = |id: ArticleId| {
            articles
                .get(id.0 as usize)
                .map(crate::fulltext::indexed_text)
        };
        let with_index = BodyMatches::from_index(&index, &q, &text_of).expect("search");
        let scan = BodyMatches::default();
        for (i, a) in articles.iter().enumerate() {
            let id = ArticleId(i as u32);
            assert_eq!(
                q.matches(id, a, &with_index, &sets),
                q.matches(id, a, &scan, &sets),
                "{text} {i}"
            );
        }
    }
}

#[test]
fn a_region_is_found_by_its_pinyin() {
    let articles = crate::corpus::sample();
    let Some(region) = articles.iter().find_map(|a| a.region()) else {
        return;
    };
    let (full, _) = pinyin_keys(region);
    assert!(!full.is_empty());
    let by_text = sample_matches(&format!("region:{region}"));
    let by_pinyin = sample_matches(&format!("region:{full}"));
    assert!(!by_text.is_empty());
    assert_eq!(by_text, by_pinyin);
}
