//! Tests of the configuration: the default file, every kind of error, custom bindings.

use ratatui::style::Color;

use super::*;

/// The error message of `text`, which must be invalid.
fn error(text: &str) -> String {
    Config::parse(text, "config.toml")
        .expect_err("invalid")
        .to_string()
}

#[test]
fn the_default_file_parses_back_to_the_defaults() {
    let text = default_file();
    let parsed = Config::parse(&text, "default").expect("default file parses");
    assert_eq!(parsed, Config::default());
    assert!(text.lines().filter(|l| l.starts_with('#')).count() > 10);
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(
        Config::parse("", "config.toml").expect("empty is fine"),
        Config::default()
    );
}

#[test]
fn unknown_key_names_the_line_and_the_choices() {
    let e = error("[theme]\nhighlight = \"red\"\ncolour = \"red\"\n");
    assert!(
        e.starts_with("config.toml line 3: unknown field `colour`"),
        "{e}"
    );
    assert!(e.contains("border_focused"), "{e}");
    let e = error("\n[lists]\n");
    assert!(e.starts_with("config.toml line 2:"), "{e}");
    assert!(e.contains("`keys`, `theme`, `filter`, `list`"), "{e}");
}

#[test]
fn unknown_action_names_the_line_and_the_actions() {
    let e = error("[keys]\nopen = [\"o\"]\nqiut = [\"x\"]\n");
    assert!(
        e.starts_with(
            "config.toml line 3: unknown action \"qiut\", expected one of: close_overlay, quit, help,"
        ),
        "{e}"
    );
    assert!(e.contains("bookmark"), "{e}");
}

#[test]
fn bad_key_string_names_the_line() {
    let e = error("[keys]\n\nquit = [\"q\", \"ctrl-\"]\n");
    assert!(
        e.starts_with("config.toml line 3: bad key \"ctrl-\", expected a single character"),
        "{e}"
    );
    assert!(e.contains("pagedown"), "{e}");
    let e = error("[keys]\nquit = \"q\"\n");
    assert!(e.starts_with("config.toml line 2:"), "{e}");
}

#[test]
fn bad_colour_names_the_line() {
    let e = error("[theme]\n\n\naccent = \"purpel\"\n");
    assert!(
        e.starts_with("config.toml line 4: bad colour \"purpel\", expected \"#rrggbb\""),
        "{e}"
    );
    assert!(e.contains("magenta"), "{e}");
}

#[test]
fn bad_scope_names_the_line() {
    let e = error("[filter]\nscope = \"bookmarks\"\n");
    assert!(e.starts_with("config.toml line 2:"), "{e}");
    assert!(e.contains("bookmarks"), "{e}");
    assert!(e.contains("`bookmarked`"), "{e}");
}

#[test]
fn bad_or_repeated_column_names_the_line() {
    let e = error("[list]\ncolumns = [\"title\", \"page\"]\n");
    assert!(e.starts_with("config.toml line 2:"), "{e}");
    assert!(e.contains("`region`"), "{e}");
    let e = error("[list]\ncolumns = [\"title\", \"title\"]\n");
    assert_eq!(e, "config.toml line 2: column \"title\" is listed twice");
}

#[test]
fn columns_without_the_title_are_refused() {
    for columns in ["[]", "[\"marks\", \"date\"]"] {
        let e = error(&format!("[list]\ncolumns = {columns}\n"));
        assert!(e.starts_with("config.toml line 2:"), "{e}");
        assert!(e.contains("must include \"title\""), "{e}");
    }
}

#[test]
fn ambiguous_width_is_narrow_or_wide() {
    assert_eq!(
        Config::default().ambiguous,
        crate::config::Ambiguous::Narrow
    );
    let c = Config::parse("[terminal]\nambiguous = \"wide\"\n", "config.toml").expect("valid");
    assert_eq!(c.ambiguous, crate::config::Ambiguous::Wide);
    let e = error("[terminal]\nambiguous = \"double\"\n");
    assert!(e.starts_with("config.toml line 2:"), "{e}");
    assert!(e.contains("`wide`"), "{e}");
}

#[test]
fn the_reading_width_is_set_in_characters() {
    assert_eq!(Config::default().reading_width, 40);
    let c = Config::parse("[reader]\nwidth = 0\n", "config.toml").expect("valid");
    assert_eq!(c.reading_width, 0);
    let e = error("[reader]\nwidth = -3\n");
    assert!(e.starts_with("config.toml line 2:"), "{e}");
}

