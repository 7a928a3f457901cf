//! A corpus: page texts → articles with their people, parsed in parallel across pages.
//!
//! Pages are independent, so they are parsed on all cores; people are found afterwards over the
//! whole corpus, because a name confirmed in one article helps find it in the others.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::ingest::parse_page;
use crate::input::{InputError, collect_files, read_page};
use crate::model::Article;
use crate::people::{annotate_corpus, preload};
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
    // The person extractor's one-time set-up (jieba's dictionary) overlaps with parsing.
    preload();
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

/// What loading paths gave: the articles, and every file that could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles of every readable page, in path order, with their people.
    pub articles: Vec<Article>,
    /// One error per path or file that could not be used; the others still loaded.
    pub errors: Vec<InputError>,
    /// How many page files were read.
    pub files: usize,
}

/// Load page files and directories (the embedded sample when `paths` is empty).
///
/// Files are read, decoded and parsed in parallel; a bad file is reported in
/// [`Loaded::errors`] and never stops the others.
pub fn load(paths: &[PathBuf]) -> Loaded {
    if paths.is_empty() {
        return Loaded {
            articles: sample(),
            errors: Vec::new(),
            files: SAMPLE_PAGES.len(),
        };
    }
    preload();
    let (files, mut errors) = collect_files(paths);
    let parsed: Vec<Result<Vec<Article>, InputError>> = files
        .par_iter()
        .map(|path| {
            let text = read_page(path)?;
            Ok(parse_page(&path.to_string_lossy(), &text))
        })
        .collect();
    let mut articles = Vec::new();
    let mut read = 0;
    for result in parsed {
        match result {
            Ok(page) => {
                read += 1;
                articles.extend(page);
            }
            Err(error) => errors.push(error),
        }
    }
    annotate_corpus(&mut articles);
    Loaded {
        articles,
        errors,
        files: read,
    }
}
