//! The message shown when the terminal is too small for the interface.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Theme;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};

/// Writes a short "too small" notice, cut to whatever fits (even 1×1).
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let need = format!("need {MIN_WIDTH}×{MIN_HEIGHT}");
    let lines = ["Terminal too small", "终端太小", need.as_str()];
    let top = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let cut = crate::text::truncate(line, usize::from(area.width));
        let x = area.x + (area.width.saturating_sub(crate::text::width(&cut) as u16)) / 2;
        super::set_str(buf, x, y, &cut, usize::from(area.width), theme.dim());
    }
}
