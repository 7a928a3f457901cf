//! On-disk cache of a parsed corpus, so reopening an unchanged corpus skips parsing.
//!
//! One cache entry holds one whole corpus (the set of page files of a load) after person
//! annotation. A per-file cache would save more on a partly changed corpus, but the person
//! gazetteer is built from every article, so one changed page can change the people of any
//! other: the corpus is the unit that is valid or not. The entry's file name is a hash of the
//! sorted (path, size, modification and status change time) list, and the list itself is
//! stored in the entry and compared in full, so a hash collision or any added, removed or
//! changed file (its permissions too) is a miss.
//!
//! A failure is never cached: the entry lists which files could not be read, not why, and a
//! load reads those files again; one that is readable now makes the entry a miss
//! ([`crate::corpus`]). So the output of a cached run is always that of `--no-cache`.
//!
//! Layout, little-endian, designed so a reopen is a few large reads decoded on every core:
//!
//! ```text
//! prefix   MAGIC (8) | FORMAT_VERSION u32 | reserved u32
//! chunks   per CHUNK_ARTICLES articles:
//!            heads   postcard(Vec<WireArticle>): every field but the paragraphs of titled
//!                    articles, with where their bodies are
//!            bodies  each such body: paragraph ends (u32 each), then the paragraphs
//! header   postcard(Header): file stamps, unreadable files, page headers, sources, chunks
//! footer   header offset u64 | header length u64 | header crc32 u32 | END_MAGIC (4)
//! ```
//!
//! Bodies are apart so that the reader can leave them on disk ([`Bodies::Defer`]): the list
//! and the filter need only the heads, and at a million articles the bodies are nine tenths of
//! the text. Each body has its own crc32, checked whenever it is read. Untitled articles keep
//! their paragraphs in their head, since their first clause stands in for the headline.
//!
//! The header is written last (its chunk table is known only then), so the writer streams
//! chunks and never holds the whole encoding in memory. The reader checks prefix, footer and
//! header checksum, compares the stamps, then reads and decodes the chunks in parallel, each
//! with its own crc32; any mismatch makes the entry a [`Miss::Corrupt`], never an error the
//! user sees. Page headers and source paths are stored once in tables and referenced by index,
//! so articles of one page share one `Arc<PageHeader>` again after decoding. Writing goes to a
//! temporary file renamed into place, so a reader sees a whole entry or none. Only the few most
//! recently written entries are kept.
//!
//! Next to each entry the `indexes` submodule keeps the store built from it (people, dates,
//! sources, search keys) so that a reopen does not build them again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::{
    Article, BodyAt, BodyReader, Doubts, Kind, PARAGRAPH_COUNT, PackedBody, PageHeader,
};

mod entries;
mod indexes;

pub use entries::{EntryInfo, FULLTEXT_EXTENSION};

/// Environment variable naming the cache directory (tests, or to move the cache elsewhere).
pub const CACHE_DIR_ENV: &str = "PAPERTUI_CACHE_DIR";
/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"PTUICACH";
/// Last bytes of every complete cache file.
const END_MAGIC: &[u8; 4] = b"PTUE";
/// Bumped whenever the layout or the parsed result changes shape, or what a saved index means.
pub const FORMAT_VERSION: u32 = 8;
/// Articles per independently checked and decoded chunk.
const CHUNK_ARTICLES: usize = 1024;
/// Chunks encoded in parallel before being written, bounding the writer's memory.
const CHUNKS_IN_FLIGHT: usize = 8;
/// Bytes of the prefix.
const PREFIX_LEN: u64 = 16;
/// Bytes of the footer.
const FOOTER_LEN: u64 = 24;
/// Cache entries kept in the directory; older ones are removed after a write.
const KEEP_ENTRIES: usize = 4;

/// What identifies one page file's content without reading it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FileStamp {
    /// The path as collected (raw bytes where the platform allows, so no two paths collide).
    pub path: Vec<u8>,
    /// Size in bytes; `u64::MAX` when the file could not be examined.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch; 0 when unknown.
    pub mtime_ns: u128,
    /// Status change time in nanoseconds since the Unix epoch (0 where there is none): a
    /// `chmod` or `chown` changes it, so a file that became readable or unreadable since the
    /// entry was written is a miss even when its content and modification time are the same.
    pub ctime_ns: u128,
}

