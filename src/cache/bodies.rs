//! Bodies left in an entry, read one at a time when an article is opened.

use super::file::{read_shared, same_file};
use super::wire::decode_body;
use std::fs::{self, File};
use std::path::PathBuf;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::{BodyAt, BodyReader, PackedBody};

/// The bodies of an entry read with [`Bodies::Defer`], read one at a time on demand, by
/// positioned reads of one shared handle (threads read bodies side by side, without a lock).
///
/// The entry stays open, so a newer entry renamed over it or its removal by another instance
/// leaves these bytes readable; every body is checked against its crc32 when read. The first
/// body that cannot be read marks the entry for rebuilding: it is removed (with its indexes),
/// so the next start of any command parses the pages again and writes a sound entry.
pub(in crate::cache) struct EntryBodies {
    pub(in crate::cache) file: File,
    pub(in crate::cache) path: PathBuf,
    /// Set once the entry has been removed for a damaged body.
    pub(in crate::cache) condemned: AtomicBool,
}

impl BodyReader for EntryBodies {
    fn read_body(&self, at: &BodyAt, paragraphs: u32) -> Result<PackedBody, String> {
        read_shared(&self.file, at.offset, u64::from(at.len))
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
    pub(in crate::cache) fn condemn(&self) {
        if self.condemned.swap(true, Ordering::SeqCst) {
            return;
        }
        let ours = self.file.metadata().ok();
        let there = fs::metadata(&self.path).ok();
        if let (Some(ours), Some(there)) = (ours, there)
            && same_file(&ours, &there)
        {
            let _ = fs::remove_file(self.path.with_extension(super::indexes::INDEX_EXTENSION));
            let _ = fs::remove_file(&self.path);
        }
    }
}
