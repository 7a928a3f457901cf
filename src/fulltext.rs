//! Full-text index of article text: every substring of two or more characters is found.
//!
//! Chinese has no spaces between words, so the text is cut into overlapping character
//! bigrams ([`tokenizer`]): `黄河流域` is indexed as `黄河 河流 流域`. Every character takes
//! part (Latin letters, digits and punctuation too), after a one-to-one [`normalize`]
//! (lowercase, full-width ASCII to half-width). A query of two characters is one term, and the
//! articles holding it are the answer. A longer query asks for the articles holding every one
//! of its bigrams, and each of those candidates is then checked against its text, so the
//! answer is exactly that of `normalize(text).contains(normalize(query))`. Positions would
//! make the check unnecessary (a phrase query of the bigrams), but they cost more than the
//! postings themselves: 0.72x the text's UTF-8 bytes against 0.30x without them, on 100k
//! generated articles. A query shorter than two characters is not answered by the index
//! ([`BodyQuery::new`] gives None): callers scan the text instead.
//!
//! The index is a tantivy index; each document is one article, its [`indexed_text`], the slot
//! of its page file (indexed, so that a file's documents can be deleted) and, as a fast field,
//! its key: slot and position among the file's articles ([`files`]), mapped back to an
//! [`ArticleId`] when a search collects it, so that a file changed, added or removed shifts
//! no other document. It is kept on disk beside the corpus cache entry ([`disk`]), updated
//! there file by file, or in memory.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use rayon::prelude::*;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{DocId, Index, IndexReader, IndexWriter, Score, SegmentOrdinal, SegmentReader};
use tantivy::{ReloadPolicy, TantivyDocument, Term};

use crate::model::Article;
use crate::store::ArticleId;

pub mod disk;
pub mod files;
pub mod kwic;
mod meta;
pub mod tokenizer;

use files::{FileArticles, IdMap};
pub use kwic::{Kwic, kwic};
pub use tokenizer::{BigramTokenizer, found_as_written, normalize, normalize_char};

/// How far a build or update of the index has come: articles to index and indexed so far,
/// shared with whoever shows it.
#[derive(Debug, Default)]
pub struct IndexProgress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl IndexProgress {
    /// The part done, from 0 to 1; `None` before anything is to be indexed.
    pub fn fraction(&self) -> Option<f64> {
        let (done, total) = self.counts();
        (total > 0).then(|| done.min(total) as f64 / total as f64)
    }

    /// Articles indexed so far and articles to index.
    pub fn counts(&self) -> (usize, usize) {
        (self.done.load(Relaxed), self.total.load(Relaxed))
    }

    /// Starts counting towards `total` articles.
    pub(crate) fn start(&self, total: usize) {
        self.done.store(0, Relaxed);
        self.total.store(total, Relaxed);
    }

    /// One more article indexed.
    pub(crate) fn step(&self) {
        self.done.fetch_add(1, Relaxed);
    }
}

/// Name under which the bigram tokenizer is registered with the index.
const TOKENIZER: &str = "papertui_bigram";
/// Name of the text field.
const TEXT_FIELD: &str = "text";
/// Name of the document key fast field ([`files::doc_key`]).
const KEY_FIELD: &str = "key";
/// Name of the file slot field.
const FILE_FIELD: &str = "file";
/// Memory the index writer may use before it writes a segment (all threads together).
const WRITER_MEMORY: usize = 256 << 20;

/// Documents of a segment that updates may merge with others.
const SMALL_SEGMENT: usize = 10_000;

/// An error of the full-text index.
pub type Error = tantivy::TantivyError;

/// The text of an article that is indexed: kicker, headline, subtitle and paragraphs, one
/// per line (a match never spans two of them, since queries hold no line break).
///
/// A body left in the cache file is read here ([`Article::load_paragraphs`]); one that cannot
/// be read is indexed as no text.
pub fn indexed_text(article: &Article) -> String {
    let mut text = String::new();
    let heads = [article.kicker(), article.title(), article.subtitle()];
    let body = article.load_paragraphs().ok().into_iter().flatten();
    for part in heads.into_iter().flatten().chain(body) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(part);
    }
    text
}

/// A text to find in article text: its normalised characters, at least two of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyQuery {
    chars: Vec<char>,
}

impl BodyQuery {
    /// The query for `text`; None when it has fewer than two characters (the index holds
    /// character pairs, so such a query is answered by scanning the text).
    pub fn new(text: &str) -> Option<BodyQuery> {
        let chars: Vec<char> = text.chars().map(normalize_char).collect();
        (chars.len() >= 2).then_some(BodyQuery { chars })
    }