impl FileStamp {
    /// Examines `path` (one `stat`, no read).
    pub fn of(path: &Path) -> FileStamp {
        let meta = fs::metadata(path).ok();
        let mtime_ns = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        FileStamp {
            path: path_bytes(path),
            ctime_ns: meta.as_ref().map_or(0, ctime_ns),
            size: meta.map_or(u64::MAX, |m| m.len()),
            mtime_ns,
        }
    }

    /// Examines every file of `files`, in parallel, in the same order.
    pub fn of_all(files: &[PathBuf]) -> Vec<FileStamp> {
        files.par_iter().map(|f| FileStamp::of(f)).collect()
    }
}

/// The status change time of `meta` in nanoseconds since the epoch (0 where unknown).
fn ctime_ns(meta: &fs::Metadata) -> u128 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let secs = u128::try_from(meta.ctime()).unwrap_or(0);
        let nanos = u128::try_from(meta.ctime_nsec()).unwrap_or(0);
        secs * 1_000_000_000 + nanos
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0
    }
}

/// The raw bytes of a path, so non-UTF-8 names stay distinct.
pub fn path_bytes(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// The identity of a corpus: its files' stamps, sorted, and a hash of them naming the entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Stamps of every page file, sorted by path.
    pub stamps: Vec<FileStamp>,
    /// Hash of the stamps, the working directory when a path is relative, and the versions.
    pub key: u64,
}

impl Fingerprint {
    /// Stamps `files` (in parallel: one `stat` each) and hashes them.
    pub fn of(files: &[PathBuf]) -> Fingerprint {
        Fingerprint::of_stamps(files, FileStamp::of_all(files))
    }

    /// The fingerprint of `files` from their stamps, taken by [`FileStamp::of_all`].
    pub fn of_stamps(files: &[PathBuf], mut stamps: Vec<FileStamp>) -> Fingerprint {
        stamps.sort();
        let mut h = Fnv::default();
        h.write(MAGIC);
        h.write(&FORMAT_VERSION.to_le_bytes());
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        // Sources are stored as given, so the same relative paths elsewhere are another corpus.
        if files.iter().any(|f| f.is_relative())
            && let Ok(cwd) = std::env::current_dir()
        {
            h.write(&path_bytes(&cwd));
        }
        for s in &stamps {
            h.write(&(s.path.len() as u64).to_le_bytes());
            h.write(&s.path);
            h.write(&s.size.to_le_bytes());
            h.write(&s.mtime_ns.to_le_bytes());
            h.write(&s.ctime_ns.to_le_bytes());
        }
        Fingerprint {
            stamps,
            key: h.finish(),
        }
    }

    /// The entry's file name in the cache directory.
    fn file_name(&self) -> String {
        format!("corpus-{:016x}.ptc", self.key)
    }
}

/// 64-bit FNV-1a: stable across builds and platforms, unlike `std`'s hasher.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Why a cache entry was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    /// No entry for this corpus.
    Absent,
    /// An entry with this name exists but describes other files (changed, added or removed).
    Stale,
    /// The entry is damaged or of another format; it is rebuilt.
    Corrupt(String),
}

/// Whether to read article bodies when loading an entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Bodies {
    /// Read and check every body now (for a command that prints them all).
    #[default]
    Read,
    /// Leave titled articles' bodies in the entry, read when first asked for (for the
    /// reader, which shows one article at a time).
    Defer,
}

/// A corpus read back from the cache.
#[derive(Debug)]
pub struct Cached {
    /// The articles, with their people, in load order.
    pub articles: Vec<Article>,
    /// Paths (raw bytes) of the files that could not be read when the entry was built. Only
    /// which files: why is found out again on every load, so that a failure is never cached
    /// (the file may be readable now, and the entry then does not hold its articles).
    pub failed: Vec<Vec<u8>>,
}

/// Position and check of one chunk in the file: its heads, then its bodies.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct ChunkInfo {
    offset: u64,
    len: u64,
    crc: u32,
    articles: u32,
    bodies_len: u64,
}

/// Where a body is within its chunk's bodies: offset, length and crc32 of its bytes.
type WireBody = (u32, u32, u32);

/// Everything but the articles; written after the chunks.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    stamps: Vec<FileStamp>,
    failed: Vec<Vec<u8>>,
    pages: Vec<PageHeader>,
    sources: Vec<String>,
    chunks: Vec<ChunkInfo>,
}

/// An article's source and page as indexes into the header's tables.
type Refs = (u32, Option<u32>);

