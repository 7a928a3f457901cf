//! The command line against bad and odd input: each bad file is named on stderr, the good ones
//! still load, and the exit code says whether every file could be read.
//!
//! These run the real binary. Page files are built in temporary directories from the sample
//! pages in `assets/`, so the expected articles come from the same text the parser is tested on.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// Articles in the embedded sample.
const SAMPLE_ARTICLES: usize = 51;

/// The binary under test, with no colour and a private home.
fn papertui(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_papertui"));
    cmd.env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_STATE_HOME", home)
        .env("XDG_DATA_HOME", home);
    cmd
}

/// A sample page from `assets/`, by file-name prefix (`"000"`).
fn sample_page(prefix: &str) -> (PathBuf, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let path = fs::read_dir(&dir)
        .expect("assets directory")
        .map(|e| e.expect("asset entry").path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
        .expect("sample page");
    let text = fs::read_to_string(&path).expect("sample page text");
    (path, text)
}

/// Parses JSON Lines output into records.
/// Runs papertui with `args`, asserts success, and returns what it printed.
fn stdout_of(home: &Path, args: &[&str]) -> Vec<u8> {
    papertui(home)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

fn records(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect()
}

/// The person names of an exported record.
fn persons(record: &Value) -> Vec<&str> {
    record["persons"]
        .as_array()
        .expect("persons array")
        .iter()
        .map(|p| p.as_str().expect("person name"))
        .collect()
}

/// Whether file permissions are enforced for this user (not for root).
fn permissions_enforced(locked: &Path) -> bool {
    fs::read(locked).is_err()
}

/// `papertui export` of one directory; returns exit code, stdout records and stderr.
fn export_dir(home: &Path, dir: &Path) -> (i32, Vec<Value>, String) {
    let output = papertui(home)
        .arg("export")
        .arg(dir)
        .output()
        .expect("run papertui");
    let code = output.status.code().expect("exit code");
    (
        code,
        records(&output.stdout),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The stderr lines that mention `name`.
fn lines_naming<'a>(stderr: &'a str, name: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(name)).collect()
}

#[test]
fn bad_files_are_named_and_the_good_pages_still_load() {
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("pages");
    let root = dir.path();
    let (_, good) = sample_page("001");
    let (_, locked_text) = sample_page("000");
    let (_, gb_source) = sample_page("002");

    fs::write(root.join("good.txt"), &good).expect("good page");
    let (gb_bytes, _, unmappable) = encoding_rs::GB18030.encode(&gb_source);
    assert!(!unmappable, "GB18030 encodes every character");
    fs::write(root.join("gb18030.txt"), &gb_bytes).expect("GB18030 page");
    let locked = root.join("locked.txt");
    fs::write(&locked, &locked_text).expect("locked page");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod 000");
    symlink(root.join("moved-away.txt"), root.join("dangling.txt")).expect("dangling link");
    fs::write(
        root.join("binary.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    )
    .expect("binary file");
    fs::write(root.join("empty.txt"), b"").expect("empty file");
    // One 10 MB line: the sample's text with every line break removed, repeated.
    let one_line = good.replace('\n', "");
    let long = one_line.repeat(10 * 1024 * 1024 / one_line.len() + 1);
    fs::write(root.join("long.txt"), &long).expect("long line");

    let enforced = permissions_enforced(&locked);
    let (code, out, stderr) = export_dir(home.path(), root);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).expect("chmod back");

    assert_eq!(code, 1, "some files failed: exit 1; stderr:\n{stderr}");
    for (name, reason) in [
        ("dangling.txt", "vanished"),
        ("binary.txt", "binary data"),
        ("empty.txt", "empty page"),
    ] {
        let lines = lines_naming(&stderr, name);
        assert_eq!(lines.len(), 1, "one message for {name}; stderr:\n{stderr}");
        assert!(lines[0].contains(reason), "{name}: {:?}", lines[0]);
        assert!(lines[0].starts_with("papertui: "), "{:?}", lines[0]);
    }
    if enforced {
        let lines = lines_naming(&stderr, "locked.txt");
        assert_eq!(lines.len(), 1, "stderr:\n{stderr}");
        assert!(lines[0].contains("permission denied"), "{:?}", lines[0]);
    } else {
        eprintln!("note: running as root, so chmod 000 does not lock locked.txt; not checked");
    }
    for name in ["good.txt", "gb18030.txt", "long.txt"] {
        assert!(
            lines_naming(&stderr, name).is_empty(),
            "{name} is readable; stderr:\n{stderr}"
        );
    }

    let count_from = |name: &str| {
        out.iter()
            .filter(|r| r["source"].as_str().is_some_and(|s| s.ends_with(name)))
            .count()
    };
    let expected = |text: &str| papertui::ingest::parse_page("page.txt", text).len();
    assert_eq!(count_from("/good.txt"), expected(&good));
    assert_eq!(count_from("/gb18030.txt"), expected(&gb_source));
    assert!(count_from("/long.txt") >= 1, "the long line is read");
    if !enforced {
        assert_eq!(count_from("/locked.txt"), expected(&locked_text));
    }
}

#[test]
fn gb18030_page_gives_the_same_articles_as_its_utf8_original() {
    let home = tempfile::tempdir().expect("home");
    let (_, text) = sample_page("002");
    let (gb_bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let utf8_dir = tempfile::tempdir().expect("utf-8 dir");
    let gb_dir = tempfile::tempdir().expect("gb18030 dir");
    fs::write(utf8_dir.path().join("page.txt"), &text).expect("utf-8 page");
    fs::write(gb_dir.path().join("page.txt"), &gb_bytes).expect("gb18030 page");
    // Same relative path from each directory: the exports must be identical, byte for byte.
    let export = |dir: &Path| {
        papertui(home.path())
            .current_dir(dir)
            .args(["export", "page.txt"])
            .assert()
            .success()
            .stderr("")
            .get_output()
            .stdout
            .clone()
    };
    let utf8 = export(utf8_dir.path());
    let gb = export(gb_dir.path());
    assert!(!records(&utf8).is_empty(), "the page has articles");
    assert_eq!(
        String::from_utf8_lossy(&gb),
        String::from_utf8_lossy(&utf8),
        "GB18030 and UTF-8 give different articles"
    );
}

#[test]
fn export_without_paths_gives_the_embedded_sample() {
    let home = tempfile::tempdir().expect("home");
    let output = papertui(home.path())
        .arg("export")
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = records(&output);
    assert_eq!(out.len(), SAMPLE_ARTICLES);
    assert!(
        out.iter()
            .all(|r| r["id"].is_string() && r["source"].is_string())
    );
}

#[test]
fn export_json_is_one_valid_array() {
    let home = tempfile::tempdir().expect("home");
    let output = stdout_of(home.path(), &["export", "--format", "json"]);
    let value: Value = serde_json::from_slice(&output).expect("valid JSON");
    let array = value.as_array().expect("a JSON array");
    assert_eq!(array.len(), SAMPLE_ARTICLES);
    assert!(array.iter().all(Value::is_object));
}

#[test]
fn export_person_gives_only_that_persons_articles() {
    let home = tempfile::tempdir().expect("home");
    let all = records(&stdout_of(home.path(), &["export"]));
    let output = stdout_of(home.path(), &["export", "--person", "吕沛"]);
    let only = records(&output);
    assert!(!only.is_empty(), "吕沛 appears in the sample");
    for record in &only {
        assert!(
            persons(record).contains(&"吕沛"),
            "{} does not name 吕沛",
            record["id"]
        );
    }
    let naming = all.iter().filter(|r| persons(r).contains(&"吕沛")).count();
    assert_eq!(only.len(), naming, "every article naming 吕沛 is exported");
}

#[test]
fn export_person_takes_pinyin_as_the_reader_does() {
    let home = tempfile::tempdir().expect("home");
    let by_name = stdout_of(home.path(), &["export", "--person", "吕沛"]);
    let by_pinyin = stdout_of(home.path(), &["export", "--person", "lvpei"]);
    assert!(!by_name.is_empty());
    assert_eq!(by_pinyin, by_name);
}

#[test]
fn an_export_that_finds_nothing_says_so_and_exits_1() {
    let home = tempfile::tempdir().expect("home");
    papertui(home.path())
        .args(["export", "--person", "nobody"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "nothing exported: no article names \"nobody\"",
        ));
}

#[test]
fn people_jsonl_lists_lu_pei_with_his_count() {
    let home = tempfile::tempdir().expect("home");
    let output = stdout_of(home.path(), &["people", "--format", "jsonl"]);
    let people = records(&output);
    let lu_pei = people
        .iter()
        .find(|p| p["name"] == "吕沛")
        .expect("吕沛 is listed");
    let all = records(&stdout_of(home.path(), &["export"]));
    let naming = all.iter().filter(|r| persons(r).contains(&"吕沛")).count();
    assert_eq!(lu_pei["articles"].as_u64(), u64::try_from(naming).ok());
    assert!(lu_pei["roles"].is_array());
}

#[test]
fn help_works() {
    let home = tempfile::tempdir().expect("home");
    papertui(home.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage"))
        .stdout(predicate::str::contains("export"))
        .stdout(predicate::str::contains("people"));
}

#[test]
fn nonexistent_path_is_named_and_exits_1() {
    let home = tempfile::tempdir().expect("home");
    let missing = home.path().join("no-such-page.txt");
    papertui(home.path())
        .arg("export")
        .arg(&missing)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(missing.display().to_string()))
        .stderr(predicate::str::contains("not found"));
}

#[test]
fn people_named_in_the_text_come_before_people_only_credited() {
    let home = tempfile::tempdir().expect("home");
    let count = |r: &serde_json::Value, k: &str| r[k].as_u64().unwrap_or(u64::MAX);
    let all = records(&stdout_of(home.path(), &["people", "--format", "jsonl"]));
    let named = records(&stdout_of(
        home.path(),
        &["people", "--format", "jsonl", "--only", "named"],
    ));
    let credited = records(&stdout_of(
        home.path(),
        &["people", "--format", "jsonl", "--only", "credited"],
    ));
    assert!(!named.is_empty() && !credited.is_empty());
    assert!(named.iter().all(|r| count(r, "named") > 0));
    assert!(
        credited
            .iter()
            .all(|r| count(r, "named") == 0 && count(r, "credited") > 0)
    );
    assert_eq!(named.len() + credited.len(), all.len());
    // The full list is the named people, then the credited ones.
    let names = |rs: &[serde_json::Value]| -> Vec<String> {
        rs.iter().map(|r| r["name"].to_string()).collect()
    };
    assert_eq!(names(&all), [names(&named), names(&credited)].concat());
    assert!(
        all.iter()
            .all(|r| count(r, "articles") == count(r, "named") + count(r, "credited"))
    );
}
