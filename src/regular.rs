//! Opening files that must be regular files, without ever blocking on anything else.
//!
//! Every file papertui reads (pages, cache entries and their indexes, state files, the
//! configuration) is expected to be a plain file. Opening a FIFO for reading blocks until a
//! writer appears, and reading a terminal or a device can block forever or never end, so a
//! FIFO left where a page or the state file should be would hang the program (in the reader,
//! in raw mode). Files are therefore opened non-blocking (`O_NONBLOCK`, which makes opening a
//! FIFO return at once and changes nothing for a regular file) and without becoming the
//! controlling terminal (`O_NOCTTY`), and the type of what was opened is checked on the open
//! descriptor, so a file swapped for a FIFO between a `stat` and the `open` is caught too.
//! Anything but a regular file is an error that says what it is.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The error inside an [`io::Error`] for a path that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("is {0}, not a regular file")]
pub struct NotRegular(pub &'static str);

impl NotRegular {
    /// The [`NotRegular`] inside `error`, if that is what it is.
    pub fn of(error: &io::Error) -> Option<NotRegular> {
        error.get_ref()?.downcast_ref::<NotRegular>().copied()
    }
}

/// What a file type is, in words (`"a FIFO"`), or None for a regular file.
fn irregular(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a file")
}

/// The error for a non-regular file of type `kind`: `IsADirectory` for a directory (so the
/// usual message applies), `InvalidInput` carrying [`NotRegular`] otherwise.
fn not_regular(kind: &'static str) -> io::Error {
    if kind == "a directory" {
        return io::Error::new(io::ErrorKind::IsADirectory, NotRegular(kind));
    }
    io::Error::new(io::ErrorKind::InvalidInput, NotRegular(kind))
}

/// Whether `error` says the path was something other than a regular file.
pub fn is_not_regular(error: &io::Error) -> bool {
    NotRegular::of(error).is_some()
}

/// Opens `path` for reading if it is a regular file; never blocks on a FIFO or a device.
pub fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    match irregular(file.metadata()?.file_type()) {
        None => Ok(file),
        Some(kind) => Err(not_regular(kind)),
    }
}

/// Whether the thing at `path` (symbolic links followed) is there but not a regular file.
pub fn exists_irregular(path: &Path) -> Option<&'static str> {
    std::fs::metadata(path)
        .ok()
        .and_then(|m| irregular(m.file_type()))
}

/// Reads the whole of the regular file at `path`.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open(path)?;
    let mut bytes = Vec::new();
    // The size is a hint only: the file may grow or shrink while it is read.
    let hint = file.metadata().map_or(0, |m| m.len());
    bytes.try_reserve_exact(usize::try_from(hint).unwrap_or(0).saturating_add(1))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the whole of the regular file at `path` as UTF-8 text.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// Runs `f` on a thread of its own and panics if it has not returned within a generous
/// deadline, so a test of something that used to hang fails instead of hanging.
#[cfg(test)]
pub(crate) fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(30)) {
        Ok(value) => value,
        Err(_) => panic!("{what} hung (no answer within 30 s)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fifo(dir: &Path, name: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("run mkfifo");
        assert!(made.success());
        path
    }

    #[test]
    fn a_fifo_is_refused_at_once_and_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = fifo(dir.path(), "p.txt");
        // Without O_NONBLOCK this open would wait for a writer forever.
        let fifo = path.clone();
        let error = within("opening a FIFO", move || open(&fifo)).expect_err("not a page");
        assert_eq!(NotRegular::of(&error), Some(NotRegular("a FIFO")));
        assert_eq!(error.to_string(), "is a FIFO, not a regular file");
        assert!(read(&path).is_err());
        assert!(read_to_string(&path).is_err());
        assert_eq!(exists_irregular(&path), Some("a FIFO"));
    }

    #[test]
    fn devices_and_directories_are_refused() {
        let error = open(Path::new("/dev/null")).expect_err("a device");
        assert_eq!(
            NotRegular::of(&error),
            Some(NotRegular("a character device"))
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let error = open(dir.path()).expect_err("a directory");
        assert_eq!(error.kind(), io::ErrorKind::IsADirectory);
        assert!(is_not_regular(&error));
    }

    #[test]
    fn regular_files_read_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "温县\n").expect("write");
        assert_eq!(read_to_string(&path).expect("read"), "温县\n");
        assert_eq!(exists_irregular(&path), None);
        assert_eq!(
            open(&dir.path().join("missing"))
                .map(|_| ())
                .map_err(|e| e.kind()),
            Err(io::ErrorKind::NotFound)
        );
    }
}