/// An article as written: its text in the packed form of [`Article`], page and source as
/// table indexes.
///
/// Field order must match [`WireArticleIn`]: postcard is positional.
#[derive(Serialize)]
struct WireArticleOut<'a> {
    source: u32,
    ordinal: u32,
    kind: Kind,
    doubts: Doubts,
    page: Option<u32>,
    counts: [u32; 5],
    ends: Cow<'a, [u32]>,
    text: Cow<'a, str>,
    body: Option<WireBody>,
}

/// An article as read back, its text borrowed from the chunk; see [`WireArticleOut`].
///
/// The text is read as bytes (postcard writes a string and bytes alike) and checked with a
/// vectorised UTF-8 validator: checking a million articles' text is most of a reopen's work
/// otherwise.
#[derive(Deserialize)]
struct WireArticleIn<'a> {
    source: u32,
    ordinal: u32,
    kind: Kind,
    doubts: Doubts,
    page: Option<u32>,
    counts: [u32; 5],
    ends: Vec<u32>,
    #[serde(borrow)]
    text: &'a [u8],
    body: Option<WireBody>,
}

/// A directory of cache entries.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache at `dir` (created on the first write).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The user's cache: `$PAPERTUI_CACHE_DIR` when set, else the platform cache directory.
    pub fn from_env() -> Option<Cache> {
        if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Cache::at(dir));
        }
        directories::ProjectDirs::from("", "", "papertui").map(|d| Cache::at(d.cache_dir()))
    }

    /// The directory holding the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the entry of `fingerprint` lives.
    pub fn entry_path(&self, fingerprint: &Fingerprint) -> PathBuf {
        self.dir.join(fingerprint.file_name())
    }

    /// Reads the entry of `fingerprint`, calling `progress(articles decoded so far)` per chunk.
    pub fn load(
        &self,
        fingerprint: &Fingerprint,
        bodies: Bodies,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Result<Cached, Miss> {
        let path = self.entry_path(fingerprint);
        let mut file = match crate::regular::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Miss::Absent),
            Err(e) => return Err(Miss::Corrupt(e.to_string())),
        };
        let header = read_header(&mut file).map_err(|e| Miss::Corrupt(e.to_string()))?;
        if header.stamps != fingerprint.stamps {
            return Err(Miss::Stale);
        }
        let pages: Vec<Arc<PageHeader>> = header.pages.into_iter().map(Arc::new).collect();
        let sources: Vec<Arc<str>> = header.sources.into_iter().map(Arc::from).collect();
        let tables = Tables {
            pages: &pages,
            sources: &sources,
            deferred: match bodies {
                Bodies::Read => None,
                Bodies::Defer => Some(Arc::new(EntryBodies {
                    file: Mutex::new(file),
                    path: path.clone(),
                    condemned: AtomicBool::new(false),
                })),
            },
        };
        let done = std::sync::atomic::AtomicUsize::new(0);
        let chunks: Vec<Vec<Article>> = header
            .chunks
            .par_iter()
            .map_init(Vec::new, |buf, chunk| {
                let articles = read_chunk(&path, chunk, &tables, buf)?;
                let n = done.fetch_add(articles.len(), std::sync::atomic::Ordering::Relaxed);
                progress(n + articles.len());
                Ok(articles)
            })
            .collect::<io::Result<_>>()
            .map_err(|e| Miss::Corrupt(e.to_string()))?;
        let mut articles = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for chunk in chunks {
            articles.extend(chunk);
        }
        Ok(Cached {
            articles,
            failed: header.failed,
        })
    }

    /// Writes the entry of `fingerprint` atomically, then removes the oldest other entries.
    pub fn save(
        &self,
        fingerprint: &Fingerprint,
        articles: &[Article],
        failed: &[Vec<u8>],
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let path = self.entry_path(fingerprint);
        let tmp = self.dir.join(format!(
            ".{}.{}.tmp",
            fingerprint.file_name(),
            std::process::id()
        ));
        let written =
            write_entry(&tmp, fingerprint, articles, failed).and_then(|()| replace(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written?;
        self.prune(&path);
        Ok(())
    }

    /// Keeps the [`KEEP_ENTRIES`] newest entries (always `current`); errors are ignored.
    fn prune(&self, current: &Path) {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(std::time::SystemTime, PathBuf)> = dir
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with("corpus-") && name.ends_with(".ptc")
            })
            .filter(|e| e.path() != current)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (_, old) in entries.into_iter().skip(KEEP_ENTRIES.saturating_sub(1)) {
            let _ = fs::remove_file(old.with_extension(indexes::INDEX_EXTENSION));
            let _ = fs::remove_dir_all(old.with_extension(FULLTEXT_EXTENSION));
            let _ = fs::remove_file(old);
        }
    }
}

