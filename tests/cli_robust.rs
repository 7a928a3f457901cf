//! The command line against hostile files and settings: special files where pages, the cache,
//! the state or the configuration should be, odd file names, damaged caches.
//!
//! These run the real binary with a private home and private cache, data and configuration
//! directories. Anything that used to hang runs under a deadline, so it fails instead.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// Longest any one run may take before it counts as hung.
const DEADLINE: Duration = Duration::from_secs(60);

/// A private home with cache, data and configuration directories of its own.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("home"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn cache(&self) -> PathBuf {
        self.path().join("cache")
    }

    fn data(&self) -> PathBuf {
        self.path().join("data")
    }

    fn config(&self) -> PathBuf {
        self.path().join("config")
    }

    /// The binary with this home, no colour, and a deadline.
    fn papertui(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_papertui"));
        cmd.env("NO_COLOR", "1")
            .env("HOME", self.path())
            .env("PAPERTUI_CACHE_DIR", self.cache())
            .env("PAPERTUI_DATA_DIR", self.data())
            .env("PAPERTUI_CONFIG_DIR", self.config())
            .env("RUST_BACKTRACE", "0")
            .current_dir(self.path())
            .timeout(DEADLINE);
        cmd
    }
}

/// The text of sample page `prefix` (`"001"`) from `assets/`.
fn sample_text(prefix: &str) -> String {
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
    fs::read_to_string(path).expect("sample page text")
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Exit code, stdout and stderr of a finished run (panics if it hit the deadline).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().expect("run papertui");
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "no exit code (killed at the deadline?): {:?}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (
        code,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The `id`s of exported JSON Lines.
fn ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v["id"].as_str().expect("id").to_owned()
        })
        .collect()
}

#[test]
fn a_fifo_as_a_page_is_reported_while_the_good_page_exports() {
    let home = Home::new();
    let pages = home.path().join("pages");
    fs::create_dir_all(pages.join("walked")).expect("pages");
    fs::write(pages.join("good.txt"), sample_text("001")).expect("good page");
    mkfifo(&pages.join("p.txt"));
    mkfifo(&pages.join("walked/q.txt"));
    let (code, out, err) =
        run(home
            .papertui()
            .args(["export", "pages/p.txt", "pages/good.txt", "pages/walked"]));
    assert_eq!(code, 1, "{err}");
    assert!(!ids(&out).is_empty() && ids(&out).iter().all(|id| id.starts_with("pages/good.txt#")));
    for fifo in ["pages/p.txt", "pages/walked/q.txt"] {
        assert!(
            err.contains(&format!("papertui: {fifo}: is a FIFO, not a regular file")),
            "{fifo}: {err}"
        );
    }
}

#[test]
fn a_fifo_in_place_of_the_cache_entry_and_index_costs_only_a_parse() {
    let home = Home::new();
    let page = home.path().join("page.txt");
    fs::write(&page, sample_text("000")).expect("page");
    let cache = papertui::cache::Cache::at(home.cache());
    let fingerprint = papertui::cache::Fingerprint::of(std::slice::from_ref(&page));
    fs::create_dir_all(home.cache()).expect("cache dir");
    mkfifo(&cache.entry_path(&fingerprint));
    mkfifo(&cache.indexes_path(&fingerprint));
    let page_arg = page.to_str().expect("UTF-8 temp path");
    let (code, first, err) = run(home.papertui().args(["people", page_arg]));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let (code, again, _) = run(home.papertui().args(["people", page_arg]));
    assert_eq!(code, 0);
    assert_eq!(first, again);
    assert!(fs::metadata(cache.entry_path(&fingerprint)).is_ok_and(|m| m.is_file()));
}

#[test]
fn a_fifo_in_place_of_the_configuration_is_an_error_before_the_terminal() {
    let home = Home::new();
    fs::create_dir_all(home.config()).expect("config dir");
    mkfifo(&home.config().join("config.toml"));
    let (code, out, err) = run(&mut home.papertui());
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing drawn: {out:?}");
    assert!(
        err.contains("config.toml: cannot read: is a FIFO, not a regular file"),
        "{err}"
    );
}

