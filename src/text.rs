//! Display-width helpers: measure, truncate, pad and wrap text by terminal columns, never by bytes.
//!
//! Chinese characters take two columns, so every layout decision is made on display width as
//! measured by `unicode-width` (ambiguous-width punctuation counts as one column, like ratatui).
//! Text is walked by `char`, so no function here can cut inside a character. Wrapping follows
//! the Chinese line-breaking rules: a break may fall between any two CJK characters, Latin words
//! and numbers stay whole when they fit, no line starts with closing punctuation and none ends
//! with opening punctuation.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that must not begin a line (closing punctuation).
const NO_LINE_START: &str = "，。、；：？！）」』》”’…,.;:?!)]}%〉】〕";
/// Characters that must not end a line (opening punctuation).
const NO_LINE_END: &str = "（「『《“‘([{〈【〔";

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of one character (control characters count as zero).
fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `s` cut to at most `max` columns, ending in `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1;
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` followed by spaces up to `width` columns (unchanged when already as wide or wider).
pub fn pad_right(s: &str, width: usize) -> String {
    let w = self::width(s);
    let mut out = String::with_capacity(s.len() + width.saturating_sub(w));
    out.push_str(s);
    for _ in w..width {
        out.push(' ');
    }
    out
}

/// Column of the cursor placed before character `char_pos` of `text`.
pub fn cursor_col(text: &str, char_pos: usize) -> usize {
    text.chars().take(char_pos).map(char_width).sum()
}

/// `text` wrapped into lines of at most `width` columns with the Chinese line-breaking rules.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_indented(text, width, 0)
}

/// Like [`wrap`], but the first line starts with `first_indent_cols` spaces (首行缩进).
///
/// The indent is part of the returned first line and counts towards its width.
pub fn wrap_indented(text: &str, width: usize, first_indent_cols: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let indent = first_indent_cols.min(width.saturating_sub(1));
    let mut line = " ".repeat(indent);
    let mut used = indent;
    for unit in units(text) {
        let unit_width = width_of(&unit);
        let is_space = unit.iter().all(|c| c.is_whitespace());
        if is_space {
            if used > 0 && used < width {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        if used + unit_width > width && used > 0 && !line.trim().is_empty() {
            push_line(&mut lines, &mut line);
            used = 0;
        }
        for c in unit {
            let w = char_width(c);
            if w > width {
                continue;
            }
            if used + w > width {
                push_line(&mut lines, &mut line);
                used = 0;
            }
            line.push(c);
            used += w;
        }
    }
    if !line.trim().is_empty() {
        push_line(&mut lines, &mut line);
    }
    lines
}

/// Moves `line` (without trailing spaces) into `lines` and leaves it empty.
fn push_line(lines: &mut Vec<String>, line: &mut String) {
    let trimmed_len = line.trim_end().len();
    line.truncate(trimmed_len);
    lines.push(std::mem::take(line));
}

/// Total display width of a unit.
fn width_of(unit: &[char]) -> usize {
    unit.iter().copied().map(char_width).sum()
}

/// Splits text into unbreakable units: a CJK character, a Latin word or number, or a space,
/// with closing punctuation glued to the unit before and opening punctuation to the unit after.
fn units(text: &str) -> Vec<Vec<char>> {
    let mut units: Vec<Vec<char>> = Vec::new();
    let mut pending_open: Vec<char> = Vec::new();
    let mut word: Vec<char> = Vec::new();
    let flush_word = |word: &mut Vec<char>, units: &mut Vec<Vec<char>>, open: &mut Vec<char>| {
        if !word.is_empty() {
            let mut unit = std::mem::take(open);
            unit.append(word);
            units.push(unit);
        }
    };
    for c in text.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            flush_word(&mut word, &mut units, &mut pending_open);
            units.push(vec![' ']);
        } else if c.is_ascii_alphanumeric() || (c.is_alphanumeric() && char_width(c) == 1) {
            word.push(c);
        } else if NO_LINE_START.contains(c) {
            flush_word(&mut word, &mut units, &mut pending_open);
            match units.last_mut() {
                Some(last) if !last.iter().all(|c| c.is_whitespace()) => last.push(c),
                _ => units.push(vec![c]),
            }
        } else if NO_LINE_END.contains(c) {
            flush_word(&mut word, &mut units, &mut pending_open);
            pending_open.push(c);
        } else if c.is_whitespace() {
            flush_word(&mut word, &mut units, &mut pending_open);
            units.push(vec![' ']);
        } else if char_width(c) == 0 {
            continue;
        } else {
            flush_word(&mut word, &mut units, &mut pending_open);
            let mut unit = std::mem::take(&mut pending_open);
            unit.push(c);
            units.push(unit);
        }
    }
    flush_word(&mut word, &mut units, &mut pending_open);
    if !pending_open.is_empty() {
        units.push(pending_open);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_counts_columns_not_chars() {
        assert_eq!(width("吕沛"), 4);
        assert_eq!(width("ab"), 2);
        // Ambiguous-width quotes count as one column (pitfall 7).
        assert_eq!(width("“四城联创”"), 10);
    }

    #[test]
    fn truncate_never_splits_a_wide_char() {
        assert_eq!(truncate("山阳区召开", 5), "山阳…");
        assert_eq!(truncate("山阳区召开", 4), "山…");
        assert_eq!(truncate("山阳", 4), "山阳");
        assert_eq!(truncate("山阳", 0), "");
        assert!(width(&truncate("温县2022年度党委", 7)) <= 7);
    }

    #[test]
    fn pad_right_pads_by_display_width() {
        assert_eq!(pad_right("温县", 6), "温县  ");
        assert_eq!(width(&pad_right("山阳区", 8)), 8);
    }

    #[test]
    fn cursor_col_measures_text_before_cursor() {
        assert_eq!(cursor_col("吕沛ab", 0), 0);
        assert_eq!(cursor_col("吕沛ab", 2), 4);
        assert_eq!(cursor_col("吕沛ab", 3), 5);
        assert_eq!(cursor_col("吕沛ab", 99), 6);
    }

    #[test]
    fn wrap_breaks_between_cjk_and_keeps_punctuation_rules() {
        let lines = wrap("会议指出，去年以来，全区广大党员", 10);
        for line in &lines {
            assert!(width(line) <= 10, "{line}");
            assert!(!line.starts_with('，'), "{line}");
        }
        assert_eq!(lines[0], "会议指出，");
    }

    #[test]
    fn wrap_never_ends_a_line_with_opening_punctuation() {
        let lines = wrap("一二三四（扩大）会议", 10);
        for line in &lines {
            assert!(!line.ends_with('（'), "{lines:?}");
        }
    }

    #[test]
    fn wrap_keeps_numbers_whole() {
        let lines = wrap("一二三四2022年", 10);
        assert_eq!(lines, vec!["一二三四", "2022年"]);
    }

    #[test]
    fn wrap_indented_indents_first_line_only() {
        let lines = wrap_indented("一二三四五六七八", 8, 2);
        assert_eq!(lines, vec!["  一二三", "四五六七", "八"]);
    }

    #[test]
    fn wrap_with_one_column_never_overflows() {
        for line in wrap("山阳ab", 1) {
            assert!(width(&line) <= 1);
        }
        assert!(wrap("山阳", 0).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn wrap_and_truncate_never_exceed_width(s in "[a-z 山阳区，。（）“”0-9]{0,40}", w in 0usize..12) {
            for line in wrap_indented(&s, w, 2) {
                proptest::prop_assert!(width(&line) <= w);
            }
            proptest::prop_assert!(width(&truncate(&s, w)) <= w);
        }
    }
}
