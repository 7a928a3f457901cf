//! A one-line text input edited by characters, displayed by columns.
//!
//! The cursor is a character index, so Chinese input and pastes never land inside a
//! character; where it appears on screen is the display width of the text before it
//! (pitfall 8), and [`LineInput::window`] scrolls long input horizontally by columns.
//! Input stops at [`MAX_FILTER_CHARS`] characters, so a paste of a whole page cannot make every
//! later keystroke (which searches again) slow.

use crate::state::MAX_FILTER_CHARS;
use crate::text;

/// Text being typed and the cursor position in it (in characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// An input holding `text` (its first [`MAX_FILTER_CHARS`] characters) with the cursor at
    /// its end.
    pub fn with_text(text: &str) -> LineInput {
        let kept = text
            .char_indices()
            .nth(MAX_FILTER_CHARS)
            .map_or(text, |(at, _)| text.get(..at).unwrap_or(text));
        LineInput {
            text: kept.to_owned(),
            cursor: kept.chars().count(),
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cursor position, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Byte offset of character `pos` (the end when past it).
    fn byte_at(&self, pos: usize) -> usize {
        self.text
            .char_indices()
            .nth(pos)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Inserts `c` at the cursor, unless the input is full.
    pub fn insert(&mut self, c: char) {
        if self.text.chars().count() >= MAX_FILTER_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts `s` at the cursor, as typed text: line breaks and tabs become spaces, other
    /// control characters are dropped (a paste never carries a command).
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\r' | '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Deletes the character before the cursor; false when there was none.
    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    /// Deletes the character under the cursor; false when there was none.
    pub fn delete(&mut self) -> bool {
        if self.cursor >= self.text.chars().count() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
        true
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Deletes from the cursor back to the start of the word before it, and the whitespace
    /// after that word (readline's Ctrl-W); false when there was nothing before the cursor.
    pub fn delete_word_back(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor.min(chars.len());
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        self.delete_range(start, self.cursor)
    }

    /// Deletes from the start of the line to the cursor (readline's Ctrl-U).
    pub fn delete_to_start(&mut self) -> bool {
        self.delete_range(0, self.cursor)
    }

    /// Deletes from the cursor to the end of the line (readline's Ctrl-K).
    pub fn delete_to_end(&mut self) -> bool {
        let end = self.text.chars().count();
        self.delete_range(self.cursor, end)
    }

    /// Moves the cursor to the start of the word before it (readline's Alt-B). Words are runs
    /// of letters and digits, a run of Chinese characters included.
    pub fn word_left(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut at = self.cursor.min(chars.len());
        while at > 0 && !chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
        while at > 0 && chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
        self.cursor = at;
    }

    /// Moves the cursor past the end of the word after it (readline's Alt-F).
    pub fn word_right(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut at = self.cursor.min(chars.len());
        while at < chars.len() && !chars[at].is_alphanumeric() {
            at += 1;
        }
        while at < chars.len() && chars[at].is_alphanumeric() {
            at += 1;
        }
        self.cursor = at;
    }

    /// Deletes characters `from..to` and leaves the cursor at `from`; false when empty.
    fn delete_range(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.text.replace_range(a..b, "");
        self.cursor = from;
        true
    }

    /// Empties the input.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The part of the text shown in `cols` columns and the cursor's column within it.
    ///
    /// The window starts as far left as possible while keeping the cursor visible. One pass
    /// over the text: it is drawn every frame, and a saved or pasted filter can be long.
    pub fn window(&self, cols: usize) -> (String, usize) {
        if cols == 0 {
            return (String::new(), 0);
        }
        let widths: Vec<(char, usize)> = self
            .text
            .chars()
            .map(|c| (c, text::width(c.encode_utf8(&mut [0; 4]))))
            .collect();
        let cursor = self.cursor.min(widths.len());
        let cursor_col: usize = widths.iter().take(cursor).map(|&(_, w)| w).sum();
        let (mut start, mut start_col) = (0, 0);
        while start < cursor && cursor_col - start_col >= cols {
            start_col += widths.get(start).map_or(0, |&(_, w)| w);
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for &(c, w) in widths.iter().skip(start) {
            if used + w > cols {
                break;
            }
            used += w;
            shown.push(c);
        }
        (shown, cursor_col - start_col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_chinese_moves_by_characters() {
        let mut input = LineInput::default();
        for c in "吕沛".chars() {
            input.insert(c);
        }
        input.left();
        input.insert('x');
        assert_eq!(input.text(), "吕x沛");
        assert_eq!(input.cursor(), 2);
        assert!(input.backspace());
        assert!(input.delete());
        assert_eq!(input.text(), "吕");
        input.home();
        assert!(!input.backspace());
        input.end();
        assert!(!input.delete());
    }

    #[test]
    fn pasted_text_is_inserted_whole_without_control_characters() {
        let mut input = LineInput::with_text("吕");
        input.home();
        input.insert_str("示范区\r\nlp\tq\u{1b}x");
        assert_eq!(input.text(), "示范区  lp qx吕");
        assert_eq!(input.cursor(), 10);
    }

    #[test]
    fn readline_word_and_line_edits() {
        let mut input = LineInput::with_text("@lp 示范区 会议");
        assert!(input.delete_word_back());
        assert_eq!(input.text(), "@lp 示范区 ");
        assert!(input.delete_word_back());
        assert_eq!(input.text(), "@lp ");
        input.insert_str("召开 会议");
        input.word_left();
        assert_eq!(input.cursor(), 7);
        input.word_left();
        input.word_left();
        assert_eq!(input.cursor(), 1, "@ is not part of the word");
        input.word_right();
        assert_eq!(input.cursor(), 3);
        assert!(input.delete_to_end());
        assert_eq!(input.text(), "@lp");
        input.left();
        assert!(input.delete_to_start());
        assert_eq!((input.text(), input.cursor()), ("p", 0));
        assert!(!input.delete_to_start());
        assert!(!input.delete_word_back());
        let mut input = LineInput::with_text("@吕沛");
        input.insert('x');
        input.left();
        input.left();
        assert!(input.delete_to_start());
        assert_eq!(input.text(), "沛x");
    }

    #[test]
    fn cursor_column_is_display_width_before_it() {
        let input = LineInput::with_text("吕沛a");
        assert_eq!(input.window(20), ("吕沛a".to_owned(), 5));
    }

    /// The window as it was first written: the cursor column measured from the start for
    /// every candidate start (quadratic), kept to check the linear one against.
    fn window_by_columns(input: &LineInput, cols: usize) -> (String, usize) {
        if cols == 0 {
            return (String::new(), 0);
        }
        let t = input.text();
        let mut start = 0;
        while start < input.cursor()
            && text::cursor_col(t, input.cursor()) - text::cursor_col(t, start) >= cols
        {
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for c in t.chars().skip(start) {
            let w = text::width(c.encode_utf8(&mut [0; 4]));
            if used + w > cols {
                break;
            }
            used += w;
            shown.push(c);
        }
        let col = text::cursor_col(t, input.cursor()) - text::cursor_col(t, start);
        (shown, col)
    }

    proptest::proptest! {
        #[test]
        fn the_window_is_the_one_measured_by_columns(
            t in "[a-z吕沛，。 ]{0,40}",
            back in 0usize..45,
            cols in 0usize..30,
        ) {
            let mut input = LineInput::with_text(&t);
            for _ in 0..back {
                input.left();
            }
            proptest::prop_assert_eq!(input.window(cols), window_by_columns(&input, cols));
        }
    }

    #[test]
    fn a_long_input_is_windowed_in_one_pass() {
        // Measured from the start for every candidate start, this took seconds a frame.
        let input = LineInput {
            text: "吕沛a".repeat(34_000),
            cursor: 102_000,
        };
        let (shown, col) = input.window(80);
        assert!(text::width(&shown) <= 80 && col < 80, "{col}");
        assert!(shown.ends_with("吕沛a"));
    }

    #[test]
    fn input_stops_at_the_cap() {
        let mut input = LineInput::with_text(&"吕".repeat(MAX_FILTER_CHARS + 10));
        assert_eq!(input.cursor(), MAX_FILTER_CHARS);
        input.insert('x');
        assert_eq!(input.text(), "吕".repeat(MAX_FILTER_CHARS));
        assert!(input.backspace());
        input.insert('x');
        assert!(input.text().ends_with('x'));
    }

    #[test]
    fn long_input_scrolls_to_keep_cursor_visible() {
        let input = LineInput::with_text("山阳区召开四城联创");
        let (shown, col) = input.window(6);
        assert!(col < 6, "{shown} {col}");
        assert!(text::width(&shown) <= 6);
        assert!(shown.ends_with('创') || col == text::width(&shown));
    }
}
