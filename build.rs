//! Build script: names the build by a hash of its sources, so that the corpus cache never
//! gives one build's parse of a page to another build that parses it differently.

use std::fs;
use std::path::{Path, PathBuf};

/// Every file under `dir`, recursively, in path order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// 64-bit FNV-1a of `bytes`, continuing from `hash`.
fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    files_under(Path::new("src"), &mut files);
    files.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for file in files.iter().chain([&PathBuf::from("Cargo.lock")]) {
        hash = fnv(hash, file.as_os_str().as_encoded_bytes());
        hash = fnv(hash, &fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=PAPERTUI_SOURCE_HASH={hash:016x}");
}
