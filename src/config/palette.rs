//! The colours of the interface, as named in the `[theme]` table of the configuration.
//!
//! Only colours are configurable; which elements are bold, reversed or underlined stays fixed,
//! because those modifiers are what keeps the interface readable under `NO_COLOR`.

use ratatui::style::Color;
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// Colour names accepted besides `#rrggbb` and `0`…`255`.
pub const COLOR_NAMES: &[&str] = &[
    "reset",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
];

/// A colour parsed from its name, `#rrggbb` or an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColorValue(pub Color);

impl ColorValue {
    /// Parses a colour, with a message listing what is accepted.
    pub fn parse(s: &str) -> Result<ColorValue, String> {
        let t = s.trim();
        let ok = t.starts_with('#') && t.len() == 7
            || t.parse::<u8>().is_ok()
            || COLOR_NAMES.contains(&t.to_ascii_lowercase().replace(['-', '_', ' '], "").as_str());
        match t.parse::<Color>() {
            Ok(c) if ok => Ok(ColorValue(c)),
            _ => Err(format!(
                "bad colour {s:?}, expected \"#rrggbb\", 0…255 or one of: {}",
                COLOR_NAMES.join(", ")
            )),
        }
    }
}

impl<'de> Deserialize<'de> for ColorValue {
    /// A colour as a string (`"cyan"`, `"#ff8000"`, `"208"`) or as a bare number (`208`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ColorValue, D::Error> {
        d.deserialize_any(ColorVisitor)
    }
}

/// Reads a colour from a TOML string or integer.
struct ColorVisitor;

impl de::Visitor<'_> for ColorVisitor {
    type Value = ColorValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a colour: a name, \"#rrggbb\" or 0…255")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<ColorValue, E> {
        ColorValue::parse(s).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<ColorValue, E> {
        u8::try_from(n)
            .map(|i| ColorValue(Color::Indexed(i)))
            .map_err(|_| E::custom(format!("bad colour {n}, expected 0…255")))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<ColorValue, E> {
        self.visit_i64(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// Every colour the interface uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Palette {
    /// Border of the pane that has the keyboard.
    pub border_focused: ColorValue,
    /// Border of the other panes.
    pub border: ColorValue,
    /// Filter matches in the list.
    pub highlight: ColorValue,
    /// Secondary text: dates, counts, hints, read marks.
    pub dim: ColorValue,
    /// Kind marks, kickers, the person chip.
    pub accent: ColorValue,
    /// Bookmark marks.
    pub bookmark: ColorValue,
    /// Unread marks.
    pub unread: ColorValue,
    /// Person names in the reader.
    pub name: ColorValue,
    /// Status bar text.
    pub status_fg: ColorValue,
    /// Status bar background.
    pub status_bg: ColorValue,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            border_focused: ColorValue(Color::Cyan),
            border: ColorValue(Color::DarkGray),
            highlight: ColorValue(Color::Yellow),
            dim: ColorValue(Color::DarkGray),
            accent: ColorValue(Color::Magenta),
            bookmark: ColorValue(Color::Yellow),
            unread: ColorValue(Color::Cyan),
            name: ColorValue(Color::Green),
            status_fg: ColorValue(Color::Black),
            status_bg: ColorValue(Color::Gray),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_by_name_hex_and_index() {
        assert_eq!(ColorValue::parse("cyan"), Ok(ColorValue(Color::Cyan)));
        assert_eq!(
            ColorValue::parse("dark-gray"),
            Ok(ColorValue(Color::DarkGray))
        );
        assert_eq!(
            ColorValue::parse("#ff8000"),
            Ok(ColorValue(Color::Rgb(255, 128, 0)))
        );
        assert_eq!(
            ColorValue::parse("208"),
            Ok(ColorValue(Color::Indexed(208)))
        );
        let e = ColorValue::parse("purpel").expect_err("unknown");
        assert!(e.contains("expected \"#rrggbb\""), "{e}");
        assert!(ColorValue::parse("#ff80").is_err());
    }
}