#[test]
fn without_a_terminal_the_reader_says_what_to_use_instead() {
    let home = Home::new();
    let (code, out, err) = run(&mut home.papertui());
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing drawn: {out:?}");
    assert!(
        err.starts_with("papertui: the reader needs a terminal"),
        "{err}"
    );
    assert!(
        err.contains("papertui export") && err.contains("papertui people"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// `export` of `args` with the cache and with `--no-cache`: both runs' exit code, stdout and
/// stderr, which must be the same.
fn export_both_ways(home: &Home, args: &[&str]) -> (i32, String, String) {
    let cached = run(home.papertui().arg("export").args(args));
    let fresh = run(home.papertui().args(["export", "--no-cache"]).args(args));
    assert_eq!(cached, fresh, "the cache changed the output");
    cached
}

#[test]
fn a_failure_is_never_cached_the_output_is_that_of_no_cache() {
    let home = Home::new();
    let text = sample_text("001");
    let page = home.path().join("page.txt");
    // The same bytes with one NUL: binary, refused.
    let mut damaged = text.clone().into_bytes();
    damaged[100] = 0;
    fs::write(&page, &damaged).expect("damaged page");
    let mtime = fs::metadata(&page)
        .and_then(|m| m.modified())
        .expect("mtime");
    for _ in 0..2 {
        // The second time, the entry is there: its failure is found out again, the same.
        let (code, out, err) = export_both_ways(&home, &["page.txt"]);
        assert_eq!((code, out.as_str()), (1, ""), "{err}");
        assert!(err.contains("binary data"), "{err}");
    }
    // Repaired in place: same size, same modification time (as after `chmod 644` on a file
    // that was unreadable, which root cannot be shown here).
    let file = fs::OpenOptions::new()
        .write(true)
        .open(&page)
        .expect("open page");
    use std::io::Write as _;
    (&file).write_all(text.as_bytes()).expect("repair");
    file.set_modified(mtime).expect("set mtime back");
    drop(file);
    let (code, out, err) = export_both_ways(&home, &["page.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(!ids(&out).is_empty());
}

#[test]
fn names_that_differ_only_in_invalid_bytes_give_distinct_stable_ids() {
    use std::os::unix::ffi::OsStrExt;
    let home = Home::new();
    let pages = home.path().join("pages");
    fs::create_dir_all(&pages).expect("pages");
    for name in [b"a\xff.txt", b"a\xfe.txt"] {
        let path = pages.join(std::ffi::OsStr::from_bytes(name));
        fs::write(path, sample_text("001")).expect("page");
    }
    let (code, out, err) = export_both_ways(&home, &["pages"]);
    assert_eq!(code, 0, "{err}");
    let ids = ids(&out);
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids collide: {ids:?}");
    let of = |prefix: &str| ids.iter().filter(|id| id.starts_with(prefix)).count();
    assert!(of("pages/a\\376.txt#") > 0 && of("pages/a\\376.txt#") == of("pages/a\\377.txt#"));
    assert_eq!(of("pages/a\\376.txt#") * 2, ids.len(), "{ids:?}");
}

#[test]
fn control_characters_in_names_are_escaped_in_messages() {
    let home = Home::new();
    let name = "x\u{1b}]0;owned\u{7}\u{1b}[2J.txt";
    let mut binary = sample_text("001").into_bytes();
    binary[100] = 0;
    fs::write(home.path().join(name), binary).expect("page");
    let missing = "gone\u{1b}[31m.txt";
    let (code, _, err) = run(home.papertui().args(["export", name, missing]));
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        err.contains("papertui: x\\033]0;owned\\a\\033[2J.txt: "),
        "{err}"
    );
    assert!(
        err.contains("papertui: gone\\033[31m.txt: not found"),
        "{err}"
    );
}

#[test]
fn shift_jis_is_undecodable_and_gb18030_still_reads() {
    let home = Home::new();
    let japanese = "東京都は十日、新しい計画を発表した。市民の生活を守るため、来年から実施される予定だ。\n\
                    関係者によると、費用は約三百億円に上る見通しで、議会の承認を得る必要がある。\n";
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(japanese);
    assert!(!bad);
    fs::write(home.path().join("sjis.txt"), &sjis).expect("page");
    let text = sample_text("001");
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    fs::write(home.path().join("gbk.txt"), &gbk).expect("page");
    let (code, out, err) = run(home.papertui().args(["export", "sjis.txt", "gbk.txt"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("papertui: sjis.txt: not readable as UTF-8, UTF-16 or GB18030"),
        "{err}"
    );
    assert!(!ids(&out).is_empty() && ids(&out).iter().all(|id| id.starts_with("gbk.txt#")));
}

#[test]
fn a_configuration_that_leaves_no_way_to_quit_is_refused_with_its_line() {
    let home = Home::new();
    fs::create_dir_all(home.config()).expect("config dir");
    fs::write(
        home.config().join("config.toml"),
        "# mine\n[keys]\nquit = []\n",
    )
    .expect("config");
    let (code, out, err) = run(&mut home.papertui());
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing drawn: {out:?}");
    assert!(err.contains("config.toml line 3: quit has no key"), "{err}");
}

#[test]
fn a_directory_in_place_of_the_cache_entry_is_moved_aside_once() {
    let home = Home::new();
    let page = home.path().join("page.txt");
    fs::write(&page, sample_text("000")).expect("page");
    let cache = papertui::cache::Cache::at(home.cache());
    let fingerprint = papertui::cache::Fingerprint::of(std::slice::from_ref(&page));
    let entry = cache.entry_path(&fingerprint);
    let index = cache.indexes_path(&fingerprint);
    for dir in [&entry, &index] {
        fs::create_dir_all(dir).expect("directory in the way");
        fs::write(dir.join("kept"), "mine").expect("file inside");
    }
    let page_arg = page.to_str().expect("UTF-8 temp path");
    let (code, first, err) = run(home.papertui().args(["people", page_arg]));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    for dir in [&entry, &index] {
        assert!(
            fs::metadata(dir).is_ok_and(|m| m.is_file()),
            "{}",
            dir.display()
        );
        let name = dir.file_name().expect("name").to_string_lossy();
        let aside = dir.with_file_name(format!("{name}.aside-1"));
        assert_eq!(
            fs::read_to_string(aside.join("kept")).expect("intact"),
            "mine"
        );
    }
    let (code, again, err) = run(home.papertui().args(["people", page_arg]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(first, again);
}
