//! Styles for every semantic element, with a `NO_COLOR` variant that uses modifiers only.

use ratatui::style::{Color, Modifier, Style};

use crate::tui::doc::Tone;

/// The style table of one frame.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours unless `no_color` (then bold, reverse, underline and dim only).
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    /// Pane border, brighter when the pane has the keyboard.
    pub fn border(self, focused: bool) -> Style {
        match (self.color, focused) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().fg(Color::DarkGray),
            (false, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, false) => Style::new(),
        }
    }

    /// The selected row.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Characters matched by the filter, names in the body.
    pub fn highlight(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Secondary text: dates, counts, hints.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Stand-ins for missing headlines.
    pub fn untitled(self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    /// Kind marks (图, 简, 评) and accents.
    pub fn accent(self) -> Style {
        if self.color {
            Style::new().fg(Color::Magenta)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The status bar.
    pub fn status(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Reader text of a tone.
    pub fn tone(self, tone: Tone) -> Style {
        match tone {
            Tone::Title => Style::new().add_modifier(Modifier::BOLD),
            Tone::Kicker | Tone::Subtitle => self.accent(),
            Tone::Untitled => self.untitled(),
            Tone::Meta | Tone::People => self.dim(),
            Tone::Body => Style::new(),
            Tone::Name => {
                if self.color {
                    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
                } else {
                    Style::new().add_modifier(Modifier::UNDERLINED)
                }
            }
        }
    }
}
