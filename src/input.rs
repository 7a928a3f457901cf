//! Command-line paths → page files, and reading one page with an error that names it.
//!
//! A run may cover hundreds of pages, so one bad path must not stop it: every failure
//! becomes an [`InputError`] collected beside the results (never a panic, never an early
//! return), and the caller reports them and goes on. Directories are walked in file-name
//! order so the same arguments always give the same files in the same order. Inside a
//! directory only `*.txt` files count (page dumps sit next to PDFs and images), while a file
//! named on the command line is taken whatever its name: the user asked for it.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::{fs, io};

use walkdir::WalkDir;

use crate::escape::Shown;
use crate::ingest::decode::{self, DecodeError, Decoded};
use crate::regular::{self, NotRegular};

/// A path that could not be listed or read, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", Shown(path))]
pub struct InputError {
    /// The file or directory concerned.
    pub path: PathBuf,
    /// What went wrong with it.
    pub kind: InputErrorKind,
}

/// The reason behind an [`InputError`].
#[derive(Debug, thiserror::Error)]
pub enum InputErrorKind {
    /// The path does not exist.
    #[error("not found; check the path")]
    NotFound,
    /// The file or directory exists but may not be read.
    #[error("permission denied; check the file's permissions")]
    PermissionDenied,
    /// Listed inside a directory but gone when opened (deleted, moved, or a broken link).
    #[error("vanished while the directory was being read (deleted, moved or a broken link)")]
    Vanished,
    /// A directory was given where a page file was expected.
    #[error("is a directory, not a page file")]
    IsADirectory,
    /// A FIFO, socket or device where a page file was expected: never opened for reading,
    /// since reading it could wait forever.
    #[error("is {0}, not a regular file; skipped")]
    NotRegular(&'static str),
    /// Following symbolic links led back to an ancestor directory.
    #[error("symbolic link loop back to {}; skipped", Shown(.0))]
    LinkLoop(PathBuf),
    /// The bytes are not a text page.
    #[error("{0}")]
    Decode(DecodeError),
    /// Any other I/O failure, as the system reported it.
    #[error("{0}")]
    Io(io::Error),
}

impl InputError {
    /// An error about `path`.
    pub fn new(path: impl Into<PathBuf>, kind: InputErrorKind) -> Self {
        Self {
            path: path.into(),
            kind,
        }
    }
}

impl InputErrorKind {
    /// Classify an I/O error into the reasons users act on differently.
    fn from_io(error: io::Error) -> Self {
        if let Some(NotRegular(kind)) = NotRegular::of(&error)
            && kind != "a directory"
        {
            return Self::NotRegular(kind);
        }
        match error.kind() {
            io::ErrorKind::NotFound => Self::NotFound,
            io::ErrorKind::PermissionDenied => Self::PermissionDenied,
            io::ErrorKind::IsADirectory => Self::IsADirectory,
            _ => Self::Io(error),
        }
    }
}

/// Expand command-line paths into page files: directories walked, errors collected.
///
/// Files named explicitly are kept whatever their extension; directories are walked
/// recursively in file-name order, skipping hidden entries (name starting with `.`) and
/// taking files ending in `.txt` (any case). Symbolic links are followed. A file reached
/// twice (the same path) is listed once, where it first appeared. A FIFO, socket or device,
/// named or met as a `*.txt` entry, is an error: reading it could block forever.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(error) => errors.push(InputError::new(path, InputErrorKind::from_io(error))),
            Ok(meta) if meta.is_dir() => walk_directory(path, &mut files, &mut errors),
            Ok(meta) if !meta.is_file() => {
                let kind = regular::exists_irregular(path).unwrap_or("not a file");
                errors.push(InputError::new(path, InputErrorKind::NotRegular(kind)));
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    (without_repeats(files), errors)
}

/// Append the page files under `root`, and the errors met on the way.
fn walk_directory(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_txt_extension(entry.path()) => {
                files.push(entry.into_path());
            }
            Ok(entry) if !entry.file_type().is_dir() && has_txt_extension(entry.path()) => {
                let kind = regular::exists_irregular(entry.path()).unwrap_or("not a file");
                errors.push(InputError::new(
                    entry.into_path(),
                    InputErrorKind::NotRegular(kind),
                ));
            }
            Ok(_) => {}
            Err(error) => errors.push(walk_error(root, error)),
        }
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn has_txt_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"))
}

