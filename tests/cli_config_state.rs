//! The real binary's configuration and saved-state commands, with both directories pointed at
//! temporary ones through `PAPERTUI_CONFIG_DIR` and `PAPERTUI_DATA_DIR`.

use std::path::Path;
use std::process::{Command, Output};

use papertui::state::{CorpusId, SavedState, StateDir};

/// Runs the binary with its configuration and data directories under `home`.
fn papertui(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_papertui"))
        .args(args)
        .env("PAPERTUI_CONFIG_DIR", home.join("config"))
        .env("PAPERTUI_DATA_DIR", home.join("data"))
        .env("HOME", home)
        .output()
        .expect("run papertui")
}

#[test]
fn config_path_and_default_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = papertui(home.path(), &["config", "--path"]);
    assert!(out.status.success());
    let path = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        path.trim(),
        home.path()
            .join("config")
            .join("config.toml")
            .display()
            .to_string()
    );
    let out = papertui(home.path(), &["config", "--print-default"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let parsed = papertui::config::Config::parse(&text, "printed").expect("parses");
    assert_eq!(parsed, papertui::config::Config::default());
    assert!(!papertui(home.path(), &["config"]).status.success());
}

#[test]
fn a_bad_config_stops_the_reader_before_the_terminal() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), "[keys]\nqiut = [\"q\"]\n").expect("write");
    let out = papertui(home.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("config.toml line 2: unknown action \"qiut\""),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
}

#[test]
fn a_config_that_is_not_utf8_is_said_once() {
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("config");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        b"[theme]\nhighlight = \"\xff\xfe\"\n",
    )
    .expect("write");
    let out = papertui(home.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.matches("UTF-8").count(), 1, "{err}");
    assert!(
        err.contains("config.toml: cannot read: not UTF-8 text"),
        "{err}"
    );
}

#[test]
fn config_help_lists_only_its_own_options() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = papertui(home.path(), &["config", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        help.contains("--print-default") && help.contains("--path"),
        "{help}"
    );
    assert!(!help.contains("--no-cache"), "{help}");
    let export = papertui(home.path(), &["export", "--help"]);
    assert!(String::from_utf8_lossy(&export.stdout).contains("--no-cache"));
}

#[test]
fn export_bookmarked_exports_only_bookmarks() {
    let home = tempfile::tempdir().expect("temp dir");
    let articles = papertui::corpus::sample();
    let corpus = CorpusId::of(articles.iter().map(|a| &*a.source));
    let wanted = [articles[3].key(), articles[7].key()];
    let state = SavedState {
        bookmarks: wanted
            .iter()
            .cloned()
            .chain(["gone.txt#1".into()])
            .collect(),
        ..SavedState::default()
    };
    StateDir::new(home.path().join("data"))
        .save(corpus, &state)
        .expect("save");
    let out = papertui(home.path(), &["export", "--bookmarked"]);
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            v["id"].as_str().expect("id").to_owned()
        })
        .collect();
    assert_eq!(ids, wanted);
}

#[test]
fn export_bookmarked_reports_a_damaged_state_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let articles = papertui::corpus::sample();
    let corpus = CorpusId::of(articles.iter().map(|a| &*a.source));
    let dir = StateDir::new(home.path().join("data"));
    std::fs::create_dir_all(dir.dir()).expect("mkdir");
    std::fs::write(dir.path(corpus), "not json").expect("write");
    let out = papertui(home.path(), &["export", "--bookmarked"]);
    assert_eq!(out.status.code(), Some(1), "nothing was exported");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("damaged") && err.contains(".corrupt-"),
        "{err}"
    );
}
