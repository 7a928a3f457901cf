//! The ingest pipeline against gold annotations, with the scorer's metrics and the thresholds
//! the pipeline must meet: on the sample pages, and on pages composed from them with the
//! layout traits of real dumps (`tests/fixtures/composed`, see its README).

mod common;

use std::path::Path;

use common::scoring::{Metrics, load_gold, score};
use papertui::corpus::{PageText, parse_pages};

fn fixture_metrics() -> Metrics {
    let gold = load_gold(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold"));
    score(&gold, &papertui::corpus::sample())
}

fn composed_metrics() -> Metrics {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/composed");
    let gold = load_gold(&dir.join("gold"));
    let pages: Vec<PageText> = gold
        .iter()
        .map(|g| PageText {
            source: g.source.clone(),
            text: std::fs::read_to_string(dir.join("pages").join(&g.source))
                .expect("composed page"),
        })
        .collect();
    score(&gold, &parse_pages(&pages))
}

#[test]
fn ingest_meets_the_quality_bar_on_composed_pages() {
    let m = composed_metrics();
    let report = format!("{m:#?}");
    assert_eq!(m.gold_articles, 347, "{report}");
    assert!(m.segmentation_f1 >= 0.98, "{report}");
    assert!(m.title_accuracy >= 0.95, "{report}");
    assert!(m.headline_block_accuracy >= 0.95, "{report}");
    assert!(m.byline_accuracy >= 0.97, "{report}");
    assert!(m.kind_accuracy >= 0.98, "{report}");
    assert!(m.date_accuracy >= 0.95, "{report}");
    assert!(m.person_precision >= 0.97, "{report}");
    assert!(m.person_recall >= 0.95, "{report}");
    assert_eq!(m.spaces_between_cjk, 0, "{report}");
}

#[test]
fn ingest_meets_the_quality_bar_on_the_fixture_pages() {
    let m = fixture_metrics();
    let report = format!("{m:#?}");
    assert_eq!(m.gold_articles, 51, "{report}");
    // The sample is read exactly; pages never seen are measured on the composed set below.
    assert_eq!(m.segmentation_f1, 1.0, "{report}");
    assert_eq!(m.title_accuracy, 1.0, "{report}");
    assert_eq!(m.headline_block_accuracy, 1.0, "{report}");
    assert_eq!(m.kind_accuracy, 1.0, "{report}");
    assert!(m.date_accuracy >= 0.95, "{report}");
    assert_eq!(m.byline_accuracy, 1.0, "{report}");
    assert!(m.paragraphs_ending_terminal >= 0.97, "{report}");
    assert_eq!(m.spaces_between_cjk, 0, "{report}");
}

#[test]
fn people_meet_the_quality_bar_on_the_fixture_pages() {
    let m = fixture_metrics();
    let report = format!("{m:#?}");
    assert!(m.person_precision >= 0.97, "{report}");
    assert!(m.person_recall >= 0.95, "{report}");
}