#[test]
fn conflicting_bindings_name_the_line() {
    let e = error("[keys]\nbookmark = [\"x\"]\nopen = [\"x\"]\n");
    assert!(e.starts_with("config.toml line "), "{e}");
    assert!(e.contains("key \"x\" is bound to both"), "{e}");
}

#[test]
fn invalid_toml_names_the_line() {
    let e = error("[keys]\nquit = [\"q\"\n");
    assert!(e.starts_with("config.toml line "), "{e}");
}

#[test]
fn values_are_applied() {
    let c = Config::parse(
        "[theme]\nhighlight = \"#010203\"\n[filter]\nscope = \"bookmarked\"\n\
         [list]\ncolumns = [\"title\", \"date\"]\n",
        "config.toml",
    )
    .expect("valid");
    assert_eq!(c.theme.highlight, ColorValue(Color::Rgb(1, 2, 3)));
    assert_eq!(c.theme.accent, Palette::default().accent);
    assert_eq!(c.scope, FilterScope::Bookmarked);
    assert_eq!(c.columns, vec![Column::Title, Column::Date]);
}

#[test]
fn missing_file_is_the_defaults_and_the_env_override_is_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(CONFIG_FILE);
    assert_eq!(Config::load(&path).expect("missing"), Config::default());
    std::fs::write(&path, "[filter]\nscope = \"person\"\n").expect("write");
    assert_eq!(
        Config::load(&path).expect("valid").scope,
        FilterScope::Person
    );
    std::fs::write(&path, "[filter]\nscope = 3\n").expect("write");
    let e = Config::load(&path).expect_err("invalid").to_string();
    assert!(e.starts_with(&format!("{} line 2:", path.display())), "{e}");
}

#[test]
fn a_fifo_in_place_of_the_file_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(CONFIG_FILE);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    // Reading the FIFO would wait for a writer forever.
    let fifo = path.clone();
    let e = crate::regular::within("loading", move || Config::load(&fifo))
        .expect_err("not a file")
        .to_string();
    assert_eq!(
        e,
        format!(
            "{}: cannot read: is a FIFO, not a regular file",
            path.display()
        )
    );
}

#[test]
fn a_binding_list_that_leaves_no_way_to_quit_is_refused_at_its_line() {
    let error = |text: &str| {
        Config::parse(text, "c.toml")
            .expect_err("refused")
            .to_string()
    };
    let e = error("[filter]\nscope = \"all\"\n\n[keys]\nquit = []\n");
    assert!(e.starts_with("c.toml line 5: quit has no key"), "{e}");
    // The defaults taken by another action: that line is the culprit.
    let e = error("[keys]\nopen = [\"enter\"]\nhelp = [\"q\", \"ctrl-c\", \"?\"]\n");
    assert!(e.starts_with("c.toml line 3: quit has no key"), "{e}");
    let e = error("[keys]\nquit = [\"x\"]\nleave_input = []\naccept = [\"a\"]\n");
    assert!(
        e.starts_with("c.toml line 2: no key quits or leaves the filter"),
        "{e}"
    );
    // A character that quits when browsing, and esc to leave the filter, is fine.
    assert!(Config::parse("[keys]\nquit = [\"x\"]\n", "c.toml").is_ok());
}

#[test]
fn a_colour_may_be_a_bare_index() {
    let c = Config::parse("[theme]\nhighlight = 200\n", "config.toml").expect("parses");
    assert_eq!(c.theme.highlight, ColorValue(Color::Indexed(200)));
    let e = error("[theme]\nhighlight = 300\n");
    assert!(e.contains("line 2") && e.contains("0…255"), "{e}");
}

#[test]
fn the_readme_example_configuration_parses() {
    let readme = include_str!("../../README.md");
    let (_, from_example) = readme
        .split_once("```toml\n[keys]")
        .expect("README has the example");
    let (example, _) = from_example.split_once("```").expect("the example ends");
    let c = Config::parse(&format!("[keys]{example}"), "config.toml").expect("the example parses");
    assert_eq!(c.theme.highlight, ColorValue(Color::Rgb(255, 128, 0)));
}
