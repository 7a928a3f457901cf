//! The status bar while the corpus loads: a gauge of files read, with articles so far.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{LineGauge, Widget};

use super::Theme;
use crate::corpus::Progress;

/// Draws the loading gauge in the status bar's place.
pub fn render(p: &Progress, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let ratio = if p.files_total == 0 {
        0.0
    } else {
        (p.files_done as f64 / p.files_total as f64).clamp(0.0, 1.0)
    };
    let phase = if p.from_cache {
        "reading cache"
    } else if p.people {
        "finding people"
    } else {
        "loading"
    };
    let label = format!(
        " {phase} {}/{} files · {} articles ",
        p.files_done, p.files_total, p.articles
    );
    super::put(buf, area.x, area.y, "", area.width, theme.status());
    LineGauge::default()
        .ratio(ratio)
        .label(Span::styled(label, theme.status()))
        .filled_style(theme.accent())
        .unfilled_style(theme.dim())
        .render(area, buf);
}
