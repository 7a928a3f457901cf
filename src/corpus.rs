//! A corpus: page texts → articles with their people, parsed in parallel across pages.
//!
//! Pages are independent, so they are parsed on all cores; people are found afterwards over the
//! whole corpus, because a name confirmed in one article helps find it in the others.

use rayon::prelude::*;

use crate::ingest::parse_page;
use crate::model::Article;
use crate::people::annotate_corpus;
use crate::sample::SAMPLE_PAGES;

/// One page to parse: where it came from and its decoded text.
pub struct PageText {
    /// The file path as given (or the sample page's name).
    pub source: String,
    /// The page text.
    pub text: String,
}

/// Parse pages in parallel, keeping their order, and fill in the people of every article.
pub fn parse_pages(pages: &[PageText]) -> Vec<Article> {
    let mut articles: Vec<Article> = pages
        .par_iter()
        .map(|page| parse_page(&page.source, &page.text))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    annotate_corpus(&mut articles);
    articles
}

/// The embedded sample corpus, parsed.
pub fn sample() -> Vec<Article> {
    let pages: Vec<PageText> = SAMPLE_PAGES
        .iter()
        .map(|p| PageText {
            source: p.name.to_owned(),
            text: p.text.to_owned(),
        })
        .collect();
    parse_pages(&pages)
}
