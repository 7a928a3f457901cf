//! The articles of a corpus by page file: the unit by which a saved index is updated.
//!
//! A document of the index is named by its file's slot (a number the index gives each page
//! file, kept as long as the file is unchanged) and its position among that file's articles,
//! never by its [`ArticleId`]: a file whose article count changes would shift the ids of
//! every article after it. [`IdMap`] turns a document's name back into the article it is in
//! the corpus loaded now.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::Article;
use crate::store::ArticleId;

/// The articles of one page file, in load order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileArticles {
    /// The file, as the articles name it ([`Article::source`]).
    pub source: Arc<str>,
    /// Its articles, in load order.
    pub ids: Vec<ArticleId>,
}

/// The articles of `articles` grouped by file, files in order of their first article.
pub fn by_file(articles: &[Article]) -> Vec<FileArticles> {
    let mut files: Vec<FileArticles> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (n, article) in articles.iter().enumerate() {
        let Ok(id) = u32::try_from(n).map(ArticleId) else {
            break;
        };
        let slot = *at.entry(&article.source).or_insert_with(|| {
            files.push(FileArticles {
                source: Arc::clone(&article.source),
                ids: Vec::new(),
            });
            files.len() - 1
        });
        if let Some(file) = files.get_mut(slot) {
            file.ids.push(id);
        }
    }
    files
}

/// A checksum of the headlines (kicker, headline, subtitle) of a file's articles, in order:
/// kept with the index so that it is never used for other articles than it holds, even when
/// the file's stamp is the same. Headlines are in memory; bodies may not be.
pub fn heads_checksum(articles: &[Article], ids: &[ArticleId]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    for article in ids.iter().filter_map(|id| articles.get(id.0 as usize)) {
        for head in [article.kicker(), article.title(), article.subtitle()] {
            // 0xFF never occurs in UTF-8: it ends each piece, absent or not.
            hasher.update(head.unwrap_or_default().as_bytes());
            hasher.update(&[0xFF]);
        }
        hasher.update(&[0xFE]);
    }
    hasher.finalize()
}

/// The document key of the article at `position` among those of the file in `slot`.
pub fn doc_key(slot: u32, position: u32) -> u64 {
    (u64::from(slot) << 32) | u64::from(position)
}

/// Where each document of an index is among the articles loaded now.
#[derive(Clone, Debug, Default)]
pub struct IdMap {
    /// By slot, the file's articles in order.
    slots: Vec<Vec<ArticleId>>,
}

impl IdMap {
    /// The map of files placed in slots: `(slot, articles)`.
    pub fn new<'a>(files: impl IntoIterator<Item = (u32, &'a [ArticleId])>) -> IdMap {
        let mut slots: Vec<Vec<ArticleId>> = Vec::new();
        for (slot, ids) in files {
            let at = slot as usize;
            if slots.len() <= at {
                slots.resize(at + 1, Vec::new());
            }
            if let Some(place) = slots.get_mut(at) {
                *place = ids.to_vec();
            }
        }
        IdMap { slots }
    }

    /// The article of the document of `key` ([`doc_key`]); None for one not in the corpus.
    pub fn get(&self, key: u64) -> Option<ArticleId> {
        let slot = usize::try_from(key >> 32).ok()?;
        let position = usize::try_from(key & u64::from(u32::MAX)).ok()?;
        self.slots.get(slot)?.get(position).copied()
    }

    /// Number of articles mapped.
    pub fn len(&self) -> usize {
        self.slots.iter().map(Vec::len).sum()
    }

    /// True when no article is mapped.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
