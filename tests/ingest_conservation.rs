//! Text conservation: every non-space character of a page ends up in exactly one place, an
//! article's headline or body, or one of the leftovers the parser accounts for (datelines,
//! credits, marks, signatures, page furniture). Checked on the sample, on the composed pages
//! and on random pages.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::pages::page_piece;
use papertui::ingest::chars::is_space;
use papertui::ingest::parse_page_accounted;
use papertui::sample::SAMPLE_PAGES;
use proptest::prelude::*;

/// Non-space characters of `texts`, counted.
fn census<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in texts
        .into_iter()
        .flat_map(str::chars)
        .filter(|&c| !is_space(c))
    {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

/// What differs between the page's characters and those placed by the parser, or `None`.
fn unaccounted(text: &str) -> Option<String> {
    let (articles, leftovers) = parse_page_accounted("page.txt", text);
    let mut placed: Vec<&str> = Vec::new();
    for a in &articles {
        placed.extend(a.kicker());
        placed.extend(a.title());
        placed.extend(a.subtitle());
        placed.extend(a.paragraphs());
    }
    placed.extend(leftovers.iter().map(|l| l.text.as_str()));
    let page = census([text]);
    let out = census(placed);
    if page == out {
        return None;
    }
    let lost: String = page
        .iter()
        .filter(|(c, n)| out.get(c).copied().unwrap_or(0) < **n)
        .map(|(c, _)| *c)
        .collect();
    let extra: String = out
        .iter()
        .filter(|(c, n)| page.get(c).copied().unwrap_or(0) < **n)
        .map(|(c, _)| *c)
        .collect();
    Some(format!("lost {lost:?}, placed twice or invented {extra:?}"))
}

#[test]
fn no_character_of_the_sample_is_lost_or_doubled() {
    for page in SAMPLE_PAGES {
        assert_eq!(unaccounted(page.text), None, "{}", page.name);
    }
}

#[test]
fn no_character_of_the_composed_pages_is_lost_or_doubled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/composed/pages");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).expect("composed pages") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("page");
        assert_eq!(unaccounted(&text), None, "{}", path.display());
        pages += 1;
    }
    assert!(pages >= 24);
}

#[test]
fn the_leftovers_name_where_text_went() {
    let text = "JIAOZUO DAILY\n\n●3月1日，某镇开展活动。 （李鑫）\n\n政 务 简 报\n\n本报讯（记者张三） 3月2日，某县召开会议。\n\n某县召开会议\n\n工工业业\n";
    let (articles, leftovers) = parse_page_accounted("p.txt", text);
    assert_eq!(articles.len(), 2);
    let texts: Vec<(String, String)> = leftovers
        .iter()
        .map(|l| (format!("{:?}", l.place), l.text.clone()))
        .collect();
    for (place, expected) in [
        ("Furniture(Header)", "JIAOZUO DAILY"),
        ("Furniture(Label)", "政 务 简 报"),
        ("Furniture(Junk)", "工工业业"),
        ("Mark", "●"),
        ("Credit", " （李鑫）"),
        ("Dateline", "本报讯（记者张三） "),
    ] {
        assert!(
            texts
                .iter()
                .any(|(p, t)| p == place && t.trim() == expected.trim()),
            "{place} {expected:?} in {texts:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_character_of_a_random_page_is_lost_or_doubled(
        pieces in prop::collection::vec(page_piece(), 0..80)
    ) {
        let text = pieces.concat();
        prop_assert_eq!(unaccounted(&text), None, "{:?}", text);
    }
}
