//! The optional configuration file: key bindings, colours, filter scope, list columns, reader
//! width and how wide the terminal draws ambiguous characters.
//!
//! The file is TOML, read from `config.toml` in the platform configuration directory
//! (`~/.config/papertui/` on Linux, `~/Library/Application Support/papertui/` on macOS,
//! `%APPDATA%\papertui\config\` on Windows), or from the directory named by the environment
//! variable `PAPERTUI_CONFIG_DIR` when it is set. A missing file means the defaults;
//! `papertui config --print-default` prints a complete, commented file and
//! `papertui config --path` prints where it is read from. An example:
//!
//! ```toml
//! [keys]                      # action = [keys]; unlisted actions keep their defaults
//! quit = ["q", "ctrl-c"]
//! bookmark = ["m"]            # a key bound here is freed from other actions' defaults
//! [theme]
//! highlight = "#ff8000"       # a name, "#rrggbb" or 0…255
//! [filter]
//! scope = "headline"          # all, headline, person or bookmarked
//! [list]
//! columns = ["marks", "date", "kind", "title"]
//! [reader]
//! width = 40                  # longest reader line in Chinese characters; 0 = the pane's width
//! [terminal]
//! ambiguous = "wide"          # “ ” ‘ ’ — … · drawn two columns wide, as the terminal does
//! ```
//!
//! Every table refuses unknown names and every value is checked when the file is read, so a
//! mistake is reported at start-up with the line it is on and the values that would be
//! accepted, before the terminal is touched, instead of being ignored or surfacing later.
//! Errors come from serde (`deny_unknown_fields`) with toml's spans turned into line numbers;
//! custom deserializers for actions, keys and colours give messages that list the choices.

pub mod bindings;
pub mod keys;
pub mod palette;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer};
use toml::Spanned;

pub use bindings::{BindableAction, Bindings, COMMANDS, QuitTrap};
pub use keys::KeySpec;
pub use palette::{ColorValue, Palette};

use crate::vocab::FilterScope;

/// Environment variable naming the directory that holds `config.toml`.
pub const CONFIG_DIR_ENV: &str = "PAPERTUI_CONFIG_DIR";
/// File name of the configuration inside its directory.
pub const CONFIG_FILE: &str = "config.toml";

/// One column of the article list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Column {
    /// Bookmark and unread marks (2 columns).
    Marks,
    /// `MM-DD`.
    Date,
    /// County or district.
    Region,
    /// 图 / 简 / 评 mark.
    Kind,
    /// The headline: takes the room the others leave.
    Title,
}

impl Column {
    /// Name in the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            Column::Marks => "marks",
            Column::Date => "date",
            Column::Region => "region",
            Column::Kind => "kind",
            Column::Title => "title",
        }
    }
}

/// The default columns, left to right.
pub const DEFAULT_COLUMNS: [Column; 5] = [
    Column::Marks,
    Column::Date,
    Column::Region,
    Column::Kind,
    Column::Title,
];

/// The whole configuration, with defaults for everything the file leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Effective key bindings.
    pub keys: Bindings,
    /// Colours.
    pub theme: Palette,
    /// Filter scope at start (unless saved state says otherwise).
    pub scope: FilterScope,
    /// Article list columns, left to right.
    pub columns: Vec<Column>,
    /// Longest reader line in Chinese characters (two cells each); 0 = the pane's width.
    pub reading_width: u16,
    /// How wide the terminal draws East-Asian ambiguous characters (“ ” … ·).
    pub ambiguous: Ambiguous,
}

/// How wide the terminal draws East-Asian ambiguous characters such as “ ” ‘ ’ — … ·.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ambiguous {
    /// One column (most terminals' default).
    #[default]
    Narrow,
    /// Two columns (terminals set for CJK, as with fzf's `--ambidouble`).
    Wide,
}

/// Default longest reader line, in Chinese characters: a comfortable newspaper column.
pub const DEFAULT_READING_WIDTH: u16 = 40;

impl Default for Config {
    fn default() -> Config {
        Config {
            keys: Bindings::default(),
            theme: Palette::default(),
            scope: FilterScope::All,
            columns: DEFAULT_COLUMNS.to_vec(),
            reading_width: DEFAULT_READING_WIDTH,
            ambiguous: Ambiguous::Narrow,
        }
    }
}

