//! Person extraction measured on the gold pages: bodies sliced from the gold, P/R like score.py.

mod common;

use papertui::model::{Article, Kind};
use papertui::people::annotate_corpus;
use papertui::people::score::PersonScore;

/// Gold-sliced articles of all pages, annotated as one corpus, scored against the gold.
#[test]
fn persons_meet_targets_on_gold_slices() {
    let pages = common::gold_pages();
    assert_eq!(pages.len(), 3, "three gold pages");
    let mut articles = Vec::new();
    let mut golds = Vec::new();
    for page in &pages {
        let text = common::page_text(page);
        for (i, s) in common::slice_bodies(page, &text).into_iter().enumerate() {
            let mut a = Article::new(&page.source, i as u32, Kind::News);
            a.title = s.gold.title.clone();
            a.paragraphs = vec![s.body.clone()];
            a.reporters = s.gold.reporters.clone();
            a.correspondents = s.gold.correspondents.clone();
            a.credits = s.gold.credits.clone();
            articles.push(a);
            golds.push(s.gold);
        }
    }
    annotate_corpus(&mut articles);
    let mut score = PersonScore::default();
    for (a, g) in articles.iter().zip(&golds) {
        let label = format!("{} {:?}", a.key(), g.start);
        score.add(&label, &g.persons, &g.persons_optional, a.person_names());
    }
    let (p, r) = (score.precision(), score.recall());
    for m in &score.misses {
        println!("{m}");
    }
    println!(
        "person precision {p:.4} recall {r:.4} (tp {} fp {} fn {})",
        score.tp, score.fp, score.fn_
    );
    assert!(
        p >= 0.97 && r >= 0.95,
        "precision {p:.4} recall {r:.4} (tp {} fp {} fn {})\n{}",
        score.tp,
        score.fp,
        score.fn_,
        score.misses.join("\n")
    );
}
