//! The ingest pipeline against the gold annotations of the sample pages, with the scorer's
//! metrics and the thresholds the pipeline must meet.

mod common;

use std::path::Path;

use common::scoring::{Metrics, load_gold, score};

fn fixture_metrics() -> Metrics {
    let gold = load_gold(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold"));
    score(&gold, &papertui::corpus::sample())
}

#[test]
fn ingest_meets_the_quality_bar_on_the_fixture_pages() {
    let m = fixture_metrics();
    let report = format!("{m:#?}");
    assert_eq!(m.gold_articles, 51, "{report}");
    assert!(m.segmentation_f1 >= 0.98, "{report}");
    assert!(m.title_accuracy >= 0.95, "{report}");
    assert!(m.headline_block_accuracy >= 0.95, "{report}");
    assert!(m.kind_accuracy >= 0.98, "{report}");
    assert!(m.date_accuracy >= 0.95, "{report}");
    assert!(m.byline_accuracy >= 0.95, "{report}");
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
