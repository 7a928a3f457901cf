//! Reading and writing state files: atomic replace, and damaged files moved aside.
//!
//! Loading never fails: whatever is wrong with a file becomes a one-line notice for the status
//! bar and a fresh state. Saving fails only with an I/O error, which the caller reports.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::{CorpusId, STATE_VERSION, SavedState};
use crate::escape::Shown;
use crate::regular;

/// Environment variable naming the directory that holds the state files.
pub const DATA_DIR_ENV: &str = "PAPERTUI_DATA_DIR";

/// What loading gave: the state to start from, and a notice when the file was unusable.
#[derive(Clone, Debug, Default)]
pub struct LoadedState {
    /// The saved state, or a fresh one.
    pub state: SavedState,
    /// Said once in the status bar: what was wrong and where the file was moved.
    pub notice: Option<String>,
    /// True when an unusable file is still in place: saving would overwrite it, so don't.
    pub read_only: bool,
}

/// The directory state files live in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateDir {
    dir: PathBuf,
}

impl StateDir {
    /// State files in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> StateDir {
        StateDir { dir: dir.into() }
    }

    /// `$PAPERTUI_DATA_DIR`, else the platform data directory; None when neither is known.
    pub fn locate() -> Option<StateDir> {
        match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => Some(StateDir::new(dir)),
            None => directories::ProjectDirs::from("", "", "papertui")
                .map(|p| StateDir::new(p.data_dir())),
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file of `corpus`.
    pub fn path(&self, corpus: CorpusId) -> PathBuf {
        self.dir.join(corpus.file_name())
    }

    /// The saved state of `corpus`; a missing file is a fresh state, a damaged or newer one is
    /// moved aside and reported in [`LoadedState::notice`]. Temporary files left by a save that
    /// was killed are removed first (under the lock, so never one being written).
    pub fn load(&self, corpus: CorpusId) -> LoadedState {
        // Only if no other papertui is saving: the clean-up is worth no wait.
        if self.dir.is_dir()
            && let Ok(_lock) = self.lock(corpus, Duration::ZERO)
        {
            self.remove_temporaries(corpus);
        }
        self.read(corpus)
    }

    /// Removes the temporary files of `corpus`'s state file; call with the lock held, when
    /// no save of this corpus can be under way.
    fn remove_temporaries(&self, corpus: CorpusId) {
        let prefix = format!(".{}.tmp-", corpus.file_name());
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// [`StateDir::load`] without the lock and the clean-up.
    fn read(&self, corpus: CorpusId) -> LoadedState {
        let path = self.path(corpus);
        let problem = match regular::read(&path) {
            Ok(bytes) => match parse(&bytes) {
                Ok(state) => {
                    return LoadedState {
                        state,
                        notice: None,
                        read_only: false,
                    };
                }
                Err(problem) => problem,
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => return LoadedState::default(),
            // A FIFO or a device is never read (it could block): it is moved aside.
            Err(e) if regular::is_not_regular(&e) => e.to_string(),
            Err(e) => {
                return LoadedState {
                    state: SavedState::default(),
                    notice: Some(format!("saved state {} unreadable: {e}", Shown(&path))),
                    read_only: true,
                };
            }
        };
        let moved = move_aside(&path);
        let read_only = moved.is_err();
        let notice = match moved {
            Ok(to) => format!(
                "saved state {problem}; moved aside as {}, starting fresh",
                Shown(Path::new(to.file_name().map_or(to.as_os_str(), |n| n)))
            ),
            Err(e) => format!(
                "saved state {} {problem} and could not be moved aside ({e}); \
                 it will not be overwritten this session",
                Shown(&path)
            ),
        };
        LoadedState {
            state: SavedState::default(),
            notice: Some(notice),
            read_only,
        }
    }

    /// Writes `state` for `corpus` atomically (temp file, fsync, rename), under the lock.
    pub fn save(&self, corpus: CorpusId, state: &SavedState) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let _lock = self.lock(corpus, LOCK_WAIT)?;
        let bytes = serde_json::to_vec_pretty(state).map_err(io::Error::other)?;
        write_atomic(&self.path(corpus), &bytes)
    }

    /// Saves a reader's state for `corpus`: under the lock, reads what is saved now, applies
    /// the reader's changes since `base` ([`SavedState::merged`]) and writes the result
    /// atomically, which it returns. A file that became unusable meanwhile is moved aside
    /// first, as on loading; one that cannot be read is an error (it is not overwritten).
    pub fn update(
        &self,
        corpus: CorpusId,
        base: &SavedState,
        mine: &SavedState,
    ) -> io::Result<SavedState> {
        fs::create_dir_all(&self.dir)?;
        let _lock = self.lock(corpus, LOCK_WAIT)?;
        let now = self.read(corpus);
        if now.read_only {
            let why = now.notice.unwrap_or_default();
            return Err(io::Error::other(why));
        }
        let merged = now.state.merged(base, mine);
        let bytes = serde_json::to_vec_pretty(&merged).map_err(io::Error::other)?;
        write_atomic(&self.path(corpus), &bytes)?;
        Ok(merged)
    }

    /// Takes the lock of `corpus`'s state file, waiting `wait` at most for another papertui
    /// to finish its save; released when the returned file is dropped.
    fn lock(&self, corpus: CorpusId, wait: Duration) -> io::Result<File> {
        let name = format!(".{}.lock", corpus.file_name());
        let path = self.dir.join(name);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
        }
        let file = options.open(&path)?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::other(format!(
                "{} is not a regular file",
                Shown(&path)
            )));
        }
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!("{} is held by another papertui", Shown(&path)),
                    ));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }
}

