//! The meta file of a saved index: what it was built by and for, file by file, and the plan
//! that brings it to a corpus loaded now.
//!
//! Each page file with articles has a record: its path, its stamp (size, modification and
//! status change time), the slot its documents are in, its article count and a checksum of
//! their headlines. A file whose record matches the corpus loaded now keeps its documents;
//! any other file's documents are deleted, and its articles added in a new slot.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::files::{self, FileArticles, IdMap};
use crate::cache::{FORMAT_VERSION, FileStamp, Fingerprint};
use crate::model::Article;

/// Bumped whenever the tokenizer, the schema, the meta file or what is indexed changes.
pub const FTS_VERSION: u32 = 3;
/// First bytes of the meta file.
const MAGIC: &[u8] = b"papertui full-text index\n";

/// What a saved index holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// [`FTS_VERSION`] of the index.
    pub format: u32,
    /// The cache format ([`FORMAT_VERSION`]) of the articles indexed.
    pub cache: u32,
    /// The program version that parsed them.
    pub package: String,
    /// The working directory, when a path is relative (the same relative path elsewhere is
    /// another file).
    pub base: Option<Vec<u8>>,
    /// Key of the corpus it was last made for.
    pub corpus: u64,
    /// Every file whose articles it holds.
    pub files: Vec<FileRecord>,
}

/// One page file of a saved index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file, as its articles name it.
    pub source: String,
    /// Its stamp when the articles were read (None when the corpus had none for it).
    pub stamp: Option<FileStamp>,
    /// The slot of its documents.
    pub slot: u32,
    /// Its article count.
    pub articles: u32,
    /// [`files::heads_checksum`] of its articles.
    pub heads: u32,
}

impl Meta {
    /// The meta file's bytes: magic, postcard, crc32 of the postcard.
    pub fn encode(&self) -> Vec<u8> {
        let body = postcard::to_allocvec(self).unwrap_or_default();
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&body);
        bytes.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        bytes
    }

    /// The meta of `bytes`, or why they are not one.
    pub fn decode(bytes: &[u8]) -> Result<Meta, String> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| "not a full-text index meta file".to_owned())?;
        let (body, crc) = rest
            .split_last_chunk::<4>()
            .ok_or_else(|| "truncated meta file".to_owned())?;
        if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
            return Err("meta file checksum mismatch".to_owned());
        }
        postcard::from_bytes(body).map_err(|e| format!("unreadable meta file: {e}"))
    }

    /// Articles indexed.
    pub fn articles(&self) -> usize {
        self.files.iter().map(|f| f.articles as usize).sum()
    }
}

/// The corpus loaded now, file by file, as a meta file describes one.
pub struct Wanted<'a> {
    /// The articles.
    pub articles: &'a [Article],
    /// Its files with articles, in order, with their stamps and headline checksums.
    pub files: Vec<(FileArticles, Option<FileStamp>, u32)>,
    /// The meta of an index of it, but for the files.
    pub header: Meta,
}

