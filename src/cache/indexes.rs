//! The saved indexes of a cache entry: the store without its articles, so that a reopen
//! reads the people, dates, sources and search keys back instead of building them again.
//!
//! They live next to the entry, in a file of the same name with the extension `ptx`:
//!
//! ```text
//! magic    8 bytes  "PTUIINDX"
//! version  u32 LE   FORMAT_VERSION
//! articles u64 LE   number of articles the indexes describe (for inspection)
//! length   u64 LE   bytes of the payload
//! crc      u32 LE   CRC-32 of the payload
//! payload  postcard(the store without articles, then the search index)
//! ```
//!
//! The payload is streamed to disk through the checksum, so writing never holds a second
//! copy of the indexes in memory. A file that is missing, truncated, of another version
//! or with a wrong checksum is a miss; what it decodes to is
//! checked against the articles before use ([`Catalog::with_indexes`]).

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::file::{bytes_at, invalid};
use super::{Cache, FORMAT_VERSION, Fingerprint};
use crate::search::{Catalog, SearchIndex};
use crate::store::Store;

/// First bytes of every index file.
const INDEX_MAGIC: &[u8; 8] = b"PTUIINDX";
/// Bytes before the payload.
const HEADER_LEN: usize = 8 + 4 + 8 + 8 + 4;
/// Extension of index files (the entry's is `ptc`).
pub(super) const INDEX_EXTENSION: &str = "ptx";

