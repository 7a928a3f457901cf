//! The source tree keeps its shape: layers that only point down, and files of one job.
//!
//! `src/lib.rs` lists the top-level modules in pipeline order, bottom up. Every `crate::`
//! path in a module's code (its tests aside) must name itself or a module listed before it,
//! so the module graph has no cycle and reads in the order the README draws. No source file
//! but a test file grows past [`MAX_LINES`].

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Longest source file allowed outside tests.
const MAX_LINES: usize = 800;

/// The top-level modules in the order `src/lib.rs` declares them.
fn layer_order() -> Vec<String> {
    let lib = fs::read_to_string("src/lib.rs").expect("src/lib.rs");
    lib.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            Some(rest.trim_end_matches(';').to_owned())
        })
        .collect()
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read source dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level module a file belongs to (`src/search/scan.rs` → `search`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix("src").expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_owned()
}

/// The file's code without its tests: a file of tests is all tests, and an inline test
/// module runs from `#[cfg(test)]` at the start of a line to the end of the file.
fn code_of(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = fs::read_to_string(path).expect("read source");
    match text.find("\n#[cfg(test)]\nmod tests") {
        Some(at) => text.get(..at).unwrap_or_default().to_owned(),
        None => text,
    }
}

/// The top-level modules named by `crate::` paths in `code`, also inside `use crate::{…}`.
/// Doc comments are skipped: a link up the layers is no dependency.
fn modules_named(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = rest.get(at + "crate::".len()..).unwrap_or_default();
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group.get(..end).unwrap_or_default().split(',') {
                    if let Some((module, _)) = item.trim().split_once("::") {
                        named.insert(module.to_owned());
                    }
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let after = rest.get(name.len()..).unwrap_or_default();
            if after.starts_with("::") || after.starts_with(';') {
                named.insert(name);
            }
        }
    }
    named
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let order = layer_order();
    assert!(order.len() > 10, "modules read from src/lib.rs: {order:?}");
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut upward = Vec::new();
    for path in rust_files(Path::new("src")) {
        let module = module_of(&path);
        let Some(own) = rank(&module) else {
            continue; // lib.rs, main.rs
        };
        for named in modules_named(&code_of(&path)) {
            match rank(&named) {
                Some(r) if r > own => {
                    upward.push(format!("{} uses {named}", path.display()));
                }
                None if named != "self" => {
                    upward.push(format!("{} names unknown module {named}", path.display()))
                }
                _ => {}
            }
        }
    }
    assert!(
        upward.is_empty(),
        "paths pointing up the layers of src/lib.rs:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_source_file_outside_tests_is_too_long() {
    let long: Vec<String> = rust_files(Path::new("src"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .filter_map(|p| {
            let lines = fs::read_to_string(&p).expect("read").lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "longer than {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_path_scanner_sees_single_and_grouped_paths() {
    let code = "use crate::store::Store;\nuse crate::{model::Article, search::Query};\n\
                /// [`crate::tui`] is only a link.\nlet x = crate::text::width(s);";
    let named: Vec<String> = modules_named(code).into_iter().collect();
    assert_eq!(named, ["model", "search", "store", "text"]);
}