impl<'a> Wanted<'a> {
    /// The corpus of `fingerprint` made of `articles`.
    pub fn of(fingerprint: &Fingerprint, articles: &'a [Article]) -> Wanted<'a> {
        let stamps: HashMap<String, &FileStamp> = fingerprint
            .stamps
            .iter()
            .map(|s| (crate::escape::bytes(&s.path), s))
            .collect();
        let relative = stamps.keys().any(|p| Path::new(p).is_relative());
        let base = relative
            .then(|| std::env::current_dir().ok())
            .flatten()
            .map(|d| crate::cache::path_bytes(&d));
        let files = files::by_file(articles)
            .into_iter()
            .map(|file| {
                let stamp = stamps.get(&*file.source).map(|s| (*s).clone());
                let heads = files::heads_checksum(articles, &file.ids);
                (file, stamp, heads)
            })
            .collect();
        Wanted {
            articles,
            files,
            header: Meta {
                format: FTS_VERSION,
                cache: FORMAT_VERSION,
                package: env!("CARGO_PKG_VERSION").to_owned(),
                base,
                corpus: fingerprint.key,
                files: Vec::new(),
            },
        }
    }

    /// The meta of a fresh index of this corpus: every file in the slot of its place.
    pub fn fresh(&self) -> Meta {
        let files = (0..)
            .zip(&self.files)
            .map(|(slot, (file, stamp, heads))| record(file, stamp, slot, *heads))
            .collect();
        Meta {
            files,
            ..self.header.clone()
        }
    }

    /// What turns the index of `meta` into one of this corpus; None when it cannot (another
    /// format or version, or no slot left).
    pub fn plan(&self, meta: &Meta) -> Option<Plan<'_>> {
        let ours = &self.header;
        let same_maker = meta.format == ours.format
            && meta.cache == ours.cache
            && meta.package == ours.package
            && meta.base == ours.base;
        if !same_maker {
            return None;
        }
        // Made for this very corpus, a file without a stamp is as it was; otherwise it may
        // not be.
        let same_corpus = meta.corpus == self.header.corpus;
        let old: HashMap<&str, &FileRecord> =
            meta.files.iter().map(|f| (f.source.as_str(), f)).collect();
        let mut next = meta
            .files
            .iter()
            .map(|f| f.slot)
            .max()
            .map_or(Some(0), |s| s.checked_add(1))?;
        let mut plan = Plan {
            meta: Meta {
                files: Vec::new(),
                ..self.header.clone()
            },
            kept: 0,
            removed: Vec::new(),
            added: Vec::new(),
            changed: 0,
        };
        let mut kept_sources = std::collections::HashSet::new();
        for (file, stamp, heads) in &self.files {
            let same = old.get(&*file.source).filter(|r| {
                r.articles as usize == file.ids.len()
                    && r.heads == *heads
                    && r.stamp == *stamp
                    && (stamp.is_some() || same_corpus)
            });
            match same {
                Some(r) => {
                    plan.kept += file.ids.len();
                    kept_sources.insert(&*file.source);
                    plan.meta.files.push((*r).clone());
                }
                None => {
                    if old.contains_key(&*file.source) {
                        plan.changed += 1;
                    }
                    plan.meta.files.push(record(file, stamp, next, *heads));
                    plan.added.push((next, file));
                    next = next.checked_add(1)?;
                }
            }
        }
        plan.removed = meta
            .files
            .iter()
            .filter(|r| !kept_sources.contains(r.source.as_str()))
            .map(|r| (r.slot, r.articles as usize))
            .collect();
        Some(plan)
    }
}

/// The record of `file` in `slot`.
fn record(file: &FileArticles, stamp: &Option<FileStamp>, slot: u32, heads: u32) -> FileRecord {
    FileRecord {
        source: file.source.to_string(),
        stamp: stamp.clone(),
        slot,
        articles: u32::try_from(file.ids.len()).unwrap_or(u32::MAX),
        heads,
    }
}

/// The per-file update of a saved index to the corpus loaded now.
pub struct Plan<'a> {
    /// The meta of the index once updated.
    pub meta: Meta,
    /// Articles whose documents stay.
    pub kept: usize,
    /// Slots whose documents are deleted, with how many there are.
    pub removed: Vec<(u32, usize)>,
    /// Files whose articles are added, with their new slots.
    pub added: Vec<(u32, &'a FileArticles)>,
    /// Files both removed and added (changed since).
    pub changed: usize,
}

impl Plan<'_> {
    /// True when the index holds this corpus as it is.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty()
    }

    /// Articles whose documents are deleted.
    pub fn removed_articles(&self) -> usize {
        self.removed.iter().map(|(_, n)| n).sum()
    }

    /// Worth doing rather than a rebuild: at least half the corpus stays, and no more is
    /// deleted than stays (deleted documents still take room until segments merge).
    pub fn worthwhile(&self, total: usize) -> bool {
        self.kept > 0 && self.kept * 2 >= total && self.removed_articles() <= self.kept
    }
}

impl Wanted<'_> {
    /// Where each document of an index of `meta`, made for this corpus, is among the
    /// articles.
    pub fn ids(&self, meta: &Meta) -> IdMap {
        let by_source: HashMap<&str, &FileArticles> =
            self.files.iter().map(|(f, _, _)| (&*f.source, f)).collect();
        IdMap::new(meta.files.iter().filter_map(|r| {
            by_source
                .get(r.source.as_str())
                .map(|f| (r.slot, f.ids.as_slice()))
        }))
    }
}
