//! File stamps and the fingerprint of a set of files: what makes a cache entry valid.

use super::{FORMAT_VERSION, MAGIC};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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

/// What identifies this build: a hash of its sources (see `build.rs`). Another build may read
/// the same pages differently (its parser or its person pass changed), so it never reuses an
/// entry that this one wrote.
const BUILD: &str = env!("PAPERTUI_SOURCE_HASH");

/// The status change time of `meta` in nanoseconds since the epoch (0 where unknown).
pub(in crate::cache) fn ctime_ns(meta: &fs::Metadata) -> u128 {
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
    pub fn of_stamps(files: &[PathBuf], stamps: Vec<FileStamp>) -> Fingerprint {
        Fingerprint::of_build(files, stamps, BUILD.as_bytes())
    }

    /// The fingerprint of `files` from their stamps, as read by the build identified by
    /// `build`.
    pub(in crate::cache) fn of_build(
        files: &[PathBuf],
        mut stamps: Vec<FileStamp>,
        build: &[u8],
    ) -> Fingerprint {
        stamps.sort();
        let mut h = Fnv::default();
        h.write(MAGIC);
        h.write(&FORMAT_VERSION.to_le_bytes());
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        h.write(build);
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
    pub(in crate::cache) fn file_name(&self) -> String {
        format!("corpus-{:016x}.ptc", self.key)
    }
}

/// 64-bit FNV-1a: stable across builds and platforms, unlike `std`'s hasher.
pub(in crate::cache) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(in crate::cache) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(in crate::cache) fn finish(&self) -> u64 {
        self.0
    }
}
