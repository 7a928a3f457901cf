//! Column widths of characters and strings, with the ambiguous-width setting of the thread.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Marker appended by [`truncate`](super::truncate) when text is cut.
pub const ELLIPSIS: char = '…';

/// Characters of East-Asian ambiguous width that Chinese text uses, which terminals set to
/// draw ambiguous characters wide (`ambiguous = "wide"`) draw in two columns.
pub const AMBIGUOUS: &[char] = &[
    '“', '”', '‘', '’', '—', '―', '…', '‥', '·', '°', '×', '※', '§', '′', '″', '–',
];

thread_local! {
    /// Whether [`AMBIGUOUS`] characters are measured two columns wide on this thread (the
    /// thread that lays out and draws the reader).
    static AMBIGUOUS_WIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Measures [`AMBIGUOUS`] characters two columns wide (`true`) or one, on this thread.
pub fn set_ambiguous_wide(wide: bool) {
    AMBIGUOUS_WIDE.with(|w| w.set(wide));
}

/// True when [`AMBIGUOUS`] characters are measured two columns wide on this thread.
pub fn ambiguous_wide() -> bool {
    AMBIGUOUS_WIDE.with(std::cell::Cell::get)
}

/// True for a character drawn two columns wide only because of `ambiguous = "wide"`.
pub fn widened(c: char) -> bool {
    ambiguous_wide() && AMBIGUOUS.contains(&c)
}

/// Columns of one character: as ratatui measures it, but two for [`widened`] ones.
pub fn char_width(c: char) -> usize {
    if widened(c) {
        2
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width in terminal columns, as ratatui measures it (with [`AMBIGUOUS`] characters
/// two columns wide when [`ambiguous_wide`]).
pub fn width(s: &str) -> usize {
    let narrow = UnicodeWidthStr::width(s);
    if ambiguous_wide() {
        narrow + s.chars().filter(|c| AMBIGUOUS.contains(c)).count()
    } else {
        narrow
    }
}
