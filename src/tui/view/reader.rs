//! The reader pane: the selected article's pre-wrapped lines, a scrollbar and the position.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{
    Block, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::Theme;
use crate::text;
use crate::tui::app::{App, Focus};
use crate::tui::layout;

/// Draws the reader pane.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let focused = app.focus == Focus::Reader && !app.editing;
    let text_area = layout::reader_text(area);
    let doc = &app.reader.doc;
    let height = usize::from(text_area.height);
    let position = if doc.is_empty() {
        String::new()
    } else {
        let last = (app.reader.scroll + height).min(doc.len());
        format!(" {}-{}/{} ", app.reader.scroll + 1, last, doc.len())
    };
    Block::bordered()
        .title(" Reader ")
        .title_top(Line::from(position).right_aligned())
        .border_style(theme.border(focused))
        .render(area, buf);
    let inner = layout::inner(area);
    for y in inner.top()..inner.bottom() {
        super::put(buf, inner.x, y, "", inner.width, Style::new());
    }
    if doc.is_empty() {
        super::put(
            buf,
            text_area.x,
            text_area.y,
            "(no article)",
            text_area.width,
            theme.dim(),
        );
        return;
    }
    for (row, line) in doc.iter().skip(app.reader.scroll).take(height).enumerate() {
        let y = text_area.y + row as u16;
        let mut x = text_area.x;
        for run in line {
            let room = usize::from(text_area.right().saturating_sub(x));
            let cut = text::truncate(&run.text, room);
            super::set_str(buf, x, y, &cut, room, theme.tone(run.tone));
            x += text::width(&cut) as u16;
        }
    }
    if doc.len() > height {
        let mut state = ScrollbarState::new(doc.len().saturating_sub(height) + 1)
            .position(app.reader.scroll)
            .viewport_content_length(height);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .thumb_style(theme.border(true))
            .render(area.inner(Margin::new(0, 1)), buf, &mut state);
    }
}