fn walk_error(root: &Path, error: walkdir::Error) -> InputError {
    let path = error.path().unwrap_or(root).to_path_buf();
    if let Some(ancestor) = error.loop_ancestor() {
        return InputError::new(path, InputErrorKind::LinkLoop(ancestor.to_path_buf()));
    }
    let kind = match error.into_io_error() {
        Some(io_error) if io_error.kind() == io::ErrorKind::NotFound => InputErrorKind::Vanished,
        Some(io_error) => InputErrorKind::from_io(io_error),
        None => InputErrorKind::Io(io::Error::other("directory walk failed")),
    };
    InputError::new(path, kind)
}

fn without_repeats(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    files
        .into_iter()
        .filter(|file| seen.insert(file.clone()))
        .collect()
}

/// Read and decode one page file into its text.
pub fn read_page(path: &Path) -> Result<String, InputError> {
    read_decoded(path).map(|decoded| decoded.text)
}

/// Read and decode one page file, keeping the encoding it was found in (for diagnostics).
///
/// A file larger than [`SAMPLE_BYTES`] is judged on its first [`SAMPLE_BYTES`] before the
/// rest is read: binary data or bytes in no encoding read here are refused at that point, so
/// a gigabyte of noise costs a few megabytes, not gigabytes.
pub fn read_decoded(path: &Path) -> Result<Decoded, InputError> {
    let io_error = |error| InputError::new(path, InputErrorKind::from_io(error));
    let decode_error = |error| InputError::new(path, InputErrorKind::Decode(error));
    let mut file = regular::open(path).map_err(io_error)?;
    // The size is a hint only: the file may grow or shrink while it is read.
    let hint = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(hint).unwrap_or(0).saturating_add(1))
        .map_err(|e| io_error(e.into()))?;
    (&mut file)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() == SAMPLE_BYTES {
        judge_sample(&bytes).map_err(decode_error)?;
        file.read_to_end(&mut bytes).map_err(io_error)?;
    }
    decode_page(bytes).map_err(decode_error)
}

/// Bytes of a page read first, to decide whether it is text at all.
pub const SAMPLE_BYTES: usize = 4 << 20;

/// Decodes a whole page file's bytes: [`decode::decode_owned`], and text decoded as GB18030
/// must read as Chinese ([`crate::plausible`]).
pub fn decode_page(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    plausible(decode::decode_owned(bytes)?)
}

fn plausible(decoded: Decoded) -> Result<Decoded, DecodeError> {
    if decoded.encoding == decode::GB18030_NAME {
        crate::plausible::check_chinese(&decoded.text)?;
    }
    Ok(decoded)
}

