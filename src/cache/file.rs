//! Reading and replacing cache files: positioned reads, the header, checked little-endian fields.

use super::wire::Header;
use super::{END_MAGIC, FOOTER_LEN, FORMAT_VERSION, MAGIC, PREFIX_LEN};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// An `InvalidData` error with `message`.
pub(in crate::cache) fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

/// Renames `tmp` to `path`. Anything but a file at `path` (a directory, which a rename
/// cannot replace) is first moved aside, once, as `path.aside-N`, so it costs one write, not
/// a failed write and a warning on every run.
pub(in crate::cache) fn replace(tmp: &Path, path: &Path) -> io::Result<()> {
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
pub(in crate::cache) fn read_at(file: &mut File, offset: u64, len: u64) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_at_into(file, offset, len, &mut buf)?;
    buf.truncate(usize::try_from(len).unwrap_or(0));
    Ok(buf)
}

/// Reads `len` bytes at `offset` of `file` without moving its cursor, so that threads share
/// one handle without a lock.
pub(in crate::cache) fn read_shared(file: &File, offset: u64, len: u64) -> io::Result<Vec<u8>> {
    let len = usize::try_from(len).map_err(|_| invalid("length out of range"))?;
    let mut buf = vec![0; len];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(&mut buf, offset)?;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while let Some(rest) = buf.get_mut(done..).filter(|r| !r.is_empty()) {
            match file.seek_read(rest, offset + done as u64)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => done += n,
            }
        }
    }
    Ok(buf)
}

/// Reads `len` bytes at `offset` of `file` into the front of `buf`, which is reused: each
/// chunk read into a fresh buffer would be a fresh mapping, faulted in page by page.
pub(in crate::cache) fn read_at_into<'b>(
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
pub(in crate::cache) fn read_header(file: &mut File) -> io::Result<Header> {
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
pub(in crate::cache) fn bytes_at<const N: usize>(
    bytes: &[u8],
    at: usize,
    what: &str,
) -> io::Result<[u8; N]> {
    bytes
        .get(at..at + N)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| invalid(format!("short {what}")))
}

/// The little-endian u64 of the footer at `at`.
pub(in crate::cache) fn le_u64(bytes: &[u8], at: usize) -> io::Result<u64> {
    bytes_at(bytes, at, "footer").map(u64::from_le_bytes)
}

/// The little-endian u32 of the footer at `at`.
pub(in crate::cache) fn le_u32(bytes: &[u8], at: usize) -> io::Result<u32> {
    bytes_at(bytes, at, "footer").map(u32::from_le_bytes)
}

/// Whether two metadata describe the same file.
pub(in crate::cache) fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
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
