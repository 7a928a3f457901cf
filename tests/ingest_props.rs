//! Properties of the ingest pipeline on arbitrary input: it never panics, and what it returns
//! is well formed.

use papertui::ingest::parse_page;
use proptest::prelude::*;

/// Pieces that page dumps are made of, so that random pages hit the interesting paths.
fn page_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("本报讯".to_owned()),
        Just("又讯".to_owned()),
        Just("●".to_owned()),
        Just("⬅".to_owned()),
        Just("□".to_owned()),
        Just("（记者原文钊 通讯员王".to_owned()),
        Just("）".to_owned()),
        Just("（孟轩）".to_owned()),
        Just(" 摄".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just(" ".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("。".to_owned()),
        Just("，".to_owned()),
        Just("3 月 27 日".to_owned()),
        Just("政 务 简 报".to_owned()),
        Just("工工业业".to_owned()),
        Just("A08│孟州新闻2023年3月7日 星期二".to_owned()),
        Just("JIAOZUO DAILY".to_owned()),
        "[\\p{Han}]{1,12}",
        "[a-zA-Z0-9 .%]{1,6}",
        any::<String>(),
    ]
}

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