/// An `InvalidData` error with `message`.
fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

/// Renames `tmp` to `path`. Anything but a file at `path` (a directory, which a rename
/// cannot replace) is first moved aside, once, as `path.aside-N`, so it costs one write, not
/// a failed write and a warning on every run.
fn replace(tmp: &Path, path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let aside = (1..=100)
            .map(|n| path.with_file_name(format!("{name}.aside-{n}")))
            .find(|p| fs::symlink_metadata(p).is_err())
            .ok_or_else(|| invalid("too many cache entries moved aside"))?;
        fs::rename(path, aside)?;
    }
    fs::rename(tmp, path)
}

/// Reads `len` bytes at `offset` of `file`.
fn read_at(file: &mut File, offset: u64, len: u64) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_at_into(file, offset, len, &mut buf)?;
    buf.truncate(usize::try_from(len).unwrap_or(0));
    Ok(buf)
}

/// Reads `len` bytes at `offset` of `file` into the front of `buf`, which is reused: each
/// chunk read into a fresh buffer would be a fresh mapping, faulted in page by page.
fn read_at_into<'b>(
    file: &mut File,
    offset: u64,
    len: u64,
    buf: &'b mut Vec<u8>,
) -> io::Result<&'b [u8]> {
    let len = usize::try_from(len).map_err(|_| invalid("length out of range"))?;
    file.seek(SeekFrom::Start(offset))?;
    if buf.len() < len {
        buf.resize(len, 0);
    }
    let window = buf
        .get_mut(..len)
        .ok_or_else(|| invalid("length out of range"))?;
    file.read_exact(window)?;
    Ok(window)
}

/// Checks prefix and footer and decodes the header.
fn read_header(file: &mut File) -> io::Result<Header> {
    let size = file.metadata()?.len();
    if size < PREFIX_LEN + FOOTER_LEN {
        return Err(invalid("truncated"));
    }
    let prefix = read_at(file, 0, PREFIX_LEN)?;
    if prefix.get(..8) != Some(MAGIC.as_slice()) {
        return Err(invalid("not a papertui cache file"));
    }
    if prefix.get(8..12) != Some(FORMAT_VERSION.to_le_bytes().as_slice()) {
        return Err(invalid("another cache format version"));
    }
    let footer = read_at(file, size - FOOTER_LEN, FOOTER_LEN)?;
    if footer.get(20..24) != Some(END_MAGIC.as_slice()) {
        return Err(invalid("truncated (no end marker)"));
    }
    let offset = le_u64(&footer, 0)?;
    let len = le_u64(&footer, 8)?;
    let crc = le_u32(&footer, 16)?;
    if offset < PREFIX_LEN || offset.checked_add(len) != Some(size - FOOTER_LEN) {
        return Err(invalid("header out of bounds"));
    }
    let bytes = read_at(file, offset, len)?;
    if crc32fast::hash(&bytes) != crc {
        return Err(invalid("header checksum mismatch"));
    }
    let header: Header = postcard::from_bytes(&bytes).map_err(|e| invalid(e.to_string()))?;
    if header.chunks.iter().any(|c| {
        let end = c.offset.saturating_add(c.len).saturating_add(c.bodies_len);
        c.offset < PREFIX_LEN || end > offset
    }) {
        return Err(invalid("chunk out of bounds"));
    }
    Ok(header)
}

/// The `N` bytes of `bytes` at `at`, or an error naming `what` when they are not all there.
fn bytes_at<const N: usize>(bytes: &[u8], at: usize, what: &str) -> io::Result<[u8; N]> {
    bytes
        .get(at..at + N)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| invalid(format!("short {what}")))
}

/// The little-endian u64 of the footer at `at`.
fn le_u64(bytes: &[u8], at: usize) -> io::Result<u64> {
    bytes_at(bytes, at, "footer").map(u64::from_le_bytes)
}

/// The little-endian u32 of the footer at `at`.
fn le_u32(bytes: &[u8], at: usize) -> io::Result<u32> {
    bytes_at(bytes, at, "footer").map(u32::from_le_bytes)
}

/// The bodies of an entry read with [`Bodies::Defer`], read one at a time on demand.
///
/// The entry stays open, so a newer entry renamed over it or its removal by another instance
/// leaves these bytes readable; every body is checked against its crc32 when read. The first
/// body that cannot be read marks the entry for rebuilding: it is removed (with its indexes),
/// so the next start of any command parses the pages again and writes a sound entry.
struct EntryBodies {
    file: Mutex<File>,
    path: PathBuf,
    /// Set once the entry has been removed for a damaged body.
    condemned: AtomicBool,
}

