//! A scratch directory for fuzz targets that work on files.

use std::fs;
use std::path::PathBuf;

/// A fresh directory of this process for `target`, in memory where there is /dev/shm.
pub fn scratch(target: &str) -> PathBuf {
    let base = ["/dev/shm", "/tmp"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join(format!("papertui-fuzz-{target}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}
