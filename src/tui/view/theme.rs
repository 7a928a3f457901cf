//! Styles for every semantic element, with a `NO_COLOR` variant that uses modifiers only.
//!
//! Colours come from the configured [`Palette`]; modifiers are fixed so that every element
//! stays distinguishable without colour.

use ratatui::style::{Modifier, Style};

use crate::config::Palette;
use crate::tui::doc::Tone;

/// The style table of one frame.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    color: bool,
    p: Palette,
}

impl Theme {
    /// `palette`'s colours unless `no_color` (then bold, reverse, underline and dim only).
    pub fn new(palette: &Palette, no_color: bool) -> Theme {
        Theme {
            color: !no_color,
            p: *palette,
        }
    }

    /// The bookmark mark.
    pub fn bookmark(self) -> Style {
        if self.color {
            Style::new()
                .fg(self.p.bookmark.0)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The unread mark.
    pub fn unread(self) -> Style {
        if self.color {
            Style::new().fg(self.p.unread.0)
        } else {
            Style::new()
        }
    }

    /// Pane border, brighter when the pane has the keyboard.
    pub fn border(self, focused: bool) -> Style {
        match (self.color, focused) {
            (true, true) => Style::new().fg(self.p.border_focused.0),
            (true, false) => Style::new().fg(self.p.border.0),
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
            Style::new()
                .fg(self.p.highlight.0)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Secondary text: dates, counts, hints.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(self.p.dim.0)
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
            Style::new().fg(self.p.accent.0)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// The status bar.
    pub fn status(self) -> Style {
        if self.color {
            Style::new().fg(self.p.status_fg.0).bg(self.p.status_bg.0)
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
            Tone::Problem => self.accent().add_modifier(Modifier::ITALIC),
            Tone::Meta | Tone::People => self.dim(),
            Tone::Body => Style::new(),
            Tone::Match => self.highlight().add_modifier(Modifier::REVERSED),
            Tone::Name => {
                if self.color {
                    Style::new().fg(self.p.name.0).add_modifier(Modifier::BOLD)
                } else {
                    Style::new().add_modifier(Modifier::UNDERLINED)
                }
            }
        }
    }
}