    /// The normalised text searched for.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// True when `text` holds the query, after normalisation. Normalisation maps each
    /// character to one character, and UTF-8 never matches inside a character, so a byte
    /// search of the normalised strings is a character search.
    ///
    /// A query of characters that no other character normalises to ([`found_as_written`]) is
    /// found in the text as it is, without normalising it.
    pub fn is_in(&self, text: &str) -> bool {
        let needle = self.text();
        if found_as_written(&self.chars) {
            return memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some();
        }
        memchr::memmem::find(normalize(text).as_bytes(), needle.as_bytes()).is_some()
    }
}

/// An article whose text holds the query, with its relevance score (BM25 of the bigrams).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BodyHit {
    /// The article.
    pub id: ArticleId,
    /// Higher is more relevant.
    pub score: f32,
}

/// A full-text index over the articles of one load.
pub struct FullText {
    reader: IndexReader,
    text: Field,
    /// Where each document's article is in the load.
    ids: Arc<IdMap>,
}

impl std::fmt::Debug for FullText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FullText")
            .field("articles", &self.len())
            .finish()
    }
}

/// The fields of the schema.
#[derive(Clone, Copy)]
struct Fields {
    text: Field,
    file: Field,
    key: Field,
}

/// The schema: a bigram text field with frequencies (no positions), the file slot and the
/// document key.
fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let text = builder.add_text_field(
        TEXT_FIELD,
        TextOptions::default().set_indexing_options(indexing),
    );
    let file = builder.add_u64_field(FILE_FIELD, INDEXED);
    let key = builder.add_u64_field(KEY_FIELD, FAST);
    (builder.build(), Fields { text, file, key })
}

/// Every file of `articles` in the slot of its place among them.
fn slots_in_order(files: &[FileArticles]) -> Vec<(u32, &FileArticles)> {
    (0..).zip(files).collect()
}

impl FullText {
    /// Builds the index of `articles` in memory.
    pub fn build_in_ram(articles: &[Article]) -> Result<FullText, Error> {
        FullText::build_in_ram_counting(articles, &IndexProgress::default())
    }

    /// Builds the index of `articles` in memory, counting the articles indexed in `progress`.
    pub fn build_in_ram_counting(
        articles: &[Article],
        progress: &IndexProgress,
    ) -> Result<FullText, Error> {
        let (schema, _) = schema();
        let files = files::by_file(articles);
        FullText::fill(
            Index::create_in_ram(schema),
            articles,
            &slots_in_order(&files),
            progress,
        )
    }

    /// Builds the index of `articles` in the empty directory `dir`, each file in the slot of
    /// its place among them (see [`FullText::open_in_dir`]).
    pub fn build_in_dir(dir: &Path, articles: &[Article]) -> Result<FullText, Error> {
        let files = files::by_file(articles);
        FullText::build_slots_in_dir(
            dir,
            articles,
            &slots_in_order(&files),
            &IndexProgress::default(),
        )
    }

    /// Builds the index of the files `slots` of `articles` in the empty directory `dir`,
    /// counting in `progress`.
    fn build_slots_in_dir(
        dir: &Path,
        articles: &[Article],
        slots: &[(u32, &FileArticles)],
        progress: &IndexProgress,
    ) -> Result<FullText, Error> {
        let (schema, _) = schema();
        FullText::fill(
            Index::create_in_dir(dir, schema)?,
            articles,
            slots,
            progress,
        )
    }

    /// Opens the index that [`FullText::build_in_dir`] made of `articles` in `dir`, checking
    /// every file's checksum and the document count.
    pub fn open_in_dir(dir: &Path, articles: &[Article]) -> Result<FullText, Error> {
        let files = files::by_file(articles);
        let ids = IdMap::new(
            slots_in_order(&files)
                .into_iter()
                .map(|(slot, file)| (slot, file.ids.as_slice())),
        );
        FullText::open_mapped(dir, ids)
    }

    /// Opens the index in `dir` whose documents `ids` maps, checking every file's checksum
    /// and that it holds exactly as many documents as `ids` maps.
    fn open_mapped(dir: &Path, ids: IdMap) -> Result<FullText, Error> {
        let index = FullText::open_checked(dir)?;
        let full = FullText::with_index(index, ids)?;
        full.check_count()?;
        Ok(full)
    }

