//! Fuzz target: a saved-state file's bytes → `StateDir::load`, and a save of what was read.
//!
//! The promises: a state file that is refused is moved aside intact (byte for byte, under a
//! new name, the original name then free) and a fresh state is used; one that is taken is
//! left as it was, its filter capped, and what was taken survives a save and a load again.
#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use papertui::state::StateDir;
use papertui::state::{CorpusId, MAX_FILTER_CHARS, STATE_VERSION, SavedState};

#[path = "../common/scratch.rs"]
mod scratch;
use scratch::scratch;

const CORPUS: CorpusId = CorpusId(0x00c0_ffee);

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| scratch("state_file"))
}

/// Every file of the directory but the state file itself and the lock.
fn others(dir: &PathBuf, state: &PathBuf) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p != state && !p.to_string_lossy().ends_with(".lock"))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let states = StateDir::new(dir.clone());
    let path = states.path(CORPUS);
    fs::write(&path, data).expect("write state");
    let loaded = states.load(CORPUS);
    let moved = others(dir, &path);
    if loaded.notice.is_some() {
        assert!(
            !loaded.read_only,
            "could not move aside: {:?}",
            loaded.notice
        );
        assert_eq!(loaded.state, SavedState::default());
        assert!(!path.exists(), "refused file left in place");
        assert_eq!(moved.len(), 1, "{moved:?}");
        assert_eq!(
            fs::read(&moved[0]).expect("moved file"),
            data,
            "not moved aside intact"
        );
        fs::remove_file(&moved[0]).expect("clean up");
        return;
    }
    assert!(moved.is_empty(), "{moved:?}");
    assert_eq!(
        fs::read(&path).expect("state file"),
        data,
        "a taken file was changed"
    );
    let state = loaded.state;
    assert!(state.version <= STATE_VERSION);
    if let Some(filter) = &state.filter {
        assert!(filter.text.chars().count() <= MAX_FILTER_CHARS);
    }
    states.save(CORPUS, &state).expect("save");
    let again = states.load(CORPUS);
    assert_eq!(again.notice, None);
    assert_eq!(again.state, state, "not the same after a save");
});
