//! Properties of the ingest pipeline on arbitrary input: it never panics, and what it returns
//! is well formed.

mod common;

use common::pages::page_piece;
use papertui::ingest::parse_page;
use proptest::prelude::*;

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(page_piece(), 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_never_panics_and_keeps_articles_well_formed(text in page()) {
        let articles = parse_page("random.txt", &text);
        for (i, article) in articles.iter().enumerate() {
            prop_assert_eq!(article.ordinal as usize, i);
            prop_assert!(article.paragraphs().len() > 0);
            for paragraph in article.paragraphs() {
                prop_assert!(!paragraph.is_empty());
                prop_assert!(!paragraph.contains('\n'));
            }
            if let Some(title) = article.title() {
                prop_assert!(!title.trim().is_empty());
            }
        }
    }

    #[test]
    fn parsing_arbitrary_unicode_never_panics(text in any::<String>()) {
        let _ = parse_page("random.txt", &text);
    }
}