impl BodyReader for EntryBodies {
    fn read_body(&self, at: &BodyAt, paragraphs: u32) -> Result<PackedBody, String> {
        let bytes = {
            let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
            read_at(&mut file, at.offset, u64::from(at.len))
        };
        bytes
            .map_err(|e| e.to_string())
            .and_then(|b| decode_body(&b, at.crc, paragraphs))
            .map_err(|e| {
                self.condemn();
                format!(
                    "the text could not be read back from the cache ({}: {e}); the pages \
                     will be parsed again at the next start",
                    crate::escape::Shown(&self.path)
                )
            })
    }
}

impl EntryBodies {
    /// Removes the entry and its indexes, once, if the entry at the path is still the file
    /// these bodies are read from (not a sound one written since by another instance).
    fn condemn(&self) {
        if self.condemned.swap(true, Ordering::SeqCst) {
            return;
        }
        let ours = {
            let file = self.file.lock().unwrap_or_else(|e| e.into_inner());
            file.metadata().ok()
        };
        let there = fs::metadata(&self.path).ok();
        if let (Some(ours), Some(there)) = (ours, there)
            && same_file(&ours, &there)
        {
            let _ = fs::remove_file(self.path.with_extension(indexes::INDEX_EXTENSION));
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether two metadata describe the same file.
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// What the articles of a chunk refer to, and where deferred bodies are read from.
struct Tables<'a> {
    pages: &'a [Arc<PageHeader>],
    sources: &'a [Arc<str>],
    deferred: Option<Arc<EntryBodies>>,
}

/// Checks one body's bytes and splits them: `paragraphs` ends (u32 each), then the text.
fn split_body(bytes: &[u8], crc: u32, paragraphs: u32) -> Result<(&[u8], &str), String> {
    if crc32fast::hash(bytes) != crc {
        return Err("body checksum mismatch".into());
    }
    let (ends, text) = bytes
        .split_at_checked((paragraphs as usize).saturating_mul(4))
        .ok_or("short body")?;
    let text = simdutf8::basic::from_utf8(text).map_err(|_| "body text is not UTF-8")?;
    Ok((ends, text))
}

/// The little-endian u32s of `bytes`.
fn ends_from(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// An article's one text buffer from its head's text and its body's: the body's paragraph
/// ends, counted from the body's start, are appended to the head's `ends`.
fn join_body(
    head: &str,
    ends: &mut Vec<u32>,
    body_ends: impl Iterator<Item = u32>,
    body: &str,
) -> Box<str> {
    let base = u32::try_from(head.len()).unwrap_or(u32::MAX);
    ends.extend(body_ends.map(|e| e.saturating_add(base)));
    let mut joined = String::with_capacity(head.len() + body.len());
    joined.push_str(head);
    joined.push_str(body);
    joined.into_boxed_str()
}

/// Checks and decodes one body (see [`split_body`]).
fn decode_body(bytes: &[u8], crc: u32, paragraphs: u32) -> Result<PackedBody, String> {
    let (ends, text) = split_body(bytes, crc, paragraphs)?;
    PackedBody::new(text.into(), ends_from(ends).collect())
        .ok_or_else(|| "inconsistent body".into())
}

/// Appends the encoding of `body` to `out` (see [`decode_body`]).
fn encode_body(body: &PackedBody, out: &mut Vec<u8>) {
    for e in &body.ends {
        out.extend_from_slice(&e.to_le_bytes());
    }
    out.extend_from_slice(body.text.as_bytes());
}

/// Reads, checks and decodes one chunk (own file handle, so chunks load in parallel).
fn read_chunk(
    path: &Path,
    chunk: &ChunkInfo,
    tables: &Tables<'_>,
    buf: &mut Vec<u8>,
) -> io::Result<Vec<Article>> {
    let mut file = crate::regular::open(path)?;
    let heads_and_bodies = chunk
        .len
        .checked_add(if tables.deferred.is_some() {
            0
        } else {
            chunk.bodies_len
        })
        .ok_or_else(|| invalid("chunk out of bounds"))?;
    let bytes = read_at_into(&mut file, chunk.offset, heads_and_bodies, buf)?;
    let (heads, bodies) = bytes.split_at(bytes.len().min(chunk.len as usize));
    if crc32fast::hash(heads) != chunk.crc {
        return Err(invalid("chunk checksum mismatch"));
    }
    let wire: Vec<WireArticleIn<'_>> =
        postcard::from_bytes(heads).map_err(|e| invalid(e.to_string()))?;
    if wire.len() != chunk.articles as usize {
        return Err(invalid("chunk article count mismatch"));
    }
    let bodies_at = chunk.offset + chunk.len;
    wire.into_iter()
        .map(|w| {
            let source = tables
                .sources
                .get(w.source as usize)
                .ok_or_else(|| invalid("bad source index"))?
                .clone();
            let page = match w.page {
                None => None,
                Some(i) => Some(Arc::clone(
                    tables
                        .pages
                        .get(i as usize)
                        .ok_or_else(|| invalid("bad page index"))?,
                )),
            };
            let head = simdutf8::basic::from_utf8(w.text)
                .map_err(|_| invalid("article text is not UTF-8"))?;
            let mut text = None;
            let mut ends = w.ends;
            let mut deferred = None;
            if let Some((offset, len, crc)) = w.body {
                let end = u64::from(offset) + u64::from(len);
                if end > chunk.bodies_len {
                    return Err(invalid("body out of bounds"));
                }
                let at = BodyAt {
                    offset: bodies_at + u64::from(offset),
                    len,
                    crc,
                };
                match &tables.deferred {
                    Some(reader) => {
                        deferred = Some((Arc::clone(reader) as Arc<dyn BodyReader>, at));
                    }
                    None => {
                        // Head and body are joined into the article's one buffer.
                        let bytes = bodies
                            .get(offset as usize..end as usize)
                            .ok_or_else(|| invalid("body out of bounds"))?;
                        let (body_ends, body) =
                            split_body(bytes, crc, w.counts[PARAGRAPH_COUNT]).map_err(invalid)?;
                        text = Some(join_body(head, &mut ends, ends_from(body_ends), body));
                    }
                }
            }
            Article::from_packed(
                source,
                w.ordinal,
                w.kind,
                page,
                (
                    text.unwrap_or_else(|| head.into()),
                    ends.into_boxed_slice(),
                    w.counts,
                ),
                deferred,
            )
            .map(|mut article| {
                article.doubts = w.doubts;
                article
            })
            .ok_or_else(|| invalid("inconsistent article text"))
        })
        .collect()
}

/// Streams the whole entry into `tmp` and syncs it.
fn write_entry(
    tmp: &Path,
    fingerprint: &Fingerprint,
    articles: &[Article],
    failed: &[Vec<u8>],
) -> io::Result<()> {
    // Tables: one entry per distinct page header (by identity) and per source path.
    let mut page_ids: HashMap<*const PageHeader, u32> = HashMap::new();
    let mut pages: Vec<PageHeader> = Vec::new();
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    let mut sources: Vec<String> = Vec::new();
    let mut refs: Vec<Refs> = Vec::with_capacity(articles.len());
    for a in articles {
        let source = *source_ids.entry(&a.source).or_insert_with(|| {
            sources.push(a.source.to_string());
            (sources.len() - 1) as u32
        });
        let page = a.page.as_ref().map(|p| {
            *page_ids.entry(Arc::as_ptr(p)).or_insert_with(|| {
                pages.push(PageHeader::clone(p));
                (pages.len() - 1) as u32
            })
        });
        refs.push((source, page));
    }

    let file = File::create(tmp)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&0u32.to_le_bytes())?;
    let mut offset = PREFIX_LEN;
    let mut chunks = Vec::new();
    let all: Vec<(&[Article], &[Refs])> = articles
        .chunks(CHUNK_ARTICLES)
        .zip(refs.chunks(CHUNK_ARTICLES))
        .collect();
    for batch in all.chunks(CHUNKS_IN_FLIGHT) {
        let encoded: Vec<(Vec<u8>, Vec<u8>)> = batch
            .par_iter()
            .map(|(arts, refs)| encode_chunk(arts, refs))
            .collect::<io::Result<_>>()?;
        for ((heads, bodies), (arts, _)) in encoded.iter().zip(batch) {
            out.write_all(heads)?;
            out.write_all(bodies)?;
            chunks.push(ChunkInfo {
                offset,
                len: heads.len() as u64,
                crc: crc32fast::hash(heads),
                articles: arts.len() as u32,
                bodies_len: bodies.len() as u64,
            });
            offset += (heads.len() + bodies.len()) as u64;
        }
    }
    let header = Header {
        stamps: fingerprint.stamps.clone(),
        failed: failed.to_vec(),
        pages,
        sources,
        chunks,
    };
    let bytes = postcard::to_stdvec(&header).map_err(|e| invalid(e.to_string()))?;
    out.write_all(&bytes)?;
    out.write_all(&offset.to_le_bytes())?;
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(&crc32fast::hash(&bytes).to_le_bytes())?;
    out.write_all(END_MAGIC)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()
}

/// Encodes one chunk of articles with their table indexes: their heads, and the bodies of the
/// titled ones.
fn encode_chunk(articles: &[Article], refs: &[Refs]) -> io::Result<(Vec<u8>, Vec<u8>)> {
    let mut bodies = Vec::new();
    let mut wire: Vec<WireArticleOut<'_>> = Vec::with_capacity(articles.len());
    for (a, &(source, page)) in articles.iter().zip(refs) {
        let titled = a.title().is_some_and(|t| !t.trim().is_empty());
        let (text, ends, body): (Cow<'_, str>, Cow<'_, [u32]>, _) = match a.packed_full() {
            Some((text, ends, _)) if !titled => (text.into(), ends.into(), None),
            _ => {
                let (text, ends, _) = a.packed_head();
                let packed = a.packed_body().map_err(invalid)?;
                if titled {
                    let start = bodies.len();
                    encode_body(&packed, &mut bodies);
                    let bytes = bodies.get(start..).unwrap_or(&[]);
                    let too_large = || invalid("article body too large for the cache");
                    let body = (
                        u32::try_from(start).map_err(|_| too_large())?,
                        u32::try_from(bytes.len()).map_err(|_| too_large())?,
                        crc32fast::hash(bytes),
                    );
                    (text.into(), ends.into(), Some(body))
                } else {
                    let mut ends = ends.to_vec();
                    let body_ends = packed.ends.iter().copied();
                    let text = join_body(text, &mut ends, body_ends, &packed.text);
                    (String::from(text).into(), ends.into(), None)
                }
            }
        };
        wire.push(WireArticleOut {
            source,
            ordinal: a.ordinal,
            kind: a.kind,
            doubts: a.doubts,
            page,
            counts: a.packed_head().2,
            ends,
            text,
            body,
        });
    }
    let heads = postcard::to_stdvec(&wire).map_err(|e| invalid(e.to_string()))?;
    Ok((heads, bodies))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonMention;

    fn corpus(dir: &Path) -> (Vec<PathBuf>, Vec<Article>) {
        let path = dir.join("p.txt");
        fs::write(&path, "x").expect("write page");
        let page = Arc::new(PageHeader {
            date: Some("2020-01-02".into()),
            ..PageHeader::default()
        });
        let articles = (0..2500u32)
            .map(|i| {
                let mut a = Article::new(&*path.to_string_lossy(), i, Kind::News);
                // Every third article is untitled: its body stays in its head.
                if i % 3 != 0 {
                    a.set_title(Some(&format!("标题{i}")));
                }
                a.page = Some(Arc::clone(&page));
                a.set_paragraphs(&["正文".repeat(i as usize % 7)]);
                a.set_persons(&[PersonMention {
                    name: "张三".into(),
                    role: (i % 2 == 0).then(|| "局长".into()),
                }]);
                a
            })
            .collect();
        (vec![path], articles)
    }

    /// A cache under `dir` and the fingerprint and articles of a corpus written there.
    fn cache_for_corpus(dir: &Path) -> (Cache, Fingerprint, Vec<Article>) {
        let (files, articles) = corpus(dir);
        let cache = Cache::at(dir.join("cache"));
        let fp = Fingerprint::of(&files);
        (cache, fp, articles)
    }

    #[test]
    fn round_trips_and_shares_page_headers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (cache, fp, articles) = cache_for_corpus(dir.path());
        assert_eq!(
            cache.load(&fp, Bodies::Read, &|_| {}).err(),
            Some(Miss::Absent)
        );
        cache.save(&fp, &articles, &[]).expect("save");
        let back = cache.load(&fp, Bodies::Read, &|_| {}).expect("hit");
        assert_eq!(back.articles, articles);
        let (a, b) = (&back.articles[0].page, &back.articles[2000].page);
        assert!(matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)));
    }

    #[test]
    fn deferred_bodies_read_back_on_demand_and_check_their_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (cache, fp, articles) = cache_for_corpus(dir.path());
        cache.save(&fp, &articles, &[]).expect("save");
        let back = cache.load(&fp, Bodies::Defer, &|_| {}).expect("hit");
        assert_eq!(back.articles.len(), articles.len());
        for (i, a) in back.articles.iter().enumerate() {
            assert_eq!(a.body_is_deferred(), i % 3 != 0, "article {i}");
        }
        // Building the store and searching headlines and people read no body.
        let store = crate::store::Store::from_articles(back.articles.clone());
        for input in ["标题1", "bt", "@张三", "正文"] {
            let query = crate::search::Query::parse(input, crate::search::Scope::All);
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let hits = crate::search::search(&store, &query, None, &cancel).expect("not cancelled");
            assert!(!hits.is_empty(), "{input}");
        }
        assert!(!store.people().is_empty());
        assert!(
            (0..store.len())
                .filter_map(|i| store.get(crate::store::ArticleId(i as u32)))
                .all(|a| a.body_is_deferred() == a.title().is_some())
        );
        // Reading deferred bodies in any order, from several threads, gives the saved ones.
        back.articles.par_iter().rev().for_each(|a| {
            assert_eq!(a.body_error(), None);
        });
        assert_eq!(back.articles, articles);

        // A damaged body fails alone and says so (the last six-fold body is a titled
        // article's, in the bodies of the last chunk); the heads and other bodies are unharmed.
        let path = cache.entry_path(&fp);
        let mut bytes = fs::read(&path).expect("read entry");
        let body = "正文正文正文正文正文正文".as_bytes();
        let at = bytes
            .windows(body.len())
            .rposition(|w| w == body)
            .expect("a six-fold body");
        bytes[at + 1] ^= 0x01;
        fs::write(&path, &bytes).expect("damage");
        let back = cache
            .load(&fp, Bodies::Defer, &|_| {})
            .expect("heads intact");
        // (Bodies after the damaged one are read after the entry was removed for it: the
        // open entry still serves them.)
        let failed: Vec<usize> = (0..back.articles.len())
            .filter(|&i| back.articles[i].body_error().is_some())
            .collect();
        assert_eq!(failed.len(), 1);
        let error = back.articles[failed[0]].body_error().unwrap_or_default();
        assert!(
            error.contains("checksum") && error.contains("parsed again at the next start"),
            "{error}"
        );
        assert_eq!(
            back.articles[failed[0]].title(),
            articles[failed[0]].title()
        );
        // The damaged entry is gone: the next start of any command parses and rewrites it.
        assert_eq!(
            cache.load(&fp, Bodies::Defer, &|_| {}).err(),
            Some(Miss::Absent)
        );
    }

    #[test]
    fn a_fifo_in_place_of_the_entry_or_its_index_is_a_miss_not_a_hang() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (cache, fp, articles) = cache_for_corpus(dir.path());
        fs::create_dir_all(cache.dir()).expect("cache dir");
        for path in [cache.entry_path(&fp), cache.indexes_path(&fp)] {
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .expect("run mkfifo");
            assert!(made.success());
        }
        // Opening either FIFO for reading would wait for a writer forever.
        let (c, f) = (cache.clone(), fp.clone());
        let (entry, index) = crate::regular::within("loading", move || {
            let entry = c.load(&f, Bodies::Read, &|_| {}).map(|_| ());
            (
                entry,
                c.load_indexes(&f).map(|_| ()).map_err(|e| e.to_string()),
            )
        });
        assert!(matches!(entry, Err(Miss::Corrupt(_))), "{entry:?}");
        assert!(index.is_err());
        cache
            .save(&fp, &articles[..10], &[])
            .expect("written in its place");
        let back = cache.load(&fp, Bodies::Read, &|_| {}).expect("hit");
        assert_eq!(back.articles, articles[..10]);
    }

    #[test]
    fn every_truncation_is_a_miss_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (cache, fp, articles) = cache_for_corpus(dir.path());
        cache.save(&fp, &articles[..3], &[]).expect("save");
        let path = cache.entry_path(&fp);
        let bytes = fs::read(&path).expect("read entry");
        for cut in 0..bytes.len() {
            fs::write(&path, &bytes[..cut]).expect("truncate");
            assert!(matches!(
                cache.load(&fp, Bodies::Read, &|_| {}),
                Err(Miss::Corrupt(_))
            ));
        }
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x40;
            fs::write(&path, &flipped).expect("flip");
            // Reserved bytes are not checked; everything else is.
            if (12..16).contains(&i) {
                continue;
            }
            assert!(
                cache.load(&fp, Bodies::Read, &|_| {}).is_err(),
                "byte {i} flipped"
            );
        }
    }
}