/// A configuration file that cannot be used, with the line of the mistake when known.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read. The reason is part of the message and is not
    /// a `source` too, so that a report with the error's chain says it once.
    #[error("{file}: cannot read: {reason}")]
    Read {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// The file is not valid TOML or has a bad name or value.
    #[error("{file}{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Invalid {
        /// The file as named in messages.
        file: String,
        /// 1-based line of the mistake.
        line: Option<usize>,
        /// What is wrong and what is expected.
        message: String,
    },
}

/// An action name from the `[keys]` table, checked against [`COMMANDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ActionName(&'static str);

impl<'de> Deserialize<'de> for ActionName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ActionName, D::Error> {
        let s = String::deserialize(d)?;
        bindings::command(&s)
            .map(|c| ActionName(c.name))
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "unknown action {s:?}, expected one of: {}",
                    bindings::command_names().join(", ")
                ))
            })
    }
}

/// The `[filter]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct FilterTable {
    scope: FilterScope,
}

/// The `[list]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ListTable {
    columns: Spanned<Vec<Column>>,
}

impl Default for ListTable {
    fn default() -> ListTable {
        ListTable {
            columns: Spanned::new(0..0, DEFAULT_COLUMNS.to_vec()),
        }
    }
}

/// The `[reader]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ReaderTable {
    width: u16,
}

impl Default for ReaderTable {
    fn default() -> ReaderTable {
        ReaderTable {
            width: DEFAULT_READING_WIDTH,
        }
    }
}

/// The `[terminal]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct TerminalTable {
    ambiguous: Ambiguous,
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    keys: BTreeMap<Spanned<ActionName>, Vec<KeySpec>>,
    theme: Palette,
    filter: FilterTable,
    list: ListTable,
    reader: ReaderTable,
    terminal: TerminalTable,
}

/// The byte offset to report `trap` at: the first of its commands the user bound, else at the first
/// binding that took one of their default keys away, else the first binding.
fn trap_line(keys: &BTreeMap<Spanned<ActionName>, Vec<KeySpec>>, trap: QuitTrap) -> Option<usize> {
    let bound = |name: &str| keys.keys().find(|n| n.get_ref().0 == name);
    let defaults: Vec<KeySpec> = trap
        .commands
        .iter()
        .filter_map(|&name| bindings::command(name))
        .flat_map(|c| c.default.iter().copied())
        .collect();
    let taker = || {
        keys.iter()
            .filter(|(_, ks)| ks.iter().any(|k| defaults.contains(k)))
            .map(|(n, _)| n)
            .min_by_key(|n| n.span().start)
    };
    let first = || keys.keys().map(|n| n.span().start).min();
    trap.commands
        .iter()
        .find_map(|&name| bound(name))
        .or_else(taker)
        .map(|n| n.span().start)
        .or_else(first)
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(at)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Config {
    /// Parses the text of a configuration file; `file` names it in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let invalid = |at: Option<usize>, message: String| ConfigError::Invalid {
            file: file.to_owned(),
            line: at.map(|a| line_of(text, a)),
            message,
        };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| invalid(e.span().map(|s| s.start), e.message().trim().to_owned()))?;
        let user: BTreeMap<&'static str, Vec<KeySpec>> = raw
            .keys
            .iter()
            .map(|(name, keys)| (name.get_ref().0, keys.clone()))
            .collect();
        let keys = Bindings::with(&user).map_err(|c| {
            let at = raw
                .keys
                .keys()
                .find(|n| n.get_ref().0 == c.second)
                .map(|n| n.span().start);
            invalid(
                at,
                format!(
                    "key \"{}\" is bound to both {} and {}, which apply in the same place",
                    c.key, c.first, c.second
                ),
            )
        })?;
        if let Some(trap) = keys.quit_trap() {
            return Err(invalid(trap_line(&raw.keys, trap), trap.message.to_owned()));
        }
        let columns = raw.list.columns.get_ref();
        if !columns.contains(&Column::Title) {
            return Err(invalid(
                Some(raw.list.columns.span().start),
                "the columns must include \"title\" (the list would show no headlines)".to_owned(),
            ));
        }
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].contains(c) {
                return Err(invalid(
                    Some(raw.list.columns.span().start),
                    format!("column \"{}\" is listed twice", c.name()),
                ));
            }
        }
        Ok(Config {
            keys,
            theme: raw.theme,
            scope: raw.filter.scope,
            columns: columns.clone(),
            reading_width: raw.reader.width,
            ambiguous: raw.terminal.ambiguous,
        })
    }

    /// Reads `path`; a missing file gives the defaults. Anything but a regular file (a FIFO
    /// would block) is an error.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = crate::escape::path(path);
        match crate::regular::read_to_string(path) {
            Ok(text) => Config::parse(&text, &file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(ConfigError::Read {
                file,
                reason: "not UTF-8 text (save it in that encoding)".to_owned(),
            }),
            Err(e) => Err(ConfigError::Read {
                file,
                reason: e.to_string(),
            }),
        }
    }
}

