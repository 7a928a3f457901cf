//! Key names as written in the configuration file (`"q"`, `"ctrl-c"`, `"pagedown"`).
//!
//! A key is parsed once into a [`KeySpec`] (code plus Ctrl/Alt) and compared against
//! crossterm's [`KeyEvent`] after normalising away Shift, which terminals report
//! inconsistently for shifted characters (`G` arrives with or without SHIFT). Named keys are
//! case-insensitive; a single character is taken as typed, so `"g"` and `"G"` differ.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::de::{self, Deserialize, Deserializer};

/// The named keys accepted besides single characters, and `f1`…`f12`.
pub const NAMED_KEYS: &[&str] = &[
    "enter",
    "esc",
    "tab",
    "backtab",
    "space",
    "backspace",
    "delete",
    "insert",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
];

/// One key with its modifiers, as bound in the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeySpec {
    /// The key itself (characters keep their case; Shift is folded into them).
    pub code: KeyCode,
    /// Ctrl held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl KeySpec {
    /// A key without Ctrl or Alt.
    pub const fn plain(code: KeyCode) -> KeySpec {
        KeySpec {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// A plain character key.
    pub const fn char(c: char) -> KeySpec {
        KeySpec::plain(KeyCode::Char(c))
    }

    /// Ctrl plus a character.
    pub const fn ctrl(c: char) -> KeySpec {
        KeySpec {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Alt plus a key.
    pub const fn alt(code: KeyCode) -> KeySpec {
        KeySpec {
            code,
            ctrl: false,
            alt: true,
        }
    }

    /// Ctrl plus a named key.
    pub const fn ctrl_key(code: KeyCode) -> KeySpec {
        KeySpec {
            code,
            ctrl: true,
            alt: false,
        }
    }

    /// The spec a key event matches, with Shift folded away.
    pub fn of_event(key: KeyEvent) -> KeySpec {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let code = match key.code {
            // Ctrl-letter arrives lowercase on most terminals, uppercase on some.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        KeySpec {
            code,
            ctrl,
            alt: key.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// True for a key that types a character into an input (no Ctrl or Alt).
    pub fn types_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    /// Parses `"q"`, `"G"`, `"ctrl-c"`, `"alt-enter"`, `"pagedown"`, `"f5"`.
    pub fn parse(s: &str) -> Result<KeySpec, String> {
        let bad = || {
            format!(
                "bad key {s:?}, expected a single character or one of: {}, f1…f12, \
                 optionally after ctrl- or alt-",
                NAMED_KEYS.join(", ")
            )
        };
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = rest.get(5..).ok_or_else(bad)?;
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = rest.get(4..).ok_or_else(bad)?;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            (Some(c), None) => KeyCode::Char(c),
            _ => named(&rest.to_ascii_lowercase()).ok_or_else(bad)?,
        };
        Ok(KeySpec { code, ctrl, alt })
    }
}

/// The key code of a named key.
fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        f => {
            let n: u8 = f.strip_prefix('f')?.parse().ok()?;
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    })
}

impl fmt::Display for KeySpec {
    /// The name used in the configuration file, so help text can be pasted back into it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("backtab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeySpec, D::Error> {
        let s = String::deserialize(d)?;
        KeySpec::parse(&s).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_characters_named_keys_and_modifiers() {
        assert_eq!(KeySpec::parse("q"), Ok(KeySpec::char('q')));
        assert_eq!(KeySpec::parse("G"), Ok(KeySpec::char('G')));
        assert_eq!(KeySpec::parse("-"), Ok(KeySpec::char('-')));
        assert_eq!(KeySpec::parse("书"), Ok(KeySpec::char('书')));
        assert_eq!(KeySpec::parse("ctrl-C"), Ok(KeySpec::ctrl('c')));
        assert_eq!(
            KeySpec::parse("PageDown"),
            Ok(KeySpec::plain(KeyCode::PageDown))
        );
        assert_eq!(KeySpec::parse("f5"), Ok(KeySpec::plain(KeyCode::F(5))));
        let alt = KeySpec::parse("alt-enter").expect("parses");
        assert!(alt.alt && alt.code == KeyCode::Enter);
        for bad in ["", "ctrl-", "pagedwn", "f13", "qq"] {
            let e = KeySpec::parse(bad).expect_err(bad);
            assert!(e.contains("expected a single character"), "{e}");
        }
    }

    #[test]
    fn display_parses_back() {
        for s in [
            "q", "G", "ctrl-c", "space", "backtab", "pagedown", "f12", "alt-x",
        ] {
            let k = KeySpec::parse(s).expect("parses");
            assert_eq!(k.to_string(), s);
        }
    }

    #[test]
    fn events_match_with_shift_folded() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeySpec::of_event(shifted), KeySpec::char('G'));
        let ctrl = KeyEvent::new(KeyCode::Char('C'), KeyModifiers::CONTROL);
        assert_eq!(KeySpec::of_event(ctrl), KeySpec::ctrl('c'));
        assert!(KeySpec::char('j').types_text());
        assert!(!KeySpec::ctrl('u').types_text());
    }
}
