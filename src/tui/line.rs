//! A one-line text input edited by characters, displayed by columns.
//!
//! The cursor is a character index, so Chinese input and pastes never land inside a
//! character; where it appears on screen is the display width of the text before it
//! (pitfall 8), and [`LineInput::window`] scrolls long input horizontally by columns.

use crate::text;

/// Text being typed and the cursor position in it (in characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// An input holding `text` with the cursor at its end.
    pub fn with_text(text: &str) -> LineInput {
        LineInput {
            text: text.to_owned(),
            cursor: text.chars().count(),
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

    /// Inserts `c` at the cursor.
    pub fn insert(&mut self, c: char) {
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
    /// The window starts as far left as possible while keeping the cursor visible.
    pub fn window(&self, cols: usize) -> (String, usize) {
        if cols == 0 {
            return (String::new(), 0);
        }
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = 0;
        while start < self.cursor
            && text::cursor_col(&self.text, self.cursor) - text::cursor_col(&self.text, start)
                >= cols
        {
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for &c in chars.iter().skip(start) {
            let w = text::width(c.encode_utf8(&mut [0; 4]));
            if used + w > cols {
                break;
            }
            used += w;
            shown.push(c);
        }
        let col = text::cursor_col(&self.text, self.cursor) - text::cursor_col(&self.text, start);
        (shown, col)
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

    #[test]
    fn long_input_scrolls_to_keep_cursor_visible() {
        let input = LineInput::with_text("山阳区召开四城联创");
        let (shown, col) = input.window(6);
        assert!(col < 6, "{shown} {col}");
        assert!(text::width(&shown) <= 6);
        assert!(shown.ends_with('创') || col == text::width(&shown));
    }
}