/// Where the configuration file is read from: `$PAPERTUI_CONFIG_DIR/config.toml`, else the
/// platform configuration directory; None when neither can be determined.
pub fn config_path() -> Option<PathBuf> {
    let dir = match std::env::var_os(CONFIG_DIR_ENV).filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => directories::ProjectDirs::from("", "", "papertui")?
            .config_dir()
            .to_path_buf(),
    };
    Some(dir.join(CONFIG_FILE))
}

/// A TOML string literal for `s`.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// The lowercase configuration name of a default colour.
fn colour_name(c: ColorValue) -> String {
    c.0.to_string().to_ascii_lowercase()
}

/// The complete default configuration file, commented; it parses back to the defaults.
pub fn default_file() -> String {
    let mut out = String::from(
        "# papertui configuration. Every setting is optional: delete what you do not change.\n\
         # Unknown names and bad values are errors, reported with their line.\n\n\
         # Key bindings: action = [keys]. A key is a character (\"q\", \"G\", \"/\") or one of\n\
         # enter, esc, tab, backtab, space, backspace, delete, insert, up, down, left, right,\n\
         # home, end, pageup, pagedown, f1…f12, optionally after ctrl- or alt- (\"ctrl-c\").\n\
         # A key bound here is taken away from the defaults of other actions in the same place.\n\
         # Character keys do nothing while typing in a filter; ctrl-/alt- keys still work.\n\
         [keys]\n",
    );
    let defaults = Bindings::default();
    for (cmd, keys) in defaults.iter() {
        let list: Vec<String> = keys.iter().map(|k| quoted(&k.to_string())).collect();
        let _ = writeln!(out, "# {}\n{} = [{}]", cmd.help, cmd.name, list.join(", "));
    }
    out.push_str(
        "\n# Colours: a name (reset, black, red, green, yellow, blue, magenta, cyan, gray,\n\
         # darkgray, lightred, lightgreen, lightyellow, lightblue, lightmagenta, lightcyan,\n\
         # white), \"#rrggbb\", or a 256-colour index 0…255. NO_COLOR turns colours off.\n\
         [theme]\n",
    );
    let p = Palette::default();
    for (name, c) in [
        ("border_focused", p.border_focused),
        ("border", p.border),
        ("highlight", p.highlight),
        ("dim", p.dim),
        ("accent", p.accent),
        ("bookmark", p.bookmark),
        ("unread", p.unread),
        ("name", p.name),
        ("status_fg", p.status_fg),
        ("status_bg", p.status_bg),
    ] {
        let _ = writeln!(out, "{name} = {}", quoted(&colour_name(c)));
    }
    out.push_str(
        "\n[filter]\n\
         # Scope at start when no saved state says otherwise: all, headline, person, bookmarked.\n\
         scope = \"all\"\n\n\
         [list]\n\
         # Article list columns, left to right: marks, date, region, kind, title.\n",
    );
    let cols: Vec<String> = DEFAULT_COLUMNS.iter().map(|c| quoted(c.name())).collect();
    let _ = writeln!(out, "columns = [{}]", cols.join(", "));
    out.push_str(
        "\n[reader]\n\
         # Longest reader line in Chinese characters (two columns each); 0 = the pane's width.\n",
    );
    let _ = writeln!(out, "width = {DEFAULT_READING_WIDTH}");
    out.push_str(
        "\n[terminal]\n\
         # How wide the terminal draws “ ” ‘ ’ — … ·: narrow (most terminals) or wide (set for\n\
         # CJK, like fzf --ambidouble); the reader then draws them in two columns.\n\
         ambiguous = \"narrow\"\n",
    );
    out
}

#[cfg(test)]
mod tests;
