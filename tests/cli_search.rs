//! `papertui search` and `papertui cache`: exit codes like grep's, the JSON Lines shape, the
//! concordance, the full-text index beside the cache entry, listing and pruning the cache.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// papertui with its cache, state and configuration in `home`.
fn papertui(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papertui"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("PAPERTUI_CACHE_DIR", home.join("cache"))
        .env("PAPERTUI_CONFIG_DIR", home.join("config"))
        .env("PAPERTUI_DATA_DIR", home.join("data"))
        .env("XDG_CACHE_HOME", home)
        .env("XDG_STATE_HOME", home)
        .env("XDG_DATA_HOME", home)
        .output()
        .expect("run papertui")
}

/// A directory holding copies of the sample pages.
fn pages(home: &Path) -> PathBuf {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let dir = home.join("pages");
    fs::create_dir_all(&dir).expect("pages dir");
    for entry in fs::read_dir(assets).expect("assets") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

fn records(out: &Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_body_only_word_is_found_and_exits_0() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = papertui(home.path(), &["search", "禀赋"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        let columns: Vec<&str> = line.split('\t').collect();
        assert_eq!(columns.len(), 4, "id, date, title, snippet: {line}");
        assert!(columns[0].contains('#'), "{line}");
        assert!(
            columns[3].contains("禀赋"),
            "the snippet shows the match: {line}"
        );
    }
    assert!(
        stdout.contains("李建超调研黄龙山片区项目推进工作"),
        "{stdout}"
    );
}

#[test]
fn nothing_found_exits_1_and_a_bad_query_exits_2_with_the_parser_message() {
    let home = tempfile::tempdir().expect("temp dir");
    let none = papertui(home.path(), &["search", "量子纠缠态"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let bad = papertui(home.path(), &["search", "黄河 \"流域"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = text(&bad.stderr);
    assert!(
        stderr.contains("at character 4") && stderr.contains("closing"),
        "{stderr}"
    );
    let empty = papertui(home.path(), &["search", "  "]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(text(&empty.stderr).contains("empty"));
    let missing = papertui(
        home.path(),
        &["search", "会议", "/nonexistent/papertui/pages"],
    );
    assert_eq!(
        missing.status.code(),
        Some(2),
        "an unreadable path is an error"
    );
}

#[test]
fn jsonl_has_one_object_per_article_with_the_fields() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = papertui(home.path(), &["search", "--format", "jsonl", "会议 !禀赋"]);
    assert_eq!(out.status.code(), Some(0));
    let found = records(&out);
    assert!(found.len() > 9, "most bodies say 会议: {}", found.len());
    let mut ids = std::collections::HashSet::new();
    for r in &found {
        assert!(
            r["id"].as_str().is_some_and(|id| ids.insert(id.to_owned())),
            "{r}"
        );
        assert!(
            r["snippet"].as_str().is_some_and(|s| s.contains("会议")),
            "{r}"
        );
        assert!(r["kind"].is_string() && r["score"].is_number() && r["in_headline"].is_boolean());
    }
    // Headline matches come first.
    let headline: Vec<bool> = found.iter().map(|r| r["in_headline"] == true).collect();
    assert!(headline.windows(2).all(|w| w[0] >= w[1]), "{headline:?}");
}

#[test]
fn kwic_prints_every_match_with_its_context() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = papertui(
        home.path(),
        &["search", "--kwic", "3", "--format", "jsonl", "会议"],
    );
    assert_eq!(out.status.code(), Some(0));
    let matches = records(&out);
    let per_article = papertui(home.path(), &["search", "会议"]);
    assert!(matches.len() > text(&per_article.stdout).lines().count());
    for m in &matches {
        assert_eq!(m["hit"], "会议");
        assert!(m["before"].as_str().is_some_and(|s| s.chars().count() <= 3));
        assert!(m["after"].as_str().is_some_and(|s| s.chars().count() <= 3));
    }
    let plain = papertui(home.path(), &["search", "--kwic", "2", "禀赋"]);
    let stdout = text(&plain.stdout);
    assert!(
        stdout.lines().all(|l| l.split('\t').nth(2) == Some("禀赋")),
        "{stdout}"
    );
}

#[test]
fn the_index_is_kept_beside_the_cache_entry_and_rebuilt_when_damaged() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = pages(home.path());
    let dir = dir.to_str().expect("path");
    let first = papertui(home.path(), &["search", "--format", "jsonl", "禀赋", dir]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let cache = home.path().join("cache");
    let fts: Vec<PathBuf> = fs::read_dir(&cache)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "fts"))
        .collect();
    assert_eq!(fts.len(), 1, "one index directory");
    // Damage every file of the index: the next search rebuilds it and finds the same.
    for entry in fs::read_dir(&fts[0]).expect("index dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            fs::write(&path, b"damaged").expect("damage");
        }
    }
    let second = papertui(home.path(), &["search", "--format", "jsonl", "禀赋", dir]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert_eq!(records(&first), records(&second));
    let no_cache = papertui(
        home.path(),
        &["search", "--no-cache", "--format", "jsonl", "禀赋", dir],
    );
    assert_eq!(records(&first), records(&no_cache));
}

#[test]
fn a_built_or_updated_index_is_said_on_stderr_only() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = pages(home.path());
    let dir = dir.to_str().expect("path");
    let first = papertui(home.path(), &["search", "禀赋", dir]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let said = text(&first.stderr);
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        ["papertui: text index built (none saved)"],
        "{said}"
    );
    assert!(!text(&first.stdout).contains("text index"));
    // Opened as saved: nothing said, the same lines printed.
    let second = papertui(home.path(), &["search", "禀赋", dir]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert_eq!(text(&second.stderr), "");
    assert_eq!(text(&second.stdout), text(&first.stdout));
    // Without a cache there is no saved index to speak of.
    let no_cache = papertui(home.path(), &["search", "--no-cache", "禀赋", dir]);
    assert_eq!(text(&no_cache.stderr), "");
    assert_eq!(text(&no_cache.stdout), text(&first.stdout));
}

#[test]
fn cache_list_shows_sizes_and_prune_and_clear_remove_entries() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = pages(home.path());
    let one = home.path().join("one");
    fs::create_dir_all(&one).expect("dir");
    let first_page = fs::read_dir(&dir)
        .expect("pages")
        .next()
        .expect("a page")
        .expect("entry");
    fs::copy(first_page.path(), one.join("p.txt")).expect("copy");
    for corpus in [&dir, &one] {
        let out = papertui(
            home.path(),
            &["search", "会议", corpus.to_str().expect("path")],
        );
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{}",
            text(&out.stderr)
        );
    }
    let list = papertui(home.path(), &["cache", "--list"]);
    assert!(list.status.success());
    let listing = text(&list.stdout);
    assert!(listing.contains("2 entries"), "{listing}");
    assert_eq!(
        listing.lines().filter(|l| l.starts_with("corpus-")).count(),
        2
    );
    assert!(
        listing.contains("full text") && listing.contains("last used"),
        "{listing}"
    );
    let pruned = papertui(home.path(), &["cache", "--prune", "--keep", "1"]);
    assert!(
        text(&pruned.stdout).contains("removed 1 entries"),
        "{}",
        text(&pruned.stdout)
    );
    let list = text(&papertui(home.path(), &["cache", "--list"]).stdout);
    assert!(list.contains("1 entries"), "{list}");
    let cleared = papertui(home.path(), &["cache", "--clear"]);
    assert!(cleared.status.success());
    let left: Vec<_> = fs::read_dir(home.path().join("cache"))
        .expect("cache dir")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let bare = papertui(home.path(), &["cache"]);
    assert_eq!(bare.status.code(), Some(2), "an action is required");
}

#[test]
fn a_query_of_conditions_only_lists_the_newest_first_then_in_load_order() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = papertui(home.path(), &["search", "--format", "jsonl", "kind:news"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let exported = papertui(home.path(), &["export", "--format", "jsonl"]);
    let load_order: Vec<Value> = records(&exported).iter().map(|r| r["id"].clone()).collect();
    // The sample's dates are of one year, written with or without it: compare month and day.
    let month_day = |r: &Value| {
        let date = r["date"].as_str()?;
        date.get(date.len().saturating_sub(5)..).map(str::to_owned)
    };
    let found: Vec<(Option<String>, usize)> = records(&out)
        .iter()
        .map(|r| {
            let at = load_order.iter().position(|id| *id == r["id"]);
            (month_day(r), at.expect("a loaded article"))
        })
        .collect();
    assert!(found.len() > 10, "{found:?}");
    assert!(found.first().is_some_and(|f| f.0.is_some()));
    for pair in found.windows(2) {
        let [(date_a, at_a), (date_b, at_b)] = pair else {
            continue;
        };
        let newer_first = match (date_a, date_b) {
            (Some(a), Some(b)) => a > b || (a == b && at_a < at_b),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => at_a < at_b,
        };
        assert!(newer_first, "{pair:?} in {found:?}");
    }
}