/// A writer that counts and checksums what passes through it.
struct Checked<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        let written = buf.get(..n).unwrap_or(buf);
        self.crc.update(written);
        self.len += written.len() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Cache {
    /// Where the saved indexes of the entry of `fingerprint` live.
    pub fn indexes_path(&self, fingerprint: &Fingerprint) -> PathBuf {
        self.entry_path(fingerprint).with_extension(INDEX_EXTENSION)
    }

    /// Saves the indexes of `catalog` (built from the articles of the entry of `fingerprint`),
    /// atomically.
    pub fn save_indexes(&self, fingerprint: &Fingerprint, catalog: &Catalog) -> io::Result<()> {
        fs::create_dir_all(self.dir())?;
        let path = self.indexes_path(fingerprint);
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        let written = write_indexes(&tmp, catalog).and_then(|()| super::file::replace(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written
    }

    /// Reads the saved indexes of the entry of `fingerprint`. The result has no articles yet:
    /// [`Catalog::with_indexes`] checks them against the articles.
    pub fn load_indexes(&self, fingerprint: &Fingerprint) -> io::Result<SavedIndexes> {
        let mut file = crate::regular::open(&self.indexes_path(fingerprint))?;
        let mut header = [0u8; HEADER_LEN];
        file.read_exact(&mut header)?;
        let le_u32 = |at| bytes_at(&header, at, "index header").map(u32::from_le_bytes);
        let le_u64 = |at| bytes_at(&header, at, "index header").map(u64::from_le_bytes);
        if bytes_at::<8>(&header, 0, "index header")? != *INDEX_MAGIC
            || le_u32(8)? != FORMAT_VERSION
        {
            return Err(invalid("not an index file of this version"));
        }
        let len = usize::try_from(le_u64(20)?).map_err(|_| invalid("index length out of range"))?;
        if file.metadata()?.len() != (HEADER_LEN + len) as u64 {
            return Err(invalid("index file of the wrong length"));
        }
        let mut payload = vec![0u8; len];
        file.read_exact(&mut payload)?;
        if crc32fast::hash(&payload) != le_u32(28)? {
            return Err(invalid("index checksum mismatch"));
        }
        postcard::from_bytes(&payload).map_err(|e| invalid(e.to_string()))
    }
}

/// The indexes of a catalog read back from disk, without the articles.
#[derive(Debug, Deserialize)]
pub struct SavedIndexes {
    /// The store's indexes (people, dates, sources).
    pub store: Store,
    /// The search keys.
    pub search: SearchIndex,
}

/// How a catalog's indexes are written: the same fields as [`SavedIndexes`], borrowed.
#[derive(Serialize)]
struct IndexesToSave<'a> {
    store: &'a Store,
    search: &'a SearchIndex,
}

/// Writes the index file of `catalog` to `path`.
fn write_indexes(path: &std::path::Path, catalog: &Catalog) -> io::Result<()> {
    let mut file = BufWriter::with_capacity(1 << 20, File::create(path)?);
    file.write_all(INDEX_MAGIC)?;
    file.write_all(&FORMAT_VERSION.to_le_bytes())?;
    file.write_all(&(catalog.len() as u64).to_le_bytes())?;
    // Length and checksum are known once the payload is written.
    file.write_all(&[0u8; 12])?;
    let checked = Checked {
        inner: file,
        crc: crc32fast::Hasher::new(),
        len: 0,
    };
    let saved = IndexesToSave {
        store: catalog.store(),
        search: catalog.index(),
    };
    let checked = postcard::to_io(&saved, checked).map_err(|e| invalid(e.to_string()))?;
    let Checked { inner, crc, len } = checked;
    let mut file = inner.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.seek(SeekFrom::Start(20))?;
    file.write_all(&len.to_le_bytes())?;
    file.write_all(&crc.finalize().to_le_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, Scope};
    use std::sync::atomic::AtomicBool;

    fn cache_and_store() -> (tempfile::TempDir, Cache, Fingerprint, Catalog) {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::at(dir.path());
        let page = dir.path().join("page.txt");
        fs::write(&page, "x").expect("write");
        let fingerprint = Fingerprint::of(&[page]);
        let catalog = Catalog::build(crate::corpus::sample());
        (dir, cache, fingerprint, catalog)
    }

    #[test]
    fn saved_indexes_answer_like_the_built_ones() {
        let (_dir, cache, fingerprint, built) = cache_and_store();
        cache.save_indexes(&fingerprint, &built).expect("saved");
        let indexes = cache.load_indexes(&fingerprint).expect("read back");
        let store = Catalog::with_indexes(indexes.store, indexes.search, crate::corpus::sample())
            .expect("indexes fit the articles");
        assert_eq!(store.len(), built.len());
        let names = |s: &Store| -> Vec<String> {
            s.people()
                .iter()
                .map(|&p| s.person_name(p).to_owned())
                .collect()
        };
        assert_eq!(names(&store), names(&built));
        assert_eq!(store.regions(), built.regions());
        let flag = AtomicBool::new(false);
        for q in ["会议", "ljc", "@吕沛"] {
            let query = Query::parse(q, Scope::All);
            let a = store.search(&query, None, &flag).expect("ran");
            let b = built.search(&query, None, &flag).expect("ran");
            assert_eq!(a.hits(), b.hits(), "{q}");
        }
    }

    #[test]
    fn damaged_or_mismatched_indexes_are_refused() {
        let (_dir, cache, fingerprint, built) = cache_and_store();
        cache.save_indexes(&fingerprint, &built).expect("saved");
        let path = cache.indexes_path(&fingerprint);
        let bytes = fs::read(&path).expect("read");
        let mut flipped = bytes.clone();
        if let Some(b) = flipped.get_mut(HEADER_LEN + 10) {
            *b ^= 0x40;
        }
        fs::write(&path, &flipped).expect("write");
        assert!(cache.load_indexes(&fingerprint).is_err());
        for cut in [0, 5, HEADER_LEN, bytes.len() - 1] {
            fs::write(&path, bytes.get(..cut).unwrap_or_default()).expect("write");
            assert!(cache.load_indexes(&fingerprint).is_err(), "cut at {cut}");
        }
        // Indexes of other articles decode but do not fit.
        fs::write(&path, &bytes).expect("write");
        let indexes = cache.load_indexes(&fingerprint).expect("read back");
        let fewer: Vec<_> = crate::corpus::sample().into_iter().skip(1).collect();
        assert!(Catalog::with_indexes(indexes.store, indexes.search, fewer).is_err());
    }
}