/// Longest wait for another papertui's save of the same corpus.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The state in `bytes`, or what is wrong with them.
fn parse(bytes: &[u8]) -> Result<SavedState, String> {
    // serde reads a struct from an array too (`[]` would be an empty state): only an object
    // is a state file.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err("is damaged (not a JSON object)".into());
    }
    match serde_json::from_slice::<SavedState>(bytes) {
        Ok(mut state) if state.version <= STATE_VERSION => {
            if let Some(filter) = &mut state.filter {
                filter.cap();
            }
            Ok(state)
        }
        Ok(state) => Err(format!(
            "is version {} (newer than this papertui)",
            state.version
        )),
        Err(e) => Err(format!("is damaged ({e})")),
    }
}

/// Renames `path` to `path.corrupt-<unix seconds>` (never over an existing file).
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 0..100u32 {
        let suffix = if n == 0 {
            format!(".corrupt-{secs}")
        } else {
            format!(".corrupt-{secs}-{n}")
        };
        let to = path.with_file_name(format!("{name}{suffix}"));
        if !to.exists() {
            fs::rename(path, &to)?;
            return Ok(to);
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many moved-aside files",
    ))
}

/// Replaces `path` with `bytes` so a reader sees the old content or the new, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable; not every platform can open a directory.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> CorpusId {
        CorpusId::of(["a.txt", "b.txt"])
    }

    fn sample_state() -> SavedState {
        SavedState {
            bookmarks: ["a.txt#3".to_owned(), "b.txt#0".to_owned()].into(),
            read: ["a.txt#1".to_owned()].into(),
            filter: Some(super::super::SavedFilter {
                text: "会议".into(),
                scope: crate::vocab::FilterScope::Bookmarked,
                person: Some("吕沛".into()),
            }),
            selected: Some("a.txt#3".into()),
            ..SavedState::default()
        }
    }

    /// The files in `dir` but lock files.
    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn round_trip() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path().join("nested"));
        let fresh = dir.load(corpus());
        assert_eq!(fresh.state, SavedState::default());
        assert!(fresh.notice.is_none());
        dir.save(corpus(), &sample_state()).expect("save");
        let loaded = dir.load(corpus());
        assert_eq!(loaded.state, sample_state());
        assert!(loaded.notice.is_none());
        let other = dir.load(CorpusId::of(["c.txt"]));
        assert_eq!(other.state, SavedState::default(), "corpora do not share");
    }

    #[test]
    fn atomic_write_leaves_no_temp_file() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        dir.save(corpus(), &SavedState::default()).expect("save");
        dir.save(corpus(), &sample_state()).expect("save again");
        assert_eq!(files(tmp.path()), vec![corpus().file_name()]);
    }

    #[test]
    fn failed_write_leaves_no_temp_file_and_keeps_the_old_state() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        dir.save(corpus(), &sample_state()).expect("save");
        // A directory where the file should go makes the rename fail.
        let blocked = tmp.path().join("blocked.json");
        fs::create_dir(&blocked).expect("mkdir");
        fs::write(blocked.join("x"), b"x").expect("fill");
        assert!(write_atomic(&blocked, b"{}").is_err());
        let mut expected = vec!["blocked.json".to_owned(), corpus().file_name()];
        expected.sort();
        assert_eq!(files(tmp.path()), expected);
        assert_eq!(dir.load(corpus()).state, sample_state());
    }

    #[test]
    fn corrupt_file_is_moved_aside_and_reported() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        fs::write(dir.path(corpus()), b"{\"version\": 1, \"bookmarks\": [").expect("write");
        let loaded = dir.load(corpus());
        assert_eq!(loaded.state, SavedState::default());
        let notice = loaded.notice.expect("reported");
        assert!(
            notice.contains("damaged") && notice.contains(".corrupt-"),
            "{notice}"
        );
        let names = files(tmp.path());
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with(&format!("{}.corrupt-", corpus().file_name())));
        // Kept, not overwritten: the next load is fresh and says nothing.
        assert!(dir.load(corpus()).notice.is_none());
        let kept = fs::read(tmp.path().join(&names[0])).expect("kept");
        assert_eq!(kept, b"{\"version\": 1, \"bookmarks\": [");
    }

    #[test]
    fn future_version_is_moved_aside_and_reported() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        let future = format!(
            "{{\"version\": {}, \"bookmarks\": [\"a.txt#1\"]}}",
            STATE_VERSION + 1
        );
        fs::write(dir.path(corpus()), &future).expect("write");
        let loaded = dir.load(corpus());
        assert!(loaded.state.bookmarks.is_empty());
        let notice = loaded.notice.expect("reported");
        assert!(notice.contains("newer"), "{notice}");
        let names = files(tmp.path());
        assert_eq!(names.len(), 1);
        assert!(names[0].contains(".corrupt-"));
        dir.save(corpus(), &SavedState::default()).expect("save");
        assert_eq!(
            fs::read_to_string(tmp.path().join(&names[0])).expect("kept"),
            future
        );
    }

    #[test]
    fn a_fifo_in_place_of_the_state_file_is_moved_aside_without_being_read() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path(corpus()))
            .status()
            .expect("run mkfifo");
        assert!(made.success());
        // Reading the FIFO would wait for a writer forever.
        let reader = dir.clone();
        let loaded = crate::regular::within("loading", move || reader.load(corpus()));
        assert_eq!(loaded.state, SavedState::default());
        assert!(!loaded.read_only);
        let notice = loaded.notice.expect("reported");
        assert!(
            notice.contains("is a FIFO") && notice.contains(".corrupt-"),
            "{notice}"
        );
        dir.save(corpus(), &sample_state())
            .expect("saved in its place");
        assert_eq!(dir.load(corpus()).state, sample_state());
    }

    #[test]
    fn a_long_saved_filter_is_restored_capped() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        let mut state = sample_state();
        if let Some(filter) = &mut state.filter {
            filter.text = "x".repeat(100_000);
        }
        dir.save(corpus(), &state).expect("save");
        let loaded = dir.load(corpus()).state;
        let text = loaded.filter.map(|f| f.text).unwrap_or_default();
        assert_eq!(text.len(), crate::state::MAX_FILTER_CHARS);
    }

    /// Two readers that started from `start` save `a` and `b`, in the order given.
    fn two_readers(first_a: bool) -> SavedState {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        let start = SavedState {
            bookmarks: ["a.txt#0".to_owned(), "a.txt#1".to_owned()].into(),
            ..SavedState::default()
        };
        dir.save(corpus(), &start).expect("save");
        // Reader a bookmarks a.txt#2; reader b unbookmarks a.txt#1 and reads b.txt#0.
        let mut a = start.clone();
        a.bookmarks.insert("a.txt#2".into());
        let mut b = start.clone();
        b.bookmarks.remove("a.txt#1");
        b.read.insert("b.txt#0".into());
        let saves = if first_a { [&a, &b] } else { [&b, &a] };
        for mine in saves {
            dir.update(corpus(), &start, mine).expect("update");
        }
        dir.load(corpus()).state
    }

    #[test]
    fn two_readers_lose_nothing_whichever_saves_last() {
        for first_a in [true, false] {
            let saved = two_readers(first_a);
            let bookmarks: Vec<&str> = saved.bookmarks.iter().map(String::as_str).collect();
            assert_eq!(bookmarks, ["a.txt#0", "a.txt#2"], "a first: {first_a}");
            assert!(saved.read.contains("b.txt#0"), "a first: {first_a}");
        }
    }

    #[test]
    fn a_held_lock_is_waited_for() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        let held = dir.lock(corpus(), LOCK_WAIT).expect("lock");
        let other = dir.clone();
        let saver = std::thread::spawn(move || other.save(corpus(), &sample_state()));
        std::thread::sleep(Duration::from_millis(100));
        assert!(!dir.path(corpus()).exists(), "waits for the lock");
        drop(held);
        saver
            .join()
            .expect("thread")
            .expect("saved once the lock is free");
        assert_eq!(dir.load(corpus()).state, sample_state());
    }

    #[test]
    fn an_array_is_no_state_and_is_moved_aside_intact() {
        for text in ["[]", " [1, [\"a.txt#1\"]]", "null", "\"x\"", "7"] {
            let tmp = tempfile::tempdir().expect("temp dir");
            let dir = StateDir::new(tmp.path());
            fs::write(dir.path(corpus()), text).expect("write");
            let loaded = dir.load(corpus());
            assert_eq!(loaded.state, SavedState::default());
            let notice = loaded.notice.expect("reported");
            assert!(notice.contains("not a JSON object"), "{text}: {notice}");
            let names = files(tmp.path());
            assert_eq!(names.len(), 1, "{names:?}");
            assert!(names[0].contains(".corrupt-"), "{names:?}");
            let kept = fs::read_to_string(tmp.path().join(&names[0])).expect("kept");
            assert_eq!(kept, text);
        }
    }

    #[test]
    fn temporary_files_of_a_killed_save_are_removed_on_start() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        dir.save(corpus(), &sample_state()).expect("save");
        let orphan = tmp
            .path()
            .join(format!(".{}.tmp-4194304", corpus().file_name()));
        fs::write(&orphan, vec![b'x'; 1 << 20]).expect("orphan");
        let other = CorpusId::of(["c.txt"]);
        let others = tmp.path().join(format!(".{}.tmp-1", other.file_name()));
        fs::write(&others, b"x").expect("another corpus's");
        assert_eq!(dir.load(corpus()).state, sample_state());
        assert!(!orphan.exists(), "the orphan is removed");
        assert!(
            others.exists(),
            "another corpus's temporaries are its own business"
        );
    }

    #[test]
    fn older_files_without_new_fields_still_load() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = StateDir::new(tmp.path());
        fs::write(
            dir.path(corpus()),
            b"{\"version\": 1, \"read\": [\"a.txt#2\"]}",
        )
        .expect("w");
        let loaded = dir.load(corpus());
        assert!(loaded.notice.is_none());
        assert!(loaded.state.read.contains("a.txt#2"));
    }
}
