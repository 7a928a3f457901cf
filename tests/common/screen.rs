//! Screen helpers: build an App over the sample corpus, render it, turn screens into text,
//! check that wide glyphs are well-formed, and emulate a real terminal's handling of them.

use std::sync::{Arc, OnceLock};

use papertui::search::Catalog;
use papertui::tui::{Action, App, TuiOptions, update};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// The embedded sample corpus as a store, parsed once per test binary.
pub fn store() -> Arc<Catalog> {
    static STORE: OnceLock<Arc<Catalog>> = OnceLock::new();
    STORE
        .get_or_init(|| Arc::new(Catalog::build(papertui::corpus::sample())))
        .clone()
}

/// An App of size `w`×`h` after `actions` (searches run synchronously).
pub fn app(w: u16, h: u16, actions: impl IntoIterator<Item = Action>) -> App {
    let mut app = App::new(store(), &TuiOptions::default());
    update::start(&mut app);
    update::update(&mut app, Action::Resize(w, h));
    apply(&mut app, actions);
    app
}

/// Applies `actions`, settling searches after each.
pub fn apply(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        update::update(app, a);
        update::settle(app);
    }
}

/// Types `s` into the current input.
pub fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Insert).collect()
}

/// A fresh render of `app` on a `w`×`h` screen.
pub fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, as a terminal shows it (a wide glyph covers the next
/// cell), each row closed by `$` so trailing blanks are visible.
pub fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            out.push_str(s);
            x += (s.width() as u16).max(1);
        }
        out.push_str("$\n");
    }
    out
}

/// Asserts every wide glyph is followed by a blank cell inside the row, so each row is exactly
/// the screen width and nothing is hidden or pushed (pitfalls 1, 3, 5).
pub fn assert_well_formed(buf: &Buffer) {
    for y in 0..buf.area.height {
        let mut cols = 0;
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            let w = s.width();
            assert!(w <= 2, "cell ({x},{y}) {s:?} is {w} wide");
            if w == 2 {
                assert!(
                    x + 1 < buf.area.width,
                    "wide glyph {s:?} in the last column of row {y}"
                );
                assert_eq!(
                    buf[(x + 1, y)].symbol(),
                    " ",
                    "cell after {s:?} at ({x},{y}) is not blank"
                );
            }
            cols += w.max(1);
            x += (w as u16).max(1);
        }
        assert_eq!(
            cols,
            usize::from(buf.area.width),
            "row {y} is not exactly the screen width"
        );
    }
}

/// Asserts the right border is drawn on every row of the bordered panes (rows 0..h-1).
pub fn assert_right_border(buf: &Buffer) {
    let x = buf.area.width - 1;
    for y in 0..buf.area.height.saturating_sub(1) {
        let s = buf[(x, y)].symbol();
        assert!(
            "│┐┘║█▐▌".contains(s) && !s.is_empty(),
            "row {y} ends with {s:?}:\n{}",
            screen_text(buf)
        );
    }
}

/// A test backend that applies writes the way a terminal does: a wide glyph covers the next
/// column, and overwriting half of a wide glyph erases the other half.
pub struct TermEmu {
    inner: TestBackend,
}

impl TermEmu {
    /// A `w`×`h` emulated terminal.
    pub fn new(w: u16, h: u16) -> TermEmu {
        TermEmu {
            inner: TestBackend::new(w, h),
        }
    }

    /// What the terminal shows now.
    pub fn buffer(&self) -> &Buffer {
        self.inner.buffer()
    }
}

impl Backend for TermEmu {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.inner.buffer().area.width;
        let mut writes: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            let grid = self.inner.buffer();
            let here = grid[(x, y)].symbol().width();
            if x > 0 && grid[(x - 1, y)].symbol().width() == 2 {
                writes.push((x - 1, y, Cell::new(" ")));
            }
            if here == 2 && cell.symbol().width() < 2 && x + 1 < width {
                writes.push((x + 1, y, Cell::new(" ")));
            }
            writes.push((x, y, cell.clone()));
            if cell.symbol().width() == 2 && x + 1 < width {
                if x + 2 < width && grid[(x + 1, y)].symbol().width() == 2 {
                    writes.push((x + 2, y, Cell::new(" ")));
                }
                writes.push((x + 1, y, Cell::new(" ")));
            }
            let ws: Vec<(u16, u16, &Cell)> = writes.iter().map(|(x, y, c)| (*x, *y, c)).collect();
            let _ = self.inner.draw(ws.into_iter());
            writes.clear();
        }
        Ok(())
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> Result<(), Self::Error> {
        Ok(())
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        let _ = self.inner.clear();
        Ok(())
    }
    fn clear_region(&mut self, t: ClearType) -> Result<(), Self::Error> {
        let _ = self.inner.clear_region(t);
        Ok(())
    }
    fn size(&self) -> Result<Size, Self::Error> {
        Ok(self.inner.buffer().area.as_size())
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let size = self.inner.buffer().area.as_size();
        Ok(WindowSize {
            columns_rows: size,
            pixels: Size::new(0, 0),
        })
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Renders `before`, then `after` on the same emulated terminal (only the diff is written),
/// and asserts the screen equals a fresh render of `after`: no stale cells.
pub fn assert_no_stale_cells(before: &App, after: &App, w: u16, h: u16) {
    let mut terminal = Terminal::new(TermEmu::new(w, h)).expect("emulator");
    terminal
        .draw(|f| f.render_widget(before, f.area()))
        .expect("draw");
    terminal
        .draw(|f| f.render_widget(after, f.area()))
        .expect("draw");
    let shown = screen_text(terminal.backend().buffer());
    let fresh = screen_text(&render(after, w, h));
    assert_eq!(
        shown, fresh,
        "screen after the change differs from a fresh render"
    );
}