/// Refuses the start of a page if it is binary data or undecodable. The sample is cut after
/// its last line end (after its last whole UTF-16 unit for UTF-16), so a character cut at
/// the sample's end does not count against it; an empty sample is no verdict.
fn judge_sample(sample: &[u8]) -> Result<(), DecodeError> {
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]);
    let cut = if utf16 {
        sample.len() & !1
    } else {
        memchr::memrchr(b'\n', sample).map_or(sample.len(), |at| at + 1)
    };
    match decode::decode(sample.get(..cut).unwrap_or(sample)).and_then(plausible) {
        Err(error @ (DecodeError::Binary(_) | DecodeError::Undecodable { .. })) => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::decode::BinaryKind;
    use std::os::unix::fs::PermissionsExt;
    use tempfile::TempDir;

    #[test]
    fn a_large_file_is_judged_on_its_first_megabytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("noise.txt");
        // Control bytes, then a sparse tail of NULs that is never read: the sample decides
        // (reading it all would find NUL bytes instead).
        fs::write(&path, vec![1u8; SAMPLE_BYTES]).expect("write");
        let file = fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        file.set_len(64 * SAMPLE_BYTES as u64).expect("grow");
        let error = read_page(&path).expect_err("binary");
        assert!(
            matches!(
                error.kind,
                InputErrorKind::Decode(DecodeError::Binary(BinaryKind::ControlCharacters))
            ),
            "{error}"
        );
    }

    #[test]
    fn a_large_text_cut_mid_character_by_the_sample_is_read_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.txt");
        // One long line, so the sample ends inside a three-byte character.
        let text = "全县粮食总产达到九十四万吨，".repeat(SAMPLE_BYTES / 40 + 1);
        let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
        for bytes in [text.as_bytes().to_vec(), gb] {
            fs::write(&path, &bytes).expect("write");
            assert_eq!(read_page(&path).expect("text"), text);
        }
    }

    fn tree(files: &[(&str, &[u8])]) -> TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, content) in files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).expect("create parent");
            }
            fs::write(&path, content).expect("write file");
        }
        dir
    }

    fn relative(root: &Path, files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|f| {
                f.strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn walks_nested_directories_sorted_by_file_name() {
        let dir = tree(&[
            ("b.txt", b"b"),
            ("sub/z.txt", b"z"),
            ("sub/deeper/c.txt", b"c"),
            ("a.txt", b"a"),
            ("A2.TXT", b"A"),
        ]);
        let (files, errors) = collect_files(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            relative(dir.path(), &files),
            ["A2.TXT", "a.txt", "b.txt", "sub/deeper/c.txt", "sub/z.txt"]
        );
    }

    #[test]
    fn hidden_entries_are_skipped_when_walking() {
        let dir = tree(&[
            (".hidden.txt", b"x"),
            (".git/page.txt", b"x"),
            ("sub/.draft.txt", b"x"),
            ("page.txt", b"x"),
        ]);
        let (files, _) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(relative(dir.path(), &files), ["page.txt"]);
    }

    #[test]
    fn hidden_directory_named_explicitly_is_walked() {
        let dir = tree(&[(".pages/page.txt", b"x")]);
        let (files, errors) = collect_files(&[dir.path().join(".pages")]);
        assert!(errors.is_empty());
        assert_eq!(relative(dir.path(), &files), [".pages/page.txt"]);
    }

    #[test]
    fn non_txt_files_are_skipped_when_walking() {
        let dir = tree(&[("page.pdf", b"x"), ("notes.md", b"x"), ("page.txt", b"x")]);
        let (files, _) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(relative(dir.path(), &files), ["page.txt"]);
    }

    #[test]
    fn explicit_file_is_taken_whatever_its_extension() {
        let dir = tree(&[("notes.md", b"x"), (".hidden", b"x")]);
        let named = [dir.path().join("notes.md"), dir.path().join(".hidden")];
        let (files, errors) = collect_files(&named);
        assert!(errors.is_empty());
        assert_eq!(files, named);
    }

    #[test]
    fn arguments_keep_their_order_and_repeats_are_dropped() {
        let dir = tree(&[("a.txt", b"a"), ("b.txt", b"b")]);
        let b = dir.path().join("b.txt");
        let (files, _) = collect_files(&[b.clone(), dir.path().to_path_buf(), b.clone()]);
        assert_eq!(files, [b, dir.path().join("a.txt")]);
    }

    #[test]
    fn missing_path_is_an_error_and_the_rest_go_on() {
        let dir = tree(&[("page.txt", b"x")]);
        let missing = dir.path().join("no-such-dir");
        let (files, errors) = collect_files(&[missing.clone(), dir.path().to_path_buf()]);
        assert_eq!(relative(dir.path(), &files), ["page.txt"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, missing);
        assert!(matches!(errors[0].kind, InputErrorKind::NotFound));
        assert_eq!(
            errors[0].to_string(),
            format!("{}: not found; check the path", missing.display())
        );
    }

    #[test]
    fn unreadable_directory_is_an_error_and_the_rest_go_on() {
        let dir = tree(&[("locked/page.txt", b"x"), ("open/page.txt", b"x")]);
        let locked = dir.path().join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        // Root reads anything: only assert when the lock actually holds.
        let enforced = fs::read_dir(&locked).is_err();
        let (files, errors) = collect_files(&[dir.path().to_path_buf()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
        assert!(files.contains(&dir.path().join("open/page.txt")));
        if enforced {
            assert_eq!(files.len(), 1, "{files:?}");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].path, locked);
            assert!(matches!(errors[0].kind, InputErrorKind::PermissionDenied));
        }
    }

    #[test]
    fn unreadable_file_is_permission_denied() {
        let dir = tree(&[("page.txt", "正文".as_bytes())]);
        let path = dir.path().join("page.txt");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        let result = read_page(&path);
        // Root reads anything: only assert when the lock actually holds.
        if fs::read(&path).is_err() {
            let error = result.expect_err("unreadable");
            assert!(matches!(error.kind, InputErrorKind::PermissionDenied));
            assert!(error.to_string().contains("permission denied"), "{error}");
        }
    }

    #[test]
    fn reading_a_missing_file_names_it() {
        let dir = tree(&[]);
        let path = dir.path().join("gone.txt");
        let error = read_page(&path).expect_err("missing");
        assert!(matches!(error.kind, InputErrorKind::NotFound));
        assert!(error.to_string().starts_with(&path.display().to_string()));
    }

    #[test]
    fn reading_a_directory_is_an_error() {
        let dir = tree(&[]);
        let error = read_page(dir.path()).expect_err("directory");
        assert!(
            matches!(error.kind, InputErrorKind::IsADirectory),
            "{error}"
        );
    }

    #[test]
    fn binary_file_is_refused_with_a_clear_message() {
        let dir = tree(&[("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")]);
        let path = dir.path().join("scan.txt");
        let error = read_page(&path).expect_err("binary");
        assert!(matches!(
            error.kind,
            InputErrorKind::Decode(DecodeError::Binary(BinaryKind::NulBytes))
        ));
        assert_eq!(
            error.to_string(),
            format!(
                "{}: binary data (NUL bytes), not a text page",
                path.display()
            )
        );
    }

    #[test]
    fn empty_file_is_reported_as_empty() {
        let dir = tree(&[("blank.txt", b""), ("spaces.txt", " \n　\n".as_bytes())]);
        for name in ["blank.txt", "spaces.txt"] {
            let error = read_page(&dir.path().join(name)).expect_err("empty");
            assert!(
                matches!(error.kind, InputErrorKind::Decode(DecodeError::Empty)),
                "{name}: {error}"
            );
        }
    }

    #[test]
    fn gb18030_file_is_decoded() {
        let text = "温县：秋粮丰收\n　　本报讯（记者 张三）……\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        let dir = tree(&[("gbk.txt", &bytes)]);
        let decoded = read_decoded(&dir.path().join("gbk.txt")).expect("GB18030 page");
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, decode::GB18030_NAME);
    }

    #[test]
    fn ten_megabyte_single_line_is_read() {
        let line = "焦作日报".repeat(900_000); // 10.8 MB, no newline
        let dir = tree(&[("long.txt", line.as_bytes())]);
        let text = read_page(&dir.path().join("long.txt")).expect("long line");
        assert_eq!(text.len(), line.len());
        assert!(!text.contains('\n'));
    }

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("run mkfifo");
        assert!(made.success(), "mkfifo {}", path.display());
    }

    #[test]
    fn a_fifo_named_or_walked_is_reported_and_never_opened() {
        let dir = tree(&[("good.txt", "正文".as_bytes()), ("sub/ok.txt", b"x")]);
        let named = dir.path().join("p.txt");
        let walked = dir.path().join("sub/q.txt");
        mkfifo(&named);
        mkfifo(&walked);
        mkfifo(&dir.path().join("sub/not-a-page.fifo"));
        let args = [named.clone(), dir.path().join("sub")];
        let (files, errors) = crate::regular::within("collecting", move || collect_files(&args));
        assert_eq!(relative(dir.path(), &files), ["sub/ok.txt"]);
        let reported: Vec<(&Path, String)> = errors
            .iter()
            .map(|e| (e.path.as_path(), e.kind.to_string()))
            .collect();
        let message = "is a FIFO, not a regular file; skipped".to_owned();
        assert_eq!(
            reported,
            [
                (named.as_path(), message.clone()),
                (walked.as_path(), message)
            ]
        );
        // Reading one anyway (swapped in after the walk) fails at once.
        let fifo = named.clone();
        let error = crate::regular::within("reading", move || read_page(&fifo)).expect_err("FIFO");
        assert!(
            matches!(error.kind, InputErrorKind::NotRegular("a FIFO")),
            "{error}"
        );
    }

    #[test]
    fn broken_link_inside_a_directory_is_reported_and_the_rest_go_on() {
        let dir = tree(&[("page.txt", b"x")]);
        let link = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), &link).expect("symlink");
        let (files, errors) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(relative(dir.path(), &files), ["page.txt"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(matches!(errors[0].kind, InputErrorKind::Vanished));
    }
}