    /// Opens the index in `dir`, checking every file's checksum.
    fn open_checked(dir: &Path) -> Result<Index, Error> {
        let index = Index::open_in_dir(dir)?;
        let damaged = index.validate_checksum()?;
        if !damaged.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "damaged index files: {damaged:?}"
            )));
        }
        Ok(index)
    }

    /// An error unless the index holds exactly one document per article mapped: as many
    /// documents, each of a key that maps to an article, no two of the same key.
    fn check_count(&self) -> Result<(), Error> {
        if self.len() != self.ids.len() {
            return Err(Error::InvalidArgument(format!(
                "index of {} articles for {}",
                self.len(),
                self.ids.len()
            )));
        }
        let mut keys = Vec::with_capacity(self.len());
        for segment in self.reader.searcher().segment_readers() {
            let column = segment.fast_fields().u64(KEY_FIELD)?;
            for doc in segment.doc_ids_alive() {
                keys.push(column.first(doc));
            }
        }
        keys.sort_unstable();
        let unmapped = keys
            .iter()
            .any(|k| k.and_then(|k| self.ids.get(k)).is_none());
        if unmapped || keys.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(Error::InvalidArgument(
                "index documents that are not the articles of its meta file".to_owned(),
            ));
        }
        Ok(())
    }

    /// Adds the articles of every file of `slots` to the empty `index` and commits.
    fn fill(
        index: Index,
        articles: &[Article],
        slots: &[(u32, &FileArticles)],
        progress: &IndexProgress,
    ) -> Result<FullText, Error> {
        index.tokenizers().register(TOKENIZER, BigramTokenizer);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let mut writer: IndexWriter = index.writer_with_num_threads(threads, WRITER_MEMORY)?;
        // Built in one go: merging segments would only cost time.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        add_files(&writer, articles, slots, progress)?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        let ids = IdMap::new(slots.iter().map(|(slot, f)| (*slot, f.ids.as_slice())));
        FullText::with_index(index, ids)
    }

    /// Updates the index in `dir` file by file: deletes the documents of the files in slots
    /// `removed`, adds those of the files of `added` and commits. The index is checked first
    /// and must hold `before` documents; open it afterwards with [`FullText::open_mapped`].
    fn update_in_dir(
        dir: &Path,
        before: usize,
        articles: &[Article],
        removed: &[u32],
        added: &[(u32, &FileArticles)],
        progress: &IndexProgress,
    ) -> Result<(), Error> {
        let index = FullText::open_checked(dir)?;
        index.tokenizers().register(TOKENIZER, BigramTokenizer);
        let held = index.reader()?.searcher().num_docs();
        if usize::try_from(held).ok() != Some(before) {
            return Err(Error::InvalidArgument(format!(
                "index of {held} articles, its meta file says {before}"
            )));
        }
        let (_, fields) = schema();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY / 4)?;
        // Each update adds a small segment: those are merged together once there are several,
        // never with the large segments of the build, which would cost a rebuild's time.
        let mut merges = tantivy::indexer::LogMergePolicy::default();
        merges.set_max_docs_before_merge(SMALL_SEGMENT);
        writer.set_merge_policy(Box::new(merges));
        for slot in removed {
            writer.delete_term(Term::from_field_u64(fields.file, u64::from(*slot)));
        }
        add_files(&writer, articles, added, progress)?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    }

    /// Wraps an index of this schema, registering the tokenizer and opening a reader.
    fn with_index(index: Index, ids: IdMap) -> Result<FullText, Error> {
        index.tokenizers().register(TOKENIZER, BigramTokenizer);
        let schema = index.schema();
        let text = schema.get_field(TEXT_FIELD)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(FullText {
            reader,
            text,
            ids: Arc::new(ids),
        })
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        usize::try_from(self.reader.searcher().num_docs()).unwrap_or(usize::MAX)
    }

    /// True when no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The tantivy query of `query`: every one of its distinct bigrams.
    fn tantivy_query(&self, query: &BodyQuery) -> Box<dyn Query> {
        let mut bigrams: Vec<String> = query
            .chars
            .windows(2)
            .map(|pair| pair.iter().collect())
            .collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        let mut terms: Vec<(Occur, Box<dyn Query>)> = bigrams
            .iter()
            .map(|b| {
                let term = Term::from_field_text(self.text, b);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Must, query)
            })
            .collect();
        match terms.len() {
            1 => terms.remove(0).1,
            _ => Box::new(BooleanQuery::new(terms)),
        }
    }

    /// The articles holding every bigram of `query`, unordered: the answer for a query of two
    /// characters, a superset of it for a longer one.
    pub fn candidates(&self, query: &BodyQuery, scored: bool) -> Result<Vec<BodyHit>, Error> {
        let collector = AllHits {
            ids: Arc::clone(&self.ids),
            scored,
        };
        self.reader
            .searcher()
            .search(&*self.tantivy_query(query), &collector)
    }

    /// Every article whose text holds `query`, most relevant first (ties in article order).
    /// `text_of` gives an article's [`indexed_text`], to check the candidates of a query of
    /// more than two characters (an article without text is left out).
    pub fn search(&self, query: &BodyQuery, text_of: TextOf<'_>) -> Result<Vec<BodyHit>, Error> {
        let mut hits = self.verified(self.candidates(query, true)?, query, text_of);
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        Ok(hits)
    }

    /// The `limit` most relevant articles whose text holds `query` (a screenful of
    /// results): candidates are checked against their text in order of relevance, a batch at
    /// a time, only until `limit` are found.
    pub fn search_top(
        &self,
        query: &BodyQuery,
        text_of: TextOf<'_>,
        limit: usize,
    ) -> Result<Vec<BodyHit>, Error> {
        let mut candidates = self.candidates(query, true)?;
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        let mut found = Vec::with_capacity(limit);
        for batch in candidates.chunks(limit.max(1) * 2) {
            if found.len() >= limit {
                break;
            }
            found.extend(self.verified(batch.to_vec(), query, text_of));
        }
        found.truncate(limit);
        Ok(found)
    }

    /// Every article whose text holds `query`, in article order (no scoring: faster); see
    /// [`FullText::search`].
    pub fn matching(
        &self,
        query: &BodyQuery,
        text_of: TextOf<'_>,
    ) -> Result<Vec<ArticleId>, Error> {
        let hits = self.verified(self.candidates(query, false)?, query, text_of);
        let mut ids: Vec<ArticleId> = hits.into_iter().map(|h| h.id).collect();
        ids.sort_unstable();
        Ok(ids)
    }

    /// The candidates whose text holds the query (all of them for a query of two characters).
    fn verified(
        &self,
        candidates: Vec<BodyHit>,
        query: &BodyQuery,
        text_of: TextOf<'_>,
    ) -> Vec<BodyHit> {
        if query.chars.len() <= 2 {
            return candidates;
        }
        candidates
            .into_par_iter()
            .filter(|hit| text_of(hit.id).is_some_and(|text| query.is_in(&text)))
            .collect()
    }
}

/// Gives an article's [`indexed_text`] by its id (None when it cannot be had).
pub type TextOf<'a> = &'a (dyn Fn(ArticleId) -> Option<String> + Sync);

/// Adds a document for every article of the files of `slots`, counting them in `progress`.
fn add_files(
    writer: &IndexWriter,
    articles: &[Article],
    slots: &[(u32, &FileArticles)],
    progress: &IndexProgress,
) -> Result<(), Error> {
    let (_, fields) = schema();
    progress.start(slots.iter().map(|(_, file)| file.ids.len()).sum());
    for (slot, file) in slots {
        for (position, id) in (0..).zip(&file.ids) {
            let Some(article) = articles.get(id.0 as usize) else {
                continue;
            };
            let mut doc = TantivyDocument::default();
            doc.add_u64(fields.file, u64::from(*slot));
            doc.add_u64(fields.key, files::doc_key(*slot, position));
            doc.add_text(fields.text, indexed_text(article));
            writer.add_document(doc)?;
            progress.step();
        }
    }
    Ok(())
}

/// Collects every matching document as a [`BodyHit`].
struct AllHits {
    ids: Arc<IdMap>,
    scored: bool,
}

/// [`AllHits`] within one segment.
struct SegmentHits {
    keys: tantivy::columnar::Column<u64>,
    ids: Arc<IdMap>,
    hits: Vec<BodyHit>,
}

impl Collector for AllHits {
    type Fruit = Vec<BodyHit>;
    type Child = SegmentHits;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentHits> {
        Ok(SegmentHits {
            keys: reader.fast_fields().u64(KEY_FIELD)?,
            ids: Arc::clone(&self.ids),
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<BodyHit>>) -> tantivy::Result<Vec<BodyHit>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<BodyHit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(id) = self.keys.first(doc).and_then(|key| self.ids.get(key)) {
            self.hits.push(BodyHit { id, score });
        }
    }

    fn harvest(self) -> Vec<BodyHit> {
        self.hits
    }
}

#[cfg(test)]
mod tests;
